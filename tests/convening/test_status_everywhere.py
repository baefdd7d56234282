"""One event status, set once, in every output it reaches (issue 17, items 2-4).

The 2025 edition of a copy of content/ gets the bilingual fixture programme
(tests/programme/sites.py) and one Event-Status per build; each status is
built once before the edition (2025-10-01) and once after its dates
(2025-11-15). For each, in both languages: the edition page, its JSON-LD and
.ics, the archive card, the home page's countdown, the programme, speakers
and every session page (notice, room, "add to calendar"), every JSON-LD
block under the edition, programme.ics and every session's .ics (parsed with
icalendar), and schedule.xml.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.convening.test_event_status import say
from tests.programme.sites import programme_content
from tests.sitecheck import LANGS
from tests.sitecheck import build as build_site

STATUSES = ("scheduled", "postponed", "cancelled", "moved-online", "rescheduled")
BEFORE, AFTER = "2025-10-01T12:00+03:00", "2025-11-15T12:00+02:00"
ICS = {"postponed": "TENTATIVE", "cancelled": "CANCELLED"}  # else CONFIRMED
SCHEMA = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved-online": "EventMovedOnline",
    "rescheduled": "EventRescheduled",
}
LABEL = {
    "postponed": "Postponed",
    "cancelled": "Cancelled",
    "moved-online": "Moved online",
    "rescheduled": "Rescheduled",
}
ROOMS = {"Main Hall", "Room B"}  # the fixture's rooms, as written (LOCATION is not translated)
PLACE = {"en": ("Example Hotel", "Beirut"), "ar": ("فندق المثال", "بيروت")}
PREVIOUS = "2025-10-11 09:00"  # the rescheduled edition's Previous-Start
NOTICE = {
    "postponed": "%(title)s is postponed. These times no longer hold; new dates will be announced.",
    "cancelled": "%(title)s is cancelled. These sessions will not take place.",
    "moved-online": "%(title)s has moved online. Sessions take place online, not at a venue.",
    "rescheduled": "%(title)s was moved to new dates; it was to start on %(date)s.",
}


def title(lang: str) -> str:
    return "Bread&Net 2025" if lang == "en" else "خبز ونت 2025"


def edition_file(status: str, lang: str) -> str:
    online = status == "moved-online"
    venue, city = PLACE[lang]
    lines = [f"Title: {title(lang)}", f"Lang: {lang}", "Slug: 2025", "Year: 2025"]
    lines += [f"Format: {'online' if online else 'in-person'}", f"Event-Status: {status}"]
    if not online:  # the check refuses a place for an online edition
        lines += [f"Venue: {venue}", f"City: {city}"]
    lines += ["Start: 2025-10-25 09:00", "End: 2025-10-26 18:00"]
    if status == "rescheduled":
        lines.append(f"Previous-Start: {PREVIOUS}")
    lines.append("Summary: The 2025 edition.")
    return "\n".join(lines) + "\n\nStory.\n"


class Site:
    def __init__(self, root: Path):
        self.root = root

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / rel).read_text(encoding="utf-8"), "lxml")

    def events(self, rel: str) -> list:
        return icalendar.Calendar.from_ical((self.root / rel).read_bytes()).walk("VEVENT")


@pytest.fixture(scope="module", params=STATUSES)
def built(request, tmp_path_factory):
    """(status, {"before": Site, "after": Site}): one content copy, two instants."""
    status = request.param
    work = tmp_path_factory.mktemp(f"status-{status}")
    content = programme_content(work / "content", {2025: "bilingual.json"})
    for lang in LANGS:
        path = content / lang / "editions" / "2025.md"
        path.write_text(edition_file(status, lang), encoding="utf-8")
    sites = {}
    for name, now in (("before", BEFORE), ("after", AFTER)):
        # the scheduled build also turns on the feedback links (issue 22): no build of its own
        overrides = {"PATH": str(content), "SITE_PROGRAMME_FEEDBACK": status == "scheduled"}
        report = build_site(work, name=name, now=now, search=False, overrides=overrides)
        sites[name] = Site(report.output)
    return status, sites


def pages_of_the_programme(site: Site, lang: str, online: bool = False) -> list[str]:
    folder = site.root / f"{LANGS[lang]}convening/2025"
    found = [folder / "programme/index.html", folder / "speakers/index.html"]
    found += sorted(folder.glob("programme/tst*/index.html"))
    assert len(found) == 9, found  # programme, speakers, 7 sessions
    # issue 22's pages: My agenda, the tracks, the speakers; the day grids and
    # the rooms only where a room is a place
    beside = [folder / "programme/agenda/index.html"]
    beside += sorted(folder.glob("programme/track/*/index.html"))
    beside += sorted(folder.glob("speakers/*/index.html"))
    grids = sorted(folder.glob("programme/day/*/index.html"))
    rooms = sorted(folder.glob("programme/room/*/index.html"))
    assert (len(grids), len(rooms)) == ((0, 0) if online else (2, 2)), (grids, rooms)
    assert len(beside) == 1 + 2 + 4, beside
    return [str(path.relative_to(site.root)) for path in found + beside + grids + rooms]


def previous_text(site: Site, lang: str) -> str:
    dd = site.soup(f"{LANGS[lang]}convening/2025/index.html").select_one(".edition-facts__previous")
    assert dd.time["datetime"] == "2025-10-11T09:00:00+03:00"
    return dd.get_text(strip=True)


# --- the edition: page, JSON-LD, .ics, archive ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_edition_page_facts_and_add_to_calendar(built, lang):
    status, sites = built
    page = sites["before"].soup(f"{LANGS[lang]}convening/2025/index.html")
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in page.select(".edition__header .edition-facts > div")
    }
    assert facts.get(say(lang, "Status")) == (say(lang, LABEL[status]) if status in LABEL else None)
    holds = status not in ("postponed", "cancelled")
    when = say(lang, "When") if holds else say(lang, "Originally planned for")
    assert when in facts and (say(lang, "When") in facts) is holds
    online = status == "moved-online"
    assert facts[say(lang, "Format")] == say(lang, "Online" if online else "In person")
    where = facts.get(say(lang, "Where"))
    assert (where is None) if online else (PLACE[lang][0] in where and PLACE[lang][1] in where)
    assert (say(lang, "Moved from") in facts) is (status == "rescheduled")
    buttons = page.select(".edition__actions a[download]")
    assert bool(buttons) is holds  # postponed, cancelled: the old dates are not offered
    # nor shown as an opening and a closing still to come
    steps = [step.select_one(".timeline__what").get_text() for step in page.select(".timeline li")]
    opening = [say(lang, "Opening of the convening"), say(lang, "Closing of the convening")]
    assert steps == (opening if holds else [])


@pytest.mark.parametrize("lang", LANGS)
def test_edition_jsonld(built, lang):
    status, sites = built
    page = sites["before"].soup(f"{LANGS[lang]}convening/2025/index.html")
    (data,) = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert data["eventStatus"] == "https://schema.org/" + SCHEMA[status]
    online = status == "moved-online"
    assert data["location"]["@type"] == ("VirtualLocation" if online else "Place")
    assert ("address" in data["location"]) is not online
    mode = "Online" if online else "Offline"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    if status == "rescheduled":
        assert data["previousStartDate"] == "2025-10-11T09:00:00+03:00"
        assert data["startDate"] == "2025-10-25T09:00:00+03:00"
    else:
        assert "previousStartDate" not in data


@pytest.mark.parametrize("lang", LANGS)
def test_edition_ics(built, lang):
    status, sites = built
    (event,) = sites["before"].events(f"{LANGS[lang]}convening/2025/bread-and-net-2025.ics")
    assert str(event["status"]) == ICS.get(status, "CONFIRMED")
    location = str(event["location"])
    if status == "moved-online":
        assert location == say(lang, "Online")
    else:
        assert location == f"{PLACE[lang][0]}, {PLACE[lang][1]}"
    description = str(event["description"])
    if status in LABEL:
        assert description.startswith(say(lang, LABEL[status]) + "\n\n"), description
    else:
        assert description.startswith("The 2025 edition.")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("when", ["before", "after"])
def test_archive_card(built, when, lang):
    status, sites = built
    card = sites[when].soup(f"{LANGS[lang]}convening/index.html").select_one("#edition-2025")
    shown = card.select_one(".edition-facts__status")
    assert (shown.get_text(strip=True) if shown else None) == (
        say(lang, LABEL[status]) if status in LABEL else None
    )
    badge = card.select_one(".badge")
    badge = badge.get_text(strip=True) if badge else None
    if status == "cancelled" or (when == "after" and status != "postponed"):
        assert badge is None
    else:  # a postponed edition is still to come, its old dates passed or not
        assert badge == say(lang, "Upcoming")
    calendar = card.select("a[download]")
    assert bool(calendar) is (when == "before" and status not in ("postponed", "cancelled"))


# --- the home page's countdown, before and after the old dates ---------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_home_before_the_edition(built, lang):
    status, sites = built
    box = sites["before"].soup(f"{LANGS[lang]}index.html").select_one("section.countdown")
    heading = box.select_one(".countdown__title").get_text(strip=True)
    words = box.get_text(" ", strip=True)
    assert say(lang, "%(title)s has concluded", title=title(lang)) not in words
    links = box.select("a[download]")
    if status == "postponed":
        assert "countdown--postponed" in box["class"]
        assert heading == say(lang, "%(title)s is postponed", title=title(lang))
        assert not links and not box.has_attr("data-countdown")
    elif status == "cancelled":
        assert "countdown--cancelled" in box["class"]
        assert heading == say(lang, "%(title)s is cancelled", title=title(lang))
        assert box.select_one(".countdown__status").get_text(strip=True) == say(
            lang, "It will not take place."
        )
        assert not links and not box.has_attr("data-countdown")
    else:
        assert box.has_attr("data-countdown")
        assert heading == say(lang, "Next: %(title)s", title=title(lang))
        assert len(links) == 1  # add to calendar: these dates hold
    meta = box.select_one(".countdown__meta").get_text()
    if status == "moved-online":
        assert say(lang, "Online") in meta and say(lang, "Moved online") in meta
        assert not any(word in meta for word in PLACE[lang])
    elif status == "rescheduled":
        moved = say(lang, "Moved from %(date)s", date=previous_text(sites["before"], lang))
        assert moved in meta
    else:
        assert PLACE[lang][1] in meta


@pytest.mark.parametrize("lang", LANGS)
def test_home_after_the_old_dates(built, lang):
    status, sites = built
    box = sites["after"].soup(f"{LANGS[lang]}index.html").select_one("section.countdown")
    heading = box.select_one(".countdown__title").get_text(strip=True)
    concluded = say(lang, "%(title)s has concluded", title=title(lang))
    if status == "postponed":  # never "concluded": it has not taken place
        assert heading == say(lang, "%(title)s is postponed", title=title(lang))
        assert concluded not in box.get_text(" ", strip=True)
        assert not box.select("a[download], [data-countdown-target]")
    elif status == "cancelled":  # it did not take place: the last one that did
        other = "Bread&Net 2023" if lang == "en" else "خبز ونت 2023"
        assert heading == say(lang, "%(title)s has concluded", title=other)
        assert title(lang) not in box.get_text()
    else:
        assert heading == concluded


# --- the programme: every page, every JSON-LD block, every calendar, schedule.xml ---------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_programme_page_carries_the_status(built, lang):
    status, sites = built
    site = sites["before"]
    holds = status not in ("postponed", "cancelled")
    online = status == "moved-online"
    for rel in pages_of_the_programme(site, lang, online):
        page = site.soup(rel)
        notices = page.select(".status-notice")
        if status == "scheduled":
            assert notices == [], rel
        else:
            (notice,) = notices
            values = {"title": title(lang)}
            if status == "rescheduled":
                values["date"] = previous_text(site, lang)
            assert notice.get_text(" ", strip=True) == say(lang, NOTICE[status], **values), rel
        # online: no room named anywhere (cards, a session's facts, the filters)
        rooms = page.select(".session-card__meta li") + page.select(".session-facts dt")
        named = [el for el in rooms if say(lang, "Room") in el.get_text()]
        named += page.select("[data-programme-grid] thead th a")  # a grid's columns
        assert (named == []) is online, rel
        offered = page.select(
            ".session__calendar a[download], .programme-header__links a[download]"
        )
        if not any(part in rel for part in ("/speakers/", "/day/", "/agenda/")):
            assert bool(offered) is holds, rel
        if "/agenda/" in rel:  # the agenda's own calendar file: the edition's status
            export = page.select("[data-agenda-export]")
            assert bool(export) is holds, rel
            assert all(e["data-status"] == ICS.get(status, "CONFIRMED") for e in export)
        cards = page.select("article.session-card")
        assert len(page.select(".session-card__room")) == (0 if online else len(cards)), rel
        if rel.endswith("programme/index.html"):
            # "now and next" in the browser only while the times hold
            assert bool(page.select("[data-programme-now]")) is holds
            rooms = page.select("#filter-room option")
            assert (rooms == []) if online else len(rooms) == 3  # all rooms, and two


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_links_only_where_the_setting_turns_them_on(built, lang):
    """SITE_PROGRAMME_FEEDBACK (on in the scheduled build only): each session
    page links to the export's feedback_url, an https address on pretalx."""
    status, sites = built
    site = sites["before"]
    folder = site.root / f"{LANGS[lang]}convening/2025/programme"
    links = {}
    for path in sorted(folder.glob("tst*/index.html")):
        found = site.soup(str(path.relative_to(site.root))).select("[data-feedback-link]")
        links[path.parent.name] = [a["href"] for a in found]
    if status != "scheduled":
        assert all(found == [] for found in links.values()), links
        return
    assert links["tstaaa"] == ["https://pretalx.example/bread-and-net-2025/talk/TSTAAA/feedback/"]
    assert sum(len(found) for found in links.values()) >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_every_jsonld_block_under_the_edition(built, lang):
    status, sites = built
    site = sites["before"]
    blocks = []
    for path in sorted((site.root / f"{LANGS[lang]}convening/2025").rglob("index.html")):
        page = site.soup(str(path.relative_to(site.root)))
        blocks += [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    assert len(blocks) == 8  # the edition and 7 sessions
    for data in blocks:
        assert data["eventStatus"] == "https://schema.org/" + SCHEMA[status]
        if status == "moved-online":
            assert data["location"]["@type"] == "VirtualLocation", data
        else:
            assert data["location"]["@type"] == "Place", data
    sessions = [d for d in blocks if "superEvent" in d]
    assert len(sessions) == 7
    if status != "moved-online":
        assert {d["location"]["name"] for d in sessions} == ROOMS


@pytest.mark.parametrize("lang", LANGS)
def test_programme_ics_and_every_session_ics(built, lang):
    status, sites = built
    site = sites["before"]
    base = f"{LANGS[lang]}convening/2025/programme/"
    events = site.events(base + "programme.ics")
    files = sorted((site.root / base).glob("*/*.ics"))
    assert len(events) == len(files) == 7
    for path in files:
        events += site.events(str(path.relative_to(site.root)))
    groups = sorted((site.root / base).glob("*/*/*.ics"))  # rooms' and tracks' (issue 22)
    assert len(groups) == (2 if status == "moved-online" else 4), groups
    for path in groups:
        events += site.events(str(path.relative_to(site.root)))
    expected = ICS.get(status, "CONFIRMED")
    for event in events:
        assert str(event["status"]) == expected
        location = str(event["location"])
        if status == "moved-online":
            assert location == say(lang, "Online")
        else:
            assert location in ROOMS


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_xml(built, lang):
    """frab's schedule.xml (the c3voc schema) has no element for an event's
    status: under every status it stays valid, keeps the sessions and their
    rooms (apps group parallel sessions by them), and the programme page
    beside it says the status."""
    from tests.programme.schema import XSD, assert_valid

    _status, sites = built
    path = sites["before"].root / f"{LANGS[lang]}convening/2025/programme/schedule.xml"
    root = assert_valid(path.read_bytes())
    assert len(root.findall("day/room/event")) == 7
    assert {room.get("name") for room in root.iterfind("day/room")} == ROOMS
    assert "status" not in XSD.read_text(encoding="utf-8").lower()


# --- what the editors read ------------------------------------------------------------------


def test_the_docs_say_what_to_change_for_each_status_and_every_countdown_milestone():
    from smex_site.convening.model import EVENT_STATUSES, MILESTONES
    from tests.sitecheck import ROOT

    text = (ROOT / "docs/editions.md").read_text(encoding="utf-8")
    section = text.split("## When the event changes", 1)[1].split("\n## ", 1)[0]
    for status in EVENT_STATUSES:
        assert f"`Event-Status: {status}`" in section, status
    for line in ("`Previous-Start:`", "`Format: online`", "`Venue:`", "`City:`"):
        assert line in section, line
    countdown = text.split("- The home page of both languages", 1)[1].split("\n\n", 1)[0]
    for milestone in MILESTONES:
        assert f"(`{milestone}`)" in countdown, milestone
    for lang in ("en", "ar"):
        guide = (ROOT / f"docs/editors-guide.{lang}.md").read_text(encoding="utf-8")
        for words in ("Event-Status:", "Previous-Start:", "Format: online", "When the event"):
            assert words in guide, (lang, words)


def test_invoke_check_refuses_what_contradicts_the_status(tmp_path):
    """Through the command line an editor runs: each contradiction on its own
    line, with the file, the line and what to write instead."""

    from tests.sitecheck import invoke

    content = tmp_path / "content"
    copy_content(content)
    en, ar = content / "en/editions/2025.md", content / "ar/editions/2025.md"
    for path in (en, ar):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        lines = [line for line in head.splitlines() if not line.startswith("Start:")]
        lines += ["Event-Status: moved-online", "Venue: Example Hotel", "Start: 2025-10-25"]
        path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    text = en.read_text(encoding="utf-8")
    en.write_text(text.replace("Lang: en", "Lang: en\nStatus: postponed"), encoding="utf-8")
    done = invoke("check", "--path", str(content))
    assert done.returncode != 0

    def line_of(path, key: str) -> int:
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
        return next(i for i, ln in enumerate(head, 1) if ln.startswith(key + ":"))

    # the English file's Status line is wrong: its other checks wait for it;
    # the Arabic file shows every contradiction, each on its own line
    rel = "content/ar/editions/2025.md"
    expected = [
        (
            f"content/en/editions/2025.md:{line_of(en, 'Status')}: status: 'postponed' is an "
            "event status, not a publishing status; expected 'Event-Status: postponed'"
        ),
        f"{rel}:{line_of(ar, 'Format')}: format: Format: in-person with Event-Status: moved-online",
        f"{rel}:{line_of(ar, 'Venue')}: venue: 'Example Hotel' is a place",
        f"{rel}:{line_of(ar, 'City')}: city: 'بيروت' is a place",
    ]
    for words in expected:
        assert words in done.stdout, (words, done.stdout)
    assert "expected 'Format: online'" in done.stdout


# --- what a visitor sees, in Chromium ---------------------------------------------------------


@pytest.mark.browser
def test_chromium_status_words_are_accessible_and_stay_put(built, browser):
    """After the old dates, in Chromium: the notice (or its absence) and the
    home page's countdown pass axe at WCAG 2.1 AA, and once the page's
    scripts have run a postponed or cancelled edition is never "concluded"."""
    from tests.gates.a11y import axe_context, axe_violations
    from tools.deploy.serve import serve_in_thread

    status, sites = built
    httpd, base = serve_in_thread(sites["after"].root)
    context = axe_context(browser, 390)
    try:
        page = context.new_page()
        page.clock.install(time=dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
        for lang, prefix in LANGS.items():
            for path in ("", "convening/2025/programme/tstaaa/"):
                page.goto(f"{base}/{prefix}{path}")
                page.wait_for_load_state("load")
                assert axe_violations(page) == [], (lang, path)
                words = page.locator("main").inner_text()
                concluded = say(lang, "%(title)s has concluded", title=title(lang))
                if status in ("postponed", "cancelled"):
                    assert concluded not in words, (lang, path)
                if path:
                    notices = page.locator(".status-notice")
                    assert notices.count() == (0 if status == "scheduled" else 1)
                    assert status == "scheduled" or notices.is_visible()
            if status == "postponed":
                page.goto(f"{base}/{prefix}")
                heading = page.locator(".countdown__title").inner_text()
                assert heading == say(lang, "%(title)s is postponed", title=title(lang))
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
