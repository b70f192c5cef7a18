"""When each generated page last changed, for the sitemaps' <lastmod>.

A page's date is the last change of the records it shows (mccat.publish.publication: a program's last
change of content or decision, a provider file's last commit): a program page its program's; a provider
page the latest of the provider and its programs; a withdrawn or renamed program's page whose file is gone
the day of its last decision; a field page the latest of its programs; a month of the decisions register
the latest of its decisions (each decision file's last commit up to the build date, else the decision's
day) and of the programs they name; the register's index the latest of its months and of the catalogue; the
language's home, list, search and comparison pages the latest of the catalogue. Hand-written pages have none
(the sitemap then leaves <lastmod> out).
"""

from __future__ import annotations

from mccat.model.decisions import Decision
from mccat.publish.publication import Publication
from mccat.site.decisions import MONTH_KIND
from mccat.site.pages import SitePages


def page_dates(pages: SitePages, pub: Publication) -> dict[str, str]:
    """src_uri -> YYYY-MM-DD for every generated page (and the language's home page, index.md)."""
    catalogue = pub.catalogue
    programs = {p.id: pub.standing(p).modified for p in catalogue.programs.values()}
    providers = {p.id: pub.provider_modified(p) for p in catalogue.providers.values()}

    def latest(*days: str | None) -> str | None:
        found = [day for day in days if day]
        return max(found) if found else None

    everything = latest(*programs.values(), *providers.values())
    build_day = pub.today.isoformat()

    def decided(decision: Decision) -> str:  # a decision file corrected later shows the correction
        commits = [c.date for c in pub.history.of(f"decisions/{decision.id}.yaml") if c.date <= build_day]
        return max(commits) if commits else decision.date

    months = {
        month: latest(
            *(decided(d) for d in decisions),
            *(programs.get(p) for d in decisions for p in (*d.programs, d.renamed_to) if p),  # their titles show
        )
        for month, decisions in pages.decisions.months.items()
    }
    dates: dict[str, str | None] = {"index.md": everything}
    for spec in pages.pages.values():
        if spec.kind == "program":
            dates[spec.src_uri] = programs[spec.key]
        elif spec.kind in ("tombstone", "redirect") and spec.key in pub.tombstones:
            dates[spec.src_uri] = pub.standing(pub.tombstones[spec.key]).modified
        elif spec.kind == "provider":
            own = [programs[p.id] for p in catalogue.programs_of(spec.key)]
            dates[spec.src_uri] = latest(providers[spec.key], *own)
        elif spec.kind == "field":
            dates[spec.src_uri] = latest(
                *(programs[p.id] for p in catalogue.programs.values() if spec.key in p.data["fields"])
            )
        elif spec.kind == MONTH_KIND:
            dates[spec.src_uri] = months[spec.key]
        elif spec.kind == "decisions":
            dates[spec.src_uri] = latest(everything, *months.values())
        else:
            dates[spec.src_uri] = everything
    return {uri: day for uri, day in dates.items() if day}
