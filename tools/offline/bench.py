"""`invoke bench`'s figure for the offline edition: a production build of the
benchmark corpus, then `invoke offline` over it (zip and ZIM per language,
SHA256SUMS), cold (no cache/offline) and again with nothing changed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from . import build

ROOT = Path(__file__).resolve().parents[2]


def measure(content: Path, work: Path, now: str) -> dict:
    """Seconds of `invoke offline` (cold, then reusing its cache) and each file's MB."""
    site, cache = work / "offline-site", work / "offline-cache"
    command = [
        sys.executable,
        "-m",
        "tools.build.sitebuild",
        "--settings",
        str(ROOT / "publishconf.py"),
    ]
    command += ["--output", str(site), "--now", now, "--no-search"]
    command += ["--set", f"PATH={json.dumps(str(content))}"]
    command += ["--set", f"CACHE_PATH={json.dumps(str(work / 'offline-build-cache'))}"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    from pelicanconf import SITE_LANGUAGES

    date = now[:10]
    started = time.perf_counter()
    report = build.run(site, date, cache=cache, languages=SITE_LANGUAGES)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    build.run(site, date, cache=cache, languages=SITE_LANGUAGES)
    again = time.perf_counter() - started
    return {
        "cold": cold,
        "unchanged": again,
        "files MB": {m.path.name: m.path.stat().st_size / 1e6 for m in report.made},
    }


def note(figures: dict) -> str:
    sizes = ", ".join(f"{name} {mb:.1f} MB" for name, mb in sorted(figures["files MB"].items()))
    return (
        f"- Offline edition (`invoke offline` after a publish build): {figures['cold']:.1f} s "
        f"cold, {figures['unchanged']:.1f} s with nothing changed (bundles from cache/offline/); "
        f"{sizes}."
    )
