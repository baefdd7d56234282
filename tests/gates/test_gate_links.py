"""Gate 3, links: every internal URL in every HTML, CSS and XML file resolves,
and every #fragment names an element id, in both subsites."""

from __future__ import annotations

from tests.gates import tiny
from tests.gates.links import check_links, link_problems


def test_every_internal_link_asset_and_fragment_resolves(gate_site):
    report = check_links(gate_site.root, gate_site.siteurl)
    assert not report.problems, "\n".join(report.problems)
    assert report.checked > 500, "the checker followed suspiciously few URLs"


def test_both_subsites_and_all_file_kinds_are_checked(gate_site):
    report = check_links(gate_site.root, gate_site.siteurl)
    assert report.files["html"] and report.files["css"] and report.files["xml"]
    assert any(p.startswith("en/") for p in report.visited)
    assert any(not p.startswith("en/") for p in report.visited)


def test_gate_reports_dead_links_assets_and_fragments(tmp_path):
    body = (
        '<p><a href="/missing/">dead page</a> <a href="b.html#nowhere">dead fragment</a>'
        ' <a href="#main">fine</a> <a href="#gone">dead local fragment</a>'
        ' <img src="/images/none.png" alt="gone"> <a href="https://example.org/">external</a>'
        ' <a href="mailto:info@example.org">mail</a></p>'
    )
    root = tiny.write(
        tmp_path,
        {
            "index.html": tiny.page(body),
            "extra.css": 'body { background: url("../img/bg.png"); }\n@import "more.css";\n',
            "sitemap.xml": (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                "<url><loc>/a.html</loc></url><url><loc>/old/</loc></url></urlset>"
            ),
            "feed.atom.xml": (
                '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                '<link href="/feed.atom.xml" rel="self"/><entry><link href="/a.html" rel="alternate"/>'  # noqa: E501
                '<content type="html">&lt;a href="/lost.html"&gt;x&lt;/a&gt;</content></entry></feed>'  # noqa: E501
            ),
        },
    )
    problems = "\n".join(link_problems(root))
    assert "index.html: <a href> /missing/ -> no such file" in problems
    assert 'b.html#nowhere -> no element with id="nowhere" in b.html' in problems
    assert '#gone -> no element with id="gone" in index.html' in problems
    assert "<img src> /images/none.png" in problems
    assert "extra.css: CSS url() ../img/bg.png" in problems
    assert "extra.css: CSS url() more.css" in problems
    assert "sitemap.xml: <loc> /old/" in problems
    assert "feed.atom.xml: <a href> /lost.html" in problems
    assert "example.org" not in problems and "#main" not in problems
    assert len(problems.splitlines()) == 8, problems


def test_gate_follows_absolute_urls_of_the_site_itself(tmp_path):
    root = tiny.write(
        tmp_path,
        {
            "index.html": tiny.page(
                '<a href="https://smex.example/a.html">ok</a>'
                ' <a href="https://smex.example/nope/">dead</a>'
            ),
        },
    )
    problems = link_problems(root, siteurl="https://smex.example")
    assert problems == [
        "index.html: <a href> https://smex.example/nope/ -> no such file in the built site"
    ]


def test_gate_passes_a_sound_tiny_site(tmp_path):
    assert link_problems(tiny.write(tmp_path, {"index.html": tiny.page()})) == []
