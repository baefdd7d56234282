"""Pelican's feeds, made right for a bilingual site (`feed_generated`).

- Each feed says its language (`xml:lang`) and has a title in it
  ("سمكس: الأخبار"), not "SMEX - news" from the ASCII category key.
- Each feed has its own `<id>` (Pelican gives every feed of a language the
  site's address), and entry ids are tag: URIs on SITE_FEED_ID_DOMAIN, so a
  development build does not write `tag:None,…` and ids survive a move to
  another host or sub-path.
- Categories are labels in the feed's language, as in the publications feed.
- Entry titles are put back as written: Pelican's feed writer treats the title
  as HTML (`Markup(title).striptags()`), which drops "< 5 >" from "3 < 5 > 2".
"""

from __future__ import annotations

import datetime as dt

from . import catalogs
from . import settings as site_settings
from . import state as build_state

# SMEX's founding year: the date in the tag: URI of a feed, or of an entry
# that has no date of its own. Ids must never change, so neither may this.
ID_EPOCH = dt.date(2008, 1, 1)


def tag_uri(domain: str, when: dt.date, path: str) -> str:
    return f"tag:{domain},{when:%Y-%m-%d}:/{path.lstrip('/')}"


def feed_id(state, lang: str, path: str, when: dt.date | None = None) -> str:
    """The id of a feed or entry of every feed we write (posts, publications):
    a tag: URI on SITE_FEED_ID_DOMAIN, of the path inside the site (an other
    language's under its prefix), dated `when` or ID_EPOCH."""
    prefix = "" if lang == state.main_lang else f"{lang}/"
    domain = state.options["SITE_FEED_ID_DOMAIN"]
    return tag_uri(domain, when or ID_EPOCH, prefix + path.lstrip("/"))


def inside(url: str, siteurl: str) -> str:
    """A URL's path inside its subsite (SITEURL is '' or '/en' in development)."""
    return (
        url[len(siteurl) :].lstrip("/") if siteurl and url.startswith(siteurl) else url.lstrip("/")
    )


def what_feed(settings: dict, path: str) -> str | None:
    """'all', a category key, or None for a feed we do not know."""
    if path == settings.get("FEED_ALL_ATOM"):
        return "all"
    pattern = settings.get("CATEGORY_FEED_ATOM") or ""
    for key in site_settings.options(settings)["SITE_CATEGORIES"]:
        if path == pattern.format(slug=key):
            return key
    return None


def fix_feed(context, feed) -> None:
    """`feed_generated` receiver (Pelican's post feeds). The context holds the
    settings: Pelican makes it from a copy of them."""
    lang = context["DEFAULT_LANG"]
    options = site_settings.options(context)
    state = build_state.get(context)
    _ = catalogs.gettext_for(context, lang)
    siteurl = context.get("SITEURL") or ""
    path = inside(feed.feed.get("feed_url") or "", context.get("FEED_DOMAIN") or siteurl)
    which = what_feed(context, path)
    if which == "all":
        feed.feed["title"] = f"{_(context['SITENAME'])}: {_('all posts')}"
    elif which is not None:
        feed.feed["title"] = f"{_(context['SITENAME'])}: {options['SITE_CATEGORIES'][which][lang]}"
    feed.feed["language"] = lang
    feed.feed["id"] = feed_id(state, lang, path)
    titles, categories = {}, {}
    for name in ("articles", "pages", "hidden_articles"):
        for item in context.get(name) or []:
            titles[item.url] = " ".join(str(item.title).split())
            category = getattr(item, "category", None)
            if category is not None:
                categories[item.url] = (str(category), category.slug)
    for entry in feed.items:
        rel = inside(entry.get("link") or "", siteurl)
        if rel in titles:
            entry["title"] = titles[rel]
        entry["unique_id"] = feed_id(state, lang, rel, entry.get("pubdate"))
        # feedgenerator made them strings: the item's category first, then its tags
        names = list(entry["categories"] or [])
        category = categories.get(rel)
        entry["categories"] = [
            _label(name, lang, options, state, category if i == 0 else None)
            for i, name in enumerate(names)
        ]


def _label(name: str, lang: str, options: dict, state, category: tuple | None) -> str:
    """A category's or topic's label in the feed's language."""
    if category is not None and str(name) == category[0]:
        labels = options["SITE_CATEGORIES"].get(category[1])
        if labels:
            return labels[lang]
    key = getattr(name, "slug", str(name))
    return state.topics.get(key, {}).get(lang, key)
