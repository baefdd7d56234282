"""The allowlist, the messages that say what to write instead, and the URL rules."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# --- the allowlist -----------------------------------------------------------------

# Tags an editor may write as HTML in a Markdown text, and their attributes.
_HEADING = {"id"}  # an anchor to link to: [see below](#methods)
TAGS: dict[str, frozenset[str]] = {
    name: frozenset(attributes)
    for name, attributes in {
        "a": {"href", "title", "hreflang"},
        "abbr": {"title"},
        "b": (),
        "bdi": (),
        "bdo": (),
        "blockquote": (),
        "br": (),
        "caption": (),
        "cite": (),
        "code": (),
        "dd": (),
        "del": (),
        "details": {"open"},
        "dfn": (),
        "div": (),
        "dl": (),
        "dt": (),
        "em": (),
        "figcaption": (),
        "figure": (),
        "h2": _HEADING,
        "h3": _HEADING,
        "h4": _HEADING,
        "h5": _HEADING,
        "h6": _HEADING,
        "hr": (),
        "i": (),
        "img": {"src", "alt", "width", "height"},
        "ins": (),
        "kbd": (),
        "li": (),
        "mark": (),
        "ol": {"start", "reversed"},
        "p": (),
        "pre": (),
        "q": (),
        "s": (),
        "samp": (),
        "small": (),
        "span": (),
        "strong": (),
        "sub": (),
        "summary": (),
        "sup": (),
        "table": (),
        "tbody": (),
        "td": {"colspan", "rowspan"},
        "tfoot": (),
        "th": {"colspan", "rowspan", "scope"},
        "thead": (),
        "time": {"datetime"},
        "tr": (),
        "u": (),
        "ul": (),
        "var": (),
        "wbr": (),
    }.items()
}
# On every allowed tag: the direction and language of a passage (an English
# quotation in an Arabic text: <span dir="ltr" lang="en">…</span>).
GLOBAL_ATTRIBUTES = frozenset({"dir", "lang"})
DIR_VALUES = frozenset({"rtl", "ltr", "auto"})
# md_in_html reads and removes markdown="1"; it never reaches the page.
MARKDOWN_ONLY_ATTRIBUTES = frozenset({"markdown"})

# What our Markdown extensions write themselves (extra, toc): allowed in the
# rendered text, not in an editor's HTML. A new extension adds its output here.
MARKDOWN_WRITES_TAGS: dict[str, frozenset[str]] = {"h1": frozenset({"id"})}
MARKDOWN_WRITES_ATTRIBUTES: dict[str, frozenset[str]] = {
    **{f"h{level}": frozenset({"id"}) for level in range(1, 7)},  # toc, on every heading
    "img": frozenset({"title"}),  # ![alt](src "title")
    "sup": frozenset({"id"}),  # footnotes
    "li": frozenset({"id"}),
}
MARKDOWN_WRITES_CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"footnote-ref", "footnote-backref"}),
    "div": frozenset({"footnote", "toc"}),
}
CODE_LANGUAGE_CLASS = re.compile(r"^language-[\w#.+-]+$")  # ```python

# URLs: links may go to web pages, e-mail and phone numbers; anything with
# another scheme (javascript:, data:, vbscript:, file:…) is refused. Images
# come from this site only: a path, or {static}/images/….
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
EXTERNAL_REL = "nofollow noopener noreferrer"

# Tags whose content goes with them when clean() removes them.
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "noscript", "iframe", "object", "embed", "template", "textarea",
     "title", "xmp", "noembed", "noframes", "svg", "math", "select", "applet"}
)  # fmt: skip

# --- messages: what to write instead -----------------------------------------------

_WRITE_LINK = "write a Markdown link instead: [what it is](https://…)"
_ASK = "or ask a developer to add a component"
TAG_ADVICE: dict[str, str] = {}
for _names, _advice in (
    (
        "script noscript",
        (
            "scripts cannot run in a text (the site's Content-Security-Policy blocks them); "
            f"delete it, {_ASK}"
        ),
    ),
    (
        "iframe frame frameset embed object applet portal",
        (
            f"embedded pages and players are not allowed: the site loads nothing from other "
            f"hosts; {_WRITE_LINK}, e.g. [Watch the talk](https://…)"
        ),
    ),
    (
        "video audio source track picture canvas",
        f"media players are not allowed in a text; link the recording: [Listen](…), {_ASK}",
    ),
    (
        "svg math",
        (
            "drawings cannot be written into a text; save the drawing in content/images/ "
            "and write ![what it shows]({static}/images/name.svg)"
        ),
    ),
    (
        "style link",
        (
            "styles cannot be written in a text: the site's stylesheet sets the look; use "
            f"Markdown (**bold**, *italic*), {_ASK}"
        ),
    ),
    (
        "base head body html title",
        (
            "page-level tags cannot be written in a text (the site writes the page around it); "
            "delete it"
        ),
    ),
    (
        "form input button select textarea option optgroup label fieldset legend output datalist",
        f"forms are not allowed in a text; link to the form: [Register](https://…), {_ASK}",
    ),
    (
        "font center marquee blink big tt strike nobr",
        (
            "presentational HTML is not allowed; write **bold** or *italic*, and leave the look "
            "to the stylesheet"
        ),
    ),
):
    for _name in _names.split():
        TAG_ADVICE[_name] = _advice

_REMOTE_IMAGE = (
    "the site loads nothing from other hosts, so images come from this site: save the "
    "image in content/images/ and write ![what it shows]({static}/images/name.jpg) "
    "(to credit the original, add a link: [source](https://…))"
)
_DATA_IMAGE = (
    "an image written into the text (data:) is not allowed; save it in content/images/ "
    "and write ![what it shows]({static}/images/name.png)"
)


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    what: str  # a key: "tag:script", "attr:onclick", "url:javascript", "image:remote"…


# --- URLs ---------------------------------------------------------------------------

# Browsers drop ASCII tabs and newlines anywhere in a URL, and leading or
# trailing controls and spaces; Markdown unescapes \: (extra's escapes).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f\\]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_PLACEHOLDER = re.compile(r"^[{|](filename|static|attach|tag|category|index|author)[}|]")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lowercase), or None for a path."""
    seen = _URL_NOISE.sub("", html.unescape(url)).lower()
    if _PLACEHOLDER.match(seen):
        return None
    found = _SCHEME.match(seen)
    return found.group(1) if found else None


