"""A session the new export no longer has is cancelled in every calendar
that carried it (issue 22): its own .ics at its old address, the
programme's, its room's and its track's say STATUS:CANCELLED, with the same
UID and a higher SEQUENCE, so a calendar app that imported it drops it
instead of keeping it confirmed. schedule.xml and schedule.json leave it
out: c3voc's formats have no status for an event, and their readers
(Giggity, EventFahrplan) take an event gone from the file as removed; kept
in, it would read as scheduled.

A second `invoke programme` over the real public export (public.py): one
session moved an hour later, one removed; built once."""

from __future__ import annotations

import datetime as dt
import io
import json

import icalendar
import pytest

from smex_site.convening import programme as data
from smex_site.convening.programme import changes
from tests.programme import public
from tests.programme.built import calendar
from tests.programme.schema import assert_valid, assert_valid_json
from tests.programme.support import STAMP, by_code, edited, good, read
from tests.sitecheck import LANGS, BuiltSite, build

PROGRAMME = f"convening/{public.YEAR}/programme/"
SECOND = dt.datetime(2021, 1, 3, 9, 0, tzinfo=dt.UTC)
REMOVED, MOVED = "3TWRBB", "DT7VHD"  # both on 28 December, in Bamberg's room
ROOM, TRACK = "backspace-franconian-net-bamberg", "bam-franconian"
REMOVED_WORDS = {"ar": "أُزيلت من البرنامج", "en": "Removed from the programme"}


def _second(export: dict) -> dict:
    """The export a week later: REMOVED gone, MOVED an hour later."""
    for day in export["schedule"]["conference"]["days"]:
        for name, sessions in day["rooms"].items():
            day["rooms"][name] = [s for s in sessions if s["slug"] != REMOVED]
            for session in sessions:
                if session["slug"] == MOVED:
                    session.update(date="2020-12-28T16:30:00+01:00", start="16:30")
    return export


GUIDS = {
    s["slug"]: s["guid"]
    for day in public.export()["schedule"]["conference"]["days"]
    for sessions in day["rooms"].values()
    for s in sessions
}


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> BuiltSite:
    from tools.editors import content as content_settings
    from tools.editors import programme as tool

    work = tmp_path_factory.mktemp("public-second")
    content = public.public_content(work / "content")
    later = work / "second.json"
    later.write_text(json.dumps(_second(public.export()), ensure_ascii=False), encoding="utf-8")
    settings = content_settings.load({"PATH": str(content)})
    out = io.StringIO()
    assert tool.run(settings, public.YEAR, str(later), force=True, out=out, now=SECOND) == 0, (
        out.getvalue()
    )
    report = build(work, overrides={"PATH": str(content)}, search=False)
    return BuiltSite(report.output, siteurl="")


def _events(site, rel: str) -> dict:
    return {str(e["UID"]).split("@")[0]: e for e in calendar(site, rel).walk("VEVENT")}


def _cancelled(event) -> None:
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1 and event["LAST-MODIFIED"].dt == SECOND
    assert event.decoded("DTSTART") == dt.datetime(2020, 12, 28, 12, 35, tzinfo=dt.UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=40)


@pytest.mark.parametrize("lang", LANGS)
def test_every_calendar_that_had_the_removed_session_cancels_it(second_site, lang):
    base = f"{LANGS[lang]}{PROGRAMME}"
    gone = GUIDS[REMOVED]
    (own,) = _events(second_site, f"{base}{REMOVED.lower()}/{REMOVED.lower()}.ics").values()
    assert str(own["UID"]) == f"{gone}@smex.org"
    _cancelled(own)
    assert "URL" not in own  # a development build's addresses are relative: left out
    for rel in ("programme.ics", f"room/{ROOM}/{ROOM}.ics", f"track/{TRACK}/{TRACK}.ics"):
        events = _events(second_site, base + rel)
        _cancelled(events[gone])
        moved = events[GUIDS[MOVED]]
        assert str(moved["STATUS"]) == "CONFIRMED" and int(moved["SEQUENCE"]) == 1
        assert moved["LAST-MODIFIED"].dt == SECOND
        for guid, event in events.items():
            if guid not in (gone, GUIDS[MOVED]):
                assert str(event["STATUS"]) == "CONFIRMED" and "SEQUENCE" not in event, rel
    assert len(_events(second_site, base + "programme.ics")) == len(GUIDS)  # 47 + 1 cancelled
    for folder in ("room", "track"):  # no other room or track ever had it
        for path in (second_site.root / base / folder).iterdir():
            if path.name not in (ROOM, TRACK):
                ics = f"{base}{folder}/{path.name}/{path.name}.ics"
                assert gone not in _events(second_site, ics), ics


