"""Each subsite registers the pages it will write, before anything is written.

Pelican fills every generator's context before the first write, and
i18n_subsites runs the English subsite from the main site's get_writer, so by
the time any page renders, every language has registered its pages.
"""

from __future__ import annotations

from . import state as build_state


def register_articles(generator) -> None:
    state = build_state.get(generator.settings)
    lang = generator.settings["DEFAULT_LANG"]
    for article in generator.articles:
        state.register(lang, ("article", article.slug), article.url)
    for category, _ in generator.categories:
        state.register(lang, ("path", category.url), category.url)
    for tag in generator.tags:
        state.register(lang, ("path", tag.url), tag.url)
    for name in ("", generator.settings["ARCHIVES_URL"], generator.settings["TAGS_URL"]):
        state.register(lang, ("path", name), name)
    state.register(lang, ("path", "404.html"), "404.html")


def register_pages(generator) -> None:
    state = build_state.get(generator.settings)
    lang = generator.settings["DEFAULT_LANG"]
    for page in generator.pages:
        state.register(lang, ("page", page.slug), page.url)
