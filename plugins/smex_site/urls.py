"""The site's URLs: its base URL, any base path, and clean paths.

- `site_url()` checks and normalises SITE_URL (publishconf.py): an absolute
  http(s) URL, which may carry a path (a GitHub Pages project site is served
  at https://<org>.github.io/<repo>/), with or without a trailing slash;
  `onion_url()` the onion mirror's. Both refuse whatever could break out of
  an HTML attribute, an nginx line or a header (quotes, ; { } $, control
  characters): these values reach all three.
- `under_root()` puts a path an editor wrote root-relative (`Links: post
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


class SiteUrlError(ValueError):
    """SITE_URL cannot be the address of a published site."""


# Characters no setting may carry: C0 and C1 controls (a newline would start a
# new line in nginx.conf, a header or security.txt) and the line separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a path in SITE_URL or SITE_ONION_URL may hold: it reaches HTML
# attributes, nginx `location` lines and headers, so nothing that quotes,
# separates or starts a variable there (" ' ; { } $ < > space ...).
PATH_CHARS = "letters, digits and . _ ~ / - (and %XX escapes)"
URL_PATH = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*")
HOST = re.compile(
    r"(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?"
)
ONION = re.compile(r"(https?)://([a-z2-7]{56})\.onion(/.*)?", re.DOTALL)


def control_character(value: str) -> str | None:
    """'a newline (U+000A) at character 12', or None when there is none."""
    found = CONTROL.search(value)
    if not found:
        return None
    names = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab"}
    char = found.group()
    name = names.get(char, "a control character")
    return f"{name} (U+{ord(char):04X}) at character {found.start() + 1}"


def path_problem(path: str) -> str | None:
    """Why `path` may not be a site's path, or None."""
    if URL_PATH.fullmatch(path):
        return None
    bad = sorted({c for c in re.sub(r"%[0-9A-Fa-f]{2}", "", path) if not URL_PATH.fullmatch(c)})
    shown = " ".join("space" if c == " " else c for c in bad) or "a % without two hex digits"
    return f"has characters its path may not hold ({shown}); a path holds only {PATH_CHARS}"


def site_url(value: str, setting: str = "SITE_URL") -> str:
    """`value` without its trailing slash, or SiteUrlError saying what to write."""
    text = str(value or "")
    parts = urlsplit(text)
    if control := control_character(text):
        problem = f"contains {control}"
    elif text != text.strip():
        problem = "has spaces around it"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "is not an absolute http(s) URL"
    elif "?" in text or "#" in text or "\\" in text or any(c.isspace() for c in text):
        problem = "may not carry a query, a fragment, a backslash or spaces"
    elif not HOST.fullmatch(parts.netloc):
        problem = "has a host that is not a plain name or address (no user@, no quotes)"
    elif path := path_problem(parts.path):
        problem = path
    else:
        return text.rstrip("/")
    raise SiteUrlError(
        f"{setting}: {value!r} {problem}. Write the address the site is served at, "
        f"with scheme and host, e.g. {setting}=https://example.org or, for a site "
        f"under a path, {setting}=https://example.org/smex-site"
    )


def onion_url(value: str, setting: str = "SITE_ONION_URL") -> str:
    """An onion mirror's address without its trailing slash, or SiteUrlError.

    Checked on the raw text: urlsplit() drops a newline before a later check
    could see it."""
    text = str(value)
    match = ONION.fullmatch(text)
    if control := control_character(text):
        problem = f"contains {control}"
    elif not match:
        problem = "is not an onion address"
    elif path := path_problem(match[3] or ""):
        problem = f"is an onion address but {path}"
    else:
        return text.rstrip("/")
    raise SiteUrlError(
        f"{setting}: {value!r} {problem}; expected http://<56 letters a-z and digits "
        "2-7>.onion, optionally with a path, e.g. http://" + "a" * 56 + ".onion, or leave it unset"
    )


# RFC 9116 Contact: a URI; these are the forms it names. Each pattern admits
# no quote, space or control character, so a contact is one line of
# security.txt and nothing else.
CONTACT_FORMS = {
    "mailto:": re.compile(r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "tel:": re.compile(r"tel:\+?[0-9][0-9().-]*"),
}


def contact_problem(contact: str, setting: str) -> str | None:
    """What is wrong with a security.txt Contact (SITE_SECURITY_CONTACT), if anything."""
    if control := control_character(contact):
        return f"contains {control}"
    if contact.startswith("https://"):
        try:
            site_url(contact, setting)
        except SiteUrlError:
            return (
                "is not a plain https address (a host, then a path of letters, digits "
                "and . _ ~ / -; no query)"
            )
        return None
    for scheme, form in CONTACT_FORMS.items():
        if contact.startswith(scheme):
            return None if form.fullmatch(contact) else f"is not a plain {scheme} URI"
    return "is not a URI RFC 9116 allows (http: is not; mailto:, https: or tel:)"


def base_path(siteurl: str) -> str:
    """'/' for a site at the root of its host, else '/smex-site/'."""
    path = urlsplit(siteurl).path.strip("/")
    return f"/{path}/" if path else "/"


def under_root(state, url: str) -> str:
    """A root-relative path an editor wrote (/news/x/), under the site's URL
    (state: the build state); any other URL unchanged. The editor writes paths
    as the site's own (/en/... for English), whatever base path the site is
    published under."""
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
