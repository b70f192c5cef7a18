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

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of the nearest parent."""
        path = tuple(path)
        if key and path in self.key_marks:
            return _mark(self.key_marks[path])
        while path and path not in self.value_marks:
            path = path[:-1]
        mark = self.value_marks.get(path)
        return _mark(mark) if mark is not None else (1, 1)


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def read_text(path: str | Path, display: str) -> str:
    """Read a catalogue file as UTF-8 text, refusing what editors and diffs hide."""

    def fail(rule: str, message: str, hint: str, line: int = 1, column: int = 1):
        raise YamlProblem(Problem(display, line, column, rule, message, hint))

    try:
        # O_NOFOLLOW refuses a link; one fstat tells the kind and size of what was opened.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if os.path.islink(path):
            fail("file.symlink", "is a symbolic link", "commit the file itself, not a link to it")
        fail("file.unreadable", f"cannot be read ({exc.strerror or exc})", "check the file's permissions")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            fail("file.not-a-file", "is not a regular file", "catalogue entries are single .yaml files")
        if info.st_size > MAX_FILE_BYTES:
            fail(
                "file.too-large",
                f"is {info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
                "a program description fits in a few kilobytes; shorten the text",
            )
        raw = os.read(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        fail("file.unreadable", f"cannot be read ({exc.strerror or exc})", "check the file's permissions")
    finally:
        os.close(fd)
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("file.bom", "starts with a byte-order mark", "save the file as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        fail("file.encoding", "is UTF-16, not UTF-8", "save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        fail(
            "file.encoding", f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8", line, column
        )
    if "\r" in text and "\r" in text.replace("\r\n", "\n"):
        index = text.replace("\r\n", "\n").index("\r")
        fail(
            "file.line-ends",
            "uses lone carriage returns (CR) as line ends",
            "save the file with LF (Unix) line ends; diffs show CR-only files as one line",
            text.replace("\r\n", "\n").count("\n", 0, index) + 1,
            1,
        )
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        fail(
            "file.nul",
            "contains a NUL byte",
            "remove the NUL character; the file may be binary",
            line,
            index - text.rfind("\n", 0, index),
        )
    return text


def parse_yaml(text: str, display: str) -> SourceDocument:
    """Build plain data from YAML text; raise YamlProblem on anything unsafe.

    One flat loop over libyaml's events: this runs for every file on every
    validation, so it avoids per-event function calls where it can.
    """
    doc = SourceDocument(display, None)
    values, keys = doc.value_marks, doc.key_marks

    def fail(rule: str, message: str, hint: str, mark) -> None:
        line, column = _mark(mark) if mark is not None else (1, 1)
        raise YamlProblem(Problem(display, line, column, rule, message, hint))

    # Open containers, innermost last; for mappings also the key waiting for its value.
    containers: list[Any] = []
    paths: list[Path_] = []
    pending_keys: list[Any] = []
    root_set = False
    documents = 0
    loader = _Loader(text)
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
                            f"nests deeper than {MAX_DEPTH} levels",
                            "the schema never needs this much nesting; check the indentation",
                            mark,
                        )
                    value = {} if kind is mapping_start else []
                # Place the value in its parent (or as the root).
                if not containers:
                    if root_set:
                        fail(
                            "yaml.multiple-documents",
                            "holds more than one YAML document",
                            "keep one document per file and remove the extra '---'",
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
                                    "uses a list or mapping as a key",
                                    "keys must be plain field names",
                                    mark,
                                )
                            if value.__class__ is not str:
                                value = _key_text(value)
                            key_path = paths[-1] + (value,)
                            if value in parent:
                                first = keys[key_path].line + 1
                                fail(
                                    "yaml.duplicate-key",
                                    f"repeats the key '{value}' (first on line {first})",
                                    "keep one of the two entries; YAML would silently drop the first",
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
                    f"uses the alias '*{event.anchor}'",
                    "write the value out in full; anchors and aliases hide content from reviewers",
                    event.start_mark,
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail(
                        "yaml.multiple-documents",
                        "holds more than one YAML document",
                        "keep one document per file and remove the extra '---'",
                        event.start_mark,
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "is not valid YAML"
        fail("yaml.syntax", f"is not valid YAML: {problem}", "check the indentation and quoting near this line", mark)
    except yaml.reader.ReaderError as exc:  # control characters the YAML reader refuses
        index = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, index) + 1
        column = index - text.rfind("\n", 0, index)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        raise YamlProblem(
            Problem(
                display,
                line,
                column,
                "yaml.control-character",
                f"contains the control character U+{char:04X}",
                "remove it; it is invisible in most editors and diffs",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            Problem(display, 1, 1, "yaml.syntax", f"is not valid YAML: {exc}", "check the file is plain YAML text")
        ) from None
    finally:
        loader.dispose()
    if not root_set or doc.data is None:
        raise YamlProblem(
            Problem(
                display, 1, 1, "yaml.empty", "is empty", "start from `mccat new` to get a template with every field"
            )
        )
    return doc


_NO_KEY = object()
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


def _refuse_anchor_and_tag(event, fail) -> None:
    if event.anchor is not None:
        fail(
            "yaml.anchor",
            f"defines the anchor '&{event.anchor}'",
            "write values out in full; anchors and aliases hide content from reviewers",
            event.start_mark,
        )
    tag = event.tag
    if tag is not None:
        fail(
            "yaml.tag",
            f"uses the YAML tag '{tag}'",
            "remove the tag; quote the value if it must be a string",
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
            f"has the value '{value}', which is not a finite number",
            "write a plain number such as 30 or 1.5",
            event.start_mark,
        )
    if tag == _INT and re.fullmatch(r"[-+]?0[0-7_]+", value):
        hint = (
            f'write it in quotes if it is a code ("{value}", like an ISCED field), '
            f"or as a plain decimal number; YAML would read it as octal {int(value.replace('_', ''), 8)}"
        )
    else:
        hint = "write a plain decimal number such as 30 or 1.5 (no leading zeros, signs, separators or exponents)"
    fail(
        "yaml.number-form",
        f"writes the number '{value[:40]}' in a form that is easy to misread",
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
