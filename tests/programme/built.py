"""Reading what a build wrote for the programme: the search index, the
JSON-LD, the calendars. Shared by the programme's built-site tests."""

from __future__ import annotations

import gzip
import json

import icalendar

from tools.build.searchindex import SIGNATURE


def search_index(site) -> list[dict]:
    """Every page in Pagefind's index: url, content, filters, meta."""
    pages = []
    for path in sorted((site.root / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE), path
        pages.append(json.loads(raw[len(SIGNATURE) :]))
    return pages


def sessions_indexed(site) -> set[str]:
    return {
        page["url"] for page in search_index(site) if page["filters"].get("kind") == ["session"]
    }


def jsonld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]


def calendar(site, rel: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site.root / rel).read_bytes())


def everything_written(site) -> str:
    """Every text file of the site, for "is this anywhere?" checks."""
    texts = []
    for path in sorted(site.root.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".txt"):
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts) + "\n".join(page["content"] for page in search_index(site))
