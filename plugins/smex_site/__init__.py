"""The site's own Pelican plugin. List it before i18n_subsites in PLUGINS.

What the site does, one room each:

    kinds, fields        what each kind of content is: keys, parsers, statuses
    validation/          the check every build runs first; the content catalog
    publishing           draft, hidden, scheduled, published: who sees what
    markdown, reader     the one Markdown renderer; the reader Pelican uses
    registry, languages  every page of every language; switcher and hreflang
    translations         originals, translations and their states; /translations/
    convening/           editions, countdown, archive, calendars, programme
    publications/        reports, their index, citations, feed
    feeds, sitemap       feeds per language; sitemap.xml and robots.txt
    headers, deployment  production headers, defined once; security.txt, _headers
    problems             a problem in the content; the error that stops a build
    contentfiles         which files under content/ may be read or published
    sanitize/            the one HTML allowlist (nh3): refused for editors, removed
                         from imports
    templating, l10n     template globals; every date, number and size format
    assets, catalogs     Sass, gettext catalogs, theme files under hashed names
    settings, state      our settings and "now", read once per build
"""

from __future__ import annotations

from pelican import signals

from . import (
    assets,
    deployment,
    feeds,
    imagesizes,
    intrasite,
    kinds,
    languages,
    publishing,
    reader,
    registry,
    sitemap,
    static_files,
    templating,
    translation_status,
    urls,
    validation,
)
from . import settings as site_settings
from . import state as build_state
from .convening import EDITION, PROGRAMME, ConveningGenerator, ProgrammeGenerator
from .publications import REPORT, PublicationsGenerator

# Every kind of content the site has, in the order messages name them.
KINDS = (kinds.POST, kinds.PAGE, REPORT, EDITION, PROGRAMME)
# Set by tools/build/sitebuild.py, which validated before starting Pelican: the
# catalog it made, so the build does not read every file a second time.
CATALOG_KEY = "SITE_CATALOG"


def start_build(pelican) -> None:
    """`initialized`: the main site reads the settings, "now" and the content
    once, derives the languages' settings and registers every page.

    Subsites (same process, copied settings) find the state already there.
    """
    settings = pelican.settings
    if build_state.STATE_KEY in settings:
        return
    options = site_settings.read(settings, KINDS)
    main = next(iter(options["SITE_LANGUAGES"]))
    if settings["DEFAULT_LANG"] != main:
        raise site_settings.SettingsError(
            f"DEFAULT_LANG {settings['DEFAULT_LANG']!r}: expected {main!r}, the first "
            "language of SITE_LANGUAGES (the one served at the site root)"
        )
    catalog = settings.get(CATALOG_KEY)
    now = catalog.ctx.now if catalog is not None else build_state.fixed_now(options)
    state = build_state.BuildState(main_lang=main, options=options, now=now, kinds=KINDS)
    settings[build_state.STATE_KEY] = state
    if catalog is None:  # a plain `pelican` run: check here
        catalog = validation.collect(settings, KINDS, now)
    if catalog.errors:
        raise validation.ContentError(catalog.errors)
    state.catalog = catalog
    state.timer = catalog.timer  # validation's figures, then the build's
    languages.configure(settings, KINDS)
    state.siteurls = {main: settings["SITEURL"]}
    state.siteurls.update({lang: sub["SITEURL"] for lang, sub in settings["I18N_SUBSITES"].items()})
    registry.fill(state, settings)
    assets.prepare(pelican)
    languages.select(settings, state)


def get_generators(pelican):
    return [
        ConveningGenerator,
        ProgrammeGenerator,
        PublicationsGenerator,
        sitemap.SitemapGenerator,
        translation_status.TranslationStatusGenerator,
        deployment.DeploymentGenerator,
    ]


def install_reader(readers) -> None:
    """`readers_init`: Pelican reads only .md files, and reads them our way."""
    reader.read_only_markdown(readers)
    readers.reader_classes["md"] = reader.SiteMarkdownReader


def register():
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(languages.writer_for)
    signals.generator_init.connect(templating.install)
    signals.generator_init.connect(intrasite.register)
    signals.generator_init.connect(static_files.add_used_files)
    signals.readers_init.connect(install_reader)
    signals.static_generator_finalized.connect(static_files.share_with_main_site)
    signals.content_object_init.connect(publishing.hold_future)
    signals.content_object_init.connect(registry.key_content)
    signals.content_object_init.connect(imagesizes.add_to_content)
    signals.feed_generated.connect(feeds.fix_feed)
    signals.article_generator_finalized.connect(urls.freeze)
    signals.page_generator_finalized.connect(urls.freeze)
    signals.content_written.connect(urls.normalize_file)
    signals.feed_written.connect(urls.normalize_file)
