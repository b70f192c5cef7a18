"""Every message the validator and the `mccat` command print, in Japanese and English.

A message is a `Text`: the key of a template in MESSAGES and its named parameters. It is rendered
in a language only when a report is written, so one `Problem` can be shown in Japanese to a
provider, in English to a reviewer, and in both in a JSON report or a GitHub annotation.

Parameters are plain values (shown as written) or objects that know how to show themselves in each
language: `FieldRef` (a field's Japanese or English label and its YAML key), `Shown` (a value from
the file, in a code span, with hidden characters written out), `Choices` (vocabulary codes with their
labels), `Word` (another entry of MESSAGES, such as a type name). Templates in both languages use
the same placeholders (a test checks it), and no English word is left inside a Japanese sentence:
the only Latin text in a Japanese message is what the provider types (keys, codes, values).
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from string import Formatter
from typing import Any

from mccat.model.conformance import FRAMEWORKS, element_label, element_path
from mccat.model.schema import descriptor_index
from mccat.model.vocabulary import vocabularies
from mccat.validation.hidden import one_line

# --------------------------------------------------------------------------------------- the language


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language of messages from the locale: Japanese when it is Japanese, else English.

    The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as in POSIX (LC_ALL overrides
    the others); "ja", "ja_JP.UTF-8" and "ja_JP.eucJP" are Japanese; "C", "POSIX" or nothing is English.
    """
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ja" if value.split(".")[0].split("_")[0].lower() == "ja" else "en"
    return "en"


# ------------------------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class Text:
    """A catalogued message (`key` in MESSAGES) with its parameters, rendered per language."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        return render(self.key, lang, dict(self.params))

    def __str__(self) -> str:
        return self.render("en")


def text(key: str, /, **params: Any) -> Text:
    """A message by its key, with named parameters: text("file.bom"), text("yaml.alias", name="x")."""
    if key not in MESSAGES:
        raise KeyError(f"no message '{key}': add it to MESSAGES in mccat/validation/messages.py")
    return Text(key, tuple(sorted(params.items())))


def render(key: str, lang: str, params: Mapping[str, Any] | None = None) -> str:
    template = MESSAGES[key][lang]
    if not params:
        return template
    return template.format(**{name: show_in(value, lang) for name, value in params.items()})


def render_both(key: str, params: Mapping[str, Any] | None = None) -> str:
    """A message in Japanese, then in English, one line each: what a build log or a command says to anyone."""
    return "\n".join(render(key, lang, params) for lang in ("ja", "en"))


def show_in(value: Any, lang: str) -> str:
    """A parameter as text in one language."""
    if isinstance(value, Text):
        return value.render(lang)
    render_in = getattr(value, "render", None)
    if render_in is not None:
        return render_in(lang)
    return str(value)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


@dataclass(frozen=True)
class Word:
    """Another entry of MESSAGES used inside a message (a type name, a relation)."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        return render(self.key, lang, dict(self.params))


def word(key: str, /, **params: Any) -> Word:
    if key not in MESSAGES:
        raise KeyError(f"no message '{key}': add it to MESSAGES in mccat/validation/messages.py")
    return Word(key, tuple(sorted(params.items())))


SHOWN_LIMIT = 60


class _Literal(str):
    """A value already written out (a list or mapping from the file, as JSON)."""


@dataclass(frozen=True)
class Shown:
    """A value from the file, as the provider wrote it: in a code span, shortened, hidden characters written out."""

    value: Any
    whole: bool = False  # what the provider is to type is never shortened

    def __post_init__(self) -> None:
        if not isinstance(self.value, (str, int, float, bool, type(None))):  # lists, mappings: kept as text
            object.__setattr__(self, "value", _Literal(json.dumps(self.value, ensure_ascii=False, default=str)))

    def render(self, lang: str) -> str:
        value = self.value
        if isinstance(value, _Literal):
            shown = str(value)
        elif isinstance(value, str):
            shown = value
        elif value is None:
            shown = "null"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, (int, float)):
            shown = f"{value:g}" if isinstance(value, float) else str(value)
        else:
            shown = repr(value)
        shown = one_line(shown)  # one line, hidden characters written out (mccat.validation.hidden)
        if len(shown) > SHOWN_LIMIT and not self.whole:
            shown = shown[: SHOWN_LIMIT - 1] + "…"
        return f"`{shown}`"


@dataclass(frozen=True)
class FieldRef:
    """A field as a provider knows it: its label in the language (the schema's title) and its YAML key.

    ja: 「時間数」（`effort.hours`）   en: Hours (`effort.hours`)
    """

    kind: str  # "program", "provider" or "" (no schema: the key alone)
    path: tuple[Any, ...]

    @property
    def key(self) -> str:
        return field_key(self.path)

    def render(self, lang: str) -> str:
        label = field_label(self.kind, self.path, lang)
        if not label:
            return f"`{self.key}`"
        return f"「{label}」（`{self.key}`）" if lang == "ja" else f"{label} (`{self.key}`)"


def field_key(path: Iterable[Any]) -> str:
    """'learning_outcomes[2].en' from ('learning_outcomes', 2, 'en')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@cache
def _descriptors(kind: str) -> dict[tuple[str, ...], Any]:
    return {d.path: d for d in descriptor_index(kind).values()} if kind else {}


def field_label(kind: str, path: tuple[Any, ...], lang: str) -> str:
    """The label of the nearest field of the schema that holds the path ("" when there is none)."""
    names = tuple(p for p in path if isinstance(p, str))
    index = _descriptors(kind)
    while names and names not in index:
        names = names[:-1]
    return index[names].title[lang] if names else ""


@dataclass(frozen=True)
class Choices:
    """Codes of a vocabulary with their labels: `online`（オンライン）、`onsite`（対面）."""

    vocabulary: str
    codes: tuple[str, ...]

    def render(self, lang: str) -> str:
        vocab = vocabularies()[self.vocabulary]
        open_, close = ("（", "）") if lang == "ja" else (" (", ")")
        return render("list.separator", lang).join(
            f"`{code}`{open_}{vocab.label(code, lang)}{close}" for code in self.codes
        )


@dataclass(frozen=True)
class Listing:
    """Several shown items joined with the language's list separator."""

    items: tuple[Any, ...]

    def render(self, lang: str) -> str:
        return render("list.separator", lang).join(show_in(item, lang) for item in self.items)


@dataclass(frozen=True)
class Either:
    """Words joined with "or" in the reader's language: 数または整数, a number or a whole number."""

    words: tuple[Any, ...]

    def render(self, lang: str) -> str:
        return render("list.or", lang).join(show_in(w, lang) for w in self.words)


