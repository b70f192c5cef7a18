"""What the committee reviews: the catalogue as it was at a git revision, the field-by-field diff between
two revisions with its flags and reports, who may change what (ownership, CODEOWNERS), and renewals due."""
