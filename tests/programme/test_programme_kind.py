"""The programme as a kind: checked in the validation pass every build makes
(errors stop it with the file and what to fix, warnings go on), and released
by the publishing rule at the edition's programme-released milestone."""

from __future__ import annotations

import datetime as dt

import pytest

import smex_site
from smex_site import publishing, validation
from smex_site.convening.programme import kind
from smex_site.settings import parse_now
from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, RELEASE, programme_content
from tests.programme.support import FIXTURES
from tests.sitecheck import FROZEN_NOW, ROOT, cli_build
from tools.build.settings import load_settings

REL = "content/data/programme/2025.json"


def collect(content, now=FROZEN_NOW):
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})
    return validation.collect(settings, smex_site.KINDS, parse_now(now))


def pages(catalog, lang="ar", now=FROZEN_NOW):
    settings = catalog.ctx.settings
    return kind.pages(catalog, lang, parse_now(now), settings, catalog.ctx.options)


def programme_paths(catalog, lang="ar", now=FROZEN_NOW) -> set[str]:
    return {path for key, path, _listed in pages(catalog, lang, now) if key[0] == "programme"}


@pytest.fixture(scope="module")
def gate_content(tmp_path_factory):
    return programme_content(
        tmp_path_factory.mktemp("kind") / "content", GATE_PROGRAMMES, beside=GATE_BESIDE
    )


def with_programme(tmp_path, fixture: str, year: int = 2025):
    return programme_content(tmp_path / "content", {year: fixture}, labels=None)


# --- what stops the build, what does not --------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("broken/not-json.json", "not JSON"),
        ("broken/not-utf8.json", "not UTF-8"),
        ("broken/no-schedule.json", "not pretalx's schedule export"),
        ("broken/no-start.json", "date"),
        ("broken/no-duration.json", "duration"),
    ],
)
def test_a_broken_export_is_an_error_naming_the_file(tmp_path, fixture, words):
    catalog = collect(with_programme(tmp_path, fixture))
    errors = [p for p in catalog.errors if p.path == REL]
    assert errors and any(words in str(p) for p in errors), [str(p) for p in catalog.problems]
    assert all("export" in p.message or "pretalx" in p.message for p in errors)  # what to do
    assert programme_paths(catalog) == set()


def test_a_programme_for_a_year_with_no_edition_is_an_error(tmp_path):
    catalog = collect(with_programme(tmp_path, "bilingual.json", year=2024))
    error, other = [p for p in catalog.errors if p.path == "content/data/programme/2024.json"]
    assert "there is no edition for 2024" in error.message and "docs/editions.md" in error.message
    assert "not the 2024 programme" in other.message  # and the export is 2025's


def test_the_build_stops_and_leaves_the_previous_site(tmp_path):
    content = with_programme(tmp_path, "broken/not-json.json")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("previous", encoding="utf-8")
    done = cli_build(content, output, tmp_path / "cache")
    assert done.returncode == 2
    assert f"{REL}:45: json: not JSON" in done.stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize("fixture", ["broken/overlap.json", "broken/unknown-language.json"])
def test_warnings_leave_the_programme_on_the_site(tmp_path, fixture):
    catalog = collect(with_programme(tmp_path, fixture))
    assert catalog.errors == []
    assert [p for p in catalog.problems if p.path == REL and p.severity == "warning"]
    assert programme_paths(catalog) == {"convening/2025/programme/"}


def test_the_gate_content_reads_without_a_single_problem(gate_content):
    catalog = collect(gate_content)
    assert [str(p) for p in catalog.problems if "programme" in p.path] == []


def test_a_draft_editions_programme_breaks_nothing_and_shows_nowhere(tmp_path):
    content = with_programme(tmp_path, "broken/not-json.json", year=2026)
    export = (FIXTURES / "bilingual.json").read_bytes().replace(b"2025-", b"2027-")
    (content / "data/programme/2027.json").write_bytes(export)  # pretalx's 2027 event
    for lang, title in (("en", "Bread&Net"), ("ar", "خبز ونت")):
        for year in (2026, 2027):
            (content / lang / "editions" / f"{year}.md").write_text(
                f"Title: {title} {year}\nLang: {lang}\nSlug: {year}\nYear: {year}\nStatus: draft\n",
                encoding="utf-8",
            )
    catalog = collect(content)
    assert catalog.errors == [], [str(p) for p in catalog.errors]
    broken = [p for p in catalog.problems if p.path == "content/data/programme/2026.json"]
    assert broken and all(p.severity == "warning" for p in broken)
    assert all("draft" in p.message for p in broken)
    assert 2027 in catalog.data["programme"].by_year  # read and checked...
    assert programme_paths(catalog, "ar") == programme_paths(catalog, "en") == set()  # ...not shown


