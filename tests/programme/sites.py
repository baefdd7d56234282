"""Content copies with fixture programmes, for the programme tests and the
gates. The shipped content/ has no programme (our facts have none), so the
fixtures are copied in beside a copy of it, never into content/ itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.programme.support import FIXTURES
from tests.sitecheck import ROOT

# The gates' site: a programme shown (2025: an edition with no
# programme-released milestone) and one held back (2023: released at
# 2023-10-27 12:00, a week after the tests' frozen "now").
GATE_PROGRAMMES = {2025: "bilingual.json", 2023: "embargoed-2023.json"}
RELEASE = "2023-10-27T12:00+03:00"  # the 2023 edition's programme-released milestone


def programme_content(target: Path, programmes: dict[int, str], labels: str | None = "labels.toml"):
    """A copy of content/ with each fixture saved as data/programme/<year>.json."""
    shutil.copytree(ROOT / "content", target)
    folder = target / "data" / "programme"
    folder.mkdir(parents=True, exist_ok=True)
    for year, name in programmes.items():
        shutil.copyfile(FIXTURES / name, folder / f"{year}.json")
    if labels:
        shutil.copyfile(FIXTURES / labels, folder / "labels.toml")
    return target
