"""Real Chromium under the production server (Debian's nginx, tests/production.py):
one page of every kind, both languages, at the root and under /smex-site/ (as a
GitHub Pages project site), with no CSP violation and no failed request."""

from __future__ import annotations

import pytest

from tests.gates import privacy
from tests.gates.pages import sample_pages

pytestmark = pytest.mark.browser
SAMPLES = sample_pages()


@pytest.fixture(scope="module")
def visitors(browser, production):
    """One recording page per server (each server is its own origin)."""
    contexts = {
        name: privacy.privacy_context(browser, getattr(production, name).origin)
        for name in ("root", "sub")
    }
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def load_problems(page, url: str) -> list[str]:
    """privacy.page_privacy_problems plus every request that failed or was refused."""
    failed: list[str] = []

    def on_failed(request):
        failed.append(f"failed: {request.url} ({request.failure})")

    def on_response(response):
        if response.status >= 400:
            failed.append(f"{response.status}: {response.url}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        problems = privacy.page_privacy_problems(page, url)
    finally:
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("response", on_response)
    return problems + failed


@pytest.mark.parametrize("server", ["root", "sub"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_every_page_kind_loads_cleanly_under_nginx(visitors, production, server, sample):
    served = getattr(production, server)
    url = served.url(sample.url)
    problems = load_problems(visitors[server], url)
    assert not problems, f"{url}:\n" + "\n".join(problems)


def test_search_under_the_subpath_finds_pages_under_it(visitors, production):
    page = visitors["sub"]
    sub = production.sub
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(sub.url("en/search/?q=surveillance"))
    results = page.locator(".search-result__title a")
    results.first.wait_for(timeout=15_000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("/smex-site/en/") for h in hrefs), hrefs
    assert "/smex-site/en/articles/shrinking-civic-space/" in hrefs
    assert page.evaluate("() => window.__cspViolations") == []
    assert not failed, failed


def test_the_meta_policy_alone_blocks_inline_script(browser, production):
    """On GitHub Pages no header comes: the <meta> must hold the line by itself."""
    sub = production.sub
    context = privacy.privacy_context(browser, sub.origin)

    def without_headers(route):
        response = route.fetch()
        kept = {k: v for k, v in response.headers.items() if k != "content-security-policy"}
        route.fulfill(response=response, headers=kept)

    context.route(lambda url: url.startswith(sub.origin), without_headers)
    page = context.new_page()
    try:
        response = page.goto(sub.url("en/about/"))
        assert "content-security-policy" not in response.headers
        # Two lines of defence, both from the <meta>: Trusted Types refuse the
        # script's text as a string; script text set another way (a text node)
        # is refused when it would run, and never runs.
        ran = page.evaluate(
            """() => new Promise(done => {
                 window.__ran = false;
                 const s = document.createElement('script');
                 let refused = null;
                 try { s.textContent = 'window.__ran = true'; } catch (e) { refused = e.name; }
                 const t = document.createElement('script');
                 t.appendChild(document.createTextNode('window.__ran = true'));
                 document.body.appendChild(t);
                 requestAnimationFrame(() => done({ran: window.__ran, refused}));
               })"""
        )
        violations = page.evaluate("() => window.__cspViolations")
    finally:
        # A route still fetching (the favicon) must not fail the test at close.
        context.unroute_all(behavior="ignoreErrors")
        context.close()
    assert ran == {"ran": False, "refused": "TypeError"}
    assert any(v.startswith("require-trusted-types-for") for v in violations), violations
