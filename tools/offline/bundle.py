"""smex-<lang>-<date>.zip: one language of the published site, for file://.

What goes in is what that language's pages link to, followed from page to
page and stylesheet to file: its pages, the shared theme files, images, PDFs
and calendar files they name. The other languages' pages stay online (the
language switcher leads there). Entries are sorted, dated at the build's own
date and stored with fixed permissions, so the same --now gives the same bytes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from . import download, rewrite, searchindex
from .site import Site

SEARCH_UI = b"data-search-form"  # the search page (theme/templates/search.html)
SEARCH_SCRIPT = "offline/search.js"
SWITCH_SCRIPT = "offline/switch.js"  # the language switcher: the bundle beside, else online
STATIC = Path(__file__).with_name("static")


def carried(site: Site, lang: str) -> list[str]:
    """Every output file the language's bundle needs, sorted."""
    other = tuple(p for code, p in site.prefixes.items() if p and code != lang)
    pages = site.pages(lang)
    found, queue = set(pages), list(pages)
    while queue:
        rel = queue.pop()
        if not rel.endswith((".html", ".css")):
            continue
        text = (site.root / rel).read_text(encoding="utf-8")
        if SEARCH_UI.decode() in text:
            text = rewrite.ONLINE_SEARCH.sub("", text)  # replaced by the offline search
        for ref in rewrite.references(site, text, rel):
            if posixpath.splitext(ref)[1] in rewrite.FONT_TYPES:
                continue  # inside the stylesheet as data: URLs
            if ref in found or not (site.root / ref).is_file() or not site.bundleable(ref):
                continue
            if ref.startswith(other) or (ref.endswith(".html") and site.lang_of(ref) != lang):
                continue  # the other language: its own bundle, or online
            found.add(ref)
            queue.append(ref)
    return sorted(found)


def marked(site: Site, pages: list[str], marker: bytes) -> str | None:
    return next((rel for rel in pages if marker in (site.root / rel).read_bytes()), None)


def contents(site: Site, lang: str) -> dict[str, bytes]:
    """Path inside the bundle -> bytes (before the bundle's top folder)."""
    files = carried(site, lang)
    pages = site.pages(lang)
    search_page = marked(site, pages, SEARCH_UI)
    index_script = f"offline/search-index.{lang}.js"
    out: dict[str, bytes] = {}
    if search_page:
        out[index_script] = searchindex.script(site, lang, search_page).encode()
        out[SEARCH_SCRIPT] = (STATIC / "search.js").read_bytes()
    out[SWITCH_SCRIPT] = (STATIC / "switch.js").read_bytes()
    keep = set(files) | set(out)
    for rel in files:
        data = (site.root / rel).read_bytes()
        if rel.endswith(".html"):
            if download.MARKER in data:
                data = download.unfill(data.decode("utf-8")).encode("utf-8")
            switch = {
                "data-offline-lang": lang,
                "data-offline-root": (posixpath.relpath(".", posixpath.dirname(rel) or ".") + "/"),
                "data-offline-site": site.url,
            }
            scripts = [(SWITCH_SCRIPT, switch)]
            if rel == search_page:
                scripts += [(index_script, {}), (SEARCH_SCRIPT, {})]
            text = rewrite.page(site, data.decode("utf-8"), rel, keep, scripts)
            data = text.encode("utf-8")
        elif rel.endswith(".css"):
            data = rewrite.stylesheet(site, data.decode("utf-8"), rel, keep).encode("utf-8")
        out[rel] = data
    home = site.prefixes[lang] + "index.html"
    if home != "index.html" and "index.html" not in out:
        out["index.html"] = _start_page(lang, home)
    return out


def _start_page(lang: str, home: str) -> bytes:
    """The bundle's top index.html when the language lives in a sub-folder."""
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"{rewrite.CSP_META}\n"
        f'<meta http-equiv="refresh" content="0; url={home}">\n<title>SMEX</title>\n</head>\n'
        f'<body><p><a href="{home}">SMEX</a></p></body>\n</html>\n'
    ).encode()


def zip_bytes(files: dict[str, bytes], top: str, date: tuple[int, int, int]) -> bytes:
    """A zip of these files under top/, the same bytes for the same input."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for rel in sorted(files):
            info = zipfile.ZipInfo(posixpath.join(top, rel), date_time=(*date, 0, 0, 0))
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[rel], compresslevel=9)
    return buffer.getvalue()
