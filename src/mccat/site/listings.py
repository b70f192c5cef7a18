"""The pages that list: all programs (in pages: mccat.site.program_list), fields of study, providers, one
provider, one field, the home page.

The indexes every list needs (programs per field, the fields in use) are
built once per build and language, so a page costs the same in a catalogue
of 30 programs or 5,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.model.lifecycle import RECOGNISED
from mccat.model.vocabulary import broad_field
from mccat.publish.urls import Urls
from mccat.site.language import Language
from mccat.site.program_list import PROGRAMS_PER_PAGE, ProgramList
from mccat.site.programs import ProgramViews
from mccat.site.views import (
    DataLink,
    FieldEntry,
    FieldGroup,
    FieldView,
    HomeView,
    ProviderSummary,
    ProviderView,
    Row,
    Stat,
    Value,
)

RECENT_PROGRAMS = 6


class Listings:
    """The list pages of one language, built on its program views."""

    def __init__(self, catalogue: Catalogue, programs: ProgramViews, programs_per_page: int = PROGRAMS_PER_PAGE):
        self.catalogue = catalogue
        self.programs = programs
        self.programs_per_page = programs_per_page  # the list of every program, in pages of this many
        self.language: Language = programs.language

    # -- indexes built once

    @cached_property
    def field_codes(self) -> list[str]:
        """ISCED-F narrow fields that have programs, in vocabulary order."""
        used = {code for program in self.catalogue.programs.values() for code in program.data["fields"]}
        return [code for code in self.language.vocab["isced_field"].codes if code in used]

    @cached_property
    def programs_by_field(self) -> dict[str, list[Program]]:
        index: dict[str, list[Program]] = {}
        for program in self.catalogue.programs.values():
            for code in program.data["fields"]:
                index.setdefault(code, []).append(program)
        return index

    def field_groups(self, path: Callable[[str], str]) -> tuple[FieldGroup, ...]:
        """The fields in use by broad field, each linking to `path(code)` (its list or its comparison table)."""
        lang = self.language
        groups: dict[str, list[FieldEntry]] = {}
        for code in self.field_codes:
            groups.setdefault(broad_field(code), []).append(
                FieldEntry(
                    code,
                    lang.term("isced_field", code),
                    path(code),
                    lang.program_count(len(self.programs_by_field[code])),
                )
            )
        return tuple(
            FieldGroup(code, lang.term("isced_broad_field", code), tuple(entries)) for code, entries in groups.items()
        )

    # -- the list pages

    @cached_property
    def all_programs(self) -> ProgramList:
        """Every program, in pages (mccat.site.program_list), with the search page's filters most asked for (open
        now, online, free, credit)."""
        lang = self.language
        filters = (
            DataLink("open", lang.t("search.open_now"), Urls.search_path([("open", "now")])),
            DataLink(
                "online",
                lang.t("home.stat.online"),
                Urls.search_path([("mode", "online"), ("mode", "blended")]),
            ),
            DataLink("free", lang.t("program.free"), Urls.search_path([("fee", "free")])),
            DataLink("credit", lang.t("home.stat.credit"), Urls.search_path([("credit", "yes")])),
            DataLink("all", lang.t("list.filter_all"), Urls.search_path()),
        )
        return ProgramList(
            self.programs.sorted(self.catalogue.programs.values()), lang, filters, self.programs_per_page
        )

    @cached_property
    def all_fields(self) -> tuple[FieldGroup, ...]:
        return self.field_groups(Urls.field_path)

    @cached_property
    def all_providers(self) -> tuple[ProviderSummary, ...]:
        lang = self.language
        rows = []
        for provider in self.catalogue.providers.values():
            name = lang.plain(provider.name)
            rows.append(
                ProviderSummary(
                    provider.id,
                    Urls.provider_path(provider.id),
                    name,
                    lang.term("provider_type", provider.data["type"]),
                    lang.country(provider.data["country"]),
                    lang.program_count(len(self.catalogue.programs_of(provider.id))),
                    lang.sort_key(name, provider.data.get("name_kana"), provider.id),
                    lang.reading(provider.data.get("name_kana")),
                )
            )
        return tuple(sorted(rows, key=lambda r: r.sort_key))

    # -- one provider, one field

    def provider_view(self, provider: Provider) -> ProviderView:
        lang, data = self.language, provider.data

        def row(path: str, values: Iterable[Value | None], layout: str = "inline") -> Row:
            return Row(path, lang.label(path, "provider"), tuple(v for v in values if v is not None), layout)

        contact = data.get("contact", {})
        rows = (
            row("type", lang.terms("provider_type", [data["type"]])),
            row("sector", lang.terms("sector", [data["sector"]]) if "sector" in data else []),
            row("country", [Value(lang.country(data["country"]))]),
            row("prefecture", lang.terms("prefecture", [data["prefecture"]]) if "prefecture" in data else []),
            row("url", [Value(data["url"], href=data["url"], external=True)]),
            row(
                "contact",
                [
                    Value(contact["email"], href=f"mailto:{contact['email']}", external=True)
                    if "email" in contact
                    else None,
                    Value(contact["url"], href=contact["url"], external=True) if "url" in contact else None,
                ],
            ),
            row("corporate_number", [Value(data["corporate_number"])] if "corporate_number" in data else []),
            row("school_code", [Value(data["school_code"])] if "school_code" in data else []),
            row("description", [lang.text(data["description"])], "block"),
            row("quality_assurance", [lang.text(data.get("quality_assurance"))], "block"),
            row(
                "maintainers",
                [Value(f"@{name}", href=f"https://github.com/{name}", external=True) for name in data["maintainers"]],
            ),
        )
        return ProviderView(
            provider.id,
            lang.plain(provider.name),
            rows,
            self.programs.sorted(self.catalogue.programs_of(provider.id)),
            lang.t("list.programs_of_provider"),
            DataLink("search", lang.t("list.filter_these"), Urls.search_path([("provider", provider.id)])),
            lang.reading(provider.data.get("name_kana")),
        )

    def field_view(self, code: str) -> FieldView:
        lang = self.language
        term = lang.vocab["isced_field"].terms[code]
        return FieldView(
            code,
            term.label[lang.code],
            term.description.get(lang.code, ""),
            lang.term("isced_broad_field", broad_field(code)),
            self.programs.sorted(self.programs_by_field.get(code, [])),
            DataLink("search", lang.t("list.filter_these"), Urls.search_path([("field", code)])),
        )

    # -- the home page

    @cached_property
    def home_view(self) -> HomeView:
        lang = self.language
        today = self.programs.today
        programs = list(self.catalogue.programs.values())
        states = {p.id: self.catalogue.lifecycle(p.id, today) for p in programs}
        open_programs = [p for p in programs if states[p.id].recognised]  # active or expiring

        def stat(key: str, programs: list[Program], filters: list[tuple[str, str]]) -> Stat:
            """A number of programs and the search page listing exactly them (those the registry vouches for:
            ?status=active&status=expiring)."""
            href = Urls.search_path([*(("status", state) for state in sorted(RECOGNISED)), *filters])
            return Stat(key, lang.count(len(programs)), lang.t(f"home.stat.{key}"), href)

        stats = (
            stat("programs", open_programs, []),
            Stat("providers", lang.count(len(self.catalogue.providers)), lang.t("home.stat.providers"), "providers/"),
            Stat("fields", lang.count(len(self.field_codes)), lang.t("home.stat.fields"), "fields/"),
            stat(
                "credit",
                [p for p in open_programs if (p.data.get("recognition") or {}).get("credits")],
                [("credit", "yes")],
            ),
            stat(
                "online",
                [p for p in open_programs if p.data["delivery"]["mode"] in ("online", "blended")],
                [("mode", "online"), ("mode", "blended")],
            ),
        )
        recent = sorted(open_programs, key=lambda p: (states[p.id].first_approved or "", p.id), reverse=True)
        browse = (
            DataLink("programs", lang.t("list.programs"), Urls.programs_path()),
            DataLink("fields", lang.t("list.fields"), "fields/"),
            DataLink("providers", lang.t("list.providers"), "providers/"),
        )
        return HomeView(stats, tuple(self.programs.summaries[p.id] for p in recent[:RECENT_PROGRAMS]), browse)
