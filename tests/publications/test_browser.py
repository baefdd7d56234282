"""The publications index in real Chromium: instant filters, the URL query,
the live count, in Arabic and English; and the static pages without scripts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARDS = "[data-pub-list] [data-pub-card]"
VISIBLE = "[data-pub-list] [data-pub-card]:not([hidden])"


def open_index(page, server, lang="en", query=""):
    prefix = "/en" if lang == "en" else ""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{server}{prefix}/publications/{query}")
    expect(page.locator("html.pub-filter-ready")).to_have_count(1)
    return errors


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_filter_by_type_year_topic_and_text_en(page, server):
    errors = open_index(page, server, "en")
    count = page.locator("#pub-count")
    total = page.locator(CARDS).count()
    expect(count).to_have_text(f"{total} publications")
    expect(page.locator("form.pub-filter")).to_be_visible()

    page.select_option("#pub-filter-type", "survey")
    expect(page.locator(VISIBLE)).to_have_count(1)
    expect(count).to_have_text("1 publication")
    assert query(page) == {"type": "survey"}
    for card in page.locator(VISIBLE).all():
        assert card.get_attribute("data-type") == "survey"

    page.select_option("#pub-filter-type", "")
    page.select_option("#pub-filter-year", "2023")
    expect(page.locator(VISIBLE)).to_have_count(1)
    assert query(page) == {"year": "2023"}

    page.select_option("#pub-filter-year", "")
    page.select_option("#pub-filter-topic", "privacy")
    expect(page.locator(VISIBLE)).to_have_count(3)
    expect(count).to_have_text("3 publications")
    assert query(page) == {"topic": "privacy"}

    page.fill("#pub-filter-q", "survey")
    expect(page.locator(VISIBLE)).to_have_count(1)
    expect(page.locator(VISIBLE).locator("h3")).to_contain_text("Survey of attitudes")
    assert query(page) == {"topic": "privacy", "q": "survey"}

    page.fill("#pub-filter-q", "nothing matches this")
    expect(page.locator(VISIBLE)).to_have_count(0)
    expect(count).to_have_text("0 publications")
    expect(page.locator("[data-pub-empty]")).to_be_visible()

    page.click("button[type=reset]")
    expect(page.locator(VISIBLE)).to_have_count(total)
    assert query(page) == {}
    assert page.url.endswith("/en/publications/")
    assert errors == []


def test_count_is_a_polite_live_region(page, server):
    open_index(page, server, "en")
    count = page.locator("#pub-count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.get_attribute("role") == "status"


def test_filter_in_arabic_with_arabic_plurals_and_folded_letters(page, server):
    errors = open_index(page, server, "ar")
    count = page.locator("#pub-count")
    expect(count).to_have_text("8 إصدارات")

    page.select_option("#pub-filter-type", "survey")
    expect(page.locator(VISIBLE)).to_have_count(2)
    expect(count).to_have_text("إصداران")  # the dual
    assert query(page) == {"type": "survey"}

    page.select_option("#pub-filter-type", "")
    page.select_option("#pub-filter-year", "2023")
    expect(count).to_have_text("إصدار واحد")

    page.select_option("#pub-filter-year", "")
    # typed without hamza and with ه for ة: still finds إسرائيل / المراقبة
    page.fill("#pub-filter-q", "اسرائيل المراقبه")
    expect(page.locator(VISIBLE)).to_have_count(1)
    assert "surveillance-sector-position-paper" in page.locator(VISIBLE).locator(
        "h3 a"
    ).get_attribute("href")
    assert query(page) == {"q": "اسرائيل المراقبه"}

    page.fill("#pub-filter-q", "لا يوجد شيء كهذا")
    expect(count).to_have_text("لا توجد إصدارات")
    assert errors == []


@pytest.mark.parametrize(
    "lang, search, expected",
    [
        ("en", "?topic=privacy&q=paper", 2),
        ("en", "?topic=surveillance&q=industry", 1),
        ("en", "?type=position-paper&year=2022", 2),
        ("ar", "?type=survey&topic=digital-activism", 1),
        ("ar", "?year=2022", 7),
    ],
)
def test_shared_url_opens_filtered(page, server, lang, search, expected):
    open_index(page, server, lang, search)
    expect(page.locator(VISIBLE)).to_have_count(expected)
    wanted = parse_qs(search[1:])
    for name, (value,) in wanted.items():
        field = page.locator(f"#pub-filter-{name}")
        expect(field).to_have_value(value)
    assert query(page) == {k: v[0] for k, v in wanted.items()}


def test_topic_link_on_a_card_opens_the_index_filtered(page, server):
    page.goto(f"{server}/en/publications/type/guide/")
    page.click("[data-pub-card] .pub-card__topics a[href$='topic=hate-speech']")
    expect(page.locator("html.pub-filter-ready")).to_have_count(1)
    expect(page.locator(VISIBLE)).to_have_count(1)
    expect(page.locator("#pub-filter-topic")).to_have_value("hate-speech")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_without_javascript_type_and_year_pages_work(browser, server, lang):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    prefix = "/en" if lang == "en" else ""
    try:
        page.goto(f"{server}{prefix}/publications/")
        total = page.locator(CARDS).count()
        assert total >= 6
        expect(page.locator("form.pub-filter")).to_be_hidden()
        expect(page.locator("nav.pub-browse")).to_be_visible()

        page.click("nav.pub-browse a[href$='/publications/type/position-paper/']")
        assert page.url.endswith(f"{prefix}/publications/type/position-paper/")
        expect(page.locator(CARDS)).to_have_count(2)
        for card in page.locator(CARDS).all():
            assert card.get_attribute("data-type") == "position-paper"
        expect(page.locator("nav.pub-browse a[aria-current=page]")).to_have_count(1)

        page.click("nav.pub-browse a[href$='/publications/2023/']")
        assert page.url.endswith(f"{prefix}/publications/2023/")
        expect(page.locator(CARDS)).to_have_count(1)
        expect(page.locator(CARDS).locator("time")).to_have_attribute("datetime", "2023-02-20")

        page.click(".pub-browse__all a")
        expect(page.locator(CARDS)).to_have_count(total)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_report_page_downloads_and_csp_clean(page, server, lang):
    prefix = "/en" if lang == "en" else ""
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if msg.type == "error" else None,
    )
    page.goto(f"{server}{prefix}/publications/annual-report-2022-7amleh/")
    link = page.locator(".publication__files a.button")
    href = link.get_attribute("href")
    response = page.request.get(server + href)
    assert response.ok
    assert response.body().startswith(b"%PDF-")
    assert violations == []


CITE_BLOCK = """pre => {
  const range = document.createRange();
  range.selectNodeContents(pre);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const box = pre.getBoundingClientRect();
  const lines = [...pre.querySelectorAll(".cite__line")];
  const outside = lines.flatMap(line => [...line.getClientRects()].filter(
    rect => rect.left < box.left - 0.5 || rect.right > box.right + 0.5));
  return {
    copied: selection.toString(),
    shown: pre.innerText,
    source: pre.textContent,
    lines: lines.length,
    isolated: lines.every(line => getComputedStyle(line).unicodeBidi === "isolate"),
    overflow: pre.scrollWidth - pre.clientWidth,
    outside: outside.length,
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_citations_copy_as_shown_and_wrap_instead_of_cutting(browser, server, site, lang):
    """The Arabic report's BibTeX and RIS: each line its own isolate, so what
    is selected and copied is the text the page shows (and the file's own
    text); at a phone's width long lines wrap inside the block, none is cut."""
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    prefix = "/en" if lang == "en" else ""
    rel = f"{prefix.lstrip('/')}/publications/annual-report-2022-7amleh/index.html".lstrip("/")
    page.goto(f"{server}{prefix}/publications/annual-report-2022-7amleh/")
    soup = site.soup(rel)
    for kind in ("bibtex", "ris"):
        block = page.locator(f"pre[data-cite={kind}]")
        found = block.evaluate(CITE_BLOCK)
        text = soup.select_one(f"pre[data-cite={kind}]").get_text()
        assert found["source"] == text
        assert found["copied"] == found["shown"] == text, (kind, found)
        assert found["lines"] == len(text.split("\n")) and found["isolated"]
        assert found["overflow"] <= 0 and found["outside"] == 0, (kind, found)
        # and through the clipboard, as a reader copies it
        page.keyboard.press("Control+C")
        assert page.evaluate("() => navigator.clipboard.readText()") == text
    if lang == "ar":  # an Arabic value is there to be kept in order
        assert "تقرير" in soup.select_one("pre[data-cite=bibtex]").get_text()
    context.close()
