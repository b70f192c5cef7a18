"""The "check a badge" page (/{lang}/verify/) in Chromium: the verdict a person gets for a registered, an
expired, a suspended, a withdrawn, an unknown and a malformed input, a lookalike host, a JWT, the
?achievement= address, and hostile text that must stay text. Programs are chosen by their status in the
built site's records, so the test follows the sample catalogue."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

ROOT_URL = "https://registry.example.org/"  # mkdocs.yml's site_url: the Achievement ids' root
RESULT = "[data-mc='verify-result']"


def _records(built_site) -> dict[str, dict]:
    records = {}
    for path in sorted((built_site.root / "api/v1/programs").glob("*/*.json")):
        if path.suffixes == [".json"]:  # the record, not the Achievements or the ELM and CTDL files
            record = json.loads(path.read_text(encoding="utf-8"))
            records[record["id"]] = record
    return records


def _with_status(built_site, status: str) -> dict:
    found = [r for r in _records(built_site).values() if r["status"] == status]
    if not found:
        pytest.fail(f"the sample catalogue has no {status} program: the check page's test needs one")
    return found[0]


def _achievement(program_id: str, lang: str = "en") -> str:
    return f"{ROOT_URL}api/v1/programs/{program_id}.achievement.{lang}.json"


def _credential(achievement: str, issuer: str | None = None) -> str:
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": achievement}},
    }
    if issuer is not None:
        credential["issuer"] = {"id": issuer, "type": ["Profile"]}
    return json.dumps(credential)


def _provider_site(built_site, record: dict) -> str:
    provider = record["program"]["provider"]
    data = json.loads((built_site.root / "api/v1/providers" / f"{provider}.jsonld").read_text(encoding="utf-8"))
    return data["url"]


def _jwt(payload: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'EdDSA', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


@pytest.fixture
def check(browser, site_server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    other_origins: list[str] = []
    errors: list[str] = []

    def run(lang: str, value: str | None = None, *, query: str = "", now: datetime | None = None, verdict=True):
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith(site_server) else other_origins.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        if now is not None:
            page.clock.set_fixed_time(now)
        page.goto(f"{site_server}{lang}/verify/{query}")
        if value is not None:
            page.fill("#mc-verify-input", value)
            page.click(".mc-verify__submit")
        if verdict:
            page.wait_for_selector(f"{RESULT}[data-verdict]")
        else:
            page.wait_for_load_state("networkidle")
        return page

    yield run
    context.close()
    assert other_origins == [], "the check page asked another origin"
    assert errors == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_registered_program(check, built_site, lang):
    record = _with_status(built_site, "active")
    page = check(lang, _achievement(record["id"], lang))
    result = page.locator(RESULT)
    assert result.get_attribute("data-verdict") == "active"
    text = result.inner_text()
    assert record["program"]["title"][lang] in text and record["id"] in text
    page_link = result.locator("a").first
    assert page_link.inner_text() == record["links"]["page"][lang]
    page_link.click()  # the link opens the program's page on this site
    page.wait_for_load_state()
    assert page.url.endswith(f"/{lang}/programs/{record['id']}/")
    assert page.locator("h1").first.inner_text().strip().endswith(record["program"]["title"][lang])


def test_an_expired_approval(check, built_site):
    record = _with_status(built_site, "active")
    until = datetime.fromisoformat(record["approval"]["valid_until"])
    page = check("en", _credential(_achievement(record["id"])), now=until.replace(year=until.year + 1))
    assert page.locator(RESULT).get_attribute("data-verdict") == "expired"
    assert "approval has expired" in page.locator(RESULT).inner_text()


@pytest.mark.parametrize(
    ("status", "words"),
    [("withdrawn", "withdrawn"), ("suspended", "suspended"), ("expired", "expired"), ("expiring", "ends soon")],
)
def test_a_withdrawn_or_suspended_approval(check, built_site, status, words):
    record = _with_status(built_site, status)
    page = check("en", _credential(_achievement(record["id"])))
    verdict = "active" if status == "expiring" else status  # still registered, with a word on the end
    assert page.locator(RESULT).get_attribute("data-verdict") == verdict
    assert words in page.locator(RESULT).inner_text()


def test_a_renamed_program_is_followed_to_its_new_id(check, built_site):
    record = _with_status(built_site, "renamed")
    page = check("ja", _achievement(record["id"], "ja"))
    text = page.locator(RESULT).inner_text()
    assert record["superseded_by"] in text and "ID を" in text
    assert page.locator(RESULT).get_attribute("data-verdict") == "active"


@pytest.mark.parametrize(
    ("value", "verdict", "words"),
    [
        (_achievement("nobody-here/no-program"), "unknown", "nobody-here/no-program is not listed"),
        ("{not json", "malformed", "Cannot read this"),
        ('{"name": "a JSON file, but no badge"}', "malformed", "no credentialSubject.achievement"),
        ("", "malformed", "Enter a badge"),
        (f"{ROOT_URL}en/programs/", "unknown", "is not the URL of a program's Achievement"),
    ],
)
def test_unknown_and_malformed_input(check, value, verdict, words):
    page = check("en", value)
    assert page.locator(RESULT).get_attribute("data-verdict") == verdict
    assert words in page.locator(RESULT).inner_text()


def test_a_lookalike_host_is_another_site(check, built_site):
    record = _with_status(built_site, "active")
    for lookalike in (
        _achievement(record["id"]).replace("registry.example.org", "registry.example.org.evil.test"),
        _achievement(record["id"]).replace("https://", "http://"),
        _achievement(record["id"]).replace("registry.example.org", "registry.example.org:8443"),
    ):
        page = check("ja", _credential(lookalike))
        assert page.locator(RESULT).get_attribute("data-verdict") == "unknown"
        assert "このレジストリのプログラムではありません" in page.locator(RESULT).inner_text()


def test_a_jwt_badge_and_the_address_parameter(check, built_site):
    record = _with_status(built_site, "active")
    jwt = _jwt({"iss": "did:example:issuer", "vc": json.loads(_credential(_achievement(record["id"])))})
    assert check("en", jwt).locator(RESULT).get_attribute("data-verdict") == "active"
    page = check("ja", query=f"?achievement={_achievement(record['id'], 'ja')}")
    assert page.locator(RESULT).get_attribute("data-verdict") == "active"
    assert page.locator("#mc-verify-input").input_value() == _achievement(record["id"], "ja")


def test_the_verdict_is_about_the_program_and_a_foreign_issuer_is_a_caution(check, built_site):
    """Anyone can write a badge that names an approved program: the page says the program is approved, shows
    the issuer the badge names beside the provider's site, and cautions when they differ."""
    record = _with_status(built_site, "active")
    site = _provider_site(built_site, record)
    host = site.split("/")[2]
    genuine = check("ja", _credential(_achievement(record["id"], "ja"), issuer=f"https://{host}/issuers/1"))
    result = genuine.locator(RESULT)
    assert result.get_attribute("data-verdict") == "active"
    assert "このバッジが示すプログラムは、レジストリ委員会が認定しています" in result.inner_text()
    assert f"https://{host}/issuers/1" in result.inner_text() and host in result.inner_text()
    assert genuine.locator("[data-mc='verify-caution']").count() == 0
    did = check("en", _credential(_achievement(record["id"]), issuer=f"did:web:{host}"))
    assert did.locator("[data-mc='verify-caution']").count() == 0
    parent = host.split(".", 1)[1]  # a parent domain (a shared host's) does not stand for the provider
    for issuer in (
        "https://diploma-mill.test/",
        f"https://{host}.diploma-mill.test/",
        "did:example:123",
        f"https://{parent}/",
    ):
        forged = check("en", _credential(_achievement(record["id"]), issuer=issuer))
        assert forged.locator(RESULT).get_attribute("data-verdict") == "active"  # the program is approved ...
        caution = forged.locator("[data-mc='verify-caution']").inner_text()  # ... the badge's issuer is not its
        assert f"Caution: the badge's issuer, {issuer}, is not this program's provider's site ({host})" in caution
    jwt = _jwt({"iss": "https://diploma-mill.test/", "vc": json.loads(_credential(_achievement(record["id"])))})
    assert "diploma-mill.test" in check("en", jwt).locator("[data-mc='verify-caution']").inner_text()


