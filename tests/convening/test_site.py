"""The convening in the built site (frozen at 2023-10-20 12:00 Beirut time):
countdown markup, edition pages, JSON-LD, .ics files, archive order, switcher."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import copy_content
from tests.sitecheck import LANGS

YEARS = [2025, 2023, 2022, 2021, 2020, 2019, 2018]


def fresh(site, rel):
    """A parse of our own: fresh(site, ) is cached and other tests edit it."""
    return BeautifulSoup(site.read(rel), "lxml")


def _countdown(site, rel):
    soup = fresh(site, rel)
    box = soup.select_one("section.countdown")
    assert box is not None, rel
    return box


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "where", ["index.html", "convening/index.html", "convening/2023/index.html"]
)
def test_seed_state_call_closed_counting_down_to_programme(site, lang, where):
    box = _countdown(site, LANGS[lang] + where)
    assert box.has_attr("data-countdown")
    assert box["data-lang"] == lang and box["data-digits"] == "latn"
    status = box.select_one("[data-countdown-status]").get_text(strip=True)
    targets = box.select("[data-countdown-target]")
    visible = [t for t in targets if not t.has_attr("hidden")]
    assert len(visible) == 1
    current = visible[0]
    time = current.select_one("time")
    assert time["datetime"] == "2023-10-27T12:00:00+03:00"
    left = current.select_one("[data-countdown-left]").get_text(strip=True)
    what = current.select_one(".countdown__what").get_text(strip=True)
    if lang == "en":
        assert status == "The call for proposals has closed."
        assert what == "Programme release:"
        assert time.get_text() == "Friday 27 October 2023, 12:00 Beirut time"
        assert left == "7 days left"
    else:
        assert status == "أُغلق باب تقديم المقترحات."
        assert what == "صدور البرنامج:"
        assert time.get_text() == "الجمعة 27 تشرين الأول 2023، 12:00 بتوقيت بيروت"
        assert left == "تبقّى 7 أيام"
    # Every later target is in the markup for the script, hidden, in order,
    # each with its own offset (Beirut leaves summer time on 29 October).
    assert [t["data-at"] for t in targets] == [
        "2023-10-27T12:00:00+03:00",
        "2023-11-16T09:00:00+02:00",
        "2023-11-18T18:00:00+02:00",
    ]
    for target in targets:
        assert target.select_one("time")["datetime"] == target["data-at"]
        assert target["data-done"]
    live = box.select("[aria-live]")
    assert len(live) == 1 and live[0].get_text(strip=True) == ""
    assert box.select_one("[data-countdown-left]").get("aria-live") is None


@pytest.mark.parametrize(
    "rel",
    [
        "index.html",
        "en/index.html",
        "convening/index.html",
        "en/convening/2023/index.html",
    ],
)
def test_countdown_script_is_external_and_deferred(site, rel):
    soup = fresh(site, rel)
    scripts = [s for s in soup.select("script") if "countdown" in (s.get("src") or "")]
    assert len(scripts) == 1 and scripts[0].has_attr("defer")
    assert site.resolve(scripts[0]["src"]) is not None
    for script in soup.select("script:not([src])"):
        assert script.get("type") == "application/ld+json", "no inline script"


def test_past_edition_page_has_no_countdown(site):
    for rel in ("convening/2020/index.html", "en/convening/2018/index.html"):
        soup = fresh(site, rel)
        assert soup.select_one("section.countdown") is None
        assert not [s for s in soup.select("script[src]") if "countdown" in s["src"]]


@pytest.mark.parametrize("lang", LANGS)
def test_archive_lists_every_edition_newest_first_with_year_anchors(site, lang):
    soup = fresh(site, LANGS[lang] + "convening/index.html")
    items = soup.select("ol.edition-list > li")
    assert [li["id"] for li in items] == [f"edition-{y}" for y in YEARS]
    years = [a["href"] for a in soup.select("nav.year-nav a")]
    assert years == [f"#edition-{y}" for y in YEARS]
    for item, year in zip(items, YEARS, strict=False):
        link = item.select_one("h3 a")
        assert site.resolve(link["href"]) == site.root / f"{LANGS[lang]}convening/{year}/index.html"
    # The upcoming edition sits on top, with its countdown, before the list.
    countdown = soup.select_one("section.countdown")
    order = soup.select("section.countdown, ol.edition-list")
    assert order[0] is countdown and "edition-list" in order[1]["class"]
    assert "2023" in countdown.select_one(".countdown__title").get_text()


def test_unknown_fields_show_nothing(site):
    card = fresh(site, "en/convening/index.html").select_one("#edition-2019")
    facts = [dt_.get_text() for dt_ in card.select("dt")]
    assert facts == ["Edition"]  # no When, Where, Format: not known
    assert card.select_one(".edition-figures") is None
    page = fresh(site, "en/convening/2019/index.html")
    assert page.select_one(".timeline") is None and page.select_one(".edition-figures") is None
    assert not page.select('a[href$=".ics"]')
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert "startDate" not in data and "location" not in data
    assert "eventAttendanceMode" not in data


def test_figures_are_exactly_the_known_ones(site):
    en = fresh(site, "en/convening/2020/index.html").select(".edition-figures > div")
    assert [(d.dt.get_text(), d.dd.get_text()) for d in en] == [
        ("Participants", "800+"),
        ("Countries", "32"),
        ("Sessions", "63"),
        ("Speakers", "100+"),
    ]
    ar = fresh(site, "convening/2020/index.html").select(".edition-figures > div")
    assert [d.dd.get_text() for d in ar] == ["أكثر من 800", "32", "63", "أكثر من 100"]
    only = fresh(site, "en/convening/2025/index.html").select(".edition-figures > div")
    assert [(d.dt.get_text(), d.dd.get_text()) for d in only] == [("Participants", "550+")]


def test_edition_page_timeline_in_order(site):
    soup = fresh(site, "en/convening/2023/index.html")
    steps = soup.select("ol.timeline > li")
    assert [s.select_one("time")["datetime"] for s in steps] == [
        "2023-09-30T23:59:00+03:00",
        "2023-10-27T12:00:00+03:00",
        "2023-11-16T09:00:00+02:00",
        "2023-11-18T18:00:00+02:00",
    ]
    assert ["timeline__step--passed" in s["class"] for s in steps] == [
        True,
        False,
        False,
        False,
    ]
    assert steps[2].get_text(" ", strip=True) == (
        "Opening of the convening Thursday 16 November 2023, 09:00 Beirut time"
    )


def _jsonld(site, rel):
    scripts = fresh(site, rel).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", YEARS)
def test_every_edition_has_parseable_event_jsonld(site, lang, year):
    data = _jsonld(site, f"{LANGS[lang]}convening/{year}/index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] and data["inLanguage"] == lang
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "SMEX",
        "url": "https://smex.org/",
    }
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert site.resolve(data["url"]) == site.root / f"{LANGS[lang]}convening/{year}/index.html"


def test_jsonld_dates_modes_and_places(site):
    seed = _jsonld(site, "en/convening/2023/index.html")
    assert seed["startDate"] == "2023-11-16T09:00:00+02:00"
    assert seed["endDate"] == "2023-11-18T18:00:00+02:00"
    assert dt.datetime.fromisoformat(seed["startDate"]).utcoffset() == dt.timedelta(hours=2)
    assert seed["location"] == {
        "@type": "Place",
        "name": "Beirut",
        "address": {"@type": "PostalAddress", "addressLocality": "Beirut"},
    }
    online = _jsonld(site, "en/convening/2020/index.html")
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"]["@type"] == "VirtualLocation"
    assert (online["startDate"], online["endDate"]) == ("2020-12-01", "2020-12-04")
    hybrid = _jsonld(site, "convening/2022/index.html")
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [p["@type"] for p in hybrid["location"]] == ["Place", "VirtualLocation"]
    assert hybrid["location"][0]["name"] == "بيروت" and hybrid["startDate"] == "2022-11"
    in_person = _jsonld(site, "en/convening/2018/index.html")
    assert in_person["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_jsonld_text_cannot_break_out_of_its_script(site):
    raw = site.read("en/convening/2023/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.DOTALL)[1]
    assert "&" not in block and "<" not in block and ">" not in block
    assert "\\u0026" in block  # "Bread&Net"


def _ics(site, rel):
    cal = icalendar.Calendar.from_ical(site.root.joinpath(rel).read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


@pytest.mark.parametrize("lang", LANGS)
def test_ics_with_stable_uid_time_zone_and_local_times(site, lang):
    rel = f"{LANGS[lang]}convening/2023/bread-and-net-2023.ics"
    cal, event = _ics(site, rel)
    assert str(event["uid"]) == "bread-and-net-2023@smex.org"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].params["TZID"] == "Asia/Beirut"
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        dt.datetime(2023, 11, 16, 9, 0),
        dt.datetime(2023, 11, 18, 18, 0),
    )
    assert start.utcoffset() == dt.timedelta(hours=2)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Asia/Beirut"]
    assert event["summary"] == ("Bread&Net 2023" if lang == "en" else "خبز ونت 2023")
    assert event["summary"].params["LANGUAGE"] == lang
    assert str(event["location"]) == ("Beirut" if lang == "en" else "بيروت")
    assert str(event["status"]) == "CONFIRMED"
    raw = site.root.joinpath(rel).read_bytes()
    assert (
        raw.startswith(b"BEGIN:VCALENDAR\r\n")
        and b"\r\nDTSTART;TZID=Asia/Beirut:20231116T090000\r\n" in raw
    )


def test_ics_whole_days_and_none_without_a_day(site):
    _, event = _ics(site, "en/convening/2020/bread-and-net-2020.ics")
    assert event.decoded("dtstart") == dt.date(2020, 12, 1)
    assert event.decoded("dtend") == dt.date(2020, 12, 5)  # exclusive
    assert str(event["uid"]) == "bread-and-net-2020@smex.org"
    for year in (2019, 2021, 2022, 2025):  # no day known: no calendar file
        assert not list(site.root.joinpath(f"en/convening/{year}").glob("*.ics"))


@pytest.mark.parametrize("lang", LANGS)
def test_add_to_calendar_link(site, lang):
    soup = fresh(site, f"{LANGS[lang]}convening/2023/index.html")
    link = soup.select_one("a.button[download]")
    assert link.get_text() == ("Add to calendar" if lang == "en" else "أضِف إلى التقويم")
    assert (
        site.resolve(link["href"])
        == site.root / f"{LANGS[lang]}convening/2023/bread-and-net-2023.ics"
    )


@pytest.mark.parametrize("year", YEARS)
def test_switcher_and_hreflang_pair_each_edition(site, year):
    ar_rel, en_rel = f"convening/{year}/index.html", f"en/convening/{year}/index.html"
    for here, there in ((ar_rel, en_rel), (en_rel, ar_rel)):
        link = fresh(site, here).select_one("nav.lang-switch a[hreflang]")
        assert not link.has_attr("data-untranslated")
        assert site.resolve(link["href"]) == site.root / there
        hreflang = {el["hreflang"]: el["href"] for el in fresh(site, here).select("link[hreflang]")}
        assert hreflang == {
            "ar": f"/convening/{year}/",
            "en": f"/en/convening/{year}/",
            "x-default": f"/convening/{year}/",
        }


def test_index_switcher_and_menu_link(site):
    link = fresh(site, "convening/index.html").select_one("nav.lang-switch a[hreflang]")
    assert site.resolve(link["href"]) == site.root / "en/convening/index.html"
    for lang, label in (("ar", "الملتقى"), ("en", "Convening")):
        soup = fresh(site, LANGS[lang] + "convening/2023/index.html")
        menu = [a for a in soup.select("nav.site-nav a") if a.get_text() == label]
        assert len(menu) == 1 and menu[0].get("aria-current") == "true"
        assert site.resolve(menu[0]["href"]) == site.root / f"{LANGS[lang]}convening/index.html"


def test_editions_are_in_the_sitemap(site):
    text = site.read("sitemap.xml")
    for year in YEARS:
        assert f"<loc>/convening/{year}/</loc>" in text
        assert f"<loc>/en/convening/{year}/</loc>" in text
    assert ".ics" not in text


def test_edition_story_is_rendered_markdown(site):
    story = fresh(site, "en/convening/2020/index.html").select_one(".edition__story")
    assert "2020nline" in story.get_text() and story.select("p")
    assert "Tech-knowledgy" in [
        li.get_text()
        for li in fresh(site, "en/convening/2020/index.html").select(".edition-themes li")
    ]


HOSTILE = 'Notes </script><script>alert(1)</script> <!-- & "quotes"'


@pytest.fixture(scope="module")
def later_site(tmp_path_factory):
    """The site previewed after the last edition (nothing ahead), built from a
    copy of the content whose 2019 summary tries to break out of JSON-LD."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.sitecheck import BuiltSite

    work = tmp_path_factory.mktemp("later")
    content = work / "content"
    copy_content(content)
    path = content / "en/editions/2019.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Summary: The second edition of Bread&Net, in 2019.", f"Summary: {HOSTILE}"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.build.sitebuild",
            "--no-search",
            "--now",
            "2026-01-05T10:00+02:00",
            "--output",
            str(work / "out"),
            "--set",
            f'PATH="{content}"',
            "--set",
            f'CACHE_PATH="{work / "cache"}"',
        ],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return BuiltSite(work / "out")


