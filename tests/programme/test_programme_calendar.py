"""The .ics files parse back with icalendar, with pretalx's guid in the UID,
the edition's VTIMEZONE, and every instant right across the DST change."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from smex_site.convening import programme
from tests.programme.support import STAMP, by_code, good

PAGE = "https://smex.example/en/convening/2025/programme/tstccc/"


def events(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_a_session_calendar_parses_with_uid_tzid_and_dtstart():
    session = by_code(good(), "TSTAAA")
    cal = icalendar.Calendar.from_ical(programme.session_ics(session, dtstamp=STAMP, url=PAGE))
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == "0b5e7c1d-2025-5000-8000-000000000001@smex.org"
    assert event["DTSTART"].params["TZID"] == "Asia/Beirut"
    assert event["DTSTART"].to_ical() == b"20251025T100000"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=45)
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["SUMMARY"]) == session.title and event["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(event["LOCATION"]) == "Main Hall" and str(event["URL"]) == PAGE
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Beirut"


def test_every_instant_survives_the_round_trip_across_the_change():
    found = good()
    data = programme.programme_ics(found, dtstamp=STAMP)
    by_uid = {str(e["UID"]): e for e in events(data)}
    assert len(by_uid) == len(found.sessions) == 7
    for session in found.sessions:
        event = by_uid[f"{session.guid}@smex.org"]
        assert event.decoded("DTSTART").astimezone(dt.UTC) == session.start.astimezone(dt.UTC)
        assert event.decoded("DTEND").astimezone(dt.UTC) == session.end.astimezone(dt.UTC)


def test_a_time_in_the_repeated_hour_is_written_in_utc():
    # RFC 5545 reads a local time that happens twice as its first occurrence:
    # the second 23:15 (winter time) must not be written as local 23:15.
    found = good()
    second = events(programme.session_ics(by_code(found, "TSTEEE"), dtstamp=STAMP))[0]
    assert second["DTSTART"].to_ical() == b"20251025T211500Z"
    first = events(programme.session_ics(by_code(found, "TSTDDD"), dtstamp=STAMP))[0]
    assert first["DTSTART"].to_ical() == b"20251025T231500"  # summer time: unambiguous
    across = events(programme.session_ics(by_code(found, "TSTCCC"), dtstamp=STAMP))[0]
    assert across["DTEND"].to_ical() == b"20251025T210000Z"


def test_the_programme_calendar_is_the_same_bytes_for_the_same_stamp():
    found = good()
    first = programme.programme_ics(found, dtstamp=STAMP)
    assert first == programme.programme_ics(found, dtstamp=STAMP)
    assert first != programme.programme_ics(found, dtstamp=STAMP + dt.timedelta(hours=1))
    cal = icalendar.Calendar.from_ical(first)
    assert str(cal["X-WR-CALNAME"]) == found.title
    assert len(cal.walk("VTIMEZONE")) == 1


def test_page_urls_go_into_the_programme_calendar_by_guid():
    found = good()
    session = by_code(found, "TSTBBB")
    data = programme.programme_ics(found, dtstamp=STAMP, urls={session.guid: PAGE})
    with_url = [e for e in events(data) if "URL" in e]
    assert [str(e["UID"]) for e in with_url] == [f"{session.guid}@smex.org"]
    assert PAGE in str(with_url[0]["DESCRIPTION"])


def test_hostile_text_is_escaped_by_the_library_and_reads_back_unchanged():
    found = good("hostile.json")
    session = by_code(found, "EVL0AA")
    data = programme.session_ics(session, dtstamp=STAMP)
    assert b"\r\nBEGIN:VEVENT" in data and data.count(b"BEGIN:VEVENT") == 1
    (event,) = events(data)
    assert str(event["SUMMARY"]) == session.title  # quotes, <, >, & intact
    assert str(event["LOCATION"]) == 'Hall "A" </script>'
    assert "\u202e" not in data.decode()  # no bidi override reaches a calendar
    assert programme.bare_text(session.abstract) in str(event["DESCRIPTION"])
    assert "raw link" in str(event["DESCRIPTION"])  # the words, without the speaker's tags
    assert "<" not in str(event["DESCRIPTION"])  # some clients show it as HTML


def test_dtstamp_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        programme.programme_ics(good(), dtstamp=dt.datetime(2025, 10, 1))
