"""The decisions page: every decision of the committee, newest first, each at its own anchor (its id).

Program pages, timelines and the feeds link a decision as `decisions/#MCR-2026-014`
(mccat.publish.urls.Urls.decisions_path). A decision links to the pages of the
programs it concerns: published programs by their title, programs withdrawn or
renamed whose file is gone by their recorded title (their pages stay).
"""

from __future__ import annotations

from mccat.model.decisions import Decision, in_order
from mccat.site.programs import ProgramViews
from mccat.site.views import DecisionEntry, DecisionsView, Value


def decisions_view(programs: ProgramViews) -> DecisionsView:
    """Every decision up to the build date, newest first, in the language of `programs`."""
    lang = programs.language
    today = programs.today.isoformat()
    decisions = [d for d in in_order(programs.catalogue.decisions.values()) if d.date <= today]
    entries = tuple(_entry(programs, d) for d in reversed(decisions))
    return DecisionsView(lang.t("decisions.intro", count=lang.count(len(entries))), entries)


def _entry(programs: ProgramViews, decision: Decision) -> DecisionEntry:
    lang = programs.language
    evidence = []
    for item in decision.evidence:
        title = lang.text(item.title) if item.title else None
        if item.url:
            evidence.append(
                Value(title.text if title else item.url, title.lang if title else None, href=item.url, external=True)
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
        validity=lang.t("history.valid_until", date=lang.date(decision.valid_until)) if decision.valid_until else "",
        conditions=lang.text(decision.conditions),
        reason=lang.text(decision.reason),
        reviewers=tuple(
            Value(f"@{account}", href=f"https://github.com/{account}", external=True) for account in decision.reviewers
        ),
        evidence=tuple(evidence),
    )
