"""Reading a built site: files, parsed HTML, and URL -> file resolution."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from pelicanconf import SITE_LANGUAGES  # the checkout's root is on the path (conftest.py)

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


ROOT = Path(__file__).resolve().parent.parent
# lang -> its folder in a built site: the first language at the root, "en/"…
LANGS = {lang: "" if i == 0 else f"{lang}/" for i, lang in enumerate(SITE_LANGUAGES)}
# The seed page's own moment: call for proposals closed, programme not out.
FROZEN_NOW = "2023-10-20T12:00+03:00"


def cli_build(
    content: Path, output: Path, cache: Path, *extra: str, now: str | None = FROZEN_NOW
) -> subprocess.CompletedProcess:
    """`python -m tools.build.sitebuild` on another content folder, as editors run it.

    A subprocess, so a failed build leaves no plugin state in the test process.
    """
    command = [
        sys.executable,
        "-m",
        "tools.build.sitebuild",
        "--no-search",
        "--output",
        str(output),
    ]
    if now:
        command += ["--now", now]
    command += ["--set", f'PATH="{content}"', "--set", f'CACHE_PATH="{cache}"', *extra]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def build(
    work: Path,
    settings: str = "pelicanconf.py",
    *,
    name: str = "output",
    now: str | None = FROZEN_NOW,
    search: bool = True,
    strict: bool = True,
    overrides: dict | None = None,
    jobs: int | None = None,
):
    """Build the site in this process into work/name, as `invoke build` does.

    Returns tools.build.sitebuild's BuildReport; its cache stays inside `work`.
    """
    from tools.build import sitebuild

    return sitebuild.build(
        ROOT / settings,
        output=work / name,
        now=now,
        overrides={"CACHE_PATH": str(work / f"cache-{name}"), **(overrides or {})},
        search=search,
        strict=strict,
        jobs=jobs,
    )


@dataclass
class Outcome:
    """A command-line build over an existing output folder, and what it left."""

    code: int
    stderr: str
    before: dict[str, str]  # the output folder before the build (tree_digest)
    after: dict[str, str]  # and after it
    leftovers: list[str]  # staging folders left beside the output


def build_over(
    content: Path, output: Path, cache: Path, *extra: str, now: str | None = FROZEN_NOW
) -> Outcome:
    """cli_build into an output folder that holds a site, recording that site first."""
    before = tree_digest(output)
    done = cli_build(content, output, cache, *extra, now=now)
    leftovers = [p.name for p in output.parent.iterdir() if p.name.startswith(".output")]
    return Outcome(done.returncode, done.stderr, before, tree_digest(output), leftovers)


def invoke(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m invoke …` in the checkout, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root, byte for byte: {relative path: SHA-256}."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class BuiltSite:
    def __init__(self, root: Path, siteurl: str = ""):
        self.root = Path(root)
        self.siteurl = siteurl

    def html_files(self) -> list[Path]:
        return sorted(
            p for p in self.root.rglob("*.html") if "pagefind" not in p.relative_to(self.root).parts
        )

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def soup(self, rel: str) -> BeautifulSoup:
        return _parse(self.root / rel)

    def lang_of(self, path: Path) -> str:
        return "en" if self.rel(path).startswith("en/") else "ar"

    def resolve(self, url: str, base: str = "/") -> Path | None:
        """The file a site URL is served from, or None if nothing is there.

        Accepts root-relative URLs, URLs relative to `base` (a URL path) and
        absolute URLs of this site.
        """
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data"):
            return None
        if parts.scheme and not (self.siteurl and url.startswith(self.siteurl)):
            return None
        path = unquote(parts.path)
        if self.siteurl and url.startswith(self.siteurl):
            path = unquote(urlsplit(url[len(self.siteurl) :] or "/").path)
        if not path.startswith("/"):
            base_dir = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
            path = base_dir + path
        target = self.root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            return target
        return None

    def url_of(self, path: Path) -> str:
        rel = self.rel(path)
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        return "/" + rel


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//"))
