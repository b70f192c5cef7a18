"""The registry itself: who publishes the catalogue, how to reach it, the licence of its data, and what the
Registry Committee tells providers (review times, fees, appeals: `RegistrySettings`, shown on the guides).

One object, `RegistryBody`, read from `governance/registry.yaml` (mccat.validation.registry_file)
and handed to every output that names the publisher: the JSON-LD (`recognizedBy`, publisher,
`license`), the JSON files' `license`, the Atom feeds' `<rights>`, the CSV's description, the ELM
and CTDL exports, the site's footer and the API page. Without the file, `REGISTRY` holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Licence:
    """A licence by its SPDX id, its name in both languages and the URL of its text."""

    id: str
    name: dict[str, str]
    url: str


CC_BY_4 = Licence(
    id="CC-BY-4.0",
    name={"ja": "クリエイティブ・コモンズ 表示 4.0 国際", "en": "Creative Commons Attribution 4.0 International"},
    url="https://creativecommons.org/licenses/by/4.0/",
)


@dataclass(frozen=True)
class RegistrySettings:
    """What the committee tells providers, as data: only the values that are set (the guides say "to be
    announced" for the others). `contact`, `review`, `fees` and `appeals` of governance/registry.yaml."""

    data: dict[str, Any] = field(default_factory=dict)

    def get(self, path: str) -> Any:
        """The value at a dotted path ("review.decision_days"), or None when it is not set."""
        value: Any = self.data
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value


@dataclass(frozen=True)
class RegistryBody:
    """The body that approves programs: named in `recognizedBy`, as publisher and as feed author."""

    name: dict[str, str]
    url: str | None = None  # its home page; None: the site's home page
    email: str | None = None  # the public contact address
    contact_url: str | None = None  # a contact page or form
    licence: Licence = field(default=CC_BY_4)  # the licence of the catalogue's data (code: LICENSE)
    country: str = "JP"
    # The guides' settings (mccat.site.markdown); not part of what identifies the registry.
    settings: RegistrySettings = field(default_factory=RegistrySettings, compare=False)


# The default when there is no governance/registry.yaml.
REGISTRY = RegistryBody(
    name={"ja": "マイクロクレデンシャル・レジストリ委員会", "en": "Micro-credential Registry Committee"}
)
