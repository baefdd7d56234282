"""Every message the issues list, through the real command line.

Each message case of the fault table (tests/editors/faults/messages.py)
copies content/, breaks one thing, and runs both
`python3 -m tools.build.sitebuild` (over an output folder that holds a good build)
and `invoke check` on the copy. Each must name the file, the line where there
is one, the field and the words of the fix; the build exits 2, prints no
traceback and leaves the previous output byte for byte; `invoke check` says
the same and exits 1. The cases run once per session through the fault suites' one harness
(tests/contentcopy.py build_faults); the tests read their results.

A few inputs must be *accepted* (an Arabic comma in Tags, a byte-order mark in
topics.toml, an Etc/GMT zone): those copies are built and the output read.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.contentcopy import Fault, build_faults, copy_content
from tests.editors.faults import CASES
from tests.editors.faults.messages import (
    EN_EDITION,
    EN_NEWS,
    TOPICS,
    E,
    both,
    edition,
)
from tests.mutations import replace, write
from tests.sitecheck import Outcome, cli_build, invoke, tree_digest

MESSAGE_CASES = [case for case in CASES if case.check]


# --- running them ----------------------------------------------------------------------------


@dataclass
class Result(Outcome):
    content: Path | None = None
    check: subprocess.CompletedProcess | None = None


def checked(fault: Fault, copy, outcome: Outcome) -> Result:
    """The build's outcome, and `invoke check` on the same broken copy."""
    result = Result(**vars(outcome), content=copy.content)
    if fault.mutate is not None:
        result.check = invoke("check", "--path", str(copy.content))
    return result


@pytest.fixture(scope="session")
def results(tmp_path_factory, good_output) -> dict[str, Result]:
    faults = [Fault(case.id, case.mutate) for case in MESSAGE_CASES]
    faults += [
        Fault("now-without-offset", None, "2027-01-10"),
        Fault("now-garbage", None, "garbage"),
    ]
    return build_faults(tmp_path_factory.mktemp("messages"), good_output, faults, after=checked)


def messages(stream: str, prefix: str = "") -> list[str]:
    return [
        line.strip()[len(prefix) :]
        for line in stream.splitlines()
        if line.strip().startswith(prefix + "content/")
    ]


@pytest.mark.parametrize("case", MESSAGE_CASES, ids=[case.id for case in MESSAGE_CASES])
def test_the_build_stops_and_says_where_and_how_to_fix(results, case):
    result = results[case.id]
    assert result.code == 2, f"{case.id}: exit {result.code}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    found = messages(result.stderr)
    for expect in case.expects:
        where = expect.where(result.content)
        matching = [m for m in found if m.startswith(f"{where}: {expect.field}: ")]
        assert matching, f"no message at {where}: {expect.field}: in\n{result.stderr}"
        good = [m for m in matching if all(w in m for w in expect.words)]
        assert good, (expect.words, matching)
        assert not [m for m in good if any(w in m for w in expect.absent)], good
    if case.problems is not None:
        noun = "problem" if case.problems == 1 else "problems"
        assert f"Build failed. {case.problems} content {noun}" in result.stderr, result.stderr
        assert len(found) == case.problems, found
    # output/ is exactly the previous good build; no staging folder is left
    assert result.after == result.before
    assert result.leftovers == []


@pytest.mark.parametrize("case", MESSAGE_CASES, ids=[case.id for case in MESSAGE_CASES])
def test_invoke_check_says_the_same(results, case):
    result = results[case.id]
    check = result.check
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr
    errors = messages(check.stdout, "error: ")
    assert sorted(errors) == sorted(messages(result.stderr)), check.stdout


@pytest.mark.parametrize(
    ("job", "words"),
    [
        ("now-without-offset", ("--now '2027-01-10' has no UTC offset", "e.g. --now 2027-01-10T")),
        ("now-garbage", ("--now 'garbage' is not a date and time", "--now 2023-10-20T12:00+03:00")),
    ],
)
def test_a_bad_now_is_one_clear_line(results, job, words):
    result = results[job]
    assert result.code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Build failed. ")
    assert all(word in lines[0] for word in words), lines[0]
    assert re.search(r"--now \d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d\b", lines[0]), lines[0]
    assert "Traceback" not in result.stderr and "SITE_NOW" not in result.stderr
    assert result.after == result.before


