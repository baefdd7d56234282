"""/translations/ in each language: every translated item (or one waiting
for its translation; not those in one language by design) and where each of
its versions stands, for editors and partners (the states are the catalog's,
resolved once: translations.py).

It is for people who know where to look: `noindex`, in no menu, not in the
sitemap (sitemap.NOT_IN_SITEMAP), not in the search index; the language
switcher links its other languages. It names only what is published, so a
draft's or a scheduled item's title and address stay unseen, and links no
hidden version.
"""

from __future__ import annotations

from pelican.generators import Generator

from . import languages, publishing, translations
from . import state as build_state

PATH = "translations/"  # registry.py registers it for every language


def rows(state, lang: str) -> list[dict]:
    """One row per published item: its title here, and each language's state."""
    found = []
    for key, group in state.catalog.translations.items():
        original = group.original
        if original is None or not publishing.is_listed(original.visibility(state.now)):
            continue
        states = {version.state for version in group.versions.values()}
        if states <= {translations.ORIGINAL, translations.NOT_PLANNED}:
            continue  # in one language by design: nothing to translate
        cells = []
        for code, version in group.versions.items():
            entry = version.entry
            shown = version.state
            seen = entry.visibility(state.now) if entry is not None else None
            if entry is not None and not publishing.is_written(seen):
                shown = translations.MISSING  # a draft translation is not there yet
            # a hidden version is reachable by its address only: not linked here
            url = state.find(code, key) if seen and publishing.is_listed(seen) else None
            cells.append({"lang": code, "state": shown, "url": url, "changed": version.changed})
        here = group.versions.get(lang)
        entry = here.entry if here is not None and here.entry is not None else None
        if entry is None or not publishing.is_listed(entry.visibility(state.now)):
            entry = original  # a draft's title stays unseen
        found.append(
            {
                "kind": key[0],
                "slug": key[1],
                "title": entry.values.get("title"),
                "title_lang": entry.lang,  # the original's, when this language has none
                "cells": cells,
            }
        )
    return sorted(found, key=lambda row: (row["kind"], row["slug"]))


class TranslationStatusGenerator(Generator):
    """Writes translations/index.html of this language run."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        if languages.skipped(writer):
            return
        state = build_state.get(self.settings)
        writer.write_file(
            PATH + "index.html",
            self.env.get_template("translations.html"),
            self.context,
            rows=rows(state, self.settings["DEFAULT_LANG"]),
            relative_urls=False,
        )
