"""Exports that once stopped every build (issue 18.7) or lost facts on the
way (issue 17.11, 17.12, 22), taken in by the real `invoke programme` and
built into a real site:

- values no file can carry (a session in year 1, 9999-12-31T23:30-12:00,
  3000000:00:00, PT99999999999H, a day ending past year 9999) are refused by
  the import and by the build, naming the JSON path, with no traceback and
  content/data/ and output/ left as they were;
- characters no file can carry (a lone surrogate, U+FFFE, U+FFFF) are
  removed with a warning naming the path; text is stored in NFC;
- an export without `code` keeps pretalx's codes as addresses (from `url`);
- a link in an abstract keeps its address in schedule.xml and the .ics.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.contentcopy import copy_content
from tests.programme.built import calendar, everything_written
from tests.programme.schema import assert_valid, assert_valid_json
from tests.programme.support import fixture
from tests.sitecheck import ROOT, BuiltSite, build, build_over, tree_digest

PROGRAMME = "convening/2025/programme/"
DATA = Path("data") / "programme"
NFD_TITLE = unicodedata.normalize("NFD", "Café numérique")
LINKED = "Built on [Gluon](https://gluon.example/docs?a=1&b=2)."


def invoke_programme(content: Path, export: Path, *extra: str) -> subprocess.CompletedProcess:
    command = ["programme", "--year", "2025", "--from", str(export), "--path", str(content)]
    return subprocess.run(
        [sys.executable, "-m", "invoke", *command, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ),
    )


def export(edit) -> dict:
    data = json.loads(fixture("bilingual.json"))
    edit(data["schedule"]["conference"])
    return data


def far_fetched(conference: dict) -> None:
    day = conference["days"][0]
    hall, room_b = day["rooms"]["Main Hall"], day["rooms"]["Room B"]
    hall[0]["date"] = "0001-01-01T01:00:00+03:00"  # year 0 in UTC
    hall[1]["date"] = "9999-12-31T23:30:00-12:00"  # year 10000 in UTC
    room_b[0]["duration"] = "3000000:00:00"
    room_b[1]["duration"] = "PT99999999999H"
    day["day_end"] = "9999-12-31T23:30:00-12:00"


REFUSED = {
    'days[0].rooms["Main Hall"][0].date': "'0001-01-01T01:00:00+03:00' is far from the 2025",
    'days[0].rooms["Main Hall"][1].date': "'9999-12-31T23:30:00-12:00' is far from the 2025",
    'days[0].rooms["Room B"][0].duration': "'3000000:00:00' is not a duration",
    'days[0].rooms["Room B"][1].duration': "'PT99999999999H' is not a duration",
    "days[0].day_end": "'9999-12-31T23:30:00-12:00' is far from the 2025 edition",
}


def awkward(conference: dict) -> None:
    """Cleanable faults, and facts that used to be lost."""
    day = conference["days"][0]
    first = day["rooms"]["Main Hall"][0]
    first["title"] = "Opening \ud800 night"  # a lone surrogate (written as an escape)
    first["abstract"] = LINKED
    first["description"] = "Two non-characters: \ufffe and \uffff."
    day["rooms"]["Room B"][0]["title"] = NFD_TITLE
    for each in conference["days"]:
        for sessions in each["rooms"].values():
            for session in sessions:
                del session["code"]  # an older export: the code is only in `url`


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The awkward export, taken in by `invoke programme` into a copy of content/."""
    work = tmp_path_factory.mktemp("awkward")
    content = work / "content"
    copy_content(content)
    source = work / "awkward.json"
    source.write_text(json.dumps(export(awkward)), encoding="utf-8")  # ASCII, \u escapes
    # NFD written as characters, as a Mac's pretalx export may carry it
    raw = source.read_text().replace(json.dumps(NFD_TITLE)[1:-1], NFD_TITLE)
    source.write_bytes(raw.encode("utf-8"))
    done = invoke_programme(content, source)
    return work, content, done


