"""The GitHub issue form for providers who do not use git: one question per schema field.

Generated from the program schema (titles, descriptions, required flags) and
the vocabularies (dropdown choices), so the form never drifts from what the
catalogue accepts. `mccat issue-form` writes it; a test checks it is current.
"""

from __future__ import annotations

from typing import Any

import yaml

from mccat.model.schema import Descriptor, descriptors, load_schema, resolve
from mccat.model.vocabulary import vocabularies
from mccat.validation.markdown import plain

FORM_FILE = ".github/ISSUE_TEMPLATE/program-proposal.yml"
# Fields the committee fills in, not the provider (the CTID is given when the file is made, `mccat new`).
COMMITTEE_FIELDS = {"schema_version", "ctid"}
# Lists of records asked for as one text box, with how to write each line.
LINE_FORMATS = {
    "skills": (
        "1行に1つ：日本語 / English / ESCOのURI（任意）",
        "One per line: Japanese / English / ESCO URI (optional)",
    ),
    "offerings": (
        "1行に1回：開始日 終了日 申込締切（YYYY-MM-DD、終了日と締切は任意）",
        "One run per line: start end deadline (YYYY-MM-DD; end and deadline optional)",
    ),
    "stackability.stacks_into_external": (
        "1行に1つ：日本語名 / English title / https://…",
        "One per line: Japanese title / English title / https://…",
    ),
}
INTRO = (
    "**マイクロクレデンシャル・プログラムの登録申請** — gitを使わずに申請できます。"
    "各項目の説明は記述項目リファレンスにあります。委員会がこの内容からファイルを作成し、"
    "プルリクエストで審査します。\n\n"
    "**Program proposal** — no git needed. Each field is explained in the descriptor reference. "
    "The committee turns this proposal into a catalogue file and reviews it in a pull request."
)


def _text_kind(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    for name in ("text_both", "text"):
        if ref.endswith(f"#/$defs/{name}"):
            return name
    return None


def _vocabulary(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref") or (node.get("items") or {}).get("$ref") or ""
    return ref.rsplit("/", 1)[1] if "vocabularies.schema.json#/$defs/" in ref else None


def _label(d: Descriptor, suffix: tuple[str, str] = ("", "")) -> str:
    return f"{d.title['ja']}{suffix[0]} / {d.title['en']}{suffix[1]}"


def _description(d: Descriptor, extra: tuple[str, str] | None = None) -> str:
    """The field's help in both languages. GitHub renders it as Markdown: it is escaped so that nothing in the
    schema's text becomes a heading, link, mention or HTML."""
    ja, en = d.description["ja"], d.description["en"]
    if extra:
        ja, en = f"{ja} {extra[0]}", f"{en} {extra[1]}"
    return f"{plain(ja)}\n{plain(en)}"


def _element(
    kind: str, element_id: str, label: str, description: str, required: bool, **attributes: Any
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": kind,
        "id": element_id,
        "attributes": {"label": label, "description": description, **attributes},
    }
    if required:
        element["validations"] = {"required": True}
    return element


def form_fields() -> list[dict[str, Any]]:
    """One form element per fillable schema field (two for texts in both languages)."""
    root = load_schema("program")
    vocabs = vocabularies()
    elements: list[dict[str, Any]] = []
    required_paths: dict[tuple[str, ...], bool] = {(): True}
    grouped: set[tuple[str, ...]] = set()
    for d in descriptors("program"):
        required = d.required and required_paths.get(d.path[:-1], False)
        required_paths[d.path] = required
        if d.path[0] in COMMITTEE_FIELDS or any(d.path[:i] in grouped for i in range(1, len(d.path))):
            continue
        element_id = "-".join(d.path).replace("_", "-")
        node = resolve(d.node, root)
        text = _text_kind(d.node)
        items = d.node.get("items") or {}
        vocabulary = _vocabulary(d.node)
        if text:
            for lang, suffix in (("ja", ("（日本語）", " (Japanese)")), ("en", ("（英語）", " (English)"))):
                box = "input" if d.path[-1] in ("title", "name", "label") else "textarea"
                elements.append(
                    _element(
                        box,
                        f"{element_id}-{lang}",
                        _label(d, suffix),
                        _description(d),
                        required and text == "text_both",
                    )
                )
        elif node.get("type") == "array" and _text_kind(items):
            for lang, suffix in (("ja", ("（日本語）", " (Japanese)")), ("en", ("（英語）", " (English)"))):
                elements.append(
                    _element(
                        "textarea",
                        f"{element_id}-{lang}",
                        _label(d, suffix),
                        _description(d, ("1行に1項目。", "One per line.")),
                        required,
                    )
                )
        elif vocabulary:
            options = [f"{t.label['ja']} / {t.label['en']} ({t.code})" for t in vocabs[vocabulary].terms.values()]
            elements.append(
                _element(
                    "dropdown",
                    element_id,
                    _label(d),
                    _description(d),
                    required,
                    options=options,
                    multiple=node.get("type") == "array",
                )
            )
        elif node.get("type") == "boolean":
            elements.append(
                _element(
                    "dropdown", element_id, _label(d), _description(d), required, options=["はい / Yes", "いいえ / No"]
                )
            )
        elif node.get("type") == "object":
            continue  # its fields follow as their own questions
        elif node.get("type") == "array":
            line_format = LINE_FORMATS.get(d.name, ("1行に1項目。", "One per line."))
            elements.append(_element("textarea", element_id, _label(d), _description(d, line_format), required))
            grouped.add(d.path)
        else:
            placeholder = d.example if isinstance(d.example, (str, int, float)) else None
            extra = {"placeholder": str(placeholder)} if placeholder is not None else {}
            elements.append(_element("input", element_id, _label(d), _description(d), required, **extra))
    return elements


def issue_form_text() -> str:
    form = {
        "name": "プログラムの登録申請 / Program proposal",
        "description": "新しいプログラムの登録や変更を申請する（gitは不要） / "
        "Propose a new or changed program without using git",
        "title": "[申請 / Proposal] ",
        "labels": ["proposal"],
        "body": [
            {"type": "markdown", "attributes": {"value": INTRO}},
            _element(
                "input",
                "program-slug",
                "プログラムID（スラッグ） / Program id (slug)",
                plain("英小文字・数字・ハイフン。公開URLの一部になります。")
                + "\n"
                + plain("Lowercase letters, digits and hyphens; it becomes part of the public URL."),
                True,
                placeholder="data-science-basics",
            ),
            *form_fields(),
            {
                "type": "checkboxes",
                "id": "authority",
                "attributes": {
                    "label": "確認 / Confirmation",
                    "options": [
                        {
                            "label": "私はこの提供機関を代表して申請する権限があります。 / "
                            "I am authorised to act for this provider.",
                            "required": True,
                        }
                    ],
                },
            },
        ],
    }
    header = (
        "# Generated by `mccat issue-form` from schemas/program.schema.json and the vocabularies.\n"
        "# Do not edit by hand: change the schema, run `mccat issue-form`, commit.\n"
    )
    return header + yaml.dump(form, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=1000)


class _FormDumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, readable in a review of the form file."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FormDumper.add_representer(str, _represent_text)
