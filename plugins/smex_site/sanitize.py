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

    render_untrusted(text, site_url="") -> str
        Markdown to safe HTML: raw HTML is escaped (shown as text), script and
        data links lose their target, images from other hosts become plain
        links to them, links to other hosts get rel="nofollow noopener
        noreferrer". The result has passed clean().
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

import copy
import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markdown import Extension, Markdown
from markdown.extensions.attr_list import get_attrs
from markdown.extensions.fenced_code import FencedBlockPreprocessor

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
        "scripts cannot run in a text (the site's Content-Security-Policy blocks them); "
        f"delete it, {_ASK}",
    ),
    (
        "iframe frame frameset embed object applet portal",
        f"embedded pages and players are not allowed: the site loads nothing from other "
        f"hosts; {_WRITE_LINK}, e.g. [Watch the talk](https://…)",
    ),
    (
        "video audio source track picture canvas",
        f"media players are not allowed in a text; link the recording: [Listen](…), {_ASK}",
    ),
    (
        "svg math",
        "drawings cannot be written into a text; save the drawing in content/images/ "
        "and write ![what it shows]({static}/images/name.svg)",
    ),
    (
        "style link",
        "styles cannot be written in a text: the site's stylesheet sets the look; use "
        f"Markdown (**bold**, *italic*), {_ASK}",
    ),
    (
        "base head body html title",
        "page-level tags cannot be written in a text (the site writes the page around it); "
        "delete it",
    ),
    (
        "form input button select textarea option optgroup label fieldset legend output datalist",
        f"forms are not allowed in a text; link to the form: [Register](https://…), {_ASK}",
    ),
    (
        "font center marquee blink big tt strike nobr",
        "presentational HTML is not allowed; write **bold** or *italic*, and leave the look "
        "to the stylesheet",
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
        f"a {scheme}: link {why}, and is not allowed; link to a page: "
        "[text](https://…) or [text]({filename}/…/other-post.md); mailto: and tel: work too",
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


# --- HTML, tag by tag -------------------------------------------------------------


class _Policy:
    """Allowed tags and attributes: the editor's (raw HTML) or the rendered text's."""

    def __init__(self, rendered: bool):
        self.rendered = rendered
        self.tags = dict(TAGS)
        if rendered:
            self.tags.update(MARKDOWN_WRITES_TAGS)
            for tag, extra in MARKDOWN_WRITES_ATTRIBUTES.items():
                self.tags[tag] = self.tags.get(tag, frozenset()) | extra

    def tag_problems(self, tag: str, attrs: list[tuple[str, str | None]]):
        """(what, message) for each thing wrong with one start tag."""
        if tag not in self.tags:
            if tag == "meta" and any(
                (n or "").lower() == "http-equiv" and (v or "").strip().lower() == "refresh"
                for n, v in attrs
            ):
                yield (
                    "tag:meta",
                    '<meta http-equiv="refresh">: a redirect is not allowed (no security '
                    "policy stops it); write a link to the new page: [the new page](…)",
                )
                return
            advice = TAG_ADVICE.get(
                tag,
                "it is not in the HTML a text may use (docs/html-in-markdown.md); write "
                f"it in Markdown, {_ASK}",
            )
            yield f"tag:{tag}", f"<{tag}>: {advice}"
            return
        allowed = self.tags[tag] | GLOBAL_ATTRIBUTES
        for raw_name, raw_value in attrs:
            name, value = raw_name.lower(), raw_value or ""
            if name in allowed:
                yield from self.value_problems(tag, name, value)
                continue
            if self.rendered and name == "class" and self.class_allowed(tag, value):
                continue  # footnotes, code languages: written by Markdown itself
            if not self.rendered and name in MARKDOWN_ONLY_ATTRIBUTES:
                continue
            yield f"attr:{name}", f"{name}= on <{tag}>: {_attribute_advice(tag, name, allowed)}"

    def class_allowed(self, tag: str, value: str) -> bool:
        classes = value.split()
        if tag == "code":
            return all(CODE_LANGUAGE_CLASS.match(c) for c in classes)
        return all(c in MARKDOWN_WRITES_CLASSES.get(tag, ()) for c in classes)

    def value_problems(self, tag: str, name: str, value: str):
        if name == "href":
            found = link_problem(value)
            if found:
                yield found
        elif name == "src":
            found = image_problem(value)
            if found:
                yield found
        elif name == "dir" and value.strip().lower() not in DIR_VALUES:
            yield "attr:dir", f'dir="{value}" on <{tag}>: dir= takes rtl, ltr or auto'
        elif name in ("width", "height") and not value.strip().isdigit():
            yield (
                f"attr:{name}",
                f'{name}="{value}" on <{tag}>: write a number of pixels, e.g. {name}="640"',
            )


def _attribute_advice(tag: str, name: str, allowed: frozenset[str]) -> str:
    if name.startswith("on"):
        return f"an event handler runs script, which the site does not allow; delete it, {_ASK}"
    if name == "style":
        return (
            "styles are not allowed (the site's Content-Security-Policy blocks them); delete "
            f"it and leave the look to the stylesheet, {_ASK}"
        )
    if name == "class":
        return f"the look comes from the site's components; delete it, {_ASK}"
    if name == "id":
        return 'only headings take an id (<h2 id="…">, or ## Heading {: #name }); delete it'
    return f"not allowed; <{tag}> may take {', '.join(sorted(allowed))}"


class _TagScanner(HTMLParser):
    """Every start tag, comment and declaration, with its line (html.parser)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list]] = []  # (line, tag, attrs)
        self.other: list[tuple[int, str, str]] = []  # (line, what, message)

    def handle_starttag(self, tag, attrs):
        self.found.append((self.getpos()[0], tag.lower(), attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.other.append(
            (
                self.getpos()[0],
                "comment",
                "<!-- a comment -->: comments are published in the page source, where anyone "
                "can read them; delete it, and keep notes outside the file",
            )
        )

    def _declaration(self, data):
        self.other.append(
            (
                self.getpos()[0],
                "declaration",
                f"<!{data[:20]}> or <?…>: not allowed in a text; delete it",
            )
        )

    handle_decl = unknown_decl = handle_pi = _declaration


def _html_findings(text: str, policy: _Policy) -> list[tuple[int, str, str]]:
    """(line within text, what, message) for the HTML in `text`."""
    scanner = _TagScanner()
    scanner.feed(text)
    scanner.close()
    found = list(scanner.other)
    for line, tag, attrs in scanner.found:
        found.extend((line, what, message) for what, message in policy.tag_problems(tag, attrs))
    return found


# --- Markdown source: what is code, where the links are ----------------------------

_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]+")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")
# The target of [text](target): up to a space or ), or all of <target>.
_LINK_START = re.compile(r"\]\(\s*(?:<([^<>]*)>|([^\s)]*))")
# [label]: target, also indented in a list item or quoted (> [label]: …).
_REF_DEF = re.compile(r"^[ \t>]*\[([^\[\]]*)\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.MULTILINE)
_REF_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:[ ]?\[([^\[\]]*)\])?")
# Attribute lists ({: #id }, {: onclick=… }): at the end of a line, after an
# inline element, or on a fence's opening line.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\}\n]*)[ ]*\}")
_INTRASITE = re.compile(r"\{(?:filename|static|attach|tag|category|index|author)\}")
_TABLE_DELIMITER = re.compile(r"^[ ]{0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _blank(segment: str) -> str:
    """The same number of characters and lines, with nothing in them."""
    return re.sub(r"[^\n]", " ", segment)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span blanked."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in sorted(spans):
        parts += [text[last:start], _blank(text[start:end])]
        last = end
    parts.append(text[last:])
    return "".join(parts)


_MAY_BE_INDENTED_CODE = re.compile(r"(?:^|\n)(?: {4}|\t)")


def mask_code(text: str) -> str:
    """`text` with code blocks and code spans blanked (same offsets and lines)."""
    masked = text
    if "```" in text or "~~~" in text:
        masked = _blanked(text, [(m.start("code"), m.end("code")) for m in _FENCED.finditer(text)])
    if _MAY_BE_INDENTED_CODE.search(masked):
        # Indented code: after a blank line, outside a list (where an indented
        # line continues the item and is not code).
        spans = []
        offset = 0
        previous_blank, in_list, in_code = True, False, False
        for line in masked.split("\n"):
            if not line.strip():
                previous_blank = True
            elif _INDENTED.match(line) and (in_code or (previous_blank and not in_list)):
                spans.append((offset, offset + len(line)))
                in_code, previous_blank = True, False
            else:
                if _LIST_ITEM.match(line):
                    in_list = True
                elif previous_blank and not _INDENTED.match(line):
                    in_list = False
                in_code, previous_blank = False, False
            offset += len(line) + 1
        masked = _blanked(masked, spans)
    if "`" in masked:
        # Code spans never cross a blank line (they live inside one block).
        spans = []
        offset = 0
        for block in re.split(r"(\n[ \t]*\n)", masked):
            spans += [(offset + m.start(2), offset + m.end(2)) for m in _CODE_SPAN.finditer(block)]
            offset += len(block)
        masked = _blanked(masked, spans)
    return masked


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _markdown_findings(masked: str) -> tuple[list[tuple[int, str, str]], bool]:
    """Links, images, attribute lists and table alignment in Markdown syntax;
    and whether an image's source could not be told for sure (then the
    rendered text decides)."""
    found = []
    unsure = False
    references = {}
    for match in _REF_DEF.finditer(masked):
        label, url = match.group(1).strip().lower(), match.group(2)
        references[label] = url
        # a reference an image may use, with a URL that is not a path
        unsure = unsure or ("![" in masked and url_scheme(url) is not None)
        problem = link_problem(url)
        if problem:
            found.append((_line_at(masked, match.start(2)), *problem))
    for match in _LINK_START.finditer(masked):
        url = match.group(1) if match.group(1) is not None else match.group(2)
        bracket = _opening_bracket(masked, match.start())
        image = bracket > 0 and masked[bracket - 1] == "!"
        unsure = unsure or (bracket < 0 and "![" in masked)
        problem = image_problem(url) if image else link_problem(url)
        if problem:
            found.append((_line_at(masked, match.end() - len(url)), *problem))
    for match in _REF_IMAGE.finditer(masked):
        after = masked[match.end() : match.end() + 1]
        if match.group(2) is None and after == "(":
            continue  # an inline image, checked above
        label = (match.group(2) or match.group(1)).strip().lower()
        if label in references:
            problem = image_problem(references[label])
            if problem:
                found.append((_line_at(masked, match.start()), *problem))
    for match in _AUTOLINK.finditer(masked):
        problem = link_problem(match.group(1))
        if problem:
            found.append((_line_at(masked, match.start()), *problem))
    for match in _ATTR_LIST.finditer(masked):
        if _INTRASITE.fullmatch(match.group(0)):
            continue
        line_end = masked.find("\n", match.end())
        rest = masked[match.end() : len(masked) if line_end < 0 else line_end]
        before = masked[match.start() - 1 : match.start()] if match.start() else ""
        at_line_end = not rest.strip()
        after_inline = before in (")", "*", "_", "`", "]")
        if not (at_line_end or after_inline):
            continue
        for name, value in get_attrs(match.group(1)):
            if name == "id":
                continue  # {: #anchor }, as on a heading
            shown = f".{value}" if name == "." else name
            what = "attr:class" if name == "." else f"attr:{name.lower()}"
            advice = _attribute_advice(
                "element", "class" if name == "." else name.lower(), frozenset({"id"})
            )
            found.append(
                (
                    _line_at(masked, match.start()),
                    what,
                    f"{{: {shown} }} (an attribute list): {advice}",
                )
            )
    aligned = "|" in masked and (":-" in masked or "-:" in masked)
    for index, line in enumerate(masked.split("\n") if aligned else (), start=1):
        if "|" in line and _TABLE_DELIMITER.match(line) and ":" in line:
            found.append(
                (
                    index,
                    "attr:style",
                    "a table column aligned with : (:--- or ---:) is written with style=, "
                    "which the site's Content-Security-Policy blocks; remove the colons from "
                    "this line (columns follow the direction of the text)",
                )
            )
    return found, unsure


def _opening_bracket(text: str, close: int, window: int = 2000) -> int:
    """Index of the [ matching the ] at `close`, or -1 (not within `window`:
    a longer image text is left to the check of the rendered text)."""
    depth = 0
    for index in range(close, max(close - window, 0) - 1, -1):
        char = text[index]
        if char == "]" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "[" and (index == 0 or text[index - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n" and index + 1 < len(text) and text[index + 1] == "\n":
            return -1  # a link text does not cross a blank line
    return -1


# --- rendering ----------------------------------------------------------------------

DEFAULT_MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
_renderers: dict[str, Markdown] = {}


def _renderer(config: dict | None) -> Markdown:
    """One Markdown instance per configuration (Pelican's MARKDOWN, without meta)."""
    config = copy.deepcopy(config or DEFAULT_MARKDOWN)
    key = json.dumps(config, sort_keys=True, default=str)
    if key not in _renderers:
        options = {k: v for k, v in config.items() if k not in ("extensions", "extension_configs")}
        configs = {
            name: value
            for name, value in config.get("extension_configs", {}).items()
            if not name.endswith(".meta")
        }
        extensions = [e for e in config.get("extensions", []) if not str(e).endswith(".meta")]
        extensions += [name for name in configs if name not in extensions]
        _renderers[key] = Markdown(extensions=extensions, extension_configs=configs, **options)
    return _renderers[key]


def render(text: str, markdown_config: dict | None = None) -> str:
    """`text` as the site's Markdown would publish it."""
    renderer = _renderer(markdown_config)
    renderer.reset()
    return renderer.convert(text)


# Where a finding from the rendered text is in the source: its first mention.
def _locate(text: str, masked: str, what: str) -> int | None:
    kind, _, name = what.partition(":")
    needle = {
        "tag": rf"<\s*{re.escape(name)}\b",
        "attr": rf"\b{re.escape(name)}\s*=" if name != "class" else r"\bclass\s*=|\{[^}\n]*\.",
        "url": rf"{re.escape(name)}\s*:",
        "image": r"(?:!\[[^\]]*\]\(\s*<?|\bsrc\s*=\s*[\"']?|\]:\s*)\s*(?:https?:)?//"
        if name == "remote"
        else r"data\s*:",
        "comment": r"<!--",
        "declaration": r"<[!?]",
    }.get(kind)
    if needle is None:
        return None
    pattern = re.compile(needle, re.IGNORECASE)
    for source in (masked, text):  # outside code first
        found = pattern.search(source)
        if found:
            return _line_at(source, found.start())
    return None


def _needs_rendering(text: str) -> bool:
    """Raw HTML (<) and attribute lists ({…}) are checked in the rendered text
    too: Markdown decides what they become. Links and images are checked in
    the source (rendering every text would triple a large site's validation)."""
    return "<" in text or "{" in _INTRASITE.sub("", text)


def find_problems(
    text: str, first_line: int = 1, markdown_config: dict | None = None
) -> list[Finding]:
    """Every piece of HTML in a Markdown text outside the allowlist, with its line.

    `first_line` is the line of the file where `text` starts; `markdown_config`
    the site's MARKDOWN setting (default: the extensions pelicanconf.py uses).
    """
    masked = mask_code(text)
    source = _html_findings(_hide_autolinks(masked), _Policy(rendered=False))
    in_markdown, unsure = _markdown_findings(masked)
    source += in_markdown
    source_keys = {what for _, what, _ in source}
    published: list[tuple[int, str, str]] = []
    if unsure or _needs_rendering(text):
        rendered = _html_findings(render(text, markdown_config), _Policy(rendered=True))
        rendered_keys = {what for _, what, _ in rendered}
        # Markdown decides what is code and what is HTML: a source finding it
        # did not publish (an HTML example in a code block) is not a problem.
        source = [finding for finding in source if finding[1] in rendered_keys]
        for _, what, message in rendered:
            if what not in source_keys:
                line = _locate(text, masked, what) or 1
                published.append((line, what, message))
                source_keys.add(what)
    findings = {
        Finding(first_line + line - 1, message, what): None
        for line, what, message in sorted(source + published, key=lambda f: f[0])
    }
    return list(findings)


def _hide_autolinks(masked: str) -> str:
    """<https://…> and <name@example.org> are Markdown links, not tags."""
    masked = _AUTOLINK.sub(lambda m: _blank(m.group(0)), masked)
    return _AUTOMAIL.sub(lambda m: _blank(m.group(0)), masked)


# --- cleaning what strangers wrote ------------------------------------------------


def _clean_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "dir" and value.strip().lower() not in DIR_VALUES:
        return None
    if name in ("width", "height") and not value.strip().isdigit():
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS) - DROP_WITH_CONTENT,
    clean_content_tags=set(DROP_WITH_CONTENT),
    # No ids: they would clash with the page's own, and could hijack its anchors.
    attributes={
        "*": set(GLOBAL_ATTRIBUTES),
        **{tag: set(attributes - {"id"}) for tag, attributes in TAGS.items()},
    },
    attribute_filter=_clean_attribute,
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,  # added below, to links that leave the site only
    strip_comments=True,
)
_CLEAN_TAG = re.compile(r"<(a|img)\b([^>]*)>")
_CLEAN_ATTRIBUTE = re.compile(r'([^\s="]+)="([^"]*)"')


