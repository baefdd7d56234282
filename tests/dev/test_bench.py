"""`invoke bench` runs in a fresh checkout and prints every row.

A smoke test of the tool, never of the site's speed: no figure is compared
with anything (the benchmark's table is for people to read).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tools.dev import corpus, linearity, measure

ROOT = Path(__file__).resolve().parents[2]

ROWS = (
    "cold build (empty cache and output)",
    "warm build (nothing changed, cache kept)",
    "one-edit rebuild (one article's text)",
    "live preview latency (edit to new text served",
    "live preview latency, save through a temporary file",
    "Pagefind (inside the cold build",
    "invoke offline after a publish build",
    "Offline edition (`invoke offline` after a publish build)",
    "bare Pelican, Arabic only, cold",
    "**Plugin linearity**",
    "**Memory**: peak",
    "Steps of the cold build (s): validate",
    "The one edit reached the output: yes",
    "Load average (1, 5, 15 min): before",
    "nproc",
)


def fresh_checkout(target: Path) -> Path:
    """The tracked files as they are now (a clone of the working tree), beside
    the shared benchmark tools when this checkout has them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    checkout = target / "checkout"
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            (checkout / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, checkout / name.decode())
    if corpus.SHARED.is_dir():
        (target / "shared").symlink_to(corpus.SHARED.parent)
    return checkout


def test_bench_runs_in_a_fresh_checkout_and_prints_every_row(tmp_path):
    checkout = fresh_checkout(tmp_path)
    figures = tmp_path / "bench.json"
    command = [sys.executable, "-m", "invoke", "bench", "--articles", "3", "--runs", "1"]
    command += ["--plugin-runs", "1", "--json", str(figures)]
    done = subprocess.run(
        command, cwd=checkout, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    for row in ROWS:
        assert row in done.stdout, f"{row!r} missing from:\n{done.stdout}"
    assert "| figure | wall s | CPU s | peak MB |" in done.stdout
    result = json.loads(figures.read_text())
    assert result["articles per language"] == 3
    expected = "shared" if corpus.SHARED.is_dir() else "built-in"
    assert result["corpus"].startswith(expected)
    for name in ("cold", "warm", "one edit", "bare"):
        row = result["rows"][name]
        assert row["wall"] > 0 and row["cpu"] > 0 and row["peak_mb"] > 0
    # each file converted at least once (the counter is wired through --timings)
    assert result["markdown conversions per source file"]["cold"] >= 1
    assert len(result["plugin linearity"]["sizes"]) == len(linearity.LINEARITY_FACTORS)
    # search: each language's index has bytes, and Chromium found a first result in each
    assert set(result["search"]["index bytes"]) == {"ar", "en"}
    assert all(size > 0 for size in result["search"]["index bytes"].values())
    first = result["search"]["first result s"]
    assert set(first) == {"ar", "en"} and all(s > 0 for s in first.values()), first
    assert "Search index per language: ar " in done.stdout


def test_without_the_shared_tools_the_built_in_corpus_is_used_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "SHARED", tmp_path / "absent")
    described = corpus.write_corpus(tmp_path / "content", 2, tmp_path)
    assert described.startswith("built-in")
    assert len(list((tmp_path / "content").glob("*/*/post-*.md"))) == 4


def test_the_copies_of_editions_and_publications_are_valid(tmp_path):
    """What the linearity check builds passes the site's own validation."""
    from tools.build import settings as build_settings

    content = tmp_path / "content"
    corpus._copy_site_content(content)
    before = len(list(content.glob("*/editions/*.md"))) + len(
        list(content.glob("*/publications/*.md"))
    )
    assert corpus.multiply_kinds(content, 16) == 15 * before
    settings = build_settings.load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    settings["SITE_NOW"] = build_settings.pinned_now(measure.NOW)
    catalog = build_settings.check(settings)
    assert not catalog.errors, "\n".join(map(str, catalog.errors[:10]))
