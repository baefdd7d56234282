"""Which folders a build may replace, and the build's own arguments (issue 10).

`--output content` used to exit 0 after deleting every Markdown source. These
tests never point a build at this checkout's folders: the guard's function
gets a fake repository, and the command line runs in a throwaway copy of the
repository (its own tools/build/sitebuild.py, its own git index), whose every file
is compared byte for byte after each refused run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tools.build import outputguard, sitebuild


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def digest(root: Path) -> dict[str, str]:
    """Every file and link under root (links by target), byte for byte."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[rel] = "dir"
    return found


# --- the guard's function, on a fake repository -------------------------------------


@pytest.fixture
def fake_repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    for rel in (
        "README.md",
        "content/en/news/post.md",
        "theme/templates/base.html",
        "plugins/smex_site/__init__.py",
        "docs/guide.md",
        "scripts/setup.sh",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    (root / "output").mkdir()
    (root / "output" / "index.html").write_text("old site", encoding="utf-8")
    return root


REFUSED = [
    ("content", "that is the content folder (PATH)"),
    (".", "that is the repository root"),
    ("README.md", "that is a file, not a folder"),
    ("theme", "that is the theme (THEME)"),
    ("plugins", "that is the plugins folder"),
    (".git", "that is the git folder"),
    ("..", "that folder contains the repository root"),
    ("content/images/out", "that folder is inside the content folder (PATH)"),
    ("theme/static", "that folder is inside the theme (THEME)"),
    ("docs", "that holds docs/guide.md, a file tracked by git"),
    ("scripts", "that holds scripts/setup.sh, a file tracked by git"),
]


@pytest.mark.parametrize(("target", "reason"), REFUSED, ids=[t for t, _ in REFUSED])
def test_guard_refuses_sources_the_checkout_and_files(fake_repo, target, reason):
    message = outputguard.refusal(fake_repo / target, root=fake_repo)
    assert message is not None, target
    assert message.startswith(f"--output {fake_repo / target}: {reason}"), message
    assert "nothing was deleted or moved" in message
    assert f"e.g. --output {fake_repo / 'output'}" in message


def test_guard_allows_a_new_empty_or_previous_output(fake_repo, tmp_path):
    (tmp_path / "empty").mkdir()
    for target in (
        fake_repo / "output",  # a previous build (index.html at its top)
        fake_repo / "output-preview",  # new
        tmp_path / "empty",
        tmp_path / "elsewhere" / "site",
    ):
        assert outputguard.refusal(target, root=fake_repo) is None, target


def test_guard_refuses_a_folder_that_is_not_a_site(fake_repo, tmp_path):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    message = outputguard.refusal(home, root=fake_repo)
    assert message is not None and "not a site a build wrote (no index.html" in message


def test_guard_follows_symbolic_links(fake_repo):
    """`output -> .` (or -> content) is the root (or the sources) in disguise."""
    shutil.rmtree(fake_repo / "output")
    (fake_repo / "output").symlink_to(".")
    assert "that is the repository root" in outputguard.refusal(
        fake_repo / "output", root=fake_repo
    )
    (fake_repo / "output").unlink()
    (fake_repo / "output").symlink_to("content")
    assert "that is the content folder" in outputguard.refusal(fake_repo / "output", root=fake_repo)


def test_guard_reads_the_settings_folders(fake_repo, tmp_path):
    elsewhere = tmp_path / "my-content"
    (elsewhere / "en").mkdir(parents=True)
    settings = {"PATH": str(elsewhere), "THEME": str(fake_repo / "theme")}
    message = outputguard.refusal(elsewhere, settings, root=fake_repo)
    assert message and "that is the content folder (PATH)" in message
    # the default content/ is no longer PATH, but it holds tracked files
    message = outputguard.refusal(fake_repo / "content", settings, root=fake_repo)
    assert message and "content/en/news/post.md, a file tracked by git" in message


def test_guard_outside_a_git_checkout_still_protects(fake_repo):
    shutil.rmtree(fake_repo / ".git")
    assert "that is the content folder" in outputguard.refusal(
        fake_repo / "content", root=fake_repo
    )
    # no git to ask: docs/ is protected as a non-empty folder that is not a site
    assert "not a site a build wrote" in outputguard.refusal(fake_repo / "docs", root=fake_repo)
    assert outputguard.refusal(fake_repo / "output", root=fake_repo) is None


# --- the real command line, in a throwaway copy of the repository ---------------------


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    """This checkout's files (tracked and new), in a git repository of their own."""
    copy = tmp_path_factory.mktemp("checkout") / "repo"
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / rel)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    return copy


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CLI_REFUSED = [
    ("content", "that is the content folder (PATH)"),
    (".", "that is the repository root"),
    ("README.md", "that is a file, not a folder"),
    ("plugins", "that is the plugins folder"),
    ("theme", "that is the theme (THEME)"),
    ("docs", "that holds docs/"),  # the first of its files tracked by git, named
    ("..", "that folder contains the repository root"),
]


