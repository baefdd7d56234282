"""The download page's table (theme/templates/download.html), filled in once
the bundles exist: each file with its size, date and SHA-256.

The page is built before the bundles (they carry it), so the build writes the
table's headings, hidden, and a note that no copies were published; this
fills the rows, shows the table and hides the note, and unfill() undoes it
exactly. A site published without `invoke offline` keeps the note, and links
to no missing file.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from tools import sitebuild

from . import manifest
from .site import Site

MARKER = b"data-offline-bundles"
NOTE, NOTE_HIDDEN = "<p data-offline-none>", "<p data-offline-none hidden>"
TABLE_HIDDEN = '<table class="offline-copies" data-offline-table hidden>'
TABLE = TABLE_HIDDEN.replace(" hidden", "")
ROWS = re.compile(
    r"(<table class=\"offline-copies\" data-offline-table>.*?<tbody>).*?(</tbody>)", re.S
)
SUMS = re.compile(r"\n    <p data-offline-sums>.*?</p>", re.S)


def unfill(text: str) -> str:
    """The page as the build wrote it (a bundle carries that: it cannot hold
    its own SHA-256, and the same --now must give the same bundle)."""
    text = SUMS.sub("", text, count=1)
    text = ROWS.sub(r"\1\2", text, count=1)
    return text.replace(TABLE, TABLE_HIDDEN, 1).replace(NOTE_HIDDEN, NOTE, 1)


def _size(nbytes: int, lang: str, languages: dict) -> str:
    info = languages.get(lang)
    if not info:
        return f"{nbytes / 1e6:.1f} MB"
    sitebuild._ensure_plugin_path()
    from smex_site.l10n import Formats

    return Formats(lang, info).size(nbytes)


def rows(site: Site, files: list[Path], page_lang: str, date: str, languages: dict) -> str:
    found = []
    for path in files:
        lang = path.name.split("-")[1]
        name = (languages.get(lang) or {}).get("name", lang)
        href = html.escape(f"{site.url}/offline/{path.name}")
        found.append(
            f'<tr><td><a href="{href}" download>{html.escape(path.name)}</a></td>'
            f'<td lang="{html.escape(lang)}">{html.escape(name)}</td>'
            f"<td>{html.escape(_size(path.stat().st_size, page_lang, languages))}</td>"
            f'<td><time datetime="{date}">{date}</time></td>'
            f"<td><code>{manifest.file_hash(path)}</code></td></tr>"
        )
    return "".join(found)


def fill(site: Site, files: list[Path], date: str, languages: dict, signer: str) -> list[str]:
    """Fill every language's download page; returns the pages it changed."""
    changed = []
    for lang in sorted(site.prefixes):
        for rel in site.pages(lang):
            path = site.root / rel
            if MARKER not in path.read_bytes():
                continue
            text = path.read_text(encoding="utf-8")
            links = f'<a href="{html.escape(site.url)}/{manifest.SUMS}">{manifest.SUMS}</a>'
            if signer:  # the key's fingerprint, for readers to compare where they trust SMEX
                links += (
                    f' · <a href="{html.escape(site.url)}/{manifest.SIGNATURE}">'
                    f"{manifest.SIGNATURE}</a> (<code>{html.escape(signer)}</code>)"
                )
            text = unfill(text).replace(NOTE, NOTE_HIDDEN, 1).replace(TABLE_HIDDEN, TABLE, 1)
            filled = rows(site, files, lang, date, languages)
            text = text.replace("<tbody></tbody>", f"<tbody>{filled}</tbody>", 1)
            text = text.replace("</table>", f"</table>\n    <p data-offline-sums>{links}</p>", 1)
            path.write_text(text, encoding="utf-8")
            sitebuild.precompress_file(path)
            changed.append(rel)
    return changed
