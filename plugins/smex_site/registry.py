"""Every page each language will write, known before anything is written.

Worked out once per build from the catalog (every file, parsed by its kind)
and the settings' URL patterns, at the build's "now": an item's own page when
it is written (published or hidden), the listing pages its kind makes
from what is published, and the pages a kind's data files give (the
programme: DataKind.data_pages). The language switcher, hreflang, the sitemap and the
menus read it; because it does not wait for the generators, each language
could be built on its own, in its own process, and still link the others.
"""

from __future__ import annotations

from . import kinds, publishing
from . import state as build_state


def fill(state: build_state.BuildState, settings: dict) -> None:
    """Register every language's pages in the build state."""
    catalog = state.catalog
    by_lang: dict[str, list] = {}
    for entry in catalog.entries:
        seen = entry.visibility(state.now)
        if not publishing.is_written(seen):
            continue
        with state.timer.timing(f"{entry.kind.name}.page_path"):
            path = entry.kind.page_path(entry, settings, state.options)
        state.register(entry.lang, entry.key, path, listed=publishing.is_listed(seen))
        if publishing.is_listed(seen):
            by_lang.setdefault(entry.lang, []).append(entry)
    for lang in state.options["SITE_LANGUAGES"]:
        listed = by_lang.get(lang, [])
        for kind in kinds.markdown_kinds(state.kinds):
            mine = [entry for entry in listed if entry.kind is kind]
            with state.timer.timing(f"{kind.name}.listings"):
                listings = list(kind.listings(mine, settings, state.options))
            for key, path in listings:
                state.register(lang, key, path)
        for kind in kinds.data_kinds(state.kinds):
            with state.timer.timing(f"{kind.name}.data_pages"):
                pages = kind.data_pages(catalog, lang, state.now, settings, state.options)
            for key, path, is_listed in pages:
                state.register(lang, key, path, listed=is_listed)
        for path in direct_template_paths(settings):
            state.register(lang, ("path", path), path)
        # the translations' status page (translation_status.py); not in the sitemap
        state.register(lang, ("path", "translations/"), "translations/")


def key_content(content) -> None:
    """`content_object_init` receiver: an article's or page's registry key,
    its catalog entry's, as `.page_key`, and whether it is listed (not
    hidden), as `.page_listed`, for its template: never composed there, nor
    read from the Status words."""
    state = content.settings.get(build_state.STATE_KEY)
    source = getattr(content, "source_path", None)
    if state is None or state.catalog is None or source is None:
        return
    entry = state.catalog.by_path(source)
    if entry is not None:
        content.page_key = entry.key
        content.page_listed = publishing.is_listed(entry.visibility(state.now))


def direct_template_paths(settings: dict) -> list[str]:
    """Subsite paths of DIRECT_TEMPLATES (index, archives, 404, search…)."""
    paths = []
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            paths.append(save_as.removesuffix("index.html"))
    return paths
