"""Gate 4, privacy: no page asks any host but our own for anything, no file holds
inline script or style, and the strict Content-Security-Policy the pages are
served with reports no violation (the CSP is never bypassed here)."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from tests.gates import privacy, tiny
from tests.gates.pages import sample_pages

SAMPLES = sample_pages()


def test_no_inline_script_or_style_and_nothing_from_other_hosts_in_any_file(gate_site):
    problems = privacy.source_problems(gate_site.root, gate_site.siteurl)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def privacy_page(browser, gate_server):
    context = privacy.privacy_context(browser, gate_server)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_page_calls_no_other_host_and_breaks_no_csp(sample, privacy_page, gate_server):
    problems = privacy.page_privacy_problems(privacy_page, gate_server + sample.url)
    assert not problems, f"{sample.url}:\n" + "\n".join(problems)


# -- the gates can fail -------------------------------------------------------

FAULTY = tiny.page(
    '<p style="color: red">Styled inline.</p>'
    '<script>document.title = "inline";</script>'
    '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
    '<button onclick="go()">Go</button> <a href="javascript:void(0)">nowhere</a>'
    '<img src="https://tracker.invalid/pixel.png" alt="">',
    head='<script src="https://cdn.invalid/lib.js"></script>\n<style>p { margin: 0; }</style>\n',
)


def test_file_gate_reports_inline_code_and_foreign_resources(tmp_path):
    root = tiny.write(
        tmp_path,
        {
            "good.html": tiny.page(),
            "bad.html": FAULTY,
            "bad.css": '@import "https://fonts.invalid/css";\n',
        },
    )
    problems = "\n".join(privacy.source_problems(root))
    assert "good.html" not in problems
    for expected in (
        "bad.html:8: <script> loads https://cdn.invalid/lib.js from another host",
        "bad.html:9: <style> element",
        "style= attribute on <p>",
        "inline <script>",
        "onclick= event handler on <button>",
        "javascript: URL in <a href>",
        "<img> loads https://tracker.invalid/pixel.png from another host",
        "bad.css: loads https://fonts.invalid/css from another host",
    ):
        assert expected in problems, f"{expected!r} not reported in:\n{problems}"
    assert "ld+json" not in problems and problems.count("inline <script>") == 1


@pytest.mark.browser
def test_browser_gate_reports_foreign_requests_and_csp_violations(tmp_path, browser):
    root = tiny.write(tmp_path, {"good.html": tiny.page(), "bad.html": FAULTY})
    with tiny.served(root) as base:
        context = privacy.privacy_context(browser, base)
        page = context.new_page()
        assert privacy.page_privacy_problems(page, base + "/good.html") == []
        problems = "\n".join(privacy.page_privacy_problems(page, base + "/bad.html"))
        context.close()
    assert "request to another host: script https://cdn.invalid/lib.js" in problems
    assert "request to another host: image https://tracker.invalid/pixel.png" in problems
    assert "CSP violation: script-src-elem blocked inline" in problems
    assert "CSP violation: style-src-attr blocked inline" in problems
    assert "CSP violation: style-src-elem blocked inline" in problems


@pytest.mark.browser
def test_browser_gate_reports_a_missing_csp_header(tmp_path, browser):
    root = tiny.write(tmp_path, {"good.html": tiny.page()})
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        context = privacy.privacy_context(browser, base)
        problems = privacy.page_privacy_problems(context.new_page(), base + "/good.html")
        context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert len(problems) == 1 and "served without the strict CSP header" in problems[0]
