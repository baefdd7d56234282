"""Content files (images, PDFs) are stored once, at the main site's root.

Pelican copies every file a page links with {static} into that page's site,
so English pages would get their own /en/images/ copies. In a subsite we
point those files at the main site's copy and copy nothing.

Pelican also copies every file under STATIC_PATHS, linked or not: a draft or
scheduled item's image or PDF would be on the site, at an address anyone can
guess, before the item is. The main site leaves out the files that only
held-back items use (fileuse.py, resolved once in the catalog).

And Pelican copies a file outside STATIC_PATHS (content/media/x.png) only in
the run of the language whose text links it, which for a subsite is the run
that copies nothing: the main site copies every file a written item uses,
whichever language's text uses it (`add_used_files`).
"""

from __future__ import annotations

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


def add_used_files(generator) -> None:
    """`generator_init`: the main site's static generator copies every file a
    written item of any language uses (Pelican reads context["static_links"])."""
    state = generator.settings.get(build_state.STATE_KEY)
    if state is None or state.catalog is None:
        return
    if generator.settings["DEFAULT_LANG"] != state.main_lang:
        return
    if state.writing is not None and state.main_lang not in state.writing:
        return  # another process writes the main site, and these files with it
    generator.context.setdefault("static_links", set()).update(state.catalog.files.published)


def hold_back(generator, state: build_state.BuildState) -> None:
    """The main site's static files, without those only held-back items use."""
    if state.catalog is None:
        return
    files = state.catalog.files
    generator.staticfiles[:] = [
        static for static in generator.staticfiles if not files.is_held(static.relative_source_path)
    ]
