"""Search: our own interface on Pagefind's API, in real Chromium, served with
the production headers (Trusted Types enforced).

Each language searches its own pages; results, highlights and the count are
built with DOM calls; Pagefind's worker runs; Arabic is matched the way phone
keyboards type it, in both directions (the page's spelling and the folded
query, the folded page and the written query)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.contentcopy import copy_content
from tests.gates.a11y import axe_context, axe_violations
from tests.sitecheck import build

pytestmark = pytest.mark.browser

# (what the page says, what the reader types): each pair once in each direction,
# every word on its own page so a hit can only come from the rule under test.
ARABIC_PAIRS = [
    ("الأمن", "الامن"),  # hamza above
    ("إعلام", "اعلام"),  # hamza below
    ("آليات", "اليات"),  # madda
    ("ٱلرقابة", "الرقابة"),  # wasla
    ("مستشفى", "مستشفي"),  # alef maqsura
    ("مدرسة", "مدرسه"),  # ta marbuta at the end of a word
    ("التشـــفير", "التشفير"),  # tatweel
    ("الخُصُوصِيَّة", "الخصوصية"),  # harakat
    ("2023", "٢٠٢٣"),  # Arabic-Indic digits
    ("2019", "۲۰۱۹"),  # Eastern Arabic-Indic digits
]
CASES = [
    (f"case-{n}-{way}", on_page, typed)
    for n, (written, folded) in enumerate(ARABIC_PAIRS)
    for way, on_page, typed in (("a", written, folded), ("b", folded, written))
]


def _article(slug: str, word: str) -> str:
    return (
        f"Title: صفحة اختبار {slug}\nDate: 2023-01-02 10:00\nLang: ar\nSlug: {slug}\n"
        f"Translate: no\nSummary: صفحة للاختبار فقط.\n\nكلمة البحث هنا: {word} في هذه الجملة.\n"
    )


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """The shipped content plus one Arabic page per case, with its search index."""
    work = tmp_path_factory.mktemp("search")
    content = work / "content"
    copy_content(content)
    for slug, on_page, _ in CASES:
        (content / "ar" / "articles" / f"{slug}.md").write_text(
            _article(slug, on_page), encoding="utf-8"
        )
    report = build(work, overrides={"PATH": str(content)})
    from tools.deploy.serve import serve_in_thread

    httpd, base_url = serve_in_thread(report.output)
    yield base_url
    httpd.shutdown()
    httpd.server_close()


def _watch(page) -> dict:
    """Policy violations (CSP, Trusted Types), console errors, workers started."""
    seen = {"violations": [], "errors": [], "workers": []}
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('violation ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("worker", lambda w: seen["workers"].append(w.url))
    return seen


def _search(page, base: str, path: str, query: str) -> list[str]:
    page.goto(f"{base}{path}?q={quote(query)}")
    page.locator("[data-search-status]:not(:empty)").wait_for(timeout=15_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-search-status]').textContent.endsWith('…')"
    )
    return page.locator(".search-result__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.parametrize(("slug", "on_page", "typed"), CASES, ids=[c[0] for c in CASES])
def test_arabic_is_matched_as_people_type_it(page, search_site, slug, on_page, typed):
    seen = _watch(page)
    hrefs = _search(page, search_site, "/search/", typed)
    assert f"/articles/{slug}/" in hrefs, (on_page, typed, hrefs)
    # The highlight is the word as the page writes it, not as it was typed.
    result = page.locator(f".search-result:has(a[href='/articles/{slug}/'])")
    marks = result.locator(".search-result__excerpt mark").all_inner_texts()
    assert on_page in marks, (on_page, marks)
    assert not seen["errors"], seen["errors"]


@pytest.mark.parametrize(
    ("path", "query", "expected", "own"),
    [
        ("/search/", "المراقبة", "/articles/shrinking-civic-space/", "/"),
        ("/en/search/", "surveillance", "/en/articles/shrinking-civic-space/", "/en/"),
    ],
)
def test_each_language_searches_its_own_pages_in_a_worker(page, server, path, query, expected, own):
    seen = _watch(page)
    hrefs = _search(page, server, path, query)
    assert expected in hrefs, hrefs
    assert all(h.startswith(own) for h in hrefs), hrefs
    assert own != "/" or not any(h.startswith("/en/") for h in hrefs), hrefs
    status = page.locator("[data-search-status]").inner_text()
    assert status and status[0] not in "…", status
    assert page.locator(".search-result mark").count() > 0
    # Pagefind's engine runs in its worker: the Trusted Types policy lets it through.
    assert any(url.endswith("/pagefind/pagefind-worker.js") for url in seen["workers"]), seen
    assert not seen["errors"], seen["errors"]


def test_results_carry_kind_date_and_sections_and_the_address_keeps_the_filters(page, server):
    seen = _watch(page)
    hrefs = _search(page, server, "/en/search/", "surveillance")
    assert "/en/articles/shrinking-civic-space/" in hrefs
    article = page.locator(".search-result:has(a[href='/en/articles/shrinking-civic-space/'])")
    assert article.locator(".search-result__meta").inner_text().startswith("Articles · ")
    page.select_option("#search-kind", "report")
    page.wait_for_url("**/en/search/?q=surveillance&kind=report")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.search-result__title a')]"
        ".every(a => a.getAttribute('href').startsWith('/en/publications/'))"
    )
    assert page.locator(".search-result").count() >= 1
    page.reload()
    assert page.locator("#search-kind").input_value() == "report"
    assert page.locator("#search-q").input_value() == "surveillance"
    assert not seen["errors"], seen["errors"]


def test_the_count_is_spoken_in_arabic_plural_and_digits(page, server):
    _search(page, server, "/search/", "المراقبة")
    status = page.locator("[data-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    count = page.locator(".search-result").count()
    text = status.inner_text()
    assert {1: "نتيجة واحدة", 2: "نتيجتان"}.get(count, str(count)) in text, (count, text)


def test_keyboard_search_and_follow_a_result(page, server):
    page.goto(server + "/en/search/")
    page.locator("#search-q").focus()
    page.keyboard.type("Beirut")
    page.keyboard.press("Enter")
    page.locator(".search-result__title a").first.wait_for(timeout=15_000)
    page.keyboard.press("Tab")  # kind filter
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # topic filter
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('.search-result') !== null"):
            break
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href and href.startswith("/en/"), href
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_search_page_is_accessible_with_results_open(browser, server):
    for path, query in (("/search/", "المراقبة"), ("/en/search/", "surveillance")):
        context = axe_context(browser, 390)
        page = context.new_page()
        _search(page, server, path, query)
        assert page.locator(".search-result").count() > 0
        assert axe_violations(page) == [], path
        context.close()


def test_without_javascript_the_page_points_elsewhere_and_offers_no_dead_box(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/en/search/")
    note = page.locator("[data-search-no-js]")
    assert note.is_visible()
    assert note.locator("a[href='/en/archives/']").count() == 1
    assert not page.locator("[data-search-form]").is_visible()
    context.close()


def test_trusted_types_block_a_string_written_as_html(page, server):
    """The policy bites: on a page served with our headers, a string given to
    innerHTML is refused, and so is a script URL other than Pagefind's worker."""
    page.goto(server + "/en/search/")
    page.locator("[data-search-form]:not([hidden])").wait_for()
    refused = page.evaluate(
        """() => {
            const out = {};
            try { document.body.innerHTML = '<b>x</b>'; out.html = 'allowed'; }
            catch (e) { out.html = e.name; }
            try { new Worker('/theme/js/evil.js'); out.worker = 'allowed'; }
            catch (e) { out.worker = e.name; }
            try { document.createElement('script').src = '/x.js'; out.script = 'allowed'; }
            catch (e) { out.script = e.name; }
            return out;
        }"""
    )
    assert refused == {"html": "TypeError", "worker": "TypeError", "script": "TypeError"}


