"""The descriptor reference page: every field of the program and provider files, from the schemas.

Titles, descriptions and examples are the schemas' own (both languages), and
the values of a coded field are its vocabulary's terms, so the reference
cannot drift from what the validator accepts.
"""

from __future__ import annotations

from typing import Any

import yaml

from mccat.model.schema import Descriptor, descriptor_index
from mccat.site.language import Language
from mccat.site.value_html import mark_japanese
from mccat.site.views import DescriptorDoc, DescriptorReference

VOCABULARY_REF = "vocabularies.schema.json#/$defs/"
LISTED_ELSEWHERE = {"isced_field"}  # 29 codes: the field pages list them instead


def descriptor_reference(language: Language) -> DescriptorReference:
    return DescriptorReference(_reference(language, "program"), _reference(language, "provider"))


def _reference(language: Language, kind: str) -> tuple[DescriptorDoc, ...]:
    lang, other = language.code, language.other
    return tuple(
        DescriptorDoc(
            name=descriptor.name,
            depth=len(descriptor.path) - 1,
            title=mark_japanese(descriptor.title[lang], lang),
            other_title=descriptor.title[other],
            description=mark_japanese(descriptor.description[lang], lang),
            required=descriptor.required,
            example=_example_yaml(descriptor),
            values=tuple(
                mark_japanese(f"{code} — {term.label[lang]}", lang)
                for code, term in _vocabulary_of(language, descriptor).items()
            ),
        )
        for descriptor in descriptor_index(kind).values()
    )


def _vocabulary_of(language: Language, descriptor: Descriptor) -> dict[str, Any]:
    node = descriptor.node
    ref = node.get("$ref") or (node.get("items") or {}).get("$ref") or ""
    if ref.startswith(VOCABULARY_REF):
        name = ref.rsplit("/", 1)[1]
        if name not in LISTED_ELSEWHERE:
            return language.vocab[name].terms
    return {}


def _example_yaml(descriptor: Descriptor) -> str:
    if descriptor.example is None:
        return ""
    return yaml.safe_dump(
        {descriptor.path[-1]: descriptor.example},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=80,
    ).rstrip("\n")
