"""Gate 5, page weight: what a cold load of one page of every kind really
transfers in Chromium, in both languages, stays within tests/budget.toml."""

from __future__ import annotations

import pytest

from tests.gates import tiny, weight
from tests.gates.pages import PAGE_KINDS, sample_pages

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
