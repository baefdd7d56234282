"""The published site as `invoke publish` left it on disk.

Its address and languages are read from the output itself (the home page's
canonical and hreflang links), so the bundles follow whatever the build
resolved, SITE_URL with a path included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# What a server or the online search needs and a bundle does not.
NOT_BUNDLED_DIRS = ("pagefind/", ".well-known/", "offline/")
NOT_BUNDLED_FILES = {"_headers", "robots.txt", "sitemap.xml", "SHA256SUMS", "SHA256SUMS.sig"}
NOT_BUNDLED_SUFFIXES = (".gz", ".br")

LINK = re.compile(r"<link\b[^>]*>", re.I)
ATTR = re.compile(r'([\w:-]+)="([^"]*)"')


class OfflineError(RuntimeError):
    """A problem that stops `invoke offline` or `invoke verify`; says what to do."""


@dataclass
class Site:
    root: Path
    url: str  # the SITE_URL, no trailing slash ("https://smex.example/sub")
    prefixes: dict[str, str] = field(default_factory=dict)  # lang -> "" or "en/"
    default_lang: str = ""
    _files: list[str] | None = field(default=None, repr=False)

    def lang_of(self, rel: str) -> str:
        """The language whose part of the site holds this path."""
        for lang, prefix in self.prefixes.items():
            if prefix and rel.startswith(prefix):
                return lang
        return self.default_lang

    def path_of(self, url: str) -> str | None:
        """An address of this site -> its path in the output (None: elsewhere)."""
        base = self.url + "/"
        if url.startswith(base) or url == self.url:
            return url[len(base) :]
        return None

    def files(self) -> list[str]:
        """Every published file, as sorted POSIX paths relative to the root
        (listed once: bundling changes no file's name)."""
        if self._files is None:
            self._files = sorted(
                rel
                for path in self.root.rglob("*")
                if path.is_file()
                and not (rel := path.relative_to(self.root).as_posix()).startswith("offline/")
            )
        return self._files

    def bundleable(self, rel: str) -> bool:
        return not (
            rel.startswith(NOT_BUNDLED_DIRS)
            or rel in NOT_BUNDLED_FILES
            or rel.endswith(NOT_BUNDLED_SUFFIXES)
        )

    def pages(self, lang: str) -> list[str]:
        """The HTML files of one language (its pages, 404 included)."""
        return [
            rel
            for rel in self.files()
            if rel.endswith(".html") and self.bundleable(rel) and self.lang_of(rel) == lang
        ]


def read(root: Path) -> Site:
    """The site in this folder: a production build (absolute URLs) is required."""
    home = root / "index.html"
    if not home.is_file():
        raise OfflineError(
            f"{root} holds no site (no index.html): run `invoke publish` first, "
            "or give the folder of a production build."
        )
    links = [dict(ATTR.findall(tag)) for tag in LINK.findall(home.read_text(encoding="utf-8"))]
    canonical = next((link["href"] for link in links if link.get("rel") == "canonical"), "")
    if not canonical.startswith(("http://", "https://")):
        raise OfflineError(
            f"{home}: no absolute canonical link, so this is not a production build. "
            "Bundles are made from `invoke publish`'s output (absolute URLs), not `invoke build`'s."
        )
    site = Site(root=root, url=canonical.rstrip("/"))
    for link in links:
        lang = link.get("hreflang")
        if link.get("rel") == "alternate" and lang and lang != "x-default":
            path = site.path_of(link["href"])
            if path is None:
                raise OfflineError(f"{home}: hreflang {lang} leads off the site ({link['href']}).")
            site.prefixes[lang] = path
    site.default_lang = next((lang for lang, prefix in site.prefixes.items() if not prefix), "")
    if not site.default_lang:
        raise OfflineError(f"{home}: no language is served at the root of {site.url}/.")
    return site