def test_cli_refuses_output_targets_and_deletes_nothing(repo_copy):
    before = digest(repo_copy)

    def one(case):
        target, _ = case
        return run_in(repo_copy, "-m", "tools.build.sitebuild", "--no-search", "--output", target)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, CLI_REFUSED))
    for (target, reason), done in zip(CLI_REFUSED, results, strict=True):
        assert done.returncode == 2, (target, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        expected = f"Build failed. --output {target}: {reason}"
        assert done.stderr.startswith(expected), (expected, done.stderr)
        assert "nothing was deleted or moved" in done.stderr
        if target == "docs":
            assert ".md, a file tracked by git" in done.stderr
        assert f"--output {repo_copy / 'output'}" in done.stderr  # what to pass instead
    assert digest(repo_copy) == before  # not one file deleted, moved or changed
    assert not list(repo_copy.parent.glob(".*building*"))


def test_invoke_clean_refuses_a_symlinked_output_and_cleans_a_real_one(repo_copy):
    before = digest(repo_copy)
    (repo_copy / "output").symlink_to(".")
    try:
        done = run_in(repo_copy, "-m", "invoke", "clean")
        assert done.returncode != 0
        assert f"invoke clean: {repo_copy / 'output'}: that is the repository root" in done.stderr
        assert "nothing was deleted or moved" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        (repo_copy / "output").unlink()
    assert digest(repo_copy) == before
    # a real previous build is removed, as before
    (repo_copy / "output").mkdir()
    (repo_copy / "output" / "index.html").write_text("old", encoding="utf-8")
    (repo_copy / "cache").mkdir()
    done = run_in(repo_copy, "-m", "invoke", "clean")
    assert done.returncode == 0, done.stderr
    assert not (repo_copy / "output").exists() and not (repo_copy / "cache").exists()
    assert digest(repo_copy) == before


def test_a_file_where_cache_belongs_is_named_and_invoke_clean_removes_it(repo_copy):
    before = digest(repo_copy)
    cache = repo_copy / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    try:
        done = run_in(repo_copy, "-m", "invoke", "build", "--now", "2023-10-20T12:00+03:00")
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert f"{cache} is a file, not a folder" in done.stderr
        assert "`invoke clean` does" in done.stderr and "NotADirectoryError" not in done.stderr
        assert not (repo_copy / "output").exists()
        done = run_in(repo_copy, "-m", "invoke", "clean")
        assert done.returncode == 0, done.stderr
        assert not cache.exists()
    finally:
        cache.unlink(missing_ok=True)
    assert digest(repo_copy) == before


# --- the build's other arguments ------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "words"),
    [
        ("garbage", "--now 'garbage' is not a date and time"),
        ("2027-01-10", "--now '2027-01-10' has no UTC offset"),
        ("2027-01-10T12:00", "--now '2027-01-10T12:00' has no UTC offset"),
    ],
)
def test_bad_now_is_one_clear_line(tmp_path, now, words):
    done = run_in(
        ROOT,
        "-m",
        "tools.build.sitebuild",
        "--no-search",
        "--now",
        now,
        "--output",
        str(tmp_path / "out"),
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # one line, no traceback
    assert lines[0].startswith(f"Build failed. {words}"), lines
    assert "write " in lines[0] and "--now 20" in lines[0] and "+0" in lines[0]
    assert not (tmp_path / "out").exists()


def test_bad_now_for_invoke_new_is_one_clear_line(tmp_path):
    content = tmp_path / "content"
    copy_content(content)
    before = digest(content)
    done = run_in(
        ROOT, "-m", "tools.editors.editor", "--path", str(content), "new", "news", "--lang", "en",
        "--title", "A title", "--now", "2027-01-10",
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        (
            "Nothing done: --now '2027-01-10' has no UTC offset, so the instant is unclear; "
            "write e.g. --now 2027-01-10T12:00+02:00 (Asia/Beirut's offset on that day)"
        )
    ]
    assert digest(content) == before


def test_an_output_under_a_file_is_a_clear_message(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = str(tmp_path / "a-file" / "site")
    done = run_in(ROOT, "-m", "tools.build.sitebuild", "--no-search", "--output", target)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"cannot write beside the output folder {tmp_path / 'a-file' / 'site'}" in done.stderr
    assert "pass --output a folder whose parent folder you can write" in done.stderr
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x"


def test_a_read_only_output_parent_is_a_clear_message(tmp_path, monkeypatch):
    """The tests run as root, who may write anywhere: the refusal the system
    gives a normal user is raised where the build creates its folder."""
    parent = tmp_path / "read-only"
    parent.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(parent))

    monkeypatch.setattr(sitebuild.tempfile, "mkdtemp", refuse)
    with pytest.raises(sitebuild.BuildFailed) as failed:
        sitebuild.build(ROOT / "pelicanconf.py", output=parent / "site", search=False)
    message = str(failed.value)
    assert message.startswith(
        f"cannot write beside the output folder {parent / 'site'}: Permission denied ({parent})"
    ), message
    assert "pass --output a folder whose parent folder you can write" in message
    assert message.endswith("The previous output was left as it was.")
    assert list(parent.iterdir()) == []
