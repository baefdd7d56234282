"""Files under the static folders that a browser would run, refused.

Pelican copies images/, files/ and extra/ as they are. Opened directly, a
`.html` or `.js` file there runs on the site's own address, and on hosts that
send no Content-Security-Policy header (GitHub and GitLab Pages) nothing stops
its scripts. So the build publishes no page or script it has not made:

- by name: .html, .htm, .xhtml, .xht, .shtml, .js, .mjs, .cjs, .xsl, .xslt,
  and .svgz (compressed, so it cannot be read here);
- an .xml file that a browser would render (a stylesheet instruction, or
  XHTML, SVG or MathML elements in it): a data file is plain XML;
- an SVG that is not a plain picture. SVGs are checked against an allowlist
  rather than cleaned: a cleaned logo could silently lose a shape, while a
  refusal says which line to fix, and the file an editor reviews is exactly
  the file published. Allowed: the SVG elements of shapes, paths, text,
  gradients, patterns, clips, masks, markers and filters; elements of other
  namespaces (an editor's metadata, Inkscape's) are inert and allowed too.
  Refused: any other SVG element (script, foreignObject, a, animate, set,
  iframe…), HTML or MathML elements, `on…=` handlers, a reference that is
  not to an #id in the same file (href, xlink:href, url(…) in attributes and
  CSS, @import), a DOCTYPE with its own declarations (entities), a stylesheet
  instruction, and XML that does not parse.

    problems(name, path) -> [(line or None, message)]   contentfiles' walk
    check_linked(settings, rels) -> [Problem]          files items link outside
                                                       the folders it walks
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from smex_site.problems import Problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Namespaces browsers give behaviour to; anything else is inert in a document.
ACTIVE_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": "an HTML element",
    "http://www.w3.org/1998/Math/MathML": "a MathML element",
    "http://www.w3.org/1999/XSL/Transform": "an XSLT element",
}
PICTURE = set(
    """svg g defs symbol use title desc metadata switch view style
    path rect circle ellipse line polyline polygon text tspan textPath
    linearGradient radialGradient stop pattern clipPath mask marker filter
    feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
    feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode
    feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
    feTurbulence""".split()  # noqa: SIM905 (a list of names reads better as words)
)
PAGE_EXTENSIONS = {"html", "htm", "xhtml", "xht", "shtml", "xsl", "xslt"}
SCRIPT_EXTENSIONS = {"js", "mjs", "cjs"}
# url(…) whose target is not "#id" in the same file, and CSS @import
EXTERNAL_URL = re.compile(r"url\(\s*(?!['\"]?#)|@import", re.IGNORECASE)

FIX_PAGE = (
    "write it as a page instead (content/<lang>/pages/<name>.md), or, to offer the file "
    "for download, put it in a .zip"
)


def check_linked(settings: dict, rels) -> list[Problem]:
    """Files an item links outside the folders contentfiles walks (content/media/
    x.svg): the site publishes them too (static_files.add_used_files)."""
    content = Path(settings["PATH"])
    found = []
    for rel in sorted(rels):
        for line, message in problems(Path(rel).name, content / rel):
            found.append(Problem(str(Path(content.name) / rel), line, "file", message))
    return found


def problems(name: str, path: Path) -> list[tuple[int | None, str]]:
    """What is wrong with one file a browser might open, by name and content."""
    try:
        return _problems(name, path)
    except OSError as error:
        return [(None, f"cannot be read ({error.strerror}); fix its permissions")]


def _problems(name: str, path: Path) -> list[tuple[int | None, str]]:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name.strip(".") else ""
    if extension in PAGE_EXTENSIONS:
        return [(None, f"a web page ({name}): {_RUNS} {FIX_PAGE}")]
    if extension in SCRIPT_EXTENSIONS:
        fix = "the site's pages use no script of yours; to offer it for download, zip it"
        return [(None, f"a script ({name}): {_RUNS} {fix}")]
    if extension == "svgz":
        return [(None, "a compressed SVG cannot be checked; save it uncompressed, as .svg")]
    if extension == "xml":
        return _xml(path)
    if extension == "svg":
        return _svg(path)
    return []


_RUNS = (
    "a browser opening it would run it on the site's own address, outside the site's "
    "checks and its Content-Security-Policy;"
)


def _xml(path: Path) -> list[tuple[int | None, str]]:
    """An .xml file is data unless a browser would render it: a stylesheet
    instruction, or an element of HTML, SVG or MathML. (One that does not
    parse shows the browser's error page, which runs nothing.)"""
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError:
        return []
    for node in _nodes(tree):
        rendered = (
            node.target == "xml-stylesheet"
            if isinstance(node, etree._ProcessingInstruction)
            else isinstance(node.tag, str)
            and etree.QName(node).namespace in {SVG, *ACTIVE_NAMESPACES}
        )
        if rendered:
            message = f"an XML file a browser would display as a page: {_RUNS} {FIX_PAGE}"
            return [(node.sourceline, message)]
    return []


def _parser():
    # no entity, no DTD, nothing from the network: the file is only looked at
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _nodes(tree) -> list:
    """Every node, the instructions before the root element included."""
    root = tree.getroot()
    return [*reversed(list(root.itersiblings(preceding=True))), *root.iter()]


def _svg(path: Path) -> list[tuple[int | None, str]]:
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as error:
        return [(error.lineno or None, f"not a valid SVG ({error.msg}); export it again")]
    found = []
    if tree.docinfo.internalDTD is not None:
        found.append((1, "declares its own DOCTYPE entities; export the SVG again without them"))
    for node in _nodes(tree):
        found += _node(node)
    return found


def _node(node) -> list[tuple[int | None, str]]:
    line = node.sourceline
    if isinstance(node, etree._ProcessingInstruction):
        if node.target == "xml-stylesheet":
            return [(line, f"<?xml-stylesheet?>: {_ONLY_PICTURE}")]
        return []
    if not isinstance(node.tag, str):  # a comment or an entity
        return []
    qname = etree.QName(node)
    if qname.namespace in ACTIVE_NAMESPACES:
        what = ACTIVE_NAMESPACES[qname.namespace]
        return [(line, f"<{qname.localname}>, {what}: {_ONLY_PICTURE}")]
    found = []
    if qname.namespace == SVG and qname.localname not in PICTURE:
        found.append((line, f"<{qname.localname}>: {_ONLY_PICTURE}"))
    if qname.localname == "style" and EXTERNAL_URL.search(node.text or ""):
        found.append((line, f"<style> loads something from outside the file; {_ONLY_PICTURE}"))
    return found + [(line, f"{why}; {_ONLY_PICTURE}") for why in _attributes(node)]


def _attributes(node) -> list[str]:
    """What is wrong with an element's attributes: handlers, outside references."""
    found = []
    for name, value in node.attrib.items():
        local = etree.QName(name).localname
        if local.lower().startswith("on"):
            found.append(f"{local}= runs a script when the image is opened")
        elif local in ("href", "src") and not value.strip().startswith("#"):
            found.append(f"{local}={value[:60]!r} loads something from outside the file")
        elif EXTERNAL_URL.search(value):
            found.append(f"{local}= loads something from outside the file")
    return found


_ONLY_PICTURE = (
    "an SVG on this site may hold only shapes, paths, text, gradients and filters, "
    "with references to #ids inside the file: a browser opening the file would run or "
    "load the rest on the site's own address. Export it again as a plain SVG (in "
    "Inkscape: Save as, Optimized or Plain SVG), or as a PNG"
)
