"""Chromium opens the unzipped bundles over file://: every page kind, the fonts,
the offline search, the language switcher, the look of the online page."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.gates.pages import SamplePage, sample_pages
from tests.offline.support import LANGS, SITE_URL, watch
from tests.sitecheck import ROOT

FONT_CHECK = """() => {
  const family = getComputedStyle(document.body).fontFamily.split(",")[0].replace(/"/g, "");
  const loaded = Array.from(document.fonts).filter(f => f.status === "loaded").map(f => f.family);
  const ctx = document.createElement("canvas").getContext("2d");
  const width = font => { ctx.font = font; return ctx.measureText("حقوق رقمية").width; };
  return {family, loaded, plex: width(`16px "${family}"`), fallback: width("16px monospace")};
}"""


@pytest.mark.parametrize("sample", sample_pages(), ids=lambda s: s.id)
def test_chromium_opens_every_page_kind_from_file(offline, browser, sample: SamplePage):
    file = sample.file(offline.top(sample.lang))
    assert file.is_file(), f"{sample.id}: {file} is not in the bundle"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems = watch(page)
    page.goto(file.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    font = page.evaluate(FONT_CHECK)
    context.close()
    assert problems == [], f"{sample.id}: {problems}"
    assert font["family"].startswith("Plex "), font
    assert font["family"] in font["loaded"], f"{sample.id}: IBM Plex Sans Arabic not loaded: {font}"
    assert font["plex"] != font["fallback"], f"{sample.id}: Arabic drawn in a fallback face"


# The Arabic word is typed with ه for ة, as people do: the site's folding finds it.
@pytest.mark.parametrize(
    ("lang", "word", "title"),
    [
        ("ar", "الرقميه", "حين تضيق المساحات المدنية على الإنترنت"),
        ("en", "Surveillance", "When civic space online shrinks"),
    ],
)
def test_offline_search_finds_a_word(offline, browser, lang, word, title):
    search = offline.top(lang) / ("" if lang == "ar" else "en/") / "search/index.html"
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(search.as_uri())
    page.fill("#search-q", word)
    hit = page.locator("[data-search-results] a", has_text=title)
    hit.wait_for()
    href = hit.get_attribute("href")
    hit.click()
    page.wait_for_load_state("load")
    landed = page.url
    page.goto(search.as_uri())
    page.fill("#search-q", "zzqqxx")
    nothing = page.locator("[data-search-status]").inner_text()
    left = page.locator("[data-search-results] li").count()
    context.close()
    assert problems == [], problems
    assert landed == (search.parent / href).resolve().as_uri() and href.endswith("index.html")
    assert left == 0 and nothing, "a word found nowhere says so"


def test_offline_search_filters_by_kind_and_topic(offline, browser):
    search = offline.top("en") / "en/search/index.html"
    script = (offline.top("en") / "offline/search-index.en.js").read_text()
    items = json.loads(script.split("=", 1)[1].strip().rstrip(";"))["items"]
    articles = sorted(i["title"] for i in items if i["kind"] == "article")
    private = sorted(i["title"] for i in items if "privacy" in i["topicKeys"])
    assert articles and private and set(articles) != set(private)
    context = browser.new_context()
    page = context.new_page()
    page.goto(search.as_uri() + "?kind=article")
    by_kind = sorted(page.locator("[data-search-results] h2 a").all_inner_texts())
    page.select_option("#search-kind", "")
    page.select_option("#search-topic", "privacy")
    by_topic = sorted(page.locator("[data-search-results] h2 a").all_inner_texts())
    context.close()
    assert by_kind == articles and by_topic == private


def test_offline_search_folds_as_the_site_does():
    """The offline search folds a query with the online search's own fold()."""
    online = (ROOT / "theme/static/js/search.js").read_text()
    offline = (ROOT / "tools/offline/static/search.js").read_text()
    for part in (r"  var HARAKAT = [^\n]*\n", r"  function fold\(text\) \{.*?\n  \}\n"):
        found = [re.search(part, text, re.S) for text in (online, offline)]
        assert all(found) and found[0].group(0) == found[1].group(0), part


def test_the_switcher_leads_to_the_bundle_beside_else_online(offline, browser):
    arabic = (offline.top("ar") / "about/index.html").as_uri()
    english = offline.top("en") / "en/about/index.html"
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(arabic)
    switch = page.locator("nav.lang-switch a[hreflang=en]")
    assert switch.get_attribute("href") == f"{SITE_URL}/en/about/", "no bundle opened yet: online"
    page.goto(english.as_uri())  # the English bundle, unzipped beside, says where it is
    page.goto(arabic)
    assert switch.get_attribute("href") == english.as_uri()
    switch.click()
    page.wait_for_load_state("load")
    assert page.url == english.as_uri()
    back = page.locator("nav.lang-switch a[hreflang=ar]").get_attribute("href")
    context.close()
    assert back == arabic and problems == [], (back, problems)
    # A bundle somewhere else is not "beside": the link stays online.
    context = browser.new_context()
    page = context.new_page()
    page.goto(arabic)
    page.evaluate(
        "localStorage.setItem('smex-offline:en', 'file:///elsewhere/smex-en-2023-10-20/')"
    )
    page.reload()
    href = page.locator("nav.lang-switch a[hreflang=en]").get_attribute("href")
    context.close()
    assert href == f"{SITE_URL}/en/about/"


PIXEL_DIFF = """async ([a, b]) => {
  const load = src => new Promise(ok => {
    const i = new Image(); i.onload = () => ok(i); i.src = src;
  });
  const [one, two] = await Promise.all([load(a), load(b)]);
  const pixels = image => {
    const c = document.createElement("canvas");
    c.width = image.width; c.height = image.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height).data;
  };
  const p = pixels(one), q = pixels(two);
  let differ = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
    if (d > 24) differ++;
  }
  const same = one.width === two.width && one.height === two.height;
  return {differ: differ / (p.length / 4), same};
}"""


def online_route(root: Path):
    """Serve the publish build's absolute addresses from its folder (no network)."""
    import mimetypes

    def handle(route):
        path = urllib.parse.urlsplit(route.request.url).path.lstrip("/")
        file = root / (path + "index.html" if path.endswith("/") or not path else path)
        if not file.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    return handle


@pytest.mark.parametrize("lang", LANGS)
def test_an_offline_page_looks_like_the_online_page(offline, browser, lang):
    """Right to left, and the Arabic face, hold offline: the screenshots match."""
    import base64

    prefix = "" if lang == "ar" else "en/"
    shots = []
    for where in ("online", "offline"):
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        if where == "online":
            page.route(f"{SITE_URL}/**", online_route(offline.site))
            page.goto(f"{SITE_URL}/{prefix}about/", wait_until="load")
        else:
            page.goto((offline.top(lang) / prefix / "about/index.html").as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
        shots.append("data:image/png;base64," + base64.b64encode(page.screenshot()).decode())
        context.close()
    context = browser.new_context()
    result = context.new_page().evaluate(PIXEL_DIFF, shots)
    context.close()
    assert result["same"] and result["differ"] < 0.002, result
