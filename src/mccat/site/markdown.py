"""The hand-written pages' Markdown, prepared before MkDocs reads it.

- Japanese lines wrapped in the source are joined: Markdown turns a line break into a space, and a
  space between two Japanese characters is a visible gap in Japanese text (審査の流れ 「…を出します
  （または…」 would read 「出します （または」). A line that ends with a Japanese character and a next
  line that starts with one become one line; code blocks and headings are left alone.
- `{{ registry.<setting> }}` becomes the Registry Committee's setting from governance/registry.yaml
  (read by mccat.validation.registry_file) in the page's language, or "to be announced" while it is not set.
  The values are escaped for HTML and Markdown: a setting is text, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from mccat.model.registry import RegistrySettings
from mccat.site.language import Language

# Japanese characters: CJK punctuation, kana, kanji, full-width forms.
_JAPANESE = re.compile("[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_FENCE = re.compile(r"(`{3,}|~{3,})")


def join_japanese_lines(markdown: str) -> str:
    """Join lines wrapped between two Japanese characters (no space appears between them on the page)."""
    lines: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            lines.append(line)
            continue
        opening = _FENCE.match(stripped)
        if opening:
            fence = opening[1][0] * 3
            lines.append(line)
            continue
        previous = lines[-1] if lines else ""
        if (
            stripped
            and _JAPANESE.match(stripped[0])
            and previous
            and _JAPANESE.match(previous[-1])
            and not previous.lstrip().startswith("#")
        ):
            lines[-1] = previous + stripped
            continue
        lines.append(line)
    return "\n".join(lines)


class UnknownSetting(ValueError):
    """A page names a setting that does not exist."""


_SETTING = re.compile(r"\{\{\s*registry\.([a-z_]+)\s*\}\}")
# Markdown would read these inside a setting's text as markup: written as character references.
_MARKDOWN_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}()#+-.!|~"})


def _text(value: str) -> Markup:
    return Markup(str(escape(value)).translate(_MARKDOWN_SPECIALS))


def _local(settings: RegistrySettings, path: str, lang: Language) -> Markup | None:
    value = settings.get(path)
    if not isinstance(value, dict):
        return None
    chosen = value.get(lang.code) or value.get(lang.other)
    return _text(chosen) if chosen else None


def _days(key: str) -> Callable[[RegistrySettings, Language, str], Markup | None]:
    def render(settings: RegistrySettings, lang: Language, path: str) -> Markup | None:
        days = settings.get(path)
        return _text(lang.t(key, n=lang.count(days))) if isinstance(days, int) else None

    return render


def _fee(settings: RegistrySettings, lang: Language, path: str) -> Markup | None:
    fee = settings.get(path)
    return _text(lang.fee(fee)) if isinstance(fee, dict) else None


def _email(settings: RegistrySettings, lang: Language, path: str) -> Markup | None:
    email = settings.get(path)
    if not isinstance(email, str):
        return None
    return Markup('<a href="mailto:{0}">{1}</a>').format(email, _text(email))


def _url(settings: RegistrySettings, lang: Language, path: str) -> Markup | None:
    url = settings.get(path)
    if not isinstance(url, str):
        return None
    return Markup('<a href="{0}">{1}</a>').format(url, _text(url))


def _text_setting(settings: RegistrySettings, lang: Language, path: str) -> Markup | None:
    return _local(settings, path, lang)


# Each setting a page may name: where it is in governance/registry.yaml and how it reads.
SETTINGS: dict[str, tuple[str, Callable[[RegistrySettings, Language, str], Markup | None]]] = {
    "contact_email": ("contact.email", _email),
    "contact_url": ("contact.url", _url),
    "first_response": ("review.first_response_days", _days("settings.working_days")),
    "decision_time": ("review.decision_days", _days("settings.working_days")),
    "meetings": ("review.meetings", _text_setting),
    "application_fee": ("fees.application", _fee),
    "renewal_fee": ("fees.renewal", _fee),
    "fee_notes": ("fees.notes", _text_setting),
    "appeal_period": ("appeals.within_days", _days("settings.days_after_decision")),
    "appeal_how": ("appeals.how", _text_setting),
}


# Notes that add to another setting: nothing is shown while they are not set.
NOTES = {"fee_notes"}


def setting_html(name: str, settings: RegistrySettings, lang: Language) -> Markup:
    """A setting as the page shows it, marked with its name; "to be announced" while it is not set."""
    if name not in SETTINGS:
        raise UnknownSetting(f"{{{{ registry.{name} }}}} is not a setting; the settings are: {', '.join(SETTINGS)}")
    path, render = SETTINGS[name]
    value = render(settings, lang, path)
    if value is None and name in NOTES:
        return Markup("")
    if value is None:
        return Markup('<span class="mc-setting mc-setting--unset" data-setting="{0}">{1}</span>').format(
            name, lang.t("settings.tba")
        )
    return Markup('<span class="mc-setting" data-setting="{0}">{1}</span>').format(name, value)


def fill_settings(markdown: str, settings: RegistrySettings, lang: Language) -> str:
    return _SETTING.sub(lambda match: str(setting_html(match[1], settings, lang)), markdown)


def prepare_markdown(markdown: str, settings: RegistrySettings, lang: Language) -> str:
    """A hand-written page's Markdown as MkDocs should read it (see the module's docstring)."""
    return fill_settings(join_japanese_lines(markdown), settings, lang)
