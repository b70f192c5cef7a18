"""The "check a badge" page (/{lang}/verify/): what its template needs besides interface texts.

The check itself runs in the visitor's browser (assets/javascripts/verify.js): it reads the Achievement id
from a pasted Open Badges credential (JSON or JWT) or URL, accepts only ids under this registry's own
/api/v1/programs/ (a lookalike host is another site), reads the program's plain JSON record from the same
site (following a rename one step) and says what it found. Nothing pasted leaves the browser; the page
needs no server.
"""

from __future__ import annotations

from dataclasses import dataclass

from mccat.model.lifecycle import STATES
from mccat.site.language import Language

# What the script says, handed to it as data-text-* attributes (the keys of mccat.site.texts it uses).
SCRIPT_TEXTS = (
    "verify.active",
    "verify.expiring",
    "verify.renamed",
    "verify.expired",
    "verify.suspended",
    "verify.withdrawn",
    "verify.other",
    "verify.unknown",
    "verify.foreign",
    "verify.not_ours",
    "verify.malformed",
    "verify.no_achievement",
    "verify.empty",
    "verify.failed",
    "verify.program",
    "verify.status",
    "verify.valid_until",
    "verify.page",
    "verify.certificates",
    "verify.issuer",
    "verify.provider_site",
    "verify.issuer_mismatch",
)


@dataclass(frozen=True)
class VerifyPageView:
    texts: tuple[tuple[str, str], ...]  # (attribute name, text) of every text the script says
    statuses: tuple[tuple[str, str], ...]  # (code, label) of every life-cycle state


def verify_page_view(lang: Language) -> VerifyPageView:
    return VerifyPageView(
        texts=tuple(
            ("data-text-" + key.removeprefix("verify.").replace("_", "-"), lang.t(key)) for key in SCRIPT_TEXTS
        ),
        statuses=tuple((code, lang.term("approval_status", code)) for code in STATES),
    )
