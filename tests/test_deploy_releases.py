"""`invoke deploy` and `invoke rollback`, run as an admin runs them (the invoke
CLI, in a subprocess) against a temporary target folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitecheck import FROZEN_NOW, ROOT


def run(*argv: str, env: dict | None = None, module: str = "invoke") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": "https://smex.example", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def releases(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "releases").iterdir())


def live(target: Path) -> str:
    link = target / "current"
    assert link.is_symlink(), "current must be a symlink"
    return os.readlink(link)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """Two real deploys (publish builds) to one target; a different `now` each."""
    work = tmp_path_factory.mktemp("deploy")
    target = work / "srv"
    target.mkdir()
    outputs = []
    for index, now in enumerate((FROZEN_NOW, "2023-11-20T12:00+02:00")):
        output = work / f"output-{index}"
        done = run("deploy", "--to", str(target), "--now", now, "--output", str(output))
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append(output)
    return target, outputs


def test_two_deploys_keep_two_releases_and_current_is_the_second(deployed):
    target, outputs = deployed
    names = releases(target)
    assert len(names) == 2 and names == sorted(names)
    assert live(target) == f"releases/{names[1]}"
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    for name in names:
        assert name.split("-")[1] == commit  # releases/<UTC time>-<commit>
    assert tree(target / "current") == tree(outputs[1])
    assert tree(target / "releases" / names[0]) == tree(outputs[0])
    assert tree(outputs[0]) != tree(outputs[1])  # the countdown moved on
    # unchanged files are hard links to the previous release, not copies
    font = next((target / "current/theme/fonts").glob("*.woff2"))
    assert font.stat().st_nlink == 2


def test_rollback_restores_the_first_then_any_named_release(deployed):
    target, outputs = deployed
    first, second = releases(target)
    done = run("rollback", "--target", str(target))
    assert done.returncode == 0, done.stderr
    assert live(target) == f"releases/{first}"
    assert tree(target / "current") == tree(outputs[0])
    done = run("rollback", "--target", str(target))  # nothing older than the first
    assert done.returncode == 1 and f"no release older than {first}" in done.stderr
    assert live(target) == f"releases/{first}"
    done = run("rollback", "--target", str(target), "--to", "20990101T000000Z-nope")
    assert done.returncode == 1 and "no release '20990101T000000Z-nope'" in done.stderr
    done = run("rollback", "--target", str(target), "--to", second)
    assert done.returncode == 0 and live(target) == f"releases/{second}"


def test_a_failing_build_leaves_current_as_it_was(deployed, tmp_path):
    target, _ = deployed
    before = (live(target), releases(target))
    done = run(
        "deploy", "--to", str(target), "--output", str(tmp_path / "out"), env={"SITE_URL": "x"}
    )
    assert done.returncode == 1
    assert "SITE_URL: 'x' is not an absolute http(s) URL" in done.stderr
    assert (live(target), releases(target)) == before
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]


def test_a_failing_upload_leaves_current_as_it_was(deployed, tmp_path):
    target, outputs = deployed
    before = (live(target), releases(target))
    # rsync that dies mid-transfer: it writes part of the release, then fails
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "rsync").write_text(
        '#!/bin/sh\nfor last; do :; done\nmkdir -p "$last" && echo partial > "$last/index.html"\n'
        'echo "rsync: connection unexpectedly closed" >&2\nexit 12\n',
        encoding="utf-8",
    )
    (fake / "rsync").chmod(0o755)
    env = {"PATH": f"{fake}:{os.environ['PATH']}"}
    done = run("upload", str(outputs[0]), "--to", str(target), env=env, module="tools.deploy")
    assert done.returncode == 1
    assert (
        "upload failed (rsync exit 12)" in done.stderr and "connection unexpectedly" in done.stderr
    )
    assert (live(target), releases(target)) == before
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]


def test_only_the_last_five_releases_stay_even_after_a_rollback(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    target = tmp_path / "srv"
    target.mkdir()
    names = []
    for index in range(7):
        (site / "index.html").write_text(f"<p>{index}</p>", encoding="utf-8")
        done = run("upload", str(site), "--to", str(target), module="tools.deploy")
        assert done.returncode == 0, done.stderr
        names.append(live(target).split("/", 1)[1])
    assert releases(target) == names[2:]
    # after a rollback, the next deploy still keeps the five newest and goes live
    assert run("rollback", "--target", str(target), "--to", names[2]).returncode == 0
    assert run("upload", str(site), "--to", str(target), module="tools.deploy").returncode == 0
    newest = live(target).split("/", 1)[1]
    assert releases(target) == [*names[3:], newest]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: None, "does not exist or is not a folder; create it first"),
        (lambda t: t.write_text("a file", encoding="utf-8"), "does not exist or is not a folder"),
        (
            lambda t: (t.mkdir(), (t / "current").mkdir()),
            "is a real file or folder, not the symlink deploy manages",
        ),
    ],
    ids=["missing", "a-file", "current-is-a-folder"],
)
def test_a_bad_target_fails_before_anything_is_built(tmp_path, make, message):
    target = tmp_path / "srv"
    make(target)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    output = tmp_path / "out"
    done = run("deploy", "--to", str(target), "--output", str(output))
    assert done.returncode == 1
    assert "Deploy failed; nothing was built or moved." in done.stderr and message in done.stderr
    assert str(target) in done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no build, no folder


def test_an_unreachable_server_fails_before_anything_is_built(tmp_path):
    # loopback only: no ssh server lets this in (BatchMode: no password prompt)
    done = run("deploy", "--to", "deploy@127.0.0.1:/srv/smex", "--output", str(tmp_path / "o"))
    assert done.returncode == 1
    assert "cannot reach deploy@127.0.0.1 over ssh" in done.stderr, done.stderr
    assert not (tmp_path / "o").exists()