@pytest.mark.parametrize("lang", LANGS)
def test_the_removed_session_is_no_scheduled_session_anywhere_else(second_site, lang):
    base = f"{LANGS[lang]}{PROGRAMME}"
    gone = GUIDS[REMOVED]
    page = second_site.soup(f"{base}{REMOVED.lower()}/index.html")
    assert page.select_one("[data-session-removed]") is not None
    xml = assert_valid((second_site.root / f"{base}schedule.xml").read_bytes())
    data = assert_valid_json((second_site.root / f"{base}schedule.json").read_bytes())
    events = [
        e for d in data["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r
    ]
    assert len(events) == len(GUIDS) - 1 == len(list(xml.iter("event")))
    assert gone not in {e["guid"] for e in events} | {e.get("guid") for e in xml.iter("event")}
    # My agenda: no card as a session; one saying it was removed (starred before)
    agenda = second_site.soup(f"{base}agenda/index.html")
    key = f"{public.YEAR}/{REMOVED.lower()}"
    cards = agenda.select("[data-agenda-card]:not([data-agenda-removed])")
    assert len(cards) == len(GUIDS) - 1 and key not in {c["data-agenda-card"] for c in cards}
    (removed,) = agenda.select("[data-agenda-removed]")
    assert removed["data-agenda-card"] == key and removed["data-uid"] == f"{gone}@smex.org"
    assert (removed["data-sequence"], removed["data-modified"]) == ("1", SECOND.isoformat())
    assert removed.find_parent("section").h2.get_text() == REMOVED_WORDS[lang]
    assert [a.find_parent("article") for a in agenda.select(f"a[href$='/{REMOVED.lower()}/']")] == [
        removed
    ]
    (moved,) = agenda.select(f"[data-agenda-card='{public.YEAR}/{MOVED.lower()}']")
    assert (moved["data-sequence"], moved["data-modified"]) == ("1", SECOND.isoformat())
    assert all("data-sequence" not in c.attrs for c in cards if c is not moved)
    for rel in ("index.html", f"room/{ROOM}/index.html", "day/2020-12-28/index.html"):
        assert not second_site.soup(base + rel).select(f"a[href$='/{REMOVED.lower()}/']"), rel


def test_a_session_brought_back_is_revised_again_and_a_hand_removed_one_is_cancelled():
    """The revisions as changes.read resolves them, for every calendar: removed
    at the second import, back at the third (a calendar has it as cancelled:
    SEQUENCE 2, confirmed again); gone from an export edited by hand since the
    last import (a warning) is cancelled all the same, one revision up."""

    def without(code):
        def edit(export):
            for day in export["schedule"]["conference"]["days"]:
                for name, held in day["rooms"].items():
                    day["rooms"][name] = [s for s in held if s["code"] != code]

        found, _ = read(edited(edit))
        return found

    whole, gone = good(), without("TSTGGG")
    times = [dt.datetime(2025, 10, day, 9, tzinfo=dt.UTC) for day in (1, 2, 3)]
    history = None
    for found, at in zip((whole, gone, whole), times, strict=True):
        history = changes.with_import(history, found, at)
    back = by_code(whole, "TSTGGG")
    result = changes.read(history, changes.Problems("x"), whole)
    assert result.cancelled == () and result.revisions[back.guid] == (2, times[2])
    event = data.session_ics(back, dtstamp=STAMP, revisions=result.revisions)
    assert b"SEQUENCE:2" in event and b"STATUS:CONFIRMED" in event
    problems = changes.Problems("x")
    result = changes.read(changes.with_import(None, whole, times[0]), problems, gone)
    assert [p.severity for p in problems.found] == ["warning"]  # edited by hand
    (seen,) = result.cancelled
    assert result.revisions[seen.guid] == (1, times[0]) and seen.track == back.track
    url = "https://smex.example/convening/2025/programme/tstggg/"
    cal = data.programme_ics(gone, dtstamp=STAMP, revisions=result.revisions,
                             cancelled=result.cancelled, urls={seen.guid: url})  # fmt: skip
    events = icalendar.Calendar.from_ical(cal).walk("VEVENT")
    (cancelled,) = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
    assert str(cancelled["URL"]) == url and int(cancelled["SEQUENCE"]) == 1
    assert [str(c) for c in cancelled["CATEGORIES"].cats] == [back.track]


def test_a_track_in_the_history_is_checked_like_its_other_texts():
    """<year>.history.json may be edited by hand: a track that is not text sets
    the history aside (a warning); one on several lines is kept on one."""
    whole, at = good(), dt.datetime(2025, 10, 1, 9, tzinfo=dt.UTC)
    kept = changes.with_import(None, whole, at)
    for bad in (5, "", "\ufffe"):
        broken = json.loads(json.dumps(kept))
        broken["imports"][0]["sessions"][0]["track"] = bad
        problems = changes.Problems("x")
        assert changes.read(broken, problems, whole).imports == 0 and problems.found, bad
    lines = json.loads(json.dumps(kept))
    lines["imports"][0]["sessions"][0]["track"] = "Two\nlines"
    lines["imports"][0]["sessions"][0]["guid"] = "gone-from-the-export"
    (gone,) = changes.read(lines, changes.Problems("x"), whole).cancelled
    assert gone.track == "Two lines"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_my_agenda_says_a_starred_session_was_removed_and_its_file_cancels_it(
    second_site, browser, lang, tmp_path
):
    """Starred before the second import (the share link stands for the star):
    My agenda shows the removed one as removed, and its calendar file has the
    events as the site's .ics has them: moved (SEQUENCE 1), cancelled."""
    from urllib.parse import urlsplit

    from tests.gates import privacy
    from tools.deploy.serve import serve_in_thread

    httpd, base = serve_in_thread(second_site.root)
    context = browser.new_context(accept_downloads=True, timezone_id=public.TIMEZONE)
    context.add_init_script(privacy._CSP_RECORDER)
    context.route(lambda url: urlsplit(url).netloc != urlsplit(base).netloc, lambda r: r.abort())
    try:
        page = context.new_page()
        starred = f"{MOVED.lower()}.{REMOVED.lower()}"
        page.goto(f"{base}/{LANGS[lang]}{PROGRAMME}agenda/#s={starred}")
        shown = page.locator("[data-agenda-card]:visible")
        assert sorted(shown.evaluate_all("cs => cs.map(c => c.dataset.agendaCard)")) == sorted(
            f"{public.YEAR}/{slug.lower()}" for slug in (MOVED, REMOVED)
        )
        assert page.locator("[data-agenda-removed]").is_visible()
        assert page.get_by_text(REMOVED_WORDS[lang], exact=True).is_visible()
        with page.expect_download() as done:
            page.locator("[data-agenda-export]").click()
        path = tmp_path / "agenda.ics"
        done.value.save_as(path)
        events = {
            str(e["UID"]).split("@")[0]: e
            for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        }
        assert set(events) == {GUIDS[MOVED], GUIDS[REMOVED]}
        _cancelled(events[GUIDS[REMOVED]])
        moved = events[GUIDS[MOVED]]
        assert str(moved["STATUS"]) == "CONFIRMED" and int(moved["SEQUENCE"]) == 1
        assert moved["LAST-MODIFIED"].dt == SECOND
        assert moved.decoded("DTSTART") == dt.datetime(2020, 12, 28, 15, 30, tzinfo=dt.UTC)
        assert page.evaluate("() => window.__cspViolations") == []
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
