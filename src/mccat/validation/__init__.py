"""From files to a valid catalogue: YAML read safely with every value's position, the schemas' errors
rewritten for people, the rules a schema cannot express, the reporters (text, JSON, GitHub annotations),
and `load_catalogue`, which gives the model only once every file is valid."""
