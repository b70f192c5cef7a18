"""The guides providers act on: Japanese lines joined without a space, the Registry Committee's settings
(governance/registry.yaml) shown or "to be announced", one name for the committee and one for the
decision number on every page, and the "How to propose" page covering both paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mccat.model.registry import RegistrySettings
from mccat.site.language import Language
from mccat.site.markdown import SETTINGS, UnknownSetting, fill_settings, join_japanese_lines
from mccat.validation.registry_file import REGISTRY_FILE, load_registry, parse_registry

ROOT = Path(__file__).resolve().parents[1]
JAPANESE = "\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
GAP = re.compile(f"[{JAPANESE}][ \t\n\r]+[{JAPANESE}]")

# One name for the committee and one for the decision number: the other names people have used. (The
# publisher's formal name in governance/registry.yaml, マイクロクレデンシャル・レジストリ委員会 / Micro-credential
# Registry Committee, is data: the API page quotes it in the credit line; prose says レジストリ委員会.)
OTHER_NAMES = {
    "ja": ("登録委員会", "審査委員会", "承認番号", "決定ID", "決定の番号"),
    "en": ("decision reference", "decision id", "review committee"),
}


# --- Japanese lines -----------------------------------------------------------------------------------


def test_lines_wrapped_between_japanese_characters_are_joined():
    source = "1. 提供機関がファイルを変更し、プルリクエストを出します\n   （または申請フォームに記入します）。\n"
    assert (
        join_japanese_lines(source)
        == "1. 提供機関がファイルを変更し、プルリクエストを出します（または申請フォームに記入します）。\n"
    )
    assert join_japanese_lines("変更内容を\n確認します。") == "変更内容を確認します。"


@pytest.mark.parametrize(
    "source",
    [
        "English lines\nstay as they are",
        "日本語の後の English\nline",
        "`mccat validate`\nを実行します",  # a code span ends the line: Markdown's space is right there
        "## 見出し\n本文",  # a heading is one line
        "```text\n日本語の\n例\n```",  # code blocks are shown as written
        "段落\n\n次の段落",
        "| 表 |\n| 行 |",
        "- 項目\n- 次の項目",
    ],
)
def test_what_is_not_a_wrapped_japanese_line_stays(source):
    assert join_japanese_lines(source) == source


# --- the committee's settings ---------------------------------------------------------------------------


def test_settings_not_set_are_to_be_announced_in_each_language():
    empty = RegistrySettings()
    ja = fill_settings("{{ registry.decision_time }}", empty, Language.of("ja"))
    en = fill_settings("{{registry.decision_time}}", empty, Language.of("en"))
    assert ja == (
        '<span class="mc-setting mc-setting--unset" data-setting="decision_time">'
        "未定（決まり次第このページでお知らせします）</span>"
    )
    assert en.endswith(">to be announced</span>")
    assert fill_settings("{{ registry.fee_notes }}", empty, Language.of("ja")) == ""  # notes: nothing to say


def test_settings_read_as_each_language_writes_them():
    settings = RegistrySettings(
        {
            "contact": {"email": "registry@example.org", "url": "https://registry.example.org/contact"},
            "review": {"first_response_days": 5, "decision_days": 30, "meetings": {"ja": "毎月第2水曜日"}},
            "fees": {"application": {"amount": 33000, "currency": "JPY"}, "renewal": {"amount": 0, "currency": "JPY"}},
            "appeals": {"within_days": 30},
        }
    )
    ja, en = Language.of("ja"), Language.of("en")

    def shown(name: str, lang: Language) -> str:
        return re.sub("<[^>]+>", "", fill_settings(f"{{{{ registry.{name} }}}}", settings, lang))

    assert shown("first_response", ja) == "5営業日以内" and shown("first_response", en) == "within 5 working days"
    assert shown("application_fee", ja) == "33,000円" and shown("application_fee", en) == "¥33,000"
    assert shown("renewal_fee", ja) == "無料" and shown("renewal_fee", en) == "Free"
    assert shown("appeal_period", ja) == "決定から30日以内"
    assert shown("meetings", en) == "毎月第2水曜日"  # in the other language when one is missing
    assert 'href="mailto:registry@example.org"' in fill_settings("{{ registry.contact_email }}", settings, en)
    assert shown("appeal_how", en) == "to be announced"


def test_a_setting_is_text_never_markup():
    settings = RegistrySettings(
        {"appeals": {"how": {"ja": "<script>alert(1)</script> **太字** [リンク](https://evil.example)"}}}
    )
    html = fill_settings("{{ registry.appeal_how }}", settings, Language.of("ja"))
    assert "<script>" not in html and "**" not in html and "](" not in html
    assert "&lt;script&gt;" in html


def test_a_page_naming_an_unknown_setting_is_an_error():
    with pytest.raises(UnknownSetting, match=r"registry\.fees_for_all"):
        fill_settings("{{ registry.fees_for_all }}", RegistrySettings(), Language.of("en"))


def test_every_setting_the_guides_name_exists_and_every_setting_is_shown():
    named = set()
    for page in (ROOT / "docs").glob("*/*.md"):
        named |= set(re.findall(r"\{\{\s*registry\.([a-z_]+)\s*\}\}", page.read_text(encoding="utf-8")))
    assert named == set(SETTINGS)


def test_the_registry_file_is_checked_with_located_bilingual_messages():
    """The guides' settings are read by the one reader of governance/registry.yaml (issue 16's), with the
    validator's messages; the publisher, contact and licence keep their own checks."""
    content = "contact:\n  email: registry at example\nreview:\n  decision_days: ３０\n  meeting: weekly\n"
    body, problems = parse_registry(content, REGISTRY_FILE)
    assert body.settings == RegistrySettings()
    by_rule = {p.rule: p for p in problems}
    email = by_rule["registry.value"]
    assert (email.line, email.column) == (2, 10)
    assert email.message_in("ja") == "`contact.email` がメールアドレスになっていません：`registry at example`"
    assert email.message_in("en") == "`contact.email` is not an e-mail address: `registry at example`"
    days = by_rule["input.full-width"]
    assert (days.line, days.column) == (4, 18) and days.hint_in("en") == "replace `３０` with `30`"
    assert days.message_in("ja").startswith("「決定までの期間」（`review.decision_days`）の値 `３０` が全角文字")
    unknown = by_rule["schema.additionalProperties"]
    assert unknown.line == 5 and "`meetings`" in unknown.hint_in("en")


