"""The semantic diff for people and tools: Markdown for a pull-request comment, text, JSON.

Field names come from the schema's titles and vocabulary codes are shown
with their labels, in the reviewer's language. Text from the pull request is
untrusted: in Markdown every value sits in a code span (no links, mentions or
HTML can come alive), invisible characters are written out as <U+XXXX>, and
lookalike letters inside a Latin word as <U+XXXX NAME>.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from functools import cache
from typing import Any

from mccat.model.schema import descriptors
from mccat.model.vocabulary import label as vocabulary_label
from mccat.review.diff import ASSESSED, MISSING, CatalogueDiff, EntryChange, Flag, field_changes, invisible_characters
from mccat.validation.hidden import json_escape_hidden, one_line, reveal
from mccat.validation.markdown import code
from mccat.validation.problems import Problem
from mccat.validation.rules import lookalike_letters
from mccat.validation.source import as_mapping

LONG_TEXT = 80  # characters; longer texts are shown as the changed passage with some context
CONTEXT = 24  # characters of unchanged text kept on each side of a change

WORDS = {
    "title": {"ja": "カタログの変更", "en": "Catalogue changes"},
    "working tree": {"ja": "作業ツリー", "en": "working tree"},
    "no changes": {"ja": "カタログに変更はありません。", "en": "No changes to the catalogue."},
    "added": {"ja": "追加", "en": "Added"},
    "removed": {"ja": "削除", "en": "Removed"},
    "renamed": {"ja": "名前変更", "en": "Renamed"},
    "changed": {"ja": "変更", "en": "Changed"},
    "flagged": {"ja": "要確認", "en": "To check"},
    "count": {"ja": "{n}件", "en": "{n}"},
    "provider": {"ja": "提供機関", "en": "Provider"},
    "program": {"ja": "プログラム", "en": "Program"},
    "providers": {"ja": "提供機関", "en": "Providers"},
    "programs": {"ja": "プログラム", "en": "Programs"},
    "field": {"ja": "項目", "en": "Field"},
    "before": {"ja": "変更前", "en": "Before"},
    "after": {"ja": "変更後", "en": "After"},
    "entry": {"ja": "対象", "en": "Entry"},
    "check": {"ja": "確認すること", "en": "What to check"},
    "look twice": {"ja": "慎重な確認が必要な変更が {n} 件あります。", "en": "{n} change(s) need a careful look."},
    "renamed note": {
        "ja": "内容の一致度 {p}%。公開URLが変わります。",
        "en": "{p}% of the content is the same; its public URL changes.",
    },
    "problems": {"ja": "読み取れなかったファイル", "en": "Files that could not be read"},
    "problems note": {
        "ja": "次のファイルは比較できませんでした。`mccat validate` で確認してください。",
        "en": "These files could not be compared; run `mccat validate` on them.",
    },
    "yes": {"ja": "はい", "en": "yes"},
    "no": {"ja": "いいえ", "en": "no"},
    "hours": {"ja": "{n} 時間", "en": "{n} hours"},
    "valid until": {"ja": "有効期限 {d}", "en": "valid until {d}"},
    "one language": {"ja": "変更: {changed}、未変更: {same}", "en": "changed: {changed}; unchanged: {same}"},
    "value": {"ja": "内容", "en": "Value"},
    "removed note": {
        "ja": "カタログから削除されます（公開ページも消えます）。",
        "en": "Leaves the catalogue (its public pages disappear).",
    },
    "removed unpublished": {
        "ja": "カタログから削除されます。承認されたことがないため、公開済みのものは変わりません。",
        "en": "Leaves the catalogue; it was never approved, so nothing published changes.",
    },
    "removed by decision": {
        "ja": "ファイルは削除されますが、決定 {id} によりページとデータは同じアドレスに残ります。",
        "en": "Its file leaves the catalogue; decision {id} keeps its page and files at the same addresses.",
    },
    "renamed by decision": {
        "ja": "決定 {id} による移行です。旧アドレスは新しいアドレスを指します。",
        "en": "Decision {id} moves it; the old address points to the new one.",
    },
    "not published": {
        "ja": "委員会の決定がまだないため、公開サイトには掲載されません（決定ファイルは委員会が追加します）。",
        "en": "Not published until the committee adds a decision (the committee adds the decision file).",
    },
    "approved by": {
        "ja": "この変更に含まれる決定 {id} で承認されます。",
        "en": "Approved by decision {id}, part of this change.",
    },
    "amended by": {
        "ja": "評価対象の内容の変更は、この変更に含まれる決定 {id} で承認されます。",
        "en": "Decision {id}, part of this change, approves the change to the assessed content.",
    },
    "decision": {"ja": "決定", "en": "Decision"},
    "decisions": {"ja": "委員会の決定", "en": "Committee decisions"},
    "decision edited note": {
        "ja": "マージ済みの決定は公開の記録です。誤りは編集ではなく新しい決定で正してください。",
        "en": "A merged decision is a public record: correct it with a new decision, not by editing it.",
    },
}

FLAG_TEXT = {
    "decision-edited": {
        "ja": "公開済みの決定（公開の記録）が変更されました",
        "en": "A published decision (a public record) was edited",
    },
    "decision-removed": {"ja": "公開済みの決定が削除されます", "en": "A published decision is removed"},
    "decision-out-of-order": {
        "ja": "新しい決定の番号が公開済みの認定の決定より前です（発行済みの認定証明書の失効リスト上の位置がずれます）。"
        "次の番号を付けてください",
        "en": "A new decision is numbered before published approvals (issued certificates' status-list entries "
        "would move): give it the next number",
    },
    "approved-removed": {
        "ja": "承認されたプログラムが、取り下げの決定なしに削除されます",
        "en": "An approved program is deleted without a withdrawal decision",
    },
    "approved-renamed": {
        "ja": "承認されたプログラムが、移行の決定なしにIDを変えます",
        "en": "An approved program changes its id without a rename decision",
    },
    "id-reused": {"ja": "以前に使われたIDがもう一度使われています", "en": "An id used before is used again"},
    "withdrawn-edited": {"ja": "取り下げ済みのプログラムが変更されました", "en": "A withdrawn program was edited"},
    "assessed-changed": {
        "ja": "承認済みのプログラムの評価対象の内容が、承認内容の変更の決定なしに変わりました",
        "en": "Assessed content of an approved program changed without an amend-approval decision",
    },
    "invisible-characters": {
        "ja": "見えない文字・双方向制御文字があります",
        "en": "Invisible or bidirectional characters",
    },
    "lookalike-letters": {
        "ja": "ラテン文字に似た別の文字が語に混じっています",
        "en": "Lookalike letters of another script inside a word",
    },
    "ctid-changed": {
        "ja": "CTIDが変わりました（公開後は変更できません）",
        "en": "CTID changed (it must never change once published)",
    },
    "provider-changed": {"ja": "授与機関が変わりました", "en": "Awarding body changed"},
    "hours-cut": {"ja": "学習時間が減りました", "en": "Learner hours cut"},
    "credits-cut": {"ja": "単位数が減りました", "en": "Credits cut"},
    "assessment-changed": {"ja": "評価方法が変わりました", "en": "Assessment changed"},
    "qa-changed": {"ja": "質保証が変わりました", "en": "Quality assurance changed"},
    "designations-changed": {
        "ja": "公的な認定・指定が変わりました（指定通知などで確認）",
        "en": "Public designations changed (check the designation notice)",
    },
    "maintainers-changed": {"ja": "担当アカウントが変わりました", "en": "Maintainers changed"},
    "one-language-changed": {
        "ja": "片方の言語だけ変わりました（もう一方の言語も確認）",
        "en": "Only one language changed: check the other language",
    },
    "numbers-differ": {
        "ja": "日本語と英語で数値が違います",
        "en": "The Japanese and English texts give different numbers",
    },
    "cross-provider-stacking": {
        "ja": "他の提供機関のプログラムへの積み上げ（相手のページとデータが変わります）",
        "en": "Stacks onto another provider's program (changes that program's page and data)",
    },
}

ICONS = {"added": "➕", "removed": "➖", "renamed": "🔀", "changed": "📝"}  # no variation selector: nothing hidden


def word(key: str, lang: str, **values: Any) -> str:
    return WORDS[key][lang].format(**values)


# ---------------------------------------------------------------- labels and values


@cache
def _titles(kind: str) -> dict[tuple[str, ...], dict[str, str]]:
    return {d.path: d.title for d in descriptors(kind)}


@cache
def _vocabulary_fields(kind: str) -> dict[tuple[str, ...], str]:
    """Which vocabulary each coded field takes its values from, read from the schema's $refs."""
    result = {}
    for d in descriptors(kind):
        ref = d.node.get("$ref") or (d.node.get("items") or {}).get("$ref") or ""
        if "vocabularies.schema.json#/$defs/" in ref:
            result[d.path] = ref.rsplit("/", 1)[1]
    return result


