"""Editions x every event status, and the countdown's phases, on real builds.

A copy of content/ gets one edition per event status (Event-Status:
scheduled, postponed, cancelled, moved-online, rescheduled), a year each, and
a 2036 edition with every milestone and a start time but no end. The copy is
built once per instant that puts a different edition, or phase, on the home
page; each build is shared by the tests that read it.

For each status: the edition page says it, its JSON-LD has the schema.org
eventStatus, its .ics the iCalendar STATUS, the archive card says it, and the
countdown on the home page and on the edition page uses the right words.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.sitecheck import LANGS
from tests.sitecheck import build as build_site

BEIRUT = ZoneInfo("Asia/Beirut")
STATUSES = {  # year -> event status
    2030: "scheduled",
    2031: "postponed",
    2032: "cancelled",
    2033: "moved-online",
    2034: "rescheduled",
}
SCHEMA = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
    "moved-online": "EventMovedOnline",
    "rescheduled": "EventRescheduled",
}
ICS = {
    "scheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
    "moved-online": "CONFIRMED",
    "rescheduled": "CONFIRMED",
}
LABEL = {  # the Status fact (a scheduled edition has none: it is the normal case)
    "postponed": "Postponed",
    "cancelled": "Cancelled",
    "moved-online": "Moved online",
    "rescheduled": "Rescheduled",
}
# The 2036 edition: the call opens, closes, registration opens; a start, no end.
CALL_OPENS, CALL_CLOSES = "2036-02-02 09:00", "2036-03-01 23:59"
REGISTRATION_OPENS, OPENING = "2036-04-01 09:00", "2036-06-10 09:00"


def beirut(local: str) -> str:
    """An instant in Beirut's local time, with its offset (DST included)."""
    return dt.datetime.fromisoformat(local).replace(tzinfo=BEIRUT).isoformat()


def instant(local: str) -> dt.datetime:
    return dt.datetime.fromisoformat(local).replace(tzinfo=BEIRUT)


NOWS = {  # name -> the build's "now"
    "scheduled": beirut("2030-05-01 12:00"),  # 2030 is next
    "postponed": beirut("2031-05-01 12:00"),  # 2031 is next, postponed
    "cancelled": beirut("2032-05-01 12:00"),  # 2032 is next but cancelled: 2033 instead
    "rescheduled": beirut("2034-05-01 12:00"),
    "before-call": beirut("2036-01-15 12:00"),
    "call-open": beirut("2036-02-15 12:00"),
    "registration": beirut("2036-03-15 12:00"),
    "registration-open": beirut("2036-04-15 12:00"),
    "opening": beirut(OPENING),
    "after": beirut("2036-06-11 12:00"),
}


@cache
def catalog(lang: str) -> dict[str, str]:
    path = ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def say(lang: str, msgid: str, **values) -> str:
    """A UI string as the page writes it in `lang`."""
    text = msgid if lang == "en" else catalog("ar")[msgid]
    return text % values if values else text


def title(year: int, lang: str) -> str:
    return f"Bread&Net {year}" if lang == "en" else f"خبز ونت {year}"


def edition_file(year: int, lang: str) -> str:
    status = STATUSES.get(year)
    city = "Beirut" if lang == "en" else "بيروت"
    lines = [f"Title: {title(year, lang)}", f"Lang: {lang}", f"Slug: {year}", f"Year: {year}"]
    lines.append(f"City: {city}")
    if year == 2036:
        lines += [
            "Format: in-person",
            f"Start: {OPENING}",
            f"Milestones: call-opens {CALL_OPENS}; call-closes {CALL_CLOSES};",
            f"    registration-opens {REGISTRATION_OPENS}",
        ]
    else:
        # moved online: the file says it is online and gives no place (the check
        # refuses a Venue or City); rescheduled: the date it was to start
        lines = lines[:-1] if status == "moved-online" else lines
        lines += [
            f"Format: {'online' if status == 'moved-online' else 'in-person'}",
            f"Event-Status: {status}",
            f"Start: {year}-05-20 09:00",
            f"End: {year}-05-21 18:00",
        ]
        if status == "rescheduled":
            lines.append(f"Previous-Start: {year}-05-13 09:00")
    lines.append(f"Summary: The {year} edition.")
    return "\n".join(lines) + "\n\nStory.\n"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("statuses") / "content"
    copy_content(folder)
    for year in [*STATUSES, 2036]:
        for lang in LANGS:
            (folder / lang / "editions" / f"{year}.md").write_text(
                edition_file(year, lang), encoding="utf-8"
            )
    return folder