@pytest.mark.parametrize("now", ["2027-01-10", "garbage"])
def test_invoke_new_with_a_bad_now_does_nothing_and_says_why(tmp_path, now):
    content = tmp_path / "content"
    copy_content(content)
    before = tree_digest(content)
    done = invoke("new", "--kind", "news", "--title", "Hello", "--now", now, "--path", str(content))
    assert done.returncode == 2
    assert done.stderr.startswith("Nothing done: --now ") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert tree_digest(content) == before


def test_a_link_to_nothing_warns_in_a_preview_and_stops_a_publish(tmp_path, good_output):
    """Like Pelican's unresolved {filename} links: a preview of a partial tree
    builds and says so; a strict (publish) build refuses."""
    dead = "Format: online\nLinks: report /files/missing.pdf\n"
    mutate = replace(EN_EDITION, "Format: online\n", dead)
    both = build_faults(
        tmp_path,
        good_output,
        [Fault("preview", mutate), Fault("strict", mutate, extra=("--strict",))],
        after=checked,
    )
    preview, strict = both["preview"], both["strict"]
    where = E(EN_EDITION, "links", line="Links:").where(preview.content)
    message = (
        f"{where}: links: report: '/files/missing.pdf' is not a page or "
        "file of this site; check the address"
    )
    assert preview.code == 0, preview.stderr
    assert [m for m in messages(preview.stderr, "warning: ") if m.startswith(message)]
    assert preview.after != preview.before  # it built
    assert strict.code == 2, strict.stderr
    assert [m for m in messages(strict.stderr) if m.startswith(message)], strict.stderr
    assert strict.after == strict.before and strict.leftovers == []
    assert preview.check.returncode == 0
    assert [m for m in messages(preview.check.stdout, "warning: ") if m.startswith(message)]


# --- what must be accepted ------------------------------------------------------------------

LIST_SEPARATORS = "Tags: convening، privacy\n"  # an Arabic comma
ARABIC_TAGS = "Tags: convening؛ privacy\n"  # an Arabic semicolon
# metadata is words, not a path: a summary longer than a file name may be
# (255 bytes, 128 Arabic letters) once crashed the build where it asks which
# files an item names (fileuse.py)
LONG_SUMMARY = "Summary: " + " ".join(["ملتقى خبز ونت للحقوق الرقمية"] * 12) + "\n"
GMT_EDITION = edition(
    "2031",
    "Timezone: Etc/GMT+12\nStart: 2031-03-10 09:00\nEnd: 2031-03-11 17:00\n",
)


# warnings, not errors: a draft never stops the build; a value left untranslated
RESERVED_DRAFT = "ar/pages/search.md"
UNTRANSLATED_EDITION = "en/editions/2032.md"
UNTRANSLATED = (
    "Title: خبز ونت 2032\nLang: en\nSlug: 2032\nYear: 2032\nCity: بيروت\n"
    "Venue: فندق المدينة\nThemes: Privacy; الأمان الرقمي\n\nStory.\n"
)
LATIN_PAGE = "ar/pages/jobs.md"


