"""Every page each language will write, known before anything is written.

Worked out once per build from the catalog (every file, parsed by its kind)
and the settings' URL patterns, at the build's "now": an item's own page when
it is written (published or hidden), the listing pages its kind makes
from what is published, and the pages a kind's data files give (the
programme: Kind.data_pages). The language switcher, hreflang, the sitemap and the
menus read it; because it does not wait for the generators, each language
could be built on its own, in its own process, and still link the others.
"""

from __future__ import annotations

from . import publishing
from . import state as build_state


def fill(state: build_state.BuildState, settings: dict) -> None:
    """Register every language's pages in the build state."""
    catalog = state.catalog
    by_lang: dict[str, list] = {}
    for entry in catalog.entries:
        seen = entry.visibility(state.now)
        if not publishing.is_written(seen):
            continue
        path = entry.kind.page_path(entry, settings, state.options)
        state.register(entry.lang, entry.key, path, listed=publishing.is_listed(seen))
        if publishing.is_listed(seen):
            by_lang.setdefault(entry.lang, []).append(entry)
    for lang in state.options["SITE_LANGUAGES"]:
        listed = by_lang.get(lang, [])
        for kind in state.kinds:
            mine = [entry for entry in listed if entry.kind is kind]
            for key, path in kind.listings(mine, settings, state.options):
                state.register(lang, key, path)
            if kind.data_pages is not None:
                pages = kind.data_pages(catalog, lang, state.now, settings, state.options)
                for key, path, is_listed in pages:
                    state.register(lang, key, path, listed=is_listed)
        for path in direct_template_paths(settings):
            state.register(lang, ("path", path), path)
        # the translations' status page (translation_status.py); not in the sitemap
        state.register(lang, ("path", "translations/"), "translations/")


def direct_template_paths(settings: dict) -> list[str]:
    """Subsite paths of DIRECT_TEMPLATES (index, archives, 404, search…)."""
    paths = []
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            paths.append(save_as.removesuffix("index.html"))
    return paths


def url_path(pattern: str, **values) -> str:
    """A Pelican *_URL pattern filled in ("{category}/{slug}/")."""
    return pattern.format(**values)
