"""What a deployment needs besides the pages: security.txt, `_headers`, and
the <meta> tags that stand in for headers on hosts that send none.

`DeploymentGenerator` writes, from the main language's run only:
- `.well-known/security.txt` (RFC 9116), when SITE_SECURITY_CONTACT is set;
- SITE_HEADERS_FILE (`_headers`, publish builds), from headers.py.

`template_globals()` gives base.html the meta policy, the onion address of
each page, and robots.txt the site's base path.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote

from pelican.generators import Generator

from smex_site import headers, languages, urls
from smex_site import settings as site_settings
from smex_site import state as build_state


def _site_root(settings: dict) -> str:
    state = build_state.get(settings)
    return state.siteurls.get(state.main_lang, "")


def template_globals(settings: dict) -> dict:
    ours = site_settings.options(settings)
    root = _site_root(settings)
    onion = ours["SITE_ONION_URL"]

    def onion_location(page_url: str) -> str | None:
        """The same page on the onion mirror (its paths are the site's own)."""
        if not onion:
            return None
        return headers.onion_location(onion, page_url[len(root) :])

    return {
        "csp_meta": headers.meta_csp() if ours["SITE_CSP_META"] else None,
        "referrer_policy": headers.SECURITY_HEADERS["Referrer-Policy"],
        "onion_location": onion_location,
        "site_base_path": urls.base_path(root),
    }


def security_txt(settings: dict) -> str | None:
    ours = site_settings.options(settings)
    if not ours["SITE_SECURITY_CONTACT"]:
        return None
    now = build_state.now(settings).astimezone(dt.UTC)
    day = dt.datetime(now.year, now.month, now.day, tzinfo=dt.UTC)  # one change a day
    expires = day + dt.timedelta(days=ours["SITE_SECURITY_TXT_DAYS"])
    lines = [f"Contact: {one_line(contact)}" for contact in ours["SITE_SECURITY_CONTACT"]]
    lines.append(f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}")
    lines.append(f"Preferred-Languages: {', '.join(ours['SITE_LANGUAGES'])}")
    root = _site_root(settings)
    if root.startswith(("http://", "https://")):  # a relative Canonical means nothing
        lines.append(f"Canonical: {one_line(root)}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


def one_line(value: str) -> str:
    """A field value of security.txt: settings.py refused control characters
    and spaces in it; percent-encoded here anyway, so no value adds a line."""
    return re.sub(r"[\x00-\x20\x7f-\x9f\u2028\u2029]", lambda m: quote(m[0]), str(value))


class DeploymentGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        if not languages.writes_site_files(self.settings, writer):
            return
        state = build_state.get(self.settings)
        out = Path(self.output_path)
        text = security_txt(self.settings)
        if text:
            target = out / ".well-known" / "security.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        name = site_settings.options(self.settings)["SITE_HEADERS_FILE"]
        if name:
            theme = self.settings.get("THEME_STATIC_DIR", headers.THEME_DIR)
            hashed = [f"{theme}/{p}" for p in state.asset_versions.values()]
            hashed = [p for p in hashed if headers.is_hashed(p)]
            options = site_settings.options(self.settings)
            section = options["SITE_PUBLICATIONS_PATH"]
            sections = tuple(
                ("" if lang == state.main_lang else f"{lang}/") + section
                for lang in options["SITE_LANGUAGES"]
            )
            text = headers.netlify_headers(hashed, options, sections)
            (out / name).write_text(text, encoding="utf-8")
