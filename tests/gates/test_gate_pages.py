"""The browser gates visit one page of every kind listed in tests/gates/pages.py,
in both languages; a listed page that was not built fails here (and there)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.gates.pages import LANGS, PAGE_KINDS, missing_pages, sample_pages


def test_every_listed_page_kind_is_built_in_both_languages(gate_site):
    problems = missing_pages(gate_site.root)
    assert not problems, "\n".join(problems)


def test_the_gates_visit_every_language_the_site_writes(gate_site):
    """LANGS is the site's languages, each at the prefix its home page is
    written under: a language added to pelicanconf.py, or moved, fails here
    until the gates visit it too."""
    import pelicanconf

    assert list(LANGS) == list(pelicanconf.SITE_LANGUAGES)
    assert LANGS[pelicanconf.DEFAULT_LANG] == "/"
    for lang, prefix in LANGS.items():
        home = gate_site.root / prefix.lstrip("/") / "index.html"
        assert BeautifulSoup(home.read_bytes(), "html.parser").html["lang"] == lang, home
    samples = sample_pages()
    assert len({sample.url for sample in samples}) == len(PAGE_KINDS) * len(LANGS)


def test_a_missing_page_is_reported(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    problems = missing_pages(tmp_path, {"home": "", "convening": "convening/"})
    assert sorted(problems) == [
        f"ar-convening: /convening/ was not built ({tmp_path}/convening/index.html missing)",
        f"en-convening: /en/convening/ was not built ({tmp_path}/en/convening/index.html missing)",
        f"en-home: /en/ was not built ({tmp_path}/en/index.html missing)",
    ]
