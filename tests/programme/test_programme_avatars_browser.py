"""Speakers' avatars in real Chromium, under the production CSP (gate_server;
the gates' site keeps two 2025 avatars, tests/programme/sites.py): they load
from the site itself, sit on the reading side of the name, at the size the
stylesheet gives, without widening the page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SPEAKERS = "convening/2025/speakers/"
PREFIX = {"ar": "/", "en": "/en/"}
BOXES = (
    "() => [...document.querySelectorAll('img.speaker__avatar')].map(img => {"
    " const b = img.getBoundingClientRect();"
    " const box = (img.closest('li.speaker') || img.closest('header')).getBoundingClientRect();"
    " return {src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth,"
    " left: b.left, right: b.right, width: b.width, height: b.height,"
    " boxLeft: box.left, boxRight: box.right}; })"
)


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", PREFIX)
def test_avatars_load_from_the_site_on_the_reading_side(browser, gate_server, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    requests, violations = [], []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        for path, size in ((SPEAKERS, 64), (SPEAKERS + "spkaaa/", 80)):
            page.goto(f"{gate_server}{PREFIX[lang]}{path}", wait_until="load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('img.speaker__avatar')]"
                ".every(img => img.complete)"
            )
            boxes = page.evaluate(BOXES)
            expected = ["spkaaa", "spkbbb"] if path == SPEAKERS else ["spkaaa"]
            assert [b["src"] for b in boxes] == [
                f"/images/programme/2025/{slug}.webp" for slug in expected
            ]
            for box in boxes:
                assert box["loaded"] == 160  # the stored file, decoded
                assert (box["width"], box["height"]) == (size, size)
                if lang == "ar":
                    assert abs(box["right"] - box["boxRight"]) < 2, box
                else:
                    assert abs(box["left"] - box["boxLeft"]) < 2, box
            scroll = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll[0] <= scroll[1]
    finally:
        context.close()
    assert requests and all(url.startswith(gate_server) for url in requests), requests
    assert violations == []
