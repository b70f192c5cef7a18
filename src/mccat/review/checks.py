"""The checks that decide a pull request, run by the base branch's code on the pull request as git data.

`review_pull_request` validates the catalogue as it is at the pull request's head (its files read from
git into a temporary folder, never checked out, imported or run), checks who may make the changes
(rights from the target branch's tip, mccat.review.ownership) and computes the semantic diff in both
languages. `render_comment` makes the comment and job summary; `statuses` the commit statuses that
branch protection requires (mccat/validate, mccat/ownership, mccat/review-summary).

The trusted workflow (.github/workflows/pull-request-review.yml) runs this through `mccat review`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

from mccat.review.diff import CatalogueDiff, diff_revisions
from mccat.review.diff_report import render_markdown
from mccat.review.git_revisions import read_file_at, resolve, write_tree
from mccat.review.ownership import COMMITTEE_FILE, OwnershipResult, Push, check_ownership, render_ownership
from mccat.validation.markdown import code, code_block
from mccat.validation.messages import text
from mccat.validation.problems import Problem
from mccat.validation.report import text_report
from mccat.validation.validate import ValidationResult, display_path, validate

STATUS_CONTEXTS = {
    "validate": "mccat/validate",
    "ownership": "mccat/ownership",
    "summary": "mccat/review-summary",
}
MAX_LISTED_PROBLEMS = 100  # in the comment; the job summary and `mccat validate` list them all


def validate_revision(
    repo: Path, rev: str, prefix: str, committee: tuple[str, str] | None = None, today: date | None = None
) -> ValidationResult:
    """Validate the catalogue as it is at a commit, from its blobs; file names as in the repository.

    `committee`: (revision, path) of the committee list that decisions' reviewers must be on; by default the
    one at `rev` itself. A pull request's review reads it at the target branch's tip, like every right."""
    committee_rev, committee_file = committee or (rev, COMMITTEE_FILE)
    with tempfile.TemporaryDirectory(prefix="mccat-revision-") as folder:
        top = Path(folder)
        irregular = write_tree(repo, rev, prefix, top / "catalogue-at-revision")
        root = top / "catalogue-at-revision" / prefix if prefix else top / "catalogue-at-revision"
        root.mkdir(parents=True, exist_ok=True)
        members = top / "committee.yaml"
        raw = read_file_at(repo, committee_rev, committee_file)
        if raw is not None:
            members.write_bytes(raw)
        result = validate(root, committee_file=members, today=today)
        shown_committee = display_path(members)
    shown = display_path(top / "catalogue-at-revision")

    def relocated(problem: Problem) -> Problem:
        if problem.file == shown_committee:
            return replace(problem, file=f"{committee_rev[:7]}:{committee_file}")
        if problem.file.startswith(shown + os.sep):
            return replace(problem, file=PurePosixPath(*Path(problem.file[len(shown) + 1 :]).parts).as_posix())
        return problem

    result.problems = [relocated(p) for p in result.problems] + [
        Problem(path, 1, 1, "file.symlink", text("file.symlink"), text("hint.symlink"))
        if mode == "120000"
        else Problem(path, 1, 1, "file.not-a-file", text("file.not-a-file"), text("hint.single-file"))
        for path, mode in irregular.items()
    ]
    return result


@dataclass
class PullRequestReview:
    base: str
    head: str
    author: str
    validation: ValidationResult
    ownership: OwnershipResult
    diff: CatalogueDiff

    def states(self) -> dict[str, tuple[str, str]]:
        """Check -> (state, description) for the commit statuses, Japanese then English (GitHub keeps 140
        characters: the Japanese is shorter and comes first)."""
        errors = len(self.validation.errors)
        denied = sum(not d.allowed for d in self.ownership.decisions) + len(self.ownership.problems)
        flagged = len(self.diff.flags)

        def both(key: str, **params: object) -> str:
            said = text(key, **params)
            return f"{said.render('ja')} / {said.render('en')}"

        return {
            "validate": ("failure", both("status.validate-failure", errors=errors))
            if errors
            else ("success", both("status.validate-success", files=self.validation.files_checked)),
            "ownership": ("failure", both("status.ownership-failure", author=self.author, denied=denied))
            if denied or not self.ownership.allowed
            else (
                "success",
                both("status.ownership-success", author=self.author, n=len(self.ownership.decisions)),
            ),
            "summary": ("success", both("status.summary", flagged=flagged)),
        }


def review_pull_request(
    repo: Path,
    prefix: str,
    base: str,
    head: str,
    author: str,
    committee_file: str = COMMITTEE_FILE,
    pushed: Push | None = None,
) -> PullRequestReview:
    base_commit, head_commit = resolve(repo, base), resolve(repo, head)
    catalogue = repo / prefix if prefix else repo
    diff = diff_revisions(catalogue, base_commit, head_commit)
    return PullRequestReview(
        base_commit,
        head_commit,
        author,
        validate_revision(repo, head_commit, prefix, committee=(base_commit, committee_file)),
        check_ownership(repo, prefix, author, base_commit, head_commit, committee_file, pushed),
        diff,
    )


ICON = {"success": "✅", "failure": "❌", "error": "⚠"}
CHECK_NAMES = {
    "validate": "検証 / Validation",
    "ownership": "変更権限 / Ownership",
    "summary": "変更の要約 / Changes",
}


# GitHub refuses a comment over 65,536 characters (UTF-16 code units, as JavaScript counts them).
COMMENT_LIMIT = 60_000
SHORTENED = (
    "変更の一覧が長すぎるため、ここには載せていません。全文は実行のジョブの要約にあります。 / "
    "The list of changes is too long for a comment: the full summary is in the run's job summary."
)


def render_comment(review: PullRequestReview, *, limit: int | None = None) -> str:
    """The pull request's comment (and job summary): the checks, then the changes in Japanese and English.

    With a limit, whole sections go (the English changes, then the Japanese, then the rest after the
    checks) until the text fits: a comment cut mid-line could end inside a code span and let the rest of
    a provider's text render as live Markdown (links, images, @mentions) in the bot's comment."""
    states = review.states()
    lines = [
        "## 審査の要約 / Review summary",
        "",
        f"{code(review.head[:12])} ← {code(review.base[:12])} · {code(review.author)}",
        "",
        "| 検査 / Check | 結果 / Result |",
        "|---|---|",
    ]
    for check, (state, description) in states.items():
        lines.append(f"| {CHECK_NAMES[check]} | {ICON[state]} {code(description, in_table=True)} |")
    checks = list(lines)
    lines += ["", "### 検証 / Validation", ""]
    problems = review.validation.problems
    if problems:  # Japanese, then English folded: providers and reviewers read the same comment
        for lang in ("ja", "en"):
            shown = text_report(problems[:MAX_LISTED_PROBLEMS], review.validation.files_checked, lang)
            lines += ["<details><summary>English</summary>", ""] if lang == "en" else []
            lines += [code_block(shown), ""]
            if len(problems) > MAX_LISTED_PROBLEMS:
                more = text("report.more", count=len(problems) - MAX_LISTED_PROBLEMS).render(lang)
                lines += [f"… {more}: `mccat validate`", ""]
            lines += ["</details>", ""] if lang == "en" else []
    else:
        lines += [f"{review.validation.files_checked} ファイル、問題なし / files, no problem", ""]
    lines += ["### 変更権限 / Ownership", "", code_block(render_ownership(review.ownership, "ja")), ""]
    lines += ["<details><summary>English</summary>", "", code_block(render_ownership(review.ownership, "en")), ""]
    lines += ["</details>", ""]
    japanese = [render_markdown(review.diff, "ja").rstrip("\n"), ""]
    english = ["<details><summary>English</summary>", "", render_markdown(review.diff, "en").rstrip("\n"), ""]
    english += ["</details>", ""]
    note = [SHORTENED, ""]
    for version in (lines + japanese + english, lines + japanese + note, lines + note, [*checks, "", *note]):
        comment = "\n".join(version)
        if limit is None or len(comment.encode("utf-16-le")) // 2 <= limit:
            break
    return comment


def result_json(review: PullRequestReview) -> str:
    """What the workflow's write job needs: the commit checked and the state of each status."""
    payload = {
        "base": review.base,
        "head": review.head,
        "statuses": [
            {"context": STATUS_CONTEXTS[check], "state": state, "description": description[:140]}
            for check, (state, description) in review.states().items()
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
