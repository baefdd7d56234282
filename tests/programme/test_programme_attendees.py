"""The pages attendees use beside the list (issue 22), in the built gate site:
a grid per day, a page and an .ics per room and per track, a page per
speaker; counts asserted against the export itself (bilingual.json)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from smex_site.convening.programme import grid
from tests.programme.built import calendar
from tests.programme.sites import AVATARS
from tests.programme.support import by_code, edited, first_session, fixture
from tests.programme.support import read as read_export
from tests.sitecheck import LANGS

PROGRAMME = "convening/2025/programme/"
ROOMS = {"Main Hall": "main-hall", "Room B": "room-b"}
TRACKS = {"Policy & Advocacy": "policy-advocacy", "Digital Security": "digital-security"}


def export_sessions() -> list[dict]:
    days = json.loads(fixture("bilingual.json"))["schedule"]["conference"]["days"]
    return [s for day in days for sessions in day["rooms"].values() for s in sessions]


def soup(gate_site, lang: str, path: str):
    return gate_site.soup(f"{LANGS[lang]}{path}index.html")


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_grid_per_day_has_every_session_once_spanning_its_rows(gate_site, lang):
    exported = export_sessions()
    by_day = Counter(s["date"][:10] for s in exported)
    listing = soup(gate_site, lang, PROGRAMME)
    links = [a["href"] for a in listing.select(".programme-day__grid a")]
    assert links == [f"/{LANGS[lang]}{PROGRAMME}day/{day}/" for day in sorted(by_day)]
    seen = []
    for day, count in by_day.items():
        page = soup(gate_site, lang, f"{PROGRAMME}day/{day}/")
        assert page.html["dir"] == ("rtl" if lang == "ar" else "ltr")
        (grid,) = page.select("[data-programme-grid]")
        rooms = [th.get_text(strip=True) for th in grid.select("thead th")][1:]
        assert len(rooms) == len({s["room"] for s in exported if s["date"][:10] == day})
        cells = grid.select("td .grid-session")
        assert len(cells) == count
        seen += [slug_of(c.select_one(".grid-session__title a")["href"]) for c in cells]
        # Every row has one cell per room, counting the cells that span into it.
        rows = grid.select("tbody tr")
        open_spans = [0] * len(rooms)
        for row in rows:
            cells_here = row.find_all("td", recursive=False)
            covered = sum(1 for n in open_spans if n > 0)
            assert len(cells_here) + covered == len(rooms)
            open_spans = [n - 1 for n in open_spans if n > 1]
            open_spans += [int(td.get("rowspan", 1)) - 1 for td in cells_here]
            open_spans = [n for n in open_spans if n > 0]
        # The list and the grid go to each other.
        back = page.select_one(".programme-header__links a")["href"]
        assert back == f"/{LANGS[lang]}{PROGRAMME}#day-{day}"
    assert sorted(seen) == sorted(s["code"].lower() for s in exported)
    first = soup(gate_site, lang, f"{PROGRAMME}day/2025-10-25/")
    spans = {
        slug_of(td.select_one("a")["href"]): int(td.get("rowspan", 1))
        for td in first.select("td.programme-grid__busy")
    }
    # TSTBBB 10:00-11:30 covers 10:00 and 10:45; TSTCCC 22:30 (GMT+3) to
    # 23:00 (GMT+2) covers 22:30, 23:15 and 23:45 summer time.
    assert spans == {"tstaaa": 1, "tstbbb": 2, "tstccc": 3, "tstddd": 1, "tsteee": 1}
    times = [t["datetime"] for t in first.select("tbody th time")]
    assert times == sorted(times, key=dt.datetime.fromisoformat)  # by instant
    assert "2025-10-25T23:15:00+03:00" in times and "2025-10-25T23:15:00+02:00" in times


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("kind", "names", "field"), [("room", ROOMS, "room"), ("track", TRACKS, "track")]
)
def test_a_page_and_an_ics_per_room_and_track(gate_site, lang, kind, names, field):
    exported = export_sessions()
    for name, slug in names.items():
        mine = sorted(s["code"].lower() for s in exported if s[field] == name)
        path = f"{PROGRAMME}{kind}/{slug}/"
        page = soup(gate_site, lang, path)
        cards = page.select("article.session-card .session-card__title a")
        assert sorted(slug_of(a["href"]) for a in cards) == mine
        days = [s["id"].removeprefix("day-") for s in page.select("section.programme-day")]
        assert days == sorted({s["date"][:10] for s in exported if s[field] == name})
        ics = calendar(gate_site, f"{LANGS[lang]}{path}{slug}.ics")
        held = {str(e["UID"]): str(e["STATUS"]) for e in ics.walk("VEVENT")}
        uids = sorted(uid for uid, status in held.items() if status != "CANCELLED")
        assert uids == sorted(f"{s['guid']}@smex.org" for s in exported if s[field] == name)
        # TSTZZZ, removed since the earlier import (sites.py), was the first session's copy
        had = first_session(json.loads(fixture("bilingual.json")))[field] == name
        gone = [uid for uid, status in held.items() if status == "CANCELLED"]
        assert gone == (["0b5e7c1d-2025-5000-8000-0000000000ff@smex.org"] if had else [])
        link = page.select_one("a[download$='.ics']")
        assert link["href"] == f"/{LANGS[lang]}{path}{slug}.ics"
    # Every session page links to its room's and its track's page.
    for session in exported:
        page = soup(gate_site, lang, f"{PROGRAMME}{session['code'].lower()}/")
        href = page.select_one(f"[data-{kind}-link]")["href"]
        assert href == f"/{LANGS[lang]}{PROGRAMME}{kind}/{names[session[field]]}/"


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_per_speaker_with_biography_and_sessions(gate_site, lang):
    exported = export_sessions()
    talks: dict[str, set] = {}
    names = {}
    for session in exported:
        for person in session["persons"]:
            talks.setdefault(person["code"], set()).add(session["code"].lower())
            names[person["code"]] = person.get("name") or person["public_name"]
    listing = soup(gate_site, lang, "convening/2025/speakers/")
    linked = [a["href"] for a in listing.select("li.speaker > h2 > a")]
    assert sorted(linked) == sorted(
        f"/{LANGS[lang]}convening/2025/speakers/{code.lower()}/" for code in talks
    )
    for code, sessions in talks.items():
        page = soup(gate_site, lang, f"convening/2025/speakers/{code.lower()}/")
        assert page.h1.get_text(strip=True) == names[code]
        cards = page.select("article.session-card .session-card__title a")
        assert {slug_of(a["href"]) for a in cards} == sessions
        assert not page.select("main script, main iframe")
        # the only picture: the avatar the gates' site stored (tests/programme/sites.py)
        kept = code.lower() in AVATARS["bilingual.json"]
        stored = [f"/images/programme/2025/{code.lower()}.webp"] if kept else []
        assert [img["src"] for img in page.select("main img")] == stored
    with_bio = soup(gate_site, lang, "convening/2025/speakers/spkaaa/")
    assert with_bio.select_one(".speaker-page__biography").get_text(strip=True)


def test_a_programme_before_its_release_has_none_of_these_pages(gate_site):
    for prefix in LANGS.values():
        assert not (gate_site.root / f"{prefix}convening/2023/speakers").exists()
        assert not (gate_site.root / f"{prefix}convening/2023/programme").exists()
    sitemap = gate_site.read("sitemap.xml")
    assert "/2023/programme/" not in sitemap and "/2023/speakers/" not in sitemap
    for kind in ("day/2025-10-25/", "room/main-hall/", "track/digital-security/"):
        assert f"<loc>/{PROGRAMME}{kind}</loc>" in sitemap
        assert f"<loc>/en/{PROGRAMME}{kind}</loc>" in sitemap
    assert "<loc>/convening/2025/speakers/spkaaa/</loc>" in sitemap


def test_two_sessions_in_one_room_at_once_share_a_cell_and_nothing_is_dropped():
    def overlap(data):
        main = first_session(data)  # TSTAAA, Main Hall 10:00-10:45
        data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"].append(
            {**main, "guid": "0b5e7c1d-2025-5000-8000-0000000000ff", "code": "DAY",
             "id": 999, "date": "2025-10-25T10:30:00+03:00", "duration": "00:30"}
        )  # fmt: skip

    found, _ = read_export(edited(overlap))
    assert found is not None
    table = grid.day_grid(found.days[0], found.rooms)
    placed = [s.code for row in table.rows for cell in row.cells if cell for s in cell.sessions]
    assert sorted(placed) == sorted(s.code for s in found.days[0].sessions)
    first = table.rows[0].cells[0]
    assert [s.code for s in first.sessions] == ["TSTAAA", "DAY"]
    # 10:00, 10:30, 10:45, 11:00: the shared cell runs to the later end
    assert first.rows == 3
    # A session whose code is a folder beside the sessions' gets another address.
    assert by_code(found, "DAY").slug == "day-2"
