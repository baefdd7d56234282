"""Gate 1, accessibility: axe-core finds no WCAG 2.1 AA violation on one page of
every kind in both languages at phone and desktop widths, and a keyboard user
can skip to the content, see where focus is, and use the menu and the language
switcher."""

from __future__ import annotations

import pytest

from tests.gates import a11y, tiny
from tests.gates.pages import DESKTOP, PHONE, open_page, sample_pages

pytestmark = pytest.mark.browser
SAMPLES = sample_pages()
FOLLOW_LINKS_ON = {"home", "article"}


@pytest.fixture(scope="module")
def axe_pages(browser):
    """One axe-carrying page per width, reused across the module."""
    contexts = {}

    def get(width):
        if width not in contexts:
            contexts[width] = a11y.axe_context(browser, width)
            contexts[width].new_page()
        return contexts[width].pages[0]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def plain_pages(browser):
    """One page per width without axe (keyboard walks navigate a lot)."""
    contexts = {}

    def get(width):
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900})
            contexts[width].new_page()
        return contexts[width].pages[0]

    yield get
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_no_axe_violation_at_wcag_21_aa(sample, width, axe_pages, gate_server):
    page = axe_pages(width)
    open_page(page, gate_server, sample)
    violations = a11y.axe_violations(page)
    assert not violations, f"{sample.url} at {width} px:\n" + "\n".join(violations)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_keyboard_alone_reaches_and_uses_everything(sample, plain_pages, gate_server):
    """Every kind: skip link, visible focus on every stop, menu and switcher
    reached; Enter on the menu and the switcher is tried on the home page and
    an article (the header is the same partial everywhere)."""
    page = plain_pages(DESKTOP)
    follow = sample.kind in FOLLOW_LINKS_ON
    problems = a11y.keyboard_problems(page, gate_server + sample.url, follow_links=follow)
    assert not problems, f"{sample.url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.kind == "home"], ids=lambda s: s.id)
def test_keyboard_alone_on_a_phone(sample, plain_pages, gate_server):
    page = plain_pages(PHONE)
    problems = a11y.keyboard_problems(page, gate_server + sample.url)
    assert not problems, f"{sample.url} at {PHONE} px:\n" + "\n".join(problems)


# -- the gates can fail -------------------------------------------------------


def test_axe_reports_a_missing_alt_and_passes_a_sound_page(tmp_path, axe_pages):
    root = tiny.write(
        tmp_path,
        {
            "good.html": tiny.page('<p><img src="/dot.svg" alt="A dot"></p>'),
            "bad.html": tiny.page('<p><img src="/dot.svg"></p>'),
            "dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>',
        },
    )
    page = axe_pages(DESKTOP)
    with tiny.served(root) as base:
        page.goto(base + "/good.html")
        assert a11y.axe_violations(page) == []
        page.goto(base + "/bad.html")
        violations = a11y.axe_violations(page)
    assert len(violations) == 1 and violations[0].startswith("image-alt (critical)"), violations


def test_keyboard_gate_reports_missing_skip_link_and_invisible_focus(tmp_path, plain_pages):
    root = tiny.write(
        tmp_path,
        {
            "good.html": tiny.page('<p><a href="/a.html">A link</a></p>'),
            "bad.html": tiny.page(
                '<p><a href="/a.html" class="hidden-focus">A link</a></p>',
                skip_link=False,
                head='<link rel="stylesheet" href="/bad.css">\n',
            ),
            "bad.css": ".hidden-focus:focus-visible { outline: none; }\n",
            "nomenu.html": tiny.page(header="<header><p>No menu</p></header>"),
        },
    )
    page = plain_pages(DESKTOP)
    with tiny.served(root) as base:
        assert a11y.keyboard_problems(page, base + "/good.html") == []
        bad = "\n".join(a11y.keyboard_problems(page, base + "/bad.html"))
        nomenu = "\n".join(a11y.keyboard_problems(page, base + "/nomenu.html"))
    assert "the first Tab stop is not a skip link to #main" in bad
    assert "no visible focus indicator (outline or box-shadow) on <a> 'A link'" in bad
    assert "no menu links" in nomenu
    assert "the language switcher (nav.lang-switch a[hreflang]) is not reached" in nomenu
