"""State shared by the language runs of one build, and by nothing else.

i18n_subsites runs one Pelican per language in the same process, each with a
shallow copy of the main settings. We hang one BuildState on the main
settings when the main site starts, so every subsite of *this* build sees the
same object and the next build starts from a fresh one: no module globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATE_KEY = "SITE_BUILD_STATE"


@dataclass
class BuildState:
    main_lang: str
    # lang -> SITEURL of that language's subsite ("" or "/en" in development)
    siteurls: dict[str, str] = field(default_factory=dict)
    # lang -> {key: path inside the subsite}; key is ("article", slug),
    # ("page", slug), ("path", url) for listings, or a plugin's own kind.
    pages: dict[str, dict[tuple, str]] = field(default_factory=dict)
    # theme files, path -> published (hashed) path, e.g. css/main.css -> css/main.<hash>.css
    asset_versions: dict[str, str] = field(default_factory=dict)
    # where compiled CSS and catalogs go (the main site's CACHE_PATH)
    build_dir: str = ""
    # topic key -> {lang: label}, read once per build (taxonomy.py)
    topics: dict | None = None

    def register(self, lang: str, key: tuple, path: str) -> None:
        self.pages.setdefault(lang, {})[key] = path

    def url(self, lang: str, path: str) -> str:
        """Root-relative (dev) or absolute (publish) URL of a subsite path."""
        return f"{self.siteurls.get(lang, '')}/{path}"

    def find(self, lang: str, key: tuple) -> str | None:
        path = self.pages.get(lang, {}).get(key)
        return None if path is None else self.url(lang, path)


def get(settings: dict) -> BuildState:
    try:
        return settings[STATE_KEY]
    except KeyError:
        raise RuntimeError(
            "smex_site: build state missing; is the plugin listed first in PLUGINS?"
        ) from None
