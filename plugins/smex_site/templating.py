"""Globals and filters our templates use, installed on every generator's env.

Installed at `generator_init`, so generators of ours and Pelican's share one
environment per language, with i18n_subsites' gettext installed on it.
"""

from __future__ import annotations

from functools import partial

from . import assets, dates, jsonld, languages, publishing, taxonomy
from . import settings as site_settings
from . import state as build_state


def install(generator) -> None:
    settings = generator.settings
    ours = site_settings.read(settings)
    lang = settings["DEFAULT_LANG"]
    info = ours["SITE_LANGUAGES"][lang]
    state = build_state.get(settings)
    if state.topics is None:
        state.topics = taxonomy.load_topics(settings)
    topics = state.topics

    def topic_label(key: str) -> str:
        return taxonomy.label(topics, key, lang)

    env = generator.env
    env.globals.update(
        lang=lang,
        lang_dir=info["dir"],
        site_languages=ours["SITE_LANGUAGES"],
        alternates=partial(languages.alternates, settings),
        hreflang_links=partial(languages.hreflang_links, settings),
        asset=partial(assets.asset_url, settings),
        home_url=state.url(lang, ""),
        site_root=state.siteurls.get(state.main_lang, ""),  # shared files live here
        topic_label=topic_label,
        category_label=lambda key: ours["SITE_CATEGORIES"].get(key, {}).get(lang, key),
        **publishing.template_globals(settings),  # meta CSP, onion, base path
    )
    env.filters.update(
        ldate=partial(dates.format_date, settings),
        ldatetime=partial(dates.format_datetime, settings),
        lnumber=partial(dates.format_number, settings),
        content_key=content_key,
        jsonld=jsonld.script,
        topic_label=topic_label,  # also a filter, for map("topic_label")
    )


def content_key(obj) -> tuple:
    """The key a translated pair shares: (kind, slug)."""
    kind = getattr(obj, "site_kind", None) or type(obj).__name__.lower()
    return (kind, obj.slug)
