"""The JSON Schemas, installed with the core package as `mccat.schemas` (pyproject.toml; mccat.model.schema)."""
