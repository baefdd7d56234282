"""`invoke new`, `invoke translations`, `invoke check` and the pre-commit hook,
run as an editor runs them (the invoke CLI, in a subprocess) on a copy of content/."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.mutations import unrecord
from tests.sitecheck import FROZEN_NOW, tree_digest
from tests.sitecheck import invoke as sitecheck_invoke


def invoke(*args: str) -> subprocess.CompletedProcess:
    return sitecheck_invoke(*args, timeout=60)


def test_new_news_post_in_english(content):
    done = invoke(
        "new",
        "--kind",
        "news",
        "--lang",
        "en",
        "--title",
        "Digital Rights Day: what's next?",
        "--now",
        FROZEN_NOW,
        "--path",
        str(content),
    )
    assert done.returncode == 0, done.stderr
    path = content / "en/news/digital-rights-day-what-s-next.md"
    assert path.read_text(encoding="utf-8") == (
        "Title: Digital Rights Day: what's next?\n"
        "Date: 2023-10-20 12:00\n"
        "Lang: en\n"
        "Slug: digital-rights-day-what-s-next\n"
        "Tags:\n"
        "Summary:\n"
        "Status: draft\n\n"  # every scaffold starts as a draft: it builds as written
    )
    assert str(path) in done.stdout and "surveillance" in done.stdout  # topic keys


def test_new_uses_the_site_clock_in_the_site_time_zone(content):
    done = invoke(
        "new",
        "--kind",
        "article",
        "--lang",
        "en",
        "--title",
        "Late",
        "--now",
        "2023-10-20T23:30+00:00",
        "--path",
        str(content),
    )
    assert done.returncode == 0, done.stderr
    text = (content / "en/articles/late.md").read_text(encoding="utf-8")
    assert "Date: 2023-10-21 02:30\n" in text  # Beirut is UTC+3 that day


def test_new_arabic_title_needs_an_ascii_slug(content):
    before = tree_digest(content)
    done = invoke(
        "new",
        "--kind",
        "news",
        "--lang",
        "ar",
        "--title",
        "يوم الحقوق الرقمية",
        "--path",
        str(content),
    )
    assert done.returncode != 0
    assert "--slug" in done.stderr
    assert tree_digest(content) == before  # refused: no file written, none changed
    done = invoke(
        "new",
        "--kind",
        "news",
        "--lang",
        "ar",
        "--title",
        "يوم الحقوق الرقمية",
        "--slug",
        "digital-rights-day",
        "--now",
        FROZEN_NOW,
        "--path",
        str(content),
    )
    assert done.returncode == 0, done.stderr
    text = (content / "ar/news/digital-rights-day.md").read_text(encoding="utf-8")
    assert text.startswith("Title: يوم الحقوق الرقمية\nDate: 2023-10-20 12:00\nLang: ar\n")


def test_new_page_has_no_date_and_is_a_draft(content):
    done = invoke(
        "new", "--kind", "page", "--lang", "en", "--title", "Jobs", "--path", str(content)
    )
    assert done.returncode == 0, done.stderr
    text = (content / "en/pages/jobs.md").read_text(encoding="utf-8")
    assert text == "Title: Jobs\nLang: en\nSlug: jobs\nSummary:\nStatus: draft\n\n"


def test_new_report_and_edition_follow_their_modules_keys(content):
    common = ["--lang", "en", "--now", "2024-03-05T10:00+02:00", "--path", str(content)]
    done = invoke("new", "--kind", "report", "--title", "Safety guide 2024", *common)
    assert done.returncode == 0, done.stderr
    report = (content / "en/publications/safety-guide-2024.md").read_text(encoding="utf-8")
    assert report.startswith("Title: Safety guide 2024\nDate: 2024-03-05\nLang: en\n")
    for key in ("Type:", "Topics:", "Authors:", "Summary:", "PDF:", "Status: draft"):
        assert f"\n{key}" in report
    # an edition's file and slug are its year, found in the title
    done = invoke("new", "--kind", "edition", "--title", "Bread&Net 2026", *common)
    assert done.returncode == 0, done.stderr
    edition = (content / "en/editions/2026.md").read_text(encoding="utf-8")
    assert "Slug: 2026\nYear: 2026\n" in edition and "\nStatus: draft\n" in edition
    checked = invoke("check", "--path", str(content))
    # both drafts build; the report's empty required keys are named as warnings
    assert checked.returncode == 0, checked.stdout
    assert not [line for line in checked.stdout.splitlines() if line.startswith("error:")]
    # Title, Date, Lang, Slug, Document-ID, Original-Language, then Type
    assert "safety-guide-2024.md:7: type: empty" in checked.stdout
    assert "\nDocument-ID: SMEX-2024-01\nOriginal-Language: en\n" in report
    assert "(a draft: fix it before you publish)" in checked.stdout


def test_new_refuses_to_overwrite(content):
    path = content / "en/news/breadnet-2023-proposals-closed.md"
    before = path.read_bytes()
    done = invoke(
        "new",
        "--kind",
        "news",
        "--lang",
        "en",
        "--title",
        "Anything",
        "--slug",
        "breadnet-2023-proposals-closed",
        "--path",
        str(content),
    )
    assert done.returncode != 0
    assert "already" in done.stderr and "Nothing done" in done.stderr
    assert path.read_bytes() == before


def test_new_refuses_a_slug_used_under_another_file_name(content):
    done = invoke(
        "new",
        "--kind",
        "article",
        "--lang",
        "en",
        "--title",
        "When civic space online shrinks",
        "--slug",
        "shrinking-civic-space",
        "--path",
        str(content),
    )
    assert done.returncode != 0 and "already" in done.stderr


@pytest.mark.parametrize("bad", [["--lang", "fr"], ["--slug", "Not A Slug"], ["blog"]])
def test_new_refuses_bad_requests(content, bad):
    args = ["new", "--kind", "news", "--title", "Hello", "--path", str(content)]
    if bad == ["blog"]:
        args[2] = "blog"
    else:
        args += bad
    done = invoke(*args)
    assert done.returncode != 0 and "Nothing done" in done.stderr


def test_translate_records_its_original_and_leaves_the_facts_out(content):
    done = invoke("new", "--translate", "inclusive-arabic", "--path", str(content))
    assert done.returncode == 0, done.stderr
    original = (content / "ar/articles/inclusive-arabic.md").read_text(encoding="utf-8")
    made = (content / "en/articles/inclusive-arabic.md").read_text(encoding="utf-8")
    head = made.split("\n\n", 1)[0].splitlines()
    title = original.split("\n", 1)[0]
    # Date and Tags are facts: the build takes them from the original
    assert head[:3] == [title, "Lang: en", "Slug: inclusive-arabic"]
    assert not [line for line in head if line.startswith(("Date:", "Tags:"))]
    assert re.fullmatch(r"Translation-Of: ar [0-9a-f]{6}(-[0-9a-f]{6}){3}", head[-2])
    assert head[-1] == "Status: draft"
    assert made.split("\n\n", 1)[1] == original.split("\n\n", 1)[1]  # text to translate over
    assert "Status: draft" in done.stdout
    # the tree is still valid, and the draft counts as not translated yet
    assert invoke("check", "--path", str(content)).returncode == 0
    table = invoke("translations", "--path", str(content))
    assert "inclusive-arabic" in table.stdout and "draft" in table.stdout


def test_translate_refuses_existing_and_unknown(content):
    done = invoke(
        "new",
        "--translate",
        "shrinking-civic-space",
        "--lang",
        "en",
        "--path",
        str(content),
    )
    assert done.returncode != 0 and "already exists" in done.stderr
    done = invoke("new", "--translate", "no-such-slug", "--path", str(content))
    assert done.returncode != 0 and "no content has the slug" in done.stderr


def _plan_translation(content, rel):
    """Drop the 'Translate: no' line: the item's translation is wanted again."""
    path = content / rel
    path.write_text(path.read_text(encoding="utf-8").replace("Translate: no\n", ""), "utf-8")


