"""The browser gates visit one page of every kind listed in tests/gates/pages.py,
in both languages; a listed page that was not built fails here (and there)."""

from __future__ import annotations

from tests.gates.pages import LANGS, PAGE_KINDS, missing_pages, sample_pages


def test_every_listed_page_kind_is_built_in_both_languages(gate_site):
    problems = missing_pages(gate_site.root)
    assert not problems, "\n".join(problems)


def test_samples_cover_every_kind_in_every_language():
    samples = sample_pages()
    assert len(samples) == len(PAGE_KINDS) * len(LANGS)
    assert {(s.kind, s.lang) for s in samples} == {(k, lang) for k in PAGE_KINDS for lang in LANGS}


def test_a_missing_page_is_reported(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    problems = missing_pages(tmp_path, {"home": "", "convening": "convening/"})
    assert sorted(problems) == [
        f"ar-convening: /convening/ was not built ({tmp_path}/convening/index.html missing)",
        f"en-convening: /en/convening/ was not built ({tmp_path}/en/convening/index.html missing)",
        f"en-home: /en/ was not built ({tmp_path}/en/index.html missing)",
    ]
