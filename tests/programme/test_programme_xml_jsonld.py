"""schedule.xml (frab, for Giggity and EventFahrplan) and JSON-LD: both parse
back, carry the right counts and instants, and keep hostile text as text."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from lxml import etree

from smex_site.convening import programme
from tests.programme.schema import assert_valid
from tests.programme.support import REL, by_code, edited, first_session, fixture, good, read

EDITION = "https://smex.example/en/convening/2025/"
PAGE = "https://smex.example/en/convening/2025/programme/tstccc/"


def parse_xml(found) -> etree._Element:
    return assert_valid(programme.schedule_xml(found))  # well-formed, and valid for c3voc


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


# --- the c3voc schema (tests/schemas/c3voc), and what apps key on ----------------------

FIXTURE_EDITIONS = {
    "bilingual.json": 2025,
    "embargoed-2023.json": 2023,
    "hostile.json": 2025,
    "broken/outside-dates.json": 2025,
    "broken/overlap.json": 2025,
    "broken/unknown-language.json": 2025,
}


@pytest.mark.parametrize("name", sorted(FIXTURE_EDITIONS))
def test_every_fixture_programme_is_valid_for_the_c3voc_schema(name):
    year = FIXTURE_EDITIONS[name]
    found, problems = programme.parse(
        fixture(name), rel=REL, year=year, edition_years={year}, timezone="Asia/Beirut"
    )
    assert found is not None, [str(p) for p in problems]
    page = "https://smex.example/en/convening/{}/programme/{}/"
    absolute = {s.guid: page.format(year, s.slug) for s in found.sessions}
    relative = {s.guid: f"/en/convening/{year}/programme/{s.slug}/" for s in found.sessions}
    for urls in (absolute, relative, None):  # production, development, no site address
        root = assert_valid(programme.schedule_xml(found, urls=urls))
        for url in root.iter("url"):
            assert url.text.startswith(("https://", "http://")), url.text
    relative_root = assert_valid(programme.schedule_xml(found, urls=relative))
    assert relative_root.find(".//url") is None  # a page here, but no absolute address


def test_slugs_acronym_ids_and_guids_follow_the_schema():
    found = good()
    root = parse_xml(found)
    assert root.findtext("conference/acronym") == "bread-and-net-2025"
    # the export's own slug, valid for the schema, is kept
    slugs = [e.findtext("slug") for e in root.iter("event")]
    assert "bread-and-net-2025-103-tstccc" in slugs and "tstccc" not in slugs
    rooms = {r.get("name"): r.get("guid") for r in root.find("day").findall("room")}
    assert rooms == {
        "Main Hall": "6f1c2a3b-0000-4000-8000-00000000a001",
        "Room B": "6f1c2a3b-0000-4000-8000-00000000a002",
    }
    opening = root.find("day/room/event[@code='TSTAAA']")
    (alex,) = opening.iterfind("persons/person")
    assert (alex.text, alex.get("id"), alex.get("guid")) == (
        "Alex Example",
        "11",
        "5e1d0c0a-2025-4000-8000-0000000000a1",
    )
    late = root.find("day/room/event[@code='TSTCCC']/persons/person")
    assert (late.get("id"), late.get("guid")) == ("13", None)  # no guid in the export
    # hostile.json: "hostile-666" twice, too short for the schema: pretalx's form instead
    hostile = parse_xml(good("hostile.json"))
    assert [e.findtext("slug") for e in hostile.iter("event")] == [
        "hostile-666-evl0aa",
        "hostile-667-evl0bb",
    ]


def test_slug_and_acronym_are_made_when_the_export_has_none_that_fit():
    def bare(data):
        data["schedule"]["conference"]["acronym"] = "BN 2025!"
        for day in data["schedule"]["conference"]["days"]:
            for sessions in day["rooms"].values():
                for session in sessions:
                    session["slug"] = "Not A Slug"

    found = read(edited(bare))[0]
    root = assert_valid(programme.schedule_xml(found))
    assert root.findtext("conference/acronym") == "bn-2025"
    event = root.find("day/room/event[@code='TSTAAA']")
    assert event.findtext("slug") == "bn_2025-101-tstaaa"  # the schema wants 4 before a "-"


def test_a_session_given_two_slots_keeps_ids_and_codes_unique():
    def twice(data):
        hall = data["schedule"]["conference"]["days"][1]["rooms"]["Main Hall"]
        again = dict(hall[0], guid="0b5e7c1d-2025-5000-8000-0000000000f2")
        again["date"] = "2025-10-26T15:00:00+02:00"
        hall.append(again)

    found = read(edited(twice))[0]
    root = assert_valid(programme.schedule_xml(found))  # unique id, code and slug
    events = [e for e in root.iter("event") if e.findtext("title") == "المساءلة على المنصات"]
    assert [e.get("code") for e in events] == ["TSTFFF", None]
    assert events[0].get("id") == "106" and events[1].get("id") != "106"


def test_addresses_come_from_the_code_in_the_url_when_the_export_has_no_code():
    def no_codes(data):
        for day in data["schedule"]["conference"]["days"]:
            for sessions in day["rooms"].values():
                for session in sessions:
                    del session["code"]

    with_code, without = good(), read(edited(no_codes))[0]
    assert [s.slug for s in without.sessions] == [s.slug for s in with_code.sessions]
    assert by_code(without, "TSTAAA").slug == "tstaaa"
    assert_valid(programme.schedule_xml(without))


def test_link_addresses_stay_in_the_plain_text_of_files():
    def linked(data):
        first_session(data)["abstract"] = "Built on [Gluon](https://gluon.example/docs?a=1&b=2)."

    session = by_code(read(edited(linked))[0], "TSTAAA")
    expected = "Built on Gluon (https://gluon.example/docs?a=1&b=2)."
    assert programme.plain_text(session.abstract) == expected
    found = read(edited(linked))[0]
    assert parse_xml(found).find("day/room/event[@code='TSTAAA']").findtext("abstract") == expected
    ics = programme.session_ics(session, dtstamp=dt.datetime(2025, 10, 1, tzinfo=dt.UTC))
    assert "Gluon (https://gluon.example/docs?a=1&b=2)" in ics.decode().replace("\r\n ", "")