class Built:
    def __init__(self, root: Path):
        self.root = root

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / rel).read_text(encoding="utf-8"), "lxml")

    def countdown(self, rel: str):
        return self.soup(rel).select_one("section.countdown")


@pytest.fixture(scope="module")
def at(content):
    """at(name) -> the site built at NOWS[name] (each built once, when first asked)."""
    builds: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in builds:
            report = build_site(
                content.parent,
                name=name,
                now=NOWS[name],
                search=False,
                overrides={"PATH": str(content)},
            )
            builds[name] = Built(report.output)
        return builds[name]

    return get


def visible_target(box):
    shown = [t for t in box.select("[data-countdown-target]") if not t.has_attr("hidden")]
    assert len(shown) == 1, box
    return shown[0]


def heading(box) -> str:
    return box.select_one(".countdown__title").get_text(strip=True)


# --- every status: page, JSON-LD, calendar, archive ----------------------------------------


CASES = [(year, status, lang) for year, status in STATUSES.items() for lang in LANGS]
CASE_IDS = [f"{status}-{lang}" for _, status, lang in CASES]


@pytest.mark.parametrize(("year", "status", "lang"), CASES, ids=CASE_IDS)
def test_edition_page_says_its_status(at, year, status, lang):
    page = at("scheduled").soup(f"{LANGS[lang]}convening/{year}/index.html")
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in page.select(".edition__header .edition-facts > div")
    }
    if status == "scheduled":
        assert say(lang, "Status") not in facts
    else:
        assert facts[say(lang, "Status")] == say(lang, LABEL[status])


@pytest.mark.parametrize(("year", "status", "lang"), CASES, ids=CASE_IDS)
def test_jsonld_event_status_and_attendance(at, year, status, lang):
    page = at("scheduled").soup(f"{LANGS[lang]}convening/{year}/index.html")
    (script,) = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["eventStatus"] == f"https://schema.org/{SCHEMA[status]}"
    mode = "Online" if status == "moved-online" else "Offline"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    place = data["location"]["@type"]
    assert place == ("VirtualLocation" if status == "moved-online" else "Place")


@pytest.mark.parametrize(("year", "status", "lang"), CASES, ids=CASE_IDS)
def test_ics_status(at, year, status, lang):
    path = at("scheduled").root / f"{LANGS[lang]}convening/{year}/bread-and-net-{year}.ics"
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["status"]) == ICS[status]
    assert str(event["uid"]) == f"bread-and-net-{year}@smex.org"
    assert event.decoded("dtstart") == instant(f"{year}-05-20 09:00")


@pytest.mark.parametrize(("year", "status", "lang"), CASES, ids=CASE_IDS)
def test_archive_card_says_its_status(at, year, status, lang):
    archive = at("scheduled").soup(f"{LANGS[lang]}convening/index.html")
    card = archive.select_one(f"#edition-{year}")
    assert card is not None, f"{year} is not in the archive"
    shown = card.select_one(".edition-facts__status")
    if status == "scheduled":
        assert shown is None
    else:
        assert shown.get_text(strip=True) == say(lang, LABEL[status])
    badge = card.select_one(".badge")
    # a cancelled edition is not "upcoming": it will not take place
    if status == "cancelled":
        assert badge is None, badge
    else:
        assert badge.get_text(strip=True) == say(lang, "Upcoming")


@pytest.mark.parametrize("lang", LANGS)
def test_archive_lists_every_status_newest_first(at, lang):
    archive = at("scheduled").soup(f"{LANGS[lang]}convening/index.html")
    years = [
        int(li["id"].removeprefix("edition-")) for li in archive.select("ol.edition-list > li")
    ]
    assert years[:6] == [2036, 2034, 2033, 2032, 2031, 2030]


