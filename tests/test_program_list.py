"""The list of every program in pages (mccat.site.program_list), without a build: its pages and their addresses,
the index groups (Japanese pages by 五十音 row, English pages by initial), the group headings a page starts
with, the pager, in both languages. What the built pages show and that every link lands: tests/test_program_list_site.py."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mccat.build.plan import PlanError, program_list_page
from mccat.publish.urls import Urls
from mccat.site.language import INDEX_GROUPS, Language, initial_group, kana_group, kana_sort_key
from mccat.site.pages import SitePages
from mccat.site.program_list import PROGRAMS_PER_PAGE, ProgramList, paginate, sections
from mccat.site.views import ProgramSummary, Status, Value
from mccat.validation.load import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
URLS = Urls("https://registry.example.org/")


def summary(lang: str, n: int, title: str, reading: str | None = None) -> ProgramSummary:
    language = Language.of(lang)
    program_id = f"p{n // 100}/s{n:05d}"
    return ProgramSummary(
        id=program_id,
        url=Urls.program_path(program_id),
        title=title,
        summary=Value(""),
        provider="P",
        provider_url="providers/p/",
        hours="10",
        mode="online",
        mode_short="online",
        languages="ja",
        fee="",
        status=Status("active", "active"),
        sort_key=language.sort_key(title, reading, program_id),
        reading=language.reading(reading),
        group=language.index_group(title, reading),
    )


def listed(lang: str, entries: list[tuple[str, str | None]], per_page: int = PROGRAMS_PER_PAGE) -> ProgramList:
    programs = sorted((summary(lang, n, *entry) for n, entry in enumerate(entries)), key=lambda s: s.sort_key)
    return ProgramList(programs, Language.of(lang), (), per_page)


# --- pages and their addresses -------------------------------------------------------------------------------


def test_page_one_keeps_its_address_and_the_others_are_numbered():
    assert Urls.programs_path() == Urls.programs_path(1) == "programs/"
    assert Urls.programs_path(2) == "programs/2/"
    assert Urls.programs_path(40) == "programs/40/"
    assert URLS.page("ja", Urls.programs_path(3)) == "https://registry.example.org/ja/programs/3/"


@pytest.mark.parametrize(
    ("count", "pages", "last"),
    [(0, 1, 0), (1, 1, 1), (499, 1, 499), (500, 1, 500), (501, 2, 1), (1000, 2, 500), (1001, 3, 1), (20_000, 40, 500)],
)
def test_pages_of_at_most_500_programs(count, pages, last):
    chunks = paginate(list(range(count)), PROGRAMS_PER_PAGE)
    assert len(chunks) == pages and len(chunks[-1]) == last
    assert [item for chunk in chunks for item in chunk] == list(range(count))  # each once, in order
    assert all(len(chunk) == PROGRAMS_PER_PAGE for chunk in chunks[:-1])


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (500, 1), (501, 2)])
def test_the_lists_pages_their_titles_and_addresses(lang, count, pages):
    programs = listed(lang, [(f"Course {n:04d}", f"コース{n:04d}") for n in range(count)])
    specs = programs.pages()
    assert [spec.url for spec in specs] == ["programs/"] + [f"programs/{n}/" for n in range(2, pages + 1)]
    assert [spec.in_nav for spec in specs] == [True] + [False] * (pages - 1)  # page 1 stays in the nav, alone
    assert specs[0].title == Language.of(lang).t("list.programs")
    if pages == 2:
        assert specs[1].title == {"ja": "すべてのプログラム（2/2）", "en": "All programs (2/2)"}[lang]
        second = programs.view(2)
        assert (second.first, second.last, second.total) == (501, 501, 501)
        assert len(programs.view(1).programs) == 500 and second.programs[0].title.endswith("0500")
    first = programs.view(1)
    assert first.total == count and (first.first, first.last) == ((1, min(count, 500)) if count else (0, 0))
    assert first.previous is None and (first.next is None) == (pages == 1)
    with pytest.raises(ValueError):
        programs.view(pages + 1)


def test_the_page_size_is_a_setting_of_the_build():
    assert program_list_page({}) == PROGRAMS_PER_PAGE == 500
    assert program_list_page({"MCCAT_PROGRAM_LIST_PAGE": "3"}) == 3
    for wrong in ("0", "-1", "ten", "３", "2.5"):
        with pytest.raises(PlanError, match=r"`MCCAT_PROGRAM_LIST_PAGE` must be a whole number of programs"):
            program_list_page({"MCCAT_PROGRAM_LIST_PAGE": wrong})


def test_the_sample_catalogue_keeps_one_page():
    catalogue = load_catalogue(ROOT / "catalogue")
    for lang in ("ja", "en"):
        site = SitePages(catalogue, lang=lang, today=date(2026, 12, 1), urls=URLS)
        specs = [spec for spec in site.pages.values() if spec.kind == "programs"]
        assert [(spec.src_uri, spec.in_nav) for spec in specs] == [("programs/index.md", True)]
        view = site.view(specs[0])
        assert view.page_count == 1 and not view.pages[1:] and view.total == len(catalogue.programs)


# --- the index groups ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reading", "group"),
    [
        ("アイ", "a"),
        ("ヴァイオリン", "a"),  # ヴ is ウ's voiced kana
        ("ァ", "a"),
        ("カイゴ", "ka"),
        ("ガクシュウ", "ka"),  # voiced kana in their row
        ("ヵゲツ", "ka"),
        ("ゲーム", "ka"),
        ("ザイム", "sa"),
        ("ジンジ", "sa"),
        ("ッテ", "ta"),  # small kana in their row
        ("ヂ", "ta"),
        ("ドローン", "ta"),
        ("ニホンゴ", "na"),
        ("ノウギョウ", "na"),
        ("バイオ", "ha"),
        ("パイソン", "ha"),
        ("ホイク", "ha"),
        ("マーケティング", "ma"),
        ("モノヅクリ", "ma"),
        ("ャ", "ya"),
        ("ヨウショク", "ya"),
        ("ラクノウ", "ra"),
        ("ロボット", "ra"),
        ("ワショク", "wa"),
        ("ヲ", "wa"),
        ("ン", "wa"),
        ("ヷ", "wa"),
        ("かいご", "ka"),  # hiragana as katakana
        ("ｶｲｺﾞ", "ka"),  # half-width kana as full-width
        ("・カイゴ", "ka"),  # the middle dot, spaces and brackets do not count
        ("（カイゴ）", "ka"),
        ("　カイゴ", "ka"),
        ("カブシキガイシャサクラ", "sa"),  # a legal form does not count, as in the order
        ("Pythonニヨル", "latin"),  # a Latin letter or a digit as written: 英数字
        ("iPhoneアプリ", "latin"),
        ("ＩｏＴ", "latin"),
        ("3Dプリンタ", "latin"),
        ("ーカイ", "other"),  # a long-vowel mark with no kana before it lengthens nothing
        ("ー", "other"),
        ("・", "other"),  # nothing that counts
        (":カイゴ", "other"),  # a sign first
    ],
)
def test_japanese_readings_file_under_their_gojuon_row(reading, group):
    assert kana_group(reading) == group
    assert Language.of("ja").index_group("名称", reading) == group


def test_japanese_programs_without_a_reading_file_under_other():
    ja = Language.of("ja")
    assert ja.index_group("介護の基礎", None) == ja.index_group("Python", "") == "other"
    assert ja.group_label("other") == "その他" and ja.group_label("latin") == "英数字"
    assert ja.group_heading("ka") == "カ行" and ja.group_heading("ka", continued=True) == "カ行（続き）"
    assert ja.group_heading("a") == "ア行" and ja.group_label("a") == "ア"
    assert ja.group_heading("latin", continued=True) == "英数字（続き）"


@pytest.mark.parametrize(
    ("title", "group"),
    [
        ("Accounting", "a"),
        ("accounting", "a"),
        ("Ｋａｉｚｅｎ", "k"),  # full-width letters
        ("(Intro) Data", "i"),  # leading punctuation skipped
        ("“Quoted” Course", "q"),
        ("¿Qué?", "q"),
        ("...and more", "a"),
        ("École de cuisine", "e"),  # accents dropped
        ("Ørsted", "other"),  # a letter of its own
        ("3D Printing", "digits"),
        ("３Ｄ", "digits"),  # full-width digits
        ("#1 course", "digits"),
        ("介護の基礎", "other"),  # a title in Japanese on an English page (no English title)
        ("Δelta", "other"),
        ("!!!", "other"),
        ("", "other"),
    ],
)
def test_english_titles_file_under_their_initial(title, group):
    assert initial_group(title) == group
    assert Language.of("en").index_group(title, "カイゴ") == group  # a reading does not count on English pages


def test_english_labels_and_headings():
    en = Language.of("en")
    assert [en.group_label(g) for g in ("digits", "a", "k", "z", "other")] == ["0–9", "A", "K", "Z", "Other"]
    assert en.group_heading("k", continued=True) == "K (continued)"
    assert en.index_groups == ("digits", *"abcdefghijklmnopqrstuvwxyz", "other")


readings = st.text(
    alphabet="ァアィイゥウカガキクケコサザタダッツテトナハバパマヤャラワヲンヴー・ 　（）AbZ09", max_size=6
)


@given(st.lists(st.tuples(readings, st.booleans(), st.text(max_size=5)), max_size=30))
def test_each_group_is_one_run_of_the_list_in_the_order_of_the_index(entries):
    """Whatever the readings and titles: the groups follow each other in INDEX_GROUPS' order, each once."""
    for lang in ("ja", "en"):
        programs = listed(lang, [(title, reading if has else None) for reading, has, title in entries])
        runs = [p.group for n, p in enumerate(programs.programs) if n == 0 or programs.programs[n - 1].group != p.group]
        assert len(runs) == len(set(runs))
        assert runs == sorted(runs, key=INDEX_GROUPS[lang].index)