def field_label(kind: str, path: tuple, lang: str, *, markdown: bool = False) -> str:
    """'学習量 › 時間数' for ('effort', 'hours'); list items are numbered, texts name their language.

    A key the schema does not know is data: in Markdown it goes into a code span."""
    titles = _titles(kind)
    parts: list[str] = []
    names: tuple[str, ...] = ()
    for part in path:
        if isinstance(part, int):
            parts.append(f"#{part + 1}" if not markdown else f"({part + 1})")  # GitHub links "#1" to issue 1
            continue
        names += (part,)
        if names in titles:
            parts.append(titles[names][lang] or part)
        elif part in ("ja", "en"):
            parts.append(vocabulary_label("language", part, lang))
        else:
            parts.append(code(str(part), in_table=True) if markdown else str(part))
    return " › ".join(parts) or "—"


def show_hidden(text: str) -> str:
    """The text with every invisible or bidirectional character written out as <U+XXXX>, and every
    lookalike letter in a Latin word as <U+XXXX NAME> (D<U+0430 CYRILLIC SMALL LETTER A>ta)."""
    lookalikes = dict(lookalike_letters(text)) if not text.isascii() else {}
    if lookalikes:
        text = "".join(
            f"<U+{ord(c):04X} {unicodedata.name(c, '')}>" if i in lookalikes else c for i, c in enumerate(text)
        )
    return reveal(text)  # controls too: ASCII text is no exception