def test_translations_table(content):
    _plan_translation(content, "ar/articles/inclusive-arabic.md")
    # older pairs, whose translations record nothing: one article, both news posts
    for rel in (
        "en/articles/shrinking-civic-space.md",
        "en/news/breadnet-2023-proposals-closed.md",
        "en/news/annual-report-2022-7amleh.md",
    ):
        unrecord(rel)(content)
    before = invoke("translations", "--path", str(content))
    assert "news: 2 of 2 need work" in before.stdout
    assert "0 outdated, 3 unrecorded" in before.stdout
    assert "After bringing one up to date: invoke translations --accept SLUG" in before.stdout
    for slug in ("breadnet-2023-proposals-closed", "annual-report-2022-7amleh"):
        assert invoke("translations", "--accept", slug, "--path", str(content)).returncode == 0
    done = invoke("translations", "--path", str(content))
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    row = next(line for line in lines if "inclusive-arabic" in line)
    assert row.split() == ["inclusive-arabic", "original", "missing"]
    row = next(line for line in lines if "shrinking-civic-space" in line)
    assert row.split() == ["shrinking-civic-space", "original", "unrecorded"]  # not accepted yet
    row = next(line for line in lines if "breadnet-over-the-years" in line)
    assert row.split() == ["breadnet-over-the-years", "original", "current"]  # as shipped
    assert "articles: 2 of 3 need work" in done.stdout
    assert "news: all 2 translated and current" in done.stdout  # recorded by --accept
    assert "1 missing (or still a draft), 0 outdated, 1 unrecorded" in done.stdout


