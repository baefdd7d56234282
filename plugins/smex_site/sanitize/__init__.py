"""What HTML may reach a visitor: the allowlist, decided once, here.

The site promises its readers no script, no request to another host and a
strict Content-Security-Policy. Markdown passes raw HTML through, and its
links take any URL, so every text the site publishes goes through this
module. One allowlist (TAGS, GLOBAL_ATTRIBUTES, the URL rules below) serves
three uses; docs/html-in-markdown.md explains it to editors.

Editors' files: refused, never silently changed (validation stops the build)

    find_problems(text, first_line=1, markdown_config=None) -> list[Finding]
        Every piece of HTML in a Markdown text outside the allowlist: tags
        (<script>, <iframe>, <style>, <form>, <meta http-equiv="refresh">…),
        attributes (on…= handlers, style=, class=), script and data URLs in
        HTML and in Markdown links ([x](javascript:…)), images from other
        hosts, attribute lists ({: onclick=…}), HTML comments (published in
        the page source), table column alignment (written as style=). Each
        Finding has the line in the file and a message saying the safe way to
        write it. Code spans and code blocks are text, never flagged. A text
        with raw HTML or an attribute list is also rendered with the site's
        Markdown configuration (`markdown_config`, Pelican's MARKDOWN setting)
        and the result checked, so what Markdown really publishes is what
        counts (an HTML block, a list item); a text of plain Markdown is
        checked in its source only, which keeps validation fast.

Imported data written by strangers (the convening programme): removed

    render_untrusted(text) -> str                                (untrusted.py)
        Markdown to safe HTML: raw HTML is escaped (shown as text), links go
        only to http(s) and mailto (rel="nofollow noopener noreferrer ugc"),
        no image is loaded (a link to it instead), headings start at h3, and
        nh3 keeps only UNTRUSTED_TAGS.
    clean(html, site_url="") -> str
        An HTML fragment with everything outside the allowlist removed (nh3,
        the Ammonia sanitiser): unknown tags are unwrapped (script, style and
        the like lose their content too), unknown attributes and ids dropped,
        only http, https, mailto and tel URLs kept, remote images turned into
        links, links to other hosts given rel="nofollow noopener noreferrer".

Summaries: Pelican renders `Summary:` as Markdown into feeds and pages. Its
raw HTML is escaped before (textmeta.py); validation runs find_problems() on
it, and the reader passes the rendered summary through clean().

`site_url` is the site's own absolute address (SITEURL); links that start
with it are not "other hosts".

Smaller helpers, for whoever needs the same rules:

    url_scheme(url) -> str | None     the scheme a browser would see, or None for a path
    is_remote(url) -> bool            http(s): or //: a URL that reaches another host
    link_problem(url), image_problem(url) -> (key, message) | None
    render(text, markdown_config=None) -> str   the site's Markdown, as Pelican renders it
"""

from __future__ import annotations

from .clean import clean
from .find import DEFAULT_MARKDOWN, find_problems, render
from .policy import (
    CODE_LANGUAGE_CLASS,
    DIR_VALUES,
    DROP_WITH_CONTENT,
    EXTERNAL_REL,
    GLOBAL_ATTRIBUTES,
    LINK_SCHEMES,
    MARKDOWN_ONLY_ATTRIBUTES,
    MARKDOWN_WRITES_ATTRIBUTES,
    MARKDOWN_WRITES_CLASSES,
    MARKDOWN_WRITES_TAGS,
    TAG_ADVICE,
    TAGS,
    Finding,
    image_problem,
    is_remote,
    link_problem,
    url_scheme,
)
from .source import mask_code
from .untrusted import UNTRUSTED_TAGS, render_untrusted, web_url

__all__ = [
    "CODE_LANGUAGE_CLASS",
    "DEFAULT_MARKDOWN",
    "DIR_VALUES",
    "DROP_WITH_CONTENT",
    "EXTERNAL_REL",
    "GLOBAL_ATTRIBUTES",
    "LINK_SCHEMES",
    "MARKDOWN_ONLY_ATTRIBUTES",
    "MARKDOWN_WRITES_ATTRIBUTES",
    "MARKDOWN_WRITES_CLASSES",
    "MARKDOWN_WRITES_TAGS",
    "TAGS",
    "TAG_ADVICE",
    "UNTRUSTED_TAGS",
    "Finding",
    "clean",
    "find_problems",
    "image_problem",
    "is_remote",
    "link_problem",
    "mask_code",
    "render",
    "render_untrusted",
    "url_scheme",
    "web_url",
]
