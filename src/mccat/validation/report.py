"""Reporters: the same problems as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json

from mccat.validation.hidden import one_line
from mccat.validation.problems import Problem


def text_report(problems: list[Problem], files_checked: int) -> str:
    lines = []
    for p in problems:
        # File names and messages quote data: one line each, nothing hidden, nothing for the terminal
        lines.append(one_line(f"{p.file}:{p.line}:{p.column}: {p.severity} [{p.rule}] {p.message}"))
        if p.hint:
            lines.append(one_line(f"    hint: {p.hint}"))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        lines.append(f"{errors} error(s), {warnings} warning(s) in {files_checked} file(s)")
    else:
        lines.append(f"ok: {files_checked} file(s) valid" + (f", {warnings} warning(s)" if warnings else ""))
    return "\n".join(lines) + "\n"


def json_report(problems: list[Problem], files_checked: int) -> str:
    return (
        json.dumps(
            {
                "files_checked": files_checked,
                "errors": sum(p.is_error for p in problems),
                "warnings": sum(not p.is_error for p in problems),
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "column": p.column,
                        "severity": p.severity,
                        "rule": p.rule,
                        "message": p.message,
                        "hint": p.hint,
                    }
                    for p in problems
                ],
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


def github_report(problems: list[Problem], files_checked: int) -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines."""
    lines = []
    for p in problems:
        command = "error" if p.is_error else "warning"
        props = (
            f"file={_escape_property(p.file)},line={max(p.line, 1)},col={max(p.column, 1)},"
            f"title={_escape_property(p.rule)}"
        )
        message = p.message + (f" — {p.hint}" if p.hint else "")
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    return "\n".join(lines + [text_report(problems, files_checked).splitlines()[-1]]) + "\n"


REPORTERS = {"text": text_report, "json": json_report, "github": github_report}
