"""schedule.xml (frab, for Giggity and EventFahrplan) and JSON-LD: both parse
back, carry the right counts and instants, and keep hostile text as text."""

from __future__ import annotations

import json
import re

from lxml import etree

from smex_site.convening import programme
from tests.programme.support import by_code, good

EDITION = "https://smex.example/en/convening/2025/"
PAGE = "https://smex.example/en/convening/2025/programme/tstccc/"


def parse_xml(found) -> etree._Element:
    return etree.fromstring(programme.schedule_xml(found))  # raises if not well-formed


def test_schedule_xml_has_the_frab_layout_and_counts():
    found = good()
    root = parse_xml(found)
    assert root.tag == "schedule"
    assert [child.tag for child in root][:3] == ["generator", "version", "conference"]
    assert root.findtext("conference/time_zone_name") == "Asia/Beirut"
    assert [t.get("name") for t in root.iterfind("conference/track")] == list(found.tracks)
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2025-10-25"),
        ("2", "2025-10-26"),
    ]
    assert days[0].get("start") == "2025-10-25T04:00:00+03:00"
    assert [r.get("name") for r in days[0].findall("room")] == ["Main Hall", "Room B"]
    assert len(root.findall("day/room/event")) == 7
    assert len({e.get("guid") for e in root.iter("event")}) == 7


def test_an_event_carries_what_the_apps_read():
    root = parse_xml(good())
    event = root.find("day/room/event[@code='TSTCCC']")
    assert event.get("guid") == "0b5e7c1d-2025-5000-8000-000000000003" and event.get("id") == "103"
    assert event.findtext("date") == "2025-10-25T22:30:00+03:00"
    assert (event.findtext("start"), event.findtext("duration")) == ("22:30", "01:30")
    assert event.findtext("room") == "Main Hall" and event.findtext("language") == "en"
    assert [p.text for p in event.iterfind("persons/person")] == ["Sam Sample"]
    assert event.findtext("recording/optout") == "false"
    opening = root.find("day/room/event[@code='TSTAAA']")
    assert [(link.get("href"), link.text) for link in opening.iterfind("links/link")] == [
        ("https://slides.example/opening.pdf", "Slides"),
        ("https://media.example/v/opening", "Recording"),
    ]


def test_the_second_2315_keeps_its_offset_in_the_xml():
    event = parse_xml(good()).find("day/room/event[@code='TSTEEE']")
    assert event.findtext("date") == "2025-10-25T23:15:00+02:00"


def test_page_urls_replace_pretalx_urls_when_given():
    found = good()
    session = by_code(found, "TSTCCC")
    root = etree.fromstring(programme.schedule_xml(found, urls={session.guid: PAGE}))
    assert root.find("day/room/event[@code='TSTCCC']").findtext("url") == PAGE
    other = root.find("day/room/event[@code='TSTAAA']").findtext("url")
    assert other == "https://pretalx.example/bread-and-net-2025/talk/TSTAAA/"


def test_hostile_text_is_escaped_in_the_xml_and_reads_back_unchanged():
    found = good("hostile.json")
    data = programme.schedule_xml(found)
    root = etree.fromstring(data)
    session = by_code(found, "EVL0AA")
    event = root.find("day/room/event[@code='EVL0AA']")
    assert event.findtext("title") == session.title
    # abstract and description: the words, no tag (apps and feed readers render them)
    assert event.findtext("abstract") == programme.bare_text(session.abstract)
    assert "raw link" in event.findtext("abstract") and "styled" in event.findtext("description")
    for text in (event.findtext("abstract"), event.findtext("description")):
        assert not re.search(r"<[A-Za-z/!?]", text), text
    assert root.find("day/room").get("name") == 'Hall "A" </script>'
    assert b"<script>" not in data and b"</script>" not in data  # all as &lt;…
    assert not list(root.iter("script", "b", "img"))
    assert "\u202e" not in data.decode() and "\x00" not in data.decode()


def test_session_jsonld_is_an_event_within_the_edition():
    session = by_code(good(), "TSTCCC")
    text = programme.session_jsonld(session, page_url=PAGE, edition_url=EDITION)
    data = json.loads(text)
    assert data["@type"] == "Event" and data["url"] == PAGE
    assert data["superEvent"] == {"@type": "Event", "@id": EDITION, "url": EDITION}
    assert data["startDate"] == "2025-10-25T22:30:00+03:00"
    assert data["endDate"] == "2025-10-25T23:00:00+02:00"
    assert data["location"] == {"@type": "Place", "name": "Main Hall"}
    assert data["performer"] == [{"@type": "Person", "name": "Sam Sample"}]
    assert data["inLanguage"] == "en" and data["identifier"] == session.guid


def test_hostile_jsonld_round_trips_with_no_raw_angle_bracket():
    session = by_code(good("hostile.json"), "EVL0AA")
    text = programme.session_jsonld(session, page_url=PAGE, edition_url=EDITION)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["name"] == session.title  # '</script><script>alert("title")…' as data
    assert data["location"]["name"] == 'Hall "A" </script>'
    assert data["performer"][0]["name"] == session.speakers[0].name
    assert "description" in data and "<script>" in data["description"]  # text, not markup
