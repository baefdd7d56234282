"""A programme of 1,000 sessions: read, modelled and written out whole."""

from __future__ import annotations

import icalendar

from smex_site.convening import programme
from smex_site.convening.programme import frab_json
from tests.programme.schema import assert_valid, assert_valid_json
from tests.programme.support import STAMP, large_export, read


def test_a_thousand_sessions_read_and_render():
    found, problems = read(large_export(1000), start=None, end=None)
    assert problems == []  # back-to-back half hours: no overlap, all in 2025
    sessions = found.sessions
    assert len(sessions) == 1000 and len({s.slug for s in sessions}) == 1000
    assert len(programme.speakers(found)) == 600
    assert sum(len(d.slots) for d in programme.by_day_and_time(found)) == 4 * 21
    cal = icalendar.Calendar.from_ical(programme.programme_ics(found, dtstamp=STAMP))
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 1000
    root = assert_valid(programme.schedule_xml(found))  # ids, codes, slugs unique
    assert_valid_json(frab_json.schedule_json(found))
    assert len(root.findall("day/room/event")) == 1000
