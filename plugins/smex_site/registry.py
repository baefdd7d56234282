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
    for path in direct_template_paths(generator.settings):
        state.register(lang, ("path", path), path)


def direct_template_paths(settings: dict) -> list[str]:
    """Subsite paths of DIRECT_TEMPLATES (index, archives, 404, search…)."""
    paths = []
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            paths.append(save_as.removesuffix("index.html"))
    return paths


def register_pages(generator) -> None:
    state = build_state.get(generator.settings)
    lang = generator.settings["DEFAULT_LANG"]
    for page in generator.pages:
        state.register(lang, ("page", page.slug), page.url)