def test_integrity_policy_refuses_a_script_that_names_no_hash(page, server):
    """Integrity-Policy bites: the same tiny page, served with our headers, runs
    an unhashed script only when that one header is taken away."""
    from smex_site import headers

    served = {"policy": True}

    def tiny(route):
        sent = headers.for_path("en/tiny/")
        if not served["policy"]:
            del sent["Integrity-Policy"]
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
            '<script src="/theme/js/none.js"></script></head><body><p>t</p></body></html>'
        )
        sent["Content-Type"] = "text/html; charset=utf-8"
        route.fulfill(status=200, headers=sent, body=body)

    page.route(lambda url: "/en/tiny/" in url, tiny)
    page.route(
        "**/theme/js/none.js",
        lambda r: r.fulfill(status=200, content_type="text/javascript", body="window.ran=1"),
    )
    page.goto(server + "/en/tiny/")
    assert page.evaluate("() => window.ran") is None
    served["policy"] = False
    page.goto(server + "/en/tiny/?again")
    assert page.evaluate("() => window.ran") == 1
    # The search page's module carries the hash of what Pagefind wrote, and runs.
    page.goto(server + "/en/search/")
    module = page.locator("script[type=module][src$='/pagefind/pagefind.js']")
    assert module.get_attribute("integrity").startswith("sha384-")
