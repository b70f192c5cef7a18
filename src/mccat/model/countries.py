"""Countries by their ISO 3166-1 alpha-2 code: names in each language and the alpha-3 code.

Country names come from CLDR (Babel), as on the site; the alpha-3 code is what the EU's country
authority list uses in its IRIs (http://publications.europa.eu/resource/authority/country/JPN), read
from CLDR's territory aliases.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.core import get_global

# Alpha-3 codes CLDR keeps as aliases of a country that has a current one (East Germany, Zaire, ...).
_FORMER = frozenset(
    {
        "ANT",
        "BUR",
        "CSK",
        "DDR",
        "DHY",
        "FXX",
        "HVO",
        "NHB",
        "NTZ",
        "RHO",
        "SCG",
        "SUN",
        "TMP",
        "TPE",
        "VDR",
        "YMD",
        "YUG",
        "ZAI",
        "ZAR",
    }
)
# Codes CLDR names that are not ISO 3166-1 countries: regions, exceptional reservations, user-assigned.
_NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})
_LOCALES = {"ja": "ja_JP", "en": "en_GB"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES[lang])


def is_country(code: str) -> bool:
    """Whether `code` is the alpha-2 code of a country or territory (not a region such as EU or ZZ)."""
    return alpha3(code) is not None


def country_name(code: str, lang: str) -> str:
    """The country's name from its ISO 3166-1 code (日本 / Japan); the code if unknown."""
    return _locale(lang).territories.get(code.upper(), code)


@cache
def _alpha3() -> dict[str, str]:
    found: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and alias not in _FORMER:
            found.setdefault(targets[0], alias)
    return found


def alpha3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code (JP -> JPN), None if it is not a country's."""
    return None if code in _NOT_COUNTRIES else _alpha3().get(code)
