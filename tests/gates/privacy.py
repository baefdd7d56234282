"""Privacy and a strict Content-Security-Policy.

    source_problems(folder, siteurl="")   inline script or style, event-handler
                                          attributes, javascript: URLs, redirects,
                                          resources from other hosts, in every HTML,
                                          CSS and XML file (feeds and the HTML they
                                          carry, the sitemap)
    privacy_context(browser, base_url)    a context that records what its pages do
    page_privacy_problems(page, url)      requests to other hosts, CSP reports,
                                          a missing CSP header, for one page load

The browser part never bypasses the CSP: the pages are served with the
production header (tools/deploy/serve.py) and any violation is a failure.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from tests.gates.links import CSS_COMMENT, CSS_IMPORT, CSS_URL

# <script type> values that are data, not code: allowed inline.
DATA_SCRIPT_TYPES = {"application/ld+json"}
RESOURCE_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
REQUIRED_CSP = "default-src 'self'"
_CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(
    `${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + (e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : '')
    + (e.sample ? `: ${e.sample}` : ''));
});
"""


def _foreign(url: str, siteurl: str) -> bool:
    url = url.strip()
    if siteurl and url.startswith(siteurl):
        return False
    return url.startswith("//") or urlsplit(url).scheme in (
        "http",
        "https",
        "ftp",
        "ws",
        "wss",
    )


def source_problems(root: Path, siteurl: str = "") -> list[str]:
    """What in the built files would break a strict CSP or call another host.

    Every HTML and CSS file, and every XML file (feeds, the sitemap): feed
    readers show a feed's HTML as a page, so it is held to the same rules.
    """
    root = Path(root)
    problems: list[str] = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        doc = lxml.html.fromstring(path.read_bytes())
        problems += _html_problems(doc, lambda el, rel=rel: f"{rel}:{el.sourceline}", siteurl)
    for path in sorted(root.rglob("*.css")):
        problems += _css_problems(path, root, siteurl)
    for path in sorted(root.rglob("*.xml")):
        problems += xml_problems(path, path.relative_to(root), siteurl)
    return problems


def _html_problems(doc, where, siteurl: str) -> list[str]:
    """Inline code, handlers, script URLs and foreign resources in one HTML tree."""
    problems = []
    for el in doc.iter():
        if isinstance(el.tag, str):
            problems += _element_problems(el, where(el), siteurl)
    return problems


def _element_problems(el, at: str, siteurl: str) -> list[str]:
    """Inline code on one element, and what it would load from another host."""
    problems = []
    script_type = (el.get("type") or "").strip().lower()
    if el.tag == "script" and el.get("src") is None and script_type not in DATA_SCRIPT_TYPES:
        problems.append(f"{at}: inline <script> (put it in theme/static/js/)")
    if el.tag == "style":
        problems.append(f"{at}: <style> element (put it in the Sass)")
    for name, value in el.attrib.items():
        if name == "style":
            problems.append(f"{at}: style= attribute on <{el.tag}> (use a class)")
        elif name.startswith("on"):
            problems.append(f"{at}: {name}= event handler on <{el.tag}> (inline script)")
        elif value.strip().lower().startswith(SCRIPT_SCHEMES):
            scheme = value.strip().split(":", 1)[0].lower()
            problems.append(f"{at}: {scheme}: URL in <{el.tag} {name}>")
    if el.tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
        problems.append(f"{at}: <meta http-equiv=refresh> (a redirect no CSP stops)")
    for url in _loaded_urls(el):
        if _foreign(url, siteurl):
            problems.append(f"{at}: <{el.tag}> loads {url} from another host")
    return problems


def _loaded_urls(el) -> list[str]:
    """Every URL the element makes the browser fetch (srcset candidates included)."""
    values = [el.get(a) for a in RESOURCE_ATTRIBUTES.get(el.tag, ()) if el.get(a)]
    if el.tag == "link" and RESOURCE_LINK_RELS & set((el.get("rel") or "").lower().split()):
        values.append(el.get("href") or "")
    if el.tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
        values.append((el.get("content") or "").partition("url=")[2])
    return [candidate.strip().split(" ")[0] for value in values for candidate in value.split(",")]


def _css_problems(path: Path, root: Path, siteurl: str) -> list[str]:
    text = CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
    problems = []
    for pattern in (CSS_URL, CSS_IMPORT):
        for match in pattern.finditer(text):
            url = next(g for g in match.groups() if g is not None)
            if _foreign(url, siteurl):
                problems.append(f"{path.relative_to(root)}: loads {url} from another host")
    return problems


