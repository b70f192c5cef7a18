"""Programs as one language's pages show them: the program page's view, the list entry, the status.

`ProgramViews` computes each program's view once per build and language:
the program page renders it, and the compare tool's data file shows the same
rows (mccat.site.compare), so a value reads the same in both. The values
that other views combine differently (credits, stacking links, offerings)
are made here too, once.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from mccat.model.catalogue import Catalogue, Program, Provider
from mccat.model.conformance import FrameworkResult, check_conformance
from mccat.model.history import Change, History
from mccat.publish.urls import Urls
from mccat.site.language import Language, sort_text
from mccat.site.views import (
    ChangeView,
    ConformanceView,
    DataLink,
    ElementView,
    Heading,
    HistoryView,
    Offering,
    ProgramSummary,
    ProgramView,
    Row,
    Section,
    Status,
    Value,
)

PROGRAM_SECTIONS = (
    "overview",
    "outcomes",
    "delivery",
    "assessment",
    "credential",
    "fee",
    "approval",
    "conformance",
    "data",
)


class ProgramViews:
    """Every program of the catalogue as one language's pages show it."""

    def __init__(
        self,
        catalogue: Catalogue,
        language: Language,
        *,
        today: date,
        history: History | None = None,
        repo_url: str | None = None,
    ):
        self.catalogue = catalogue
        self.language = language
        self.today = today
        self.history = history or History()
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        self._views: dict[str, ProgramView] = {}

    # -- what several views show

    def status(self, program: Program) -> Status:
        lang = self.language
        code = program.status(self.today)
        approval = program.data["approval"]
        if code == "expired":
            return Status(
                code,
                lang.t("status.expired"),
                lang.t("program.status_note_expired", date=lang.date(approval["valid_until"])),
            )
        note = lang.t(f"program.status_note_{code}") if code in ("suspended", "withdrawn") else ""
        return Status(code, lang.term("approval_status", code), note)

    def link(self, program_id: str) -> Value:
        """A link to a program by its title; its id, unlinked, if the catalogue has no such program (the
        validator refuses that, but a page shows the id rather than fail)."""
        program = self.catalogue.programs.get(program_id)
        if program is None:
            return Value(program_id)
        return Value(self.language.plain(program.title), href=Urls.program_path(program_id))

    def credits(self, program: Program) -> Value | None:
        credits = program.data.get("recognition", {}).get("credits")
        return Value(self.language.credits(credits)) if credits else None

    def stacks_into(self, program: Program) -> list[Value]:
        """The programs of this catalogue that the program stacks into."""
        return [self.link(target) for target in program.data.get("stackability", {}).get("stacks_into", [])]

    def stacks_into_external(self, program: Program) -> list[Value]:
        """The credentials elsewhere that the program stacks into."""
        return [
            Value(self.language.plain(item["title"]), href=item.get("url"), external=bool(item.get("url")))
            for item in program.data.get("stackability", {}).get("stacks_into_external", [])
        ]

    def offerings(self, program: Program) -> tuple[Offering, ...]:
        """The program's dates, earliest first; `past` once its last day has gone by."""
        lang = self.language
        rows = []
        for item in sorted(program.data.get("offerings", []), key=lambda o: o["start"]):
            last_day = item.get("end") or item["start"]
            rows.append(
                Offering(
                    lang.date(item["start"]),
                    lang.date(item["end"]) if item.get("end") else "",
                    lang.date(item["application_deadline"]) if item.get("application_deadline") else "",
                    date.fromisoformat(last_day) < self.today,
                )
            )
        return tuple(rows)

    # -- lists

    @cached_property
    def summaries(self) -> dict[str, ProgramSummary]:
        return {p.id: self._summary(p) for p in self.catalogue.programs.values()}

    def sorted(self, programs: Any) -> tuple[ProgramSummary, ...]:
        """Programs as list entries, by title (case and width ignored), then id."""
        return tuple(sorted((self.summaries[p.id] for p in programs), key=lambda s: s.sort_key))

    def _summary(self, program: Program) -> ProgramSummary:
        lang, data = self.language, program.data
        provider = self.catalogue.providers[program.provider_id]
        title = lang.plain(data["title"])
        return ProgramSummary(
            id=program.id,
            url=Urls.program_path(program.id),
            title=title,
            summary=lang.text(data["summary"]) or Value(""),
            provider=lang.plain(provider.name),
            provider_url=Urls.provider_path(provider.id),
            hours=lang.hours(data["effort"]["hours"]),
            mode=lang.term("delivery_mode", data["delivery"]["mode"]),
            languages=lang.join(lang.term("language", code) for code in data["languages"]),
            fee=lang.fee(data.get("fee")),
            status=self.status(program),
            sort_key=(sort_text(title), program.id),
        )

    # -- the program page

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """The sections of a program page, the same on every program page (and in this order)."""
        return tuple(Heading(section, self.language.t(f"section.{section}")) for section in PROGRAM_SECTIONS)

    def view(self, program: Program) -> ProgramView:
        """The program page's view, computed once: the compare tool's data file shows the same rows."""
        view = self._views.get(program.id)
        if view is None:
            view = self._views[program.id] = self._view(program)
        return view

    def _row(self, path: str, values: Any, layout: str = "inline", kind: str = "program") -> Row:
        return Row(path, self.language.label(path, kind), tuple(v for v in values if v is not None), layout)

    def _view(self, program: Program) -> ProgramView:
        data = program.data
        provider = self.catalogue.providers[program.provider_id]
        lang = self.language
        row = self._row
        effort, delivery = data["effort"], data["delivery"]
        assessment, qa = data["assessment"], data["quality_assurance"]
        level, credential = data.get("level", {}), data["credential"]
        recognition, stack = data.get("recognition", {}), data.get("stackability", {})
        fee, approval = data.get("fee"), data["approval"]

        overview = Section(
            "overview",
            lang.t("section.overview"),
            (
                row("provider", [Value(lang.plain(provider.name), href=Urls.provider_path(provider.id))]),
                Row(
                    "provider.country",
                    lang.label("country", "provider"),
                    (Value(lang.country(provider.data["country"])),),
                ),
                row("description", [lang.text(data["description"])], "block"),
                row("audience", [lang.text(data.get("audience"))], "block"),
                row("prerequisites", [lang.text(data.get("prerequisites"))], "block"),
                row(
                    "fields",
                    [Value(lang.term("isced_field", code), href=Urls.field_path(code)) for code in data["fields"]],
                ),
                row("skills", [self._skill(skill) for skill in data.get("skills", [])]),
                row("url", [Value(data["url"], href=data["url"], external=True)]),
            ),
        )
        delivery_section = Section(
            "delivery",
            lang.t("section.delivery"),
            (
                row("delivery.mode", lang.terms("delivery_mode", [delivery["mode"]])),
                row("delivery.pace", lang.terms("pace", [delivery["pace"]])),
                row("delivery.location", [lang.text(delivery.get("location"))]),
                row("delivery.description", [lang.text(delivery.get("description"))], "block"),
                row("languages", lang.terms("language", data["languages"])),
                row("effort.hours", [Value(lang.hours(effort["hours"]))]),
                row("effort.weeks", [Value(lang.weeks(effort["weeks"])) if "weeks" in effort else None]),
                row(
                    "effort.ects",
                    [Value(lang.t("program.ects", value=lang.number(effort["ects"]))) if "ects" in effort else None],
                ),
                row(
                    "capacity",
                    [
                        Value(lang.t("program.learners", count=lang.count(data["capacity"])))
                        if "capacity" in data
                        else None
                    ],
                ),
            ),
        )
        assessment_section = Section(
            "assessment",
            lang.t("section.assessment"),
            (
                row(
                    "assessment.types",
                    lang.terms("assessment_type", assessment["types"]) or [Value(lang.t("program.none"))],
                ),
                row(
                    "assessment.identity_verification",
                    lang.terms("identity_verification", [assessment["identity_verification"]]),
                ),
                row("assessment.description", [lang.text(assessment.get("description"))], "block"),
                row("quality_assurance.types", lang.terms("qa_type", qa["types"])),
                row("quality_assurance.description", [lang.text(qa.get("description"))], "block"),
                row("level.eqf", [Value(lang.eqf(level["eqf"])) if "eqf" in level else None]),
                row("level.description", [lang.text(level.get("description"))]),
            ),
        )
        credential_section = Section(
            "credential",
            lang.t("section.credential"),
            (
                row("credential.formats", lang.terms("credential_format", credential["formats"])),
                row("credential.description", [lang.text(credential.get("description"))], "block"),
                row("recognition.credits", [self.credits(program)]),
                row(
                    "recognition.recognised_by",
                    [lang.text(body) for body in recognition.get("recognised_by", [])],
                    "list",
                ),
                row("recognition.description", [lang.text(recognition.get("description"))], "block"),
                row("stackability.stackable", [Value(lang.yes_no(stack["stackable"]))] if stack else []),
                row("stackability.stacks_into", self.stacks_into(program), "list"),
                row("stackability.stacks_into_external", self.stacks_into_external(program), "list"),
                Row(
                    "stacked_from",
                    lang.t("program.stacked_from"),
                    tuple(self.link(p.id) for p in self.catalogue.stacked_from(program.id)),
                    "list",
                ),
            ),
        )
        fee_section = Section(
            "fee",
            lang.t("section.fee"),
            (
                row("fee.amount", [Value(lang.fee(fee))] if fee else []),
                row("fee.notes", [lang.text(fee.get("notes")) if fee else None], "block"),
            ),
        )
        status = self.status(program)
        approval_section = Section(
            "approval",
            lang.t("section.approval"),
            (
                row("approval.status", [Value(status.label)]),
                row("approval.approved_on", [Value(lang.date(approval["approved_on"]))]),
                row("approval.valid_until", [Value(lang.date(approval["valid_until"]))]),
                row("approval.decision", [Value(approval["decision"])]),
                row("approval.note", [lang.text(approval.get("note"))], "block"),
            ),
        )
        sections = (overview, delivery_section, assessment_section, credential_section, fee_section, approval_section)
        facts = (
            row("effort.hours", [Value(lang.hours(effort["hours"]))]),
            row("delivery.mode", lang.terms("delivery_mode", [delivery["mode"]])),
            row("languages", lang.terms("language", data["languages"])),
            Row("fee", lang.label("fee"), (Value(lang.fee(fee)),) if fee else ()),
            row("credential.formats", lang.terms("credential_format", credential["formats"])),
        )
        jsonld = Urls.api_path_from_language(Urls.program_file(program.id, ".jsonld"))
        data_links = [
            DataLink("jsonld", lang.t("data.jsonld"), jsonld, media_type="application/ld+json"),
            DataLink(
                "json",
                lang.t("data.json"),
                Urls.api_path_from_language(Urls.program_file(program.id, ".json")),
                media_type="application/json",
            ),
        ]
        if self.repo_url and self.history.available:
            data_links.append(
                DataLink(
                    "source",
                    lang.t("data.source"),
                    f"{self.repo_url}/blob/HEAD/{self.history.prefix}programs/{program.id}.yaml",
                    external=True,
                )
            )
        return ProgramView(
            id=program.id,
            title=lang.plain(data["title"]),
            summary=lang.text(data["summary"]) or Value(""),
            status=status,
            provider=lang.plain(provider.name),
            provider_url=Urls.provider_path(provider.id),
            facts=facts,
            sections=sections,
            outcomes=tuple(v for v in (lang.text(o) for o in data["learning_outcomes"]) if v),
            offerings=self.offerings(program),
            offering_labels={
                "title": lang.label("offerings"),
                **{key: lang.label(f"offerings.{key}") for key in ("start", "end", "application_deadline")},
            },
            history=self._history(program),
            conformance=self._conformance(program, provider),
            data_links=tuple(data_links),
            jsonld_href=jsonld,
            headings=self.headings,
        )

    def _skill(self, skill: dict[str, Any]) -> Value | None:
        text = self.language.text(skill["label"])
        if text is None:
            return None
        if skill.get("esco"):
            return Value(text.text, text.lang, href=skill["esco"], external=True)
        return text

    def _change(self, change: Change) -> ChangeView:
        return ChangeView(
            self.language.date(change.date),
            change.subject,
            change.commit,
            change.short_commit,
            change.commit_url,
            change.pull_request,
            change.pull_request_url,
        )

    def _history(self, program: Program) -> HistoryView:
        changes = tuple(self._change(c) for c in self.history.of(f"programs/{program.id}.yaml"))
        return HistoryView(
            self.history.available, changes[-1] if changes else None, changes[0] if changes else None, changes
        )

    def _conformance(self, program: Program, provider: Provider) -> tuple[ConformanceView, ...]:
        return tuple(self._framework(result) for result in check_conformance(program.data, provider.data))

    def _framework(self, result: FrameworkResult) -> ConformanceView:
        lang = self.language

        def element_label(element) -> str:
            if element.label:
                return element.label[lang.code]
            kind, _, path = element.fields[0].partition(":")
            return lang.label(path, kind)

        return ConformanceView(
            key=result.framework.key,
            name=result.framework.name[lang.code],
            present=result.present_count,
            total=result.counted,
            complete=result.complete,
            missing=tuple(element_label(r.element) for r in result.missing),
            elements=tuple(
                ElementView(element_label(r.element), r.status, lang.t(f"conformance.status.{r.status}"))
                for r in result.elements
            ),
        )
