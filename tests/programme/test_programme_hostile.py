"""A hostile export (tests/fixtures/programme/hostile.json: <script>, onerror=,
javascript: links, remote images, bidi overrides) built into a site: every
field stays inert in the HTML, its attributes, the JSON-LD, the .ics files,
schedule.xml and the search index, in real Chromium too."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from tests.gates import privacy
from tests.programme.built import calendar, search_index
from tests.programme.schema import assert_valid, assert_valid_json
from tests.programme.sites import programme_content
from tests.sitecheck import BuiltSite, build

TITLE = '</script><script>alert("title")</script> "quoted" & <b>bold</b> txet'  # bidi removed
PROGRAMME = "convening/2025/programme/"
CODE = re.compile(r"alert|javascript:|onerror", re.IGNORECASE)
DANGEROUS = {"script", "iframe", "object", "embed", "img", "svg", "style", "form", "input", "image"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> BuiltSite:
    work = tmp_path_factory.mktemp("hostile")
    content = programme_content(work / "content", {2025: "hostile.json"})
    report = build(work, overrides={"PATH": str(content)})
    site = BuiltSite(report.output)
    site.warnings = report.warnings
    return site


def programme_pages(site):
    return [p for p in site.html_files() if "programme" in p.parts or "speakers" in p.parts]


def test_it_builds_with_warnings_and_the_hostile_sessions_have_pages(hostile):
    assert any(
        "javascript:alert(8)" in w and "not an http(s) address" in w for w in hostile.warnings
    )
    assert (hostile.root / PROGRAMME / "evl0aa/index.html").is_file()
    # programme, speakers, 2 sessions; a day's grid, a room, a track, a speaker, My agenda
    assert len(programme_pages(hostile)) == 2 * (1 + 1 + 2 + 5)
    room = hostile.soup(PROGRAMME + "room/hall-a-script/index.html")
    assert room.h1.bdi.get_text() == 'Hall "A" </script>'
    assert (hostile.root / PROGRAMME / "track/b-track-b/b-track-b.ics").is_file()


def test_no_script_handler_or_foreign_resource_in_any_file(hostile):
    assert privacy.source_problems(hostile.root) == []
    for path in programme_pages(hostile):
        tree = lxml.html.parse(str(path))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (path, element.tag, name)
                if name in ("href", "src", "action", "data"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), value
        main = tree.find(".//main")
        ours = set(main.iterfind(".//form[@data-programme-filters]"))  # the filters
        assert not [e.tag for e in main.iter() if e.tag in DANGEROUS and e not in ours], path
        scripts = tree.findall(".//script")
        assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)


def test_the_text_is_shown_as_written_minus_bidi_overrides(hostile):
    page = hostile.soup(f"en/{PROGRAMME}evl0aa/index.html")
    assert page.h1.get_text() == TITLE
    assert page.find("meta", property="og:title")["content"] == TITLE  # an attribute, intact
    name = page.select_one(".session-speaker h3 bdi").get_text()
    assert name == '<img src=x onerror=alert("name")> Mallory'
    for path in programme_pages(hostile):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", path.read_text(encoding="utf-8"))


def test_json_ld_is_data_that_cannot_end_its_script_element(hostile):
    raw = (hostile.root / f"{PROGRAMME}evl0aa/index.html").read_text(encoding="utf-8")
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert "<" not in body and ">" not in body
    data = json.loads(body)
    assert data["name"] == TITLE and data["location"]["name"] == 'Hall "A" </script>'
    assert data["performer"][0]["name"] == '<img src=x onerror=alert("name")> Mallory'


def test_calendars_carry_the_text_as_text(hostile):
    """iCalendar TEXT is plain text (RFC 5545): the words read back as
    written, escaped by the library, and nothing adds a property."""
    for rel in (f"{PROGRAMME}evl0aa/evl0aa.ics", f"en/{PROGRAMME}programme.ics"):
        cal = calendar(hostile, rel)
        event = cal.walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == TITLE
        assert str(event["LOCATION"]) == 'Hall "A" </script>'
        description = str(event["DESCRIPTION"])
        assert "Mallory" in description and "raw link" in description  # the words…
        assert "<" not in description  # …and no tag, for clients that render HTML
        ours = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION"}
        assert set(event) <= ours | {"CATEGORIES", "URL", "STATUS"}  # no X-ALT-DESC, no ATTACH
    raw = (hostile.root / f"{PROGRAMME}programme.ics").read_bytes()
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == raw.count(b"\r\nEND:VEVENT\r\n") == 2


def test_schedule_xml_escapes_every_field(hostile):
    root = assert_valid((hostile.root / PROGRAMME / "schedule.xml").read_bytes())
    as_json = assert_valid_json((hostile.root / PROGRAMME / "schedule.json").read_bytes())
    days = as_json["schedule"]["conference"]["days"]
    events = [e for day in days for room in day["rooms"].values() for e in room]
    # titles are text, as in pretalx's own export; the Markdown fields carry no tag
    assert events and all(
        "<" not in (e["abstract"] or "") + (e["description"] or "") for e in events
    )
    assert root.find(".//script") is None and root.find(".//b") is None
    event = root.find("day/room/event")
    assert event.findtext("title") == TITLE
    assert root.find("day/room").get("name") == 'Hall "A" </script>'
    assert not [link.get("href") for link in event.iter("link") if CODE.search(link.get("href"))]
    for name in ("abstract", "description"):
        assert not re.search(r"<[A-Za-z/!?]", event.findtext(name)), name


def test_the_search_index_holds_text_not_markup(hostile):
    pages = [p for p in search_index(hostile) if p["url"].endswith("/evl0aa/")]
    assert len(pages) == 2 and all(p["meta"]["title"] == TITLE for p in pages)
    for found in pages:
        assert "<script" not in found["content"].replace("&lt;", "<").split(TITLE)[0]
        assert found["filters"] == {"kind": ["session"]}


@pytest.mark.browser
def test_searching_the_hostile_session_runs_nothing(hostile, browser):
    from tools.deploy.serve import serve_in_thread

    httpd, base = serve_in_thread(hostile.root)
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "/en/search/?q=alert")
        results = page.locator(".search-result__title a")
        results.first.wait_for(timeout=10_000)
        assert TITLE in results.all_inner_texts()
        assert page.locator(".search__results script, .search__results img").count() == 0
        page.goto(base + f"/en/{PROGRAMME}evl0aa/")
        page.goto(base + f"/en/{PROGRAMME}")
        assert page.locator("h1").inner_text() == "Programme"
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
    assert dialogs == [] and errors == []
