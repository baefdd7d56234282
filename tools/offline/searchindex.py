"""The offline search's index: one classic script per language.

Pagefind cannot run from file:// (it fetches its index; Pagefind#202), and a
file:// page may not fetch at all, but it may load a script. So the index is
`offline/search-index.<lang>.js`, which sets `window.SMEX_OFFLINE_SEARCH`:
the title, summary, topics, date and filters (kind, topic keys) of every page
the online search indexes (those marked data-pagefind-body), read from the
published page itself (its JSON-LD where it has one, else its heading and
description), with each address relative to the search page that loads it.
Every word the search shows comes from the search page, in its language.
"""

from __future__ import annotations

import json
import posixpath
from urllib.parse import quote

import lxml.html

from .site import Site


def entry(site: Site, rel: str, search_page: str) -> dict | None:
    """What the offline search knows of one page (None: not searchable online either)."""
    tree = lxml.html.fromstring((site.root / rel).read_bytes())
    if not tree.xpath("//*[@data-pagefind-body]"):
        return None
    facts = {}
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        data = json.loads(block or "{}")
        if isinstance(data, dict) and (data.get("headline") or data.get("name")):
            facts = data
            break
    heading = tree.xpath("//h1")
    description = tree.xpath('//meta[@name="description"]/@content')
    keywords = facts.get("keywords") or []
    title = facts.get("headline") or facts.get("name")
    # the online search's filters, as the page declares them ("kind:article", "topic:privacy")
    declared = [value.partition(":") for value in tree.xpath("//@data-pagefind-filter")]
    filters = {(name, value) for name, _sep, value in declared if value}
    return {
        "href": quote(posixpath.relpath(rel, posixpath.dirname(search_page)), safe="/"),
        "title": title or (" ".join(heading[0].text_content().split()) if heading else ""),
        "summary": facts.get("description") or (description[0] if description else ""),
        "topics": [keywords] if isinstance(keywords, str) else list(keywords),
        "date": str(facts.get("datePublished", ""))[:10],
        "kind": next((value for name, value in sorted(filters) if name == "kind"), ""),
        "topicKeys": sorted(value for name, value in filters if name == "topic"),
    }


def script(site: Site, lang: str, search_page: str) -> str:
    """The text of offline/search-index.<lang>.js."""
    items = [
        found
        for rel in site.pages(lang)
        if rel != search_page and (found := entry(site, rel, search_page))
    ]
    data = {
        "items": items,
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # JSON is JavaScript except for these two characters; "</" cannot end the file early.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"window.SMEX_OFFLINE_SEARCH = {text};\n"
