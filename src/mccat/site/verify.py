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


@dataclass(frozen=True)
class VerifyPageView:
    statuses: tuple[tuple[str, str], ...]  # (code, label) of every life-cycle state


def verify_page_view(lang: Language) -> VerifyPageView:
    return VerifyPageView(tuple((code, lang.term("approval_status", code)) for code in STATES))