def test_the_import_removes_what_no_file_can_carry_and_stores_nfc(imported):
    _, content, done = imported
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    path = 'schedule.conference.days[0].rooms["Main Hall"][0]'
    for field in ("title", "description"):
        line = next(x for x in done.stdout.splitlines() if f"{path}.{field}:" in x)
        assert line.startswith("warning: ") and "removed" in line, line
    stored = (content / DATA / "2025.json").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", stored) and "Café numérique" in stored
    assert NFD_TITLE not in stored


@pytest.fixture(scope="module")
def built(imported) -> BuiltSite:
    work, content, done = imported
    assert done.returncode == 0, done.stdout
    report = build(work, overrides={"PATH": str(content)}, search=False)
    return BuiltSite(report.output)


def test_the_cleaned_export_builds_and_every_file_carries_the_clean_text(built):
    for prefix in ("", "en/"):
        page = built.soup(f"{prefix}{PROGRAMME}tstaaa/index.html")
        assert page.h1.get_text(strip=True) == "Opening night"
        assert "\ufffe" not in page.get_text() and "\uffff" not in page.get_text()
        nfc = built.soup(f"{prefix}{PROGRAMME}tstbbb/index.html")
        assert nfc.h1.get_text(strip=True) == "Café numérique"  # composed
    written = everything_written(built)
    assert "\ufffe" not in written and "\uffff" not in written and NFD_TITLE not in written
    assert_valid((built.root / PROGRAMME / "schedule.xml").read_bytes())
    assert_valid((built.root / "en" / PROGRAMME / "schedule.xml").read_bytes())
    for prefix in ("", "en/"):
        assert_valid_json((built.root / prefix / PROGRAMME / "schedule.json").read_bytes())


def test_addresses_are_pretalx_codes_taken_from_the_url(built):
    folders = (built.root / "en" / PROGRAMME).iterdir()
    beside = {"agenda", "changes", "day", "room", "track"}  # My agenda, what changed, grids…
    pages = sorted(p.name for p in folders if p.is_dir() and p.name not in beside)
    expected = ["tstaaa", "tstbbb", "tstccc", "tstddd", "tsteee", "tstfff", "tstggg"]
    assert pages == expected
    root = assert_valid((built.root / PROGRAMME / "schedule.xml").read_bytes())
    assert sorted(e.get("code") for e in root.iter("event")) == [c.upper() for c in expected]


def test_a_links_address_stays_in_the_calendar_and_schedule_xml(built):
    text = "Built on Gluon (https://gluon.example/docs?a=1&b=2)."
    root = assert_valid((built.root / PROGRAMME / "schedule.xml").read_bytes())
    assert root.find("day/room/event[@code='TSTAAA']").findtext("abstract") == text
    for rel in (f"{PROGRAMME}tstaaa/tstaaa.ics", f"en/{PROGRAMME}programme.ics"):
        uid = "0b5e7c1d-2025-5000-8000-000000000001@smex.org"  # TSTAAA's guid
        events = [e for e in calendar(built, rel).walk("VEVENT") if str(e["UID"]) == uid]
        assert events and all(text in str(e["DESCRIPTION"]) for e in events), rel


def test_values_no_file_can_carry_are_refused_by_the_import(tmp_path):
    content = tmp_path / "content"
    copy_content(content)
    source = tmp_path / "far.json"
    source.write_text(json.dumps(export(far_fetched)), encoding="utf-8")
    before = tree_digest(content / "data")
    done = invoke_programme(content, source)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    for field, words in REFUSED.items():
        line = next(x for x in done.stdout.splitlines() if f"schedule.conference.{field}:" in x)
        assert line.startswith("error: ") and words in line, line
    assert "nothing was written" in done.stdout
    assert tree_digest(content / "data") == before


def test_values_no_file_can_carry_are_refused_by_the_build(tmp_path, good_output):
    content = tmp_path / "content"
    copy_content(content)
    (content / DATA / "2025.json").write_text(json.dumps(export(far_fetched)), encoding="utf-8")
    output = tmp_path / "output"
    shutil.copytree(good_output, output)
    built = build_over(content, output, tmp_path / "cache")
    assert built.code != 0 and "Traceback" not in built.stderr
    assert built.after == built.before and built.leftovers == []
    for field in REFUSED:
        assert f"content/data/programme/2025.json: schedule.conference.{field}" in built.stderr
