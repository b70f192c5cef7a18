"""The registry itself: who publishes the catalogue, how to reach it, and the licence of its data.

One object, `RegistryBody`, read from `governance/registry.yaml` (mccat.validation.registry_file)
and handed to every output that names the publisher: the JSON-LD (`recognizedBy`, publisher,
`license`), the JSON files' `license`, the Atom feeds' `<rights>`, the CSV's description, the ELM
and CTDL exports, the site's footer and the API page. Without the file, `REGISTRY` holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
class RegistryBody:
    """The body that approves programs: named in `recognizedBy`, as publisher and as feed author."""

    name: dict[str, str]
    url: str | None = None  # its home page; None: the site's home page
    email: str | None = None  # the public contact address
    contact_url: str | None = None  # a contact page or form
    licence: Licence = field(default=CC_BY_4)  # the licence of the catalogue's data (code: LICENSE)
    country: str = "JP"


# The default when there is no governance/registry.yaml.
REGISTRY = RegistryBody(
    name={"ja": "マイクロクレデンシャル・レジストリ委員会", "en": "Micro-credential Registry Committee"}
)
