"""`invoke deploy` and `invoke rollback`, run as an admin runs them (the invoke
CLI, in a subprocess) against a temporary target folder; the README's recipe
for a site under a path, served by Debian's nginx from that target. The
release manifests are tested in test_deploy_manifests.py."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from smex_site import headers
from tests.production import free_port, running_nginx
from tests.sitecheck import FROZEN_NOW, ROOT


def run(
    *argv: str, env: dict | None = None, module: str = "invoke", timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": "https://smex.example", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def releases(target: Path) -> list[str]:
    """Release folders (each has its manifest, <name>.SHA256SUMS, beside it)."""
    return sorted(p.name for p in (target / "releases").iterdir() if p.is_dir())


def live(target: Path) -> str:
    link = target / "current"
    assert link.is_symlink(), "current must be a symlink"
    return os.readlink(link)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """Two real deploys (publish builds) to one target; a different `now` each.
    Under a path, as the README's recipe has it, for a port nginx serves later."""
    work = tmp_path_factory.mktemp("deploy")
    target = work / "srv"
    target.mkdir()
    site_url = f"http://127.0.0.1:{free_port()}/smex-site"
    outputs = []
    for index, now in enumerate((FROZEN_NOW, "2023-11-20T12:00+02:00")):
        output = work / f"output-{index}"
        done = run(
            "deploy",
            "--to",
            str(target),
            "--now",
            now,
            "--output",
            str(output),
            env={"SITE_URL": site_url},
        )
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append(output)
    return target, outputs, site_url


def test_two_deploys_keep_two_releases_and_current_is_the_second(deployed):
    target, outputs, _ = deployed
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
    # each release's manifest lies beside it (never served), in sha256sum's format
    for name in names:
        sums = target / "releases" / f"{name}.SHA256SUMS"
        assert not (target / "releases" / name / "SHA256SUMS").exists()
        listed = {line.split("  ./", 1)[1] for line in sums.read_text().splitlines()}
        assert listed == set(tree(target / "releases" / name))
        checked = subprocess.run(
            ["sha256sum", "--check", "--strict", "--quiet", str(sums)],
            cwd=target / "releases" / name,
            capture_output=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout


def test_rollback_restores_the_first_then_any_named_release(deployed):
    target, outputs, _ = deployed
    first, second = releases(target)
    done = run("rollback", "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert live(target) == f"releases/{first}"
    assert tree(target / "current") == tree(outputs[0])
    done = run("rollback", "--to", str(target))  # nothing older than the first
    assert done.returncode == 1 and f"no release older than {first}" in done.stderr
    assert live(target) == f"releases/{first}"
    done = run("rollback", "--to", str(target), "--release", "20990101T000000Z-nope")
    assert done.returncode == 1 and "no release '20990101T000000Z-nope'" in done.stderr
    done = run("rollback", "--to", str(target), "--release", second)
    assert done.returncode == 0 and live(target) == f"releases/{second}"


def test_a_failing_build_leaves_current_as_it_was(deployed, tmp_path):
    target, _, _ = deployed
    before = (live(target), releases(target))
    done = run(
        "deploy", "--to", str(target), "--output", str(tmp_path / "out"), env={"SITE_URL": "x"}
    )
    assert done.returncode == 1
    assert "SITE_URL: 'x' is not an absolute http(s) URL" in done.stderr
    assert (live(target), releases(target)) == before
    assert not [p for p in (target / "releases").iterdir() if p.name.startswith(".")]


def test_a_failing_upload_leaves_current_as_it_was(deployed, tmp_path):
    target, outputs, _ = deployed
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
    done = run(
        "upload", str(outputs[0]), "--to", str(target), env=env, module="tools.deploy.releases"
    )
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
        done = run("upload", str(site), "--to", str(target), module="tools.deploy.releases")
        assert done.returncode == 0, done.stderr
        names.append(live(target).split("/", 1)[1])
    assert releases(target) == names[2:]
    # after a rollback, the next deploy still keeps the five newest and goes live
    assert run("rollback", "--to", str(target), "--release", names[2]).returncode == 0
    assert (
        run("upload", str(site), "--to", str(target), module="tools.deploy.releases").returncode
        == 0
    )
    newest = live(target).split("/", 1)[1]
    assert releases(target) == [*names[3:], newest]
    manifests = sorted(p.name for p in (target / "releases").iterdir() if p.is_file())
    assert manifests == [f"{name}.SHA256SUMS" for name in releases(target)]


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


# -- the README's recipe for a site under a path, on Debian's nginx ---------------------


def test_the_readme_recipe_for_a_site_under_a_path_serves_it(deployed, tmp_path):
    """SITE_URL=…/smex-site invoke deploy --to DIR (the fixture), then
    invoke nginx-conf --root DIR/current: pages and both 404s under the path."""
    target, _, site_url = deployed
    conf = tmp_path / "smex.conf"
    done = run(
        "nginx-conf",
        "--root",
        f"{target}/current",
        "--output",
        str(conf),
        env={"SITE_URL": site_url},
    )
    assert done.returncode == 0, done.stderr
    port = urlsplit(site_url).port
    text = conf.read_text(encoding="utf-8")
    assert f"alias {target}/current/;" in text and f"root {target}" not in text
    # only the listen lines differ from what an admin copies to the server
    listen = f"    listen 127.0.0.1:{port};"
    text, count = re.subn(r"(?m)^    listen [^;]+;$", listen, text, count=1)
    text = re.sub(r"(?m)^    listen (?!127)[^;]+;\n", "", text)
    assert count == 1
    current = target / "current"
    css = next((current / "theme/css").glob("main.*.css")).relative_to(current).as_posix()
    with running_nginx(tmp_path / "nginx", [text], [port]):
        for path in ("", "en/", "en/about/", "feeds/all.atom.xml", "en/feeds/all.atom.xml", css):
            status, got, body = fetch(port, f"/smex-site/{path}")
            file = current / path / "index.html" if not path or path.endswith("/") else None
            assert status == 200, path
            assert body == (file or current / path).read_bytes(), path
            for name, value in headers.SECURITY_HEADERS.items():
                assert got[name.lower()] == value, (path, name)
        assert fetch(port, f"/smex-site/{css}")[1]["cache-control"] == headers.IMMUTABLE
        assert fetch(port, "/smex-site/en/")[1]["cache-control"] == "no-cache"
        arabic, english = (
            (current / "404.html").read_bytes(),
            (current / "en/404.html").read_bytes(),
        )
        for path, page in (
            ("/smex-site/no/such/page/", arabic),
            ("/smex-site/en/no/such/page/", english),
            ("/smex-site/en/x.ics", english),
            ("/", arabic),  # nothing outside the path is served
            ("/index.html", arabic),
        ):
            status, got, body = fetch(port, path)
            assert (status, body) == (404, page), path
        status, got, _ = fetch(port, "/smex-site")
        assert status == 301 and got["location"].endswith("/smex-site/")


def fetch(port: int, path: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()
