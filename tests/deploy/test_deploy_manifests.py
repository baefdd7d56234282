"""Each release records that it is complete (releases/<name>.SHA256SUMS, written
last): `invoke rollback` refuses one that is not, or whose files changed;
deploy checks an upload before switching to it; a release dated in the
future does not hold the next deploy up. Tiny sites, uploaded with
`python -m tools.deploy.releases upload` (what `invoke deploy` runs after its build)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.deploy.test_deploy_releases import live, releases, run, tree


def two_releases(work: Path) -> tuple[Path, str, str]:
    """A target with two uploads of a tiny site: (target, first, second)."""
    target = work / "srv"
    target.mkdir()
    for text in ("one", "two"):
        site = work / f"site-{text}"
        (site / "en").mkdir(parents=True)
        (site / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
        (site / "en" / "index.html").write_text("<p>same</p>", encoding="utf-8")
        done = run("upload", str(site), "--to", str(target), module="tools.deploy.releases")
        assert done.returncode == 0, done.stderr
    first, second = releases(target)
    return target, first, second


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda r, n: (r / f"{n}.SHA256SUMS").unlink(), "it has no manifest"),
        (
            lambda r, n: (r / n / "index.html").write_text("<p>evil</p>", encoding="utf-8"),
            "files that differ from its manifest: index.html",
        ),
        (
            lambda r, n: (r / n / "x.html").write_text("<script>", encoding="utf-8"),
            "files its manifest does not list: x.html",
        ),
        (lambda r, n: (r / n / "en" / "index.html").unlink(), "files missing: en/index.html"),
        (
            lambda r, n: [p.unlink() for p in (r / n).rglob("*") if p.is_file()],
            "files missing: en/index.html, index.html",
        ),
    ],
    ids=["no-manifest", "tampered", "extra-file", "missing-file", "emptied"],
)
def test_rollback_refuses_a_release_that_is_incomplete_or_changed(tmp_path, spoil, message):
    target, first, second = two_releases(tmp_path)
    spoil(target / "releases", first)
    before = tree(target)
    for argv in (("--to", str(target)), ("--to", str(target), "--release", first)):
        done = run("rollback", *argv)
        assert done.returncode == 1, done.stdout
        assert "Rollback failed; current was left as it was." in done.stderr
        assert f"release {first} cannot go live: {message}" in done.stderr, done.stderr
        assert "--release NAME" in done.stderr
        assert live(target) == f"releases/{second}" and tree(target) == before


def test_rollback_refuses_an_empty_release_folder(tmp_path):
    target, _, second = two_releases(tmp_path)
    (target / "releases" / "20000101T000000Z-empty").mkdir()
    done = run("rollback", "--to", str(target), "--release", "20000101T000000Z-empty")
    assert done.returncode == 1
    assert "release 20000101T000000Z-empty cannot go live: it has no manifest" in done.stderr
    assert live(target) == f"releases/{second}"


def test_deploy_checks_the_uploaded_release_before_switching(tmp_path):
    target, _, second = two_releases(tmp_path)
    before = tree(target)
    # rsync that reports success but leaves a file out of a folder it uploads
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "rsync").write_text(
        f'#!/bin/sh\n{shutil.which("rsync")} "$@" || exit $?\nfor last; do :; done\n'
        'case "$last" in */) rm -f "$last/index.html";; esac\n',
        encoding="utf-8",
    )
    (fake / "rsync").chmod(0o755)
    env = {"PATH": f"{fake}:{os.environ['PATH']}"}
    site = tmp_path / "site-one"
    done = run("upload", str(site), "--to", str(target), env=env, module="tools.deploy.releases")
    assert done.returncode == 1
    assert "does not match the built site: files missing: index.html" in done.stderr
    assert f"current still points at {second}" in done.stderr
    assert live(target) == f"releases/{second}" and tree(target) == before


def test_a_release_dated_in_the_future_does_not_stall_the_next_deploy(tmp_path):
    target, _, _ = two_releases(tmp_path)
    ahead = target / "releases" / "20990101T000000Z-0123456789ab"
    shutil.copytree(target / "current", ahead)  # from a clock that was once ahead
    started = time.monotonic()
    site = tmp_path / "site-two"
    done = run("upload", str(site), "--to", str(target), module="tools.deploy.releases", timeout=60)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 30
    newest = releases(target)[-1]
    assert newest.startswith("20990101T000001Z-") and live(target) == f"releases/{newest}"


def test_rollback_takes_the_target_as_deploy_does(tmp_path):
    target, first, second = two_releases(tmp_path)
    done = run("rollback", "--to", first)  # the old way of naming the release
    assert done.returncode == 1
    assert "--to names the deploy target, as for `invoke deploy`" in done.stderr
    assert f"invoke rollback --to TARGET --release {first}" in done.stderr
    done = run("rollback", env={"DEPLOY_TARGET": ""})
    assert "no target: give --to PATH or --to user@host:path" in done.stderr
    assert live(target) == f"releases/{second}"
    done = run("rollback", "--to", str(target))
    assert done.returncode == 0 and live(target) == f"releases/{first}"
