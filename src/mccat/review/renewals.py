"""The renewal report: approved programs whose approval ends soon or has ended.

A scheduled workflow posts it as an issue so that the committee and the
providers see in time which approvals need a new decision. The end of an
approval comes from the committee's decisions (mccat.model.lifecycle): the
programs listed are those whose state is active, expiring or expired, not
suspended, withdrawn or renamed ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from mccat.model.catalogue import Catalogue
from mccat.validation.markdown import code
from mccat.validation.messages import text

ACCOUNT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")  # GitHub account names
COLUMNS = (
    "renewals.program",
    "renewals.provider",
    "renewals.valid-until",
    "renewals.days-left",
    "renewals.maintainers",
)


@dataclass(frozen=True)
class Renewal:
    program_id: str
    title: dict[str, str]
    provider_id: str
    provider_name: dict[str, str]
    valid_until: date
    days_left: int  # negative once expired
    maintainers: list[str]
    file: str

    @property
    def expired(self) -> bool:
        return self.days_left < 0


RENEWABLE = ("active", "expiring", "expired")  # suspended, withdrawn and renamed programs wait for other decisions


def renewals_due(catalogue: Catalogue, today: date, within: int) -> list[Renewal]:
    """Approved programs whose approval ends before today + within days (or has ended), soonest first."""
    result = []
    for program in catalogue.programs.values():
        state = catalogue.lifecycle(program.id, today)
        if state.state not in RENEWABLE or state.valid_until is None:
            continue
        until = date.fromisoformat(state.valid_until)
        days = (until - today).days
        if days > within:
            continue
        provider = catalogue.providers[program.provider_id]
        result.append(
            Renewal(
                program.id,
                program.title,
                provider.id,
                provider.name,
                until,
                days,
                list(provider.data.get("maintainers", [])),
                program.file,
            )
        )
    return sorted(result, key=lambda r: (r.valid_until, r.program_id))


def _cell(value: str) -> str:
    return code(value, in_table=True)  # titles and names are data: literal, on one line, in their cell


def _account(name: str, mention: bool) -> str:
    # a code span notifies nobody; --mention writes @account, for accounts the schema's pattern allows only
    return f"@{name}" if mention and ACCOUNT.fullmatch(name) else code(name, in_table=True)


def render_renewals_markdown(
    items: list[Renewal],
    today: date,
    within: int,
    *,
    mention: bool = False,
    lang: str = "ja",
    limit: int | None = None,
) -> str:
    """The report in one language (mccat.validation.messages); the workflow posts Japanese, then English.
    `limit`: list at most that many programs (the most urgent), and say how many more there are: an issue
    holds 65,536 characters, about 200 programs in both languages."""

    def say(key: str, **params: object) -> str:
        return text(key, **params).render(lang)

    def local(value: dict[str, str]) -> str:
        return _cell(value.get(lang) or next(iter(value.values()), ""))

    lines = [f"## {say('renewals.title')}", "", say("renewals.as-of", date=today.isoformat()), ""]
    if not items:
        return "\n".join(lines + [say("renewals.none"), ""])
    columns = [say(key) for key in COLUMNS]
    room = len(items) if limit is None else limit
    for expired in (True, False):
        group = [r for r in items if r.expired == expired]
        if not group:
            continue
        heading = say("renewals.expired") if expired else say("renewals.due", n=within)
        lines += [f"### {heading} ({len(group)})", ""]
        listed, room = group[:room], max(0, room - len(group))
        if listed:
            lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for r in listed:
            accounts = " ".join(_account(a, mention) for a in r.maintainers)
            lines.append(
                f"| {_cell(r.program_id)}<br>{local(r.title)} | {local(r.provider_name)} | "
                f"{r.valid_until.isoformat()} | {r.days_left} | {accounts} |"
            )
        lines += [""] if listed else []
        if len(listed) < len(group):
            lines += [say("renewals.more", count=len(group) - len(listed)), ""]
    lines += [say("renewals.how"), ""]
    return "\n".join(lines)


def render_renewals_json(items: list[Renewal], today: date, within: int) -> str:
    return (
        json.dumps(
            {
                "today": today.isoformat(),
                "within_days": within,
                "count": len(items),
                "expired": sum(r.expired for r in items),
                "programs": [
                    {
                        "id": r.program_id,
                        "title": r.title,
                        "provider": r.provider_id,
                        "valid_until": r.valid_until.isoformat(),
                        "days_left": r.days_left,
                        "expired": r.expired,
                        "maintainers": r.maintainers,
                        "file": r.file,
                    }
                    for r in items
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
