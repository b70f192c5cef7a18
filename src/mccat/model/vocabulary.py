"""Controlled vocabularies and their ja/en labels, read from the one data file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mccat.model.schema import help_text, load_schema


@dataclass(frozen=True)
class Term:
    code: str
    label: dict[str, str]
    description: dict[str, str]
    aliases: tuple[str, ...] = ()  # other names people use for it (`x-aliases`), to suggest the code


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: dict[str, str]
    terms: dict[str, Term]

    def label(self, code: str, lang: str) -> str:
        term = self.terms.get(code)
        return term.label[lang] if term else str(code)

    @property
    def codes(self) -> list[str]:
        return list(self.terms)


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary by name, terms in the order the data file gives."""
    result = {}
    for name, node in load_schema("vocabularies")["$defs"].items():
        terms = {}
        for entry in node["oneOf"]:
            texts = help_text(entry)
            terms[entry["const"]] = Term(
                entry["const"], texts["title"], texts["description"], tuple(entry.get("x-aliases", ()))
            )
        result[name] = Vocabulary(name, help_text(node)["title"], terms)
    return result


def label(vocabulary: str, code: str, lang: str) -> str:
    return vocabularies()[vocabulary].label(code, lang)


def broad_field(narrow: str) -> str:
    """The ISCED-F broad field of a narrow field code ('061' -> '06')."""
    return narrow[:2]
