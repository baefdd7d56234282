"""The A–Z and by-topic index page (theme/templates/atoz.html): every listed
item of a language, by its title's first letter and by topic, with no script.

It is where readers of the offline edition go when the search cannot run,
and the search page links it. Items are what the other listings show (the
context's published posts, pages and listed reports), so nothing held back
appears. Letters are taken after the folding the search uses (أ إ آ ٱ as ا)
and without the Arabic article ال, as Arabic indexes are ordered.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
ARTICLE = "ال"


@dataclass
class IndexItem:
    title: str
    url: str
    date_iso: str = ""
    topics: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


def sort_key(title: str) -> str:
    """The title as an index orders it: folded, lowercased, ال dropped."""
    text = unicodedata.normalize("NFKD", title).translate(ALEF_FORMS).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch != "\u0640")
    text = text.strip(" \"'«»“”‘’()[]")
    if text.startswith(ARTICLE) and len(text) > 2:
        text = text[len(ARTICLE) :]
    return text


def letter(title: str) -> str:
    key = sort_key(title)
    first = key[:1].upper()
    return first if first.isalpha() else "#"


def items(state, lang: str, articles, pages, publications, topic_label) -> list[IndexItem]:
    found = [
        IndexItem(
            title=str(article.title),
            url=state.url(lang, article.url),
            date_iso=article.date.date().isoformat(),
            topics=[(tag.slug, topic_label(tag.slug)) for tag in getattr(article, "tags", [])],
        )
        for article in articles
    ]
    found += [IndexItem(title=str(page.title), url=state.url(lang, page.url)) for page in pages]
    found += [
        IndexItem(
            title=str(view.title),
            url=view.url,
            date_iso=view.date_iso,
            topics=[(topic["key"], topic["label"]) for topic in view.topics],
        )
        for view in publications
    ]
    return sorted(found, key=lambda item: (sort_key(item.title), item.url))


def build(state, lang: str, articles, pages, publications, topic_label) -> dict:
    """{"letters": [(letter, [items])], "topics": [(label, key, [items])]}."""
    listed = items(state, lang, articles, pages, publications, topic_label)
    letters: dict[str, list[IndexItem]] = {}
    topics: dict[str, tuple[str, list[IndexItem]]] = {}
    for item in listed:
        letters.setdefault(letter(item.title), []).append(item)
        for key, label in item.topics:
            topics.setdefault(key, (label, []))[1].append(item)
    return {
        "letters": sorted(letters.items(), key=lambda pair: (pair[0] == "#", pair[0])),
        "topics": sorted(
            ((label, key, found) for key, (label, found) in topics.items()),
            key=lambda row: sort_key(row[0]),
        ),
    }
