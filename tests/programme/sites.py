"""Content copies with fixture programmes, for the programme tests and the
gates. The shipped content/ has no programme (our facts have none), so the
fixtures are copied in beside a copy of it, never into content/ itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.contentcopy import copy_content
from tests.programme.support import FIXTURES

# The gates' site: a programme shown (2025: an edition with no
# programme-released milestone) and one held back (2023: released at
# 2023-10-27 12:00, a week after the tests' frozen "now").
GATE_PROGRAMMES = {2025: "bilingual.json", 2023: "embargoed-2023.json"}
# What `invoke programme` would have kept beside them (changes.py): an
# earlier import, then the fixture as it is. 2025: TSTAAA was at 09:00 in
# Room B, TSTCCC had another title, and TSTZZZ has since been removed; 2023
# (held back) lost one session too, which must show nowhere before release.
IMPORTS = ("2023-10-01T09:00:00+00:00", "2023-10-15T12:00:00+00:00")
REMOVED = {2025: "tstzzz", 2023: "embzzz"}
# The years that also get, beside their export, the files an editor keeps there:
# <year>.history.json (above) and <year>.toml (the sessions' languages).
GATE_BESIDE = tuple(GATE_PROGRAMMES)
RELEASE = "2023-10-27T12:00+03:00"  # the 2023 edition's programme-released milestone
# Speakers' avatars as `invoke programme` stores them (tools/editors/avatars.py),
# kept beside an export too, so the gates see speaker pages with one: two of
# 2025's speakers, and 2023's (held back with its programme: published nowhere).
AVATARS = {"bilingual.json": ("spkaaa", "spkbbb"), "embargoed-2023.json": ("embspa",)}


def programme_content(
    target: Path, programmes: dict[int, str], labels: str | None = "labels.toml", beside=()
):
    """A copy of content/ with each fixture saved as data/programme/<year>.json
    (and, for the years in `beside`, the history of imports and the
    sessions' languages beside it: <fixture>.toml when there is one; and
    its speakers' AVATARS, under images/programme/<year>/)."""
    copy_content(target)
    folder = target / "data" / "programme"
    folder.mkdir(parents=True, exist_ok=True)
    for year, name in programmes.items():
        shutil.copyfile(FIXTURES / name, folder / f"{year}.json")
    if labels:
        shutil.copyfile(FIXTURES / labels, folder / "labels.toml")
    for year, name in programmes.items():
        if year in beside:
            (folder / f"{year}.history.json").write_bytes(history(year, name))
            spoken = FIXTURES / name.replace(".json", ".toml")
            if spoken.is_file():
                shutil.copyfile(spoken, folder / f"{year}.toml")
            for number, slug in enumerate(AVATARS.get(name, ())):
                stored = target / "images" / "programme" / str(year) / f"{slug}.webp"
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_bytes(avatar(number))
    return target


def avatar(seed: int) -> bytes:
    """An avatar as the import stores it, from a picture of blurred noise:
    about as heavy as a portrait's (5-6 KB), and the same bytes every time."""
    import io
    import random

    from PIL import Image, ImageFilter

    from tools.editors.avatars import reencode

    noise = random.Random(seed).randbytes(300 * 300 * 3)
    picture = io.BytesIO()
    Image.frombytes("RGB", (300, 300), noise).filter(ImageFilter.GaussianBlur(1.5)).save(
        picture, "PNG"
    )
    return reencode(picture.getvalue())


def _earlier(year: int, data: dict) -> None:
    """The import before the fixture: one session elsewhere, one retitled, one more."""
    days = data["schedule"]["conference"]["days"]
    first = days[0]["rooms"]["Main Hall"][0]
    extra = {
        **first,
        "guid": f"0b5e7c1d-{year}-5000-8000-0000000000ff",
        "id": 990,
        "code": REMOVED[year].upper(),
        "title": f"Withdrawn talk {year} (test fixture)",
    }
    if year == 2025:
        first.update(date="2025-10-25T09:00:00+03:00", room="Room B")
        days[0]["rooms"]["Main Hall"][1]["title"] = "Late session (old title)"
        extra["date"] = "2025-10-26T12:00:00+02:00"
    days[-1]["rooms"]["Main Hall"].append(extra)


def history(year: int, name: str) -> bytes:
    """<year>.history.json for a fixture, as tools/editors/programme.py writes it."""
    import datetime as dt
    import json

    from smex_site.convening import programme
    from smex_site.convening.programme import changes

    facts = {"edition_years": {2023, 2025}, "timezone": "Asia/Beirut"}

    def parse(data: dict):
        found, problems = programme.parse(json.dumps(data), rel=name, year=year, **facts)
        assert found is not None, [str(p) for p in problems]
        return found

    current = json.loads((FIXTURES / name).read_bytes())
    earlier = json.loads((FIXTURES / name).read_bytes())
    _earlier(year, earlier)
    first, second = (dt.datetime.fromisoformat(at) for at in IMPORTS)
    data = changes.with_import(None, parse(earlier), first)
    return changes.dumps(changes.with_import(data, parse(current), second))
