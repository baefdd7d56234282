"""What changed (issue 22): `invoke programme` keeps the imports, the build
says what changed. The gate site holds 2025 with an earlier import beside
it (tests/programme/sites.py: TSTAAA moved in time and room, TSTCCC
retitled, TSTZZZ removed) and 2023, held back, that lost a session too."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from smex_site.convening.programme import changes
from tests.contentcopy import copy_content
from tests.programme.built import calendar
from tests.programme.sites import IMPORTS, history
from tests.programme.support import FIXTURES, edited, first_session, read
from tests.sitecheck import LANGS

PROGRAMME = "convening/2025/programme/"
ATOM = "{http://www.w3.org/2005/Atom}"
SECOND = dt.datetime.fromisoformat(IMPORTS[1])
EXPECTED = {"tstzzz": ["removed"], "tstccc": ["title"], "tstaaa": ["time", "room"]}


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_and_its_feed_say_what_changed(gate_site, lang):
    page = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}changes/index.html")
    items = page.select("li.change-list__item")
    found = {
        item.select_one("h2 a")["href"].rstrip("/").rsplit("/", 1)[1]: item["data-change"].split()
        for item in items
    }
    assert found == EXPECTED
    for item in items:
        assert (
            item.time["datetime"]
            == SECOND.astimezone(dt.timezone(dt.timedelta(hours=3))).isoformat()
        )
    moved = next(i for i in items if "tstaaa" in i.select_one("h2 a")["href"])
    text = moved.get_text(" ", strip=True)
    words = {"ar": ("09:00", "10:00", "القاعة الرئيسية"), "en": ("09:00", "10:00", "Main Hall")}
    assert all(word in text for word in words[lang])
    listing = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}index.html")
    assert listing.select_one(f"a[href='/{LANGS[lang]}{PROGRAMME}changes/']")
    feed = ET.fromstring(gate_site.read(f"{LANGS[lang]}{PROGRAMME}changes/changes.atom"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    links = {e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1] for e in entries}
    assert links == set(EXPECTED)
    updated = [
        e.findtext(f"{ATOM}updated") for e in [*entries, feed]
    ]  # the feed's: not the clock's
    assert {dt.datetime.fromisoformat(u) for u in updated} == {SECOND}


@pytest.mark.parametrize("lang", LANGS)
def test_a_changed_session_says_so_and_its_calendars_update(gate_site, lang):
    moved = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstaaa/index.html")
    notice = moved.select_one("[data-session-changed]")
    assert notice is not None and notice.time["datetime"].startswith("2023-10-15T15:00")
    assert (
        gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstbbb/index.html").select(
            "[data-session-changed]"
        )
        == []
    )
    for rel in (
        f"{PROGRAMME}tstaaa/tstaaa.ics",
        f"{PROGRAMME}programme.ics",
        f"{PROGRAMME}room/main-hall/main-hall.ics",
    ):
        events = {
            str(e["UID"])[:36]: e for e in calendar(gate_site, LANGS[lang] + rel).walk("VEVENT")
        }
        aaa = events["0b5e7c1d-2025-5000-8000-000000000001"]
        assert int(aaa["SEQUENCE"]) == 1
        assert aaa["LAST-MODIFIED"].dt == SECOND
        if not rel.endswith("tstaaa.ics"):  # TSTZZZ was in Main Hall: removed, cancelled
            zzz = events["0b5e7c1d-2025-5000-8000-0000000000ff"]
            assert str(zzz["STATUS"]) == "CANCELLED" and int(zzz["SEQUENCE"]) == 1
        for guid, event in events.items():
            if not guid.endswith(("01", "03", "ff")):  # neither moved, retitled nor removed
                assert "SEQUENCE" not in event and "LAST-MODIFIED" not in event, guid


@pytest.mark.parametrize("lang", LANGS)
def test_a_removed_session_is_shown_as_removed_at_its_old_address(gate_site, lang):
    page = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstzzz/index.html")
    assert page.select_one("[data-session-removed]") is not None
    assert page.h1.get_text() == "Withdrawn talk 2025 (test fixture)"
    listing = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}index.html")
    assert not listing.select(f"a[href$='/{PROGRAMME}tstzzz/']")
    assert "TSTZZZ" not in gate_site.read(f"{LANGS[lang]}{PROGRAMME}schedule.xml")
    (event,) = calendar(gate_site, f"{LANGS[lang]}{PROGRAMME}tstzzz/tstzzz.ics").walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    other = "en/" if lang == "ar" else ""
    assert page.select_one("nav.lang-switch a")["href"] == f"/{other}{PROGRAMME}tstzzz/"


def test_a_held_back_programmes_changes_are_nowhere(gate_site):
    for prefix in LANGS.values():
        assert not (gate_site.root / f"{prefix}convening/2023/programme").exists()
    for path in gate_site.root.rglob("*"):
        if path.suffix in (".html", ".atom", ".ics", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "Withdrawn talk 2023" not in text and "embzzz" not in text.lower(), path


def test_the_import_keeps_the_previous_one_and_the_second_import_says_what_changed(tmp_path):
    """tools/editors/programme.py as an editor runs it: a first import, then one where
    TSTAAA moved and TSTGGG is gone."""
    from tools.editors import content as content_settings
    from tools.editors import programme as tool

    copy = tmp_path / "content"

    copy_content(copy)
    settings = content_settings.load({"PATH": str(copy)})
    first, second = (dt.datetime.fromisoformat(at) for at in IMPORTS)
    out = open(tmp_path / "out.txt", "w")  # noqa: SIM115
    assert tool.run(settings, 2025, str(FIXTURES / "bilingual.json"), out=out, now=first) == 0

    def moved_and_removed(data):
        first_session(data)["date"] = "2025-10-25T12:00:00+03:00"
        rooms = data["schedule"]["conference"]["days"][1]["rooms"]
        rooms["Room B"] = [s for s in rooms["Room B"] if s["code"] != "TSTGGG"]

    export = tmp_path / "second.json"
    export.write_bytes(edited(moved_and_removed))
    assert tool.run(settings, 2025, str(export), force=True, out=out, now=second) == 0
    out.close()
    folder = copy / "data" / "programme"
    kept = json.loads((folder / "2025.history.json").read_text(encoding="utf-8"))
    assert [i["at"] for i in kept["imports"]] == list(IMPORTS)
    found, _ = read((folder / "2025.json").read_bytes())
    problems = changes.Problems("x")
    result = changes.read(kept, problems, found)
    assert problems.found == []
    assert {c.guid[-2:]: c.what for c in result.changes} == {"01": ("time",), "07": ("removed",)}
    assert [s.slug for s in result.removed] == ["tstggg"]
    assert result.revisions["0b5e7c1d-2025-5000-8000-000000000001"] == (1, second)
    # the gate site's history is what the tool writes for the same imports
    assert json.loads(history(2025, "bilingual.json"))["imports"][1] == kept["imports"][0] | {
        "at": IMPORTS[1]
    }


def test_a_mangled_history_is_a_warning_and_shows_no_change():
    """<year>.history.json is ours, but an editor may break it: what cannot be
    read is set aside with a warning naming what to do; nothing is invented,
    and no address outside the programme's folder can come from it."""
    current, _ = read((FIXTURES / "bilingual.json").read_bytes())
    good = json.loads(history(2025, "bilingual.json"))

    def warned(data) -> tuple[changes.History, list]:
        problems = changes.Problems("content/data/programme/2025.history.json")
        return changes.read(data, problems, current), problems.found

    for data in (
        [],  # not a table
        {"imports": "yesterday"},
        {"imports": [{"at": "not a time", "sessions": []}]},
        {"imports": [good["imports"][1], good["imports"][0]]},  # out of order
    ):
        found, problems = warned(data)
        assert found.changes == () and found.removed == () and found.imports == 0
        assert problems and all(p.severity == "warning" for p in problems)
        assert "invoke programme" in str(problems[0])
    sneaky = json.loads(json.dumps(good))
    sneaky["imports"][0]["sessions"][0]["slug"] = "../../etc"
    found, problems = warned(sneaky)
    assert found.imports == 0 and problems  # an address is refused, not followed
    found, problems = warned(good)
    assert problems == [] and found.imports == 2