def test_metadata_cannot_break_out_of_jsonld(later_site):
    soup = fresh(later_site, "en/convening/2019/index.html")
    scripts = soup.select("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string)["description"] == HOSTILE
    assert soup.select_one('meta[name="description"]')["content"] == HOSTILE
    assert "<script>alert" not in later_site.read("en/convening/2019/index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_ahead_shows_last_edition_concluded_without_countdown(later_site, lang):
    soup = fresh(later_site, LANGS[lang] + "index.html")
    box = soup.select_one("section.countdown")
    assert "countdown--concluded" in box["class"]
    assert not box.has_attr("data-countdown")
    assert box.select("[data-countdown-target], time[datetime]") == []
    assert not [s for s in soup.select("script[src]") if "countdown" in s["src"]]
    title = box.select_one(".countdown__title").get_text(strip=True)
    assert title == ("Bread&Net 2025 has concluded" if lang == "en" else "اختُتمت دورة خبز ونت 2025")
    links = [later_site.resolve(a["href"]) for a in box.select(".countdown__links a")]
    assert links == [
        later_site.root / f"{LANGS[lang]}convening/2025/index.html",
        later_site.root / f"{LANGS[lang]}convening/index.html",
    ]
    index = fresh(later_site, LANGS[lang] + "convening/index.html")
    assert index.select_one("section.countdown") is None  # nothing upcoming on top
    assert [li["id"] for li in index.select("ol.edition-list > li")] == [
        f"edition-{y}" for y in YEARS
    ]
    assert index.select(".badge") == []
