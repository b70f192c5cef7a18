"""Safe YAML loading that keeps the line and column of every value.

The file is read through libyaml's event stream (the C parser, fast) and
built into plain Python data by hand, so that we can refuse what a registry
file must never contain: tags, anchors and aliases, duplicate keys, several
documents. Dates stay strings: a committee reads them as written.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

import yaml

from mccat.validation.messages import OsReason, Shown, Text, YamlDetail, text
from mccat.validation.problems import Problem

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32
# Keys and short values (codes, dates, names) are one shared string each, not one per occurrence: a program
# repeats about 60 keys from a set of about 50, and its codes from a few vocabularies. Unshared, they took
# half of a loaded catalogue's memory (5 of 11 KB a program at 2,000 programs), held by each of a build's
# processes (bench/README.md). Longer texts are rarely repeated: not worth a lookup.
SHARED_LENGTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Tags a plain scalar may resolve to; everything else is refused.
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)

Path_ = tuple  # a location inside a document: keys and indexes from the root


@dataclass
class SourceDocument:
    """A YAML file's data with the position of every key and value."""

    file: str
    data: Any
    # Positions by path, 0-based: libyaml's marks (.line, .column), or (line, column) tuples from
    # block_subset; converted only when asked, since most files never need a position.
    value_marks: dict[Path_, Any] = field(default_factory=dict)
    key_marks: dict[Path_, Any] = field(default_factory=dict)
    text: str = ""  # the file's text, for the source of a value (fixes quote what the provider typed)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of the nearest parent."""
        path = tuple(path)
        if key and path in self.key_marks:
            return _mark(self.key_marks[path])
        while path and path not in self.value_marks:
            path = path[:-1]
        mark = self.value_marks.get(path)
        return _mark(mark) if mark is not None else (1, 1)

    def source_of(self, path: Path_, *, key: bool = False) -> tuple[int, int, str] | None:
        """Line, column and the exact text of a scalar value (or key) as the file writes it, when it
        sits on one line; None for other values and for values not in the file."""
        marks = self.key_marks if key else self.value_marks
        mark = marks.get(tuple(path))
        if mark is None or not self.text:
            return None
        lines = self.text.split("\n")
        line, column = _mark(mark)
        if line > len(lines):
            return None
        rest = lines[line - 1][column - 1 :]
        source = scalar_text(rest)
        return (line, column, source) if source is not None else None

    def line_text(self, line: int) -> str:
        """The text of a line (1-based), without its line end."""
        lines = self.text.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""