def test_the_settings_that_are_set_reach_the_guides_and_empty_keys_stay_unset():
    content = "review:\n  decision_days: 20\n  meetings:\nfees:\n  notes:\n    ja: ''\ncontact:\n  email: a@b.example\n"
    body, problems = parse_registry(content, REGISTRY_FILE)
    assert problems == []
    assert body.settings.data == {"review": {"decision_days": 20}, "contact": {"email": "a@b.example"}}
    assert body.email == "a@b.example"  # the footer and the exports read the same address


def test_the_committees_file_as_committed_is_valid_and_sets_only_the_contact_yet():
    body = load_registry(ROOT / REGISTRY_FILE)
    assert body.settings.data == {"contact": {"email": "office@registry.example.org"}}


# --- one name for each thing -------------------------------------------------------------------------


def test_the_pages_and_templates_use_one_name_for_the_committee_and_the_decision_number():
    sources = [*ROOT.glob("docs/*/*.md"), *ROOT.glob("docs/diagrams/*.mmd"), ROOT / ".github/pull_request_template.md"]
    sources += [ROOT / "mkdocs.yml", ROOT / "mkdocs.en.yml", ROOT / "governance/committee.yaml"]
    for path in sources:
        content = path.read_text(encoding="utf-8")
        for names in OTHER_NAMES.values():
            for name in names:
                assert name.lower() not in content.lower(), f"{path.relative_to(ROOT)} says “{name}”"


# --- the built guides --------------------------------------------------------------------------------


def _docs_pages(lang: str) -> list[str]:
    pages = []
    for page in sorted((ROOT / "docs" / lang).glob("*.md")):
        pages.append("" if page.stem == "index" else f"{page.stem}/")
    return pages


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_space_between_japanese_characters_on_any_hand_written_page(built_site, lang):
    # Names from governance/registry.yaml are data and may have spaces (クリエイティブ・コモンズ 表示 4.0 国際).
    names = [name for name in load_registry(ROOT / REGISTRY_FILE).licence.name.values() if " " in name]
    for url in _docs_pages(lang):
        article = built_site.tree(lang, url).cssselect("article")[0]
        for node in article.iter():
            if _generated_or_code(node):
                continue  # catalogue data (names may have spaces) and code are shown as written
            for piece in (node.text, node.tail if not _generated_or_code(node.getparent()) else None):
                for name in names:
                    piece = piece.replace(name, "") if piece else piece
                if piece:
                    assert not GAP.search(piece), f"/{lang}/{url}: a space between Japanese characters: {piece!r}"


def _generated_or_code(node) -> bool:
    while node is not None:
        classes = (node.get("class") or "").split() if isinstance(node.tag, str) else []
        if node.tag in ("pre", "code", "script", "style") or any(
            c.startswith("mc-") and c != "mc-setting" for c in classes
        ):
            return True
        node = node.getparent()
    return False


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_propose_page_covers_both_paths_and_shows_the_settings(built_site, lang):
    page = built_site.tree(lang, "propose/")
    headings = [h.text_content() for h in page.cssselect("article h2")]
    if lang == "ja":
        assert "方法1：プルリクエストで提案する" in "".join(headings) and "方法2：申請フォームで提案する" in "".join(
            headings
        )
    else:
        assert "Path 1: propose by pull request" in "".join(headings)
        assert "Path 2: propose with the issue form" in "".join(headings)
    settings = {span.get("data-setting"): span.text_content() for span in page.cssselect("[data-setting]")}
    assert set(settings) == set(SETTINGS) - {"fee_notes"}
    tba = "未定（決まり次第このページでお知らせします）" if lang == "ja" else "to be announced"
    # the sample registry sets only the contact address (issue 16's placeholder) yet
    assert settings.pop("contact_email") == "office@registry.example.org"
    assert set(settings.values()) == {tba}
    assert page.xpath('//article//img[@src="../propose.svg"]')
    assert "{{" not in page.cssselect("article")[0].text_content()
