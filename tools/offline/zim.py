"""smex-<lang>-<date>.zim: the bundle's pages as a Kiwix archive (libzim).

The entries are the bundle's files (relative links that name their file work
inside a ZIM as they do from file://), with the home page as main page, the
metadata Kiwix shows in its library, a 48×48 PNG illustration and libzim's
Xapian full-text index in the language, so search works offline in Kiwix.

libzim gives every archive a random UUID and Xapian numbers its documents its
own way, so two ZIMs of the same site differ in bytes. content_digest() is the
same for the same entries and metadata; `invoke verify` compares ZIMs by it.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import mimetypes
import os
import re
import sys
from pathlib import Path

import lxml.html
from libzim.reader import Archive
from libzim.writer import Creator, Hint, Item, StringProvider

from .site import Site

ILLUSTRATION = Path(__file__).with_name("static") / "illustration-48.png"
# ISO 639-3, as the ZIM Language metadata and Xapian's stemmer want it.
ISO639_3 = {"ar": "ara", "en": "eng", "fr": "fra"}
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
TYPES = {
    ".woff2": "font/woff2",
    ".ics": "text/calendar",
    ".js": "text/javascript",
    ".xml": "application/xml",
}


class _Entry(Item):
    def __init__(self, path: str, data: bytes):
        super().__init__()
        self.path, self.data = path, data

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        found = TITLE.search(self.data) if self.path.endswith(".html") else None
        return html.unescape(found.group(1).decode("utf-8").strip()) if found else ""

    def get_mimetype(self) -> str:
        suffix = Path(self.path).suffix
        return TYPES.get(suffix) or mimetypes.guess_type(self.path)[0] or "application/octet-stream"

    def get_contentprovider(self):
        return StringProvider(self.data)

    def get_hints(self):
        return {
            Hint.FRONT_ARTICLE: self.path.endswith(".html") and not self.path.endswith("404.html")
        }


def metadata(published: Site, lang: str, date: str) -> dict[str, str]:
    """What Kiwix's library shows, read from the language's home page as the
    site published it (its name and description), never typed twice."""
    home = lxml.html.fromstring(
        (published.root / published.prefixes[lang] / "index.html").read_bytes()
    )
    title = " ".join(home.findtext(".//title", "").split()) or "SMEX"
    description = home.xpath('string(//meta[@name="description"]/@content)').strip()
    return {
        "Name": f"smex_{lang}_all",
        "Title": title[:30],  # the ZIM metadata's limits
        "Description": description[:80] or title,
        "Language": ISO639_3.get(lang, lang),
        "Creator": title,
        "Publisher": title,
        "Date": date,
        "Tags": "digital-rights;_category:other;_pictures:yes;_videos:no;_details:yes",
        "Source": published.url + "/",
    }


@contextlib.contextmanager
def _quiet():
    """libzim prints its finishing steps on the process's stdout whatever
    config_verbose says; `invoke offline` prints its own one line a file."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "wb") as sink:
        os.dup2(sink.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def write(
    target: Path, files: dict[str, bytes], lang: str, home: str, meta: dict[str, str]
) -> None:
    """Write the ZIM of these files (bundle paths), indexed in the language."""
    target.unlink(missing_ok=True)
    with _quiet(), Creator(str(target)).config_indexing(True, meta["Language"]) as creator:
        creator.set_mainpath(home)
        creator.add_illustration(48, ILLUSTRATION.read_bytes())
        for name, value in meta.items():
            creator.add_metadata(name, value)
        for path in sorted(files):
            creator.add_item(_Entry(path, files[path]))


def content_digest(path: Path) -> str:
    """SHA-256 over the metadata, the main page and every entry (path, type, bytes)."""
    archive = Archive(str(path))
    digest = hashlib.sha256()
    for key in sorted(archive.metadata_keys):
        if key not in ("Counter",):
            digest.update(f"M {key}\0".encode() + bytes(archive.get_metadata(key)) + b"\0")
    digest.update(f"main {archive.main_entry.get_item().path}\0".encode())
    for index in range(archive.entry_count):  # the content entries only, not Xapian's
        entry = archive._get_entry_by_id(index)
        if entry.is_redirect:
            continue
        item = entry.get_item()
        digest.update(f"{item.path}\0{item.mimetype}\0".encode())
        digest.update(hashlib.sha256(bytes(item.content)).digest())
    return digest.hexdigest()
