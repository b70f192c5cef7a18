"""mccat: the micro-credential catalogue core. Never imports mkdocs."""

LANGUAGES = ("ja", "en")
