"""The JSON Schemas: where they live, their bilingual help texts, compiled validators."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

# Package data: the repository's schemas/ folder, installed as mccat.schemas (pyproject.toml), so a
# non-editable install finds them wherever it runs.
SCHEMA_DIR = Path(str(files("mccat.schemas")))
SCHEMA_FILES = {
    "program": "program.schema.json",
    "provider": "provider.schema.json",
    "decision": "decision.schema.json",
    "vocabularies": "vocabularies.schema.json",
    "registry": "registry.schema.json",
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


def help_text(node: dict[str, Any]) -> dict[str, dict[str, str]]:
    """A schema node's title and description in both languages."""
    ja = node.get("x-ja", {})
    return {
        "title": {"ja": ja.get("title", ""), "en": node.get("title", "")},
        "description": {"ja": ja.get("description", ""), "en": node.get("description", "")},
    }


@dataclass(frozen=True)
class Descriptor:
    """One property of a schema, with its bilingual help and an example."""

    path: tuple[str, ...]
    title: dict[str, str]
    description: dict[str, str]
    required: bool
    example: Any
    node: dict[str, Any]

    @property
    def name(self) -> str:
        return ".".join(self.path)


@cache
def descriptor_index(kind: str) -> dict[str, Descriptor]:
    """The schema's descriptors by dotted path ('delivery.mode')."""
    return {d.name: d for d in descriptors(kind)}


def descriptor_label(kind: str, path: str, lang: str) -> str:
    """A descriptor's title in one language: its label wherever it is shown."""
    return descriptor_index(kind)[path].title[lang]


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref (local or into the vocabularies) to the node it names."""
    ref = node.get("$ref")
    if not ref:
        return node
    file, _, pointer = ref.partition("#")
    target = (
        load_schema("vocabularies")
        if file == SCHEMA_FILES["vocabularies"]
        else (load_schema("program") if file == SCHEMA_FILES["program"] else root)
    )
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return resolve(target, root)


def descriptors(kind: str) -> Iterator[Descriptor]:
    """Every property of a schema, depth first in the schema's own order."""
    root = load_schema(kind)

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> Iterator[Descriptor]:
        node = resolve(node, root)
        if node.get("type") == "array":
            node = resolve(node.get("items", {}), root)
        required = set(node.get("required", ()))
        for name, prop in node.get("properties", {}).items():
            texts = help_text(prop)
            examples = prop.get("examples") or [None]
            yield Descriptor(path + (name,), texts["title"], texts["description"], name in required, examples[0], prop)
            target = resolve(prop, root)
            if target.get("type") == "array":
                target = resolve(target.get("items", {}), root)
            if target.get("type") == "object" and not _is_text(target):
                yield from walk(target, path + (name,))

    return walk(root, ())


@cache
def optional_language_paths(kind: str) -> list[tuple[str, ...]]:
    """Where a text may hold one language only ($defs/text); '*' stands for every list item.

    Texts that need both languages are the schema's business; these are the
    ones where a missing translation is only worth a warning.
    """
    root = load_schema(kind)
    found: list[tuple[str, ...]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        if node.get("$ref", "").endswith("/$defs/text"):
            found.append(path)
            return
        node = resolve(node, root)
        if node.get("type") == "array":
            walk(node.get("items", {}), path + ("*",))
        for name, prop in node.get("properties", {}).items():
            walk(prop, path + (name,))

    walk(root, ())
    return found


def _is_text(node: dict[str, Any]) -> bool:
    return set(node.get("properties", {})) == {"ja", "en"}


def _enums_for_speed(node: Any) -> Any:
    """Rewrite vocabulary `oneOf` lists of consts as `enum`: same meaning, much faster."""
    if isinstance(node, dict):
        one_of = node.get("oneOf")
        if isinstance(one_of, list) and one_of and all(isinstance(t, dict) and "const" in t for t in one_of):
            node = {k: v for k, v in node.items() if k != "oneOf"}
            node["enum"] = [t["const"] for t in one_of]
            return node
        return {k: _enums_for_speed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_enums_for_speed(v) for v in node]
    return node


@cache
def validator(kind: str) -> Draft202012Validator:
    """A compiled validator for 'program', 'provider' or 'decision', its $refs resolved offline.

    Imported on first use: only files that fail the fast check need it.
    """
    from jsonschema import Draft202012Validator, validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (
            SCHEMA_FILES[name],
            Resource.from_contents(
                _enums_for_speed(copy.deepcopy(load_schema(name))), default_specification=DRAFT202012
            ),
        )
        for name in SCHEMA_FILES
    ]
    registry = Registry().with_resources(resources)
    schema = _enums_for_speed(copy.deepcopy(load_schema(kind)))
    with_ecma_patterns = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return with_ecma_patterns(schema, registry=registry)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """The `pattern` keyword as JSON Schema means it (ECMA-262 regular expressions), as jsonschema-rs checks it."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _python_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _python_regex(pattern: str) -> re.Pattern[str]:
    r"""A JSON Schema pattern as a Python regular expression. `$` (not escaped, outside a character class) becomes
    `\Z`: in ECMA-262 it matches at the end of the text only, in Python also before a final line feed, so the
    Python validator would take "example-kosen\n" for an id that jsonschema-rs refuses."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


@cache
def fast_validator(kind: str) -> jsonschema_rs.Validator:
    """The same schema compiled by jsonschema-rs: answers "valid?" ~100x faster.

    Used as the first pass; only documents it rejects go through the Python
    validator, whose errors we turn into messages.
    """
    registry = jsonschema_rs.Registry([(SCHEMA_FILES[name], load_schema(name)) for name in SCHEMA_FILES])
    return jsonschema_rs.Draft202012Validator(load_schema(kind), registry=registry)
