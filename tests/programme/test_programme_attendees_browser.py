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
