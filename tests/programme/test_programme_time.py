"""Instants across Beirut's October change, grouping, filters, now/next,
the speakers' index: all pure functions of the model and a given instant."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from smex_site.convening import programme
from tests.programme.support import by_code, good

BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")
UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def codes(sessions) -> list[str]:
    return [s.code for s in sessions]


def test_lebanon_leaves_summer_time_at_midnight_into_the_last_sunday_of_october():
    # The facts the fixture is built on, straight from the tz database.
    assert at("2025-10-25T20:59:00+00:00").astimezone(BEIRUT).utcoffset() == dt.timedelta(hours=3)
    assert at("2025-10-25T21:00:00+00:00").astimezone(BEIRUT).utcoffset() == dt.timedelta(hours=2)
    assert dt.date(2025, 10, 26).weekday() == 6  # Sunday


def test_a_session_across_the_change_ends_at_the_right_instant():
    session = by_code(good(), "TSTCCC")  # 22:30 summer time, for 90 minutes
    assert session.start.astimezone(UTC) == at("2025-10-25T19:30:00+00:00")
    assert session.end.astimezone(UTC) == at("2025-10-25T21:00:00+00:00")
    # Shown in Beirut: 23:00 again, now in winter time (not 00:00, which
    # adding 90 minutes to the wall clock would give).
    assert session.end.strftime("%H:%M %z") == "23:00 +0200"
    assert session.end.tzinfo is BEIRUT


def test_sessions_on_both_sides_of_the_change_keep_their_instants():
    found = good()
    before, after = by_code(found, "TSTDDD"), by_code(found, "TSTEEE")
    assert before.start.strftime("%H:%M %z") == "23:15 +0300"
    assert after.start.strftime("%H:%M %z") == "23:15 +0200"
    assert after.start.astimezone(UTC) - before.start.astimezone(UTC) == dt.timedelta(hours=1)
    morning = by_code(found, "TSTFFF")
    assert morning.start.utcoffset() == dt.timedelta(hours=2)  # winter time on the 26th
    assert morning.start.astimezone(UTC) == at("2025-10-26T08:00:00+00:00")


def test_sessions_are_ordered_by_instant_not_wall_clock():
    (day1, day2) = good().days
    assert codes(day1.sessions) == ["TSTAAA", "TSTBBB", "TSTCCC", "TSTDDD", "TSTEEE"]
    assert codes(day2.sessions) == ["TSTFFF", "TSTGGG"]


def test_grouping_by_day_then_start_instant():
    schedule = programme.by_day_and_time(good())
    assert [entry.day.date.isoformat() for entry in schedule] == ["2025-10-25", "2025-10-26"]
    slots = schedule[0].slots
    # Two sessions at 10:00 share a slot (Main Hall first: pretalx's room order);
    # the two "23:15" are one hour apart, so two slots.
    assert [codes(slot.sessions) for slot in slots] == [
        ["TSTAAA", "TSTBBB"],
        ["TSTCCC"],
        ["TSTDDD"],
        ["TSTEEE"],
    ]
    assert [slot.start.strftime("%H:%M%z") for slot in slots[2:]] == ["23:15+0300", "23:15+0200"]


def test_facets_list_what_the_filters_offer():
    facets = programme.facets(good())
    assert [day.index for day in facets.days] == [1, 2]
    assert facets.rooms == ("Main Hall", "Room B")
    assert facets.tracks == ("Policy & Advocacy", "Digital Security")
    assert facets.types == ("Talk", "Workshop", "Panel")
    assert facets.languages == ("en", "ar")


@pytest.mark.parametrize(
    ("now", "running", "upcoming"),
    [
        ("2025-10-25T09:00:00+03:00", [], ["TSTAAA", "TSTBBB"]),
        ("2025-10-25T10:00:00+03:00", ["TSTAAA", "TSTBBB"], ["TSTCCC"]),
        ("2025-10-25T10:45:00+03:00", ["TSTBBB"], ["TSTCCC"]),  # an end is not running
        ("2025-10-25T23:20:00+03:00", ["TSTCCC", "TSTDDD"], ["TSTEEE"]),  # first 23:20
        ("2025-10-25T23:20:00+02:00", ["TSTEEE"], ["TSTFFF"]),  # second 23:20
        ("2025-10-26T08:30:00+00:00", ["TSTFFF"], ["TSTGGG"]),  # any offset will do
        ("2025-10-26T12:00:00+02:00", [], []),
    ],
)
def test_now_and_next_at_a_given_instant(now, running, upcoming):
    result = programme.now_next(good(), at(now))
    assert (codes(result.now), codes(result.next)) == (running, upcoming)


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        programme.now_next(good(), dt.datetime(2025, 10, 25, 10, 0))


def test_the_speakers_index_links_each_speaker_to_their_sessions():
    index = programme.speakers(good())
    assert [(e.speaker.name, codes(e.sessions)) for e in index] == [
        ("Alex Example", ["TSTAAA", "TSTBBB", "TSTFFF"]),
        ("Sam Sample", ["TSTCCC", "TSTEEE"]),
        ("ليلى مثال", ["TSTBBB", "TSTGGG"]),
        ("يوسف نموذج", ["TSTDDD", "TSTGGG"]),
    ]
    alex = index[0].speaker
    assert alex.slug == "spkaaa" and all(alex in s.speakers for s in index[0].sessions)


def test_session_slugs_are_unique_when_pretalx_repeats_a_code():
    import json

    from tests.programme.support import fixture, read

    data = json.loads(fixture("bilingual.json"))
    room = data["schedule"]["conference"]["days"][1]["rooms"]["Room B"]
    room[0]["code"] = "TSTFFF"  # a session given two slots shares its code
    found = read(json.dumps(data).encode())[0]
    assert [s.slug for s in found.days[1].sessions] == ["tstfff", "tstfff-2"]
    assert programme.find(found, "tstfff-2").title.startswith("Panel")


def test_edition_span_reads_dates_as_the_editions_do():
    span = programme.edition_span
    assert span(2025, BEIRUT) == (
        dt.datetime(2025, 1, 1, tzinfo=BEIRUT),
        dt.datetime(2026, 1, 1, tzinfo=BEIRUT),
    )
    first, after = span(2025, BEIRUT, dt.date(2025, 10, 25), dt.date(2025, 10, 26))
    assert (first.isoformat(), after.isoformat()) == (
        "2025-10-25T00:00:00+03:00",
        "2025-10-27T00:00:00+02:00",
    )
    start = dt.datetime(2025, 10, 25, 9, 0, tzinfo=BEIRUT)
    assert span(2025, BEIRUT, start)[1] == dt.datetime(2025, 10, 26, tzinfo=BEIRUT)
    end = dt.datetime(2025, 10, 26, 18, 0, tzinfo=BEIRUT)
    assert span(2025, BEIRUT, start, end) == (start, end)
    with pytest.raises(ValueError, match="aware"):
        span(2025, BEIRUT, dt.datetime(2025, 10, 25, 9, 0))