def test_the_order_of_the_list_is_as_before_for_readings_and_titles_that_start_with_a_letter_or_kana():
    rng = random.Random(7)
    kana = "アイウエオカガキサシスタチツテトナニハバパヒマミヤユヨラリワン"
    entries = [("".join(rng.choices("ABCDEFGHIJabcdefghij", k=5)), "".join(rng.choices(kana, k=4))) for _ in range(300)]
    for lang in ("ja", "en"):
        programs = listed(lang, entries).programs
        if lang == "ja":
            assert [p.reading for p in programs] == sorted((r for _, r in entries), key=kana_sort_key)
        else:
            assert [p.title for p in programs] == sorted((t for t, _ in entries), key=str.casefold)


# --- what a page shows ---------------------------------------------------------------------------------------


def test_the_index_links_where_each_group_starts_counts_it_and_leaves_empty_groups_unlinked():
    entries = [(f"t{n}", r) for n, r in enumerate(["アイ", "アオ", "カ", "ガ", "キ", "ク", "ケ", "コ", "サ", "IoT"])]
    programs = listed("ja", [*entries, ("無読み", None)], per_page=4)
    # order: IoT | アイ アオ カ ガ | キ ク ケ コ | サ 無読み
    assert programs.page_count == 3
    index = {entry.group: entry for entry in programs.view(2).index}
    assert list(index) == list(INDEX_GROUPS["ja"])
    assert (index["latin"].label, index["latin"].count, index["latin"].href) == ("英数字", "1", "programs/#group-latin")
    assert (index["ka"].count, index["ka"].href) == ("6", "programs/#group-ka")
    assert (index["sa"].count, index["sa"].href) == ("1", "programs/3/#group-sa")
    assert (index["other"].label, index["other"].href) == ("その他", "programs/3/#group-other")
    assert (index["ta"].label, index["ta"].count, index["ta"].href) == ("タ", "0", None)
    assert programs.view(1).index == programs.view(3).index  # the index of the whole list, on every page


