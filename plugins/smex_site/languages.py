"""Language table, translation lookup, language switcher and hreflang data.

A translated pair shares one ASCII slug; each subsite registers what it will
write (see registry.py), so a page can ask "where is my translation?" without
relying on i18n_subsites' own interlinking.
"""

from __future__ import annotations

from . import settings as site_settings
from . import state as build_state


def language_table(settings: dict) -> dict:
    return site_settings.read(settings)["SITE_LANGUAGES"]


def current_lang(settings: dict) -> str:
    return settings["DEFAULT_LANG"]


def alternates(settings: dict, key: tuple | None, path: str) -> list[dict]:
    """Every language's version of this page, the current one included.

    key identifies translated content ("article", slug); listings pass None and
    are matched by their path. Each entry: lang, name, dir, url, exists; a
    missing translation points at that language's home page with exists False.
    """
    state = build_state.get(settings)
    here = current_lang(settings)
    found = []
    for lang, info in language_table(settings).items():
        if lang == here:
            url, exists = state.url(lang, path), True
        else:
            url = state.find(lang, key) if key else None
            if url is None:
                url = state.find(lang, ("path", path))
            exists = url is not None
            if not exists:
                url = state.url(lang, "")
        found.append(
            {
                "lang": lang,
                "name": info["name"],
                "dir": info["dir"],
                "url": url,
                "exists": exists,
                "current": lang == here,
            }
        )
    return found


def hreflang_links(settings: dict, key: tuple | None, path: str) -> list[dict]:
    """<link rel=alternate hreflang> entries: existing versions plus x-default."""
    versions = [v for v in alternates(settings, key, path) if v["exists"]]
    if len(versions) < 2:
        return []  # nothing to point search engines at
    links = [{"hreflang": v["lang"], "href": v["url"]} for v in versions]
    main = build_state.get(settings).main_lang
    default = next((v for v in versions if v["lang"] == main), None)
    if default is not None:
        links.append({"hreflang": "x-default", "href": default["url"]})
    return links
