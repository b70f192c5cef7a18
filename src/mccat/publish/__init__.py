"""The machine-readable registry: the URL scheme (one `Urls` object), schema.org JSON-LD, Open Badges 3.0
Achievements, JSON, CSV and Atom exports under /api/v1/, written deterministically."""
