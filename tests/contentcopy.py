"""One copy of content/ to edit, and what a test does with it (issue 19).

Every test that needs content the shipped tree does not have copies it here
and edits the copy: change a line, write or move a file, then build it, run
a command on it, or read the problems the check finds. tests/mutations.py
holds the edits as values, for tables of cases declared before they run.

    copy = ContentCopy(tmp_path / "content")     # or the `content_copy` fixture
    copy.edit("en/news/x.md", "Status: draft", "Status: published")
    copy.problems()                               # validation's, as a build sees them
    copy.build(tmp_path)                          # in this process, as invoke build
    copy.cli_build(output, cache)                 # python -m tools.build.sitebuild

`build_faults` is the one harness of the command-line fault suites: each
fault in its own copy, built over a copy of a good site, a few at a time.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests import mutations
from tests.sitecheck import FROZEN_NOW, ROOT, build, build_over, cli_build


def copy_content(folder: Path) -> Path:
    """A fresh copy of the shipped content/ at `folder`; returns `folder`."""
    shutil.copytree(ROOT / "content", folder)
    return folder


def edit(content: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in content/<rel>; it must be there."""
    mutations.replace(rel, old, new)(content)


def accept(content: Path, slug: str) -> None:
    """`invoke translations --accept SLUG` on the copy, in this process: the
    translations of SLUG record its original as it is now (after an edit made
    in every language, as an editor would)."""
    from tools.editors import translations
    from tools.editors.content import load

    settings = load({"PATH": str(content), "SITE_NOW": FROZEN_NOW})
    assert translations.accept(settings, slug, out=io.StringIO()) == 0


class ContentCopy:
    """A copy of content/ to break, and what is done with it."""

    def __init__(self, folder: Path):
        self.content = copy_content(folder)
        self.overrides: dict = {}  # settings every build and check of it uses

    def path(self, rel: str) -> Path:
        return self.content / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        edit(self.content, rel, old, new)

    def write(self, rel: str, data: str | bytes) -> Path:
        mutations.write(rel, data)(self.content)
        return self.path(rel)

    def append(self, rel: str, text: str) -> None:
        mutations.append(rel, text)(self.content)

    def accept(self, slug: str) -> None:
        accept(self.content, slug)

    def unrecord(self, rel: str) -> None:
        """The translation at `rel` records no original (an older pair)."""
        mutations.unrecord(rel)(self.content)

    def line_of(self, rel: str, start: str) -> int:
        return mutations.line_of(self.content, rel, start)

    def move(self, rel: str, to: str) -> Path:
        mutations.move(rel, to)(self.content)
        return self.path(to)

    def remove(self, rel: str) -> None:
        path = self.path(rel)
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    def settings(self, **overrides) -> dict:
        """pelicanconf.py over this copy, at the frozen "now"."""
        from tools.build.settings import load_settings

        return load_settings(
            ROOT / "pelicanconf.py",
            {"PATH": str(self.content), "SITE_NOW": FROZEN_NOW, **self.overrides, **overrides},
        )

    def problems(self, kinds=None) -> list:
        """Every problem the build's check finds in this copy."""
        import smex_site
        from smex_site import validation

        return validation.validate(self.settings(), kinds or smex_site.KINDS)

    def only(self, severity: str) -> list:
        return [p for p in self.problems() if p.severity == severity]

    def build(self, work: Path, **options):
        """sitecheck.build over this copy (in this process): the BuildReport."""
        overrides = {"PATH": str(self.content), **self.overrides, **options.pop("overrides", {})}
        return build(work, overrides=overrides, **options)

    def cli_build(self, output: Path, cache: Path, *extra: str, now: str | None = FROZEN_NOW):
        return cli_build(self.content, output, cache, *extra, now=now)

    def build_over(self, output: Path, cache: Path, *extra: str, now: str | None = FROZEN_NOW):
        return build_over(self.content, output, cache, *extra, now=now)

    def run(self, module: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """`python -m <module> …` in the checkout (an editor's tool), as a subprocess."""
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@dataclass(frozen=True)
class Fault:
    """One build of the fault suites: a change to the copy, and how it is built."""

    name: str
    mutate: Callable[[Path], None] | None  # None: the shipped content
    now: str | None = FROZEN_NOW
    extra: tuple[str, ...] = ()  # more sitebuild arguments


def build_faults(work: Path, good: Path, faults, after=None, workers: int = 4) -> dict:
    """{fault name: what its build over `good` left (sitecheck.Outcome)}, or what
    after(fault, copy, outcome) makes of it. The builds are subprocesses, so
    a few run at once."""

    def one(fault: Fault):
        folder = work / fault.name
        copy = ContentCopy(folder / "content")
        if fault.mutate is not None:
            fault.mutate(copy.content)
        output = folder / "output"
        shutil.copytree(good, output)
        outcome = copy.build_over(output, folder / "cache", *fault.extra, now=fault.now)
        return fault.name, (outcome if after is None else after(fault, copy, outcome))

    faults = list(faults)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = dict(pool.map(one, faults))
    # keyed by name: a repeated name would silently replace another fault's result
    assert len(done) == len(faults), "two faults share a name"
    return done