def long_summary(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(LONG_SUMMARY if line.startswith("Summary:") else line for line in lines),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> dict[str, Path]:
    """Two copies that must build: list separators and a zone; a BOM in topics.toml."""
    work = tmp_path_factory.mktemp("accepted")
    variants = {
        "separators": both(
            replace(EN_NEWS, "Tags: convening\n", LIST_SEPARATORS),
            replace("ar/news/breadnet-2023-proposals-closed.md", "Tags: convening\n", ARABIC_TAGS),
            lambda content: long_summary(content / "ar/news/breadnet-2023-proposals-closed.md"),
            write("en/editions/2031.md", GMT_EDITION),
        ),
        "bom": lambda content: (content / TOPICS).write_bytes(
            b"\xef\xbb\xbf" + (content / TOPICS).read_bytes()
        ),
        "warnings": both(
            write(
                RESERVED_DRAFT, "Title: بحث\nLang: ar\nSlug: search\nStatus: draft\n\nWARNDRAFT\n"
            ),
            write(UNTRANSLATED_EDITION, UNTRANSLATED),
            write(LATIN_PAGE, "Title: Jobs\nLang: ar\nSlug: jobs\n\nنص الصفحة.\n"),
        ),
    }
    built = {}
    for name, mutate in variants.items():
        content = work / name / "content"
        copy_content(content)
        mutate(content)
        done = cli_build(content, work / name / "output", work / name / "cache")
        assert done.returncode == 0, f"{name}:\n{done.stderr}"
        assert "Traceback" not in done.stderr
        (work / name / "build.stderr").write_text(done.stderr, encoding="utf-8")
        built[name] = work / name
    return built


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize(("prefix", "post_dir"), [("en/", "en/news"), ("", "news")])
def test_arabic_commas_and_semicolons_separate_tags(accepted, prefix, post_dir):
    out = accepted["separators"] / "output"
    url = f"/{post_dir}/breadnet-2023-proposals-closed/"
    for tag in ("convening", "privacy"):
        listing = soup(out / f"{prefix}tag/{tag}/index.html")
        assert listing.find("a", href=url), f"{url} not on {prefix}tag/{tag}/"
    tags = soup(out / f"{post_dir}/breadnet-2023-proposals-closed/index.html")
    assert len(tags.select("ul.tag-list li")) == 2
    assert not list(out.glob(f"{prefix}tag/*،*")) and not list(out.glob(f"{prefix}tag/*؛*"))


def test_a_summary_longer_than_a_file_name_is_published(accepted):
    page = soup(accepted["separators"] / "output/news/breadnet-2023-proposals-closed/index.html")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("ملتقى خبز ونت للحقوق الرقمية ملتقى خبز ونت")


def test_invoke_check_accepts_the_separators(accepted):
    done = invoke("check", "--path", str(accepted["separators"] / "content"))
    assert done.returncode == 0, done.stdout
    assert "tags" not in done.stdout.lower()


def test_etc_gmt_zones_are_shown_with_the_sign_readers_expect(accepted):
    """Etc/GMT+12 is twelve hours behind UTC: readers see UTC-12, never GMT+12."""
    page = soup(accepted["separators"] / "output/en/convening/2031/index.html")
    text = page.select_one(".timeline").get_text(" ", strip=True)
    assert re.search(r"09:00 UTC[-−]12 time", text), text
    assert "+12" not in page.get_text() and "GMT" not in page.get_text()
    start = page.select_one(".timeline time")["datetime"]
    assert start == "2031-03-10T09:00:00-12:00"


def test_a_bom_in_topics_toml_builds_and_checks(accepted):
    out = accepted["bom"] / "output"
    assert (out / "en/tag/convening/index.html").is_file()
    done = invoke("check", "--path", str(accepted["bom"] / "content"))
    assert done.returncode == 0 and "nothing to fix" in done.stdout, done.stdout


def test_a_draft_with_a_reserved_slug_is_a_warning_and_is_written_nowhere(accepted):
    out = accepted["warnings"] / "output"
    stderr = (accepted["warnings"] / "build.stderr").read_text(encoding="utf-8")
    message = (
        f"content/{RESERVED_DRAFT}:3: slug: 'search' is taken by the search page (/search/); "
        "choose another slug with words, e.g. about-search (a draft: fix it before you publish)"
    )
    assert message in messages(stderr, "warning: "), stderr
    # the search pages are the site's own, in both languages; the draft is nowhere
    for prefix in ("", "en/"):
        page = soup(out / f"{prefix}search/index.html")
        assert page.select_one("main section.search form[data-search-form]"), prefix
    found = [p for p in out.rglob("*") if p.is_file() and b"WARNDRAFT" in p.read_bytes()]
    assert found == []
    done = invoke("check", "--path", str(accepted["warnings"] / "content"))
    assert done.returncode == 0, done.stdout
    assert message in messages(done.stdout, "warning: ")


@pytest.mark.parametrize(
    ("rel", "line", "field", "words"),
    [
        (UNTRANSLATED_EDITION, 1, "title", "written in Arabic script, but this is the English"),
        (UNTRANSLATED_EDITION, 5, "city", "written in Arabic script, but this is the English"),
        (UNTRANSLATED_EDITION, 6, "venue", "written in Arabic script, but this is the English"),
        (LATIN_PAGE, 1, "title", "written in Latin script, but this is the Arabic version"),
    ],
)
def test_a_value_in_the_other_languages_script_is_a_warning(accepted, rel, line, field, words):
    stderr = (accepted["warnings"] / "build.stderr").read_text(encoding="utf-8")
    done = invoke("check", "--path", str(accepted["warnings"] / "content"))
    assert done.returncode == 0, done.stdout
    for stream in (messages(stderr, "warning: "), messages(done.stdout, "warning: ")):
        found = [m for m in stream if m.startswith(f"content/{rel}:{line}: {field}: ")]
        assert found and words in found[0] and "translate it into" in found[0], stream
        # Themes mixes both scripts (one theme translated): not flagged; nor is any
        # shipped file, whose every value is in its own language's script
        scripts = [m for m in stream if "script, but this is" in m]
        assert len(scripts) == 4, scripts
