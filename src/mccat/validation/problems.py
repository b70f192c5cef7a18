"""A problem found in the catalogue: where it is, what is wrong, how to fix it.

The message and the hint are `Text`s (mccat.validation.messages): a rule's message key and its
parameters, rendered in Japanese or English only when a report is written. A problem whose fix is
certain also carries a `Fix`: the exact text to replace at a line and column (or the file's new
name), which the hint shows and tools can apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Literal

from mccat import LANGUAGES
from mccat.validation.messages import Text

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Fix:
    """Replace `old`, which starts at line:column, with `new` (or with any one of `choices`).

    With `rename`, `old` and `new` are file names: rename the file.
    """

    line: int
    column: int
    old: str
    new: str
    choices: tuple[str, ...] = ()
    rename: bool = False

    @property
    def alternatives(self) -> tuple[str, ...]:
        return (self.new, *self.choices)

    def apply(self, text: str, alternative: int = 0) -> str:
        """The file's text with the fix applied; raises ValueError if `old` is not where the fix says."""
        lines = text.split("\n")
        line = lines[self.line - 1]
        start = self.column - 1
        if line[start : start + len(self.old)] != self.old:
            raise ValueError(f"{self.old!r} is not at {self.line}:{self.column}")
        lines[self.line - 1] = line[:start] + self.alternatives[alternative] + line[start + len(self.old) :]
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        result: dict[str, object] = {"line": self.line, "column": self.column, "old": self.old, "new": self.new}
        if self.choices:
            result["choices"] = list(self.alternatives)
        if self.rename:
            result["rename"] = True
        return result


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    rule: str
    message: Text
    hint: Text | None = None
    severity: Severity = "error"
    fix: Fix | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def message_in(self, lang: str) -> str:
        return self.message.render(lang)

    def hint_in(self, lang: str) -> str:
        return self.hint.render(lang) if self.hint is not None else ""

    def as_json(self, *, for_review: bool = False) -> dict[str, Any]:
        """The problem as the JSON reports give it, message and hint in every language: `mccat validate`'s
        with its severity and fix; `mccat diff`'s (`for_review`) without, since a reviewer's problems are all
        errors and the fix is the author's to apply."""
        found: dict[str, Any] = {"file": self.file, "line": self.line, "column": self.column}
        if not for_review:
            found["severity"] = self.severity
        found |= {
            "rule": self.rule,
            "message": {code: self.message_in(code) for code in LANGUAGES},
            "hint": {code: self.hint_in(code) for code in LANGUAGES},
        }
        if self.fix and not for_review:
            found["fix"] = self.fix.as_json()
        return found

    @property
    def place(self) -> tuple:
        """Where the problem is and what it is, without the message's parameters: sort_key, cheaper."""
        return (self.file, self.line, self.column, self.rule, self.message.key)

    @property
    def sort_key(self) -> tuple:
        """Problems in file order; the message's key and parameters break ties without rendering it."""
        return (self.file, self.line, self.column, self.rule, self.message.key, repr(self.message.params))


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, ordered by sort_key. The parameters' repr, the costly part of the key (a tenth of
    a second at 10,000 files), is made only where the rest of the key ties (several notes on one line),
    once per message (notes share theirs); problems equal in every part of the key keep their order."""
    ordered = sorted(dict.fromkeys(problems), key=lambda p: p.place)
    reprs: dict[int, str] = {}  # by the message's identity: every problem, so every message, lives until the end

    def params(p: Problem) -> str:
        shown = reprs.get(id(p.message))
        if shown is None:
            shown = reprs[id(p.message)] = repr(p.message.params)
        return shown

    result: list[Problem] = []
    for _, run in groupby(ordered, key=lambda p: p.place):
        same_place = list(run)
        if len(same_place) > 1:
            same_place.sort(key=params)
        result += same_place
    return result


class CatalogueError(Exception):
    """Raised when a catalogue cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        super().__init__(f"{len(errors)} error(s) in the catalogue")
