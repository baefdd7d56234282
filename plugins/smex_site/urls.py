"""The site's URLs: its base URL, any base path, and clean paths.

- `site_url()` checks and normalises SITE_URL (publishconf.py): an absolute
  http(s) URL, which may carry a path (a GitHub Pages project site is served
  at https://<org>.github.io/<repo>/), with or without a trailing slash.
- `under_site()` puts a path an editor wrote root-relative (`Links: post
  /news/x/`) under that URL, so it still resolves below a base path.
- `normalize_urls()` collapses `/en/../x` into `/x`: i18n_subsites links the
  English subsite to the main site's static files with such URLs (#333,
  #537); browsers resolve them, but they are wrong in feeds, sitemaps and to
  link checkers.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from . import state as build_state


class SiteUrlError(ValueError):
    """SITE_URL cannot be the address of a published site."""


def site_url(value: str, setting: str = "SITE_URL") -> str:
    """`value` without its trailing slash, or SiteUrlError saying what to write."""
    text = (value or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "is not an absolute http(s) URL"
    elif parts.query or parts.fragment or "\\" in text or any(c.isspace() for c in text):
        problem = "may not carry a query, a fragment, a backslash or spaces"
    else:
        return text.rstrip("/")
    raise SiteUrlError(
        f"{setting}: {value!r} {problem}. Write the address the site is served at, "
        f"with scheme and host, e.g. {setting}=https://example.org or, for a site "
        f"under a path, {setting}=https://example.org/smex-site"
    )


def base_path(siteurl: str) -> str:
    """'/' for a site at the root of its host, else '/smex-site/'."""
    path = urlsplit(siteurl).path.strip("/")
    return f"/{path}/" if path else "/"


def under_site(settings: dict, url: str) -> str:
    """A root-relative path an editor wrote (/news/x/), under the site's URL;
    any other URL unchanged. The editor writes paths as the site's own
    (/en/... for English), whatever base path the site is published under."""
    return under_root(build_state.get(settings), url)


def under_root(state, url: str) -> str:
    if not url.startswith("/") or url.startswith("//"):
        return url
    return state.siteurls.get(state.main_lang, "") + url


# A URL path (root-relative or absolute) containing a "/../" or "/./" segment.
DOTTED_URL = re.compile(
    r"(?P<prefix>(?:https?://[^/\s\"'<>]+)?)(?P<path>/[^\s\"'<>()?#]*?/\.\.?/[^\s\"'<>()?#]*)"
)
TEXT_SUFFIXES = {".html", ".xml", ".css", ".json", ".txt", ".ics"}


def normalize_urls(text: str) -> str:
    def fix(match: re.Match) -> str:
        path = match["path"]
        fixed = posixpath.normpath(path)
        if path.endswith("/") and not fixed.endswith("/"):
            fixed += "/"
        return match["prefix"] + fixed

    return DOTTED_URL.sub(fix, text)


def normalize_file(path, *args, **kwargs) -> None:
    """content_written / feed_written receiver."""
    file = Path(path)
    if file.suffix not in TEXT_SUFFIXES or not file.is_file():
        return
    text = file.read_text(encoding="utf-8")
    if "/./" not in text and "/../" not in text:  # the usual case: nothing to fix
        return
    fixed = normalize_urls(text)
    if fixed != text:
        file.write_text(fixed, encoding="utf-8")


# The lists of Pelican's article and page generators that hold content
# objects (freeze() below, and the live preview, which finds an edited file's).
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def freeze(generator) -> None:
    """`article_generator_finalized` / `page_generator_finalized`: each item's URL
    is final once its generator is done, so work it out once. Pelican formats
    it again on every use (a list page asks for 20 of them; a 1,000-post site
    asked 35,000 times), and i18n_subsites keeps setting its own overrides."""
    for name in CONTENT_LISTS:
        for content in getattr(generator, name, ()):
            if not hasattr(content, "override_url"):
                content.override_url = content.url