def format_value(kind: str, path: tuple, value: Any, lang: str) -> str:
    if value is MISSING:
        return "—"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    vocabulary = _vocabulary_fields(kind).get(tuple(p for p in path if isinstance(p, str)))
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        if not value:
            return "[]"
        return ", ".join(format_value(kind, path, v, lang) for v in value)
    if isinstance(value, str):
        if vocabulary:
            shown = vocabulary_label(vocabulary, value, lang)
            return f"{shown} ({value})" if shown != value else value
        return show_hidden(value)
    return show_hidden(json.dumps(value, ensure_ascii=False))


_TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)  # Latin words whole; Japanese (no spaces) by character


def text_delta(old: str, new: str) -> tuple[str, str] | None:
    """The changed passages of two long texts with a little context: [-removed-] and {+added+}.

    The texts come through show_hidden already. None when they have too little in common for an
    excerpt to help.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return None
    before, after = [], []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = "".join(a[i1:i2])
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > 2 * CONTEXT or (first and len(same) > CONTEXT) or (last and len(same) > CONTEXT):
                head = "" if first else same[:CONTEXT]
                tail = "" if last else same[-CONTEXT:]
                same = f"{head}…{tail}"
            before.append(same)
            after.append(same)
            continue
        if i2 > i1:
            before.append(f"[-{''.join(a[i1:i2])}-]")
        if j2 > j1:
            after.append(f"{{+{''.join(b[j1:j2])}+}}")
    return "".join(before), "".join(after)


def change_values(kind: str, path: tuple, old: Any, new: Any, lang: str) -> tuple[str, str]:
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
        # Revealed before cutting: a lookalike letter is only one in its word, an excerpt may cut the word.
        delta = text_delta(show_hidden(old), show_hidden(new))
        if delta is not None:
            return delta
    return format_value(kind, path, old, lang), format_value(kind, path, new, lang)


def entry_title(change: EntryChange, lang: str) -> str:
    data = change.data
    text = data.get("title") if change.kind == "program" else data.get("name")
    if isinstance(text, dict):
        value = text.get(lang) or text.get("en" if lang == "ja" else "ja") or ""
        return show_hidden(value) if isinstance(value, str) else ""
    return ""


def flag_detail(change: EntryChange, flag: Flag, lang: str) -> str:
    """What exactly to look at: the values before and after, or the fields concerned."""
    kind = change.kind
    if flag.code == "invisible-characters":
        chars = " ".join(f"<U+{ord(c):04X}>" for c in invisible_characters(flag.new))
        return f"{field_label(kind, flag.path, lang)}: {chars}"
    if flag.code == "lookalike-letters":
        words = dict.fromkeys(
            show_hidden(w.group()) for w in re.finditer(r"\S+", flag.new) if lookalike_letters(w.group())
        )
        return f"{field_label(kind, flag.path, lang)}: {', '.join(words)}"
    if flag.code in (
        "decision-edited",
        "decision-removed",
        "decision-out-of-order",
        "approved-removed",
        "id-reused",
        "withdrawn-edited",
    ):
        return change.old_id or change.id
    if flag.code == "approved-renamed":
        return f"{flag.old} → {flag.new}"
    if flag.code == "assessed-changed":
        touched = [c.path for c in change.fields if c.path and c.path[0] in ASSESSED]
        return ", ".join(
            dict.fromkeys(
                field_label(kind, tuple(p for p in path if not isinstance(p, int))[:2], lang) for path in touched
            )
        )
    if flag.code in ("assessment-changed", "qa-changed", "designations-changed"):
        touched = [c.path for c in change.fields if c.path[:1] == flag.path]
        labels = dict.fromkeys(
            field_label(kind, tuple(p for p in path if not isinstance(p, int))[:2], lang) for path in touched
        )
        return ", ".join(labels)
    if flag.code == "one-language-changed":
        changed, unchanged = (vocabulary_label("language", code_, lang) for code_ in (flag.old, flag.new))
        return f"{field_label(kind, flag.path, lang)} ({word('one language', lang, changed=changed, same=unchanged)})"
    if flag.code == "numbers-differ":
        ja, en = (", ".join(numbers) or "—" for numbers in (flag.old, flag.new))
        names = [vocabulary_label("language", code_, lang) for code_ in ("ja", "en")]
        return f"{field_label(kind, flag.path, lang)}: {names[0]} {ja} · {names[1]} {en}"
    return f"{format_value(kind, flag.path, flag.old, lang)} → {format_value(kind, flag.path, flag.new, lang)}"


def flag_sentence(change: EntryChange, flag: Flag, lang: str) -> str:
    return f"{FLAG_TEXT[flag.code][lang]}: {flag_detail(change, flag, lang)}"


# The program page's sections (mccat.site.programs, a test keeps them the same), by top-level field:
# an added program is shown whole, in this order, so that a reviewer reads it as visitors will.
PAGE_SECTIONS: tuple[tuple[str, dict[str, str], tuple[str, ...]], ...] = (
    (
        "overview",
        {"ja": "概要", "en": "Overview"},
        ("title", "summary", "provider", "description", "audience", "prerequisites", "fields", "skills", "url"),
    ),
    ("outcomes", {"ja": "学修成果", "en": "Learning outcomes"}, ("learning_outcomes",)),
    (
        "delivery",
        {"ja": "授業の方法と学習量", "en": "Delivery and effort"},
        ("delivery", "languages", "effort", "capacity"),
    ),
    (
        "assessment",
        {"ja": "評価・質保証・レベル", "en": "Assessment, quality and level"},
        ("assessment", "quality_assurance", "level"),
    ),
    (
        "credential",
        {"ja": "証明・単位等・積み上げ", "en": "Credential, credit and stacking"},
        ("credential", "recognition", "stackability"),
    ),
    ("fee", {"ja": "受講料と開講日程", "en": "Fee and dates"}, ("fee", "offerings")),
)  # the page's approval record comes from the committee's decisions, not from the provider's file
OTHER_SECTION = ("other", {"ja": "その他（ページに出ない項目）", "en": "Other (not shown on the page)"})


def added_sections(change: EntryChange, lang: str) -> list[tuple[str, list[tuple[tuple, str]]]]:
    """An added record field by field, grouped as on its page: [(heading, [(path, value), ...]), ...].
    Values are plain text (data revealed, not yet escaped for Markdown)."""
    leaves = list(field_changes(change.kind, MISSING, change.data))
    groups = PAGE_SECTIONS if change.kind == "program" else ()
    placed = {key: index for index, (_, _, keys) in enumerate(groups) for key in keys}
    sections: list[tuple[str, list[tuple[tuple, str]]]] = [(names[lang], []) for _, names, _ in groups]
    sections.append((OTHER_SECTION[1][lang] if groups else word(change.kind, lang), []))
    for leaf in leaves:
        sections[placed.get(leaf.path[0], len(groups))][1].append(
            (leaf.path, format_value(change.kind, leaf.path, leaf.new, lang))
        )
    return [(heading, rows) for heading, rows in sections if rows]


def _summary_counts(diff: CatalogueDiff, lang: str) -> str:
    parts = [
        f"{word(c, lang)} {word('count', lang, n=diff.count(c))}" for c in ("added", "removed", "renamed", "changed")
    ]
    parts.append(f"{word('flagged', lang)} {word('count', lang, n=len(diff.flags))}")
    return " · ".join(parts)


def _revision(label: str, lang: str) -> str:
    return word("working tree", lang) if label == "working tree" else label


# ---------------------------------------------------------------- Markdown


def render_markdown(diff: CatalogueDiff, lang: str = "ja") -> str:
    lines = [f"## {word('title', lang)}: {code(_revision(diff.base, lang))} → {code(_revision(diff.head, lang))}", ""]
    if not diff.changes and not diff.problems:
        return "\n".join(lines + [word("no changes", lang), ""])
    lines += [_summary_counts(diff, lang), ""]
    flagged = diff.flags
    if flagged:
        lines += [
            "> [!WARNING]",
            f"> {word('look twice', lang, n=len(flagged))}",
            "",
            f"| {word('entry', lang)} | {word('check', lang)} |",
            "|---|---|",
        ]
        for change, flag in flagged:
            lines.append(
                f"| {word(change.kind, lang)} {code(change.id, in_table=True)} | "
                f"**{FLAG_TEXT[flag.code][lang]}**: {code(flag_detail(change, flag, lang), in_table=True)} |"
            )
        lines.append("")
    for kind, heading in (("provider", "providers"), ("program", "programs"), ("decision", "decisions")):
        changes = [c for c in diff.changes if c.kind == kind]
        if not changes:
            continue
        lines += [f"### {word(heading, lang)}", ""]
        for change in changes:
            lines += _markdown_entry(change, lang)
    if diff.problems:
        lines += [f"### {word('problems', lang)}", "", word("problems note", lang), ""]
        lines += [f"- {code(_problem_text(p, lang))}" for p in diff.problems]
        lines.append("")
    return "\n".join(lines)


def _markdown_entry(change: EntryChange, lang: str) -> list[str]:
    title = entry_title(change, lang)
    ident = code(change.id)
    if change.change == "renamed":
        ident = f"{code(change.old_id or '')} → {code(change.id)}"
    heading = f"#### {ICONS[change.change]} {word(change.change, lang)}: {ident}"
    if title:
        heading += f" {code(title)}"
    lines = [heading, ""]
    lines += [f"{note}" for note in _notes(change, lang)]
    if _notes(change, lang):
        lines.append("")
    if change.change == "added":
        lines += [_facts(change, lang), ""]
    for flag in change.flags:
        lines.append(f"- ⚠ **{FLAG_TEXT[flag.code][lang]}**: {code(flag_detail(change, flag, lang))}")
    if change.flags:
        lines.append("")
    if change.change == "added":
        for heading, rows in added_sections(change, lang):
            lines += [f"**{heading}**", "", f"| {word('field', lang)} | {word('value', lang)} |", "|---|---|"]
            for path, value in rows:
                label = field_label(change.kind, path, lang, markdown=True)
                lines.append(f"| {label} | {code(value, in_table=True)} |")
            lines.append("")
    if change.fields:
        lines += [f"| {word('field', lang)} | {word('before', lang)} | {word('after', lang)} |", "|---|---|---|"]
        for field_change in change.fields:
            before, after = change_values(change.kind, field_change.path, field_change.old, field_change.new, lang)
            label = field_label(change.kind, field_change.path, lang, markdown=True)
            lines.append(f"| {label} | {code(before, in_table=True)} | {code(after, in_table=True)} |")
        lines.append("")
    return lines


def _notes(change: EntryChange, lang: str) -> list[str]:
    """What a reviewer should know of a change beyond its fields: what it does to the published record."""
    notes = []
    if change.change == "renamed":
        notes.append(word("renamed note", lang, p=round((change.similarity or 0) * 100)))
        if change.decision:
            notes.append(word("renamed by decision", lang, id=change.decision))
    if change.kind == "program" and change.change == "added":
        notes.append(word("approved by", lang, id=change.decision) if change.decision else word("not published", lang))
    if change.change == "removed":
        if change.kind == "program" and change.decision:
            notes.append(word("removed by decision", lang, id=change.decision))
        elif change.kind == "program" and not any(f.code == "approved-removed" for f in change.flags):
            notes.append(word("removed unpublished", lang))
        else:
            notes.append(word("removed note", lang))
    if change.kind == "program" and change.change == "changed" and change.decision:
        notes.append(word("amended by", lang, id=change.decision))
    if change.kind == "decision" and change.change in ("changed", "removed"):
        notes.append(word("decision edited note", lang))
    return notes


def _facts(change: EntryChange, lang: str, *, markdown: bool = True) -> str:
    data = change.data
    if change.kind == "decision":
        facts = [
            format_value("decision", ("kind",), data.get("kind", MISSING), lang),
            format_value("decision", ("date",), data.get("date", MISSING), lang),
            format_value("decision", ("programs",), data.get("programs", MISSING), lang),
        ]
        if "valid_until" in data:
            facts.append(
                word("valid until", lang, d=format_value("decision", ("valid_until",), data["valid_until"], lang))
            )
        if "renamed_to" in data:
            facts.append(f"→ {format_value('decision', ('renamed_to',), data['renamed_to'], lang)}")
        return " · ".join(code(f) if markdown else f for f in facts)
    if change.kind == "provider":
        facts = [
            format_value("provider", ("type",), data.get("type", MISSING), lang),
            format_value("provider", ("maintainers",), data.get("maintainers", MISSING), lang),
        ]
    else:
        effort = as_mapping(data.get("effort"))
        assessment = as_mapping(data.get("assessment"))
        facts = [
            format_value("program", ("provider",), data.get("provider", MISSING), lang),
            word("hours", lang, n=format_value("program", ("effort", "hours"), effort.get("hours", MISSING), lang)),
            format_value("program", ("assessment", "types"), assessment.get("types", MISSING), lang),
        ]
    return " · ".join(code(f) if markdown else f for f in facts)


def _problem_text(problem: Problem, lang: str) -> str:
    hint = f" ({problem.hint_in(lang)})" if problem.hint else ""
    return f"{problem.file}:{problem.line}:{problem.column}: {problem.message_in(lang)}{hint}"


# ---------------------------------------------------------------- text


def render_text(diff: CatalogueDiff, lang: str = "en") -> str:
    lines = [f"{word('title', lang)}: {_revision(diff.base, lang)} → {_revision(diff.head, lang)}"]
    if not diff.changes and not diff.problems:
        return "\n".join(lines + [word("no changes", lang)]) + "\n"
    lines.append(_summary_counts(diff, lang))
    for change in diff.changes:
        ident = f"{change.old_id} → {change.id}" if change.change == "renamed" else change.id
        title = entry_title(change, lang)
        lines += [
            "",
            f"{word(change.change, lang)}: {word(change.kind, lang)} {ident}" + (f"  {title}" if title else ""),
        ]
        lines += [f"  {note}" for note in _notes(change, lang)]
        if change.change == "added":
            lines.append(f"  {_facts(change, lang, markdown=False)}")
            for heading, rows in added_sections(change, lang):
                lines.append(f"  [{heading}]")
                lines += [f"    {field_label(change.kind, path, lang)}: {value}" for path, value in rows]
        for flag in change.flags:
            lines.append(f"  ! {flag_sentence(change, flag, lang)}")
        for field_change in change.fields:
            before, after = change_values(change.kind, field_change.path, field_change.old, field_change.new, lang)
            lines.append(f"  {field_label(change.kind, field_change.path, lang)}: {before} → {after}")
    if diff.problems:
        lines += ["", word("problems", lang) + ":"]
        lines += [f"  {_problem_text(p, lang)}" for p in diff.problems]
    return "\n".join(one_line(line) for line in lines) + "\n"  # each line ours: data adds none, moves no cursor


# ---------------------------------------------------------------- JSON


def _json_value(value: Any) -> Any:
    return None if value is MISSING else value


def render_json(diff: CatalogueDiff, lang: str = "en") -> str:
    """Everything, values untouched (invisible characters stay as they are, escaped by JSON)."""

    def path_text(path: tuple) -> str:
        return ".".join(str(p) for p in path)

    payload = {
        "base": diff.base,
        "head": diff.head,
        "summary": {c: diff.count(c) for c in ("added", "removed", "renamed", "changed")}
        | {"flagged": len(diff.flags)},
        "changes": [
            {
                "kind": c.kind,
                "change": c.change,
                "id": c.id,
                "old_id": c.old_id,
                "file": c.new_file or c.old_file,
                "old_file": c.old_file,
                "similarity": c.similarity,
                "decision": c.decision,
                "notes": {lang_: _notes(c, lang_) for lang_ in ("ja", "en")},
                "title": {lang_: entry_title(c, lang_) for lang_ in ("ja", "en")},
                "flags": [
                    {
                        "code": f.code,
                        "path": path_text(f.path),
                        "old": _json_value(f.old),
                        "new": _json_value(f.new),
                        "message": {lang_: flag_sentence(c, f, lang_) for lang_ in ("ja", "en")},
                    }
                    for f in c.flags
                ],
                "fields": [
                    {
                        "path": path_text(f.path),
                        "change": f.change,
                        "label": {lang_: field_label(c.kind, f.path, lang_) for lang_ in ("ja", "en")},
                        "old": _json_value(f.old),
                        "new": _json_value(f.new),
                    }
                    for f in c.fields
                ],
            }
            for c in diff.changes
        ],
        "problems": [p.as_json(for_review=True) for p in diff.problems],
    }
    return json_escape_hidden(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


RENDERERS = {"markdown": render_markdown, "text": render_text, "json": render_json}