# Feed and sitemap elements whose text or attribute a reader fetches.
XML_RESOURCE_TEXT = {"icon", "logo", "url", "thumbnail_loc", "content_loc"}  # Atom, RSS <image>
XML_RESOURCE_ATTRIBUTES = {"enclosure": "url", "content": "url", "thumbnail": "url"}  # RSS, media:
# Elements whose text is escaped HTML: Atom text constructs, RSS descriptions.
XML_HTML_TEXT = {"description", "encoded"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def xml_problems(path: Path, rel, siteurl: str = "") -> list[str]:
    """The same rules for a feed or a sitemap, and for the HTML a feed carries."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"{rel}: not well-formed XML: {error}"]
    problems = []
    for pi in tree.xpath("//processing-instruction()"):  # the prolog's too
        href = pi.get("href")
        if href and _foreign(href, siteurl):
            problems.append(f"{rel}:{pi.sourceline}: <?{pi.target}> loads {href} from another host")
    for el in tree.iter():
        if isinstance(el.tag, str):
            problems += _xml_element_problems(el, f"{rel}:{el.sourceline}", siteurl)
    return problems


def _xml_element_problems(el, at: str, siteurl: str) -> list[str]:
    local = etree.QName(el).localname
    problems = []
    for qualified, value in el.attrib.items():
        name = etree.QName(qualified).localname
        if value.strip().lower().startswith(SCRIPT_SCHEMES):
            problems.append(f"{at}: {value.split(':', 1)[0]}: URL in <{local} {name}>")
        if name.startswith("on"):
            problems.append(f"{at}: {name}= event handler on <{local}>")
    for url in _xml_fetched(el, local):
        if _foreign(url, siteurl):
            problems.append(f"{at}: <{local}> loads {url} from another host")
    fragment = _carried_html(el, local)
    if fragment is not None:
        where = f"{at}: in <{local}>"
        problems += _html_problems(fragment, lambda _el, where=where: where, siteurl)
    return problems


def _xml_fetched(el, local: str) -> list[str]:
    """What a feed reader fetches because of this element."""
    urls = []
    if local in XML_RESOURCE_TEXT and el.text:
        urls.append(el.text.strip())
    attribute = XML_RESOURCE_ATTRIBUTES.get(local)
    if attribute and el.get(attribute):
        urls.append(el.get(attribute))
    if local == "link" and el.get("rel") == "enclosure" and el.get("href"):
        urls.append(el.get("href"))  # podcast-style readers download it
    return urls


def _carried_html(el, local: str):
    """The HTML an Atom text construct or an RSS description carries, parsed."""
    if el.get("type") == "html" or local in XML_HTML_TEXT:
        if el.text and el.text.strip():
            return lxml.html.fragment_fromstring(el.text, create_parent="div")
    elif el.get("type") == "xhtml" and len(el):
        inner = "".join(etree.tostring(child, encoding="unicode") for child in el)
        return lxml.html.fragment_fromstring(inner, create_parent="div")
    return None


def privacy_context(browser, base_url: str, width: int = 1366, height: int = 900):
    """A context that records requests and CSP reports, and never lets a request out."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(_CSP_RECORDER)
    own = urlsplit(base_url)
    context.route(
        lambda url: urlsplit(url).netloc != own.netloc and urlsplit(url).scheme != "data",
        lambda route: route.abort("blockedbyclient"),
    )
    return context


def page_privacy_problems(page, url: str) -> list[str]:
    """Load `url` (a page of a privacy_context) and report what leaked or was blocked."""
    own = urlsplit(url).netloc
    foreign: list[str] = []
    console: list[str] = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme != "data" and parts.netloc != own:
            foreign.append(f"{request.resource_type} {request.url}")

    def on_console(message):
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    try:
        response = page.goto(url, wait_until="load")
        # lazy images and late fonts: scroll to the end and let them come
        page.evaluate(
            "async () => { window.scrollTo(0, document.documentElement.scrollHeight);"
            " await document.fonts.ready;"
            " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }"
        )
        reported = page.evaluate("() => window.__cspViolations || null")
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("console", on_console)
    problems = []
    if response is None or response.status != 200:
        problems.append(f"{url} answered {response.status if response else 'nothing'}")
    problems += [f"request to another host: {r}" for r in foreign]
    if reported is None:
        problems.append("the CSP recorder did not run: open the page in a privacy_context()")
    problems += [f"CSP violation: {v}" for v in reported or []]
    problems += [f"CSP console report: {c}" for c in console if not reported]
    csp = (response.headers.get("content-security-policy") if response else None) or ""
    if REQUIRED_CSP not in csp:
        problems.append(f"served without the strict CSP header ({REQUIRED_CSP!r}): {csp!r}")
    return problems
