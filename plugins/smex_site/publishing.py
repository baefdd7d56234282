"""What a deployment needs besides the pages: security.txt, `_headers`, and
the <meta> tags that stand in for headers on hosts that send none.

`PublishingGenerator` writes, from the main language's run only:
- `.well-known/security.txt` (RFC 9116), when SITE_SECURITY_CONTACT is set;
- SITE_HEADERS_FILE (`_headers`, publish builds), from headers.py.

`template_globals()` gives base.html the meta policy, the onion address of
each page, and robots.txt the site's base path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from . import clock, headers, urls
from . import settings as site_settings
from . import state as build_state

CONTACT_SCHEMES = ("mailto:", "https://", "tel:")


def read(settings: dict) -> dict:
    """Our publishing settings, checked; errors name the setting and the fix."""
    ours = site_settings.read(settings)
    onion = ours["SITE_ONION_URL"]
    if onion:
        host = urlsplit(str(onion)).hostname or ""
        if not str(onion).startswith(("http://", "https://")) or not host.endswith(".onion"):
            raise site_settings.SettingsError(
                f"SITE_ONION_URL: {onion!r} is not an onion address; expected e.g. "
                "http://<56 letters and digits>.onion, or leave it unset"
            )
        ours["SITE_ONION_URL"] = str(onion).rstrip("/")
    contacts = ours["SITE_SECURITY_CONTACT"]
    if isinstance(contacts, str) or not all(str(c).startswith(CONTACT_SCHEMES) for c in contacts):
        raise site_settings.SettingsError(
            f"SITE_SECURITY_CONTACT: {contacts!r}; expected a list of URIs, e.g. "
            '["mailto:security@example.org", "https://example.org/contact/"]'
        )
    return ours


def _site_root(settings: dict) -> str:
    state = build_state.get(settings)
    return state.siteurls.get(state.main_lang, "")


def template_globals(settings: dict) -> dict:
    ours = read(settings)
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
    ours = read(settings)
    if not ours["SITE_SECURITY_CONTACT"]:
        return None
    now = clock.now(settings).astimezone(dt.UTC)
    day = dt.datetime(now.year, now.month, now.day, tzinfo=dt.UTC)  # one change a day
    expires = day + dt.timedelta(days=ours["SITE_SECURITY_TXT_DAYS"])
    lines = [f"Contact: {contact}" for contact in ours["SITE_SECURITY_CONTACT"]]
    lines.append(f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}")
    lines.append(f"Preferred-Languages: {', '.join(ours['SITE_LANGUAGES'])}")
    root = _site_root(settings)
    if root.startswith(("http://", "https://")):  # a relative Canonical means nothing
        lines.append(f"Canonical: {root}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


class PublishingGenerator(Generator):
    def generate_context(self):
        read(self.settings)  # a bad setting stops the build before anything is written

    def generate_output(self, writer):
        state = build_state.get(self.settings)
        if self.settings["DEFAULT_LANG"] != state.main_lang:
            return
        out = Path(self.output_path)
        text = security_txt(self.settings)
        if text:
            target = out / ".well-known" / "security.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        name = site_settings.read(self.settings)["SITE_HEADERS_FILE"]
        if name:
            theme = self.settings.get("THEME_STATIC_DIR", headers.THEME_DIR)
            hashed = [f"{theme}/{p}" for p in state.asset_versions.values()]
            hashed = [p for p in hashed if headers.is_hashed(p)]
            (out / name).write_text(headers.netlify_headers(hashed), encoding="utf-8")
