"""Comparison pages of the built sample site (conftest.built_site): every field's table against the
catalogue, the compare tool's page and data files, compare buttons; escaping of hostile text."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from mccat import LANGUAGES
from mccat.authoring.synth import write_synthetic_catalogue
from mccat.model.schema import descriptor_index
from mccat.model.vocabulary import broad_field
from mccat.model.vocabulary import label as vocab_label
from mccat.site.formatting import format_hours, format_money, format_number, localized
from mccat.site.language import kana_sort_key
from mccat.site.texts import INTERFACE_TEXT

from .conftest import run_mkdocs_build
from .page_rows import descriptor_rows, not_stated
from .test_compare_core import keyed
from .test_site_build import resolve, site_file, text

ROOT = Path(__file__).resolve().parents[1]
# (column, schema path of its head); the cells of INLINE columns are one text, the others list their values.
COLUMNS = [
    ("hours", "effort.hours"),
    ("mode", "delivery.mode"),
    ("languages", "languages"),
    ("fee", "fee"),
    ("assessment", "assessment.types"),
    ("recognition", "recognition"),
    ("level", "level"),
    ("credential", "credential.formats"),
    ("stackability", "stackability"),
    ("quality_assurance", "quality_assurance.types"),
    ("status", ""),  # headed by interface text: the state comes from the committee's decisions
]
INLINE = {"hours", "mode", "languages", "fee", "status"}


def t(key: str, lang: str, **values) -> str:
    return INTERFACE_TEXT[key][lang].format(**values)


def expected_cells(built_site, program, lang) -> dict[str, list[str]]:
    """What each column should show for a program, from the catalogue, vocabularies and formatting."""
    data, catalogue = program.data, built_site.catalogue

    def local(value) -> str:
        return localized(value, lang).text

    def terms(vocabulary, codes) -> list[str]:
        return [vocab_label(vocabulary, code, lang) for code in codes]

    fee = data.get("fee")
    recognition, level, stack = data.get("recognition", {}), data.get("level", {}), data.get("stackability")
    credits = recognition.get("credits")
    recognised = (
        [
            t(
                "program.credits",
                lang,
                value=format_number(credits["value"], lang),
                system=vocab_label("credit_system", credits["system"], lang),
            )
        ]
        if credits
        else []
    )
    recognised += [local(body) for body in recognition.get("recognised_by", [])]
    if not recognised and recognition.get("description"):
        recognised = [local(recognition["description"])]
    levels = ([t("program.eqf", lang, level=level["eqf"])] if "eqf" in level else []) + (
        [local(level["description"])] if level.get("description") else []
    )
    stacking = []
    if stack:
        stacking = [t("program.yes" if stack["stackable"] else "program.no", lang)]
        stacking += [local(catalogue.programs[pid].title) for pid in stack.get("stacks_into", [])]
        stacking += [local(item["title"]) for item in stack.get("stacks_into_external", [])]
    status = catalogue.lifecycle(program.id, built_site.build_date).state
    cells = {
        "hours": [format_hours(data["effort"]["hours"], lang)],
        "mode": terms("delivery_mode", [data["delivery"]["mode"]]),
        "languages": terms("language", data["languages"]),
        "fee": []
        if not fee
        else [t("program.free", lang) if fee["amount"] == 0 else format_money(fee["amount"], fee["currency"], lang)],
        "assessment": terms("assessment_type", data["assessment"]["types"]) or [t("program.none", lang)],
        "recognition": recognised,
        "level": levels,
        "credential": terms("credential_format", data["credential"]["formats"]),
        "stackability": stacking,
        "quality_assurance": terms("qa_type", data["quality_assurance"]["types"]),
        "status": [vocab_label("approval_status", status, lang)],
    }
    separator = t("list.separator", lang)
    return {
        column: ([separator.join(values)] if column in INLINE and values else values)
        for column, values in cells.items()
    }


def shown_cell(cell) -> list[str]:
    """A table cell as the reader sees it: its listed values, or its one text; [] when not stated."""
    if cell.cssselect(".mc-missing"):
        return []
    items = cell.cssselect("li")
    return [text(li) for li in items] if items else [text(cell)]


def by_field(catalogue) -> dict[str, list]:
    fields: dict[str, list] = {}
    for program in catalogue.programs.values():
        for code in program.data["fields"]:
            fields.setdefault(code, []).append(program)
    return fields


def title_order(program, lang) -> tuple:
    """Lists order programs by title; on Japanese pages by the title's reading, in 五十音順."""
    if lang == "ja":
        return kana_sort_key(program.data["title_kana"]), program.id
    return unicodedata.normalize("NFKC", program.title[lang]).casefold(), program.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_table_shows_every_program_of_the_field_with_the_right_values(built_site, lang):
    not_stated = t("program.not_stated", lang)
    titles = descriptor_index("program")
    fields = by_field(built_site.catalogue)
    assert len(fields) > 10
    for code, programs in fields.items():
        url = f"compare/{code}/"
        tree = built_site.tree(lang, url)
        assert text(tree.cssselect("article h1")[0]) == t(
            "compare.field_title", lang, field=vocab_label("isced_field", code, lang)
        )
        table = tree.cssselect('table[data-mc="compare-field"]')[0]
        heads = [(th.get("data-column"), text(th)) for th in table.cssselect("thead th")]
        assert heads == [("program", t("compare.program", lang))] + [
            (column, titles[path].title[lang] if path else t(f"record.{column}", lang)) for column, path in COLUMNS
        ]

        rows = table.cssselect("tbody tr")
        assert [row.get("data-program") for row in rows] == [
            p.id for p in sorted(programs, key=lambda p: title_order(p, lang))
        ], url
        for row in rows:
            program = built_site.catalogue.programs[row.get("data-program")]
            head = row.cssselect("th")[0]
            link = head.cssselect("a")[0]
            assert text(link) == program.title[lang]
            target = resolve(f"/{lang}/{url}", link.get("href"))
            assert target == f"/{lang}/programs/{program.id}/" and site_file(built_site, target).is_file()
            provider = built_site.catalogue.providers[program.provider_id]
            assert text(head.cssselect(".mc-compare-field__provider")[0]) == provider.data["name"][lang]
            assert not head.cssselect("button")  # compare.js adds the compare button (test_compare_browser)

            # A cell's column is its head's: the same position.
            assert len(row.cssselect("td")) == len(COLUMNS) and not row.cssselect("[data-column]")
            cells = {column: cell for (column, _), cell in zip(COLUMNS, row.cssselect("td"), strict=True)}
            expected = expected_cells(built_site, program, lang)
            for column, cell in cells.items():
                assert shown_cell(cell) == expected[column], (url, program.id, column)
                assert (text(cell) == not_stated) == (expected[column] == []), (url, program.id, column)
            data = program.data
            assert float(cells["hours"].get("data-sort")) == data["effort"]["hours"]
            if data.get("fee"):
                assert float(cells["fee"].get("data-sort")) == data["fee"]["amount"]
                assert cells["fee"].get("data-sort-group") == data["fee"]["currency"]
            state = built_site.catalogue.lifecycle(program.id, built_site.build_date).state
            badge = cells["status"].cssselect(".mc-status")[0]
            assert badge.get("class") == f"mc-status mc-status--{state}" and text(badge) == vocab_label(
                "approval_status", state, lang
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compare_page_lists_every_field_table_by_broad_field(built_site, lang):
    fields = by_field(built_site.catalogue)
    tree = built_site.tree(lang, "compare/")
    assert text(tree.cssselect("article h1")[0]) == t("compare.title", lang)
    listed = tree.cssselect("li[data-field]")
    assert sorted(li.get("data-field") for li in listed) == sorted(fields)
    for li in listed:
        code = li.get("data-field")
        group = li.getparent().getprevious()  # the broad field's heading before each list
        assert group.tag == "h3" and group.get("id") == f"field-{broad_field(code)}"
        assert group.text.strip() == vocab_label("isced_broad_field", broad_field(code), lang)  # then the ¶ link
        target = resolve(f"/{lang}/compare/", li.cssselect("a")[0].get("href"))
        assert target == f"/{lang}/compare/{code}/" and site_file(built_site, target).is_file()
    # The tool is in the nav; the field tables are not (there can be dozens).
    nav = [resolve(f"/{lang}/", a.get("href")) for a in built_site.tree(lang).cssselect("nav.md-nav a[href]")]
    assert f"/{lang}/compare/" in nav and not [href for href in nav if href.startswith(f"/{lang}/compare/0")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tool_rows_have_schema_labels_and_every_program_has_its_data_file(built_site, lang):
    tree = built_site.tree(lang, "compare/")
    tool = tree.cssselect('[data-mc="compare-tool"]')[0]
    assert tool.get("hidden") is not None  # shown by the script; the noscript note says why
    assert t("compare.noscript", lang) in built_site.html(lang, "compare/")  # in <noscript>: why it is hidden
    rows = {row.get("data-row"): text(row.cssselect("th")[0]) for row in tool.cssselect("tr[data-row]")}
    titles = descriptor_index("program")
    for key, label in rows.items():
        if key in titles:
            assert label == titles[key].title[lang], key
    descriptors = {
        "effort.hours",
        "delivery.mode",
        "languages",
        "fee.amount",
        "assessment.types",
        "recognition.credits",
        "recognition.recognised_by",
        "level.eqf",
        "credential.formats",
        "stackability.stackable",
        "quality_assurance.types",
        "record.status",
        "record.first_approved",
        "record.valid_until",
        "record.decision",
        "learning_outcomes",
        "offerings",
        "description",
        "prerequisites",
        "capacity",
        "delivery.pace",
    }
    assert descriptors <= set(rows)

    data_dir = built_site.root / lang / "compare" / "data"
    files = {p.relative_to(data_dir).with_suffix("").as_posix() for p in data_dir.rglob("*.json")}
    assert files == set(built_site.catalogue.programs)
    keys = [row.get("data-row") for row in tool.cssselect("tr[data-row]:not([data-computed])")]
    for program_id, program in built_site.catalogue.programs.items():
        data = json.loads((data_dir / f"{program_id}.json").read_text(encoding="utf-8"))
        assert data["key"] == tool.get("data-data-key")  # the page's rows are the file's
        record = keyed(data, keys)
        computed = {row.get("data-row") for row in tool.cssselect("tr[data-row][data-computed]")}
        assert computed == {"next_start", "next_deadline"}  # from the offerings and the visitor's date
        assert record["title"] == program.title[lang] and set(record["rows"]) == set(rows) - computed
        page = built_site.tree(lang, f"programs/{program_id}/")
        shown = descriptor_rows(page, lang)
        named, line = not_stated(page, lang)  # the descriptors named in the "not stated" line
        shown |= dict.fromkeys(named, line)
        shown |= {
            "learning_outcomes": page.cssselect("ol.mc-outcomes")[0],
            "offerings": page.cssselect(".mc-offerings")[0],
        }
        for key, values in record["rows"].items():
            if key not in shown:
                continue
            on_page = text(shown[key])
            for value in values:  # what the tool shows is what the program page shows
                assert value["text"].split()[0] in on_page, (program_id, key, value)
            if key == "offerings" and not values:  # the program page says so in its own words
                assert t("program.no_offerings", lang) in on_page, program_id
            elif not values:  # a row that says "not stated", or the descriptor named in the "not stated" line
                in_line = key in named
                assert in_line or t("program.not_stated", lang) in on_page, (program_id, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compare_buttons_on_program_and_list_pages(built_site, lang):
    for program_id in built_site.catalogue.programs:
        tree = built_site.tree(lang, f"programs/{program_id}/")
        assert [b.get("data-compare-id") for b in tree.cssselect("article button[data-compare-id]")] == [program_id]
    listed = built_site.tree(lang, "programs/").cssselect("li[data-program]")
    assert len(listed) == len(built_site.catalogue.programs)
    assert not built_site.tree(lang, "programs/").cssselect("article button")  # compare.js adds them, from data-program
    tray = built_site.tree(lang, "").cssselect('[data-mc="compare-tray"]')[0]
    assert tray.get("hidden") is not None and int(tray.get("data-max")) == 4
    assert resolve(f"/{lang}/", tray.get("data-compare-url")) == f"/{lang}/compare/"
    assert (tray.get("data-text-tray"), tray.get("data-text-clear")) == (
        t("compare.tray", lang),
        t("compare.clear", lang),
    )


HOSTILE = '<img src=x onerror="window.pwned=1"> & "quoted" </td>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A tiny catalogue whose first program's English title is markup; built without --strict."""
    folder = tmp_path_factory.mktemp("hostile")
    catalogue, site = folder / "catalogue", folder / "site"
    write_synthetic_catalogue(catalogue, programs=3, providers=1, seed=1)
    first = sorted((catalogue / "programs").rglob("*.yaml"))[0]
    source = first.read_text(encoding="utf-8")
    original = yaml.safe_load(source)
    first.write_text(
        source.replace(f"  en: {original['title']['en']}\n", f"  en: {json.dumps(HOSTILE)}\n", 1), encoding="utf-8"
    )
    assert yaml.safe_load(first.read_text(encoding="utf-8"))["title"]["en"] == HOSTILE
    status, output, _ = run_mkdocs_build(site, catalogue=catalogue, strict=False)
    assert status == 0, output
    yield site, first.relative_to(catalogue / "programs").with_suffix("").as_posix(), original["fields"]
    shutil.rmtree(folder, ignore_errors=True)


def test_text_from_the_catalogue_is_escaped_in_comparison_tables(hostile_site):
    import lxml.html

    site, program_id, fields = hostile_site
    for code in fields:
        html = (site / "en" / "compare" / code / "index.html").read_text(encoding="utf-8")
        tree = lxml.html.fromstring(html)
        assert "<img src=x" not in html and not tree.cssselect("article img")
        row = tree.cssselect(f'tr[data-program="{program_id}"]')[0]
        assert text(row.cssselect("a")[0]) == " ".join(HOSTILE.split())
    record = json.loads((site / "en" / "compare" / "data" / f"{program_id}.json").read_text(encoding="utf-8"))
    assert record["title"] == HOSTILE  # data stays data; the script writes it with textContent