@dataclass(frozen=True)
class Label:
    """A bilingual label given as data ({"ja": ..., "en": ...}), such as a framework's name."""

    ja: str
    en: str

    def render(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class ElementRef:
    """A framework's element as the program page's conformance table names it, with the field to fill in."""

    framework: str
    element: str

    def render(self, lang: str) -> str:
        framework = next(f for f in FRAMEWORKS if f.key == self.framework)
        element = next(e for e in framework.elements if e.key == self.element)
        key = element_path(element)[1]
        label = element_label(element, lang)
        return f"「{label}」（`{key}`）" if lang == "ja" else f"{label} (`{key}`)"


_OS_REASONS = {
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOENT: "os.missing",
    errno.EISDIR: "os.folder",
    errno.ELOOP: "os.link",
}


@dataclass(frozen=True)
class OsReason:
    """Why the system could not read a file, in words (the system's own message is English)."""

    code: int

    def render(self, lang: str) -> str:
        key = _OS_REASONS.get(self.code)
        if key:
            return render(key, lang)
        return render("os.other", lang, {"code": errno.errorcode.get(self.code, str(self.code))})


# Problems PyYAML and libyaml report, in words for people; anything else is a generic syntax error.
YAML_PROBLEMS = {
    "found character that cannot start any token": "yaml.problem.bad-character",
    "mapping values are not allowed in this context": "yaml.problem.mapping-here",
    "mapping values are not allowed here": "yaml.problem.mapping-here",
    "could not find expected ':'": "yaml.problem.no-colon",
    "did not find expected key": "yaml.problem.no-key",
    "did not find expected '-' indicator": "yaml.problem.no-dash",
    "did not find expected node content": "yaml.problem.no-value",
    "found unexpected end of stream": "yaml.problem.end",
    "found unknown escape character": "yaml.problem.escape",
    "block sequence entries are not allowed in this context": "yaml.problem.dash-here",
    "found a tab character that violates indentation": "yaml.problem.tab",
    "found a tab character where an indentation space is expected": "yaml.problem.tab",
    "found unexpected ':'": "yaml.problem.colon",
    "did not find expected <document start>": "yaml.problem.document",
}


@dataclass(frozen=True)
class YamlDetail:
    """The YAML parser's own problem, said in the reader's language."""

    problem: str

    def render(self, lang: str) -> str:
        key = YAML_PROBLEMS.get(self.problem.split(" while ")[0].strip())
        if key is None and self.problem.startswith("expected <block end>"):
            key = "yaml.problem.block-end"
        return render(key or "yaml.problem.other", lang)


# ---------------------------------------------------------------------------------------- the catalogue

MESSAGES: dict[str, dict[str, str]] = {
    # --- report framing (mccat.validation.report)
    "report.error": {"ja": "エラー", "en": "error"},
    "report.warning": {"ja": "警告", "en": "warning"},
    "report.info": {"ja": "情報", "en": "info"},
    "report.hint": {"ja": "ヒント", "en": "hint"},
    "report.summary": {
        "ja": "{files} ファイル中、エラー {errors} 件、警告 {warnings} 件",
        "en": "{errors} error(s), {warnings} warning(s) in {files} file(s)",
    },
    "report.ok": {"ja": "OK：{files} ファイルはすべて有効です", "en": "ok: {files} file(s) valid"},
    "report.ok-warnings": {
        "ja": "OK：{files} ファイルはすべて有効です（警告 {warnings} 件）",
        "en": "ok: {files} file(s) valid, {warnings} warning(s)",
    },
    "status.validate-failure": {
        "ja": "このコミットのカタログにエラー {errors} 件",
        "en": "{errors} error(s) in the catalogue at this commit",
    },
    "status.validate-success": {"ja": "{files} ファイルすべて有効", "en": "{files} file(s) valid"},
    "status.ownership-failure": {
        "ja": "{author} にはこのうち {denied} 件の変更の権限がありません",
        "en": "{author} may not make {denied} of these change(s)",
    },
    "status.ownership-success": {
        "ja": "{author} はこれら {n} 件の変更をしてかまいません",
        "en": "{author} may make these {n} change(s)",
    },
    "status.summary": {
        "ja": "審査の要約を投稿しました。注意して見る変更 {flagged} 件",
        "en": "review summary posted; {flagged} change(s) to look at twice",
    },
    "report.more": {"ja": "ほかに {count} 件", "en": "{count} more"},
    "report.notes": {"ja": "（情報 {notes} 件）", "en": " ({notes} note(s))"},
    "list.separator": {"ja": "、", "en": ", "},
    "list.or": {"ja": "または", "en": " or "},
    # --- the system's reasons
    "os.permission": {"ja": "読み取りの権限がありません", "en": "permission denied"},
    "os.missing": {"ja": "見つかりません", "en": "not found"},
    "os.folder": {"ja": "フォルダーです", "en": "it is a folder"},
    "os.link": {"ja": "リンクが循環しています", "en": "too many levels of links"},
    "os.other": {"ja": "システムのエラー {code}", "en": "system error {code}"},
    # --- reading the file (mccat.validation.source)
    "file.symlink": {"ja": "シンボリックリンクです", "en": "is a symbolic link"},
    "hint.symlink": {
        "ja": "リンクではなく、ファイルそのものをコミットしてください",
        "en": "commit the file itself, not a link to it",
    },
    "file.unreadable": {"ja": "読み取れません（{reason}）", "en": "cannot be read ({reason})"},
    "hint.permissions": {"ja": "ファイルのアクセス権を確認してください", "en": "check the file's permissions"},
    "file.not-a-file": {"ja": "通常のファイルではありません", "en": "is not a regular file"},
    "hint.single-file": {
        "ja": "カタログの各項目は1つの .yaml ファイルです",
        "en": "catalogue entries are single .yaml files",
    },
    "file.too-large": {
        "ja": "{size} バイトあり、上限の {limit} バイトを超えています",
        "en": "is {size} bytes, more than the {limit} allowed",
    },
    "hint.shorten-file": {
        "ja": "プログラムの記述は数キロバイトに収まります。文章を短くしてください",
        "en": "a program description fits in a few kilobytes; shorten the text",
    },
    "file.bom": {"ja": "先頭にバイト順マーク（BOM）があります", "en": "starts with a byte-order mark"},
    "hint.utf8-no-bom": {
        "ja": "BOMなしのUTF-8で保存し直してください",
        "en": "save the file as UTF-8 without BOM",
    },
    "file.utf16": {"ja": "UTF-8ではなくUTF-16で保存されています", "en": "is UTF-16, not UTF-8"},
    "file.encoding": {
        "ja": "UTF-8として正しくありません（バイト 0x{byte}）",
        "en": "is not valid UTF-8 (byte 0x{byte})",
    },
    "file.encoding-plain": {"ja": "UTF-8として正しくありません", "en": "is not valid UTF-8"},
    "hint.utf8": {
        "ja": "UTF-8で保存し直してください（Shift_JISなど別の文字コードで保存されている可能性があります）",
        "en": "save the file as UTF-8 (it may be saved in another encoding, such as Shift_JIS)",
    },
    "file.line-ends": {
        "ja": "改行コードがCRだけになっています",
        "en": "uses lone carriage returns (CR) as line ends",
    },
    "hint.line-ends": {
        "ja": "改行コードをLF（Unix形式）にして保存してください。CRだけの改行は差分で1行に見えてしまいます",
        "en": "save the file with LF (Unix) line ends; diffs show CR-only files as one line",
    },
    "file.nul": {"ja": "NULバイトが含まれています", "en": "contains a NUL byte"},
    "hint.nul": {
        "ja": "NUL文字を削除してください。バイナリファイルの可能性があります",
        "en": "remove the NUL character; the file may be binary",
    },
    # --- parsing YAML
    "yaml.too-deep": {"ja": "入れ子が {max} 段を超えています", "en": "nests deeper than {max} levels"},
    "hint.too-deep": {
        "ja": "これほど深い入れ子はどの項目にも必要ありません。インデントを確認してください",
        "en": "the schema never needs this much nesting; check the indentation",
    },
    "yaml.multiple-documents": {
        "ja": "YAMLの文書が複数含まれています",
        "en": "holds more than one YAML document",
    },
    "hint.one-document": {
        "ja": "1つのファイルには1つの文書だけを書き、余分な `---` を削除してください",
        "en": "keep one document per file and remove the extra '---'",
    },
    "yaml.complex-key": {"ja": "キーにリストやマッピングが使われています", "en": "uses a list or mapping as a key"},
    "hint.plain-key": {"ja": "キーには項目名だけを書いてください", "en": "keys must be plain field names"},
    "yaml.duplicate-key": {
        "ja": "キー {key} が重複しています（最初は {first} 行目）",
        "en": "repeats the key {key} (first on line {first})",
    },
    "hint.duplicate-key": {
        "ja": "どちらか一方だけを残してください。YAMLでは最初のものが黙って捨てられます",
        "en": "keep one of the two entries; YAML would silently drop the first",
    },
    "yaml.alias": {"ja": "エイリアス `*{name}` が使われています", "en": "uses the alias '*{name}'"},
    "yaml.anchor": {"ja": "アンカー `&{name}` が定義されています", "en": "defines the anchor '&{name}'"},
    "hint.write-out": {
        "ja": "値を省略せずに書いてください。アンカーとエイリアスは審査する人から内容を隠してしまいます",
        "en": "write values out in full; anchors and aliases hide content from reviewers",
    },
    "yaml.tag": {"ja": "YAMLのタグ {tag} が使われています", "en": "uses the YAML tag {tag}"},
    "hint.tag": {
        "ja": "タグを削除してください。文字列として書きたい値は引用符で囲みます",
        "en": "remove the tag; quote the value if it must be a string",
    },
    "yaml.syntax": {"ja": "YAMLとして読み取れません：{detail}", "en": "is not valid YAML: {detail}"},
    "hint.syntax": {
        "ja": "この行とその前の行のインデントと引用符を確認してください",
        "en": "check the indentation and quoting near this line",
    },
    "hint.plain-yaml": {
        "ja": "YAML形式のテキストファイルか確認してください",
        "en": "check the file is plain YAML text",
    },
    "yaml.problem.bad-character": {
        "ja": "ここに置けない文字があります",
        "en": "found character that cannot start any token",
    },
    "yaml.problem.mapping-here": {
        "ja": "ここに「キー: 値」は置けません",
        "en": "mapping values are not allowed in this context",
    },
    "yaml.problem.no-colon": {"ja": "キーの後のコロン「:」が見つかりません", "en": "could not find expected ':'"},
    "yaml.problem.no-key": {"ja": "キーがあるはずの位置にありません", "en": "did not find expected key"},
    "yaml.problem.no-dash": {
        "ja": "リストの項目の「- 」があるはずの位置にありません",
        "en": "did not find expected '-' indicator",
    },
    "yaml.problem.no-value": {"ja": "値があるはずの位置にありません", "en": "did not find expected node content"},
    "yaml.problem.end": {
        "ja": "ファイルが途中で終わっています（引用符が閉じていない可能性があります）",
        "en": "found unexpected end of stream",
    },
    "yaml.problem.escape": {
        "ja": "引用符の中に使えないエスケープ（\\）があります",
        "en": "found unknown escape character",
    },
    "yaml.problem.dash-here": {
        "ja": "ここにリストの項目「- 」は置けません",
        "en": "block sequence entries are not allowed in this context",
    },
    "yaml.problem.tab": {"ja": "インデントにタブ文字があります", "en": "found a tab character in the indentation"},
    "yaml.problem.colon": {"ja": "ここにコロン「:」は置けません", "en": "found unexpected ':'"},
    "yaml.problem.document": {"ja": "文書の始まりがありません", "en": "did not find expected <document start>"},
    "yaml.problem.block-end": {
        "ja": "インデントがそろっていません",
        "en": "the indentation does not line up (expected the end of a block)",
    },
    "yaml.problem.other": {"ja": "書き方に誤りがあります", "en": "the syntax is wrong"},
    "yaml.control-character": {
        "ja": "制御文字 U+{code} が含まれています",
        "en": "contains the control character U+{code}",
    },
    "hint.control-character": {
        "ja": "削除してください。多くのエディタや差分では見えない文字です",
        "en": "remove it; it is invisible in most editors and diffs",
    },
    "yaml.empty": {"ja": "空のファイルです", "en": "is empty"},
    "hint.start-from-template": {
        "ja": "`mccat new` で全項目のひな形を作り、そこから書き始めてください",
        "en": "start from `mccat new` to get a template with every field",
    },
    "yaml.not-a-number": {
        "ja": "値 {value} は有限の数ではありません",
        "en": "has the value {value}, which is not a finite number",
    },
    "hint.plain-number": {
        "ja": "30 や 1.5 のような普通の数を書いてください",
        "en": "write a plain number such as 30 or 1.5",
    },
    "yaml.number-form": {
        "ja": "数 {value} が読み違えやすい形で書かれています",
        "en": "writes the number {value} in a form that is easy to misread",
    },
    "hint.octal": {
        "ja": 'コード（ISCEDの分野など）なら `"{value}"` のように引用符で囲み、数なら普通の10進数で書いてください。'
        "YAMLはこれを8進数の {octal} と読みます",
        "en": 'write it in quotes if it is a code ("{value}", like an ISCED field), or as a plain decimal '
        "number; YAML would read it as octal {octal}",
    },
    "hint.decimal": {
        "ja": "30 や 1.5 のような普通の10進数で書いてください（先頭の0、符号、区切り、指数表記は使えません）",
        "en": "write a plain decimal number such as 30 or 1.5 (no leading zeros, signs, separators or exponents)",
    },
    # --- finding the files (mccat.validation.validate)
    "schema.not-a-mapping": {
        "ja": "「キー: 値」の項目の集まりになっていません",
        "en": "does not hold a set of fields",
    },
    "hint.template": {"ja": "`mccat new` でひな形を作ってください", "en": "start from `mccat new` to get a template"},
    "file.yml": {"ja": "拡張子が .yml になっています", "en": "has the extension .yml"},
    "hint.rename-file": {"ja": "ファイル名を `{name}` に変更してください", "en": "rename it to `{name}`"},
    "file.not-yaml": {"ja": ".yaml ファイルではありません", "en": "is not a .yaml file"},
    "hint.only-yaml": {
        "ja": "カタログに置けるのは .yaml ファイルだけです。このファイルは別の場所に移してください",
        "en": "the catalogue holds only .yaml files; move this file elsewhere",
    },
    "file.location": {
        "ja": "カタログのファイルを置く場所にありません",
        "en": "is not where catalogue files belong",
    },
    "hint.location": {
        "ja": "提供機関は catalogue/providers/<提供機関ID>.yaml に、プログラムは "
        "catalogue/programs/<提供機関ID>/<スラッグ>.yaml に、委員会の決定は catalogue/decisions/<決定番号>.yaml に"
        "置いてください",
        "en": "put providers in catalogue/providers/<provider>.yaml, programs in "
        "catalogue/programs/<provider>/<slug>.yaml and the committee's decisions in catalogue/decisions/<ID>.yaml",
    },
    "folder.too-deep": {
        "ja": "カタログの中で {max} 段より深いところにあるフォルダーです。中のファイルは読み込みません",
        "en": "is a folder more than {max} levels inside the catalogue; nothing in it is read",
    },
    "hint.too-deep-folder": {
        "ja": "カタログのファイルは providers/ と programs/<提供機関ID>/ に置きます。このフォルダーを削除してください",
        "en": "catalogue files sit in providers/ and programs/<provider>/; remove this folder",
    },
    "file.missing": {"ja": "存在しません", "en": "does not exist"},
    "hint.path": {"ja": "パスを確認してください", "en": "check the path"},
    "file.too-many-problems": {
        "ja": "問題が {max} 件を超えています。残りは表示していません",
        "en": "has more than {max} problems; the rest are not listed",
    },
    "hint.too-many-problems": {
        "ja": "まずこれらを直すか、`mccat new` からやり直してください",
        "en": "fix these first, or start again from `mccat new`",
    },
    # --- schema errors (mccat.validation.schema_messages)
    "type.object": {"ja": "「キー: 値」の項目の集まり", "en": "a set of fields"},
    "type.array": {"ja": "リスト", "en": "a list"},
    "type.string": {"ja": "テキスト", "en": "text"},
    "type.number": {"ja": "数", "en": "a number"},
    "type.integer": {"ja": "整数", "en": "a whole number"},
    "type.boolean": {"ja": "true か false", "en": "true or false"},
    "type.null": {"ja": "空", "en": "empty"},
    "type.decimal": {"ja": "小数", "en": "a decimal number"},
    "type.other": {"ja": "その他の値", "en": "something else"},
    "lang.ja": {"ja": "日本語", "en": "Japanese"},
    "lang.en": {"ja": "英語", "en": "English"},
    "schema.required.text": {
        "ja": "{field}に{lang}のテキスト（`{key}`）がありません",
        "en": "{field} has no {lang} text (`{key}`)",
    },
    "hint.add-text-language": {
        "ja": "{field}の下に `{key}:` を追加してください。このテキストは日本語と英語の両方が必要です",
        "en": "add `{key}:` under {field}; this text is required in both languages",
    },
    "schema.rejected": {
        "ja": "{field}の値がスキーマに合いません（{detail}）",
        "en": "{field}: the value does not match the schema ({detail})",
    },
    "hint.schema-rejected": {
        "ja": "値の前後の空白や改行を取り除いてください。"
        "それでも直らない場合は、このメッセージを添えてレジストリに知らせてください",
        "en": "remove spaces and line breaks around the value; if that does not help, tell the registry, quoting this "
        "message",
    },
    "schema.required": {"ja": "必須項目{field}がありません", "en": "missing required field {field}"},
    "hint.add-text": {
        "ja": "`{name}:` を追加し、その下に `ja:` と `en:` の両方のテキストを書いてください",
        "en": "add `{name}:` with both `ja:` and `en:` text",
    },
    "hint.add-field": {
        "ja": "`{name}:` を追加してください。`mccat new` で全項目を記入例付きで確認できます",
        "en": "add `{name}:`; `mccat new` shows every field with an example",
    },
    "schema.additionalProperties": {"ja": "不明な項目 `{key}` があります", "en": "unknown field `{key}`"},
    "hint.approval-in-program": {
        "ja": "`approval` の部分を削除してください。委員会は決定を `catalogue/decisions/` に（決定ごとに1ファイルで）"
        "記録し、サイトはそこから状況を計算します",
        "en": "remove the `approval` block: the committee records its decisions in catalogue/decisions/ "
        "(one file per decision), and the site computes the status from them",
    },
    "hint.text-languages": {
        "ja": "テキストに書けるのは `ja:` と `en:` だけです",
        "en": "text takes only `ja:` and `en:`",
    },
    "hint.did-you-mean-key": {
        "ja": "`{name}` の書き間違いではありませんか？ キーを `{name}` に直してください",
        "en": "did you mean `{name}`? write the key as `{name}`",
    },
    "hint.allowed-keys": {"ja": "ここに書ける項目：{names}", "en": "allowed here: {names}"},
    "schema.type": {
        "ja": "{field}は{wanted}で書く項目ですが、{got}（{value}）になっています",
        "en": "{field} must be {wanted}, not {got} ({value})",
    },
    "schema.type.empty": {
        "ja": "{field}が空です（{wanted}を書く項目です）",
        "en": "{field} is empty; it must be {wanted}",
    },
    "hint.write-value": {
        "ja": "コロンの後に値を書くか、任意の項目ならこの行を削除してください",
        "en": "write a value after the colon, or remove the line if the field is optional",
    },
    "hint.text-both": {
        "ja": "日本語と英語を別々の行に、`ja: …` と `en: …` の形で書いてください",
        "en": "give the text in both languages on separate lines: `ja: ...` and `en: ...`",
    },
    "hint.list-items": {
        "ja": "項目を1行に1つずつ、`- ` で始めて書いてください",
        "en": "write each item on its own line starting with `- `",
    },
    "hint.number-alone": {
        "ja": "数だけを、引用符や単位を付けずに書いてください（例：`30`）",
        "en": "write the number alone, without quotes or units, such as `30`",
    },
    "hint.whole-number": {"ja": "{n} のような整数で書いてください", "en": "write a whole number such as {n}"},
    "hint.quote-text": {
        "ja": "テキストとして扱うよう、値を引用符で囲んでください：{new}",
        "en": "put the value in quotes to keep it as text: {new}",
    },
    "hint.true-false": {"ja": "true か false を書いてください", "en": "write true or false"},
    "hint.reference": {
        "ja": "サイトの「記述項目リファレンス」でこの項目の説明を確認してください",
        "en": "see the descriptor reference for this field",
    },
    "schema.enum": {
        "ja": "{field}の値 {value} は選択肢にありません",
        "en": "{field} is {value}, which is not one of its choices",
    },
    "schema.enum.plain": {
        "ja": "{field}の値 {value} は使えない値です",
        "en": "{field} is {value}, which is not an allowed value",
    },
    "hint.did-you-mean-code": {
        "ja": "`{code}`（{label}）の書き間違いではありませんか？ 使える値：{choices}",
        "en": "did you mean `{code}` ({label})? allowed: {choices}",
    },
    "hint.did-you-mean": {
        "ja": "`{code}`（{label}）の書き間違いではありませんか？",
        "en": "did you mean `{code}` ({label})?",
    },
    "hint.allowed-codes": {"ja": "使える値：{choices}", "en": "allowed: {choices}"},
    "hint.many-codes": {
        "ja": "使える {n} 個のコードは schemas/vocabularies.schema.json とサイトの記述項目リファレンスにあります",
        "en": "see the {n} codes in schemas/vocabularies.schema.json or the site's descriptor reference",
    },
    "hint.isced-quotes": {
        "ja": 'コードは `"061"` のように引用符で囲んでください。'
        "引用符がないと、YAMLは先頭が0の数を8進数として読みます（054は44になります）",
        "en": 'write the code in quotes, like "061": unquoted, YAML reads a number with a leading zero '
        "as octal (054 becomes 44)",
    },
    "schema.const": {
        "ja": "{field}は {expected} でなければなりません（{value} になっています）",
        "en": "{field} must be {expected}, not {value}",
    },
    "schema.pattern.date": {
        "ja": "{field}の値 {value} はYYYY-MM-DD形式の日付ではありません",
        "en": "{field} is not a date written YYYY-MM-DD: {value}",
    },
    "hint.date": {
        "ja": '日付は "2026-04-01" のように、年4桁-月2桁-日2桁で書いてください',
        "en": 'write the date like "2026-04-01"',
    },
    "schema.pattern.url": {
        "ja": "{field}の値 {value} は https:// で始まるURLではありません",
        "en": "{field} is not an https URL: {value}",
    },
    "hint.url": {
        "ja": "https:// で始まる完全なアドレスを書いてください",
        "en": "use a full address starting with https://",
    },
    "schema.pattern.http": {
        "ja": "{field}が https:// ではなく http:// で始まっています：{value}",
        "en": "{field} uses http://, not https://: {value}",
    },
    "schema.pattern.id": {
        "ja": "{field}の値 {value} はIDとして使えません",
        "en": "{field} is not a valid id: {value}",
    },
    "hint.id": {
        "ja": "英小文字 a-z、数字、ハイフンだけを使ってください",
        "en": "use lowercase letters a-z, digits and hyphens",
    },
    "schema.pattern.program-id": {
        "ja": "{field}の値 {value} はプログラムIDではありません",
        "en": "{field} is not a program id: {value}",
    },
    "hint.program-id": {
        "ja": "`提供機関ID/スラッグ` の形で、英小文字・数字・ハイフンを使って書いてください",
        "en": "write `provider/slug`, lowercase letters, digits and hyphens",
    },
    "schema.pattern.kana": {
        "ja": "{field}の値 {value} はカタカナの読みではありません",
        "en": "{field} is not a reading in katakana: {value}",
    },
    "hint.kana": {
        "ja": "読みは全角カタカナで書いてください（長音符「ー」、中点「・」、空白も使えます。英字と数字は表記のまま）",
        "en": "write the reading in full-width katakana (the long-vowel mark ー, the middle dot ・ and spaces "
        "may be used; Latin letters and digits stay as written)",
    },
    "schema.pattern": {
        "ja": "{field}の値 {value} は決められた形式になっていません",
        "en": "{field} does not have the expected form: {value}",
    },
    "hint.example": {
        "ja": "{example} のように書いてください（{description}）",
        "en": "write it like {example} ({description})",
    },
    "schema.minLength": {"ja": "{field}が空です", "en": "{field} is empty"},
    "hint.write-text": {
        "ja": "テキストを書くか、任意の項目なら項目ごと削除してください",
        "en": "write the text, or remove the field if it is optional",
    },
    "schema.maxLength": {
        "ja": "{field}は {length} 文字あり、上限の {max} 文字を超えています",
        "en": "{field} is {length} characters long, more than {max}",
    },
    "hint.shorten": {"ja": "文章を短くしてください", "en": "shorten the text"},
    "schema.minItems": {
        "ja": "{field}には少なくとも {n} 個の項目が必要です",
        "en": "{field} needs at least {n} item(s)",
    },
    "hint.add-item": {"ja": "`- ` で始まる行で項目を追加してください", "en": "add an item as a `- ` line"},
    "schema.maxItems": {
        "ja": "{field}の項目が {count} 個あり、上限の {n} 個を超えています",
        "en": "{field} has {count} items, more than {n}",
    },
    "hint.fewer-items": {"ja": "重要なものだけを残してください", "en": "keep the most important ones"},
    "schema.uniqueItems": {
        "ja": "{field}に {value} が2回以上あります",
        "en": "{field} lists {value} more than once",
    },
    "hint.remove-repeated": {"ja": "重複している項目を削除してください", "en": "remove the repeated item"},
    "schema.range": {
        "ja": "{field}は {value} ですが、{relation}でなければなりません",
        "en": "{field} is {value}, but must be {relation}",
    },
    "relation.minimum": {"ja": "{bound} 以上", "en": "at least {bound}"},
    "relation.maximum": {"ja": "{bound} 以下", "en": "at most {bound}"},
    "relation.exclusiveMinimum": {"ja": "{bound} より大きい数", "en": "more than {bound}"},
    "relation.exclusiveMaximum": {"ja": "{bound} 未満", "en": "less than {bound}"},
    "hint.correct-number": {"ja": "数を正しく直してください", "en": "correct the number"},
    "schema.minProperties": {"ja": "{field}にテキストがありません", "en": "{field} has no text"},
    "hint.text-or-remove": {
        "ja": "`ja:` と `en:` のテキストを書くか、項目ごと削除してください",
        "en": "write `ja:` and `en:` text, or remove the field",
    },
    "schema.other": {
        "ja": "{field}がスキーマの `{keyword}` の条件を満たしていません",
        "en": "{field} does not satisfy the schema's `{keyword}` rule",
    },
    # --- mistakes of Japanese keyboards and input methods (mccat.validation.keyboard)
    "hint.replace": {"ja": "{old} を {new} に書き換えてください", "en": "replace {old} with {new}"},
    "hint.write-line": {"ja": "この行を {new} にしてください", "en": "write the line as {new}"},
    "hint.choose": {
        "ja": "次のいずれかを書いてください：{choices}",
        "en": "write one of: {choices}",
    },
    "input.full-width": {
        "ja": "{field}の値 {value} が全角文字で書かれています。半角で書いてください",
        "en": "{field} is written with full-width characters ({value}); type it in half-width",
    },
    "input.full-width-key": {
        "ja": "キー {key} が全角文字で書かれています。半角で書いてください",
        "en": "the key {key} is written with full-width characters; type it in half-width",
    },
    "input.full-width-quote": {
        "ja": "{field}の値 {value} が全角の引用符で囲まれています",
        "en": "{field} is enclosed in full-width quotes ({value})",
    },
    "input.units": {
        "ja": "{field}の値 {value} に単位や言葉が付いています。数だけを書く項目です",
        "en": "{field} has units or words with the number ({value}); the field takes the number alone",
    },
    "input.minutes": {
        "ja": "{field}は時間数を書く項目ですが、値 {value} は分で書かれています",
        "en": "{field} takes hours, but {value} is in minutes",
    },
    "input.separators": {
        "ja": "{field}の値 {value} に桁区切りのカンマがあります。数だけを書く項目です",
        "en": "{field} has thousands separators ({value}); the field takes the number alone",
    },
    "input.japanese-date": {
        "ja": "{field}の日付 {value} が和暦・日本式の書き方になっています。西暦のYYYY-MM-DD形式で書く項目です",
        "en": "{field} is a date in Japanese style ({value}); the field takes a date written YYYY-MM-DD",
    },
    "input.japanese-date-invalid": {
        "ja": "{field}の日付 {value} は暦にない日付です",
        "en": "{field} is {value}, which is not a day of the calendar",
    },
    "input.url-characters": {
        "ja": "{field}のURL {value} に日本語の句読点や全角文字（{chars}）が含まれています",
        "en": "{field} has Japanese punctuation or full-width characters ({chars}) in its URL {value}",
    },
    "input.label-for-code": {
        "ja": "{field}の値 {value} は選択肢の名前です。コードで書く項目です（{code}：{label}）",
        "en": "{field} is {value}, the name of a choice; the field takes its code ({code}: {label})",
    },
    "input.empty-choice": {"ja": "{field}が空です", "en": "{field} is empty"},
    "input.hiragana": {
        "ja": "{field}の読み {value} がひらがなや半角カナで書かれています。全角カタカナで書く項目です",
        "en": "{field} is written in hiragana or half-width kana ({value}); readings are written in "
        "full-width katakana",
    },
    "input.tab": {
        "ja": "インデントにタブ文字が使われています。YAMLのインデントは半角スペースだけです",
        "en": "a tab is used for indentation; YAML indents with half-width spaces only",
    },
    "input.full-width-indent": {
        "ja": "インデントに全角スペースが使われています。YAMLのインデントは半角スペースだけです",
        "en": "a full-width space (U+3000) is used for indentation; YAML indents with half-width spaces only",
    },
    "input.full-width-space-key": {
        "ja": "キー `{key}` の前後に全角スペースかタブがあります。キーの後は半角のコロンと半角スペースだけです",
        "en": "a full-width space (U+3000) or a tab is next to the key `{key}`; a key takes a half-width colon "
        "and a half-width space",
    },
    "input.full-width-colon": {
        "ja": "キー `{key}` の後のコロンが全角の「：」になっています",
        "en": "the key `{key}` is followed by a full-width colon `：`",
    },
    "input.full-width-hyphen": {
        "ja": "リストの項目が半角の「- 」ではなく「{mark}」で始まっています",
        "en": "a list item starts with `{mark}` instead of a half-width hyphen and space",
    },
    # --- catalogue rules (mccat.validation.rules)
    "text.invisible-character": {
        "ja": "{field}の {position} 文字目に見えない文字 U+{code}（{name}）があります",
        "en": "{field} contains the invisible character U+{code} ({name}) at position {position}",
    },
    "hint.invisible": {
        "ja": "削除してください。見えない文字や双方向制御文字は、差分を読む審査者からテキストを隠すことができます",
        "en": "delete it; invisible and bidirectional characters can hide text from reviewers reading the diff",
    },
    "text.lookalike-letter": {
        "ja": "{field}の {position} 文字目、語 {word} の中の文字 {char}（U+{code} {name}）は、"
        "ラテン文字に似た別の文字です",
        "en": "{field} has the letter {char} (U+{code} {name}) in the word {word}, at position {position}: "
        "it looks like a Latin letter",
    },
    "hint.lookalike": {
        "ja": "この語をラテン文字で打ち直してください。似た文字は、差分でもサイトでも名前を別のものに見せかけられます",
        "en": "type the word again in Latin letters; a lookalike letter can pass a name off as another one "
        "in the diff and on the site",
    },
    "date.invalid": {
        "ja": "{field}の値 {value} は暦にない日付です",
        "en": "{field} is {value}, which is not a day of the calendar",
    },
    "hint.month-day": {"ja": "月と日を確認してください", "en": "check the month and the day"},
    "id.file-name.program": {
        "ja": "ファイル名 {name} はプログラムIDとして使えません",
        "en": "the file name {name} is not a valid program id",
    },
    "id.file-name.provider": {
        "ja": "ファイル名 {name} は提供機関IDとして使えません",
        "en": "the file name {name} is not a valid provider id",
    },
    "hint.rename-id": {
        "ja": "ファイル名を `{name}` に変更してください（英小文字・数字・ハイフン）",
        "en": "rename it to `{name}`: lowercase letters, digits and hyphens",
    },
    "id.too-long.file-program": {
        "ja": "ファイル名 {name} が {length} 文字あります。プログラムIDは {max} 文字までです",
        "en": "the file name {name} is {length} characters long; a program id has at most {max}",
    },
    "id.too-long.file-provider": {
        "ja": "ファイル名 {name} が {length} 文字あります。提供機関IDは {max} 文字までです",
        "en": "the file name {name} is {length} characters long; a provider id has at most {max}",
    },
    "id.too-long.folder": {
        "ja": "フォルダー名 {name} が {length} 文字あります。提供機関IDは {max} 文字までです",
        "en": "the folder name {name} is {length} characters long; a provider id has at most {max}",
    },
    "hint.id-too-long": {
        "ja": "短いIDにしてください。IDはURLやファイル名の一部になり、それらには長さの上限があります",
        "en": "choose a shorter id: it becomes part of URLs and file names, which have a length limit",
    },
    "id.folder-name": {
        "ja": "フォルダー名 {folder} は提供機関IDとして使えません",
        "en": "the folder name {folder} is not a valid provider id",
    },
    "hint.rename-folder": {
        "ja": "フォルダー名を `{name}` に変更してください（英小文字・数字・ハイフン）",
        "en": "rename the folder to `{name}`: lowercase letters, digits and hyphens",
    },
    "provider.folder": {
        "ja": "{field}は {provider} ですが、ファイルはフォルダー {folder} にあります",
        "en": "{field} is {provider} but the file is in the folder {folder}",
    },
    "hint.provider-folder": {
        "ja": "`provider: {folder}` と書くか、ファイルを programs/{provider}/ に移してください",
        "en": "write `provider: {folder}` or move the file to programs/{provider}/",
    },
    "provider.unknown": {
        "ja": "提供機関 {provider} は登録されていません",
        "en": "the provider {provider} does not exist",
    },
    "hint.add-provider": {
        "ja": "catalogue/providers/{provider}.yaml を追加してください（`mccat new provider {provider}`）",
        "en": "add catalogue/providers/{provider}.yaml (`mccat new provider {provider}`)",
    },
    "stacking.incoherent": {
        "ja": "{field}が false なのに、積み上げ先が書かれています",
        "en": "{field} is false but the program lists what it stacks into",
    },
    "hint.stackable": {
        "ja": "`stackable: true` にするか、stacks_into の一覧を削除してください",
        "en": "set `stackable: true`, or remove the stacks_into lists",
    },
    "stacking.self": {
        "ja": "積み上げ先に、このプログラム自身が含まれています",
        "en": "the program stacks into itself",
    },
    "hint.remove-self": {
        "ja": "`stacks_into` からこのプログラムのIDを削除してください",
        "en": "remove its own id from `stacks_into`",
    },
    "stacking.unknown": {
        "ja": "{field}の {target} はカタログにありません",
        "en": "{field} names {target}, which is not in the catalogue",
    },
    "hint.check-program-id": {
        "ja": "ID（提供機関ID/スラッグ）を確認してください。ファイルは catalogue/programs/{target}.yaml のはずです",
        "en": "check the id (provider/slug); the file would be catalogue/programs/{target}.yaml",
    },
    "stacking.fan-in": {
        "ja": "{count} 個のプログラムが {target} に積み上げられています。積み上げられるのは {max} 個までです",
        "en": "{count} programs stack into {target}; at most {max} may",
    },
    "hint.fan-in": {
        "ja": "これほど多くの部分からなる大きな資格はまれです。"
        "委員会に相談するか、部分を中間のプログラムにまとめてください",
        "en": "a larger credential made of more parts is rare: ask the committee, or group the parts into "
        "intermediate programs",
    },
    "stacking.cycle": {
        "ja": "プログラムの積み上げが循環しています：{cycle}",
        "en": "programs stack into each other in a circle: {cycle}",
    },
    "hint.cycle": {
        "ja": "プログラムはより大きなプログラムにだけ積み上げられます。どこか1つのつながりを削除してください",
        "en": "a program can only stack into a larger one; remove one link",
    },
    "date.order.approval": {
        "ja": "{until_field}が {until} で、{approved_field}の {approved} より前になっています",
        "en": "{until_field} is {until}, before {approved_field}, {approved}",
    },
    "hint.approval-order": {
        "ja": "承認の開始は終了より前でなければなりません。両方の日付を確認してください",
        "en": "the approval must start before it ends; check both dates",
    },
    "date.future-approval": {
        "ja": "{field}が {date} で、未来の日付です",
        "en": "{field} is {date}, in the future",
    },
    "hint.decision-date": {
        "ja": "レジストリ委員会の決定日を書いてください",
        "en": "use the date of the Registry Committee's decision",
    },
    "approval.expired": {
        "ja": "承認の有効期限が {date} に切れています",
        "en": "the approval expired on {date}",
    },
    "hint.renew": {
        "ja": "更新する（新しい決定番号と `valid_until`）か、`status: withdrawn` にしてください",
        "en": "renew it (new decision number and `valid_until`) or set `status: withdrawn`",
    },
    "date.order.end": {
        "ja": "{field}が {end} で、開始日の {start} より前です",
        "en": "{field} is {end}, before its start, {start}",
    },
    "hint.swap-dates": {
        "ja": "日付を入れ替えるか、誤っている方を直してください",
        "en": "swap the dates or correct the one that is wrong",
    },
    "date.order.deadline": {
        "ja": "{field}が {deadline} で、開始日の {start} より後です",
        "en": "{field} is {deadline}, after the start, {start}",
    },
    "hint.deadline": {
        "ja": "申込みは開始日までに締め切る必要があります",
        "en": "applications must close on or before the first day",
    },
    "plausibility.too-long.offering": {
        "ja": "{field}の期間が {days} 日あり、1年を超えています",
        "en": "{field} lasts {days} days, longer than a year",
    },
    "hint.under-a-year-dates": {
        "ja": "マイクロクレデンシャルは1年未満で修了するものです。日付を確認してください",
        "en": "a micro-credential is completed in under a year; check the dates",
    },
    "delivery.location": {
        "ja": "{mode_field}が {mode}なのに、{location_field}がありません",
        "en": "{mode_field} is {mode} but {location_field} is missing",
    },
    "hint.location-text": {
        "ja": "学習者が場所を分かるよう、`ja:` と `en:` を付けて `location:` を追加してください",
        "en": "add `location:` with `ja:` and `en:` so learners know where to go",
    },
    "text.one-language": {
        "ja": "{field}に{lang}のテキストがありません",
        "en": "{field} has no {lang} text",
    },
    "hint.add-language": {
        "ja": "`{key}:` を追加してください。それまで{lang}のページにはもう一方の言語のテキストが表示されます",
        "en": "add `{key}:`; until then the {lang} page shows the other language",
    },
    "plausibility.no-assessment": {"ja": "評価の方法がありません", "en": "the program has no assessment"},
    "hint.assessment": {
        "ja": "出席だけで修了となる講座はマイクロクレデンシャルではありません。学修をどう評価するかを書いてください",
        "en": "a course with attendance only is not a micro-credential; list how learning is assessed",
    },
    "plausibility.few-hours": {
        "ja": "{field}が {hours} で、{min} 時間に足りません",
        "en": "{field} is {hours}, fewer than {min}",
    },
    "hint.few-hours": {
        "ja": "日本のマイクロクレデンシャルはおおむね10時間以上です。数値を確認してください",
        "en": "micro-credentials in Japan are roughly 10 hours or more; check the figure",
    },
    "plausibility.too-long.weeks": {
        "ja": "{field}が {weeks} 週で、1年を超えています",
        "en": "{field} is {weeks}, longer than a year",
    },
    "hint.split": {
        "ja": "マイクロクレデンシャルは1年未満で修了するものです。分割を検討してください",
        "en": "a micro-credential is completed in under a year; consider splitting it",
    },
    "url.backslash": {
        "ja": "{field}のパスの前にバックスラッシュがあります（{authority}）。"
        "ブラウザは「/」として読むため、見た目と違う場所へ移動します",
        "en": "{field} has a backslash before its path ({authority}): browsers read it as '/', so the link "
        "would not go where it seems to",
    },
    "hint.host-path": {
        "ja": "アドレスは https://ホスト名/パス の形で書いてください",
        "en": "write the address as https://host/path",
    },
    "url.user-info": {
        "ja": "{field}のホスト名の前にユーザー名があります（{authority}）。実際のリンク先は {host} です",
        "en": "{field} has a user name before its host ({authority}): the link goes to {host}",
    },
    "hint.no-user-info": {
        "ja": "ホスト名の前に「…@」を付けず、https://ホスト名/パス の形で書いてください",
        "en": "write the address as https://host/path, without anything@ before the host",
    },
    "url.non-ascii-host": {
        "ja": "{field}のホスト名 {host} にASCII以外の文字 {char}（U+{code} {name}）があります",
        "en": "{field} has the non-ASCII character {char} (U+{code} {name}) in its host {host}",
    },
    "hint.ascii-host": {
        "ja": "ホスト名はASCIIの文字で書いてください。似た文字は読む人を別のサイトへ導くことがあります",
        "en": "write the host in ASCII letters: a lookalike letter can send readers to another site",
    },
    "hint.ascii-host-idna": {
        "ja": "ホスト名はASCIIの文字で書いてください。似た文字は読む人を別のサイトへ導くことがあります。"
        "国際化ドメイン名は xn-- の形で書きます（ここでは {ascii}）",
        "en": "write the host in ASCII letters: a lookalike letter can send readers to another site; an "
        "internationalised domain is written in its xn-- form, here {ascii}",
    },
    # --- the committee list and the ownership check (mccat.review.ownership)
    "committee.members": {"ja": "`members:` の一覧がありません", "en": "has no `members:` list"},
    "hint.committee-members": {
        "ja": "`members:` の後に、委員1人につき1行ずつ `- アカウント名` を書いてください",
        "en": "write `members:` followed by one `- account` line per committee member",
    },
    "committee.unknown-key": {"ja": "不明なキー {key} があります", "en": "has the unknown key {key}"},
    "hint.committee-keys": {
        "ja": "このファイルに書けるのは `members:` だけです。メモはYAMLのコメント（#）に書いてください",
        "en": "the file holds only `members:`; put notes in YAML comments",
    },
    "committee.account": {
        "ja": "{account} はGitHubのアカウント名ではありません",
        "en": "{account} is not a GitHub account name",
    },
    "hint.account": {
        "ja": "「@」を付けずに、英字・数字・ハイフン（連続は不可）で39文字以内のアカウント名を書いてください",
        "en": "write the account without '@': letters, digits and single hyphens, at most 39 characters",
    },
    "committee.duplicate": {
        "ja": "{account} が2回書かれています（最初は {n} 番目）",
        "en": "lists {account} twice (first as item {n})",
    },
    "hint.remove-one": {"ja": "どちらか一方を削除してください", "en": "remove one of them"},
    "committee.empty": {"ja": "委員が1人も書かれていません", "en": "lists no members"},
    "hint.committee-empty": {
        "ja": "委員会には少なくとも1つのアカウントが必要です",
        "en": "the committee needs at least one account",
    },
    "hint.committee-file": {
        "ja": "{file} を作り、`members:` に委員のアカウントを書いてください",
        "en": "add {file} with a `members:` list of the committee's accounts",
    },
    "ownership.committee": {"ja": "レジストリ委員会のメンバー", "en": "Registry Committee member"},
    "ownership.maintainer": {"ja": "{provider} の担当アカウント", "en": "maintainer of {provider}"},
    "ownership.nobody": {"ja": "なし", "en": "nobody"},
    "ownership.other-provider": {
        "ja": "提供機関 {provider} のファイルです（担当：{maintainers}）。担当者か委員会に依頼してください",
        "en": "belongs to the provider {provider}, maintained by {maintainers}; ask one of them or the committee",
    },
    "ownership.new-provider": {
        "ja": "新しい提供機関 {provider} の担当アカウント（委員会が承認の前に担当者を確認します）",
        "en": "maintainer of the new provider {provider} (the committee checks who the maintainers are "
        "before approving)",
    },
    "ownership.not-in-new-provider": {
        "ja": "新しい提供機関 {provider} のファイルですが、"
        "その提供機関ファイルの `maintainers` に {author} がありません",
        "en": "belongs to the new provider {provider}, whose provider file does not list {author} under `maintainers`",
    },
    "ownership.no-provider-file": {
        "ja": "提供機関 {provider} のファイルですが、読み取れる提供機関ファイルがありません。"
        "{author} を記載した catalogue/providers/{provider}.yaml を追加してください",
        "en": "belongs to the provider {provider}, which has no readable provider file; add "
        "catalogue/providers/{provider}.yaml listing {author}",
    },
    "ownership.cross-provider-stacking": {
        "ja": "他の提供機関 {provider} のプログラム {target} への積み上げのリンクを追加しています。"
        "そのプログラムのページとデータにこのプログラムが載るため、{provider} の記録の変更になります。"
        "担当者（{maintainers}）か委員会に依頼してください",
        "en": "adds a stacking link onto {target} of the provider {provider}: that program's page and data "
        "would list this one, a change to {provider}'s record; ask its maintainers ({maintainers}) or the committee",
    },
    "ownership.decision-pushed": {
        "ja": "委員会の決定（{account} がプッシュ）",
        "en": "a committee decision, pushed by {account}",
    },
    "ownership.decision-file": {
        "ja": "委員会の決定（`catalogue/decisions/`）で、追加・変更できるのは委員会だけです。"
        "委員会が自らのプルリクエストで追加するか、委員会のメンバーがここにプッシュします",
        "en": "is a committee decision (catalogue/decisions/), which only the committee may add or change; "
        "the committee adds it in its own pull request, or a committee member pushes it here",
    },
    "ownership.erase-decision": {
        "ja": "委員会の決定 {decision} を削除しています。決定は公開の記録なので削除できません。"
        "誤りは新しい決定で訂正してください",
        "en": "deletes the committee decision {decision}, a public record; a decision stays: correct it "
        "with a new decision",
    },
    "ownership.erase-program": {
        "ja": "承認されたプログラム {program} を決定なしに削除しています。委員会が、この変更の中かそれ以前に、"
        "取り下げか新しいIDへの移行の決定（catalogue/decisions/<決定番号>.yaml、"
        "`mccat new decision <決定番号> --kind withdraw --program {id}`）を追加します。"
        "そのプログラムのページとファイルは残ります",
        "en": "deletes the approved program {program} without a decision: the committee adds a withdraw or "
        "rename decision for it (catalogue/decisions/<ID>.yaml, `mccat new decision ID --kind withdraw "
        "--program {id}`) in this change or before; its page and files then stay",
    },
    "ownership.erase-provider": {
        "ja": "提供機関 {provider} を削除していますが、その承認されたプログラム {programs} には取り下げか"
        "新しいIDへの移行の決定がありません。委員会がまずそれぞれについて決定します",
        "en": "deletes the provider {provider}, whose approved programs {programs} have no withdraw or rename "
        "decision; the committee decides on each first",
    },
    "ownership.generated": {
        "ja": "変更された提供機関ファイルから `mccat owners` が生成した内容です",
        "en": "generated by `mccat owners` from the changed provider files",
    },
    "ownership.committee-area": {
        "ja": "{area}に含まれ、委員会だけが変更できます",
        "en": "is one of {area}, which only the committee may change",
    },
    "area.schemas": {"ja": "スキーマと統制語彙", "en": "the schemas and vocabularies"},
    "area.tools": {"ja": "カタログのツール", "en": "the catalogue tools"},
    "area.workflows": {"ja": "ワークフローとリポジトリの設定", "en": "the workflows and repository settings"},
    "area.governance": {"ja": "委員会の運営ファイル", "en": "the committee's governance files"},
    "area.outside": {"ja": "カタログ外のファイル", "en": "files outside the catalogue"},
    "area.not-entries": {"ja": "カタログの項目ではないファイル", "en": "files that are not catalogue entries"},
    "ownership.allowed": {"ja": "許可", "en": "ok  "},
    "ownership.denied": {"ja": "拒否", "en": "DENY"},
    "ownership.no-changes": {
        "ja": "{base} と {head} の間に変更されたファイルはありません",
        "en": "no files changed between {base} and {head}",
    },
    "ownership.working-tree": {"ja": "作業ツリー", "en": "working tree"},
    "ownership.ok": {
        "ja": "OK：{author} はこれら {n} 件の変更をしてかまいません",
        "en": "ok: {author} may make these {n} change(s)",
    },
    "ownership.not-allowed": {
        "ja": "許可されません：{author} は {total} ファイルのうち {denied} ファイルを変更できません。"
        "委員会のメンバーがこの変更を行うか、引き継ぐことができます",
        "en": "not allowed: {author} may not change {denied} of {total} file(s); a committee member can make "
        "or take over these changes",
    },
    # --- generated files (mccat owners, mccat issue-form)
    "generated.missing": {"ja": "ありません", "en": "is missing"},
    "generated.stale": {"ja": "最新ではありません", "en": "is out of date"},
    "hint.regenerate": {
        "ja": "`{command}` を実行し、結果をコミットしてください",
        "en": "run `{command}` and commit the result",
    },
    "generated.current": {"ja": "OK：{file} は最新です", "en": "ok: {file} is up to date"},
    "cli.wrote": {"ja": "{file} を書き出しました", "en": "wrote {file}"},
    # --- the site's build (hooks/catalogue_hook.py)
    "build.invalid": {
        "ja": "カタログに誤りがあります。次の点を直してから、もう一度ビルドしてください：",
        "en": "The catalogue is not valid; fix these and build again:",
    },
    # environment variables of the build (mccat.build.plan.environment_error): the variable, its value, what to set
    "env.bundle-pages": {
        "ja": "環境変数 `{variable}` は 1 以上の整数（1 つの検索バンドルに入れるページ数）にしてください。"
        "いまの値は {value} です。例：`{variable}={default}`（既定値。設定しなければこの値です）",
        "en": "the environment variable `{variable}` must be a whole number of pages (1 or more), got {value}; "
        "set e.g. `{variable}={default}` (the default, used when it is unset)",
    },
    "env.program-list-page": {
        "ja": "環境変数 `{variable}` は 1 以上の整数（「すべてのプログラム」の 1 ページに載せるプログラムの数）"
        "にしてください。いまの値は {value} です。例：`{variable}={default}`（既定値。設定しなければこの値です）",
        "en": "the environment variable `{variable}` must be a whole number of programs (1 or more), got {value}; "
        "set e.g. `{variable}={default}` (the default, used when it is unset)",
    },
    "env.build-date": {
        "ja": "環境変数 `{variable}` は `YYYY-MM-DD` 形式の日付にしてください。いまの値は {value} です。"
        "例：`{variable}={example}`（設定しなければ今日の日付です）",
        "en": "the environment variable `{variable}` must be a date as `YYYY-MM-DD`, got {value}; "
        "set e.g. `{variable}={example}` (unset, it is today's date)",
    },
    "env.source-date-epoch": {
        "ja": "環境変数 `{variable}` は 1970 年からの秒数（整数。`git log -1 --format=%ct` が出力する値）"
        "にしてください。いまの値は {value} です。例：`{variable}=$(git log -1 --format=%ct)`",
        "en": "the environment variable `{variable}` must be whole seconds since 1970 (as `git log -1 --format=%ct` "
        "prints), got {value}; set e.g. `{variable}=$(git log -1 --format=%ct)`",
    },
    "env.keys-file": {
        "ja": "環境変数 `{variable}` が鍵のファイルを指していません。いまの値は {value} です。"
        "鍵のファイルを設定するか（例：`{variable}=governance/keys.yaml`）、"
        "設定を外してください（`unset {variable}`。`mkdocs.yml` と同じ場所の `governance/keys.yaml` を使います）",
        "en": "the environment variable `{variable}` does not name a keys file, got {value}; set it to one "
        "(e.g. `{variable}=governance/keys.yaml`) or unset it (`unset {variable}`) to use `governance/keys.yaml` "
        "beside `mkdocs.yml`",
    },
    "env.switch": {
        "ja": "環境変数 `{variable}` は 1（オン）か 0（オフ）で設定します。いまの値は {value} です。"
        "`{variable}=1` とするか、設定を外してください（`unset {variable}`）",
        "en": "the environment variable `{variable}` is a switch, 1 (on) or 0 (off), got {value}; "
        "set `{variable}=1` or unset it (`unset {variable}`)",
    },
    "env.catalogue-folder": {
        "ja": "環境変数 `{variable}` がフォルダーを指していません。いまの値は {value} です。"
        "カタログのフォルダーを設定するか（例：`{variable}=catalogue`）、"
        "設定を外してください（`unset {variable}`。`mkdocs.yml` と同じ場所の `catalogue/` を使います）",
        "en": "the environment variable `{variable}` does not name a folder, got {value}; set it to the catalogue's "
        "folder (e.g. `{variable}=catalogue`) or unset it (`unset {variable}`) to use `catalogue/` beside `mkdocs.yml`",
    },
    "search-index.not-installed": {
        "ja": "Pagefind がインストールされていません。`pip install 'pagefind[extended]'` でインストールしてください。",
        "en": "Pagefind is not installed: install it with `pip install 'pagefind[extended]'`.",
    },
    "search-index.no-binary": {
        "ja": "Pagefind の実行ファイルが見つかりません。"
        "`pip install 'pagefind[extended]'` でインストールしてください。",
        "en": "No Pagefind binary found: install it with `pip install 'pagefind[extended]'`.",
    },
    "search-index.plain-binary": {
        "ja": "{executable} は Pagefind の拡張版（`extended`）ではありません。"
        "通常版は日本語の文を単語に分けられません。`pip install 'pagefind[extended]'` でインストールし、"
        "`PAGEFIND_BINARY_PATH` の設定を外してください。",
        "en": "{executable} is not the extended Pagefind binary; the plain one cannot segment Japanese text. "
        "Install it (`pip install 'pagefind[extended]'`) and unset `PAGEFIND_BINARY_PATH`.",
    },
    "search-index.cannot-start": {
        "ja": "Pagefind を起動できず、{lang} のページを索引にできませんでした：{reason}",
        "en": "Pagefind could not index the {lang} pages: {reason}",
    },
    "search-index.timeout": {
        "ja": "Pagefind が {lang} のページの索引を {seconds} 秒以内に作り終えませんでした。",
        "en": "Pagefind did not finish indexing the {lang} pages in {seconds} s.",
    },
    "search-index.pagefind-failed": {
        "ja": "Pagefind が {lang} のページの索引を作れませんでした（終了コード {status}）。Pagefind の出力：",
        "en": "Pagefind could not index the {lang} pages (exit {status}):",
    },
    "search-index.not-reproducible": {
        "ja": "{lang} の検索インデックスを、同じページから同じバイト列になる形に整えられませんでした：{error}",
        "en": "The {lang} search index could not be made reproducible: {error}",
    },
    "search-index.missing": {
        "ja": "Pagefind が {lang} の索引を書きませんでした（{file} がありません）。",
        "en": "Pagefind wrote no index for {lang}: {file} is missing.",
    },
    "search-index.foreign": {
        "ja": "{lang} のページの中に {foreign} のページがあります。`data-pagefind-body` のあるページに "
        '`<html lang="{lang}">` がありません。',
        "en": "Pagefind found pages in {foreign} among the {lang} pages: a page with `data-pagefind-body` lacks "
        '`<html lang="{lang}">`.',
    },
    "search-index.incomplete": {
        "ja": "検索インデックスが足りません（{lang} は {count} ページ。どの言語にも少なくとも {min_pages} ページ、"
        "プログラムごとに 1 ページが要ります）。プログラムのページ（`overrides/mc/program.html`）の "
        "`data-pagefind-body` と `<html lang>` を消さないでください。",
        "en": "The search index is incomplete ({lang} has {count} pages; every language needs at least {min_pages}, "
        "one per program). Program pages must keep `data-pagefind-body` (`overrides/mc/program.html`) "
        "and `<html lang>`.",
    },
    "build.search-index-failed": {
        "ja": "検索インデックスを作れなかったため、ビルドを止めました。詳細：",
        "en": "The build stopped because the search index could not be made. Details:",
    },
    "build.api-files-lost": {
        "ja": "`/api/v1` のファイルを書くプロセスが途中で終わったため、ビルドを止めました"
        "（メモリ不足で止められた可能性があります。空きメモリを増やすか、ほかの処理を止めてもう一度ビルドしてください）。詳細：",
        "en": "The build stopped because the process writing the /api/v1 files ended before it finished (it may "
        "have been killed for lack of memory: free some memory or stop other work, then build again). Details:",
    },
    "build.search-index-stale": {
        "ja": "検索インデックスを更新できませんでした（プレビューの検索は前の内容のままです）。",
        "en": "Search index not updated (the preview searches the previous pages):",
    },
    "build.site-dir-not-folder": {
        "ja": "{folder} はフォルダーではありません。サイト専用のフォルダーを指定してください（--site-dir）。",
        "en": "{folder} is not a folder: give the site a folder of its own (--site-dir).",
    },
    "build.site-dir-busy": {
        "ja": "別のビルドが {folder} に書き込んでいる最中です。そのビルドが終わるのを待つか、別のフォルダー"
        "（--site-dir）にビルドしてください。",
        "en": "Another build is writing to {folder} right now: wait for it to finish, or build into another folder "
        "(--site-dir).",
    },
    "build.registry-invalid": {
        "ja": "{file} に誤りがあります。次の点を直してから、もう一度ビルドしてください：",
        "en": "{file} is not valid; fix it and build again:",
    },
    # --- the command line (mccat.cli)
    "cli.error": {"ja": "mccat: エラー: {message}", "en": "mccat: error: {message}"},
    "usage.no-catalogue": {
        "ja": "カタログのフォルダー {folder} がありません（--catalogue DIR で指定してください）",
        "en": "catalogue folder {folder} does not exist (use --catalogue DIR)",
    },
    "usage.pushed-from": {
        "ja": "--pushed-by には、そのプッシュの前にブランチがあったコミットを --pushed-from で指定してください",
        "en": "--pushed-by needs --pushed-from REV (the commit the branch was at before that push)",
    },
    "usage.rev-and-paths": {
        "ja": "--rev はカタログ全体を検査します。ファイルは指定しないでください",
        "en": "--rev checks the whole catalogue; name no files",
    },
    "usage.rev-and-committee": {
        "ja": "--rev ではそのリビジョンの委員会名簿を読みます。--committee は指定しないでください",
        "en": "--rev reads the committee list at that revision; leave out --committee",
    },
    "usage.decision-record": {
        "ja": "プログラム {program} の名称と、その提供機関の名称を読み取れません",
        "en": "cannot read the title of {program} and its provider's name",
    },
    "usage.decision-id": {
        "ja": "{id} は決定番号として使えません。`MCR-2026-014` のように書いてください",
        "en": "{id} is not a decision number: write it like `MCR-2026-014`",
    },
    "usage.decision-kind": {
        "ja": "--kind には次のいずれかを指定してください：{kinds}",
        "en": "--kind must be one of {kinds}",
    },
    "usage.decision-options": {
        "ja": "--kind、--program、--renamed-to は `mccat new decision` のためのものです",
        "en": "--kind, --program and --renamed-to are for `mccat new decision`",
    },
    "usage.provider-id": {
        "ja": "{id} は提供機関IDとして使えません。英小文字・数字・ハイフンを使ってください",
        "en": "{id} is not a valid provider id: use lowercase letters, digits and hyphens",
    },
    "usage.program-id": {
        "ja": "{id} はプログラムIDとして使えません。"
        "`提供機関ID/スラッグ` の形で、英小文字・数字・ハイフンを使ってください",
        "en": "{id} is not a valid program id: write provider/slug, lowercase letters, digits and hyphens",
    },
    "usage.outside-catalogue": {
        "ja": "{file} はリンクを通じてカタログの外を指しています。カタログの中のフォルダーに作ってください",
        "en": "{file} leads out of the catalogue through a link; make it in a folder inside the catalogue",
    },
    "usage.exists": {
        "ja": "{file} はすでにあります。そのファイルを編集するか、別のIDにしてください",
        "en": "{file} already exists; edit it, or choose another id",
    },
    "new.wrote": {
        "ja": "{file} を書き出しました。\n次に：空欄を記入し（任意項目は必要なものだけコメントを外して）、"
        "`mccat validate {file}` を実行してください",
        "en": "wrote {file}\nnext: fill in the empty values (uncomment the optional fields you need), then run "
        "`mccat validate {file}`",
    },
    "usage.not-empty": {
        "ja": "{folder} は空ではありません。新しいフォルダーを指定してください",
        "en": "{folder} is not empty; choose a new folder",
    },
    "synth.wrote": {"ja": "{count} 個のファイルを {folder} に書き出しました", "en": "wrote {count} files to {folder}"},
    "usage.build-date": {
        "ja": "--build-date は YYYY-MM-DD の形で指定してください（{value} になっています）",
        "en": "--build-date must be YYYY-MM-DD, got {value}",
    },
    "usage.site-url": {
        "ja": "--site-url は、クエリやフラグメントのない http または https の絶対URLで指定してください"
        "（{value} になっています）",
        "en": "--site-url must be an absolute http(s) URL without query or fragment, got {value}",
    },
    "export.wrote": {
        "ja": "{count} 個のファイルを {folder} に書き出しました",
        "en": "wrote {count} files under {folder}",
    },
    "usage.outside-repository": {
        "ja": "カタログのフォルダー {folder} が {root} の中にありません",
        "en": "the catalogue folder {folder} is not inside {root}",
    },
    "usage.no-committee": {
        "ja": "{file} がありません。`members:` の下に委員会のアカウントを書いてください",
        "en": "{file} does not exist; list the committee's accounts there under `members:`",
    },
    "git.missing": {
        "ja": "git がインストールされていないか、PATH にありません",
        "en": "git is not installed or not on PATH",
    },
    "git.timeout": {
        "ja": "`git {command}` が {seconds} 秒以内に終わりませんでした",
        "en": "`git {command}` did not finish in {seconds} s",
    },
    "git.failed": {"ja": "`git {command}` が失敗しました：{detail}", "en": "`git {command}` failed: {detail}"},
    "git.not-a-repository": {
        "ja": "{path} はgitリポジトリの中にありません",
        "en": "{path} is not inside a git repository",
    },
    "git.not-a-revision": {"ja": "{rev} はリビジョンではありません", "en": "{rev} is not a revision"},
    "git.unknown-revision": {
        "ja": "{rev} はこのリポジトリのコミットではありません（先に取得してください。例：`git fetch origin {name}`）",
        "en": "{rev} is not a commit in this repository (fetch it first, e.g. `git fetch origin {name}`)",
    },
    # --- the committee's decisions (mccat.validation.rules, mccat.model.lifecycle)
    "id.decision-file-name": {
        "ja": "ファイル名 {name} は決定番号になっていません",
        "en": "the file name {name} is not a decision id",
    },
    "hint.decision-file-name": {
        "ja": "ファイル名を決定番号にしてください"
        "（例：`MCR-2026-014.yaml`。英大文字2〜6字、年、番号をハイフンでつなぐ）",
        "en": "name the file after the decision, like MCR-2026-014.yaml: 2 to 6 capital letters, the year "
        "and the number, joined by hyphens",
    },
    "decision.future": {
        "ja": "{field}が {date} で、今日（{today}）より後になっています",
        "en": "{field} is {date}, after today ({today})",
    },
    "hint.decision-future": {
        "ja": "決定の日付は委員会が決定した日です。その日以降に記録してください",
        "en": "a decision is dated the day the committee took it; record it on or after that day",
    },
    "decision.validity": {
        "ja": "{until_field}（{until}）が{date_field}（{date}）より後になっていません",
        "en": "{until_field} ({until}) is not after the {date_field} ({date})",
    },
    "hint.decision-validity": {
        "ja": "有効期限は決定の日より後です。両方の日付を確認してください",
        "en": "the validity ends after the decision; check both dates",
    },
    "decision.no-valid-until": {
        "ja": "種類が「{kind}」の決定に `valid_until`（有効期限）がありません",
        "en": "a decision of kind {kind} has no `valid_until`",
    },
    "hint.decision-add-valid-until": {
        "ja": '承認の最終日を `valid_until: "YYYY-MM-DD"` の形で追加してください',
        "en": 'add `valid_until: "YYYY-MM-DD"`, the last day of the approval',
    },
    "decision.extra-valid-until": {
        "ja": "種類が「{kind}」の決定は `valid_until`（有効期限）を定めません",
        "en": "a decision of kind {kind} does not set `valid_until`",
    },
    "hint.decision-remove-valid-until": {
        "ja": "`valid_until` を削除してください。有効期限を定めるのは承認・更新・承認内容の変更の決定だけです",
        "en": "remove `valid_until`; only approve, renew and amend-approval set the validity",
    },
    "decision.no-renamed-to": {
        "ja": "新しいIDへの移行の決定に `renamed_to`（新しいID）がありません",
        "en": "a rename has no `renamed_to`",
    },
    "hint.decision-add-renamed-to": {
        "ja": "プログラムの新しいIDを `renamed_to: 提供機関ID/スラッグ` の形で追加してください",
        "en": "add `renamed_to: provider/slug`, the program's new id",
    },
    "decision.rename-one": {
        "ja": "新しいIDへの移行の決定に {count} 個のプログラムが書かれています",
        "en": "a rename names {count} programs",
    },
    "hint.decision-rename-one": {
        "ja": "新しいIDへの移行の決定はプログラムごとに1つ書いてください。"
        "`programs` に古いID、`renamed_to` に新しいIDを書きます",
        "en": "write one rename decision per program: `programs` holds the old id, `renamed_to` the new one",
    },
    "decision.extra-renamed-to": {
        "ja": "種類が「{kind}」の決定は名称を変更しません",
        "en": "a decision of kind {kind} does not rename",
    },
    "hint.decision-remove-renamed-to": {
        "ja": "`renamed_to` を削除するか、`kind: rename` にしてください",
        "en": "remove `renamed_to`, or write `kind: rename`",
    },
    "decision.no-reason": {
        "ja": "種類が「{kind}」の決定に `reason`（理由）がありません",
        "en": "a decision of kind {kind} has no `reason`",
    },
    "hint.decision-add-reason": {
        "ja": "`reason:` の下に `ja:` と `en:` で理由を追加してください。プログラムのページに表示されます",
        "en": "add `reason:` with `ja:` and `en:`; the program's page shows it",
    },
    "decision.extra-records": {
        "ja": "種類が「{kind}」の決定は `records`（記録）を持ちません",
        "en": "a decision of kind {kind} keeps no records",
    },
    "hint.decision-remove-records": {
        "ja": "`records` を削除してください。記録を残すのは、プログラムのページが表示し続ける内容を残す"
        "取り下げと新しいIDへの移行の決定だけです",
        "en": "remove `records`; only withdraw and rename record what the program's page keeps showing",
    },
    "decision.record-not-named": {
        "ja": "`{field}` は {program} についての記録ですが、`programs` にそのプログラムがありません",
        "en": "`{field}` is about {program}, which `programs` does not list",
    },
    "hint.decision-record-named": {
        "ja": "決定に書かれたプログラムだけを記録してください",
        "en": "record only the programs the decision names",
    },
    "decision.record-twice": {
        "ja": "`records` に {program} が2回あります（最初は {n} 番目）",
        "en": "`records` lists {program} twice (first as item {n})",
    },
    "decision.no-record": {
        "ja": "種類が「{kind}」の決定に {programs} の記録がありません",
        "en": "a decision of kind {kind} has no record of {programs}",
    },
    "hint.decision-add-records": {
        "ja": "`records:` の下に、各プログラムの `program`、`title`（`ja`、`en`）、`provider_name`（`ja`、`en`）を"
        "現在のとおりに"
        "追加してください。ファイルがなくなった後も、ページはこの記録で同じアドレスに残ります"
        "（`mccat new decision` が記入します）",
        "en": "add under `records:` each program's `program`, `title` (ja, en) and `provider_name` (ja, en) as "
        "they are now: the page stays at its address from this record once the file is gone "
        "(`mccat new decision` fills it in)",
    },
    "decision.no-committee": {
        "ja": "委員会の名簿（`governance/committee.yaml`）がないため、審査者を確認できません",
        "en": "the reviewers cannot be checked: there is no committee list (governance/committee.yaml)",
    },
    "hint.decision-committee-path": {
        "ja": "リポジトリの最上位で実行するか、`--committee PATH` で名簿を指定してください",
        "en": "run from the repository root, or give the list with `--committee PATH`",
    },
    "decision.reviewer": {
        "ja": "審査者 {account} は委員会の名簿（`governance/committee.yaml`）にありません",
        "en": "the reviewer {account} is not on the committee (governance/committee.yaml)",
    },
    "hint.decision-reviewer": {
        "ja": "委員会のメンバーのアカウントだけを書いてください。"
        "新しいメンバーは先に `governance/committee.yaml` に加えます",
        "en": "list only committee members' accounts; a new member is added to governance/committee.yaml first",
    },
    "decision.duplicate-id": {
        "ja": "決定 {decision} は、すでに {file} が使っている番号です（先頭の0は無視して比べます）",
        "en": "is the decision {decision}, which {file} already is (numbers are compared without leading zeros)",
    },
    "hint.decision-own-number": {
        "ja": "決定ごとに別の番号を付けてください",
        "en": "give each decision its own number",
    },
    "decision.unknown-program": {
        "ja": "プログラム {program} を指定していますが、カタログにありません",
        "en": "names the program {program}, which is not in the catalogue",
    },
    "id.reused": {
        "ja": "プログラムID {program} は、決定 {decision} により {successor} に移っています",
        "en": "the program id {program} moved to {successor} by decision {decision}",
    },
    "hint.id-reused": {
        "ja": "IDは二度使えません。そのプログラムは {file} として続いています。"
        "新しいプログラムには新しいIDを付けてください",
        "en": "ids are never used twice: the program lives on as {file}; give a new program a new id",
    },
    "lifecycle.id-reused": {
        "ja": "{program} を承認していますが、このプログラムは決定 {by} で取り下げられています",
        "en": "approves {program}, which decision {by} withdrew",
    },
    "hint.lifecycle.id-reused": {
        "ja": "IDは二度使えません。新しいIDでプログラムを提案し直してください",
        "en": "ids are never used twice: propose the program again under a new id",
    },
    "lifecycle.after-withdrawal": {
        "ja": "{program} を指定していますが、このプログラムは決定 {by} で取り下げられ、終了しています",
        "en": "names {program}, which decision {by} withdrew for good",
    },
    "hint.lifecycle.after-withdrawal": {
        "ja": "取り下げは最終的なものです。再び提供するプログラムには新しいIDと新しい承認が必要です",
        "en": "a withdrawal is final; a program offered again needs a new id and a new approval",
    },
    "lifecycle.after-rename": {
        "ja": "{program} を指定していますが、このプログラムは決定 {by} で `{successor}` に移っています",
        "en": "names {program}, which decision {by} moved to `{successor}`",
    },
    "hint.lifecycle.after-rename": {
        "ja": "移った後の決定には新しいIDを書いてください：`{successor}`",
        "en": "decisions after the move name the new id: write `{successor}`",
    },
    "lifecycle.already-approved": {
        "ja": "{program} を承認していますが、このプログラムは {date} に決定 {by} で承認されています",
        "en": "approves {program}, which decision {by} approved on {date}",
    },
    "hint.lifecycle.already-approved": {
        "ja": "新しい有効期間は更新です：`kind: renew` と書いてください",
        "en": "a new validity period is a renewal: write `kind: renew`",
    },
    "lifecycle.not-approved": {
        "ja": "{program} についての「{kind}」の決定ですが、それより前の承認がありません",
        "en": "a decision of kind {kind} on {program}, which has no approval before it",
    },
    "hint.lifecycle.not-approved": {
        "ja": "プログラムについての最初の決定は承認（`kind: approve`）です。プログラムIDと日付を確認してください",
        "en": "the first decision on a program is its approval (`kind: approve`); check the program id and the dates",
    },
    "lifecycle.already-suspended": {
        "ja": "{program} を一時停止していますが、このプログラムは決定 {by} ですでに一時停止されています",
        "en": "suspends {program}, which decision {by} already suspended",
    },
    "hint.lifecycle.already-suspended": {
        "ja": "先に一時停止を解除する（`kind: reinstate`）か、プログラムIDを確認してください",
        "en": "end the suspension first (`kind: reinstate`), or check the program id",
    },
    "lifecycle.not-suspended": {
        "ja": "{program} の一時停止を解除していますが、このプログラムは一時停止されていません",
        "en": "reinstates {program}, which is not suspended",
    },
    "hint.lifecycle.not-suspended": {
        "ja": "解除できるのは一時停止中のプログラムだけです。プログラムIDと日付を確認してください",
        "en": "only a suspended program can be reinstated; check the program id and the dates",
    },
    "lifecycle.rename-to-itself": {
        "ja": "{program} を同じIDに移行しています",
        "en": "renames {program} to itself",
    },
    "hint.lifecycle.rename-to-itself": {
        "ja": "新しいIDを `renamed_to` に書いてください",
        "en": "write the new id under `renamed_to`",
    },
    "lifecycle.rename-to-used": {
        "ja": "{program} を {target} に移行していますが、そのIDはすでに決定の記録にあります",
        "en": "renames {program} to {target}, an id that is already in the register",
    },
    "hint.lifecycle.rename-to-used": {
        "ja": "IDは二度使えません。プログラムに新しいIDを付けてください",
        "en": "ids are never used twice: choose a new id for the program",
    },
    "lifecycle.rename-to-used.by": {
        "ja": "{program} を {target} に移行していますが、そのIDはすでに決定の記録にあります（{date} の決定 {by}）",
        "en": "renames {program} to {target}, an id that is already in the register (decision {by} of {date})",
    },
    "hint.lifecycle.rename-to-used.by": {
        "ja": "IDは二度使えません。プログラムに新しいIDを付けてください",
        "en": "ids are never used twice: choose a new id for the program",
    },
    # --- Japanese identifiers, designations and CTIDs (issue 16; mccat.validation.rules)
    "provider.country": {
        "ja": "{field}の値 {value} は ISO 3166-1 の国コードではありません",
        "en": "{field} is {value}, which is not an ISO 3166-1 country code",
    },
    "hint.country-code": {
        "ja": "提供機関が設立された国の2文字のコードを書いてください（例：`JP`）",
        "en": "write the two-letter code of the country where the provider is established, such as JP",
    },
    "provider.japan-only": {
        "ja": "{field}が書かれていますが、{country_field}は {country} です。日本の登録簿の項目です",
        "en": "{field} is given, but {country_field} is {country}: it is a field of Japanese registers",
    },
    "hint.japan-only": {
        "ja": "この項目を削除するか、提供機関が日本で設立されているなら`country` を `JP` に直してください",
        "en": "remove it, or correct `country` to JP if the provider is established in Japan",
    },
    "provider.corporate-number": {
        "ja": "{field} {number} のチェックデジットが合いません。{digits} に対する先頭の数字は {expected} のはずです",
        "en": "{field} {number} fails its check digit: the first digit should be {expected} for the digits {digits}",
    },
    "hint.corporate-number": {
        "ja": "国税庁法人番号公表サイト（`https://www.houjin-bangou.nta.go.jp/`）から番号を写し直してください。"
        "1桁の打ち間違いか、2桁の入れ替わりの可能性があります",
        "en": "copy the number again from the National Tax Agency's corporate number site "
        "(https://www.houjin-bangou.nta.go.jp/); a digit is probably mistyped or two are swapped",
    },
    "designation.hours": {
        "ja": "履修証明プログラムとされていますが、{field}は {hours} です。履修証明プログラムは {min} 時間以上です",
        "en": "the program is marked as a 履修証明プログラム but {field} is {hours}: a certificate program has "
        "{min} hours or more",
    },
    "hint.designation-hours": {
        "ja": "時間数を直すか、履修証明プログラムでなければ `rishu_shomei` を削除してください",
        "en": "correct `effort.hours`, or remove `rishu_shomei` if the program is not a certificate program",
    },
    "date.order.designation": {
        "ja": "{until_field}（{until}）が{from_field}（{start}）より前になっています",
        "en": "{until_field} ({until}) is before {from_field} ({start})",
    },
    "hint.designation-dates": {
        "ja": "指定の期間の両方の日付を、指定の通知から写し直してください",
        "en": "copy both dates of the designation period again from the designation notice",
    },
    "designation.expired": {
        "ja": "教育訓練給付の指定は {date} に終了しています",
        "en": "the Education and Training Benefit designation ended on {date}",
    },
    "hint.designation-expired": {
        "ja": "更新された指定（番号と期間）を記入するか、`training_benefit` を削除してください。"
        "それまでサイトは指定講座として表示しません",
        "en": "enter the renewed designation (number and period), or remove `training_benefit`; "
        "until then the site does not show the program as designated",
    },
    "designation.provider-type": {
        "ja": "{field}が書かれていますが、提供機関の種類は「{type}」です。"
        "履修証明プログラムと職業実践力育成プログラム（BP）を実施するのは、大学・短期大学・高等専門学校・専門学校だけです",
        "en": "{field} is given, but the provider's type is {type}: only universities, junior colleges, colleges "
        "of technology and specialised training colleges run certificate programs and Brush-up Programs",
    },
    "hint.designation-provider-type": {
        "ja": "この項目を削除するか、提供機関の `type` を直してください",
        "en": "remove it, or correct the provider's `type`",
    },
    "provider.name-twin": {
        "ja": "{field} {name} は、提供機関 {id}（{file}）の名称と同じか、見分けがつきません",
        "en": "{field} {name} is the name of provider {id} ({file}), or cannot be told from it",
    },
    "hint.name-twin": {
        "ja": "ほかの機関と見分けられる名称にしてください（キャンパス名や部局名を加えるなど）。"
        "似た文字（漢字の「工」に見えるカタカナの「エ」など）を使っていないかも確かめてください",
        "en": "give a name that tells it apart from the other provider (add the campus or department), and check "
        "for lookalike characters (katakana エ for the kanji 工, and the like)",
    },
    "id.duplicate-ctid": {
        "ja": "{field} {ctid} は、すでに{other} {id}（{file}）のCTIDです",
        "en": "{field} {ctid} is already the CTID of {other} {id} ({file})",
    },
    "hint.duplicate-ctid": {
        "ja": "CTIDは1つの記録を指します。このファイルに新しいCTIDを付けてください（`mccat new ctid` が出力します）。"
        "公開済みのファイルのCTIDは変えないでください",
        "en": "a CTID names one record: give this file a new one (`mccat new ctid` prints one); "
        "never change the CTID of a file that is already published",
    },
    "kind.provider": {"ja": "提供機関", "en": "provider"},
    "kind.program": {"ja": "プログラム", "en": "program"},
    # --- mccat new ctid, mccat export --registry (issue 16)
    "usage.ctid-no-id": {
        "ja": "`mccat new ctid` にIDは指定しません。CTIDのないファイルのための新しいCTIDを出力します",
        "en": "`mccat new ctid` takes no id: it prints a new CTID for a file that has none",
    },
    "usage.new-needs-id": {
        "ja": "`mccat new {kind}` には新しいファイルのIDが必要です",
        "en": "`mccat new {kind}` needs the new file's id",
    },
    "usage.no-registry-file": {
        "ja": "レジストリのファイル {file} がありません（既定：{default}）",
        "en": "registry file {file} does not exist (default: {default})",
    },
    "export.no-ctdl": {
        "ja": "{id} のCTDLファイルはありません：{reasons}",
        "en": "no CTDL file for {id}: {reasons}",
    },
    # --- governance/registry.yaml (mccat.validation.registry_file)
    "registry.not-a-mapping": {
        "ja": "項目の集まりになっていません",
        "en": "does not hold a set of fields",
    },
    "hint.registry-keys": {
        "ja": "使える項目は `mccat/validation/registry_file.py` と `schemas/registry.schema.json` にあります",
        "en": "see the keys listed in mccat/validation/registry_file.py and schemas/registry.schema.json",
    },
    "registry.bilingual": {
        "ja": "`{key}` には日本語と英語のテキストが必要です",
        "en": "`{key}` must have a Japanese and an English text",
    },
    "hint.registry-bilingual": {
        "ja": "その下に `ja:` と `en:` を書き、それぞれ空でないテキストにしてください",
        "en": "write `ja:` and `en:` under it, each a non-empty text",
    },
    "registry.form": {
        "ja": "`{key}` が{what}になっていません：{value}",
        "en": "`{key}` is not {what}: {value}",
    },
    "hint.registry-form": {"ja": "{what}を書いてください", "en": "write {what}"},
    "registry.what.spdx": {
        "ja": "CC-BY-4.0 のような SPDX のライセンスID",
        "en": "an SPDX licence id such as CC-BY-4.0",
    },
    "registry.what.licence-url": {"ja": "ライセンス本文の https:// のURL", "en": "an https:// URL of the licence text"},
    "registry.what.country": {"ja": "ISO 3166-1 alpha-2 のコード", "en": "an ISO 3166-1 alpha-2 code"},
    "registry.what.https": {"ja": "https:// のURL", "en": "an https:// URL"},
    "registry.what.email": {"ja": "メールアドレス", "en": "an e-mail address"},
    "registry.licence-parts": {
        "ja": "`licence.data` には `id` と `url` が必要です",
        "en": "`licence.data` needs `id` and `url`",
    },
    "hint.registry-licence-parts": {
        "ja": "SPDX のIDとURLを書いてください",
        "en": "give the SPDX id and the URL",
    },
    # --- keywords (issue 18: mccat.validation.rules)
    "keywords.duplicate": {
        "ja": "キーワード {value} が2回あります（`keywords[{first}].{lang}` と同じです）",
        "en": "the keyword {value} is listed twice (as `keywords[{first}].{lang}`)",
    },
    "hint.keywords-duplicate": {
        "ja": "キーワードは1回だけ書いてください。大文字と小文字、全角と半角の違いは別のキーワードになりません",
        "en": "list each keyword once; case and full-width or half-width forms do not make a new keyword",
    },
    # --- the registry's signing keys (issue 21: mccat.publish.signing.keys, mccat.cli.signing_commands)
    "keys.missing": {"ja": "`keys:` の一覧がありません", "en": "has no `keys:` list"},
    "hint.keys-missing": {
        "ja": "`keys:` と書き、その下に鍵ごとの項目を書いてください",
        "en": "write `keys:` followed by one entry per key",
    },
    "keys.unknown-field": {
        "ja": "{n} 番目の鍵に不明な項目 {name} があります",
        "en": "key #{n} has the unknown field {name}",
    },
    "hint.keys-fields": {
        "ja": "鍵の項目は `id`、`public_key`、`created`、必要なら `retired` です",
        "en": "a key has `id`, `public_key`, `created` and optionally `retired`",
    },
    "keys.id": {"ja": "{n} 番目の鍵に正しい `id` がありません", "en": "key #{n} has no valid `id`"},
    "hint.keys-id": {
        "ja": "英小文字・数字・ピリオド・ハイフンで書いてください（例：`key-2026-12`）",
        "en": "lowercase letters, digits, dots and hyphens, e.g. `key-2026-12`",
    },
    "keys.duplicate-id": {
        "ja": "鍵のID {id} が2回使われています",
        "en": "lists the key id {id} twice",
    },
    "hint.keys-duplicate-id": {
        "ja": "鍵のIDは再利用しません。新しい鍵には別のIDを付けてください",
        "en": "key ids are never reused: give the new key another id",
    },
    "keys.public-key": {
        "ja": "鍵 {id} の `public_key` が Ed25519 の Multikey ではありません（{detail}）",
        "en": "key {id}: `public_key` is not an Ed25519 Multikey ({detail})",
    },
    "hint.keys-public-key": {
        "ja": "`mccat keys new` が書き出した公開鍵（`z6Mk...`）を貼り付けてください",
        "en": "paste the public key `mccat keys new` wrote (`z6Mk...`)",
    },
    "keys.duplicate-public-key": {
        "ja": "鍵 {id} の公開鍵は、ほかの項目と同じです",
        "en": "key {id} repeats the public key of another entry",
    },
    "hint.keys-duplicate-public-key": {
        "ja": "項目ごとに別の鍵の組を登録してください",
        "en": "each entry is a different key pair",
    },
    "keys.date": {"ja": "鍵 {id} の {name} が日付ではありません", "en": "key {id}: {name} is not a date"},
    "keys.period": {
        "ja": "鍵 {id} の退役日が作成日より前です",
        "en": "key {id} is retired before it was created",
    },
    "hint.keys-period": {
        "ja": "`retired` は署名できる最後の日です。`created` と同じ日かそれより後にしてください",
        "en": "`retired` is the last day it may sign, on or after `created`",
    },
    "keys.cannot-append": {
        "ja": "{file} に鍵を追記できません。次の項目を手で書き足してください：",
        "en": "cannot add the key to {file}; add this entry by hand:",
    },
    "keys.preview": {
        "ja": "鍵 {id} はプレビュー用の鍵です（誰でも署名できる公開の鍵）",
        "en": "key {id} is the preview key, which anyone can sign with",
    },
    "hint.keys-preview": {
        "ja": "プレビュー用の鍵は登録できません。`mccat keys new` で新しい鍵を作ってください",
        "en": "the preview key is never listed: create a key with `mccat keys new`",
    },
    "keys.file-invalid": {
        "ja": "{file} に {count} 件の問題があります：",
        "en": "{file} has {count} problem(s):",
    },
    "usage.keys-no-site-url": {
        "ja": "サイトのURLがありません。--site-url を指定するか、"
        "`site_url` を設定した {config} のある場所で実行してください",
        "en": "no site URL: give --site-url, or run where {config} sets site_url",
    },
    "usage.keys-id-taken": {
        "ja": "{file} にはすでに鍵 {id} があります。鍵のIDは再利用しません。別のIDにしてください",
        "en": "{file} already has a key {id}: key ids are never reused, choose another",
    },
    "usage.keys-bad-id": {
        "ja": "{id} は鍵のIDとして使えません。英小文字・数字・ピリオド・ハイフンを使ってください",
        "en": "{id} is not a valid key id: use lowercase letters, digits, dots and hyphens",
    },
    "keys.wrote": {
        "ja": "公開鍵 {id} を {file} に書き込みました。委員会のプルリクエストでコミットしてください。\n"
        "秘密鍵はこのあと標準出力に一度だけ出力します。リポジトリのシークレット `MCCAT_SIGNING_KEY` に保存し、"
        "ほかには保存しないでください。",
        "en": "wrote the public key {id} to {file}: commit it in a committee pull request.\n"
        "The private key follows on standard output, once: store it as the repository secret "
        "`MCCAT_SIGNING_KEY` and nowhere else.",
    },
    "usage.keys-bad-secret": {
        "ja": "`MCCAT_SIGNING_KEY` が Ed25519 の秘密鍵（Multikey）ではありません：{detail}",
        "en": "`MCCAT_SIGNING_KEY` is not an Ed25519 secret Multikey: {detail}",
    },
    "usage.not-a-folder": {"ja": "{folder} はフォルダーではありません", "en": "{folder} is not a folder"},
    "usage.verify-other-site": {
        "ja": "{url} はこのレジストリのサイト（{root}）のURLではありません。確認はオフラインで行います",
        "en": "{url} is not on this registry's site ({root}); verify works offline",
    },
    "usage.verify-outside": {
        "ja": "{url} はサイトのフォルダーの外を指しています",
        "en": "{url} leads outside the site folder",
    },
    "usage.verify-site-url": {"ja": "サイトのURLが使えません：{detail}", "en": "the site URL cannot be used: {detail}"},
    "usage.verify-no-keys": {
        "ja": "{file} に鍵がひとつもないため、確認できるものがありません",
        "en": "{file} lists no keys: nothing can be verified",
    },
    "usage.no-file": {"ja": "{file} がありません", "en": "{file} does not exist"},
    # --- the built site's commands (issue 19: mccat.cli.site_commands)
    "usage.site-folder": {
        "ja": "{folder} はフォルダーではありません。ビルドしたサイトのフォルダーを指定してください",
        "en": "{folder} is not a folder: give the built site's folder",
    },
    "usage.size": {
        "ja": "{value} はサイズとして読めません。バイト数か、`1GB`、`950MB`、`1GiB` のように書いてください",
        "en": "{value} is not a size: write a number of bytes or e.g. `1GB`, `950MB`, `1GiB`",
    },
    "usage.size-variable": {
        "ja": "環境変数 `{variable}` はサイズとして読めません。いまの値は {value} です。"
        "バイト数か、`{variable}=1GB`、`950MB`、`1GiB` のように設定してください（GitHub ではリポジトリの変数です）",
        "en": "the environment variable `{variable}` is not a size, got {value}; set it to a number of bytes or e.g. "
        "`{variable}=1GB`, `950MB`, `1GiB` (on GitHub, a repository variable)",
    },
    "usage.no-manifest": {
        "ja": "{file} がありません（初めてのアップロードでは空のファイルを指定してください）",
        "en": "{file} does not exist (give an empty file for a first upload)",
    },
    "usage.bad-manifest": {
        "ja": "マニフェストを読めません：{detail}",
        "en": "the manifest cannot be read: {detail}",
    },
    "usage.unreadable-site": {
        "ja": "サイトのフォルダーを読めません：{detail}",
        "en": "cannot read the site folder: {detail}",
    },
    "usage.unlisted-entry": {
        "ja": "このフォルダーのマニフェストは作れません：{detail}",
        "en": "no manifest for this folder: {detail}",
    },
    "site.stale": {
        "ja": "ただし、このコピーは {date} のビルドで、{days} 日前のものです。サイトは毎日ビルドし直されるため、"
        "いま公開すべき内容ではありません（その後に期限切れになったプログラムが承認済みのまま表示されます）。"
        "その日のビルドを確かめたいときは --build-date {date} を指定してください",
        "en": "But this copy was built on {date}, {days} days ago: the site is rebuilt every day, so it is not what "
        "the registry should publish now (a program that expired since still shows as approved). To check that "
        "day's build on purpose, give --build-date {date}.",
    },
    "usage.no-build-date": {
        "ja": "{file} からビルド日（`as_of`）を読めません。--build-date で指定してください",
        "en": "cannot read the build date (`as_of`) from {file}: give it with --build-date",
    },
    "site.changes": {
        "ja": "アップロードするファイル {upload} 件（うち新規 {new} 件）、削除するファイル {gone} 件",
        "en": "{upload} files to upload ({new} new), {gone} to delete",
    },
    "site.same": {
        "ja": "公開中のコピーは {commit} のビルド（ビルド日 {date}）と同じです。すべてのファイルが一致しました。",
        "en": "The published copy is what {commit} builds (build date {date}): every file is the same.",
    },
    "site.label-changed": {"ja": "内容が異なる：", "en": "differs:       "},
    "site.label-missing": {"ja": "公開側にない：", "en": "missing:       "},
    "site.label-gone": {"ja": "公開側にだけある：", "en": "only published:"},
    "site.differs": {
        "ja": (
            "公開中のコピーは {commit} の {date} のビルドと異なります。内容が異なるファイル {changed} 件、"
            "公開側にないファイル {new} 件、公開側にだけあるファイル {gone} 件。再ビルドにはこの環境の "
            "`MkDocs`、`Material`、`Pagefind` を使います。公開ワークフローと同じ版を使ってください"
            "（`bash scripts/setup.sh`）。委員会の署名鍵でビルドしたサイトは、同じ鍵を "
            "`MCCAT_SIGNING_KEY` に設定したときだけ同じ結果になります。"
        ),
        "en": (
            "The published copy differs from what {commit} builds for {date}: {changed} files differ, "
            "{new} are missing, {gone} are there only in the published copy. The rebuild uses this "
            "environment's MkDocs, Material and Pagefind: use the versions the publish workflow installed "
            "(bash scripts/setup.sh). A site built with the committee's signing key rebuilds the same only "
            "with that key in MCCAT_SIGNING_KEY."
        ),
    },
    "usage.keep-exists": {
        "ja": "{folder} はすでにあります。--keep には新しいフォルダーを指定してください",
        "en": "{folder} exists: --keep takes a new folder",
    },
    "usage.checkout-failed": {
        "ja": "git で {commit} をチェックアウトできませんでした：{detail}",
        "en": "git could not check out {commit}: {detail}",
    },
    "usage.rebuild-failed": {
        "ja": "{commit} の再ビルドが失敗しました（終了コード {status}）：\n{output}",
        "en": "the rebuild of {commit} failed (exit {status}):\n{output}",
    },
    # --- the renewal report (mccat.review.renewals)
    "renewals.title": {"ja": "更新期限レポート", "en": "Renewal report"},
    "renewals.as-of": {"ja": "基準日：{date}", "en": "As of: {date}"},
    "renewals.expired": {"ja": "期限切れ", "en": "Expired"},
    "renewals.due": {"ja": "{n}日以内に期限", "en": "Due within {n} days"},
    "renewals.none": {"ja": "対象のプログラムはありません。", "en": "No program needs renewal."},
    "renewals.more": {
        "ja": "ほか {count} 件（すべての一覧は、ワークフローのジョブの要約と `renewals.json` にあります）",
        "en": "… and {count} more (the whole list is in the workflow's job summary and renewals.json)",
    },
    "renewals.how": {
        "ja": "更新は委員会が決定ファイル"
        "（`catalogue/decisions/<決定番号>.yaml`、`kind: renew` と新しい `valid_until`）"
        "で記録します（`mccat new decision <決定番号> --kind renew --program <プログラムID>`）。"
        "更新しない場合は `kind: withdraw` の決定を記録します。",
        "en": "The committee records a renewal as a decision file (`catalogue/decisions/<ID>.yaml` with `kind: renew` "
        "and the new `valid_until`; `mccat new decision ID --kind renew --program ID`), or a withdrawal "
        "(`kind: withdraw`).",
    },
    "renewals.program": {"ja": "プログラム", "en": "Program"},
    "renewals.provider": {"ja": "提供機関", "en": "Provider"},
    "renewals.valid-until": {"ja": "有効期限", "en": "Valid until"},
    "renewals.days-left": {"ja": "残り日数", "en": "Days left"},
    "renewals.maintainers": {"ja": "担当", "en": "Maintainers"},
    # --- information for providers (mccat.validation.conformance_notes)
    "conformance.missing": {
        "ja": "{element}がまだ記載されていません（{frameworks}で求められる情報です）",
        "en": "{element} is not stated yet (required by {frameworks})",
    },
    "hint.conformance": {
        "ja": "記入すると、プログラムのページの「フレームワークとの対応」で「記載あり」になります",
        "en": "fill it in and the program page's conformance table shows it as stated",
    },
}
