"""How to cite, without a build: citeproc-py with the vendored CSL files,
escaping (citeproc-py's HTML formatter escapes nothing itself), Arabic
digits per the language's setting, left-to-right isolation, the setting."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

ITEM = {
    "id": "SMEX-2023-01-ar",
    "type": "report",
    "title": "تقرير النشاطات السنوي 2022",
    "author": [{"literal": "حملة – المركز العربي لتطوير الإعلام الاجتماعي"}],
    "publisher": "سمكس",
    "genre": "تقرير سنوي",
    "issued": {"date-parts": [[2023, 2, 20]]},
    "language": "ar",
    "number": "SMEX-2023-01",
    "URL": "https://smex.example/publications/annual-report-2022-7amleh/",
}


def render(item, style="apa", lang="ar", digits="latn"):
    from smex_site.l10n import Formats
    from smex_site.publications import howto

    fmt = Formats(lang, {"locale": "ar_LB" if lang == "ar" else "en", "digits": digits})
    return BeautifulSoup(str(howto.render(item, style, lang, fmt.digits)), "lxml")


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_arabic_digits_for_what_citeproc_writes_not_for_the_items_own_text(style):
    text = render(ITEM, style, digits="arab").get_text()
    assert "٢٠٢٣" in text and "2023" not in text.replace("SMEX-2023-01", "")
    assert ITEM["title"] in text  # the title's own digits stay as written
    assert ITEM["URL"] in text and "SMEX-2023-01" in text
    latin = render(ITEM, style).get_text()
    assert "2023" in latin and "٢" not in latin


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_the_address_and_the_identifier_are_isolated_left_to_right(style):
    soup = render(ITEM, style)
    isolated = [(bdi["dir"], bdi.get_text()) for bdi in soup.select("bdi")]
    assert isolated == [("ltr", "SMEX-2023-01"), ("ltr", ITEM["URL"])]
    assert soup.select_one("i").get_text() == ITEM["title"]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_every_value_is_escaped(style):
    hostile = '<img src=x onerror=alert(1)> & "q"'
    item = {
        **ITEM,
        "title": hostile,
        "author": [{"literal": "<script>x</script>"}],
        "publisher": "P&<b>",
        "URL": "https://x.example/?a=1&b=<2>",
        "number": "N<1",
    }
    soup = render(item, style, lang="en")
    assert [tag.name for tag in soup.body.find_all(True)] == ["i", "bdi", "bdi"]
    text = soup.get_text()
    for value in (hostile, "<script>x</script>", "P&<b>", "https://x.example/?a=1&b=<2>", "N<1"):
        assert value in text or value.title() in text


def test_the_setting_names_only_vendored_styles():
    from smex_site import KINDS, settings
    from smex_site.publications.howto import check_styles

    def check(styles):
        check_styles({"SITE_CITATION_STYLES": styles})

    with pytest.raises(settings.SettingsError, match=r"SITE_CITATION_STYLES.*apa, chicago"):
        check(("mla",))
    with pytest.raises(settings.SettingsError, match="SITE_CITATION_STYLES"):
        check("apa")  # a string, not a list
    check(("chicago-author-date", "apa"))
    # the report kind runs it when the settings are read with the site's kinds
    with pytest.raises(settings.SettingsError, match=r"SITE_CITATION_STYLES.*apa, chicago"):
        settings.read({"SITE_CITATION_STYLES": ("mla",)}, KINDS)
