"""The message catalogue (mccat.validation.messages): every message in both languages, the same
placeholders in each, no English left inside Japanese sentences, the language chosen from the locale,
and reports that carry both languages where both readers need them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mccat import LANGUAGES
from mccat.validation.messages import (
    MESSAGES,
    YAML_PROBLEMS,
    FieldRef,
    Shown,
    language_from_environment,
    placeholders,
    text,
)

REPO = Path(__file__).parents[1]
CASES = REPO / "tests/cases"
SOURCES = [*sorted((REPO / "src/mccat").rglob("*.py")), REPO / "hooks/catalogue_hook.py"]

# Latin text a Japanese message may hold besides code spans and placeholders: names of formats,
# standards and tools that Japanese writes in Latin letters too.
LATIN_IN_JAPANESE = {
    "YAML", "UTF", "BOM", "NUL", "CR", "LF", "Unix", "ID", "ISCED", "URL", "https", "http", "ASCII",
    "Shift_JIS", "YYYY", "MM", "DD", "U", "xn", "git", "PATH", "DIR", "OK", "true", "false", "mccat",
    "catalogue", "providers", "programs", "yaml", "schemas", "vocabularies", "schema", "json", "stacks_into",
    "site", "build", "date", "yml", "a", "z", "GitHub", "JV", "Campus", "JMOOC", "EQF", "ECTS", "ISO", "CLR", "PDF", "MOOC", "ESCO", "JSON",
    "BP", "CTID", "SPDX", "CC", "BY", "alpha", "Credential", "Registry", "Engine", "CTDL", "Ed", "Multikey",
    "Pagefind",
}  # fmt: skip


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        assert placeholders(texts["ja"]) == placeholders(texts["en"]), key


def test_no_english_inside_a_japanese_message():
    for key, texts in MESSAGES.items():
        ja = re.sub(r"`[^`]*`|--[a-z-]+", "", texts["ja"])  # what the provider types, options
        ja = re.sub(r"\{[a-z_]+\}", "", ja).replace("0x", "")  # values filled in
        ja = re.sub(r"[\w./-]*<[^>]*>[\w./-]*", "", ja)  # paths with <placeholders>
        words = set(re.findall(r"[A-Za-z_]+", ja)) - LATIN_IN_JAPANESE
        assert not words, f"{key}: English in the Japanese text: {sorted(words)}"
        if key.startswith(("report.", "list.", "os.other", "ownership.allowed")):
            continue
        assert re.search("[ぁ-んァ-ヶ一-龯]", texts["ja"]), f"{key}: the Japanese text is not Japanese"


def _literal_keys() -> set[str]:
    found = set()
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        imported = re.search(r"from mccat\.validation\.messages import ([^\n]*)", source)
        names = [n for n in ("text", "word", "render") if imported and re.search(rf"\b{n}\b", imported[1])]
        if path.name == "messages.py":
            names = ["text", "word", "render"]
        source = re.sub(r"\b(text|word|render)\(\s*\"", r'\1("', source)
        for name in names:
            found |= set(re.findall(rf'\b{name}\(["\']([a-z][\w-]*\.[\w.-]*[a-z0-9])["\']', source))
    return found


def test_every_key_the_code_names_exists_and_every_message_is_used():
    literal = _literal_keys()
    assert not literal - set(MESSAGES), f"keys without a message: {sorted(literal - set(MESSAGES))}"
    source = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    dynamic = {
        *(f"report.{s}" for s in ("error", "warning", "info")),
        *(f"type.{t}" for t in ("object", "array", "string", "number", "integer", "boolean", "null", "decimal")),
        *(f"lang.{code}" for code in LANGUAGES),
        *(f"relation.{k}" for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")),
        *YAML_PROBLEMS.values(),
        *(key for key in MESSAGES if key.startswith(("os.", "area.", "yaml.problem.", "input."))),
        "type.other",
        "yaml.problem.block-end",
        "yaml.problem.other",
        "schema.enum.plain",
    }
    unused = {key for key in MESSAGES if key not in literal and key not in dynamic and f'"{key}"' not in source}
    assert not unused, f"messages nothing uses: {sorted(unused)}"


def test_field_names_show_the_japanese_label_and_the_yaml_key():
    field = FieldRef("program", ("effort", "hours"))
    assert field.render("ja") == "「時間数」（`effort.hours`）"
    assert field.render("en") == "Hours (`effort.hours`)"
    item = FieldRef("program", ("learning_outcomes", 2, "en"))
    assert item.render("ja") == "「学修成果」（`learning_outcomes[2].en`）"


def test_values_are_shown_with_hidden_characters_written_out():
    assert Shown("a\u202eb").render("ja") == "`a<U+202E>b`"
    assert Shown("x" * 100).render("en").endswith("…`")
    assert Shown("x" * 100, whole=True).render("en") == f"`{'x' * 100}`"
    assert Shown(["a", 1]).render("en") == '`["a", 1]`' and hash(Shown({"a": [1]}))


def test_a_message_renders_in_each_language():
    message = text("schema.minLength", field=FieldRef("program", ("title", "ja")))
    assert message.render("ja") == "「名称」（`title.ja`）が空です"
    assert message.render("en") == "Title (`title.ja`) is empty"


@pytest.mark.parametrize(
    "environ, lang",
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja"}, "ja"),
        ({"LANG": "ja_JP.eucJP"}, "ja"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "", "LANG": "ja_JP.UTF-8"}, "ja"),
    ],
)
def test_the_language_follows_the_locale(environ, lang):
    assert language_from_environment(environ) == lang


def _mccat(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "mccat", *args], cwd=cwd, capture_output=True, text=True, env={**environ, **env}
    )


@pytest.fixture
def hours_in_full_width(tmp_path: Path) -> Path:
    shutil.copytree(CASES / "base", tmp_path / "catalogue")
    shutil.copytree(CASES / "governance", tmp_path / "governance")  # the committee list the decisions name
    case = CASES / "invalid/input-full-width-digits-hours/catalogue"
    shutil.copytree(case, tmp_path / "catalogue", dirs_exist_ok=True)
    return tmp_path


def test_mccat_speaks_japanese_in_a_japanese_locale_and_lang_overrides_it(hours_in_full_width):
    ja = _mccat("validate", cwd=hours_in_full_width, LANG="ja_JP.UTF-8")
    assert ja.returncode == 1
    assert "エラー [input.full-width] 「時間数」（`effort.hours`）の値 `３０` が全角文字で書かれています" in ja.stdout
    assert "ヒント: `３０` を `30` に書き換えてください" in ja.stdout
    en = _mccat("validate", cwd=hours_in_full_width, LANG="en_US.UTF-8")
    assert "error [input.full-width] Hours (`effort.hours`) is written with full-width characters" in en.stdout
    assert _mccat("validate", cwd=hours_in_full_width).stdout == en.stdout  # no locale: English
    assert _mccat("validate", "--lang", "en", cwd=hours_in_full_width, LANG="ja_JP.UTF-8").stdout == en.stdout
    assert _mccat("validate", "--lang", "ja", cwd=hours_in_full_width, LC_ALL="C").stdout == ja.stdout
    usage = _mccat("--catalogue", "nowhere", "validate", cwd=hours_in_full_width, LANG="ja_JP.UTF-8")
    assert usage.returncode == 2 and usage.stderr.startswith(
        "mccat: エラー: カタログのフォルダー `nowhere` がありません"
    )


def test_github_annotations_carry_japanese_then_english(hours_in_full_width):
    result = _mccat("validate", "--format", "github", cwd=hours_in_full_width, LANG="en_US.UTF-8")
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    head, _, message = annotation.partition("::")[2].partition("::")
    assert head == "error file=catalogue/programs/example-univ/python-basics.yaml,line=53,col=10,title=input.full-width"
    ja, en = message.split("%0A%0A")
    assert ja == (
        "「時間数」（`effort.hours`）の値 `３０` が全角文字で書かれています。半角で書いてください"
        "%0Aヒント: `３０` を `30` に書き換えてください"
    )
    assert en == (
        "Hours (`effort.hours`) is written with full-width characters (`３０`); type it in half-width"
        "%0Ahint: replace `３０` with `30`"
    )


def test_json_carries_the_rule_both_languages_and_the_fix(hours_in_full_width):
    report = json.loads(_mccat("validate", "--format", "json", cwd=hours_in_full_width).stdout)
    [problem] = report["problems"]
    assert problem["rule"] == "input.full-width"
    assert problem["message"]["ja"].startswith("「時間数」（`effort.hours`）の値 `３０`")
    assert problem["message"]["en"].startswith("Hours (`effort.hours`) is written with full-width characters")
    assert problem["hint"] == {"ja": "`３０` を `30` に書き換えてください", "en": "replace `３０` with `30`"}
    assert problem["fix"] == {"line": 53, "column": 10, "old": "３０", "new": "30"}
