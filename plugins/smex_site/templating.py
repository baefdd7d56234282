"""Globals and filters our templates use, installed on every generator's env.

Installed at `generator_init`, so generators of ours and Pelican's share one
environment per language, with i18n_subsites' gettext installed on it. Every
value comes from the build state, read once per build: the settings, the
registry of pages (menus and section links are looked up there, never typed
into templates), the formats of the page's language.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import ClassVar

import jinja2

from . import assets, cachekey, catalogs, deployment, jsonld, languages
from . import state as build_state
from . import translations as drift
from .l10n import Formats


def formats(state: build_state.BuildState, lang: str) -> Formats:
    found = state.formats.get(lang)
    if found is None:
        found = state.formats[lang] = Formats(lang, state.options["SITE_LANGUAGES"][lang])
    return found


def section_keys(settings: dict, options: dict) -> dict[str, tuple]:
    """Menu targets that are listings: name -> registry key."""
    return {
        "convening": ("path", options["SITE_CONVENING_PATH"]),
        "publications": ("path", options["SITE_PUBLICATIONS_PATH"]),
        "search": ("path", settings["SEARCH_URL"]),
        "archives": ("path", settings["ARCHIVES_URL"]),
        "tags": ("path", settings["TAGS_URL"]),
    }


def target_key(target: str, settings: dict, options: dict) -> tuple:
    kind, _, value = target.partition(":")
    if kind == "category":
        return ("path", settings["CATEGORY_URL"].format(slug=value))
    if kind == "page":
        return ("page", value)
    return section_keys(settings, options)[target]


def menu(state: build_state.BuildState, settings: dict, lang: str) -> list[dict]:
    """SITE_MENU, resolved in this language; items it does not have are left out."""
    items = []
    for target, label in state.options["SITE_MENU"]:
        key = target_key(target, settings, state.options)
        record = state.pages.get(lang, {}).get(key)
        if record is not None:
            items.append({"label": label, "path": record.path, "url": state.url(lang, record.path)})
    return items


def template_cache(env: jinja2.Environment, state) -> SignedBytecodeCache:
    """Compiled templates, kept in the build folder: each generator of each
    language has its own environment and would compile every template again.
    Jinja keys each file on its name and source; the folder is keyed on how
    the environment compiles (its options and extensions, Jinja's version)."""
    how = repr(
        (
            jinja2.__version__,
            sorted(env.extensions),
            env.autoescape if not callable(env.autoescape) else "callable",
            env.trim_blocks,
            env.lstrip_blocks,
            env.keep_trailing_newline,
            env.newline_sequence,
            (env.block_start_string, env.variable_start_string, env.comment_start_string),
        )
    )
    folder = Path(state.build_dir) / f"jinja-{hashlib.sha256(how.encode()).hexdigest()[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    return SignedBytecodeCache(folder / cachekey.key_id())


class SignedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, each file signed (cachekey.py).

    Compiled templates are code the build runs: one written by anyone else
    would run in the build and could write anything into the site. So a file
    whose MAC does not match is never loaded; the template is compiled again.
    """

    warned: ClassVar[set[Path]] = set()  # said once per process, not per environment

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket) -> None:
        path = self._path(bucket)
        try:
            data = path.read_bytes()
        except OSError:
            return  # not compiled yet
        payload = cachekey.verified(path.name.encode(), data)
        if payload is not None:
            bucket.load_bytecode(io.BytesIO(payload))
        elif self.folder not in self.warned:
            self.warned.add(self.folder)
            cachekey.distrusted(path, "compiled template")

    def dump_bytecode(self, bucket) -> None:
        path = self._path(bucket)
        compiled = io.BytesIO()
        bucket.write_bytecode(compiled)
        path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename: a reader never sees half a file, even from another process
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(cachekey.signed(path.name.encode(), compiled.getvalue()))
        os.replace(temporary, path)


def install(generator) -> None:
    settings = generator.settings
    state = build_state.get(settings)
    if state.build_dir:
        generator.env.bytecode_cache = template_cache(generator.env, state)
    lang = settings["DEFAULT_LANG"]
    info = state.options["SITE_LANGUAGES"][lang]
    fmt = formats(state, lang)
    topics = state.topics
    categories = state.options["SITE_CATEGORIES"]

    def topic_label(key: str) -> str:
        return topics.get(key, {}).get(lang, key)

    def section_url(name: str) -> str:
        key = section_keys(settings, state.options)[name]
        return state.url(lang, key[1])

    def link_to(target: str) -> str | None:
        """A SITE_MENU-style target's URL in this language, if it has one."""
        record = state.pages.get(lang, {}).get(target_key(target, settings, state.options))
        return state.url(lang, record.path) if record else None

    def translation_notice(key: tuple | None) -> dict | None:
        """An outdated translation's notice (translations.notice), with the
        original's language named in this page's language."""
        found = drift.notice(state, key, lang)
        if found is not None:
            found["language"] = fmt.locale.languages.get(found["lang"], found["lang"])
        return found

    def gettext_in(other: str, message: str) -> str:
        """A UI string in another language (the untranslated-page note)."""
        return catalogs.gettext_for(settings, other)(message)

    generator.env.globals.update(
        lang=lang,
        lang_dir=info["dir"],
        site_languages=state.options["SITE_LANGUAGES"],
        alternates=partial(languages.alternates, settings),
        hreflang_links=partial(languages.hreflang_links, settings),
        asset=partial(assets.asset_url, settings),
        integrity=partial(assets.asset_integrity, settings),
        home_url=state.url(lang, ""),
        site_root=state.siteurls.get(state.main_lang, ""),  # shared files live here
        site_menu=menu(state, settings, lang),
        section_url=section_url,
        link_to=link_to,
        gettext_in=gettext_in,
        translation_notice=translation_notice,
        topic_label=topic_label,
        # (key, label) of every topic in this language, by label: the search filter
        topic_choices=sorted(((k, topic_label(k)) for k in topics), key=lambda kv: kv[1]),
        category_label=lambda key: categories.get(key, {}).get(lang, key),
        **deployment.template_globals(settings),  # meta CSP, onion, base path
    )
    generator.env.filters.update(
        ldate=fmt.date,
        ldatetime=fmt.datetime,
        lnumber=fmt.number,
        lsize=fmt.size,
        content_key=content_key,
        jsonld=jsonld.script,
        topic_label=topic_label,  # also a filter, for map("topic_label")
    )


def content_key(obj) -> tuple:
    """The key a translated pair shares: (kind, slug)."""
    kind = getattr(obj, "site_kind", None) or type(obj).__name__.lower()
    return (kind, obj.slug)
