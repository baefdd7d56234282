"""sitemap.xml, with xhtml:link hreflang alternates, and robots.txt naming it.

Written from our own template by the main site, after the subsites ran, so
every language has registered its pages. (pelican-sitemap loses /en/ under
i18n_subsites: sitemap#48.)
"""

from __future__ import annotations

from pelican.generators import Generator

from . import languages
from . import state as build_state

# the 404 page; the translations' status page, for editors (translation_status.py)
NOT_IN_SITEMAP = {("path", "404.html"), ("path", "translations/")}


def entries(settings: dict) -> list[dict]:
    state = build_state.get(settings)
    keys: dict[tuple, dict[str, str]] = {}
    for lang, pages in state.pages.items():
        for key, record in pages.items():
            # hidden items are reachable by their address only: not listed here
            if record.listed and key not in NOT_IN_SITEMAP:
                keys.setdefault(key, {})[lang] = state.url(lang, record.path)
    result = []
    for key in sorted(keys, key=repr):
        versions = keys[key]
        alternates = [{"lang": lang, "url": url} for lang, url in sorted(versions.items())]
        if len(versions) > 1 and state.main_lang in versions:
            alternates.append({"lang": "x-default", "url": versions[state.main_lang]})
        for lang in sorted(versions):
            result.append(
                {
                    "loc": versions[lang],
                    "alternates": alternates if len(versions) > 1 else [],
                }
            )
    return sorted(result, key=lambda e: e["loc"])


class SitemapGenerator(Generator):
    """Writes sitemap.xml once, from the main language's run."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        if not languages.writes_site_files(self.settings, writer):
            return
        template = self.env.get_template("sitemap.xml")
        writer.write_file(
            "sitemap.xml",
            template,
            self.context,
            entries=entries(self.settings),
            relative_urls=False,
        )
        writer.write_file("robots.txt", self.env.get_template("robots.txt"), self.context)
