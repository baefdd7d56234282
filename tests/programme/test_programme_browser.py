"""js/programme.js in real Chromium, under the production CSP (gate_server):
filters kept in the address, now / next, the visitor's own time in other
zones (Playwright's timezone_id), and the pages with scripts off."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

PROGRAMME = "/en/convening/2025/programme/"
BEIRUT_SUMMER = dt.timezone(dt.timedelta(hours=3))


@pytest.fixture
def open_page(browser):
    contexts = []

    def opened(url, timezone=None, at=None, scripts=True):
        context = browser.new_context(
            viewport={"width": 1366, "height": 900},
            timezone_id=timezone,
            java_script_enabled=scripts,
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        if at is not None:
            page.clock.install(time=at)
        page.goto(url)
        return page

    yield opened
    for context in contexts:
        context.close()


def visible_sessions(page) -> list[str]:
    return page.locator("[data-session]:visible .session-card__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/').at(-2))"
    )


def local_time(page):
    return page.locator("[data-session-local]")


@pytest.mark.parametrize(
    ("timezone", "slug", "expected", "marker"),
    [
        # 22:30 in Beirut (+3) is 08:30 the next morning in Auckland (+13)
        ("Pacific/Auckland", "tstccc", "Your time: Sunday 26 October, 08:30–10:00", "+1"),
        # 10:00 in Beirut (+3) is 21:00 the evening before in Honolulu (−10)
        ("Pacific/Honolulu", "tstaaa", "Your time: Friday 24 October, 21:00–21:45", "-1"),
        ("Europe/Paris", "tstaaa", "Your time: Saturday 25 October, 09:00–09:45", "0"),
    ],
)
def test_the_visitors_own_time_in_another_zone(
    gate_server, open_page, timezone, slug, expected, marker
):
    page = open_page(f"{gate_server}{PROGRAMME}{slug}/", timezone=timezone)
    shown = local_time(page)
    shown.wait_for(state="visible")
    assert shown.inner_text().startswith(expected), shown.inner_text()
    assert shown.get_attribute("data-day-marker") == marker
    assert ("(+1 day)" in shown.inner_text()) == (marker == "+1")
    assert ("(−1 day)" in shown.inner_text()) == (marker == "-1")
    assert page.errors == []


def test_the_visitors_time_in_arabic(gate_server, open_page):
    page = open_page(f"{gate_server}/convening/2025/programme/tstccc/", timezone="Pacific/Auckland")
    text = local_time(page).inner_text()
    assert text.startswith("بتوقيتك: ") and "08:30" in text and "(في اليوم التالي)" in text, text


@pytest.mark.parametrize("timezone", ["Asia/Beirut", "Europe/Istanbul"])
def test_no_second_time_when_the_clock_is_the_same(gate_server, open_page, timezone):
    # Istanbul is +3 all year: on 25 October its clock reads as Beirut's.
    page = open_page(f"{gate_server}{PROGRAMME}tstaaa/", timezone=timezone)
    page.wait_for_load_state("load")
    assert local_time(page).is_hidden()


def test_filters_are_kept_in_the_address_and_read_back(gate_server, open_page):
    page = open_page(gate_server + PROGRAMME)
    form = page.locator("[data-programme-filters]")
    assert form.is_visible()
    assert len(visible_sessions(page)) == 7
    page.select_option("#filter-track", "Digital Security")
    assert visible_sessions(page) == ["tstbbb", "tstccc", "tsteee", "tstggg"]
    assert parse_qs(urlsplit(page.url).query) == {"track": ["Digital Security"]}
    assert page.locator("[data-programme-count]").inner_text() == "Sessions shown: 4 of 7"
    page.select_option("#filter-day", "2025-10-26")
    assert visible_sessions(page) == ["tstggg"]
    assert page.locator("#day-2025-10-25").is_hidden()  # an emptied day goes
    page.select_option("#filter-language", "ar")
    assert visible_sessions(page) == [] and page.locator("[data-programme-none]").is_visible()
    # A shared or reloaded address shows the same selection.
    again = open_page(gate_server + PROGRAMME + "?room=Room+B&language=ar&track=nonsense")
    assert visible_sessions(again) == ["tstbbb", "tstddd"]
    assert again.locator("#filter-track").input_value() == ""  # unknown value: ignored
    again.locator(".programme-filters__reset").click()
    again.wait_for_function("() => !location.search")
    assert len(visible_sessions(again)) == 7
    assert page.errors == again.errors == []


def test_without_scripts_a_plain_list_per_day(gate_server, open_page):
    page = open_page(gate_server + PROGRAMME + "?track=Digital+Security", scripts=False)
    assert len(visible_sessions(page)) == 7  # every session, the address notwithstanding
    assert page.locator("[data-programme-filters]").is_hidden()
    assert page.locator("[data-programme-now]").is_hidden()
    assert page.locator("section.programme-day h2").all_inner_texts() == [
        "Saturday 25 October 2025",
        "Sunday 26 October 2025",
    ]
    session = open_page(f"{gate_server}{PROGRAMME}tstccc/", "Pacific/Auckland", scripts=False)
    # the clocks go back in between: both offsets say it lasts ninety minutes
    assert "22:30 (GMT+3)–23:00 (GMT+2)" in session.locator("[data-session-time]").inner_text()
    assert local_time(session).is_hidden()


def now_next(page) -> tuple[list[str], list[str]]:
    def titles(selector):
        items = page.locator(f"{selector}:visible a")
        return items.evaluate_all(
            "links => links.map(a => a.getAttribute('href').split('/').at(-2))"
        )

    return titles("[data-programme-now-list]"), titles("[data-programme-next-list]")


def test_now_and_next_while_the_convening_runs(gate_server, open_page):
    at = dt.datetime(2025, 10, 25, 10, 15, tzinfo=BEIRUT_SUMMER)
    page = open_page(gate_server + PROGRAMME, at=at)
    box = page.locator("[data-programme-now]")
    box.wait_for(state="visible")
    assert now_next(page) == (["tstaaa", "tstbbb"], ["tstccc"])
    # each with its room, taken from the card's room (not whichever item is second)
    rooms = page.locator("[data-programme-now-list] li").all_inner_texts()
    assert [text.rsplit(" · ", 1)[1] for text in rooms] == ["Main Hall", "Room B"]
    page.clock.run_for(60 * 60_000)  # 11:15: the talk is over, the workshop runs on
    assert now_next(page) == (["tstbbb"], ["tstccc"])
    page.clock.run_for(60 * 60_000)  # 12:15: a break; only what comes next
    assert now_next(page) == ([], ["tstccc"])
    assert page.locator("[data-programme-now] .programme-now__group").first.is_hidden()
    assert page.errors == []


@pytest.mark.parametrize(
    "at",
    [dt.datetime(2025, 10, 24, 12, 0, tzinfo=dt.UTC), dt.datetime(2025, 10, 27, tzinfo=dt.UTC)],
)
def test_no_now_and_next_before_or_after_the_convening(gate_server, open_page, at):
    page = open_page(gate_server + PROGRAMME, at=at)
    page.wait_for_load_state("load")
    assert page.locator("[data-programme-filters]").is_visible()  # the script ran
    assert page.locator("[data-programme-now]").is_hidden()
