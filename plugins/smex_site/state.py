"""State shared by the language runs of one build, and by nothing else.

i18n_subsites runs one Pelican per language in the same process, each with a
shallow copy of the main settings. The main site hangs one BuildState on its
settings when it starts, so every subsite of *this* build sees the same
object, and the next build starts from a fresh one: no module globals.

It holds what is read once per build: our settings, the instant "now", the
content catalog (every file, parsed by its kind), and the registry of every
page each language writes, which the switcher, hreflang, the sitemap and the
menus read.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from . import settings as site_settings
from .timer import Timer

STATE_KEY = site_settings.STATE_KEY


@dataclass(frozen=True)
class PageRecord:
    path: str  # inside the language's subsite, e.g. "news/x/"
    listed: bool = True  # False: a hidden item, reachable only by its address


@dataclass
class BuildState:
    main_lang: str
    options: dict  # settings.read(), once
    now: dt.datetime  # the one instant of this build
    kinds: tuple = ()
    catalog: object = None  # validation.Catalog
    # lang -> SITEURL of that language's subsite ("" or "/en" in development)
    siteurls: dict[str, str] = field(default_factory=dict)
    # lang -> {key: PageRecord}; key is ("article", slug), ("page", slug),
    # ("report", slug), ("edition", slug) or ("path", path) for listings.
    pages: dict[str, dict[tuple, PageRecord]] = field(default_factory=dict)
    # theme files, path -> published (hashed) path, e.g. css/main.css -> css/main.<hash>.css
    asset_versions: dict[str, str] = field(default_factory=dict)
    asset_integrity: dict[str, str] = field(default_factory=dict)  # SRI of .js and .css
    # where compiled CSS and catalogs go (the main site's CACHE_PATH)
    build_dir: str = ""
    # lang -> l10n.Formats, made once per language
    formats: dict = field(default_factory=dict)
    # the languages this process writes (SITE_BUILD_LANGUAGES); None: all
    writing: frozenset | None = None
    # CPU time of the kinds' hooks and the generators, by label (timer.py);
    # validation's, then the build's: the catalog's timer, carried on
    timer: Timer = field(default_factory=Timer)

    @property
    def topics(self) -> dict:
        return (self.catalog.topics if self.catalog is not None else None) or {}

    def register(self, lang: str, key: tuple, path: str, listed: bool = True) -> None:
        self.pages.setdefault(lang, {})[key] = PageRecord(path, listed)

    def url(self, lang: str, path: str) -> str:
        """Root-relative (dev) or absolute (publish) URL of a subsite path."""
        return f"{self.siteurls.get(lang, '')}/{path}"

    def find(self, lang: str, key: tuple, hidden: bool = False) -> str | None:
        """The URL of `key` in `lang`, if that language writes it (and lists it,
        unless hidden=True)."""
        record = self.pages.get(lang, {}).get(key)
        if record is None or not (record.listed or hidden):
            return None
        return self.url(lang, record.path)


def get(settings: dict) -> BuildState:
    try:
        return settings[STATE_KEY]
    except KeyError:
        raise RuntimeError(
            "smex_site: build state missing; is the plugin listed first in PLUGINS?"
        ) from None


def timed(method):
    """A generator's method, timed as "Class.method" by its build's timer."""
    label = method.__qualname__

    @functools.wraps(method)
    def timed_method(self, *args, **kwargs):
        with get(self.settings).timer.timing(label):
            return method(self, *args, **kwargs)

    return timed_method


def now(settings: dict) -> dt.datetime:
    """The build's instant; outside a build (editor tools), the setting or the clock."""
    state = settings.get(STATE_KEY)
    if state is not None:
        return state.now
    return fixed_now(site_settings.options(settings))


def fixed_now(options: dict) -> dt.datetime:
    fixed = options["SITE_NOW"]
    return fixed if fixed is not None else clock()


def clock() -> dt.datetime:
    """The real clock, to the second: "now" when nothing pins it (--now, SITE_NOW)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
