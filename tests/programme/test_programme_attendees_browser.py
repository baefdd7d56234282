"""The attendees' pages of issue 22 in real Chromium, under the production
CSP (gate_server): a day's grid reads in the page's direction and scrolls
inside its own box on a phone, never the page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

GRID = "convening/2025/programme/day/2025-10-25/"
PREFIX = {"ar": "/", "en": "/en/"}


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", PREFIX)
def test_the_grid_reads_in_the_pages_direction_and_never_widens_the_page(
    browser, gate_server, lang, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{gate_server}{PREFIX[lang]}{GRID}")
        grid = page.locator("[data-programme-grid]")
        # time first, then the rooms, each to the reading side of the one before
        heads = grid.locator("thead th").evaluate_all(
            "cells => cells.map(c => { const b = c.getBoundingClientRect();"
            " return [b.left, b.right]; })"
        )
        lefts = [left for left, _ in heads]
        assert len(lefts) == 3
        if lang == "ar":
            assert lefts == sorted(lefts, reverse=True)
        else:
            assert lefts == sorted(lefts)
        sizes = page.evaluate(
            "() => { const g = document.querySelector('[data-programme-grid]');"
            " const r = document.documentElement;"
            " return [r.scrollWidth, r.clientWidth, g.scrollWidth, g.clientWidth]; }"
        )
        page_width, viewport, grid_content, grid_box = sizes
        assert page_width <= viewport
        if width == 390:  # two rooms of 12rem and the times: the box scrolls, not the page
            assert grid_content > grid_box
        # a spanning cell reaches down to the last of the rows it covers
        cell, first, last = page.evaluate(
            "() => { const td = document.querySelector('[data-programme-grid] td[rowspan=\"3\"]');"
            " const rows = [...td.closest('tbody').rows]; const i = rows.indexOf(td.parentElement);"
            " return [td, rows[i], rows[i + 2]].map(e => e.getBoundingClientRect())"
            ".map(b => [b.top, b.bottom]); }"
        )
        assert abs(cell[0] - first[0]) < 2 and abs(cell[1] - last[1]) < 2
    finally:
        context.close()


AGENDA = "convening/2025/programme/agenda/"
GUID = "0b5e7c1d-2025-5000-8000-00000000000"
STARRED = {  # slug -> (guid, start, end): the instants the calendar file must hold
    "tstaaa": (GUID + "1", "2025-10-25T07:00:00+00:00", "2025-10-25T07:45:00+00:00"),
    "tstccc": (GUID + "3", "2025-10-25T19:30:00+00:00", "2025-10-25T21:00:00+00:00"),
}


def _context(browser, base, width, timezone="Asia/Beirut"):
    """As the privacy gate's context (CSP reports recorded, nothing let out), in a zone."""
    from urllib.parse import urlsplit

    from tests.gates import privacy

    context = browser.new_context(
        viewport={"width": width, "height": 900}, timezone_id=timezone, accept_downloads=True
    )
    context.add_init_script(privacy._CSP_RECORDER)
    own = urlsplit(base).netloc
    context.route(lambda url: urlsplit(url).netloc != own, lambda route: route.abort())
    return context


def _clean(page, foreign):
    assert page.evaluate("() => window.__cspViolations") == []  # CSP and Trusted Types
    assert foreign == []


@pytest.mark.parametrize(("lang", "width"), [("ar", 390), ("en", 1366)])
def test_starring_two_sessions_gives_an_agenda_its_calendar_and_a_link_that_restores_it(
    browser, gate_server, lang, width, tmp_path
):
    import datetime as dt

    import icalendar

    base = gate_server
    context = _context(browser, base, width)
    foreign = []
    context.on("request", lambda r: base not in r.url and foreign.append(r.url))
    try:
        page = context.new_page()
        page.goto(f"{base}{PREFIX[lang]}convening/2025/programme/")
        stars = page.locator("[data-agenda-toggle]:visible")
        assert stars.count() == 7  # one per card, shown by the script
        for slug in STARRED:
            page.locator(f"[data-agenda-toggle='2025/{slug}']").click()
            assert (
                page.locator(f"[data-agenda-toggle='2025/{slug}']").get_attribute("aria-pressed")
                == "true"
            )
        _clean(page, foreign)
        page.goto(f"{base}{PREFIX[lang]}{AGENDA}")
        shown = page.locator("[data-agenda-card]:visible").evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-agenda-card'))"
        )
        assert sorted(shown) == [f"2025/{slug}" for slug in STARRED]
        assert page.locator("[data-agenda-local]:visible").count() == 0  # Beirut: one clock
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        with page.expect_download() as done:
            page.locator("[data-agenda-export]").click()
        path = tmp_path / f"agenda-{lang}.ics"
        done.value.save_as(path)
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        got = {str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in events}
        assert got == {
            f"{guid}@smex.org": (dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
            for guid, start, end in STARRED.values()
        }
        share = page.locator("[data-agenda-share]").get_attribute("href")
        assert share.endswith("#s=tstaaa.tstccc")
        _clean(page, foreign)
    finally:
        context.close()
    # A fresh profile, elsewhere in the world: the link alone restores the agenda.
    fresh = _context(browser, base, width, timezone="Pacific/Auckland")
    foreign = []
    fresh.on("request", lambda r: base not in r.url and foreign.append(r.url))
    try:
        page = fresh.new_page()
        page.goto(share)
        shown = page.locator("[data-agenda-card]:visible").evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-agenda-card'))"
        )
        assert sorted(shown) == [f"2025/{slug}" for slug in STARRED]
        assert page.locator("[data-agenda-local]:visible").count() == 2  # their own time
        kept = page.evaluate("() => JSON.parse(localStorage.getItem('smex-agenda'))")
        assert sorted(kept) == sorted(f"2025/{slug}" for slug in STARRED)
        _clean(page, foreign)
    finally:
        fresh.close()


def test_without_scripts_no_star_and_the_agenda_explains_itself(browser, gate_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{gate_server}/en/convening/2025/programme/tstaaa/")
        assert page.locator("[data-agenda-toggle]").count() == 1
        assert page.locator("[data-agenda-toggle]:visible").count() == 0
        page.goto(f"{gate_server}/en/{AGENDA}")
        assert page.locator("[data-agenda-empty]").is_visible()
        assert page.locator("[data-agenda-card]:visible").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_a_days_programme_prints_as_a_clean_list_with_times_rooms_and_speakers(
    browser, gate_server, lang
):
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    try:
        page = context.new_page()
        page.goto(f"{gate_server}{PREFIX[lang]}convening/2025/programme/")
        page.emulate_media(media="print")
        hidden = "[data-programme-filters], .agenda-toggle, .programme-day__grid"
        assert page.locator(hidden).evaluate_all(
            "els => els.every(e => getComputedStyle(e).display === 'none')"
        )
        card = page.locator("article.session-card").first
        text = card.inner_text()
        labels = {
            "ar": ("الوقت:", "القاعة:", "المتحدثون/ات:"),
            "en": ("Time:", "Room:", "Speakers:"),
        }
        assert all(label in text for label in labels[lang])  # said in print, not only to readers
        breaks = page.locator("section.programme-day").evaluate_all(
            "days => days.map(d => getComputedStyle(d).breakBefore)"
        )
        assert breaks == ["auto", "page"]  # a day per sheet
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 794
        assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == (
            "rtl" if lang == "ar" else "ltr"
        )
    finally:
        context.close()
