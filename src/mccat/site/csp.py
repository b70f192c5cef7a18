"""The site's Content-Security-Policy: what a page may load and run.

Every page carries it as `<meta http-equiv="Content-Security-Policy">`, first
in its head (overrides/main.html; the root pages in overrides/mc/root/).
Scripts and styles come only from files of the site itself: no inline script
or style, except the two small root pages' own, allowed by their hash; no
request to any other origin. If escaping ever failed, an injected script
would still not run.

- 'wasm-unsafe-eval': Pagefind (search) compiles its WebAssembly.
- img-src data: Material's stylesheet draws its icons from data: URLs.
- Material's inline head scripts are files (overrides/partials/javascripts/),
  its repository widget asks no third party (overrides/partials/source.html),
  and the review-workflow diagrams are SVG files, not Mermaid from a CDN.
- A <meta> policy cannot set frame-ancestors or report-to; a host that can
  send headers may add them.
- `mkdocs serve` (the local preview) injects an inline live-reload script
  into every page, a new one per request: the preview's policy allows inline
  scripts (a hash would disable that, so it lists none).

tests/test_csp.py loads every kind of page in Chromium and fails on any
violation and on any request to another origin.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from markupsafe import Markup

POLICY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'none'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("font-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("form-action", ("'self'",)),
    ("base-uri", ("'self'",)),
    ("object-src", ("'none'",)),
)


def source_hash(text: str) -> str:
    """The CSP source that allows one inline <script> or <style> whose content is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(*, scripts: Iterable[str] = (), styles: Iterable[str] = (), preview: bool = False) -> str:
    """The policy as a header value; `scripts` and `styles` are inline contents to allow by hash.
    `preview`: the policy of `mkdocs serve`, whose live-reload script is inline."""
    extra = {
        "script-src": ["'unsafe-inline'"] if preview else [source_hash(s) for s in scripts],
        "style-src": [source_hash(s) for s in styles],
    }
    return "; ".join(" ".join((name, *sources, *extra.get(name, ()))) for name, sources in POLICY)


def policy_attribute(*, scripts: Iterable[str] = (), styles: Iterable[str] = (), preview: bool = False) -> Markup:
    """The policy as the value of a double-quoted attribute (the pages' <meta content="...">), its single quotes
    as they are: HTML's escaping would write each as &#39; (20 a page, 80 bytes). Sources are keywords and
    base64 hashes, so the value never holds a character that ends or opens anything in such an attribute."""
    policy = content_security_policy(scripts=scripts, styles=styles, preview=preview)
    if any(c in policy for c in '"&<>'):
        raise ValueError(f"a character not allowed in the Content-Security-Policy attribute: {policy!r}")
    return Markup(policy)
