"""The gate content built at the very instant of the 2023 edition's
programme-released milestone (`--now 2023-10-27T12:00+03:00`): the programme
held back a week earlier (test_programme_files) is out everywhere, and the
countdown has moved on to the opening."""

from __future__ import annotations

import pytest

from tests.programme.built import calendar, jsonld, sessions_indexed
from tests.programme.schema import assert_valid, assert_valid_json
from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, RELEASE, programme_content
from tests.sitecheck import BuiltSite, build

PROGRAMME = "convening/2023/programme/"
SLUGS = ["embaaa", "embbbb", "embccc"]


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> BuiltSite:
    work = tmp_path_factory.mktemp("released")
    content = programme_content(work / "content", GATE_PROGRAMMES, beside=GATE_BESIDE)
    report = build(work, now=RELEASE, overrides={"PATH": str(content)})
    return BuiltSite(report.output)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_programme_is_out_at_the_milestone(released, prefix):
    page = released.soup(f"{prefix}{PROGRAMME}index.html")
    assert len(page.select("article.session-card")) == 3
    for slug in SLUGS:
        assert (released.root / f"{prefix}{PROGRAMME}{slug}/index.html").is_file()
        assert calendar(released, f"{prefix}{PROGRAMME}{slug}/{slug}.ics").walk("VEVENT")
        (data,) = jsonld(released.soup(f"{prefix}{PROGRAMME}{slug}/index.html"))
        assert data["superEvent"]["@id"] == f"/{prefix}convening/2023/"
    assert_valid((released.root / f"{prefix}{PROGRAMME}schedule.xml").read_bytes())
    assert_valid_json((released.root / f"{prefix}{PROGRAMME}schedule.json").read_bytes())
    assert (released.root / f"{prefix}convening/2023/speakers/index.html").is_file()
    # …and the pages beside it (issue 22): a day's grid, rooms, tracks, speakers
    grids = sorted((released.root / f"{prefix}{PROGRAMME}day").glob("*/index.html"))
    assert grids and all(released.soup(str(g.relative_to(released.root))).select(
        "[data-programme-grid] .grid-session") for g in grids)  # fmt: skip
    for kind in ("room", "track"):
        folders = list((released.root / f"{prefix}{PROGRAMME}{kind}").iterdir())
        assert folders and all((f / f"{f.name}.ics").is_file() for f in folders)
    speakers = released.root / f"{prefix}convening/2023/speakers"
    assert len([p for p in speakers.iterdir() if p.is_dir()]) >= 1


@pytest.mark.parametrize(
    ("prefix", "done"), [("", "صدر البرنامج."), ("en/", "The programme is out.")]
)
@pytest.mark.parametrize(
    "where", ["index.html", "convening/index.html", "convening/2023/index.html"]
)
def test_home_and_edition_link_to_it_and_the_countdown_moves_on(released, prefix, done, where):
    box = released.soup(prefix + where).select_one("section.countdown")
    assert box.select_one(f".countdown__links a[href='/{prefix}{PROGRAMME}']")
    assert box.select_one("[data-countdown-status]").get_text(strip=True) == done
    visible = [t for t in box.select("[data-countdown-target]") if not t.has_attr("hidden")]
    assert [(t["data-key"], t["data-at"]) for t in visible] == [
        ("start", "2023-11-16T09:00:00+02:00")
    ]


def test_the_edition_page_offers_the_programme(released):
    for prefix in ("", "en/"):
        page = released.soup(f"{prefix}convening/2023/index.html")
        assert page.select_one(f".edition__actions a[href='/{prefix}{PROGRAMME}']")
        card = released.soup(f"{prefix}convening/index.html").select_one("#edition-2023")
        assert card.select_one(f"a[href='/{prefix}{PROGRAMME}']")


def test_listed_in_the_sitemap_and_the_search_index(released):
    sitemap = released.read("sitemap.xml")
    for prefix in ("/", "/en/"):
        assert f"<loc>{prefix}{PROGRAMME}</loc>" in sitemap
        for slug in SLUGS:
            assert f"<loc>{prefix}{PROGRAMME}{slug}/</loc>" in sitemap
    found = sessions_indexed(released)
    assert {f"{lang}/{PROGRAMME}{slug}/" for lang in ("", "/en") for slug in SLUGS} <= found
    assert any("/2025/programme/" in url for url in found)  # the other one stays
