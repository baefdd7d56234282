"""Content files (images, PDFs) are stored once, at the main site's root.

Pelican copies every file a page links with {static} into that page's site,
so English pages would get their own /en/images/ copies. In a subsite we
point those files at the main site's copy and copy nothing.

Pelican also copies every file under STATIC_PATHS, linked or not: a draft or
scheduled report's PDF would be on the site, at an address anyone can guess,
before the report is. The main site leaves out the files that only held-back
items name (a report's PDF, PDF-<lang>, Cover).
"""

from __future__ import annotations

from . import publishing
from . import state as build_state


def share_with_main_site(generator) -> None:
    """static_generator_finalized receiver."""
    state = build_state.get(generator.settings)
    if generator.settings["DEFAULT_LANG"] == state.main_lang:
        hold_back(generator, state)
        return
    main_siteurl = state.siteurls.get(state.main_lang, "")
    for static in generator.staticfiles:
        static.override_url = f"{main_siteurl}/{static.url}"
    generator.staticfiles.clear()


def held_back_files(state: build_state.BuildState) -> set[str]:
    """Content paths (files/…, images/…) that only held-back items name."""
    entries = state.catalog.entries if state.catalog is not None else ()
    return set(publishing.held_back_files(entries, state.now))


def hold_back(generator, state: build_state.BuildState) -> None:
    """The main site's static files, without those of held-back items."""
    held = held_back_files(state)
    generator.staticfiles[:] = [
        static for static in generator.staticfiles if static.relative_source_path not in held
    ]
