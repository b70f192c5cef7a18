"""The machinery only the MkDocs hook uses: the build's plan, the other language's build process,
staging, Pagefind indexing, frame parts shared between pages, and garbage-collector settings."""