def test_a_page_that_begins_inside_a_group_repeats_its_heading_as_continued():
    entries = [(f"t{n}", r) for n, r in enumerate(["カ", "キ", "ク", "ケ", "コ", "サ", "シ"])]
    programs = listed("ja", entries, per_page=3)
    one, two, three = (programs.view(n).sections for n in (1, 2, 3))
    assert [(s.id, s.title, s.continued, len(s.programs)) for s in one] == [("group-ka", "カ行", False, 3)]
    assert [(s.id, s.title, s.continued, len(s.programs)) for s in two] == [
        ("group-ka", "カ行（続き）", True, 2),
        ("group-sa", "サ行", False, 1),
    ]
    assert [(s.id, s.title, s.continued) for s in three] == [("group-sa", "サ行（続き）", True)]
    en = listed("en", [(t, None) for t in ["Kaizen", "Karate", "Kendo", "Knots", "Lathe"]], per_page=2)
    assert [(s.title, s.continued) for s in en.view(2).sections] == [("K (continued)", True)]
    assert [(s.title, s.continued) for s in en.view(3).sections] == [("L", False)]


def test_a_page_that_begins_with_a_new_group_does_not_say_continued():
    programs = listed("en", [("Alpha", None), ("Beta", None)], per_page=1)
    assert [(s.title, s.continued) for s in programs.view(2).sections] == [("B", False)]
    assert sections([], Language.of("en"), "a") == []


def test_the_pager_marks_the_current_page_and_names_what_each_page_starts_with():
    entries = [(f"Title {n}", r) for n, r in enumerate(["アサガオノカンサツ", "イ", "ウ", "エ", "オ"])]
    programs = listed("ja", entries, per_page=2)
    view = programs.view(2)
    assert [(p.number, p.href, p.current) for p in view.pages] == [
        (1, "programs/", False),
        (2, "programs/2/", True),
        (3, "programs/3/", False),
    ]
    assert [p.first for p in view.pages] == ["アサガオノカ…", "ウ", "オ"]  # short: six characters at most
    assert view.previous is not None and view.previous.href == "programs/"
    assert view.next is not None and view.next.href == "programs/3/"
    assert programs.view(3).next is None
    en = listed("en", [(" A   long   title ", None)], per_page=1)
    assert en.view(1).pages[0].first == "A long…"