def test_translations_strict_fails_only_when_something_is_missing(content):
    # the shipped content is complete: one-language items say "Translate: no", and
    # every translation records its original, so drift is tracked for all of them
    shipped = invoke("translations", "--strict", "--path", str(content))
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr
    assert "0 missing (or still a draft), 0 outdated, 0 unrecorded, 0 without" in shipped.stdout
    assert "--accept SLUG" not in shipped.stdout  # nothing to bring up to date
    _plan_translation(content, "ar/publications/youth-digital-activism-survey.md")
    assert invoke("translations", "--strict", "--path", str(content)).returncode == 1
    (content / "ar/publications/youth-digital-activism-survey.md").unlink()
    assert invoke("translations", "--strict", "--path", str(content)).returncode == 0


def test_check_is_silent_when_all_is_well(content):
    # (how fast it is, is the benchmark's business, not a timed test's)
    done = invoke("check", "--path", str(content))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing to fix" in done.stdout
    assert done.stderr == ""


def test_check_lists_errors_and_warnings(content):
    path = content / "en/news/breadnet-2023-proposals-closed.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Lang: en", "Lang: fr").replace("Title: ", "Title: \u202e"),
        encoding="utf-8",
    )
    done = invoke("check", "--path", str(content))
    assert done.returncode != 0
    assert "error: content/en/news/breadnet-2023-proposals-closed.md:3: lang: 'fr'" in done.stdout
    assert "warning: content/en/news/breadnet-2023-proposals-closed.md:1: title:" in done.stdout
    assert "1 error(s), 1 warning(s)" in done.stdout


def test_pre_commit_hook_blocks_a_broken_commit(tmp_path):
    repo = tmp_path / "repo"
    for name in ("tools", "plugins", "scripts", "content", "theme"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy(ROOT / name, repo / name)

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)

    git("init", "-q")
    git("config", "user.email", "editor@example.org")
    git("config", "user.name", "Editor")
    hooks = repo / ".git/hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "pre-commit").symlink_to("../../scripts/pre-commit")  # as the guide says
    git("add", "-A")
    first = git("commit", "-qm", "good content")
    assert first.returncode == 0, first.stderr
    post = repo / "content/en/news/breadnet-2023-proposals-closed.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Date: 2023-10-02 09:00", "Date: 2023-10-32"),
        "utf-8",
    )
    git("add", "-A")
    second = git("commit", "-qm", "broken date")
    assert second.returncode != 0
    output = second.stdout + second.stderr
    assert "content/en/news/breadnet-2023-proposals-closed.md:2: date:" in output
    assert "the commit was stopped" in output
    assert git("log", "--oneline").stdout.count("\n") == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_editors_guide_commands_and_fields_exist(lang):
    import re

    guide = (ROOT / f"docs/editors-guide.{lang}.md").read_text(encoding="utf-8")
    listed = invoke("--list").stdout
    tasks = set(re.findall(r"`invoke (\w+)", guide))
    assert {"new", "check", "translations", "build", "serve"} <= tasks
    for task in tasks:
        assert re.search(rf"^\s+{task}\b", listed, re.MULTILINE), task
    # every field the validation reports has a row in the guide's tables
    for field in (
        "metadata",
        "title",
        "date",
        "lang",
        "slug",
        "status",
        "category",
        "tags",
        "link",
        "image",
        "text",
        "encoding",
        "toml",
        "path",
        "summary",
    ):
        assert f"| `{field}`" in guide or f"`{field}` " in guide, field
    if lang == "ar":
        assert "المحرّرين/ات" in guide


@pytest.mark.parametrize(
    ("lang", "heading", "names"),
    [
        ("en", "### Facts are written once", ("post", "page", "report", "edition")),
        ("ar", "### الوقائع تُكتب مرة واحدة", ("منشور", "صفحة", "تقرير", "دورة")),
    ],
)
def test_the_guides_list_exactly_the_lines_a_translation_may_leave_out(lang, heading, names):
    """The table in each guide is the kinds' declarations (translations.inheritable),
    no more and no less; PDF-<lang> stands for every language's PDF-ar, PDF-en."""
    import smex_site
    from smex_site import kinds, translations

    guide = (ROOT / f"docs/editors-guide.{lang}.md").read_text(encoding="utf-8")
    section = guide.split(heading, 1)[1].split("\n### ", 1)[0]
    rows = {
        cells[0]: set(re.findall(r"`([^`]+)`", cells[1]))
        for line in section.splitlines()
        if line.startswith("| ")
        and len(cells := [c.strip() for c in line.strip("|").split("|")]) == 2
    }
    declared = {}
    for kind, name in zip(kinds.markdown_kinds(smex_site.KINDS), names, strict=True):
        keys = kind.keys_for({"ar": {}, "en": {}})
        labels = {key.label for key in keys.values() if translations.inheritable(key)}
        declared[name] = {"PDF-<lang>" if label.startswith("PDF-") else label for label in labels}
    assert {name: rows.get(name) for name in names} == declared
    # the place is words: named as such, never in the table
    assert "`City`" in section and "`Venue`" in section
    assert not any({"City", "Venue"} & found for found in rows.values())