def test_a_whole_badge_in_the_address_is_not_checked_on_load(check, built_site):
    """A link on the registry's own domain carrying a forged badge would show the registry's green verdict."""
    record = _with_status(built_site, "active")
    badge = _credential(_achievement(record["id"]), issuer="https://diploma-mill.test/")
    page = check("en", query=f"?achievement={quote(badge)}", verdict=False)
    assert page.locator(RESULT).get_attribute("data-verdict") is None
    assert page.locator("#mc-verify-input").input_value() == badge  # there to read, and to check by choice


def test_dates_are_the_visitors_and_in_the_pages_language(browser, site_server, built_site):
    """In Japan an approval valid until 31 March has ended at 00:30 on 1 April, while UTC still says 31 March."""
    record = _with_status(built_site, "active")
    until = datetime.fromisoformat(record["approval"]["valid_until"])
    context = browser.new_context(timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        next_day = until.replace(hour=0, minute=30) + timedelta(days=1)
        page.clock.set_fixed_time(next_day.replace(tzinfo=ZoneInfo("Asia/Tokyo")))
        page.goto(f"{site_server}ja/verify/?achievement={_achievement(record['id'], 'ja')}")
        page.wait_for_selector(f"{RESULT}[data-verdict]")
        assert page.locator(RESULT).get_attribute("data-verdict") == "expired"
        assert f"{until.year}年{until.month}月{until.day}日" in page.locator(RESULT).inner_text()
        title = record["program"]["title"]["ja"]
        assert f"{title}（{record['id']}）" in page.locator(RESULT).inner_text()
    finally:
        context.close()


def test_hostile_input_stays_text(check):
    payload = '<img src=x onerror="window.__pwned=1">'
    page = check("en", _credential(f"{ROOT_URL}api/v1/programs/{payload}"))
    assert payload in page.locator(RESULT).inner_text()
    assert page.locator(f"{RESULT} img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_the_page_says_what_it_checks_and_what_not(built_site):
    for lang, words in (("ja", "確かめないこと"), ("en", "What it does not check")):
        html = Path(built_site.path(lang, "verify/")).read_text(encoding="utf-8")
        assert words in html and "mccat verify" in html
