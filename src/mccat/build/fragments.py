"""Parts of the page frame that come out the same on many pages, rendered once per build.

The navigation and table of contents of a page that is not in the nav depend
only on the page's kind and depth: every program page has the same ones, and
so do the parts of the header that show neither the page's title nor its
URL. At thousands of program pages, rendering them once saves about a
quarter of the build (overrides/main.html; docs/architecture.md).

The rule that makes this safe: a shared part must not depend on the page.
With `check=True` (the environment variable MCCAT_CHECK_FRAGMENTS=1 in a
build) every part is rendered on every page anyway and compared with the
first rendering; a part that differs stops the build and names itself. The
tests build the sample site that way.
"""

from __future__ import annotations

from collections.abc import Callable

CHECK_FRAGMENTS = "MCCAT_CHECK_FRAGMENTS"


class FragmentDependsOnPage(Exception):
    """A shared part of the frame came out differently on two pages of the same kind and depth."""


class SharedFragments:
    def __init__(self, *, check: bool = False) -> None:
        self._rendered: dict[str, str] = {}
        self._check = check

    def once(self, key: str, render: Callable[[], str]) -> str:
        """What `render` gave the first time it was asked for this key."""
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = render()
        elif self._check and render() != rendered:
            raise FragmentDependsOnPage(
                f"the shared frame part '{key}' differs between two pages of the same kind and depth: it must not "
                "show anything of the page (its title, URL or content); render it per page instead"
            )
        return rendered
