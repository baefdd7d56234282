"""A real public export (issue 22's quality bar): rC3 Channels' pretalx
export, four days, five rooms, five tracks, 48 sessions, 56 speakers
(tests/fixtures/programme/public/README.md). Taken in as `invoke programme`
takes it in, built once, and every count of the grid, room, track and
speaker pages checked against the export itself, in both languages."""

from __future__ import annotations

import collections
import unicodedata

import pytest

from tests.programme import public
from tests.programme.built import calendar
from tests.programme.schema import assert_valid, assert_valid_json
from tests.sitecheck import LANGS, BuiltSite, build

PROGRAMME = f"convening/{public.YEAR}/programme/"
SPEAKERS = f"convening/{public.YEAR}/speakers/"


def _sessions(export: dict) -> list[tuple[str, dict]]:
    """(the export's day, session) for every session of the export."""
    days = export["schedule"]["conference"]["days"]
    return [(day["date"], s) for day in days for room in day["rooms"].values() for s in room]


EXPORT = public.export()
SESSIONS = _sessions(EXPORT)
BY_DAY = collections.Counter(day for day, _ in SESSIONS)
ROOMS_BY_DAY = {
    day["date"]: [room for room, held in day["rooms"].items() if held]
    for day in EXPORT["schedule"]["conference"]["days"]
}
BY_ROOM = collections.Counter(s["room"] for _, s in SESSIONS)
BY_TRACK = collections.Counter(s["track"] for _, s in SESSIONS if s.get("track"))
SPEAKER_SESSIONS = collections.Counter(p["code"] for _, s in SESSIONS for p in s["persons"])


def test_the_export_is_what_the_quality_bar_asks_for():
    # several rooms and several days, or the tests below prove little
    assert len(BY_DAY) == 4 and len(BY_ROOM) == 5 and len(BY_TRACK) == 5
    assert len(SESSIONS) == 48 and len(SPEAKER_SESSIONS) == 56
    assert all(len(rooms) >= 2 for rooms in ROOMS_BY_DAY.values())


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> BuiltSite:
    work = tmp_path_factory.mktemp("public-site")
    content = public.public_content(work / "content")
    report = build(work, overrides={"PATH": str(content)}, search=False)
    return BuiltSite(report.output, siteurl="")


def _name(heading) -> str:
    """A room's or track's name in its page's <h1>, without the "Room:" label."""
    kind = heading.select_one(".programme-header__kind")
    if kind is not None:
        kind.extract()
    return heading.get_text(" ", strip=True)


@pytest.mark.parametrize("lang", LANGS)
def test_one_grid_per_day_with_a_column_per_room_that_day(public_site, lang):
    days = public_site.root / LANGS[lang] / PROGRAMME / "day"
    assert sorted(p.name for p in days.iterdir()) == sorted(BY_DAY)
    for day, count in BY_DAY.items():
        page = public_site.soup(f"{LANGS[lang]}{PROGRAMME}day/{day}/index.html")
        grid = page.select_one("[data-programme-grid]")
        columns = [th.get_text(strip=True) for th in grid.select("thead th")][1:]  # not "Time"
        assert columns == ROOMS_BY_DAY[day], day
        assert len(grid.select("article.grid-session")) == count, day


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("folder", "expected"), [("room", BY_ROOM), ("track", BY_TRACK)])
def test_a_page_and_a_calendar_per_room_and_track_with_its_sessions(
    public_site, lang, folder, expected
):
    found = {}
    for path in sorted((public_site.root / LANGS[lang] / PROGRAMME / folder).iterdir()):
        rel = f"{LANGS[lang]}{PROGRAMME}{folder}/{path.name}/"
        page = public_site.soup(rel + "index.html")
        name = _name(page.h1)
        found[name] = len(page.select("article.session-card"))
        by_day = {
            section["id"].removeprefix("day-"): len(section.select("article.session-card"))
            for section in page.select("section.programme-day")
        }
        key = "room" if folder == "room" else "track"
        held = collections.Counter(day for day, s in SESSIONS if s.get(key) == name)
        assert by_day == dict(held), name
        events = calendar(public_site, rel + f"{path.name}.ics").walk("VEVENT")
        assert len(events) == expected[name], name
    assert found == dict(expected)


