"""Privacy and a strict Content-Security-Policy.

    source_problems(folder, siteurl="")   inline script or style, event-handler
                                          attributes, javascript: URLs, resources
                                          from other hosts, in every HTML and CSS file
    privacy_context(browser, base_url)    a context that records what its pages do
    page_privacy_problems(page, url)      requests to other hosts, CSP reports,
                                          a missing CSP header, for one page load

The browser part never bypasses the CSP: the pages are served with the
production header (tools/serve.py) and any violation is a failure.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

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
    """What in the built files would break a strict CSP or call another host."""
    root = Path(root)
    problems: list[str] = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        for el in lxml.html.fromstring(path.read_bytes()).iter():
            if isinstance(el.tag, str):
                problems += _element_problems(el, f"{rel}:{el.sourceline}", siteurl)
    for path in sorted(root.rglob("*.css")):
        problems += _css_problems(path, root, siteurl)
    return problems


def _element_problems(el, where: str, siteurl: str) -> list[str]:
    """Inline code on one element, and what it would load from another host."""
    problems = []
    script_type = (el.get("type") or "").strip().lower()
    if el.tag == "script" and el.get("src") is None and script_type not in DATA_SCRIPT_TYPES:
        problems.append(f"{where}: inline <script> (put it in theme/static/js/)")
    if el.tag == "style":
        problems.append(f"{where}: <style> element (put it in the Sass)")
    for name, value in el.attrib.items():
        if name == "style":
            problems.append(f"{where}: style= attribute on <{el.tag}> (use a class)")
        elif name.startswith("on"):
            problems.append(f"{where}: {name}= event handler on <{el.tag}> (inline script)")
        elif value.strip().lower().startswith("javascript:"):
            problems.append(f"{where}: javascript: URL in <{el.tag} {name}>")
    for url in _loaded_urls(el):
        if _foreign(url, siteurl):
            problems.append(f"{where}: <{el.tag}> loads {url} from another host")
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