def test_the_labels_table_and_stray_files_only_warn(tmp_path):
    content = with_programme(tmp_path, "bilingual.json")
    folder = content / "data" / "programme"
    (folder / "labels.toml").write_text(
        'lang = "not a code"\n[types]\n"Talk" = { ar = "محاضرة" }\n"Panel" = "Panel"\n[colours]\n',
        encoding="utf-8",
    )
    (folder / "2025.json.bak").write_text("{}", encoding="utf-8")
    catalog = collect(content)
    assert catalog.errors == []
    found = {(p.path.rsplit("/", 1)[1], p.field) for p in catalog.problems if p.path != REL}
    assert found >= {
        ("labels.toml", "lang"),
        ("labels.toml", "types.Talk"),  # no English label
        ("labels.toml", "types.Panel"),  # not a table of labels
        ("labels.toml", "colours"),
        ("2025.json.bak", "file name"),
    }
    labels = catalog.data["programme"].labels
    assert labels.label("types", "Talk", "ar").text == "محاضرة"
    assert labels.label("types", "Talk", "en").text == "Talk"
    assert labels.lang is None


def test_broken_toml_in_the_labels_table_stops_the_build(tmp_path):
    content = with_programme(tmp_path, "bilingual.json")
    (content / "data/programme/labels.toml").write_text("[types\n", encoding="utf-8")
    (error,) = collect(content).errors
    assert error.path == "content/data/programme/labels.toml" and error.field == "toml"


# --- release -------------------------------------------------------------------------


def test_held_back_until_the_programme_released_instant(gate_content):
    release = dt.datetime.fromisoformat(RELEASE)
    just_before = (release - dt.timedelta(seconds=1)).isoformat()
    for lang in ("ar", "en"):
        before = programme_paths(collect(gate_content, just_before), lang, just_before)
        at = programme_paths(collect(gate_content, RELEASE), lang, RELEASE)
        assert before == {"convening/2025/programme/"}  # no milestone: there from the start
        assert at == {"convening/2025/programme/", "convening/2023/programme/"}


def test_a_past_editions_programme_stays_in_the_archive(gate_content):
    later = "2031-01-01T00:00+02:00"
    catalog = collect(gate_content, later)
    assert programme_paths(catalog, "en", later) == {
        "convening/2025/programme/",
        "convening/2023/programme/",
    }
    keys = [key for key, _path, listed in pages(catalog, "en", later) if listed]
    assert ("session", "2023/embaaa") in keys and ("speakers", "2023") in keys


def test_a_hidden_editions_programme_is_written_and_listed_nowhere(tmp_path):
    content = with_programme(tmp_path, "bilingual.json")
    for lang in ("ar", "en"):
        path = content / lang / "editions" / "2025.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "Year: 2025\n", "Year: 2025\nStatus: hidden\n"
            ),
            encoding="utf-8",
        )
    found = pages(collect(content))
    assert found and {listed for _key, _path, listed in found} == {False}


def test_within_follows_the_parent_then_waits_for_its_own_instant():
    now = parse_now(FROZEN_NOW)
    later, earlier = now + dt.timedelta(minutes=1), now - dt.timedelta(minutes=1)
    assert publishing.within(publishing.PUBLISHED, None, now) == publishing.PUBLISHED
    assert publishing.within(publishing.PUBLISHED, later, now) == publishing.SCHEDULED
    assert publishing.within(publishing.PUBLISHED, now, now) == publishing.PUBLISHED
    assert publishing.within(publishing.HIDDEN, earlier, now) == publishing.HIDDEN
    assert publishing.within(publishing.DRAFT, earlier, now) == publishing.DRAFT
    assert publishing.within(publishing.SCHEDULED, None, now) == publishing.SCHEDULED


def test_an_editions_links_may_name_its_programme_once_it_is_out(tmp_path):
    content = with_programme(tmp_path, "bilingual.json")
    path = content / "en" / "editions" / "2025.md"
    text = path.read_text(encoding="utf-8")
    line = "Links: programme /en/convening/2025/programme/\n"
    path.write_text(text.replace("Year: 2025\n", "Year: 2025\n" + line), encoding="utf-8")
    assert [str(p) for p in collect(content).errors] == []
    (content / "data/programme/2025.json").unlink()  # no programme: a dead link
    catalog = collect(content)
    assert catalog.errors == []  # a preview builds; a publish build stops:
    (error,) = validation.errors(catalog.problems, strict=True)
    assert error.field == "links" and "/en/convening/2025/programme/" in error.message


def test_a_programme_elsewhere_is_not_linked_once_the_site_has_its_own(tmp_path):
    from bs4 import BeautifulSoup

    from tests.sitecheck import build

    content = with_programme(tmp_path, "bilingual.json")
    elsewhere = "https://pretalx.example/bread-and-net-2025/schedule/"
    for lang in ("ar", "en"):
        path = content / lang / "editions" / "2025.md"
        text = path.read_text(encoding="utf-8")
        line = f"Links: programme {elsewhere}\n"
        path.write_text(text.replace("Year: 2025\n", "Year: 2025\n" + line), encoding="utf-8")
    site = build(tmp_path, overrides={"PATH": str(content)}, search=False).output
    page = BeautifulSoup((site / "en/convening/2025/index.html").read_text("utf-8"), "lxml")
    hrefs = [a["href"] for a in page.select("main a[href]")]
    assert "/en/convening/2025/programme/" in hrefs
    assert elsewhere not in hrefs  # the site's own programme replaces it
