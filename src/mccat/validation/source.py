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
from typing import Any

import yaml

from mccat.validation.messages import OsReason, Shown, Text, YamlDetail, text
from mccat.validation.problems import Problem

MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32

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
    # libyaml marks (0-based line and column) by path; converted only when asked,
    # since most files never need a position.
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
        if mark.line >= len(lines):
            return None
        rest = lines[mark.line][mark.column :]
        source = scalar_text(rest)
        return (mark.line + 1, mark.column + 1, source) if source is not None else None

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

    One flat loop over libyaml's events: this runs for every file on every
    validation, so it avoids per-event function calls where it can.
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
