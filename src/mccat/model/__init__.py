"""The catalogue as data: providers and programs, the schemas and vocabularies that define them, the
framework conformance rules, and the approval history read from git. Depends on nothing else of mccat."""