def clean(fragment: str, site_url: str = "") -> str:
    """`fragment` with everything outside the allowlist removed (see the module doc)."""
    cleaned = _CLEANER.clean(fragment)
    if "<a" not in cleaned and "<img" not in cleaned:
        return cleaned

    def external(url: str) -> bool:
        return is_remote(url) and not (site_url and url.startswith(site_url.rstrip("/") + "/"))

    def fix(match: re.Match) -> str:
        # nh3's output is canonical: quoted values, with < > " & escaped.
        tag, attributes = match.group(1), dict(_CLEAN_ATTRIBUTE.findall(match.group(2)))
        url = html.unescape(attributes.get("href" if tag == "a" else "src", ""))
        if tag == "a":
            if url and external(url):
                return match.group(0)[:-1] + f' rel="{EXTERNAL_REL}">'
            return match.group(0)
        if not url:
            return ""  # its source was not allowed (data:, javascript:…)
        if is_remote(url):
            text = html.unescape(attributes.get("alt", "")) or url
            return f'<a href="{html.escape(url)}" rel="{EXTERNAL_REL}">{html.escape(text)}</a>'
        return match.group(0)

    return _CLEAN_TAG.sub(fix, cleaned)


class _EscapeHtml(Extension):
    """Raw HTML in the text is shown as text, never passed through."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_UNTRUSTED = {
    "extensions": [
        _EscapeHtml(),
        "markdown.extensions.fenced_code",
        "markdown.extensions.tables",
        "markdown.extensions.sane_lists",
    ],
    "output_format": "html5",
}


def render_untrusted(text: str, site_url: str = "") -> str:
    """Markdown written by strangers, as safe HTML (see the module doc)."""
    renderer = Markdown(**_UNTRUSTED)
    return clean(renderer.convert(text), site_url)
