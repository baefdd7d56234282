"""Search (Pagefind): each language searches its own pages, under the CSP."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _violations(page):
    found = []
    page.on(
        "console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None
    )
    return found


@pytest.mark.parametrize(
    ("path", "query", "expected", "foreign"),
    [
        ("/search/", "المراقبة", "/articles/shrinking-civic-space/", "/en/"),
        ("/en/search/", "surveillance", "/en/articles/shrinking-civic-space/", None),
    ],
)
def test_search_finds_pages_in_the_page_language(page, server, path, query, expected, foreign):
    csp_errors = _violations(page)
    page.goto(server + path)
    box = page.locator("#search input").first
    box.fill(query)
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(h.startswith(expected) for h in hrefs), hrefs
    if foreign is not None:
        assert not any(h.startswith(foreign) for h in hrefs), hrefs
    else:
        assert all(h.startswith("/en/") for h in hrefs), hrefs
    assert f"q={query}" in page.url or "q=%" in page.url
    assert not csp_errors


def test_search_query_in_address_runs_on_load(page, server):
    page.goto(server + "/en/search/?q=Beirut")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    assert page.locator("#search input").first.input_value() == "Beirut"


def test_search_page_without_javascript_points_elsewhere(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/en/search/")
    note = page.locator(".search__no-js")
    assert note.is_visible()
    assert note.locator("a[href='/en/archives/']").count() == 1
    context.close()
