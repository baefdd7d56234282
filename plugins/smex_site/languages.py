"""The languages of the site: the per-language settings derived from
SITE_LANGUAGES, and each page's versions (switcher, hreflang).

Adding a language is one entry in SITE_LANGUAGES, its gettext catalog and its
content folder (docs/adding-a-language.md): `configure()` derives the rest,
once, when the main site starts, before i18n_subsites reads I18N_SUBSITES.

A translated pair shares one ASCII slug; the registry (registry.py) knows what
each language writes, so a page asks "where is my translation?" without
relying on i18n_subsites' own interlinking. A hidden item is no other page's
translation: it is reachable only by its own address.
"""

from __future__ import annotations

from pelican.writers import Writer

from . import state as build_state
from .kinds import markdown_kinds


def configure(settings: dict, kinds) -> None:
    """Fill the content paths and I18N_SUBSITES from SITE_LANGUAGES and the kinds.

    Each language's site reads only its own folder, and of it only what
    Pelican writes (posts and pages); explicit I18N_SUBSITES entries win.
    """
    options = build_state.get(settings).options
    langs = list(options["SITE_LANGUAGES"])
    # Pelican's generators read what Pelican writes: posts (articles) and pages
    written = (kind for kind in markdown_kinds(kinds) if kind.writer == "pelican")
    folders = {kind.registry: kind.folders for kind in written}
    posts, pages = folders.get("article", ()), folders.get("page", ())

    def paths(lang: str) -> dict:
        return {
            "ARTICLE_PATHS": [f"{lang}/{folder}" for folder in posts],
            "PAGE_PATHS": [f"{lang}/{folder}" for folder in pages],
            "ARTICLE_EXCLUDES": [],
            "PAGE_EXCLUDES": [],
        }

    settings.update(paths(langs[0]))
    given = settings.get("I18N_SUBSITES") or {}
    siteurl = settings.get("SITEURL", "")
    subsites = {}
    for lang in langs[1:]:
        subsites[lang] = {
            **paths(lang),
            # theme assets and content files live once, at the main site's root
            "THEME_STATIC_PATHS": [],
            "STATIC_PATHS": [],
            "SITEURL": f"{siteurl}/{lang}",
            # Pelican fixes FEED_DOMAIN before the plugin copies the settings (#1033)
            "FEED_DOMAIN": f"{siteurl}/{lang}",
            **given.get(lang, {}),
        }
    settings["I18N_SUBSITES"] = subsites


def select(settings: dict, state: build_state.BuildState) -> None:
    """Keep to the languages this process writes (SITE_BUILD_LANGUAGES).

    Called after configure() and the registry: every language's pages are
    known, so the switcher links the others. A subsite left out is dropped
    from I18N_SUBSITES; a main site left out still runs, because
    i18n_subsites starts the subsites from it, but reads no posts or pages
    and copies no files (its generators get `SkippedWriter`). Each subsite's
    own settings are as in a one-process build: they name those keys.
    """
    chosen = state.options["SITE_BUILD_LANGUAGES"]
    if chosen is None:
        return
    state.writing = frozenset(chosen)
    settings["I18N_SUBSITES"] = {
        lang: sub for lang, sub in settings["I18N_SUBSITES"].items() if lang in chosen
    }
    if state.main_lang not in chosen:
        for key in ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS", "THEME_STATIC_PATHS"):
            settings[key] = []


class SkippedWriter(Writer):
    """The writer of a language another process writes: writes nothing."""

    def write_feed(self, *args, **kwargs):
        return None

    def write_file(self, *args, **kwargs):
        return None


def skipped(writer) -> bool:
    """True when this process does not write the generator's language; for
    generators that write files themselves (calendars, security.txt)."""
    return isinstance(writer, SkippedWriter)


def writes_site_files(settings: dict, writer) -> bool:
    """True in the one run that writes what the site has once (sitemap.xml,
    robots.txt, security.txt, _headers): the main language's, in the process
    that writes it."""
    return not skipped(writer) and settings["DEFAULT_LANG"] == build_state.get(settings).main_lang


def writer_for(pelican):
    """`get_writer`: nothing to write for a language this process skips."""
    state = build_state.get(pelican.settings)
    if state.writing is not None and pelican.settings["DEFAULT_LANG"] not in state.writing:
        return SkippedWriter
    return None


def alternates(settings: dict, key: tuple | None, path: str) -> list[dict]:
    """Every language's version of this page, the current one included.

    key identifies translated content ("article", slug); listings pass None and
    are matched by their path. Each entry: lang, name, dir, url, exists; a
    missing translation points at that language's home page with exists False.
    """
    state = build_state.get(settings)
    here = settings["DEFAULT_LANG"]
    found = []
    for lang, info in state.options["SITE_LANGUAGES"].items():
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
