"""The baseline our build is measured against: plain MkDocs + Material, no hooks, plus Pagefind.

    .venv/bin/python bench/baseline.py --sizes 100 1000      # the baseline alone
    .venv/bin/python bench/build.py                          # ours against it, same run

Method. From a synthetic catalogue (`mccat synth`), every program is written
to disk as a Markdown page in each language (docs/ja/programs/<provider>/<slug>.md
and docs/en/...): title, summary, a table of key facts, then the descriptors
by section as definition lists (overview, learning outcomes, delivery and
effort, assessment and quality, credential and recognition, fee and an
offerings table, the approval record: status, first approval, validity and
latest decision, computed from the catalogue's decisions as ours are), with
the same labels our site uses (schema titles, vocabulary labels, interface
text). Writing the Markdown is preparation, not timed.

The timed part is what a site without our hook would run:
  1. `mkdocs build` of the Japanese site (theme material, language ja),
  2. then `mkdocs build` of the English site (one language after the other),
  3. then `python -m pagefind --site <both languages>` (exit status checked).
Each config has `plugins: []` (no Material search: Pagefind replaces it, as
on our site), the markdown extensions our site uses, and a nav of the home
page only; program pages stay out of the nav through MkDocs' `not_in_nav`
setting (`/programs/`), as ours are (docs/architecture.md: a nav of thousands of pages
costs 10x). There are no provider, field, list or hand-written pages: the
baseline is the program pages alone, so it is cheaper than our site by
construction.

Reported: wall time of the three steps together (and of each), their CPU
time, peak memory (largest process, bench/measure.py), output size, program
page HTML size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from measure import Run, fresh_output, program_page_sizes, run_measured, spread, tree_bytes

from mccat.model.decisions import Decision, replay
from mccat.model.lifecycle import Lifecycle, lifecycle
from mccat.model.schema import descriptor_label
from mccat.model.vocabulary import vocabularies
from mccat.site.formatting import format_date, format_hours, format_money, localized
from mccat.site.texts import interface_text

LANGUAGES = ("ja", "en")
SITE_NAMES = {"ja": "マイクロクレデンシャル・レジストリ", "en": "Micro-credential Registry"}
MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "def_list", "md_in_html"]
BUILD_DATE = date(2026, 10, 1)  # the date statuses are computed for, as bench/build.py builds ours


# --- the program pages as Markdown ------------------------------------------------------------------


def _text(value: dict[str, str] | None, lang: str) -> str:
    local = localized(value, lang)
    return local.text if local else ""


def _terms(vocabulary: str, codes: list[str], lang: str) -> str:
    vocab = vocabularies()[vocabulary]
    return ("、" if lang == "ja" else ", ").join(vocab.label(code, lang) for code in codes)


def program_markdown(data: dict, provider: dict, lang: str, record: Lifecycle) -> str:
    """A program page in Markdown: every descriptor, labelled, in one language; `record` its life cycle."""

    def label(path: str) -> str:
        return interface_text(path, lang) if path.startswith("record.") else descriptor_label("program", path, lang)

    def section(key: str) -> str:
        return f"\n## {interface_text('section.' + key, lang)}\n"

    def item(path: str, value: str) -> str:
        return f"{label(path)}\n:   {value}\n\n" if value else ""

    fee = data.get("fee")
    fee_text = (
        ""
        if not fee
        else (
            interface_text("program.free", lang)
            if fee["amount"] == 0
            else format_money(fee["amount"], fee["currency"], lang)
        )
    )
    delivery, effort, assessment = data["delivery"], data["effort"], data["assessment"]
    lines = [
        f"# {_text(data['title'], lang)}\n",
        f"{_text(data['summary'], lang)}\n",
        f"| {label('effort.hours')} | {label('delivery.mode')} | {label('languages')} | {label('fee')} |",
        "|---|---|---|---|",
        f"| {format_hours(effort['hours'], lang)} | {_terms('delivery_mode', [delivery['mode']], lang)} "
        f"| {_terms('language', data['languages'], lang)} | {fee_text} |\n",
    ]
    lines.append(section("overview"))
    lines.append(item("provider", _text(provider["name"], lang)))
    lines.append(item("description", _text(data["description"], lang)))
    lines.append(item("audience", _text(data.get("audience"), lang)))
    lines.append(item("prerequisites", _text(data.get("prerequisites"), lang)))
    lines.append(item("fields", _terms("isced_field", data["fields"], lang)))
    lines.append(item("skills", ", ".join(_text(s["label"], lang) for s in data.get("skills", []))))
    lines.append(item("url", f"<{data['url']}>"))
    lines.append(section("outcomes"))
    lines += [f"{n}. {_text(outcome, lang)}" for n, outcome in enumerate(data["learning_outcomes"], 1)]
    lines.append(section("delivery"))
    lines.append(item("delivery.mode", _terms("delivery_mode", [delivery["mode"]], lang)))
    lines.append(item("delivery.pace", _terms("pace", [delivery["pace"]], lang)))
    lines.append(item("delivery.location", _text(delivery.get("location"), lang)))
    lines.append(item("effort.hours", format_hours(effort["hours"], lang)))
    lines.append(item("effort.weeks", str(effort.get("weeks", ""))))
    lines.append(section("assessment"))
    lines.append(item("assessment.types", _terms("assessment_type", assessment["types"], lang)))
    lines.append(
        item(
            "assessment.identity_verification",
            _terms("identity_verification", [assessment["identity_verification"]], lang),
        )
    )
    lines.append(item("quality_assurance.types", _terms("qa_type", data["quality_assurance"]["types"], lang)))
    lines.append(item("level.eqf", str(data.get("level", {}).get("eqf", ""))))
    lines.append(section("credential"))
    lines.append(item("credential.formats", _terms("credential_format", data["credential"]["formats"], lang)))
    credits = data.get("recognition", {}).get("credits")
    lines.append(item("recognition.credits", f"{credits['value']} ({credits['system']})" if credits else ""))
    lines.append(item("stackability.stacks_into", ", ".join(data.get("stackability", {}).get("stacks_into", []))))
    lines.append(section("fee"))
    lines.append(item("fee.amount", fee_text))
    offerings = data.get("offerings", [])
    if offerings:
        lines += [
            f"| {label('offerings.start')} | {label('offerings.end')} | {label('offerings.application_deadline')} |",
            "|---|---|---|",
        ]
        lines += [
            f"| {format_date(o['start'], lang)} | {format_date(o['end'], lang) if o.get('end') else ''} | "
            f"{format_date(o['application_deadline'], lang) if o.get('application_deadline') else ''} |"
            for o in offerings
        ]
        lines.append("")
    lines.append(section("approval"))
    lines.append(item("record.status", _terms("approval_status", [record.state], lang)))
    lines.append(
        item("record.first_approved", format_date(record.first_approved, lang) if record.first_approved else "")
    )
    lines.append(item("record.valid_until", format_date(record.valid_until, lang) if record.valid_until else ""))
    lines.append(item("record.decision", record.current.id if record.current else ""))
    return "\n".join(lines) + "\n"


def write_baseline_site(catalogue: Path, root: Path) -> int:
    """Both languages' docs and configs under root; returns the number of program pages per language."""
    providers = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (catalogue / "providers").glob("*.yaml")
    }
    register = replay(
        Decision.from_data(path.stem, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted((catalogue / "decisions").glob("*.yaml"))
    )
    count = 0
    for path in sorted((catalogue / "programs").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        program_id = f"{path.parent.name}/{path.stem}"
        record = lifecycle(program_id, register.lineage(program_id), BUILD_DATE)
        for lang in LANGUAGES:
            page = root / "docs" / lang / "programs" / path.parent.name / f"{path.stem}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(program_markdown(data, providers[data["provider"]], lang, record), encoding="utf-8")
        count += 1
    for lang in LANGUAGES:
        (root / "docs" / lang / "index.md").write_text(f"# {SITE_NAMES[lang]}\n\n{count}\n", encoding="utf-8")
        config = {
            "site_name": SITE_NAMES[lang],
            "site_url": f"https://registry.example.org/{lang}/",
            "docs_dir": f"docs/{lang}",
            "site_dir": f"site/{lang}",
            "use_directory_urls": True,
            "theme": {"name": "material", "language": lang, "font": False},
            "plugins": [],
            "markdown_extensions": MARKDOWN_EXTENSIONS,
            "nav": [{"Home" if lang == "en" else "ホーム": "index.md"}],
            "not_in_nav": "/programs/",
        }
        (root / f"mkdocs.{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return count


# --- the timed build -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineResult:
    seconds: float
    steps: dict[str, float]  # ja, en, pagefind
    peak_mb: int
    cpu: float
    output_bytes: int
    page_bytes: list[int]


class BenchmarkFailure(Exception):
    pass


def _check(step: str, run: Run) -> None:
    if run.status != 0:
        raise BenchmarkFailure(f"{step} failed (exit {run.status}):\n{run.output[-3000:]}")


def build_baseline(root: Path, site: Path) -> BaselineResult:
    """Build root's two sites into site/<lang>/ one after the other, then index both with Pagefind (root from
    write_baseline_site; site must not exist yet: see fresh_output)."""
    fresh_output(site)
    steps, peaks, cpu = {}, [], 0.0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for lang in LANGUAGES:
        run = run_measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs.{lang}.yml", "-d", str(site / lang)],
            cwd=root,
            env=env,
        )
        _check(f"baseline mkdocs build ({lang})", run)
        steps[lang] = run.seconds
        peaks.append(run.peak_mb)
        cpu += run.cpu
    run = run_measured([sys.executable, "-m", "pagefind", "--site", str(site)], cwd=root, env=env)
    _check("baseline pagefind", run)
    if not (site / "pagefind" / "pagefind-entry.json").is_file():
        raise BenchmarkFailure(f"baseline pagefind wrote no index:\n{run.output[-3000:]}")
    steps["pagefind"] = run.seconds
    peaks.append(run.peak_mb)
    cpu += run.cpu
    return BaselineResult(sum(steps.values()), steps, max(peaks), cpu, tree_bytes(site), program_page_sizes(site))


def synthesize(n: int, out: Path, *, seed: int) -> None:
    subprocess.run(
        [
            str(Path(sys.executable).parent / "mccat"),
            "synth",
            "--programs",
            str(n),
            "--providers",
            str(max(1, n // 100)),
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    print(
        f"{'N':>6} {'seconds (median, range)':>24} {'ja':>6} {'en':>6} {'pf':>6} {'CPU s':>6} {'peak MB':>8} "
        f"{'out MB':>7} {'page KB':>8}"
    )
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="mccat-baseline-") as tmp:
            synthesize(n, Path(tmp) / "catalogue", seed=args.seed)
            write_baseline_site(Path(tmp) / "catalogue", Path(tmp) / "baseline")
            runs = [
                build_baseline(Path(tmp) / "baseline", Path(tmp) / f"site-{round_}") for round_ in range(args.repeat)
            ]
            last = runs[-1]
            print(
                f"{n:>6} {spread([r.seconds for r in runs]):>24} {last.steps['ja']:>6.1f} {last.steps['en']:>6.1f} "
                f"{last.steps['pagefind']:>6.1f} {last.cpu:>6.1f} {max(r.peak_mb for r in runs):>8} "
                f"{last.output_bytes / 1e6:>7.1f} {sum(last.page_bytes) / len(last.page_bytes) / 1024:>8.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
