"""Intact links: every internal URL in every HTML, CSS and XML file of a built site
resolves to a built file, and every #fragment to an element id in its target.

    link_problems(folder, siteurl="") -> ["en/x/index.html: href /en/y/ -> no such file", ...]

External URLs (http, https, //host) and mailto:/tel:/data: are not followed here;
the privacy gate makes sure no page loads anything from another host.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from tests.sitecheck import BuiltSite

NOT_FOLLOWED = ("mailto", "tel", "data", "javascript", "http", "https", "ftp", "sms")

# element attributes that hold one URL, or a srcset list
URL_ATTRIBUTES = (
    "href",
    "src",
    "poster",
    "action",
    "data",
    "xlink:href",
    "cite",
    "formaction",
)
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
META_URL_NAMES = ("og:image", "og:url", "twitter:image", "msapplication-config")

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")
ROBOTS_SITEMAP = re.compile(r"^\s*Sitemap:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def link_problems(root: Path, siteurl: str = "") -> list[str]:
    """Every dead internal link, asset or fragment under `root`, one line each."""
    return check_links(root, siteurl).problems


def check_links(root: Path, siteurl: str = "") -> _Checker:
    """The checker after a pass over `root`: .problems, and .checked (URLs followed)."""
    site = BuiltSite(Path(root), siteurl=siteurl)
    checker = _Checker(site)
    for path in sorted(site.root.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix == ".html":
            checker.html_file(path)
            checker.files["html"] += 1
        elif suffix == ".css":
            checker.css_file(path)
            checker.files["css"] += 1
        elif suffix in (".xml", ".atom", ".rss", ".svg"):
            checker.xml_file(path)
            checker.files["xml"] += 1
        elif path.name == "robots.txt":
            checker.robots(path)
            checker.files["txt"] += 1
    return checker


class _Checker:
    def __init__(self, site: BuiltSite):
        self.site = site
        self.problems: list[str] = []
        self.checked = 0
        self.visited: set[str] = set()
        self.files = {"html": 0, "css": 0, "xml": 0, "txt": 0}
        self._ids: dict[Path, frozenset[str]] = {}

    def ids(self, path: Path) -> frozenset[str]:
        if path not in self._ids:
            self._ids[path] = _ids_in(path)
        return self._ids[path]

    # -- one URL ---------------------------------------------------------
    def check(self, source: Path, url: str, base: str, what: str) -> None:
        url = (url or "").strip()
        if not url:
            self.problems.append(f"{self.site.rel(source)}: empty {what}")
            return
        parts = urlsplit(url)
        is_own = bool(self.site.siteurl) and url.startswith(self.site.siteurl)
        if not is_own and (parts.scheme in NOT_FOLLOWED or url.startswith("//")):
            return
        if parts.scheme and not is_own:
            self.problems.append(f"{self.site.rel(source)}: {what} {url}: unknown URL scheme")
            return
        self.checked += 1
        self.visited.add(self.site.rel(source))
        if url.startswith("#"):
            target = source
        else:
            local = (url[len(self.site.siteurl) :] or "/") if is_own else url
            target = self.site.resolve(urljoin(base, local))
            if target is None:
                self.problems.append(
                    f"{self.site.rel(source)}: {what} {url} -> no such file in the built site"
                )
                return
        fragment = unquote(parts.fragment)
        has_ids = target.suffix.lower() in (".html", ".svg")
        if fragment and has_ids and fragment not in self.ids(target):
            self.problems.append(
                f"{self.site.rel(source)}: {what} {url} -> no element with "
                f'id="{fragment}" in {self.site.rel(target)}'
            )

    # -- file kinds ------------------------------------------------------
    def html_file(self, path: Path) -> None:
        base = self.site.url_of(path)
        doc = _html(path)
        self.html_tree(path, doc, base)

    def html_tree(self, path: Path, doc, base: str) -> None:
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name in URL_ATTRIBUTES:
                value = el.get(name)
                if value is not None:
                    self.check(path, value, base, f"<{el.tag} {name}>")
            for name in SRCSET_ATTRIBUTES:
                value = el.get(name)
                if value:
                    for candidate in value.split(","):
                        url = candidate.strip().split(" ")[0]
                        self.check(path, url, base, f"<{el.tag} {name}>")
            if el.tag == "meta" and (el.get("property") or el.get("name")) in META_URL_NAMES:
                self.check(
                    path,
                    el.get("content", ""),
                    base,
                    f"<meta {el.get('property') or el.get('name')}>",
                )

    def css_file(self, path: Path) -> None:
        base = self.site.url_of(path)
        text = CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for pattern in (CSS_URL, CSS_IMPORT):
            for match in pattern.finditer(text):
                url = next(g for g in match.groups() if g is not None)
                if url.startswith("#"):  # SVG filter reference inside the same document
                    continue
                self.check(path, url, base, "CSS url()")

    def xml_file(self, path: Path) -> None:
        base = self.site.url_of(path)
        try:
            tree = ET.parse(path)
        except ET.ParseError as error:
            self.problems.append(f"{self.site.rel(path)}: not well-formed XML: {error}")
            return
        for el in tree.iter():
            local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            for name, value in el.attrib.items():
                if name.rsplit("}", 1)[-1] in ("href", "src"):
                    self.check(path, value, base, f"<{local} {name.rsplit('}', 1)[-1]}>")
            if local == "loc" and el.text:
                self.check(path, el.text, base, "<loc>")
            # Atom's escaped HTML (content, summary) and RSS descriptions
            if el.text and (el.get("type") == "html" or local == "description"):
                fragment = lxml.html.fragment_fromstring(el.text, create_parent="div")
                self.html_tree(path, fragment, base)

    def robots(self, path: Path) -> None:
        for match in ROBOTS_SITEMAP.finditer(path.read_text(encoding="utf-8")):
            self.check(path, match.group(1), "/", "Sitemap:")


def _html(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def _ids_in(path: Path) -> frozenset[str]:
    if path.suffix.lower() == ".svg":
        return frozenset(el.get("id") for el in ET.parse(path).iter() if el.get("id") is not None)
    doc = _html(path)
    return frozenset(doc.xpath("//@id")) | frozenset(doc.xpath("//a/@name"))
