"""Programs as one language's pages show them: the program page's view, the list entry, the status.

`ProgramViews` computes each program's view once per build and language:
the program page renders it, and the compare tool's data file shows the same
rows (mccat.site.compare), so a value reads the same in both. The values
that other views combine differently (credits, stacking links, offerings)
are made here too, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property
from html import escape
from typing import Any
from urllib.parse import quote

from mccat.model.catalogue import Catalogue, Program, Provider, Tombstone
from mccat.model.conformance import Element, FrameworkResult, check_conformance, element_label
from mccat.model.decisions import Decision
from mccat.model.history import ContentChange, History
from mccat.model.lifecycle import Lifecycle
from mccat.model.record import RecordEntry, program_record
from mccat.model.schema import descriptor_index
from mccat.publish.certificates import Grant, certificate_file, grants
from mccat.publish.exports import change_kinds
from mccat.publish.marks import MARK_HEIGHT, mark_file, mark_label, mark_state, mark_width
from mccat.publish.publication import current_designations
from mccat.publish.urls import Urls
from mccat.site.language import Language
from mccat.site.views import (
    CertificationView,
    ConformanceView,
    DataLink,
    ElementView,
    Heading,
    Offering,
    ProgramSummary,
    ProgramView,
    RecordView,
    RedirectView,
    Row,
    Section,
    Status,
    TimelineEntry,
    TombstoneView,
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
    "certification",
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
        changes: Mapping[str, Sequence[ContentChange]] | None = None,
        urls: Urls | None = None,
        certificates: bool = False,
    ):
        self.catalogue = catalogue
        self.language = language
        self.urls = urls or Urls("https://registry.example.org/")  # absolute: the mark's snippet for other sites
        self.certificates = certificates  # the build signs: each program page lists its approval certificates
        self.today = today
        self.history = history or History()
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        self.changes = changes or {}  # content changes by program id (mccat.review.content_changes)
        self._elements: dict[tuple[int, str], ElementView] = {}  # a framework element's view in each state

    # -- what several views show

    def lifecycle(self, program_id: str) -> Lifecycle:
        return self.catalogue.lifecycle(program_id, self.today)

    def status(self, program: Program | Tombstone) -> Status:
        """The program's state on the build date, as a badge and, where it is not simply active, a note."""
        lang = self.language
        state = self.lifecycle(program.id)
        code = state.state
        label = lang.term("approval_status", code)
        if code == "expiring" and state.valid_until is not None:
            note = lang.t(
                "program.status_note_expiring", date=lang.date(state.valid_until), days=lang.count(state.days_left or 0)
            )
            return Status(code, label, note)
        if code == "expired" and state.valid_until is not None:
            return Status(code, label, lang.t("program.status_note_expired", date=lang.date(state.valid_until)))
        if code == "proposed":
            return Status(code, label, lang.t("program.status_note_proposed"))
        decision = state.suspension if code == "suspended" else state.ending_decision
        if code in ("suspended", "withdrawn") and decision is not None:
            note = lang.t(f"program.status_note_{code}", date=lang.date(decision.date))
            return Status(code, label, note, lang.text(decision.reason), self.decision_link(decision))
        return Status(code, label)

    def decision_link(self, decision: Decision) -> Value:
        """A decision by its id, linking to it on the decisions page of its month."""
        return Value(decision.id, href=Urls.decision_path(decision.id, decision.date))

    def link(self, program_id: str) -> Value:
        """A link to a program by its title (a withdrawn or renamed one's recorded title); its id, unlinked, if
        the site has no page for it (not published, or the validator would have refused it)."""
        program = self.catalogue.programs.get(program_id)
        if program is not None:
            return Value(self.language.plain(program.title), href=Urls.program_path(program_id))
        tombstone = self.tombstones.get(program_id)
        if tombstone is not None:
            return Value(self.language.plain(tombstone.title), href=Urls.program_path(program_id))
        return Value(program_id)

    @cached_property
    def tombstones(self) -> dict[str, Tombstone]:
        """Programs withdrawn or renamed whose file is gone: their pages stay (mccat.model.catalogue.Tombstone)."""
        return self.catalogue.tombstones(self.today)

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
            mode_short=lang.term_short("delivery_mode", data["delivery"]["mode"]),
            languages=lang.join(lang.term("language", code) for code in data["languages"]),
            fee=lang.fee(data.get("fee")),
            status=self.status(program),
            sort_key=lang.sort_key(title, data.get("title_kana"), program.id),
            reading=lang.reading(data.get("title_kana")),
            group=lang.index_group(title, data.get("title_kana")),
        )

    # -- the program page

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """The sections of a program page, the same on every program page (and in this order)."""
        return tuple(Heading(section, self.language.t(f"section.{section}")) for section in PROGRAM_SECTIONS)

    def view(self, program: Program) -> ProgramView:
        """The program page's view, made anew on each call: a build makes it once, for the page, and hands it to
        the compare tool's data file (Comparison.data_file), which shows the same rows. Not kept: 20,000 views
        held about 200 MB in each language's build, to its end (bench/README.md)."""
        return self._view(program)

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
        fee = data.get("fee")

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
                row("keywords", [lang.text(keyword) for keyword in data.get("keywords", [])]),
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
                row("level.nqf", [Value(level["nqf"], href=level["nqf"], external=True) if "nqf" in level else None]),
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
                *self._designations(program),
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
        approval_section = self._approval_section(program)
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
            status=self.status(program),
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
            history=self.record(program.id),
            certification=self.certification(program.id),
            conformance=self._conformance(program, provider),
            data_links=tuple(data_links),
            identifiers=(row("ctid", [Value(data["ctid"]) if "ctid" in data else None]),),
            jsonld_href=jsonld,
            headings=self.headings,
            reading=lang.reading(data.get("title_kana")),
        )

    @cached_property
    def _grants(self) -> dict[str, list[Grant]]:
        by_program: dict[str, list[Grant]] = {}
        for grant in grants(self.catalogue, self.today) if self.certificates else ():
            by_program.setdefault(grant.program, []).append(grant)
        return by_program

    def certification(self, program_id: str) -> CertificationView:
        """The certification mark, the snippet that shows it on another site, the approval certificates."""
        lang, urls = self.language, self.urls
        state = self.lifecycle(self.catalogue.current_id(program_id, self.today))
        alt = mark_label(mark_state(state.state), lang.code)
        mark = urls.api(mark_file(program_id, lang.code))
        snippet = (
            f'<a href="{escape(urls.program_page(lang.code, program_id))}">'
            f'<img src="{escape(mark)}" alt="{escape(alt)}" width="{mark_width(program_id)}" height="{MARK_HEIGHT}">'
            "</a>"
        )
        certificates = tuple(
            DataLink(
                f"certificate-{grant.decision}",
                lang.t("certification.certificate", decision=grant.decision, date=grant.date),
                Urls.api_path_from_language(certificate_file(program_id, grant.decision, lang.code)),
                media_type="application/json",
            )
            for grant in self._grants.get(program_id, ())
        )
        achievement = urls.achievement(program_id, lang.code)
        return CertificationView(
            mark_src=Urls.api_path_from_language(mark_file(program_id, lang.code)),
            mark_alt=alt,
            mark_width=mark_width(program_id),
            snippet=snippet,
            certificates=certificates,
            verify_href=f"verify/?achievement={quote(achievement, safe='')}",  # encoded: MkDocs' url filter folds //
        )

    def _designations(self, program: Program) -> tuple[Row, ...]:
        """The public designations that hold today (a benefit designation within its period)."""
        lang, designations = self.language, current_designations(program, self.today)
        bp, benefit = designations.brush_up_program, designations.training_benefit
        values = {
            "designations.rishu_shomei": [Value(lang.yes_no(True))] if designations.rishu_shomei else [],
            "designations.brush_up_program": [Value(lang.t("program.certified_in", year=bp["certified_in"]))]
            if bp
            else [],
            "designations.training_benefit": [
                Value(
                    lang.t(
                        "program.training_benefit",
                        kind=lang.term("training_benefit_kind", benefit["kind"]),
                        number=benefit["number"],
                        start=lang.date(benefit["valid_from"]),
                        end=lang.date(benefit["valid_until"]),
                    )
                )
            ]
            if benefit
            else [],
        }
        return tuple(self._row(path, found) for path, found in values.items())

    def _skill(self, skill: dict[str, Any]) -> Value | None:
        text = self.language.text(skill["label"])
        if text is None:
            return None
        if skill.get("esco"):
            return Value(text.text, text.lang, href=skill["esco"], external=True)
        return text

    # -- the approval record

    def _approval_section(self, program: Program) -> Section:
        """The state and what the decisions in force say: every program has these rows (the compare tool shows
        them too), empty where there is nothing to say."""
        lang, state = self.language, self.lifecycle(program.id)
        current = state.current
        none = Value(lang.t("program.none"))  # nothing to say, rather than "not stated" (the provider states nothing)
        in_force = next(
            (d for d in reversed(state.decisions) if d.kind in ("approve", "renew", "amend-approval")), None
        )
        decision = (
            Value(
                lang.t(
                    "record.decision_value",
                    id=current.id,
                    kind=lang.term("decision_kind", current.kind),
                    date=lang.date(current.date),
                ),
                href=Urls.decision_path(current.id, current.date),
            )
            if current
            else None
        )
        rows = (
            Row("record.status", lang.t("record.status"), (Value(self.status(program).label),)),
            Row(
                "record.first_approved",
                lang.t("record.first_approved"),
                (Value(lang.date(state.first_approved)),) if state.first_approved else (),
            ),
            Row(
                "record.valid_until",
                lang.t("record.valid_until"),
                (Value(lang.date(state.valid_until)),) if state.valid_until else (),
            ),
            Row("record.decision", lang.t("record.decision"), (decision,) if decision else ()),
            Row(
                "record.conditions",
                lang.t("record.conditions"),
                (conditions if (conditions := lang.text(in_force.conditions if in_force else None)) else none,),
                "block",
            ),
            Row(
                "record.formerly",
                lang.t("program.formerly"),
                tuple(Value(old, href=Urls.program_path(old)) for old in state.predecessors) or (none,),
                "list",
            ),
        )
        return Section("approval", lang.t("section.approval"), rows)

    def record(self, program_id: str) -> RecordView:
        """The program's record, newest first: decisions, expiries, and content changes since approval."""
        entries = program_record(self.lifecycle(program_id), self.changes)
        return RecordView(tuple(self._entry(program_id, e) for e in reversed(entries)), self.history.available)

    def _entry(self, program_id: str, entry: RecordEntry) -> TimelineEntry:
        lang = self.language
        label = change_kinds()[entry.kind][lang.code]
        details = []
        if entry.program != program_id:
            details.append(lang.t("history.as", id=entry.program))
        if entry.change is not None:
            change = entry.change
            number = change.pull_request
            pull_request = None
            if number is not None:
                url = change.pull_request_url
                pull_request = Value(f"#{number}", href=url, external=bool(url))
            known = descriptor_index("program")
            labels = tuple(lang.label(path) if path in known else path for path in change.fields)
            return TimelineEntry(
                lang.date(entry.date),
                entry.date,
                "updated",
                label,
                details=tuple(details),
                fields=labels,
                fields_unknown=not change.fields,
                pull_request=pull_request,
            )
        event = entry.event
        assert event is not None
        decision = event.decision
        if event.kind == "expired" and event.valid_until:
            details.append(lang.t("history.expired", date=lang.date(event.valid_until)))
        elif event.valid_until:
            details.append(lang.t("history.valid_until", date=lang.date(event.valid_until)))
        successor = None
        if event.kind == "renamed" and decision is not None and decision.renamed_to:
            successor = self.link(decision.renamed_to)
            if successor.href is None:
                successor = Value(decision.renamed_to)
        return TimelineEntry(
            lang.date(entry.date),
            entry.date,
            entry.kind,
            label,
            decision=self.decision_link(decision) if decision else None,
            details=tuple(details),
            successor=successor,
            conditions=lang.text(decision.conditions) if decision else None,
            reason=lang.text(decision.reason) if decision else None,
        )

    # -- programs withdrawn or renamed whose file is gone

    def _tombstone_links(self, program_id: str) -> tuple[DataLink, ...]:
        lang = self.language
        return (
            DataLink(
                "jsonld",
                lang.t("data.jsonld"),
                Urls.api_path_from_language(Urls.program_file(program_id, ".jsonld")),
                media_type="application/ld+json",
            ),
            DataLink(
                "json",
                lang.t("data.json"),
                Urls.api_path_from_language(Urls.program_file(program_id, ".json")),
                media_type="application/json",
            ),
        )

    def tombstone_view(self, tombstone: Tombstone) -> TombstoneView:
        """The page of a withdrawn program whose file is gone: what the withdrawal recorded, and the record."""
        lang = self.language
        provider = self.catalogue.providers.get(tombstone.provider_id)
        record = tombstone.record
        if provider is not None:
            provider_value = Value(lang.plain(provider.name), href=Urls.provider_path(provider.id))
        else:
            provider_value = Value(lang.plain(record.provider_name) if record else tombstone.provider_id)
        links = self._tombstone_links(tombstone.id)
        return TombstoneView(
            tombstone.id,
            lang.plain(tombstone.title),
            provider_value,
            self.status(tombstone),
            self.record(tombstone.id),
            links,
            links[0].href,
        )

    def redirect_view(self, tombstone: Tombstone, canonical: str) -> RedirectView:
        """The page at a renamed program's old address; `canonical`: the absolute URL of where it lives now."""
        lang = self.language
        state = tombstone.lifecycle
        final = self.catalogue.current_id(tombstone.id, self.today)
        ending = state.ending_decision
        links = self._tombstone_links(tombstone.id)
        return RedirectView(
            tombstone.id,
            lang.plain(tombstone.title),
            final,
            self.link(final),
            canonical,
            lang.t("program.moved", date=lang.date(ending.date)) if ending else "",
            self.decision_link(ending) if ending else None,
            self.record(tombstone.id),
            links,
            links[0].href,
        )

    def _conformance(self, program: Program, provider: Provider) -> tuple[ConformanceView, ...]:
        return tuple(self._framework(result) for result in check_conformance(program.data, provider.data))

    def _framework(self, result: FrameworkResult) -> ConformanceView:
        lang = self.language

        return ConformanceView(
            key=result.framework.key,
            name=result.framework.name[lang.code],
            present=result.present_count,
            total=result.counted,
            complete=result.complete,
            missing=tuple(self._element(r.element, "missing").label for r in result.missing),
            elements=tuple(self._element(r.element, r.status) for r in result.elements),
        )

    def _element(self, element: Element, status: str) -> ElementView:
        """The same for every program (frameworks are constants): made once per element and state."""
        key = (id(element), status)
        view = self._elements.get(key)
        if view is None:
            lang = self.language
            view = ElementView(element_label(element, lang.code), status, lang.t(f"conformance.status.{status}"))
            self._elements[key] = view
        return view
