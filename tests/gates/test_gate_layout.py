"""Gate 6, layout: no page scrolls sideways at 320, 390 or 1366 px in either
language, and the Arabic header mirrors the English one. Gate 7, screenshots:
the phone and desktop views of every page kind in both languages are saved into
screenshots/ (see README, "Quality gates")."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SCREENSHOTS
from tests.gates import layout, tiny
from tests.gates.pages import DESKTOP, NARROWEST, PHONE, WIDTHS, open_page, sample_pages
from tests.sitecheck import FROZEN_NOW

pytestmark = pytest.mark.browser
SAMPLES = sample_pages()
DIRECTION = {"ar": "rtl", "en": "ltr"}
SHOT_NAMES = {width: name for name, width in WIDTHS.items()}


@pytest.fixture(scope="module")
def pages_by_width(browser):
    contexts = {}

    def get(width):
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 800})
            page = contexts[width].new_page()
            # The browser's clock starts at the build's "now", so the live
            # countdown shows the same moment as the page in the screenshots.
            page.clock.install(time=dt.datetime.fromisoformat(FROZEN_NOW))
        return contexts[width].pages[0]

    yield get
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", [NARROWEST, PHONE, DESKTOP])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_no_sideways_scroll_and_header_mirrors(sample, width, pages_by_width, gate_server):
    page = pages_by_width(width)
    open_page(page, gate_server, sample)
    page.evaluate("() => document.fonts.ready")
    problems = layout.overflow_problems(page)
    problems += layout.header_mirror_problems(page, DIRECTION[sample.lang])
    if width in SHOT_NAMES:
        SCREENSHOTS.mkdir(exist_ok=True)
        shot = SCREENSHOTS / f"{sample.lang}-{sample.kind}-{SHOT_NAMES[width]}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 1000
    assert not problems, f"{sample.url} at {width} px:\n" + "\n".join(problems)


# -- the gates can fail -------------------------------------------------------


def test_gate_reports_an_overflowing_element_and_an_unmirrored_header(tmp_path, pages_by_width):
    root = tiny.write(
        tmp_path,
        {
            "good.html": tiny.page(lang="ar", dir="rtl"),
            "wide.html": tiny.page(
                '<pre class="wide">x</pre>',
                head='<link rel="stylesheet" href="/wide.css">\n',
            ),
            "wide.css": ".wide { inline-size: 900px; }\n",
            "unmirrored.html": tiny.page(
                lang="ar", dir="rtl", head='<link rel="stylesheet" href="/ltr.css">\n'
            ),
            "ltr.css": "header, nav ul { direction: ltr; }\n",
        },
    )
    page = pages_by_width(PHONE)
    with tiny.served(root) as base:
        page.goto(base + "/good.html")
        assert layout.overflow_problems(page) + layout.header_mirror_problems(page, "rtl") == []
        page.goto(base + "/wide.html")
        overflow = layout.overflow_problems(page)
        page.goto(base + "/unmirrored.html")
        mirror = layout.header_mirror_problems(page, "rtl")
    assert len(overflow) == 1 and "scrolls sideways" in overflow[0] and "pre.wide" in overflow[0]
    assert "the brand is not at the right of the navigation" in "\n".join(mirror)
    assert "menu items are not in rtl order" in "\n".join(mirror)
