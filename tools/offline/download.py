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

from tools.build.swap import precompress_file

from . import manifest
from .site import Site

MARKER = b"data-offline-bundles"
NOTE, NOTE_HIDDEN = "<p data-offline-none>", "<p data-offline-none hidden>"
LIST = re.compile(r"<ul data-offline-list(?: hidden)?(\s[^>]*)>.*?</ul>", re.S)
LABEL = re.compile(r'data-label-(size|date)="([^"]*)"')
SUMS = re.compile(r"\n    <p data-offline-sums>.*?</p>", re.S)
# A SHA-256 is 64 characters: a break opportunity every 16 keeps a phone's page narrow.
BREAK_EVERY = 16


def unfill(text: str) -> str:
    """The page as the build wrote it (a bundle carries that: it cannot hold
    its own SHA-256, and the same --now must give the same bundle)."""
    text = SUMS.sub("", text, count=1)
    text = LIST.sub(lambda m: f"<ul data-offline-list hidden{m.group(1)}></ul>", text, count=1)
    return text.replace(NOTE_HIDDEN, NOTE, 1)


def _size(nbytes: int, lang: str, languages: dict) -> str:
    info = languages.get(lang)
    if not info:
        return f"{nbytes / 1e6:.1f} MB"
    from smex_site.l10n import Formats

    return Formats(lang, info).size(nbytes)


def items(site: Site, files: list[Path], lang: str, date: str, languages: dict, labels) -> str:
    found = []
    for path in files:
        code = path.name.split("-")[1]
        name = (languages.get(code) or {}).get("name", code)
        href = html.escape(f"{site.url}/offline/{path.name}")
        digest = manifest.file_hash(path)
        wrapped = "<wbr>".join(
            digest[i : i + BREAK_EVERY] for i in range(0, len(digest), BREAK_EVERY)
        )
        size = html.escape(_size(path.stat().st_size, lang, languages))
        found.append(
            f'<li><a href="{href}" download>{html.escape(path.name)}</a>'
            f' · <span lang="{html.escape(code)}">{html.escape(name)}</span>'
            f" · {labels['size']}: {size}"
            f' · {labels["date"]}: <time datetime="{date}">{date}</time>'
            f"<br>SHA-256: <code>{wrapped}</code></li>"
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
            text = unfill(text).replace(NOTE, NOTE_HIDDEN, 1)
            found = LIST.search(text)
            labels = dict(LABEL.findall(found.group(1))) if found else {}
            listed = items(site, files, lang, date, languages, labels)
            filled = f"{listed}</ul>\n    <p data-offline-sums>{links}</p>"
            text = LIST.sub(
                lambda m, filled=filled: f"<ul data-offline-list{m.group(1)}>{filled}",
                text,
                count=1,
            )
            path.write_text(text, encoding="utf-8")
            precompress_file(path)
            changed.append(rel)
    return changed
