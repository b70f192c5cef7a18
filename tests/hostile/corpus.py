"""A corpus of hostile catalogue files: each must give a clean, located error.

Every entry is (name, maker), where maker(path) creates the file (or folder,
or link) at `path`. Names say what each tries; the test lays each one over a
valid catalogue as `programs/example-univ/<name>.yaml`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

BASE = (Path(__file__).parents[1] / "cases/base/programs/example-univ/python-basics.yaml").read_text(encoding="utf-8")

Maker = Callable[[Path], None]


def _bytes(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


def _text(text: str) -> Maker:
    return _bytes(text.encode("utf-8", "surrogatepass"))


def _replace(old: str, new: str) -> Maker:
    assert old in BASE, old
    return _text(BASE.replace(old, new, 1))


def _folder(path: Path) -> None:
    path.mkdir()


def _symlink_to(target: str) -> Maker:
    return lambda path: os.symlink(target, path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


CORPUS: list[tuple[str, Maker]] = [
    # Syntax
    ("unclosed-flow-list", _text("fields: [\"061\"\n")),
    ("unclosed-flow-map", _text("title: {ja: x\n")),
    ("unclosed-quote", _text('title:\n  ja: "x\n')),
    ("tab-indentation", _text("title:\n\tja: x\n")),
    ("bad-indentation", _replace("  pace: self_paced", "    pace: self_paced")),
    ("colon-in-plain-value", _replace("  mode: online", "  mode: online: now")),
    ("stray-dash", _replace("languages:\n  - ja", "languages:\n  - ja\n -")),
    ("only-dashes", _text("---\n---\n---\n")),
    ("document-end-marker-then-content", _text("a: 1\n...\nb: 2\n")),
    ("directive", _text("%YAML 1.1\n%TAG ! tag:evil.example,2000:\n---\n!x a: 1\n")),
    ("unknown-directive", _text("%FOO bar\n---\na: 1\n")),
    ("block-scalar-bad-indicator", _text("a: |9x\n  text\n")),
    ("key-only", _text("title\n")),
    ("bare-scalar", _text("just a sentence\n")),
    ("bare-number", _text("42\n")),
    ("bare-list", _text("- a\n- b\n")),
    ("null-document", _text("null\n")),
    ("tilde-document", _text("~\n")),
    ("empty", _bytes(b"")),
    ("only-newlines", _bytes(b"\n\n\n")),
    ("only-spaces", _bytes(b"     ")),
    ("only-comment", _text("# nothing here\n")),
    # Encodings and bytes
    ("utf8-bom", _bytes(b"\xef\xbb\xbf" + BASE.encode())),
    ("utf16-le-bom", _bytes(BASE.encode("utf-16-le") and b"\xff\xfe" + BASE.encode("utf-16-le"))),
    ("utf16-be-bom", _bytes(b"\xfe\xff" + BASE.encode("utf-16-be"))),
    ("utf16-without-bom", _bytes("a: 1\n".encode("utf-16-le"))),
    ("utf32", _bytes("a: 1\n".encode("utf-32"))),
    ("shift-jis", _bytes("title:\n  ja: データ分析\n".encode("shift_jis"))),
    ("euc-jp", _bytes("title:\n  ja: データ分析\n".encode("euc_jp"))),
    ("latin1", _bytes("title:\n  en: Introducción\n".encode("latin-1"))),
    ("lone-continuation-byte", _bytes(b"a: \x80\n")),
    ("overlong-utf8", _bytes(b"a: \xc0\xaf\n")),
    ("utf8-surrogate", _bytes(b"a: \xed\xa0\x80\n")),
    ("truncated-utf8", _bytes(b"a: \xe3\x81")),
    ("nul-at-start", _bytes(b"\x00a: 1\n")),
    ("nul-in-value", _bytes(b"a: x\x00y\n")),
    ("nul-only", _bytes(b"\x00" * 64)),
    ("binary-png-header", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
    ("random-bytes", _bytes(bytes((i * 7919) % 256 for i in range(4096)))),
    ("gzip-header", _bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 32)),
    ("cr-only-line-ends", _bytes(BASE.replace("\n", "\r").encode())),
    ("escape-control-in-quoted", _text('title:\n  ja: "x\\x1b[31m"\n  en: y\n')),
    ("bell-character", _text("title:\n  ja: x\x07\n")),
    ("escape-sequence-raw", _text("title:\n  ja: \x1b[2J\n")),
    ("del-character", _text("title:\n  ja: x\x7f\n")),
    ("c1-control", _text("title:\n  ja: x\x9b\n")),
    ("next-line-character", _replace("  en: Introduction to Data Analysis with Python",
                                     "  en: Introduction to Data\x85Analysis with Python")),
    ("line-separator", _replace("  en: Introduction to Data Analysis with Python",
                                "  en: \"Introduction to Data\u2028Analysis with Python\"")),
    ("zero-width-space", _replace("Introduction to Data", "Introduction\u200b to Data")),
    ("zero-width-joiner-in-key", _replace("audience:", "audi\u200dence:")),
    ("rtl-override-in-title", _replace("Introduction to Data", "Introduction \u202eatad ot")),
    ("rtl-isolate-in-url", _replace("url: https://national-univ", "url: https://\u2067national-univ")),
    ("bom-inside-text", _replace("Introduction to Data", "Introduction \ufeffto Data")),
    ("soft-hyphen", _replace("Introduction to Data", "Intro\u00adduction to Data")),
    ("tag-characters", _replace("Introduction to Data", "Introduction \U000e0041\U000e0042 to Data")),
    ("hangul-filler", _replace("Introduction to Data", "Introduction \u3164 to Data")),
    ("private-use", _replace("Introduction to Data", "Introduction \ue000 to Data")),
    ("quoted-surrogate-escape", _text('title:\n  ja: "\\ud800"\n  en: x\n')),
    # Sizes and nesting
    ("huge-file", _text("title:\n  ja: " + "あ" * 300_000 + "\n")),
    ("huge-string-under-limit", _replace("  en: Introduction to Data Analysis with Python",
                                         "  en: " + "x" * 100_000)),
    ("many-keys", _text("".join(f"k{i}: {i}\n" for i in range(20_000)))),
    ("long-list", _replace("languages:\n  - ja\n", "languages:\n" + "  - ja\n" * 20_000)),
    ("deep-flow-nesting", _text("a: " + "[" * 5000 + "]" * 5000 + "\n")),
    ("deep-block-nesting", _text("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n")),
    ("deep-unclosed", _text("a: " + "{" * 10_000)),
    ("very-long-line", _text("a: " + "b" * 400_000 + "\n")),
    ("long-key", _text("k" * 100_000 + ": 1\n")),
    # Anchors, aliases, tags, merges
    ("alias-bomb", _text("a: &a [lol, lol]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\n")),
    ("billion-laughs", _text("".join(f"l{i}: &l{i} [" + ",".join([f"*l{i-1}"] * 9 if i else ["lol"] * 9) + "]\n"
                                     for i in range(10)))),
    ("alias-to-undefined", _text("a: *nowhere\n")),
    ("merge-key", _text("base: &b {x: 1}\nderived:\n  <<: *b\n")),
    ("merge-key-no-alias", _text("<<: {x: 1}\n")),
    ("recursive-anchor", _text("a: &a\n  b: *a\n")),
    ("python-object", _text("a: !!python/object/apply:os.system ['id']\n")),
    ("python-name", _text("a: !!python/name:builtins.eval\n")),
    ("python-module", _text("a: !!python/module:os\n")),
    ("binary-tag", _text("a: !!binary aGVsbG8=\n")),
    ("set-tag", _text("a: !!set {x, y}\n")),
    ("omap-tag", _text("a: !!omap [x: 1]\n")),
    ("timestamp-tag", _text("a: !!timestamp 2026-01-01\n")),
    ("local-tag", _text("a: !secret value\n")),
    ("verbatim-tag", _text("a: !<tag:evil.example,2000:x> v\n")),
    ("tag-on-mapping", _text("!!map\na: 1\n")),
    ("str-tag-on-number", _replace("  hours: 30", "  hours: !!str 30")),
    # Keys
    ("duplicate-top-key", _replace("provider: example-univ\n", "provider: example-univ\nprovider: other\n")),
    ("duplicate-nested-key", _replace("  mode: online\n", "  mode: online\n  mode: onsite\n")),
    ("duplicate-key-different-quotes", _replace("provider: example-univ\n", "provider: example-univ\n'provider': x\n")),
    ("complex-key", _text("? [a, b]\n: 1\n")),
    ("mapping-key", _text("? {a: 1}\n: 1\n")),
    ("null-key", _text("~: 1\n")),
    ("numeric-key", _text("1: x\n")),
    ("bool-key", _text("yes: x\n")),
    ("empty-key", _text('"": x\n')),
    # Types and values
    ("everything-a-string", _text("".join(f"{k}: text\n" for k in ("schema_version", "title", "summary", "provider",
                                                                   "url", "learning_outcomes", "effort")))),
    ("everything-a-list", _text("".join(f"{k}: [1, 2]\n" for k in ("schema_version", "title", "provider", "url",
                                                                    "delivery", "effort", "offerings")))),
    ("everything-null", _text("".join(f"{k}:\n" for k in ("schema_version", "title", "summary", "provider", "url",
                                                           "description", "learning_outcomes", "fields")))),
    ("numbers-as-strings", _replace("  hours: 30\n  weeks: 6", '  hours: "30"\n  weeks: "6"')),
    ("hex-number", _replace("  hours: 30", "  hours: 0x1E")),
    ("octal-number", _replace("  hours: 30", "  hours: 036")),
    ("sexagesimal-number", _replace("  hours: 30", "  hours: 1:30")),
    ("infinity", _replace("  hours: 30", "  hours: .inf")),
    ("negative-infinity", _replace("  amount: 22000", "  amount: -.inf")),
    ("not-a-number", _replace("  hours: 30", "  hours: .NaN")),
    ("huge-integer", _replace("  hours: 30", "  hours: " + "9" * 5000)),
    ("huge-float", _replace("  hours: 30", "  hours: 1e400")),
    ("boolean-yes-as-mode", _replace("  mode: online", "  mode: yes")),
    ("norway-problem", _replace("languages:\n  - ja", "languages:\n  - no")),
    ("date-unquoted-datetime", _replace('  - start: "2026-04-01"', "  - start: 2025-03-14T10:00:00Z")),
    ("date-two-digit-year", _replace('  - start: "2026-04-01"', '  - start: "25-03-14"')),
    ("date-japanese-era", _replace('  - start: "2026-04-01"', '  - start: "令和7年3月14日"')),
    ("date-slashes", _replace('  - start: "2026-04-01"', '  - start: "2025/03/14"')),
    ("date-day-first", _replace('  - start: "2026-04-01"', '  - start: "14-03-2025"')),
    ("date-february-30", _replace('  - start: "2026-04-01"', '  - start: "2025-02-30"')),
    ("date-year-zero", _replace('  - start: "2026-04-01"', '  - start: "0000-01-01"')),
    ("date-as-number", _replace('  - start: "2026-04-01"', "  - start: 20250314")),
    ("javascript-url", _replace("url: https://national-univ.example.ac.jp/recurrent/ds/python-basics",
                                "url: javascript:alert(1)")),
    ("data-url", _replace("url: https://national-univ.example.ac.jp/recurrent/ds/python-basics",
                          "url: data:text/html,<script>alert(1)</script>")),
    ("url-with-space", _replace("url: https://national-univ.example.ac.jp/recurrent/ds/python-basics",
                                "url: https://example.com/a b")),
    ("url-protocol-relative", _replace("url: https://national-univ.example.ac.jp/recurrent/ds/python-basics",
                                       "url: //evil.example/")),
    ("script-in-id-field", _replace("provider: example-univ", "provider: <script>alert(1)</script>")),
    ("path-traversal-stacks-into", _replace("example-univ/data-certificate", "../../etc/passwd")),
    ("wrong-nesting-text-list", _replace("title:\n  ja:", "title:\n  - ja:")),
    ("list-of-lists", _replace("languages:\n  - ja", "languages:\n  - [ja, en]")),
    ("mapping-instead-of-list", _replace("languages:\n  - ja", "languages:\n  ja: true")),
]

SPECIAL: list[tuple[str, Maker]] = [
    ("folder-not-file", _folder),
    ("symlink-to-etc-passwd", _symlink_to("/etc/passwd")),
    ("symlink-to-sibling", _symlink_to("python-basics.yaml")),
    ("dangling-symlink", _symlink_to("/nonexistent/file.yaml")),
    ("symlink-loop", _symlink_to("symlink-loop.yaml")),
    ("named-pipe", _fifo),
]
