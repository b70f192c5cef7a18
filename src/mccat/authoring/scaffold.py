"""`mccat new`: a provider or program file with every field explained in both languages."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import yaml

from mccat.model.schema import help_text, load_schema, resolve

SCHEMA_LINE = "# yaml-language-server: $schema={relative}schemas/{kind}.schema.json"


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _is_text(node: dict) -> bool:
    return set(node.get("properties", {})) == {"ja", "en"}


def _comment_block(prop: dict, indent: str, required: bool, root: dict) -> list[str]:
    texts = help_text(prop)
    if required:
        flag = "required / 必須"
    elif prop.get("x-recommended"):
        flag = "recommended / 推奨"
    else:
        flag = "optional / 任意"
    lines = [
        f"{indent}# {texts['title']['en']} / {texts['title']['ja']} ({flag})",
        f"{indent}#   {texts['description']['en']}",
        f"{indent}#   {texts['description']['ja']}",
    ]
    target = resolve(prop, root)
    items = resolve(target.get("items", {}), root) if target.get("type") == "array" else target
    example = (prop.get("examples") or [None])[0]
    if example is not None and not _is_text(items) and items.get("type") != "object":
        lines.append(f"{indent}#   example / 例: {_scalar(example)}")
    if "oneOf" in items:
        terms = ", ".join(f"{t['const']} ({t['title']} / {t['x-ja']['title']})" for t in items["oneOf"])
        lines.append(f"{indent}#   {'one or more of' if items is not target else 'one of'}: {terms}")
    return lines


def _value_lines(name: str, prop: dict, indent: str, root: dict) -> list[str]:
    target = resolve(prop, root)
    if _is_text(target):
        return [f"{indent}{name}:", f'{indent}  ja: ""', f'{indent}  en: ""']
    if target.get("type") == "object":
        return [f"{indent}{name}:"] + _object_lines(target, indent + "  ", root)
    if target.get("type") == "array":
        items = resolve(target.get("items", {}), root)
        if _is_text(items):
            return [f"{indent}{name}:", f'{indent}  - ja: ""', f'{indent}    en: ""']
        if items.get("type") == "object":
            body = _object_lines(items, indent + "    ", root)
            if all(line.lstrip().startswith("#") for line in body):  # no required field: show the first one
                body = _object_lines(items, indent + "    ", root, shown=next(iter(items.get("properties", {}))))
            first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
            body[first] = indent + "  - " + body[first].lstrip()
            return [f"{indent}{name}:"] + body
        return [f"{indent}{name}: []"]
    if "const" in target:
        return [f"{indent}{name}: {_scalar(target['const'])}"]
    return [f"{indent}{name}:"]


def _object_lines(node: dict, indent: str, root: dict, shown: str | None = None) -> list[str]:
    """The fields of an object, each with its help; optional ones commented out (but `shown`)."""
    lines: list[str] = []
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        lines += _comment_block(prop, indent, name in required, root)
        body = _value_lines(name, prop, indent, root)
        if prop.get("x-recommended") and body == [f"{indent}{name}:"]:
            body = [f'{indent}{name}: ""']  # asked for like a required field; leaving it empty is an error
        elif name not in required and name != shown:
            body = [f"{indent}# {line[len(indent) :]}" for line in body]
        lines += body
    return lines


def scaffold(kind: str, provider: str | None = None, ctid: str | None = None) -> str:
    """The text of a new file; required values left empty for the validator to point at. `ctid`: the
    record's Credential Engine CTID, written in (given once, when the file is created, never changed)."""
    root = load_schema(kind)
    relative = "../../../" if kind == "program" else "../../"
    texts = help_text(root)
    lines = [
        SCHEMA_LINE.format(relative=relative, kind=kind),
        f"# {texts['title']['en']} / {texts['title']['ja']}",
        f"# {texts['description']['en']}",
        f"# {texts['description']['ja']}",
        "# Fill in every empty value, uncomment the optional fields you need, then run `mccat validate`.",
        "# 空欄をすべて記入し、必要な任意項目のコメントを外してから `mccat validate` を実行してください。",
        "",
    ]
    body = _object_lines(root, "", root)
    if provider:
        # quoted: an id such as `on`, `no` or `123` would be read as a boolean or a number
        body = [f"provider: {_scalar(provider)}" if line.startswith("provider:") else line for line in body]
    if ctid:
        body = [f"ctid: {ctid}" if line.startswith("# ctid:") else line for line in body]  # ce-<uuid>: plain text
    return "\n".join(lines + body) + "\n"


def scaffold_decision(
    kind: str | None,
    programs: list[str],
    *,
    today: date,
    renamed_to: str | None = None,
    records: list[dict[str, Any]] | None = None,
) -> str:
    """A decision file: the template with what is known filled in (the date, kind, programs, the new id of a
    rename, and the records a withdrawal or rename keeps); what the kind needs uncommented and empty."""
    lines = scaffold("decision").splitlines()
    filled = {
        "date:": f'date: "{today.isoformat()}"',
        "kind:": f"kind: {kind}" if kind else "kind:",
        "programs: []": "programs:" + "".join(f"\n  - {program}" for program in programs)
        if programs
        else "programs: []",
    }
    if kind in ("approve", "renew"):
        filled["# valid_until:"] = 'valid_until: ""'
    if kind == "rename":
        filled["# renamed_to:"] = f"renamed_to: {renamed_to or ''}"
    result: list[str] = []
    uncomment = False
    for line in lines:
        if line == "# records:" and records:
            result.append(
                yaml.safe_dump({"records": records}, allow_unicode=True, sort_keys=False, width=1000).rstrip()
            )
            break
        if line == "# reason:" and kind in ("suspend", "withdraw"):
            uncomment = True
        if uncomment and line.startswith("# "):
            result.append(line[2:])
            uncomment = line != '#   en: ""'
            continue
        uncomment = False
        result.append(filled.get(line, line))
    return "\n".join(result) + "\n"
