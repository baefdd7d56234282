"""Sessions in several languages, or interpreted (issue 22): the file
content/data/programme/<year>.toml beside the export. The gate site has
tests/fixtures/programme/bilingual.toml beside 2025: TSTBBB (Arabic in
pretalx) is held in Arabic and English, interpreted from Arabic into English."""

from __future__ import annotations

import pytest

from smex_site.convening.programme import spoken
from smex_site.convening.programme.fields import Problems
from tests.programme.built import jsonld
from tests.programme.support import good
from tests.sitecheck import LANGS

PROGRAMME = "convening/2025/programme/"
WORDS = {
    "ar": ("العربية، الإنجليزية", "مع ترجمة فورية من العربية إلى الإنجليزية"),
    "en": ("Arabic, English", "interpreted from Arabic into English"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_cards_the_session_page_the_filter_and_json_ld_show_every_language(gate_site, lang):
    listing = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}index.html")
    cards = {
        a["href"].rstrip("/").rsplit("/", 1)[1]: a.find_parent("article")
        for a in listing.select("article.session-card .session-card__title a")
    }
    both = cards["tstbbb"]
    assert both["data-language"].split() == ["ar", "en"]  # the filter finds it under each
    text = both.select(".session-card__meta li")[-1].get_text(" ", strip=True)
    assert all(words in text for words in WORDS[lang])
    assert both.select_one("[data-interpretation]") is not None
    assert all(
        len(c["data-language"].split()) == 1 for slug, c in cards.items() if slug != "tstbbb"
    )
    assert not [
        c for slug, c in cards.items() if slug != "tstbbb" and c.select("[data-interpretation]")
    ]
    options = [o["value"] for o in listing.select("#filter-language option") if o["value"]]
    assert sorted(options) == ["ar", "en"]
    page = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstbbb/index.html")
    facts = page.select(".session-facts dd")[-1].get_text(" ", strip=True)
    assert all(words in facts for words in WORDS[lang])
    (data,) = jsonld(page)
    assert data["inLanguage"] == ["ar", "en"]
    assert page.select_one(".session__own")["lang"] == "ar"  # its texts stay Arabic
    (other,) = jsonld(gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstaaa/index.html"))
    assert other["inLanguage"] == "en"


def check(toml: str):
    import tomllib

    problems = Problems("content/data/programme/2025.toml")
    found = spoken.apply(tomllib.loads(toml), toml, problems, good())
    return found, problems.found


def test_an_unknown_code_is_refused_naming_the_file_and_line():
    _, problems = check('# languages\n\n[sessions.TSTXYZ]\nlanguages = ["ar", "en"]\n')
    (problem,) = problems
    assert problem.severity == "error" and problem.line == 3
    assert "TSTXYZ" in str(problem) and "content/data/programme/2025.toml" in str(problem)
    assert "TSTAAA" in str(problem)  # what to write instead
    _, problems = check('[sessions.TSTAAA]\nlanguages = ["xx-not a tag"]\n')
    assert problems and problems[0].severity == "error" and "language code" in str(problems[0])
    _, problems = check('[sessions.TSTAAA]\nlanguages = ["ar"]\ninterpretation = ["ar"]\n')
    assert problems and "two language codes" in str(problems[0])


def test_invoke_check_refuses_an_unknown_code(tmp_path):
    from tests.programme.sites import programme_content
    from tools.editors import content

    copy = programme_content(tmp_path / "content", {2025: "bilingual.json"})
    (copy / "data/programme/2025.toml").write_text('[sessions.NOSUCH]\nlanguages = ["ar"]\n')
    catalog = content.collect(content.load({"PATH": str(copy)}))
    errors = [str(p) for p in catalog.errors if "2025.toml" in str(p)]
    assert len(errors) == 1 and "NOSUCH" in errors[0], catalog.errors
