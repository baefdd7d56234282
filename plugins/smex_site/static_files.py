"""Content files (images, PDFs) are stored once, at the main site's root.

Pelican copies every file a page links with {static} into that page's site,
so English pages would get their own /en/images/ copies. In a subsite we
point those files at the main site's copy and copy nothing.
"""

from __future__ import annotations

from . import state as build_state


def share_with_main_site(generator) -> None:
    """static_generator_finalized receiver."""
    state = build_state.get(generator.settings)
    if generator.settings["DEFAULT_LANG"] == state.main_lang:
        return
    main_siteurl = state.siteurls.get(state.main_lang, "")
    for static in generator.staticfiles:
        static.override_url = f"{main_siteurl}/{static.url}"
    generator.staticfiles.clear()
