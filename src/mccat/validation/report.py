"""Reporters: the same problems as text for people, JSON for tools, annotations for GitHub.

Text speaks one language (the reader's); JSON carries the rule id and both languages; GitHub
annotations show Japanese first, then English, since a pull request is read by providers and
reviewers alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from mccat.validation.hidden import one_line
from mccat.validation.messages import Text, render
from mccat.validation.problems import Problem


def summary_line(problems: list[Problem], files_checked: int, lang: str) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = sum(p.is_warning for p in problems)
    notes = len(problems) - errors - warnings
    if errors:
        line = render("report.summary", lang, {"errors": errors, "warnings": warnings, "files": files_checked})
    elif warnings:
        line = render("report.ok-warnings", lang, {"files": files_checked, "warnings": warnings})
    else:
        line = render("report.ok", lang, {"files": files_checked})
    return line + (render("report.notes", lang, {"notes": notes}) if notes else "")


def problem_lines(p: Problem, lang: str, shown: Callable[[Text], str] | None = None) -> list[str]:
    """A problem as a reader sees it: `file:line:column: severity [rule] message`, then the hint.

    `shown`: a Text as one line in `lang` (text_report's remembers the ones it has rendered)."""
    # File names and messages quote data: one line each, nothing hidden, nothing for the terminal. The
    # place and the message are made one line each (nothing can join them: the place ends in "] ").
    show = shown or (lambda message: one_line(message.render(lang)))
    severity = render("report." + p.severity, lang)
    lines = [one_line(f"{p.file}:{p.line}:{p.column}: {severity} [{p.rule}] ") + show(p.message)]
    if p.hint is not None:
        lines.append(f"    {render('report.hint', lang)}: " + show(p.hint))
    return lines


def text_report(problems: list[Problem], files_checked: int, lang: str = "en") -> str:
    # Problems share Texts (a note repeated over thousands of programs): each is rendered once. By
    # identity, so the lookup costs nothing for the others; every problem lives until the report is made.
    rendered: dict[int, str] = {}

    def shown(message: Text) -> str:
        line = rendered.get(id(message))
        if line is None:
            line = rendered[id(message)] = one_line(message.render(lang))
        return line

    lines = [line for p in problems for line in problem_lines(p, lang, shown)]
    lines.append(summary_line(problems, files_checked, lang))
    return "\n".join(lines) + "\n"


def json_report(problems: list[Problem], files_checked: int, lang: str = "en") -> str:
    """Every problem with its rule id and its message and hint in both languages (`lang` does not matter)."""
    return (
        json.dumps(
            {
                "files_checked": files_checked,
                "errors": sum(p.is_error for p in problems),
                "warnings": sum(p.is_warning for p in problems),
                "notes": sum(p.severity == "info" for p in problems),
                "problems": [p.as_json() for p in problems],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _escape_data(text: str) -> str:
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def github_report(problems: list[Problem], files_checked: int, lang: str = "en") -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines: Japanese, then English."""
    lines = []
    for p in problems:
        props = (
            f"file={_escape_property(p.file)},line={max(p.line, 1)},col={max(p.column, 1)},"
            f"title={_escape_property(p.rule)}"
        )
        message = "\n\n".join(
            p.message_in(code) + (f"\n{render('report.hint', code)}: {p.hint_in(code)}" if p.hint else "")
            for code in ("ja", "en")
        )
        lines.append(f"::{GITHUB_COMMANDS[p.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines + [summary_line(problems, files_checked, lang)]) + "\n"


REPORTERS = {"text": text_report, "json": json_report, "github": github_report}
