"""The production HTTP headers, defined once.

Everything that serves the site reads this module: `_headers` (Netlify,
Cloudflare Pages) and the <meta> tags for hosts that send no headers
(deployment.py), deploy/nginx.conf (tools/deploy/nginx.py) and `invoke serve`
(tools/deploy/serve.py). Change a header here, then run `invoke nginx-conf`.

Plain data and string functions: tools use it without building anything.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# assets.py publishes theme files as name.<HASH_LENGTH hex digits>.ext: new
# content is a new name, so those may be cached for a year.
from .assets import HASH_LENGTH
from .assets import THEME_STATIC_DIR as THEME_DIR
from .urls import CONTROL

CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    # 'wasm-unsafe-eval' only because Pagefind compiles its WebAssembly search
    # engine on the search page; it does not allow eval() of JavaScript.
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    # Pagefind's stylesheet draws its clear button with a data: image (no host).
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
    # Trusted Types: no script of ours (or a library's) may hand a string to an
    # HTML, script or script-URL sink (innerHTML, eval, script.src, new Worker).
    # The one policy allowed, "default", is search.js's: it lets through exactly
    # Pagefind's worker file, so the search engine runs off the main thread.
    "require-trusted-types-for": "'script'",
    "trusted-types": "default",
}
# What a <meta http-equiv> policy cannot carry (browsers ignore it there).
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}

# HSTS: browsers that once saw the site over HTTPS refuse plain HTTP to it for
# a year. includeSubDomains and preload are settings, off by default
# (SITE_HSTS_INCLUDE_SUBDOMAINS, SITE_HSTS_PRELOAD; the README says what they
# commit a domain to). Over plain HTTP (invoke serve) browsers ignore it.
HSTS_MAX_AGE = 365 * 24 * 3600


def hsts(include_subdomains: bool = False, preload: bool = False) -> str:
    value = f"max-age={HSTS_MAX_AGE}"
    if include_subdomains:
        value += "; includeSubDomains"
    if preload:  # the preload list also requires includeSubDomains
        value += "; preload"
    return value


SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES.items()),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": hsts(),
    # Every script must name its bytes (Subresource Integrity) and be fetched
    # in CORS mode (crossorigin="anonymous"): any other, or one whose file
    # changed, is refused (Chromium enforces this for the `script` destination).
    # Pagefind's module gets its hash when the build writes it
    # (tools/build/searchindex.py stamp_module); its worker and WebAssembly are not
    # `script` requests and are not covered.
    "Integrity-Policy": "blocked-destinations=(script)",
}


def security_headers(options: dict | None = None) -> dict[str, str]:
    """SECURITY_HEADERS with the HSTS the settings ask for (settings.read())."""
    if not options:
        return dict(SECURITY_HEADERS)
    value = hsts(options["SITE_HSTS_INCLUDE_SUBDOMAINS"], options["SITE_HSTS_PRELOAD"])
    return {**SECURITY_HEADERS, "Strict-Transport-Security": value}


# Types the servers' own tables lack or get wrong, by the end of a site path: the
# citation files (publications/files.py). CSL-JSON has a registered type of
# its own, so those .json files are named; every other .json stays JSON.
CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    (r"\.bib$", "application/x-bibtex"),
    (r"\.ris$", "application/x-research-info-systems"),
    (r"(?:^|/)(?:cite|library|library-all)\.json$", "application/vnd.citationstyles.csl+json"),
)
# The _headers rules for them (Netlify and Cloudflare Pages match :placeholder
# segments): {section} is each language's publications path, "" or "en/" first.
CONTENT_TYPE_RULES = ("{section}:slug/cite", "{section}library", "{section}library-all",
                      "{section}:year/library", "{section}type/:type/library")  # fmt: skip


def content_type(site_path: str) -> str | None:
    """The type a file is sent with when the server's own table is wrong, with
    its charset: citation files carry Arabic."""
    for pattern, found in CONTENT_TYPES:
        if re.search(pattern, site_path):
            return f"{found}; charset=utf-8"
    return None


IMMUTABLE = "public, max-age=31536000, immutable"
# HTML, feeds, the search index, PDFs: keep a copy, ask every time (a 304 is cheap).
REVALIDATE = "no-cache"

# A path inside the site (no leading slash) of a hashed theme file.
HASHED_PATH = rf"{THEME_DIR}/(?:.+/)?[^/]+\.[0-9a-f]{{{HASH_LENGTH}}}\.[A-Za-z0-9]+"
_HASHED = re.compile(rf"^{HASHED_PATH}$")


def is_hashed(site_path: str) -> bool:
    """site_path: the URL path inside the site, e.g. theme/css/main.0123456789.css"""
    return bool(_HASHED.match(site_path.lstrip("/")))


def cache_control(site_path: str) -> str:
    return IMMUTABLE if is_hashed(site_path) else REVALIDATE


def for_path(site_path: str, onion: str | None = None) -> dict[str, str]:
    """Every header a response for `site_path` carries (404 pages included).

    onion: SITE_ONION_URL; Tor Browser then offers the same page there.
    """
    found = {**SECURITY_HEADERS, "Cache-Control": cache_control(site_path)}
    if onion:
        found["Onion-Location"] = onion_location(onion, site_path)
    return {name: header_value(value) for name, value in found.items()}


# What a path keeps as it is in a URL; anything else is percent-encoded, so a
# request's path (Arabic, quotes) cannot break the header or the meta tag.
URL_SAFE = "/%-._~!$&'()*+,;=:@"


def onion_location(onion: str, site_path: str) -> str:
    return f"{onion.rstrip('/')}/{quote(site_path.lstrip('/'), safe=URL_SAFE)}"


def header_value(value: str) -> str:
    """`value` as a header line may carry it: settings.py refused control
    characters already; this holds even if a value got past it."""
    if CONTROL.search(value):
        raise ValueError(f"a header value may not hold control characters: {value!r}")
    return value


def meta_csp() -> str:
    """The policy a <meta http-equiv="Content-Security-Policy"> can carry."""
    return "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES.items() if k not in NOT_IN_META)


def netlify_headers(
    hashed_paths: list[str], options: dict | None = None, sections: tuple[str, ...] = ()
) -> str:
    """`_headers` for Netlify and Cloudflare Pages, paths from the site root.

    Both hosts merge every rule that matches and join repeated names with a
    comma, so Cache-Control is never in the catch-all rule: hashed files get
    it one by one, and everything else keeps both hosts' default
    (`public, max-age=0, must-revalidate`: revalidation). Onion-Location is
    left to the pages' <meta> tag: a header cannot name each page's onion
    address from one rule on both hosts.
    """
    lines = ["# Generated by the build from plugins/smex_site/headers.py.", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(options).items()]
    for path in sorted(hashed_paths):
        lines += [f"/{path.lstrip('/')}", f"  Cache-Control: {IMMUTABLE}"]
    for section in sections:  # e.g. publications/, en/publications/
        for rule in CONTENT_TYPE_RULES:
            for suffix in (".bib", ".ris", ".json"):
                path = "/" + rule.format(section=section) + suffix
                lines += [path, f"  Content-Type: {content_type(path)}"]
    return "\n".join(lines) + "\n"
