"""`governance/registry.yaml`: the registry's name, contact and data licence, and what the Registry Committee
tells providers (review times, fees, appeals), with located problems in Japanese and English.

    parse_registry(text, display) -> (RegistryBody, problems)
    load_registry(path) -> RegistryBody        raises CatalogueError; REGISTRY when the file is absent

The one reader of the file. The keys below are read; other keys are left to whoever uses them (the file is
the committee's place for facts about the registry as a whole), so this reader does not refuse them.

    publisher:
      name: {ja: ..., en: ...}
      url: https://...            optional; default the site's home page
      country: JP                 ISO 3166-1 alpha-2, default JP
    contact:
      email: office@example.org   optional
      url: https://...            optional: a contact page or form
    licence:
      data:                       default CC BY 4.0
        id: CC-BY-4.0             SPDX identifier
        url: https://creativecommons.org/licenses/by/4.0/
        name: {ja: ..., en: ...}
    review:                       the guides' settings, checked against schemas/registry.schema.json;
      first_response_days: 10     a key left empty is not set yet, and the guides say "to be announced"
      decision_days: 20
      meetings: {ja: ..., en: ...}
    fees:
      application: {amount: 0, currency: JPY}
      renewal: {amount: 0, currency: JPY}
      notes: {ja: ..., en: ...}
    appeals:
      within_days: 30
      how: {ja: ..., en: ...}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mccat.model.registry import CC_BY_4, REGISTRY, Licence, RegistryBody, RegistrySettings
from mccat.validation.messages import Shown, text, word
from mccat.validation.problems import CatalogueError, Problem
from mccat.validation.schema_messages import schema_problems
from mccat.validation.source import SourceDocument, YamlProblem, parse_yaml, read_text

REGISTRY_FILE = "governance/registry.yaml"
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\Z")
HTTPS = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s]*)?\Z")
SPDX = re.compile(r"^[A-Za-z0-9.+-]+\Z")
GUIDE_SECTIONS = ("review", "fees", "appeals")  # the guides' settings (schemas/registry.schema.json)


class _Reader:
    def __init__(self, doc: SourceDocument, display: str):
        self.doc, self.display = doc, display
        self.problems: list[Problem] = []

    def fail(self, path: tuple, message: Any, hint: Any) -> None:
        line, column = self.doc.position(path)
        self.problems.append(Problem(self.display, line, column, "registry.value", message, hint))

    def get(self, path: tuple) -> Any:
        node: Any = self.doc.data
        for key in path:
            if not isinstance(node, dict):
                return None
            node = node.get(key)
        return node

    def text(self, path: tuple, default: dict[str, str]) -> dict[str, str]:
        value = self.get(path)
        if value is None:
            return default
        if not (
            isinstance(value, dict)
            and set(value) == {"ja", "en"}
            and all(isinstance(v, str) and v.strip() for v in value.values())
        ):
            self.fail(path, text("registry.bilingual", key=".".join(path)), text("hint.registry-bilingual"))
            return default
        return dict(value)

    def string(self, path: tuple, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, str) or not pattern.match(value):
            said = word(f"registry.what.{what}")
            self.fail(
                path,
                text("registry.form", key=".".join(path), what=said, value=Shown(value)),
                text("hint.registry-form", what=said),
            )
            return None
        return value


def _set_values(value: Any) -> Any:
    """The value without what is not set: None, empty strings, and mappings left empty by that."""
    if isinstance(value, dict):
        kept = {k: v for k, v in ((k, _set_values(v)) for k, v in value.items()) if v is not None}
        return kept or None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _guide_settings(doc: SourceDocument) -> tuple[dict[str, Any], list[Problem]]:
    """The guides' settings that are set, checked against schemas/registry.schema.json with the validator's
    messages (located, Japanese and English)."""
    data = {key: value for key in GUIDE_SECTIONS if (value := _set_values(doc.data.get(key))) is not None}
    checked = SourceDocument(doc.file, data, doc.value_marks, doc.key_marks, doc.text)
    problems = list(schema_problems("registry", checked))
    return ({} if problems else data), problems


def parse_registry(content: str, display: str) -> tuple[RegistryBody, list[Problem]]:
    """The registry's facts from the file's text, and every problem in it."""
    try:
        doc = parse_yaml(content, display)
    except YamlProblem as exc:
        return REGISTRY, [exc.problem]
    if not isinstance(doc.data, dict):
        return REGISTRY, [
            Problem(display, 1, 1, "registry.value", text("registry.not-a-mapping"), text("hint.registry-keys"))
        ]
    read = _Reader(doc, display)
    licence = CC_BY_4
    if read.get(("licence", "data")) is not None:
        spdx = read.string(("licence", "data", "id"), SPDX, "spdx")
        url = read.string(("licence", "data", "url"), HTTPS, "licence-url")
        name = read.text(("licence", "data", "name"), CC_BY_4.name)
        if spdx and url:
            licence = Licence(spdx, name, url)
        elif not read.problems:
            read.fail(("licence", "data"), text("registry.licence-parts"), text("hint.registry-licence-parts"))
    country = read.string(("publisher", "country"), re.compile(r"^[A-Z]{2}\Z"), "country")
    email = read.string(("contact", "email"), EMAIL, "email")
    contact_url = read.string(("contact", "url"), HTTPS, "https")
    guide, guide_problems = _guide_settings(doc)
    contact = {key: value for key, value in (("email", email), ("url", contact_url)) if value}
    body = RegistryBody(
        name=read.text(("publisher", "name"), REGISTRY.name),
        url=read.string(("publisher", "url"), HTTPS, "https"),
        email=email,
        contact_url=contact_url,
        licence=licence,
        country=country or REGISTRY.country,
        settings=RegistrySettings({**guide, **({"contact": contact} if contact else {})}),
    )
    return body, read.problems + guide_problems


def load_registry(path: Path) -> RegistryBody:
    """The registry's facts from `path` (REGISTRY when there is no such file); CatalogueError if invalid."""
    if not path.is_file():
        return REGISTRY
    display = str(path)
    try:
        content = read_text(path, display)
    except YamlProblem as exc:
        raise CatalogueError([exc.problem]) from None
    body, problems = parse_registry(content, display)
    if problems:
        raise CatalogueError(problems)
    return body