# --- the countdown's words for each status --------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["index.html", "convening/{year}/index.html"])
@pytest.mark.parametrize(
    ("build", "year", "status"),
    [("scheduled", 2030, "scheduled"), ("rescheduled", 2034, "rescheduled")],
)
def test_countdown_to_a_scheduled_or_rescheduled_edition(at, build, year, status, where, lang):
    box = at(build).countdown(LANGS[lang] + where.format(year=year))
    assert box.has_attr("data-countdown")
    assert heading(box) == say(lang, "Next: %(title)s", title=title(year, lang))
    target = visible_target(box)
    assert target["data-key"] == "start"
    assert target.select_one("time")["datetime"] == beirut(f"{year}-05-20 09:00")
    left = target.select_one("[data-countdown-left]").get_text(strip=True)
    # 1 May 12:00 to 20 May 09:00: 18 whole days
    if lang == "en":
        assert left == "18 days left"
    else:
        assert left.startswith("تبقّى ") and "18" in left, left


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["index.html", "convening/2031/index.html"])
def test_countdown_to_a_postponed_edition_counts_nothing(at, where, lang):
    built = at("postponed")
    box = built.countdown(LANGS[lang] + where)
    assert "countdown--postponed" in box["class"]
    assert heading(box) == say(lang, "%(title)s is postponed", title=title(2031, lang))
    status = box.select_one(".countdown__status").get_text(strip=True)
    assert status == say(lang, "New dates will be announced here.")
    assert not box.has_attr("data-countdown")
    assert box.select("[data-countdown-target], time[datetime]") == []
    assert not box.select("a[download]")  # no "add to calendar" while postponed
    scripts = [s["src"] for s in built.soup(LANGS[lang] + where).select("script[src]")]
    assert not [src for src in scripts if "countdown" in src]


@pytest.mark.parametrize("lang", LANGS)
def test_a_cancelled_edition_is_never_counted_down_to(at, lang):
    built = at("cancelled")
    box = built.countdown(f"{LANGS[lang]}index.html")
    # 2032 (cancelled) is the earliest ahead; the countdown skips to 2033 and
    # says that 2032 is cancelled, rather than dropping it silently
    assert heading(box) == say(lang, "Next: %(title)s", title=title(2033, lang))
    (note,) = box.select(".countdown__cancelled")
    assert note.get_text(strip=True) == say(lang, "%(title)s is cancelled", title=title(2032, lang))
    assert note.a["href"] == f"/{LANGS[lang]}convening/2032/"
    assert visible_target(box).select_one("time")["datetime"] == beirut("2033-05-20 09:00")
    assert built.countdown(f"{LANGS[lang]}convening/2032/index.html") is None
    moved = built.countdown(f"{LANGS[lang]}convening/2033/index.html")
    assert heading(moved) == heading(box)
    facts = built.soup(f"{LANGS[lang]}convening/2033/index.html").select_one(
        ".edition__header .edition-facts__status"
    )
    assert facts.get_text(strip=True) == say(lang, "Moved online")
    # the countdown says it moved online, not the city it was to be held in
    meta = box.select_one(".countdown__meta").get_text()
    assert say(lang, "Moved online") in meta
    assert ("Beirut" if lang == "en" else "بيروت") not in meta


@pytest.mark.parametrize("build", ["scheduled", "postponed", "cancelled", "rescheduled"])
def test_only_the_current_edition_page_has_a_countdown(at, build):
    current = {"scheduled": 2030, "postponed": 2031, "cancelled": 2033, "rescheduled": 2034}
    built = at(build)
    for year in [*STATUSES, 2036]:
        for prefix in LANGS.values():
            box = built.countdown(f"{prefix}convening/{year}/index.html")
            assert (box is not None) == (year == current[build]), (build, year)


# --- the countdown's phases: call opens, registration, happening now, concluded ---------------


@pytest.mark.parametrize("lang", LANGS)
def test_before_the_call_opens_it_counts_down_to_call_opens(at, lang):
    box = at("before-call").countdown(f"{LANGS[lang]}index.html")
    target = visible_target(box)
    assert target["data-key"] == "call-opens"  # not call-closes
    assert target.select_one("time")["datetime"] == beirut(CALL_OPENS)
    what = target.select_one(".countdown__what").get_text(strip=True)
    assert what == say(lang, "%(what)s:", what=say(lang, "Call for proposals opens"))
    assert box.select_one("[data-countdown-status]").get_text(strip=True) == ""
    keys = [t["data-key"] for t in box.select("[data-countdown-target]")]
    assert keys == ["call-opens", "call-closes", "registration-opens", "start", "end"]


