"""The live countdown in real Chromium, with a controlled clock, under the
production Content-Security-Policy (the `server` fixture)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.browser

UTC = dt.UTC
# 2023-10-20 12:00 in Beirut: the build's own frozen moment.
SEED = dt.datetime(2023, 10, 20, 9, 0, tzinfo=UTC)
PROGRAMME = dt.datetime(2023, 10, 27, 9, 0, tzinfo=UTC)  # 12:00 +03:00
START = dt.datetime(2023, 11, 16, 7, 0, tzinfo=UTC)  # 09:00 +02:00
END = dt.datetime(2023, 11, 18, 16, 0, tzinfo=UTC)  # 18:00 +02:00

VISIBLE_TARGET = "section.countdown [data-countdown-target]:not([hidden])"


def _open(page, url, at, errors=None):
    if errors is not None:
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=at)
    page.goto(url)
    page.wait_for_selector(
        "section.countdown[data-countdown-state=live], "
        "section.countdown[data-countdown-state=over]",
        state="attached",
    )


def _left(page) -> str:
    return page.locator(f"{VISIBLE_TARGET} [data-countdown-left]").inner_text()


def test_ticks_in_english(page, server):
    errors = []
    _open(page, server + "/en/", SEED, errors)
    assert _left(page) == "7 days left"
    page.clock.run_for(60_000)
    assert re.fullmatch(r"6 days, 23 hours,? (and )?59 minutes left", _left(page)), _left(page)
    page.clock.run_for(60 * 60_000)
    assert re.fullmatch(r"6 days, 22 hours,? (and )?59 minutes left", _left(page)), _left(page)
    # Ticks are not announced: the live region stays silent between milestones.
    assert page.locator("[data-countdown-announce]").inner_text() == ""
    assert errors == []  # the production CSP let the script run


def test_reads_right_in_arabic(page, server):
    _open(page, server + "/", SEED + dt.timedelta(minutes=1))
    text = _left(page)
    assert text.startswith("تبقّى "), text
    assert "6 أيام" in text and "23 ساعة" in text and "59 دقيقة" in text, text
    assert page.locator(f"{VISIBLE_TARGET} time").inner_text() == (
        "الجمعة 27 تشرين الأول 2023، 12:00 بتوقيت بيروت"
    )
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_arabic_indic_digits_follow_the_data_attribute(page, server):
    def arab_digits(route):
        response = route.fetch()
        body = response.text().replace('data-digits="latn"', 'data-digits="arab"')
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/$"), arab_digits)
    _open(page, server + "/", SEED + dt.timedelta(minutes=1))
    text = _left(page)
    assert "٦ أيام" in text and "٢٣ ساعة" in text and "٥٩ دقيقة" in text, text
    assert not re.search(r"[0-9]", text)


def test_switches_to_the_next_milestone_without_reload(page, server):
    _open(page, server + "/en/convening/2023/", PROGRAMME - dt.timedelta(minutes=1))
    assert page.locator(f"{VISIBLE_TARGET} .countdown__what").inner_text() == "Programme release:"
    assert _left(page) == "1 minute left"
    status = page.locator("[data-countdown-status]")
    assert status.inner_text() == "The call for proposals has closed."
    page.clock.run_for(61_000)
    assert page.locator(VISIBLE_TARGET).count() == 1
    assert page.locator(f"{VISIBLE_TARGET} .countdown__what").inner_text() == (
        "Opening of the convening:"
    )
    assert page.locator(f"{VISIBLE_TARGET} time").get_attribute("datetime") == (
        "2023-11-16T09:00:00+02:00"
    )
    assert status.inner_text() == "The programme is out."
    # 12:00 (+03:00) to 09:00 (+02:00) 20 days later: 19 days 22 hours of real
    # time, not the 21 hours the wall clocks suggest (DST ends on 29 October).
    assert _left(page) == "19 days, 22 hours left"
    announce = page.locator("[data-countdown-announce]").inner_text()
    assert announce.startswith("The programme is out. Opening of the convening:")
    assert "Thursday 16 November 2023, 09:00 Beirut time" in announce


def test_happening_now_then_over(page, server):
    _open(page, server + "/en/", START - dt.timedelta(seconds=30))
    title = page.locator(".countdown__title")
    assert title.inner_text() == "Next: Bread&Net 2023"
    assert _left(page) == "1 minute left"
    page.clock.run_for(31_000)
    assert page.locator("[data-countdown-status]").inner_text() == "Happening now."
    assert title.inner_text() == "Bread&Net 2023 is happening now"
    assert page.locator(f"{VISIBLE_TARGET} .countdown__what").inner_text() == (
        "Closing of the convening:"
    )
    page.clock.run_for(int((END - START).total_seconds() * 1000))
    assert page.locator(VISIBLE_TARGET).count() == 0
    assert page.locator("[data-countdown-over]").is_visible()
    assert title.inner_text() == "Bread&Net 2023 has concluded"
    assert page.locator("[data-countdown-status]").inner_text() == ""
    assert page.locator("section.countdown").get_attribute("data-countdown-state") == "over"


def test_arabic_switch_announces_in_arabic(page, server):
    _open(page, server + "/", PROGRAMME - dt.timedelta(seconds=5))
    page.clock.run_for(6_000)
    announce = page.locator("[data-countdown-announce]").inner_text()
    assert announce.startswith("صدر البرنامج. افتتاح الملتقى:")
    assert "بتوقيت بيروت" in announce


def test_reduced_motion_still_updates_once_a_minute_without_transition(browser, server):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        _open(page, server + "/en/", SEED)
        left = page.locator(f"{VISIBLE_TARGET} [data-countdown-left]")
        assert left.evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
        page.clock.run_for(30_000)
        assert left.inner_text() == "7 days left"  # nothing moves within the minute
        page.clock.run_for(30_000)
        assert "59 minutes" in left.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/en/", "Friday 27 October 2023, 12:00 Beirut time"),
        ("/", "الجمعة 27 تشرين الأول 2023، 12:00 بتوقيت بيروت"),
        ("/en/convening/2023/", "Friday 27 October 2023, 12:00 Beirut time"),
    ],
)
def test_without_javascript_the_target_is_still_there(browser, server, path, expected):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + path)
        target = page.locator(f"{VISIBLE_TARGET} time")
        assert target.count() == 1 and target.is_visible()
        assert target.inner_text() == expected
        assert page.locator(f"{VISIBLE_TARGET} [data-countdown-left]").is_visible()
        assert page.locator("section.countdown [data-countdown-target][hidden]").count() == 2
        for hidden in page.locator("section.countdown [data-countdown-target][hidden]").all():
            assert not hidden.is_visible()
    finally:
        context.close()