def test_room_addresses_keep_the_letters_of_accented_names(public_site):
    rooms = sorted(p.name for p in (public_site.root / PROGRAMME / "room").iterdir())
    assert rooms == [
        "backspace-franconian-net-bamberg",
        "chaos-west-tv-ennepetal",
        "chaostrawler-stubnitz-gangeviertel-hamburg",  # Gängeviertel, not g-ngeviertel
        "hacc-munchen-about-future-munchen",
        "r3s-monheim-rhein",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_distinct_speaker(public_site, lang):
    folder = public_site.root / LANGS[lang] / SPEAKERS
    pages = sorted(p for p in folder.iterdir() if p.is_dir())
    assert len(pages) == len(SPEAKER_SESSIONS)
    listing = public_site.soup(f"{LANGS[lang]}{SPEAKERS}index.html")
    assert len(listing.select("li.speaker")) == len(SPEAKER_SESSIONS)
    linked = {a["href"] for a in listing.select("li.speaker h2 a")}
    assert linked == {f"/{LANGS[lang]}{SPEAKERS}{p.name}/" for p in pages}
    names = {p["code"]: p["public_name"] for _, s in SESSIONS for p in s["persons"]}
    by_name = collections.Counter()
    for path in pages:
        page = public_site.soup(f"{LANGS[lang]}{SPEAKERS}{path.name}/index.html")
        by_name[page.h1.get_text(strip=True)] += len(page.select("article.session-card"))
    expected = collections.Counter()
    for code, count in SPEAKER_SESSIONS.items():
        expected[unicodedata.normalize("NFC", names[code].strip())] += count
    assert by_name == expected


@pytest.mark.parametrize("lang", LANGS)
def test_every_session_page_links_its_room_and_track(public_site, lang):
    pages = 0
    for _, session in SESSIONS:
        rel = f"{LANGS[lang]}{PROGRAMME}{session['slug'].lower()}/"
        page = public_site.soup(rel + "index.html")
        room, track = page.select_one("a[data-room-link]"), page.select_one("a[data-track-link]")
        for link, name in ((room, session["room"]), (track, session["track"])):
            target = public_site.soup(link["href"].lstrip("/") + "index.html")
            assert _name(target.h1) == name == link.get_text(strip=True)
        # the one non-NFC run of the export is stored and shown composed
        main = page.main.get_text()
        assert unicodedata.is_normalized("NFC", main), rel
        pages += 1
    assert pages == len(SESSIONS)


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_xml_and_json_are_valid_and_hold_every_session(public_site, lang):
    guids = sorted(s["guid"] for _, s in SESSIONS)
    root = assert_valid((public_site.root / f"{LANGS[lang]}{PROGRAMME}schedule.xml").read_bytes())
    assert sorted(e.get("guid") for e in root.iter("event")) == guids
    assert [d.get("date") for d in root.iter("day")] == sorted(BY_DAY)
    data = assert_valid_json(
        (public_site.root / f"{LANGS[lang]}{PROGRAMME}schedule.json").read_bytes()
    )
    days = data["schedule"]["conference"]["days"]
    assert sorted(e["guid"] for d in days for r in d["rooms"].values() for e in r) == guids
    assert {d["date"]: sum(map(len, d["rooms"].values())) for d in days} == dict(BY_DAY)
    whole = calendar(public_site, f"{LANGS[lang]}{PROGRAMME}programme.ics").walk("VEVENT")
    assert sorted(str(e["UID"]).split("@")[0] for e in whole) == guids


def test_the_programme_pages_are_valid_html(public_site):
    """The Nu Html Checker over every page of the edition, in both languages."""
    from tests.gates.markup import vnu_problems

    folders = [public_site.root / LANGS[lang] / f"convening/{public.YEAR}" for lang in LANGS]
    problems = vnu_problems(*folders)
    assert all(not found for found in problems.values()), problems


@pytest.mark.browser
def test_the_new_page_kinds_pass_axe_on_a_phone_with_a_real_export(public_site, browser):
    """axe-core at WCAG 2.1 AA on the grid (three rooms), a room, a track and a
    speaker page of the real export, in both languages, at 390 px."""
    from tests.gates import a11y
    from tests.gates.pages import PHONE
    from tools.deploy.serve import serve_in_thread

    room = sorted((public_site.root / PROGRAMME / "room").iterdir())[0].name
    track = sorted((public_site.root / PROGRAMME / "track").iterdir())[0].name
    speaker = sorted(p.name for p in (public_site.root / SPEAKERS).iterdir() if p.is_dir())[0]
    paths = [f"{PROGRAMME}day/2020-12-27/", f"{PROGRAMME}room/{room}/",
             f"{PROGRAMME}track/{track}/", f"{SPEAKERS}{speaker}/"]  # fmt: skip
    httpd, base = serve_in_thread(public_site.root)
    context = a11y.axe_context(browser, PHONE)
    try:
        page = context.new_page()
        for lang in LANGS:
            for path in paths:
                response = page.goto(f"{base}/{LANGS[lang]}{path}", wait_until="load")
                assert response is not None and response.status == 200, path
                assert a11y.axe_violations(page) == [], f"{lang}: {path}"
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