@pytest.mark.parametrize("lang", LANGS)
def test_registration_opens_is_counted_down(at, lang):
    box = at("registration").countdown(f"{LANGS[lang]}index.html")
    target = visible_target(box)
    assert target["data-key"] == "registration-opens"
    assert target.select_one("time")["datetime"] == beirut(REGISTRATION_OPENS)
    what = target.select_one(".countdown__what").get_text(strip=True)
    assert what == say(lang, "%(what)s:", what=say(lang, "Registration opens"))
    status = box.select_one("[data-countdown-status]").get_text(strip=True)
    assert status == say(lang, "The call for proposals has closed.")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("build", "passed", "next_key", "status"),
    [
        ("call-open", "call-opens", "call-closes", "The call for proposals is open."),
        ("registration-open", "registration-opens", "start", "Registration is open."),
    ],
)
def test_after_a_milestone_the_status_line_says_so(at, lang, build, passed, next_key, status):
    box = at(build).countdown(f"{LANGS[lang]}index.html")
    assert visible_target(box)["data-key"] == next_key
    line = box.select_one("[data-countdown-status]").get_text(strip=True)
    assert line == say(lang, status)
    # the script says the same words when the milestone passes in the browser
    before = at("before-call").countdown(f"{LANGS[lang]}index.html")
    done = before.select_one(f'[data-countdown-target][data-key="{passed}"]')["data-done"]
    assert done == say(lang, status)


@pytest.mark.parametrize(
    "msgid",
    [
        *LABEL.values(),
        "The call for proposals is open.",
        "The call for proposals has closed.",
        "Registration is open.",
        "The programme is out.",
        "Happening now.",
        "%(title)s is postponed",
        "%(title)s is happening now",
        "%(title)s has concluded",
        "New dates will be announced here.",
        "Upcoming",
    ],
)
def test_every_status_word_is_translated(msgid):
    """A word the convening's templates print, missing from the catalog, would
    be English on Arabic pages (the .pot lagged the templates once)."""
    assert catalog("ar").get(msgid), msgid


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["index.html", "convening/2036/index.html"])
def test_a_start_without_end_is_happening_at_its_opening_instant(at, where, lang):
    box = at("opening").countdown(LANGS[lang] + where)
    words = box.get_text(" ", strip=True)
    assert heading(box) == say(lang, "%(title)s is happening now", title=title(2036, lang))
    assert say(lang, "%(title)s has concluded", title=title(2036, lang)) not in words
    assert say(lang, "Exact dates will be announced here.") not in words
    status = box.select_one("[data-countdown-status]").get_text(strip=True)
    assert status == say(lang, "Happening now.")
    target = visible_target(box)
    assert target["data-key"] == "end" and target.has_attr("data-implicit")
    assert target.get_text(strip=True) == ""  # no closing time is claimed


@pytest.mark.parametrize("lang", LANGS)
def test_the_day_after_it_has_concluded(at, lang):
    built = at("after")
    box = built.countdown(f"{LANGS[lang]}index.html")
    assert "countdown--concluded" in box["class"]
    assert heading(box) == say(lang, "%(title)s has concluded", title=title(2036, lang))
    assert not box.has_attr("data-countdown")
    assert built.countdown(f"{LANGS[lang]}convening/2036/index.html") is None


# --- the same in Chromium, the clock frozen at the opening instant -------------------------


def _open(page, url, at):
    page.clock.install(time=at)
    page.goto(url)
    page.wait_for_selector("section.countdown[data-countdown-state]", state="attached")


@pytest.fixture(scope="module")
def serve_build(at):
    from tools.deploy.serve import serve_in_thread

    servers = {}

    def get(name: str) -> str:
        if name not in servers:
            servers[name] = serve_in_thread(at(name).root)
        return servers[name][1]

    yield get
    for httpd, _ in servers.values():
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("build", ["registration", "opening"])
@pytest.mark.parametrize("path", ["/en/", "/en/convening/2036/"])
def test_chromium_at_the_opening_instant_says_happening_now(page, serve_build, build, path):
    """Built before the event (registration) or at its opening: either way the
    visitor's browser at 09:00 sharp says it is happening, then concluded."""
    _open(page, serve_build(build) + path, instant(OPENING))
    title_el = page.locator(".countdown__title")
    assert title_el.inner_text() == "Bread&Net 2036 is happening now"
    assert page.locator("[data-countdown-status]").inner_text() == "Happening now."
    box = page.locator("section.countdown").inner_text()
    assert "has concluded" not in box and "Exact dates will be announced" not in box
    assert page.locator("section.countdown").get_attribute("data-countdown-state") == "live"
    # the end of that day (midnight in Beirut) passes
    page.clock.run_for(15 * 3600 * 1000 + 60_000)
    assert title_el.inner_text() == "Bread&Net 2036 has concluded"
    assert page.locator("section.countdown").get_attribute("data-countdown-state") == "over"


@pytest.mark.browser
def test_chromium_arabic_at_the_opening_instant(page, serve_build):
    _open(page, serve_build("registration") + "/", instant(OPENING))
    expected = say("ar", "%(title)s is happening now", title=title(2036, "ar"))
    assert page.locator(".countdown__title").inner_text() == expected
