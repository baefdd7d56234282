"""The site's own Pelican plugin: bilingual plumbing, validation, assets,
sitemap (and, in their own modules, the convening and the publications).

List it before i18n_subsites in PLUGINS.
"""

from __future__ import annotations

from pelican import signals

from . import (
    assets,
    convening,
    publishing,
    registry,
    scheduling,
    sitemap,
    static_files,
    templating,
    textmeta,
    urls,
    validation,
)
from . import settings as site_settings
from . import state as build_state
from .publications_generator import PublicationsGenerator  # registers its checks too


def start_build(pelican) -> None:
    """`initialized`: the main site validates, compiles, and opens the state.

    Subsites (same process, copied settings) only record their SITEURL.
    """
    settings = pelican.settings
    lang = settings["DEFAULT_LANG"]
    main = site_settings.main_lang(settings)
    if lang == main and build_state.STATE_KEY not in settings:
        if not settings.get("SITE_VALIDATED"):
            validation.run(pelican)
        settings[build_state.STATE_KEY] = build_state.BuildState(main_lang=main)
        assets.prepare(pelican)
    elif lang not in site_settings.read(settings)["SITE_LANGUAGES"]:
        raise site_settings.SettingsError(f"DEFAULT_LANG {lang!r} is not in SITE_LANGUAGES")
    build_state.get(settings).siteurls[lang] = settings["SITEURL"]


def get_generators(pelican):
    return [
        convening.ConveningGenerator,
        PublicationsGenerator,
        sitemap.SitemapGenerator,
        publishing.PublishingGenerator,
    ]


def register():
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(templating.install)
    signals.article_generator_finalized.connect(registry.register_articles)
    signals.page_generator_finalized.connect(registry.register_pages)
    signals.static_generator_finalized.connect(static_files.share_with_main_site)
    signals.readers_init.connect(textmeta.install_reader)
    signals.content_object_init.connect(scheduling.hold_future)
    signals.feed_generated.connect(textmeta.restore_feed_titles)
    signals.content_written.connect(urls.normalize_file)
    signals.feed_written.connect(urls.normalize_file)