def is_remote(url: str) -> bool:
    """A URL that reaches another host (or might): http(s):, or protocol-relative //."""
    seen = _URL_NOISE.sub("", html.unescape(url).replace("\\", "/"))
    return url_scheme(url) in ("http", "https") or seen.startswith("//")


def link_problem(url: str) -> tuple[str, str] | None:
    """(what, message) for a link target that must not be published, or None."""
    scheme = url_scheme(url)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    if scheme in ("javascript", "vbscript"):
        why = "runs script when clicked"
    elif scheme == "data":
        why = "carries a whole document inside the link"
    else:
        why = "is not a web page, an e-mail address or a phone number"
    return (
        f"url:{scheme}",
        (
            f"a {scheme}: link {why}, and is not allowed; link to a page: "
            "[text](https://…) or [text]({filename}/…/other-post.md); mailto: and tel: work too"
        ),
    )


def image_problem(url: str) -> tuple[str, str] | None:
    """(what, message) for an image source that must not be published, or None."""
    scheme = url_scheme(url)
    if scheme == "data":
        return "image:data", f"an image from a data: URL: {_DATA_IMAGE}"
    if is_remote(url):
        shown = " ".join(url.split())[:60]
        return "image:remote", f"an image from another host ({shown}): {_REMOTE_IMAGE}"
    if scheme is not None:
        return f"url:{scheme}", f"an image from a {scheme}: URL: {_REMOTE_IMAGE}"
    return None
