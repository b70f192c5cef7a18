"""The committee's decisions register: an index, and one page per month of decisions.

    /{lang}/decisions/            the index: how many decisions there are, the newest RECENT in one line
                                  each, then every month that has decisions, by year, with its count
    /{lang}/decisions/2026-11/    every decision dated in November 2026 (up to the build date), newest
                                  first, each in full at the anchor of its id

A decision's month is that of its date (mccat.publish.urls.Urls.decision_month), and its date never
changes: program pages, timelines, the feeds and the JSON-LD link a decision as
`decisions/2026-11/#MCR-2026-014` (Urls.decision_path), an address that stays. A month without decisions
has no page. The index holds one line per month and RECENT decisions, so it stays small however many
decisions the register holds (22,400 decisions on one page took 24.8 MB of HTML per language).

Links made before the register was split (`decisions/#MCR-2026-014`, in feeds and JSON-LD already
fetched) land on the index, whose script (assets/javascripts/decisions.js) looks the id up in
`decisions/months.json` (MONTHS_FILE: id -> YYYY-MM, only fetched for an id the index does not show) and
moves to the decision on its month's page.

A decision links to the pages of the programs it concerns: published programs by their title, programs
withdrawn or renamed whose file is gone by their recorded title (their pages stay).
"""

from __future__ import annotations

from functools import cached_property

from mccat.model.decisions import Decision, in_order
from mccat.publish.canonical_json import json_bytes
from mccat.publish.urls import Urls
from mccat.site.programs import ProgramViews
from mccat.site.views import (
    DecisionEntry,
    DecisionLine,
    DecisionMonthView,
    DecisionsView,
    DecisionYear,
    Heading,
    MonthLink,
    PageSpec,
    Value,
)

RECENT = 20  # decisions on the index, in one line each
MONTH_TEMPLATE = "mc/decisions-month.html"
MONTH_KIND = "decisions_month"
MONTHS_FILE = "decisions/months.json"  # id -> month, for links from before the split (decisions.js)


class DecisionRegister:
    """The decisions up to the build date, by month, in the language of `programs`."""

    def __init__(self, programs: ProgramViews):
        self.programs = programs
        self.language = programs.language

    @cached_property
    def decisions(self) -> tuple[Decision, ...]:
        """Every decision up to the build date, newest first."""
        today = self.programs.today.isoformat()
        decisions = [d for d in in_order(self.programs.catalogue.decisions.values()) if d.date <= today]
        return tuple(reversed(decisions))

    @cached_property
    def months(self) -> dict[str, tuple[Decision, ...]]:
        """YYYY-MM -> its decisions, newest first; newest month first, only months with decisions."""
        months: dict[str, list[Decision]] = {}
        for decision in self.decisions:
            months.setdefault(Urls.decision_month(decision.date), []).append(decision)
        return {month: tuple(months[month]) for month in sorted(months, reverse=True)}

    def month_link(self, month: str) -> MonthLink:
        lang = self.language
        return MonthLink(
            month, lang.month(month), Urls.decisions_path(month), lang.decision_count(len(self.months[month]))
        )

    def months_file(self) -> bytes:
        """Each shown decision's month, by id: where decisions.js sends an old `decisions/#ID` link."""
        return json_bytes({d.id: Urls.decision_month(d.date) for d in self.decisions}, compact=True)

    def pages(self) -> list[PageSpec]:
        """The page of each month that has decisions (out of the nav: the index links them)."""
        lang = self.language
        return [
            PageSpec(
                f"decisions/{month}.md",
                lang.t("decisions.month_title", month=lang.month(month)),
                MONTH_TEMPLATE,
                MONTH_KIND,
                month,
                description=lang.t(
                    "decisions.month_description", month=lang.month(month), count=lang.decision_count(len(decisions))
                ),
            )
            for month, decisions in self.months.items()
        ]

    @cached_property
    def index(self) -> DecisionsView:
        lang = self.language
        years: dict[str, list[MonthLink]] = {}
        for month in self.months:  # newest first
            years.setdefault(month[:4], []).append(self.month_link(month))
        return DecisionsView(
            lang.t("decisions.intro", count=lang.count(len(self.decisions))),
            tuple(self._line(d) for d in self.decisions[:RECENT]),
            tuple(DecisionYear(year, lang.year(year), tuple(links)) for year, links in years.items()),
        )

    @cached_property
    def index_headings(self) -> tuple[Heading, ...]:
        """The index's sections, for its table of contents (none while there is no decision)."""
        t = self.language.t
        return (
            (Heading("recent", t("decisions.recent")), Heading("months", t("decisions.months")))
            if self.decisions
            else ()
        )

    def month_view(self, month: str) -> DecisionMonthView:
        lang = self.language
        order = list(self.months)  # newest first
        at = order.index(month)
        decisions = self.months[month]
        return DecisionMonthView(
            month=month,
            title=lang.t("decisions.month_title", month=lang.month(month)),
            intro=lang.t("decisions.month_intro", month=lang.month(month), count=lang.decision_count(len(decisions))),
            year=lang.year(month[:4]),
            previous=self.month_link(order[at + 1]) if at + 1 < len(order) else None,
            next=self.month_link(order[at - 1]) if at > 0 else None,
            decisions=tuple(self._entry(d) for d in decisions),
        )

    def _line(self, decision: Decision) -> DecisionLine:
        lang, programs = self.language, self.programs
        return DecisionLine(
            id=decision.id,
            href=Urls.decision_path(decision.id, decision.date),
            date=lang.date(decision.date),
            iso_date=decision.date,
            kind=decision.kind,
            label=lang.term("decision_kind", decision.kind),
            programs=tuple(programs.link(program) for program in decision.programs),
        )

    def _entry(self, decision: Decision) -> DecisionEntry:
        lang, programs = self.language, self.programs
        evidence = []
        for item in decision.evidence:
            title = lang.text(item.title) if item.title else None
            if item.url:
                evidence.append(
                    Value(
                        title.text if title else item.url, title.lang if title else None, href=item.url, external=True
                    )
                )
            elif item.reference:
                text = lang.t("decisions.reference", reference=item.reference)
                evidence.append(Value(f"{title.text} ({text})" if title else text, title.lang if title else None))
        return DecisionEntry(
            id=decision.id,
            date=lang.date(decision.date),
            iso_date=decision.date,
            kind=decision.kind,
            label=lang.term("decision_kind", decision.kind),
            programs=tuple(programs.link(program) for program in decision.programs),
            renamed_to=programs.link(decision.renamed_to) if decision.renamed_to else None,
            validity=(
                lang.t("history.valid_until", date=lang.date(decision.valid_until)) if decision.valid_until else ""
            ),
            conditions=lang.text(decision.conditions),
            reason=lang.text(decision.reason),
            reviewers=tuple(
                Value(f"@{account}", href=f"https://github.com/{account}", external=True)
                for account in decision.reviewers
            ),
            evidence=tuple(evidence),
        )
