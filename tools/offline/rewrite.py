"""A published page or stylesheet, made to work from file:// with no server.

- Every link into the bundle becomes relative and names its file
  (`../about/index.html`): file:// has no directory index.
- A link to a file the bundle does not carry (the other language's pages, the
  online search index) keeps its absolute address, so it leads to the online
  site, never to a dead file.
- Canonical and hreflang links keep their addresses: they describe the page.
- Chromium refuses font files to a file:// page (its origin is null), so the
  stylesheet carries the fonts as data: URLs and the font preloads go.
- The CSP names what a bundle loads: its own files, fonts as data:.
"""

from __future__ import annotations

import base64
import posixpath
import re
from html import escape
from urllib.parse import quote, unquote, urlsplit

from .site import Site

# Chromium treats file: as 'self' only for some directives, so it is named.
OFFLINE_CSP = (
    "default-src 'self' file:; script-src 'self' file:; style-src 'self' file:; "
    "img-src 'self' file: data:; font-src data:; connect-src 'none'; "
    "base-uri 'none'; form-action 'self' file:; object-src 'none'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{OFFLINE_CSP}">'

TAG = re.compile(r"<([a-zA-Z][\w-]*)\b([^>]*)>")
URL_ATTR = re.compile(r'\b(href|src|action|poster)="([^"]*)"')
SRCSET = re.compile(r'\bsrcset="([^"]*)"')
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
# A file:// page has no origin: a crossorigin request from it fails, and an
# integrity check needs one. The bundle's files are checked whole (SHA256SUMS).
CORS_ONLY = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin(?:="[^"]*")?)')
ANY_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}
# The online search (Pagefind's module and the page's script, and the marker
# the build stamps Pagefind's module at) cannot run from file://.
ONLINE_SEARCH = re.compile(
    r"\s*(?:<(?:script|link)\b[^>]*(?:/pagefind/|/js/search\.[0-9a-f]+\.js)[^>]*>(?:</script>)?"
    r"|<!--pagefind-module:[^>]*-->)"
)


def target(site: Site, url: str, here: str) -> tuple[str | None, str]:
    """A link's file in the output (None: not this site) and its ?query#fragment."""
    parts = urlsplit(url)
    tail = ("?" + parts.query if parts.query else "") + (
        "#" + parts.fragment if parts.fragment else ""
    )
    if parts.scheme in ("http", "https"):
        path = site.path_of(f"{parts.scheme}://{parts.netloc}{parts.path}")
    elif parts.scheme or parts.netloc or not parts.path:
        return None, tail  # mailto:, data:, //host, "#fragment"
    elif parts.path.startswith("/"):
        origin = urlsplit(site.url)
        path = site.path_of(f"{origin.scheme}://{origin.netloc}{parts.path}")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path))
    if path is None or path.startswith("../"):
        return None, tail
    if path == "" or path.endswith("/"):
        path += "index.html"
    return unquote(path), tail  # the file's own name (a link may be %-encoded)


def references(site: Site, text: str, here: str) -> list[str]:
    """Output paths a page or stylesheet links to (what the bundle must carry)."""
    urls = [url for _tag, attrs in _tags(text) for _name, url in URL_ATTR.findall(attrs)]
    urls += [
        item.split()[0]
        for value in SRCSET.findall(text)
        for item in value.split(",")
        if item.strip()
    ]
    urls += [url for _quote, url in CSS_URL.findall(text)]
    found = []
    for url in urls:
        path, _tail = target(site, url, here)
        if path is not None:
            found.append(path)
    return found


def _tags(html: str):
    for match in TAG.finditer(html):
        yield match.group(1).lower(), match.group(2)


def relative(path: str, here: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(here) or ".")


def _link(site: Site, url: str, here: str, carried: set[str]) -> str:
    path, tail = target(site, url, here)
    if path is None:
        return url
    if path in carried:
        return quote(relative(path, here), safe="/") + tail
    return site.url + "/" + path.removesuffix("index.html") + tail  # the online site


def page(
    site: Site, html: str, here: str, carried: set[str], scripts: list[tuple[str, dict]]
) -> str:
    """One HTML page of the bundle. `scripts`: classic scripts to add, as
    (output path, data attributes); the offline search's replace the online one."""

    def tag(match: re.Match) -> str:
        name, attrs = match.group(1).lower(), match.group(2)
        if name == "link" and re.search(r'\brel="(canonical|alternate)"', attrs):
            return match.group(0)
        if name == "link" and 'rel="preload"' in attrs and 'as="font"' in attrs:
            return ""  # the fonts are inside the stylesheet
        if name in ("script", "link"):
            attrs = CORS_ONLY.sub("", attrs)
        attrs = URL_ATTR.sub(
            lambda m: f'{m.group(1)}="{_link(site, m.group(2), here, carried)}"', attrs
        )
        attrs = SRCSET.sub(
            lambda m: 'srcset="' + _srcset(site, m.group(1), here, carried) + '"', attrs
        )
        return f"<{match.group(1)}{attrs}>"

    if any(path.endswith("search.js") for path, _data in scripts):
        html = ONLINE_SEARCH.sub("", html)
    added = "".join(
        f'\n  <script src="{relative(path, here)}"'
        + "".join(f' {name}="{escape(value)}"' for name, value in sorted(data.items()))
        + " defer></script>"
        for path, data in scripts
    )
    html = html.replace("</body>", added + "\n</body>", 1)
    html = ANY_CSP.sub("", html)
    html = CHARSET.sub(lambda m: m.group(0) + "\n  " + CSP_META, html, count=1)
    return TAG.sub(tag, html)


def _srcset(site: Site, value: str, here: str, carried: set[str]) -> str:
    items = []
    for item in value.split(","):
        bits = item.strip().split(None, 1)
        if bits:
            items.append(" ".join([_link(site, bits[0], here, carried), *bits[1:]]))
    return ", ".join(items)


def stylesheet(site: Site, css: str, here: str, carried: set[str]) -> str:
    """A stylesheet of the bundle: fonts inlined as data: URLs, other files relative."""

    def url(match: re.Match) -> str:
        path, _tail = target(site, match.group(2), here)
        if path is None:
            return match.group(0)
        kind = FONT_TYPES.get(posixpath.splitext(path)[1])
        if kind:
            data = base64.b64encode((site.root / path).read_bytes()).decode("ascii")
            return f'url("data:{kind};base64,{data}")'
        return f'url("{_link(site, match.group(2), here, carried)}")'

    return CSS_URL.sub(url, css)
