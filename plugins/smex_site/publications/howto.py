"""'How to cite': a report's CSL-JSON item rendered by a CSL processor
(citeproc-py) in the styles SITE_CITATION_STYLES names, from the CSL
project's own style and locale files (vendored in csl/, see its README).

citeproc-py reads locale files only from its own package, so the vendored
locale is put into the style as an in-style <locale>, which CSL lets a style
carry and which takes precedence. The text is citeproc-py's HTML (it escapes
every value); in an Arabic locale the digits citeproc writes (the year) follow
the site's digit setting, while the item's own strings (title, names, URL,
identifier) stay as written, and the URL and identifiers are isolated
left to right so they read correctly inside right-to-left text.
"""

from __future__ import annotations

import copy
import io
import re
import warnings
from functools import cache
from html import escape
from pathlib import Path

import nh3
from lxml import etree
from markupsafe import Markup

from smex_site.settings import SettingsError

CSL_DIR = Path(__file__).parent / "csl"
CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LOCALES = {"ar": "ar", "en": "en-US"}  # a language -> its CSL locale file
LTR_KEYS = ("URL", "number", "DOI")  # isolated left to right in the text
URL_TOKEN = re.compile(r"https?://[^\s<]*[^\s<.]")
# citeproc-py's HTML formatter does not escape the values it prints: each
# special character goes in as a private-use stand-in (which no text-case
# rule touches) and comes out as its entity; nh3 then keeps only its tags.
STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"}
ENTITIES = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&quot;"}
TAGS = {"i", "b", "sup", "sub", "bdi"}


def available_styles() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in CSL_DIR.glob("*.csl")))


def check_styles(options: dict) -> None:
    """SITE_CITATION_STYLES names styles shipped in csl/ (the report kind's
    check_options: settings.read runs it with the site's kinds)."""
    styles = options["SITE_CITATION_STYLES"]
    known = available_styles()
    if isinstance(styles, str) or not all(style in known for style in styles):
        raise SettingsError(
            f"SITE_CITATION_STYLES: {styles!r}; expected a list of the styles in "
            f"plugins/smex_site/publications/csl/ ({', '.join(known)}), the first shown first"
        )


def csl_locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


@cache
def style_title(name: str) -> str:
    root = etree.parse(str(CSL_DIR / f"{name}.csl")).getroot()
    found = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}title")
    return found.text if found is not None else name


@cache
def _style_xml(name: str, locale: str) -> bytes:
    """The style with the vendored locale inside it, as bytes citeproc can parse."""
    root = etree.parse(str(CSL_DIR / f"{name}.csl")).getroot()
    path = CSL_DIR / f"locales-{locale}.xml"
    if path.is_file():
        source = etree.parse(str(path)).getroot()
        inline = etree.SubElement(root, f"{{{CSL_NS}}}locale")
        inline.set(XML_LANG, locale)
        for child in source:
            if isinstance(child.tag, str) and not child.tag.endswith("}info"):
                inline.append(copy.deepcopy(child))
        # in-style locales come before the layout elements (CSL schema order)
        root.remove(inline)
        root.insert(1, inline)
    return etree.tostring(root)


@cache
def _style(name: str, locale: str):
    """Parsed once per build process: a bibliography only reads it."""
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(io.BytesIO(_style_xml(name, locale)), locale=locale, validate=False)


def render(item: dict, style: str, lang: str, digits) -> Markup:
    """One bibliography entry, HTML. digits: the language's digit function."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    locale = csl_locale(lang)
    with warnings.catch_warnings():  # citeproc-py warns about variables it ignores
        warnings.simplefilter("ignore")
        csl_style = _style(style, locale)
        bibliography = CitationStylesBibliography(
            csl_style, CiteProcJSON([_stand_in(item)]), formatter.html
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    text = re.sub("[\ue000-\ue003]", lambda m: ENTITIES[m.group()], text)
    text = _localise(text, item, digits)
    return Markup(nh3.clean(text, tags=TAGS, attributes={"bdi": {"dir"}}))


def _stand_in(value):
    if isinstance(value, str):
        return "".join(STAND_INS.get(char, char) for char in value)
    if isinstance(value, dict):
        return {key: _stand_in(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_stand_in(inner) for inner in value]
    return value


def _localise(text: str, item: dict, digits) -> str:
    """Digits per the language's setting outside the item's own strings; the
    URL and identifiers isolated left to right."""
    own = [item.get(key) for key in ("title", "publisher", "genre", *LTR_KEYS)]
    own += [name.get("literal") for name in item.get("author", [])]
    pieces = sorted({escape(value) for value in own if value}, key=len, reverse=True)
    ltr = {escape(item[key]) for key in LTR_KEYS if item.get(key)}
    pattern = re.compile("|".join([URL_TOKEN.pattern, *(re.escape(piece) for piece in pieces)]))
    out, at = [], 0
    for match in pattern.finditer(text):
        out.append(digits(text[at : match.start()]))
        piece = match.group()
        isolate = piece in ltr or URL_TOKEN.fullmatch(piece)
        out.append(f'<bdi dir="ltr">{piece}</bdi>' if isolate else piece)
        at = match.end()
    out.append(digits(text[at:]))
    return "".join(out)
