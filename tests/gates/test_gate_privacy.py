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


GOOD_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>/</id>
<icon>/theme/images/favicon.svg</icon>
<entry><title>E</title><id>/e/</id><link href="https://elsewhere.example/read" rel="alternate"/>
<summary type="html">&lt;p&gt;A &lt;a href="https://elsewhere.example/"&gt;link&lt;/a&gt;.&lt;/p&gt;</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Text.</p></div></content>
</entry></feed>
"""
BAD_FEED = """<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="https://cdn.invalid/feed.xsl" type="text/xsl"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>/</id>
<logo>https://cdn.invalid/logo.png</logo>
<entry><title>E</title><id>/e/</id>
<summary type="html">&lt;img src="x" onerror="alert(1)"&gt;</summary>
<content type="html">&lt;script&gt;alert(2)&lt;/script&gt;&lt;img src="https://tracker.invalid/p.gif"&gt;
&lt;a href="javascript:alert(3)"&gt;x&lt;/a&gt;&lt;p style="color: red"&gt;s&lt;/p&gt;</content>
<link rel="enclosure" href="https://cdn.invalid/report.pdf" type="application/pdf"/>
</entry>
<entry><title>X</title><id>/x/</id>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://player.invalid/v"></iframe></div></content>
</entry></feed>
"""
BAD_RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<image><url>https://cdn.invalid/rss.png</url></image>
<item><description>&lt;meta http-equiv="refresh" content="0;url=https://evil.invalid/"&gt;</description>
<enclosure url="https://cdn.invalid/a.mp3" type="audio/mpeg" length="1"/></item>
</channel></rss>
"""
BAD_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:xhtml="http://www.w3.org/1999/xhtml"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>/</loc><xhtml:link rel="alternate" hreflang="en" href="javascript:alert(4)"/>
<image:image><image:loc>/x.png</image:loc></image:image></url>
</urlset>
"""


def test_file_gate_reads_feeds_and_the_sitemap(tmp_path):
    root = tiny.write(
        tmp_path,
        {
            "feeds/good.atom.xml": GOOD_FEED,
            "feeds/bad.atom.xml": BAD_FEED,
            "feeds/bad.rss.xml": BAD_RSS,
            "sitemap.xml": BAD_SITEMAP,
            "broken.xml": "<feed><entry></feed>",
        },
    )
    problems = "\n".join(privacy.source_problems(root))
    assert "good.atom.xml" not in problems, problems
    for expected in (
        "feeds/bad.atom.xml:2: <?xml-stylesheet> loads https://cdn.invalid/feed.xsl",
        "feeds/bad.atom.xml:4: <logo> loads https://cdn.invalid/logo.png from another host",
        "feeds/bad.atom.xml:6: in <summary>: onerror= event handler on <img>",
        "feeds/bad.atom.xml:7: in <content>: inline <script>",
        "feeds/bad.atom.xml:7: in <content>: <img> loads https://tracker.invalid/p.gif",
        "feeds/bad.atom.xml:7: in <content>: javascript: URL in <a href>",
        "feeds/bad.atom.xml:7: in <content>: style= attribute on <p>",
        "feeds/bad.atom.xml:9: <link> loads https://cdn.invalid/report.pdf from another host",
        "in <content>: <iframe> loads https://player.invalid/v from another host",
        "feeds/bad.rss.xml:2: <url> loads https://cdn.invalid/rss.png from another host",
        "feeds/bad.rss.xml:3: in <description>: <meta http-equiv=refresh>",
        "in <description>: <meta> loads https://evil.invalid/ from another host",
        "feeds/bad.rss.xml:4: <enclosure> loads https://cdn.invalid/a.mp3 from another host",
        "sitemap.xml:5: javascript: URL in <link href>",
        "broken.xml: not well-formed XML",
    ):
        assert expected in problems, f"{expected!r} not reported in:\n{problems}"
    # a link to another host is not a resource: only what a reader fetches counts
    assert "elsewhere.example" not in problems and "/x.png" not in problems


def test_the_built_site_has_feeds_and_a_sitemap_for_the_gate_to_read(site):
    """The XML rules above run on the real site (the first test of this file):
    make sure there is XML for them to read, with HTML inside."""
    feeds = sorted(site.root.rglob("*.xml"))
    names = {str(path.relative_to(site.root)) for path in feeds}
    assert {"sitemap.xml", "feeds/all.atom.xml", "en/feeds/all.atom.xml"} <= names
    assert {"feeds/publications.atom.xml", "en/feeds/publications.atom.xml"} <= names
    assert 'type="html"' in site.read("en/feeds/all.atom.xml")


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
