"""mccat: the micro-credential catalogue core. Never imports mkdocs."""

import os

LANGUAGES = ("ja", "en")
# Environment variables that hold secrets: the registry's private signing key (mccat.publish.signing.keys).
SECRET_ENV = ("MCCAT_SIGNING_KEY",)


def environment_without_secrets() -> dict[str, str]:
    """This process's environment for a program that is not ours (git, Pagefind): without the signing key,
    which only our own build code reads."""
    return {name: value for name, value in os.environ.items() if name not in SECRET_ENV}
