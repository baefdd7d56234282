"""How to cite and the citation files in real Chromium: the rendered
reference reads in the page's direction with the address and identifier
kept left to right, a selection copies exactly what is shown, and the files
the pages link are served with their types. COinS spans take no room."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

REPORT = "publications/annual-report-2022-7amleh/"
PREFIX = {"ar": "", "en": "/en"}
TYPES = {
    "BibTeX": "application/x-bibtex",
    "RIS": "application/x-research-info-systems",
    "CSL-JSON": "application/vnd.citationstyles.csl+json",
}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_how_to_cite_reads_in_the_pages_direction(page, server, lang):
    page.goto(f"{server}{PREFIX[lang]}/{REPORT}")
    entries = page.locator("[data-howto]")
    assert entries.count() == 2  # APA, then Chicago; no Original-Language here
    for entry in entries.all():
        found = entry.evaluate(
            """(p) => {
              const style = (el) => getComputedStyle(el).direction;
              const title = p.querySelector('i').getBoundingClientRect();
              const isolated = [...p.querySelectorAll('bdi')];
              const address = isolated[isolated.length - 1].getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(p);
              const selection = getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return {
                dir: style(p),
                isolated: isolated.map(style),
                words: isolated.map((el) => el.textContent),
                copied: selection.toString(),
                shown: p.innerText,
                addressAfterTitle: address.top > title.top + 1 ? 'below' :
                  (address.left < title.left ? 'left' : 'right'),
              };
            }"""
        )
        assert found["dir"] == ("rtl" if lang == "ar" else "ltr")
        assert set(found["isolated"]) == {"ltr"}
        assert found["words"] == ["SMEX-2023-01", f"{PREFIX[lang]}/{REPORT}"]
        assert found["copied"] == found["shown"]
        # the address comes last: to the left of the title in Arabic, to the right
        # in English (or on a later line)
        assert found["addressAfterTitle"] in (
            ("left", "below") if lang == "ar" else ("right", "below")
        )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_lists_link_their_library_and_coins_take_no_room(page, server, lang):
    page.goto(f"{server}{PREFIX[lang]}/publications/")
    spans = page.locator("span.Z3988")
    assert spans.count() == page.locator("[data-pub-card]").count() > 0
    for span in spans.all():
        box = span.bounding_box()
        assert box is None or box["width"] == 0
    links = page.locator("[data-library] a, [data-library-all] a")
    assert links.count() == 6
    for link in links.all():
        response = page.request.get(server + link.get_attribute("href"))
        assert response.ok
        expected = TYPES[link.inner_text()]
        assert response.headers["content-type"] == f"{expected}; charset=utf-8"
        assert link.get_attribute("type") == expected
