"""The pull-request table (`invoke translations --changed-from REF --markdown`,
CI's job summary): run over a fixture list of changed files, and over a real
git commit as CI runs it (issue 21). The content is the variant of
test_translation_drift.py, prepared but not built."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from tests.contentcopy import accept, copy_content, edit
from tests.editors.test_translation_drift import prepare, settings_for


def test_the_pull_request_table_names_the_changed_items(tmp_path):
    from tools.editors import translations

    content = tmp_path / "content"
    copy_content(content)
    prepare(content)  # the same variant the build tests use, not built
    listing = tmp_path / "changed.txt"
    listing.write_text(
        "content/ar/editions/2020.md\ncontent/en/pages/about.md\nREADME.md\n", "utf-8"
    )
    out = io.StringIO()
    translations.changed(settings_for(content), files=str(listing), as_markdown=True, out=out)
    assert out.getvalue().splitlines() == [
        "## Translations of the changed items",
        "",
        "| item | language | state | what changed |",
        "|---|---|---|---|",
        "| edition `2020` | en | outdated | title (about 4 words) |",
        (
            f"| page `about` | ar | outdated | text (about {_words(content, 'en/pages/about.md')} "
            "words) |"
        ),
    ]


def test_changed_from_a_commit_counts_the_words_that_changed(tmp_path):
    """--changed-from REF, as CI runs it: git says which files changed and what
    the original said before; a shallow history is enough."""
    from tools.editors import translations

    content = tmp_path / "content"
    copy_content(content)
    accept(content, "2020")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "content")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    edit(content, "ar/editions/2020.md", "Title: ", "Title: (محدّث) ")
    out = io.StringIO()
    code = translations.changed(
        settings_for(content), ref="HEAD", as_markdown=True, strict=True, out=out
    )
    assert (
        out.getvalue().splitlines()[-1]
        == "| edition `2020` | en | outdated | title (about 1 word) |"
    )
    assert code == 1  # --strict: an outdated translation fails the step


def _words(content: Path, rel: str) -> int:
    body = (content / rel).read_text(encoding="utf-8").split("\n\n", 1)[1]
    return len(body.split())
