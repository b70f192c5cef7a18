"""Dates, numbers, money and place names as each language writes them.

Japanese pages read 2026年4月1日, 2026年4月, 30,000円 and 56時間; English pages read
1 April 2026, April 2026, ¥30,000 and 56 hours. Locale data comes from Babel (CLDR), which
Material for MkDocs already depends on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal

LOCALES = {"ja": "ja_JP", "en": "en_GB"}  # en_GB: "1 April 2026", day before month
MONEY_LOCALES = {"ja": "ja_JP", "en": "en"}  # en_GB would write JP¥30,000 and US$; en writes ¥30,000


@dataclass(frozen=True)
class LocalText:
    """A text in one language; `lang` says which, so a fallback can be marked up as such."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def localized(value: dict[str, str] | None, lang: str) -> LocalText | None:
    """The text in `lang`, else in the other language (optional texts may have only one)."""
    if not value:
        return None
    if value.get(lang):
        return LocalText(value[lang], lang)
    for other, text in value.items():
        if text:
            return LocalText(text, other)
    return None


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


@cache
def _money_locale(lang: str) -> Locale:
    return Locale.parse(MONEY_LOCALES[lang])


@cache  # babel's formatting is slow and a catalogue repeats its dates, hours and fees
def format_date(value: str | date, lang: str) -> str:
    """An ISO date (YYYY-MM-DD) the way the language writes it."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return babel_format_date(day, "long", locale=_locale(lang))


@cache
def format_month(value: str, lang: str) -> str:
    """A month (YYYY-MM, or a date in it) the way the language writes it: 2026年11月, November 2026."""
    return format_skeleton("yMMMM", date.fromisoformat(value[:7] + "-01"), locale=_locale(lang))


@cache
def format_year(value: str | int, lang: str) -> str:
    """A year the way the language writes it alone: 2026年, 2026."""
    return format_skeleton("y", date(int(value), 1, 1), locale=_locale(lang))


@cache
def format_number(value: float | int, lang: str) -> str:
    """1,234.5 with the language's separators; whole numbers without decimals."""
    return format_decimal(_whole(value), locale=_locale(lang))


@cache
def format_money(amount: float | int, currency: str, lang: str) -> str:
    """30,000円 in Japanese for yen, otherwise the CLDR currency format; no .00 on whole amounts."""
    amount = _whole(amount)
    if lang == "ja" and currency == "JPY":
        return f"{format_decimal(amount, locale=_locale(lang))}円"
    if isinstance(amount, int):
        return format_currency(amount, currency, format="¤#,##0", currency_digits=False, locale=_money_locale(lang))
    return format_currency(amount, currency, locale=_money_locale(lang))


def format_hours(hours: float | int, lang: str) -> str:
    number = format_number(hours, lang)
    if lang == "ja":
        return f"{number}時間"
    return f"{number} hour" if hours == 1 else f"{number} hours"


def format_weeks(weeks: int, lang: str) -> str:
    number = format_number(weeks, lang)
    if lang == "ja":
        return f"{number}週間"
    return f"{number} week" if weeks == 1 else f"{number} weeks"


def format_count(count: int, lang: str) -> str:
    return format_number(count, lang)


def _whole(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else value