def scalar_text(rest: str) -> str | None:
    """The scalar at the start of `rest` (the rest of a line), as written: a quoted scalar to its
    closing quote, a plain one to a comment or the line's end. None when it does not end on the line."""
    if rest[:1] == '"':
        index = 1
        while index < len(rest):
            if rest[index] == "\\":
                index += 2
                continue
            if rest[index] == '"':
                return rest[: index + 1]
            index += 1
        return None
    if rest[:1] == "'":
        index = 1
        while index < len(rest):
            if rest[index] == "'":
                if rest[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return rest[: index + 1]
            index += 1
        return None
    if rest[:1] in ("|", ">", "[", "{"):
        return None
    end = rest.find(" #")
    return (rest if end < 0 else rest[:end]).rstrip(" \t")


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


def _mark(mark) -> tuple[int, int]:
    """Line and column (1-based) of a libyaml mark or a block_subset (line, column) tuple."""
    if mark.__class__ is tuple:
        return (mark[0] + 1, mark[1] + 1)
    return (mark.line + 1, mark.column + 1)


def read_text(path: str | Path, display: str) -> str:
    """Read a catalogue file as UTF-8 text, refusing what editors and diffs hide."""

    def fail(rule: str, message: Text, hint: Text, line: int = 1, column: int = 1):
        raise YamlProblem(Problem(display, line, column, rule, message, hint))

    try:
        # O_NOFOLLOW refuses a link; one fstat tells the kind and size of what was opened.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if os.path.islink(path):
            fail("file.symlink", text("file.symlink"), text("hint.symlink"))
        fail("file.unreadable", text("file.unreadable", reason=OsReason(exc.errno or 0)), text("hint.permissions"))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            fail("file.not-a-file", text("file.not-a-file"), text("hint.single-file"))
        if info.st_size > MAX_FILE_BYTES:
            fail(
                "file.too-large",
                text("file.too-large", size=f"{info.st_size:,}", limit=f"{MAX_FILE_BYTES:,}"),
                text("hint.shorten-file"),
            )
        raw = os.read(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        fail("file.unreadable", text("file.unreadable", reason=OsReason(exc.errno or 0)), text("hint.permissions"))
    finally:
        os.close(fd)
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("file.bom", text("file.bom"), text("hint.utf8-no-bom"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        fail("file.encoding", text("file.utf16"), text("hint.utf8-no-bom"))
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        fail("file.encoding", text("file.encoding", byte=f"{raw[exc.start]:02x}"), text("hint.utf8"), line, column)
    if "\r" in content and "\r" in content.replace("\r\n", "\n"):
        index = content.replace("\r\n", "\n").index("\r")
        fail(
            "file.line-ends",
            text("file.line-ends"),
            text("hint.line-ends"),
            content.replace("\r\n", "\n").count("\n", 0, index) + 1,
            1,
        )
    if "\x00" in content:
        index = content.index("\x00")
        line = content.count("\n", 0, index) + 1
        fail(
            "file.nul",
            text("file.nul"),
            text("hint.nul"),
            line,
            index - content.rfind("\n", 0, index),
        )
    return content


def parse_yaml(source: str, display: str) -> SourceDocument:
    """Build plain data from YAML text; raise YamlProblem on anything unsafe.

    A file in the plain block style that templates and most providers write is read line by line
    (block_subset, several times faster than libyaml's events); any other file, and every file with a
    fault to report, is read by libyaml (parse_with_libyaml), which gives the same data and positions.
    """
    doc = block_subset(source, display)
    return doc if doc is not None else parse_with_libyaml(source, display)


def parse_with_libyaml(source: str, display: str) -> SourceDocument:
    """parse_yaml through libyaml's event stream: any YAML, and the located error for a fault.

    One flat loop over libyaml's events: this runs for every file that block_subset declines, so it
    avoids per-event function calls where it can.
    """
    doc = SourceDocument(display, None, text=source)
    values, keys = doc.value_marks, doc.key_marks

    def fail(rule: str, message: Text, hint: Text, mark) -> None:
        line, column = _mark(mark) if mark is not None else (1, 1)
        raise YamlProblem(Problem(display, line, column, rule, message, hint))

    # Open containers, innermost last; for mappings also the key waiting for its value.
    containers: list[Any] = []
    paths: list[Path_] = []
    pending_keys: list[Any] = []
    root_set = False
    documents = 0
    loader = _Loader(source)
    get_event = loader.get_event
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            is_scalar = kind is scalar_event
            if is_scalar or kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_and_tag(event, fail)
                mark = event.start_mark
                if is_scalar:
                    value = event.value
                    if not event.style:  # plain: may be a number, boolean or null
                        if not value:
                            value = None
                        elif value[0] in _IMPLICIT:
                            value = _plain_scalar(event, fail)
                    if value.__class__ is str and len(value) <= SHARED_LENGTH:  # keys too
                        value = intern(value)
                else:
                    if len(containers) >= MAX_DEPTH:
                        fail(
                            "yaml.too-deep",
                            text("yaml.too-deep", max=MAX_DEPTH),
                            text("hint.too-deep"),
                            mark,
                        )
                    value = {} if kind is mapping_start else []
                # Place the value in its parent (or as the root).
                if not containers:
                    if root_set:
                        fail(
                            "yaml.multiple-documents",
                            text("yaml.multiple-documents"),
                            text("hint.one-document"),
                            mark,
                        )
                    doc.data, root_set, path = value, True, ()
                else:
                    parent = containers[-1]
                    if parent.__class__ is list:
                        path = paths[-1] + (len(parent),)
                        parent.append(value)
                    else:
                        key = pending_keys[-1]
                        if key is _NO_KEY:  # this node is a key
                            if not is_scalar:
                                fail(
                                    "yaml.complex-key",
                                    text("yaml.complex-key"),
                                    text("hint.plain-key"),
                                    mark,
                                )
                            if value.__class__ is not str:
                                value = _key_text(value)
                            key_path = paths[-1] + (value,)
                            if value in parent:
                                first = keys[key_path].line + 1
                                fail(
                                    "yaml.duplicate-key",
                                    text("yaml.duplicate-key", key=Shown(value), first=first),
                                    text("hint.duplicate-key"),
                                    mark,
                                )
                            pending_keys[-1] = value
                            keys[key_path] = mark
                            continue
                        path = paths[-1] + (key,)
                        parent[key] = value
                        pending_keys[-1] = _NO_KEY
                values[path] = mark
                if not is_scalar:
                    containers.append(value)
                    paths.append(path)
                    pending_keys.append(_NO_KEY)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                containers.pop()
                paths.pop()
                pending_keys.pop()
            elif kind is yaml.AliasEvent:
                fail(
                    "yaml.alias",
                    text("yaml.alias", name=event.anchor),
                    text("hint.write-out"),
                    event.start_mark,
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail(
                        "yaml.multiple-documents",
                        text("yaml.multiple-documents"),
                        text("hint.one-document"),
                        event.start_mark,
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        fail("yaml.syntax", text("yaml.syntax", detail=YamlDetail(exc.problem or "")), text("hint.syntax"), mark)
    except yaml.reader.ReaderError as exc:  # control characters the YAML reader refuses
        index = exc.position if isinstance(exc.position, int) else 0
        line = source.count("\n", 0, index) + 1
        column = index - source.rfind("\n", 0, index)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        raise YamlProblem(
            Problem(
                display,
                line,
                column,
                "yaml.control-character",
                text("yaml.control-character", code=f"{char:04X}"),
                text("hint.control-character"),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            Problem(
                display, 1, 1, "yaml.syntax", text("yaml.syntax", detail=YamlDetail(str(exc))), text("hint.plain-yaml")
            )
        ) from None
    finally:
        loader.dispose()
    if not root_set or doc.data is None:
        raise YamlProblem(Problem(display, 1, 1, "yaml.empty", text("yaml.empty"), text("hint.start-from-template")))
    return doc


_NO_KEY = object()
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


def _refuse_anchor_and_tag(event, fail) -> None:
    if event.anchor is not None:
        fail(
            "yaml.anchor",
            text("yaml.anchor", name=event.anchor),
            text("hint.write-out"),
            event.start_mark,
        )
    tag = event.tag
    if tag is not None:
        fail(
            "yaml.tag",
            text("yaml.tag", tag=Shown(tag)),
            text("hint.tag"),
            event.start_mark,
        )


def _plain_scalar(event, fail) -> Any:
    """Resolve a plain scalar the way YAML 1.1 does, except that dates stay strings."""
    value = event.value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag in (_STR, _TIMESTAMP):  # dates stay as written
        return value
    if tag in (_INT, _FLOAT):
        return _number(value, tag, event, fail)
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    if tag == _BOOL:
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _NULL:
        return None
    return value


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_PLAIN_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}")


def _number(value: str, tag: str, event, fail) -> int | float:
    """Plain decimal numbers only: YAML 1.1 also reads 036 as 30, 0x1E as 30 and 1:30 as 90,
    which a reviewer would not see in the diff."""
    if _PLAIN_INT.fullmatch(value):
        return int(value)
    if _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    if value.lower().lstrip("+-") in (".nan", ".inf"):
        fail(
            "yaml.not-a-number",
            text("yaml.not-a-number", value=Shown(value)),
            text("hint.plain-number"),
            event.start_mark,
        )
    if tag == _INT and re.fullmatch(r"[-+]?0[0-7_]+", value):
        hint = text("hint.octal", value=value, octal=int(value.replace("_", ""), 8))
    else:
        hint = text("hint.decimal")
    fail(
        "yaml.number-form",
        text("yaml.number-form", value=Shown(value[:40])),
        hint,
        event.start_mark,
    )
    raise AssertionError  # fail() always raises


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return str(value).lower()
    return str(value)


# What block_subset leaves to libyaml: characters YAML does not print or reads as line breaks (NEL,
# LS, PS, BOM) and tabs and carriage returns (the keyboard and line-end checks report those).
_OUTSIDE_SUBSET = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A line: its indentation, a sequence entry's `- `, a key and its `:`, and the rest (a value or a comment).
# Matched over the whole text at once (findall, one match per line, in order): the line's start up to
# its value, its indentation, `- `, its key, then the rest (a group that did not take part is "").
_SUBSET_LINES = re.compile(r"^(( *)(?:(- )(?=[^ \n]))?(?:([A-Za-z0-9_][A-Za-z0-9_-]*):(?: +|$))?)(.*)", re.MULTILINE)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DECLINE = object()  # block_subset's answer for a value outside the subset
_KEY_TEXT: dict[str, str] = {}  # plain keys seen: the shared key, or "" where YAML reads another value (bounded)
_KEY_CACHE_LIMIT = 4096


def block_subset(source: str, display: str) -> SourceDocument | None:
    """The file's data and positions when it is written in the plain block style, else None.

    The subset: a mapping at the top; block mappings and sequences by indentation (spaces); keys
    of letters, digits, `_` and `-`; values on the key's line, each a plain scalar (no `: `, no
    leading indicator), a single-quoted one or a double-quoted one without escapes; comments and
    blank lines. Anything else (flow style, block scalars, anchors, tags, aliases, documents,
    duplicate keys, empty values, values over several lines, numbers YAML 1.1 reads oddly) returns
    None, and parse_with_libyaml reads the file and reports what is wrong. Where this function
    answers, it gives the same data and the same positions as libyaml (tests/test_block_subset.py
    compares the two on every catalogue file and on mutations of them). One regular expression per
    line and no call per value in the common case: this runs for every file on every validation.
    """
    if _OUTSIDE_SUBSET.search(source) is not None:
        return None
    doc = SourceDocument(display, None, text=source)
    values, keys = doc.value_marks, doc.key_marks
    stack: list[tuple[int, Any, Path_]] = []  # open containers: (column, container, path), innermost last
    pending: tuple[dict, str, Path_, int] | None = None  # a key whose value starts on a later line
    limit = 0  # a content line indented past this would continue the previous line's scalar
    indicators, implicit, key_text = _INDICATORS, _IMPLICIT, _KEY_TEXT
    container: Any = None
    path: Path_ = ()
    for number, (start, spaces, dash, key, rest) in enumerate(_SUBSET_LINES.findall(source)):
        if not dash and not key:
            if not rest or rest[0] == "#":
                continue  # a blank line or a comment
            return None
        indent = len(spaces)
        if pending is not None:
            parent, pending_key, path, key_column = pending
            pending = None
            if indent < key_column or (indent == key_column and not dash) or len(stack) >= MAX_DEPTH:
                return None  # an empty value, or too deep for the quick path
            container = [] if dash else {}
            parent[pending_key] = container
            values[path] = (number, indent)
            stack.append((indent, container, path))
        elif not stack:
            if doc.data is not None or indent or dash:
                return None  # a second root, or a root that is not a mapping
            doc.data = container = {}
            path = ()
            values[path] = (number, 0)
            stack.append((0, container, path))
        elif indent > limit:
            return None
        else:
            while stack[-1][0] > indent:
                stack.pop()
                if not stack:
                    return None
            column, container, path = stack[-1]
            if column != indent:
                return None
            if not dash and container.__class__ is list:  # the end of a sequence at its key's column
                stack.pop()
                if not stack or stack[-1][0] != indent:
                    return None
                column, container, path = stack[-1]
        if dash:
            if container.__class__ is not list:
                return None
            item_path = path + (len(container),)
            column = indent + 2
            if not key:
                value = _subset_scalar(rest)
                if value is _DECLINE:
                    return None
                if value.__class__ is str and len(value) <= SHARED_LENGTH:
                    value = intern(value)
                container.append(value)
                values[item_path] = (number, column)
                limit = indent
                continue
            if len(stack) >= MAX_DEPTH:
                return None
            item: dict[str, Any] = {}
            container.append(item)
            values[item_path] = (number, column)
            stack.append((column, item, item_path))
            container, path = item, item_path
        else:
            column = indent
            if container.__class__ is not dict:
                return None
        shared = key_text.get(key)
        if shared is None:
            shared = intern(key) if key[0] not in implicit or _subset_plain(key) == key else ""
            if len(key_text) < _KEY_CACHE_LIMIT and len(key) <= 40:
                key_text[key] = shared
        if not shared or key in container:
            return None  # a key YAML reads as another value, or a duplicate (parse_with_libyaml says which)
        key = shared
        key_path = path + (key,)
        keys[key_path] = (number, column)
        if not rest or rest[0] == "#":
            pending = (container, key, key_path, column)
            continue
        first = rest[0]
        if first in indicators or first in implicit or " #" in rest:
            value = _subset_scalar(rest)
            if value is _DECLINE:
                return None
        else:  # the common case, inline: a plain string
            value = rest.rstrip(" ")
            if ": " in value or value[-1] == ":":
                return None
        if value.__class__ is str and len(value) <= SHARED_LENGTH:
            value = intern(value)
        container[key] = value
        values[key_path] = (number, len(start))
        limit = column
    if pending is not None or doc.data is None:
        return None
    return doc


def _subset_scalar(rest: str) -> Any:
    """The value a scalar written at the start of `rest` (the rest of its line) stands for, or _DECLINE."""
    first = rest[0]
    if first == '"' or first == "'":
        end = rest.find(first, 1)
        if first == "'":
            while end > 0 and rest[end + 1 : end + 2] == "'":
                end = rest.find("'", end + 2)
        if end < 0 or (first == '"' and "\\" in rest[:end]):
            return _DECLINE
        tail = rest[end + 1 :]
        if tail and tail.lstrip(" ") and not (tail[0] == " " and tail.lstrip(" ")[0] == "#"):
            return _DECLINE
        value = rest[1:end]
        return value.replace("''", "'") if first == "'" else value
    if first in _INDICATORS:
        return _DECLINE
    cut = rest.find(" #")
    value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in value or value[-1] == ":":
        return _DECLINE
    if value[0] not in _IMPLICIT:
        return value
    resolved = _PLAIN_VALUES.get(value, _DECLINE)
    if resolved is _DECLINE:
        resolved = _subset_plain(value)
        if len(_PLAIN_VALUES) < _PLAIN_CACHE_LIMIT and len(value) <= 40:
            _PLAIN_VALUES[value] = resolved
    return resolved


# Plain values YAML might read as something else (numbers, booleans, enumerations like `online`)
# repeat from file to file: each is resolved once. Bounded, since the values come from the files.
_PLAIN_VALUES: dict[str, Any] = {}
_PLAIN_CACHE_LIMIT = 4096


def _subset_plain(value: str) -> Any:
    """A plain scalar resolved as parse_with_libyaml resolves it, or _DECLINE where that would fail."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag in (_STR, _TIMESTAMP):
        return value
    if tag in (_INT, _FLOAT):
        if _PLAIN_INT.fullmatch(value):
            return int(value)
        if _PLAIN_FLOAT.fullmatch(value):
            return float(value)
        return _DECLINE
    if tag == _BOOL:
        return _CONSTRUCTOR.bool_values[value.lower()]
    if tag == _NULL:
        return None
    return _DECLINE


def load_yaml(path: Path, display: str | None = None) -> SourceDocument:
    """Read and parse a catalogue file; raise YamlProblem with file:line on any fault."""
    display = display or str(path)
    return parse_yaml(read_text(path, display), display)


def as_mapping(value: Any) -> dict[str, Any]:
    """A YAML value where a mapping belongs: itself if it is one, else empty (the schema reports the rest)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """A YAML value where a list belongs: itself if it is one, else empty (the schema reports the rest)."""
    return value if isinstance(value, list) else []
