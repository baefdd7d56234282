"""Gate 5, page weight: what a cold load of one page of every kind really
transfers in Chromium, in both languages, stays within tests/budget.toml."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests import sitecheck
from tests.gates import tiny, weight
from tests.gates.pages import PAGE_KINDS, sample_pages
from tests.production import committed_conf, environment, free_port, nginx_binary, running_nginx
from tools.dev import lighthouse, programmecorpus

SAMPLES = sample_pages()


def test_budget_file_is_well_formed_and_names_only_known_kinds():
    budget = weight.load_budget()
    assert set(budget) - {"default"} <= set(PAGE_KINDS), "a [table] names no page kind"
    for kind in PAGE_KINDS:
        assert set(weight.budget_for(budget, kind)) == set(weight.CATEGORIES), kind
    assert weight.budget_for(budget, "home")["total"] <= 250_000
    assert weight.budget_for(budget, "article")["total"] <= 200_000
    for kind in PAGE_KINDS:
        if kind != "search":
            assert weight.budget_for(budget, kind)["js"] <= 15_000, kind


@pytest.mark.browser
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_cold_load_is_within_budget(sample, browser, gate_server):
    measured = weight.cold_load(browser, gate_server + sample.url)
    limits = weight.budget_for(weight.load_budget(), sample.kind)
    problems = weight.over_budget(measured, limits)
    summary = ", ".join(f"{k} {weight.kb(v)}" for k, v in measured.items())
    assert not problems, (
        f"{sample.url} over budget [{sample.kind}]: {problems}\nmeasured: {summary}"
    )
    assert measured["html"] > 0 and measured["css"] > 0, f"nothing measured: {summary}"


@pytest.mark.browser
def test_gate_reports_an_overweight_image(tmp_path, browser):
    image = (
        b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><!--"
        + b"x" * 300_000
        + b"--></svg>"
    )
    root = tiny.write(
        tmp_path,
        {
            "light.html": tiny.page(
                '<p><img src="/small.svg" alt="small" width="10" height="10"></p>'
            ),
            "heavy.html": tiny.page('<p><img src="/big.svg" alt="big" width="10" height="10"></p>'),
            "small.svg": "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>",
            "big.svg": image,
        },
    )
    limits = {"images": 100_000, "total": 150_000}
    with tiny.served(root) as base:
        light = weight.cold_load(browser, base + "/light.html")
        heavy = weight.cold_load(browser, base + "/heavy.html")
    assert weight.over_budget(light, limits) == []
    assert heavy["images"] >= 300_000
    problems = weight.over_budget(heavy, limits)
    assert [p.split(":")[0] for p in problems] == ["images", "total"], problems
    assert problems[0].startswith("images: 300.") and problems[0].endswith("> budget 100.0 KB")


# --- A programme of 200 sessions (issue 22) ---------------------------------------

LARGE = 200
LARGE_SAMPLES = [(kind, lang) for kind in lighthouse.KINDS for lang in sitecheck.LANGS]


@pytest.fixture(scope="module")
def large_programme(tmp_path_factory):
    """A publish build with a generated 200-session programme
    (tools/dev/programmecorpus.py, as `invoke lighthouse` measures it), served
    by Debian's nginx with deploy/nginx.conf: what production transfers,
    precompressed .gz included. (origin, {page kind: path}, site folder)."""
    nginx_binary()
    work = tmp_path_factory.mktemp("large-programme")
    content = programmecorpus.content_with(work / "content", programmecorpus.export(LARGE))
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with environment(SITE_URL=origin, SITE_CSP_META="", SITE_ONION_URL=""):
        report = sitecheck.build(work, "publishconf.py", name="site", search=False,
                       overrides={"PATH": str(content)})  # fmt: skip
    conf = committed_conf(report.output, f"127.0.0.1:{port}")
    with running_nginx(work / "nginx", [conf], [port]):
        yield origin, lighthouse.page_paths(report.output), report.output


@pytest.mark.browser
@pytest.mark.parametrize(
    ("kind", "lang"), LARGE_SAMPLES, ids=[f"{lang}-{kind}" for kind, lang in LARGE_SAMPLES]
)
def test_a_200_session_programme_stays_within_its_kinds_budget(
    kind, lang, large_programme, browser
):
    """Every programme page kind of a 200-session programme weighs no more
    than its kind's budget: long lists cost HTML (compressed, as production
    sends it), never another script, font or stylesheet."""
    origin, paths, root = large_programme
    url = f"{origin}/{sitecheck.LANGS[lang]}{paths[kind]}"
    measured = weight.cold_load(browser, url)
    problems = weight.over_budget(measured, weight.budget_for(weight.load_budget(), kind))
    summary = ", ".join(f"{k} {weight.kb(v)}" for k, v in measured.items())
    assert not problems, f"{url} over budget [{kind}]: {problems}\nmeasured: {summary}"
    page = root / sitecheck.LANGS[lang] / paths[kind] / "index.html"
    assert 0 < measured["html"] < page.stat().st_size, f"{url}: sent uncompressed? {summary}"


def test_the_large_programme_is_the_size_it_claims(large_programme):
    _, paths, root = large_programme
    for lang, prefix in sitecheck.LANGS.items():
        for kind, cards in (
            ("programme", "[data-session]"),
            # every session (a removed one, data-agenda-removed, is listed apart)
            ("programme-agenda", "[data-agenda-card]:not([data-agenda-removed])"),
        ):
            page = root / prefix / paths[kind] / "index.html"
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            assert len(soup.select(cards)) == LARGE, (lang, kind)
