"""What the build writes besides the pages, on the gate site: calendars,
schedule.xml, JSON-LD, the search index, the sitemap; and the 2023
programme, a week before its release, nowhere at all."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from tests.programme.built import calendar, everything_written, jsonld, sessions_indexed
from tests.programme.schema import assert_valid

PROGRAMME = "convening/2025/programme/"
STAMP = dt.datetime(2023, 10, 20, 9, 0, tzinfo=dt.UTC)  # the build's now (FROZEN_NOW)
SLUGS = ["tstaaa", "tstbbb", "tstccc", "tstddd", "tsteee", "tstfff", "tstggg"]


def test_each_session_has_a_calendar_file_that_parses(gate_site):
    for prefix in ("", "en/"):
        for slug in SLUGS:
            cal = calendar(gate_site, f"{prefix}{PROGRAMME}{slug}/{slug}.ics")
            (event,) = cal.walk("VEVENT")
            assert str(event["UID"]).endswith("@smex.org")
            assert event.decoded("DTSTAMP") == STAMP
            if "TZID" in event["DTSTART"].params:  # local time, with its zone's rules
                assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Beirut"]
    late = calendar(gate_site, f"{PROGRAMME}tstccc/tstccc.ics").walk("VEVENT")[0]
    assert late.decoded("DTSTART").isoformat() == "2025-10-25T22:30:00+03:00"
    # ends in the repeated hour: written in UTC, so no client can misplace it
    assert late.decoded("DTEND") == dt.datetime(2025, 10, 25, 21, 0, tzinfo=dt.UTC)
    second = calendar(gate_site, f"{PROGRAMME}tsteee/tsteee.ics").walk("VEVENT")[0]
    assert second.decoded("DTSTART") == dt.datetime(2025, 10, 25, 21, 15, tzinfo=dt.UTC)


def test_the_whole_programme_calendar_has_every_session_once(gate_site):
    cal = calendar(gate_site, f"en/{PROGRAMME}programme.ics")
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 7 + 1  # and TSTZZZ, removed: cancelled
    assert [str(e["STATUS"]) for e in cal.walk("VEVENT")].count("CANCELLED") == 1
    assert {e.decoded("DTSTAMP") for e in cal.walk("VEVENT")} == {STAMP}
    # the same sessions, the same UIDs, in the Arabic site's file
    arabic = calendar(gate_site, f"{PROGRAMME}programme.ics")
    assert sorted(str(e["UID"]) for e in arabic.walk("VEVENT")) == sorted(uids)


def test_schedule_xml_is_valid_frab_in_development(gate_site):
    root = assert_valid((gate_site.root / PROGRAMME / "schedule.xml").read_bytes())
    assert root.tag == "schedule"
    events = root.findall("day/room/event")
    assert len(events) == 7
    # a development build has no site address, and the schema wants absolute URLs
    assert root.find(".//url") is None
    assert root.findtext("conference/time_zone_name") == "Asia/Beirut"


def test_every_schedule_xml_built_is_valid_for_the_c3voc_schema(gate_site, production):
    """Development and production builds alike (tests/schemas/c3voc)."""
    sites = {"gate": gate_site.root, "root": production.root.site.root}
    sites["sub"] = production.sub.site.root
    for name, root in sites.items():
        files = sorted(root.rglob("schedule.xml"))
        assert len(files) == 2, (name, files)  # 2025 in both languages; 2023 held back
        for path in files:
            assert_valid(path.read_bytes())
    for served in (production.root, production.sub):
        for prefix in ("", "en/"):
            data = (served.site.root / prefix / PROGRAMME / "schedule.xml").read_bytes()
            urls = {e.findtext("url") for e in etree.fromstring(data).iter("event")}
            page = f"{served.site.siteurl}/{prefix}{PROGRAMME}"
            assert urls == {f"{page}{slug}/" for slug in SLUGS}, urls


def test_the_pages_link_their_files(gate_site):
    for prefix in ("", "en/"):
        page = gate_site.soup(f"{prefix}{PROGRAMME}index.html")
        hrefs = {a["href"] for a in page.select(".programme-header__links a")}
        assert f"/{prefix}{PROGRAMME}programme.ics" in hrefs
        assert f"/{prefix}{PROGRAMME}schedule.xml" in hrefs


def test_each_session_is_an_event_within_its_edition(gate_site):
    session = gate_site.soup(f"en/{PROGRAMME}tstbbb/index.html")
    (data,) = jsonld(session)
    assert data["@type"] == "Event" and data["name"] == "الحقوق الرقمية في لبنان"
    # Arabic in pretalx; Arabic and English by bilingual.toml beside the export (issue 22)
    assert data["inLanguage"] == ["ar", "en"] and data["startDate"] == "2025-10-25T10:00:00+03:00"
    assert data["superEvent"]["@id"] == "/en/convening/2025/"
    (edition,) = jsonld(gate_site.soup("en/convening/2025/index.html"))
    assert edition["@id"] == data["superEvent"]["@id"]


def test_sessions_are_in_the_search_index_with_a_session_filter(gate_site):
    found = sessions_indexed(gate_site)
    expected = {f"{lang}/{PROGRAMME}{slug}/" for lang in ("", "/en") for slug in SLUGS}
    assert found == expected
    # the lists are not indexed: only the sessions themselves
    assert not [url for url in found if url.endswith(("/programme/", "/speakers/"))]


def test_the_sitemap_lists_every_programme_page_in_both_languages(gate_site):
    sitemap = gate_site.read("sitemap.xml")
    for prefix in ("/", "/en/"):
        assert f"<loc>{prefix}{PROGRAMME}</loc>" in sitemap
        assert f"<loc>{prefix}convening/2025/speakers/</loc>" in sitemap
        for slug in SLUGS:
            assert f"<loc>{prefix}{PROGRAMME}{slug}/</loc>" in sitemap


def test_a_programme_before_its_release_is_nowhere(gate_site):
    """2023's file is in the content, its milestone a week after the build's now."""
    assert not (gate_site.root / "convening/2023/programme").exists()
    assert not (gate_site.root / "en/convening/2023/programme").exists()
    written = everything_written(gate_site)
    for word in ("Embargoed", "EMBAAA", "embaaa", "محجوبة", "Embargo Speaker"):
        assert word not in written, word  # pages, lists, feeds, sitemap, index, .ics, JSON-LD
    for page in ("index.html", "en/index.html", "convening/2023/index.html"):
        assert not gate_site.soup(page).select("a[href*='/2023/programme/']"), page
    assert sessions_indexed(gate_site) == {
        url for url in sessions_indexed(gate_site) if "/2025/" in url
    }


def test_a_second_build_elsewhere_is_byte_identical_index_included(gate_site, tmp_path):
    """tools/build/searchindex.py's guarantee holds with sessions in the index, and
    the calendars' DTSTAMP is the build's now, not the clock's."""
    import hashlib

    from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, programme_content
    from tests.sitecheck import build

    content = programme_content(
        tmp_path / "elsewhere" / "content", GATE_PROGRAMMES, beside=GATE_BESIDE
    )
    second = build(tmp_path, overrides={"PATH": str(content)}).output

    def digest(root):
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    one, two = digest(gate_site.root), digest(second)
    assert any(name.endswith(".ics") for name in one) and "pagefind/pagefind-entry.json" in one
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
