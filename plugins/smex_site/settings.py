"""Every setting our plugin reads, with its default, read and checked once.

`read(settings)` merges Pelican's settings over DEFAULTS and checks them;
errors name the setting and say what is expected. A build reads them once,
into the build state (state.py); `options(settings)` returns that copy.
Site data (category and publication-type labels, publisher, organiser, the
menu) are the site's own and live in pelicanconf.py, not here.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from . import urls
from .fields import SLUG_RE

DEFAULTS = {
    # lang -> {name, dir, locale, digits ("latn"/"arab"), group_digits,
    # datetime_format (CLDR pattern)}; the first entry is the main
    # language, served at the site root. Everything per language derives from it.
    "SITE_LANGUAGES": {"en": {"name": "English", "dir": "ltr", "locale": "en_GB"}},
    # ISO 8601 instant with offset; None means the real clock (read once per build).
    "SITE_NOW": None,
    # Strict-Transport-Security (headers.py): a year always; these two commit
    # every subdomain to HTTPS, and ask browsers to ship that (hstspreload.org).
    "SITE_HSTS_INCLUDE_SUBDOMAINS": False,
    "SITE_HSTS_PRELOAD": False,
    # Category folders of posts, with their labels per language.
    "SITE_CATEGORIES": {},
    # The menu: (target, English label msgid); target is "category:<key>",
    # "page:<slug>", "convening", "publications" or "search".
    "SITE_MENU": [],
    # Where the taxonomy of topic keys and their labels lives, inside PATH.
    "SITE_TOPICS_FILE": "data/topics.toml",
    "SITE_SASS_ENTRY": "scss/main.scss",
    # Publications: where their pages live, the kinds of report (labels,
    # plural labels, citation types), the default publisher, the feed.
    "SITE_PUBLICATIONS_PATH": "publications/",
    "SITE_PUBLICATION_TYPES": {},
    "SITE_PUBLICATIONS_PUBLISHER": {},
    "SITE_PUBLICATIONS_FEED": "feeds/publications.atom.xml",
    "SITE_PUBLICATIONS_ON_HOME": 3,
    # "How to cite" on report pages: CSL styles in publications/csl/, the first
    # shown first (checked by the report kind: publications/howto.check_styles)
    "SITE_CITATION_STYLES": ("apa", "chicago-author-date"),
    # The convening: pages at <path><year>/.
    "SITE_CONVENING_PATH": "convening/",
    # A programme session's page links to its feedback form on pretalx (the
    # export's feedback_url). Off by default: it sends visitors to pretalx.
    "SITE_PROGRAMME_FEEDBACK": False,
    # An edition's time zone when its file names none (IANA name).
    "SITE_EVENT_TIMEZONE": "UTC",
    # iCalendar: file name and UID per edition. The UID must never change once
    # published, or calendars that imported an edition will show it twice.
    "SITE_EVENT_ICS_NAME": "event-{year}.ics",
    "SITE_EVENT_UID": "event-{year}@example.org",
    # schema.org organizer of every edition: {"name": …, "url": …}.
    "SITE_EVENT_ORGANIZER": {},
    # Feed entry ids (tag: URIs) need a domain even in development builds,
    # which have no SITEURL; this is the one the site will have.
    "SITE_FEED_ID_DOMAIN": "example.org",
    # Validation warnings (they never stop the build): a Summary longer than
    # this many characters is cut in lists.
    "SITE_SUMMARY_MAX_LENGTH": 300,
    # Deployment (deployment.py; the headers themselves are in headers.py):
    # SITE_CSP_META puts the Content-Security-Policy in a <meta> for hosts that
    # send no headers (GitHub/GitLab Pages); SITE_HEADERS_FILE names the
    # Netlify/Cloudflare `_headers` file ("" writes none); SITE_ONION_URL is
    # the onion mirror (http://….onion) Tor Browser is offered.
    "SITE_CSP_META": False,
    "SITE_HEADERS_FILE": "",
    "SITE_ONION_URL": None,
    # /.well-known/security.txt (RFC 9116): Contact URIs (mailto:, https:),
    # none writes no file; Expires lies this many days after the build's now.
    "SITE_SECURITY_CONTACT": [],
    "SITE_SECURITY_TXT_DAYS": 180,
    # tools/build/sitebuild.py writes .gz and .br beside every text file (publish).
    "SITE_PRECOMPRESS": False,
    # The languages this Pelican process writes; None: all of them. Set by
    # tools/build/sitebuild.py, which builds each language in its own process.
    "SITE_BUILD_LANGUAGES": None,
    # tools/dev/livepreview.py: a preview build has no search index; the search
    # page says so instead of loading Pagefind.
    "SITE_LIVE_PREVIEW": False,
}

DIRECTIONS = {"rtl", "ltr"}
DIGITS = {"latn", "arab"}
STATE_KEY = "SITE_BUILD_STATE"  # a build's state (state.py); it holds what read() returned


class SettingsError(ValueError):
    """A setting has a value the site cannot work with."""


def _check_numbers_and_flags(merged: dict) -> None:
    for key in ("SITE_SUMMARY_MAX_LENGTH",):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SettingsError(f"{key}: {value!r}; expected a whole number, 0 or more")
    value = merged["SITE_PROGRAMME_FEEDBACK"]
    if not isinstance(value, bool):
        raise SettingsError(f"SITE_PROGRAMME_FEEDBACK: {value!r}; expected True or False")


def read(settings: dict, kinds=()) -> dict:
    """Our settings merged over the defaults, checked; with the site's kinds
    (smex_site.KINDS), also what each kind asks of its own (Kind.check_options)."""
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    _check_languages(merged["SITE_LANGUAGES"])
    languages = merged["SITE_LANGUAGES"]
    _check_labels("SITE_CATEGORIES", merged["SITE_CATEGORIES"], languages)
    _check_labels("SITE_PUBLICATION_TYPES", merged["SITE_PUBLICATION_TYPES"], languages)
    for key, info in merged["SITE_PUBLICATION_TYPES"].items():
        missing = [code for code in languages if not info.get("plural", {}).get(code)]
        if missing:
            raise SettingsError(
                f"SITE_PUBLICATION_TYPES[{key!r}]['plural']: no label for {', '.join(missing)}"
            )
    _check_per_language("SITE_PUBLICATIONS_PUBLISHER", merged, languages)
    for kind in kinds:  # what a kind asks of its own settings (a report's citation styles)
        if kind.check_options is not None:
            kind.check_options(merged)
    for key in ("SITE_CONVENING_PATH", "SITE_PUBLICATIONS_PATH"):
        _check_section_path(key, merged[key])
    if merged["SITE_EVENT_TIMEZONE"] not in timezones():
        raise SettingsError(
            f"SITE_EVENT_TIMEZONE: {merged['SITE_EVENT_TIMEZONE']!r} is not an IANA "
            "time zone; expected e.g. 'Asia/Beirut'"
        )
    for key in ("SITE_EVENT_ICS_NAME", "SITE_EVENT_UID"):
        if "{year}" not in merged[key]:
            raise SettingsError(f"{key}: {merged[key]!r} must contain {{year}}")
    _check_numbers_and_flags(merged)
    _check_pelican(settings)
    _check_deployment(merged)
    _check_build_languages(merged["SITE_BUILD_LANGUAGES"], languages)
    if merged["SITE_NOW"] is not None:
        merged["SITE_NOW"] = parse_now(merged["SITE_NOW"], settings.get("TIMEZONE"))
    return merged


def options(settings: dict) -> dict:
    """Our settings as this build read them, once (its state's); else read now."""
    state = settings.get(STATE_KEY)
    return state.options if state is not None else read(settings)


def _check_languages(languages: dict) -> None:
    if not languages:
        raise SettingsError("SITE_LANGUAGES: at least one language is needed")
    for code, info in languages.items():
        for name in ("name", "dir", "locale"):
            if name not in info:
                raise SettingsError(f"SITE_LANGUAGES[{code!r}]: missing {name!r}")
        if info["dir"] not in DIRECTIONS:
            raise SettingsError(
                f"SITE_LANGUAGES[{code!r}]['dir']: {info['dir']!r}; expected rtl or ltr"
            )
        if info.get("digits", "latn") not in DIGITS:
            raise SettingsError(
                f"SITE_LANGUAGES[{code!r}]['digits']: expected one of {sorted(DIGITS)}"
            )


def _check_build_languages(chosen, languages: dict) -> None:
    if chosen is not None and (not chosen or set(chosen) - set(languages)):
        raise SettingsError(
            f"SITE_BUILD_LANGUAGES: {chosen!r}; expected some of {', '.join(languages)}"
        )


def _check_labels(name: str, table: dict, languages: dict) -> None:
    for key, labels in table.items():
        if not SLUG_RE.match(key):
            raise SettingsError(f"{name}: {key!r} is not an ASCII slug")
        missing = [code for code in languages if not labels.get(code)]
        if missing:
            raise SettingsError(
                f"{name}[{key!r}]: no label for {', '.join(missing)}; add "
                + ", ".join(f'"{code}": "…"' for code in missing)
            )


def _check_per_language(name: str, merged: dict, languages: dict) -> None:
    missing = [code for code in languages if not merged[name].get(code)]
    if merged[name] and missing:
        raise SettingsError(f"{name}: no value for {', '.join(missing)}")


def _check_section_path(name: str, value) -> None:
    if not str(value).endswith("/") or str(value).startswith("/"):
        raise SettingsError(
            f"{name}: {value!r}; expected a path inside the site ending with /, e.g. 'convening/'"
        )


CONTACT_EXAMPLE = '["mailto:security@example.org", "https://example.org/contact/"]'


def _check_deployment(merged: dict) -> None:
    """The onion mirror and security.txt contacts (deployment.py)."""
    onion = merged["SITE_ONION_URL"]
    if onion:
        try:
            merged["SITE_ONION_URL"] = urls.onion_url(onion)
        except urls.SiteUrlError as error:
            raise SettingsError(str(error)) from None
    contacts = merged["SITE_SECURITY_CONTACT"]
    if isinstance(contacts, str) or not isinstance(contacts, list | tuple):
        raise SettingsError(
            f"SITE_SECURITY_CONTACT: {contacts!r}; expected a list of URIs, e.g. {CONTACT_EXAMPLE}"
        )
    for index, contact in enumerate(contacts):
        problem = urls.contact_problem(str(contact), f"SITE_SECURITY_CONTACT[{index}]")
        if problem:
            raise SettingsError(
                f"SITE_SECURITY_CONTACT[{index}]: {contact!r} {problem}; write a mailto:, "
                f"https: or tel: URI on one line, e.g. SITE_SECURITY_CONTACT = {CONTACT_EXAMPLE}"
            )


def _check_pelican(settings: dict) -> None:
    """Pelican settings that would defeat what the plugin promises."""
    if settings.get("SITEURL"):  # publishconf.py checked SITE_URL; --set may not have
        try:
            urls.site_url(settings["SITEURL"], "SITEURL")
        except urls.SiteUrlError as error:
            raise SettingsError(str(error)) from None
    if settings.get("WITH_FUTURE_DATES", True) is False:
        raise SettingsError(
            "WITH_FUTURE_DATES: False would hide future posts by the machine's clock; "
            "leave it True: publishing.py holds them back by the site clock (SITE_NOW)"
        )
    if settings.get("CONTENT_CACHING_LAYER") == "generator" and settings.get("LOAD_CONTENT_CACHE"):
        raise SettingsError(
            "CONTENT_CACHING_LAYER: 'generator' reuses content objects from the last "
            "build, so scheduled posts would not be re-checked; use 'reader'"
        )


@functools.cache
def timezones() -> frozenset[str]:
    """Real IANA zones: zoneinfo also lists 'localtime' and 'Factory', which
    follow the build machine or mean nothing."""
    return frozenset(zoneinfo.available_timezones()) - {"localtime", "Factory"}


def main_lang(settings: dict) -> str:
    return next(iter(options(settings)["SITE_LANGUAGES"]))


NOW_EXAMPLE = "2023-10-20T12:00+03:00"


def parse_now(value, zone: str | None = None) -> dt.datetime:
    """The preview instant; it must carry its UTC offset. `zone` (the site's
    TIMEZONE) names the offset to suggest when it is missing."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise SettingsError(
                f"--now {value!r} is not a date and time; write it in ISO 8601 with "
                f"its UTC offset, e.g. --now {NOW_EXAMPLE}"
            ) from None
    if moment.tzinfo is None:
        unclear = f"--now {value!r} has no UTC offset, so the instant is unclear"
        raise SettingsError(f"{unclear}; {_with_offset(moment, zone)}")
    return moment


def _with_offset(naive: dt.datetime, zone: str | None) -> str:
    """'write e.g. --now 2027-01-10T12:00+02:00 (Asia/Beirut's offset then)'."""
    try:
        tz = zoneinfo.ZoneInfo(zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = dt.UTC
    if naive.hour == naive.minute == 0 and len(str(naive)) >= 10:
        naive = naive.replace(hour=12)  # a date alone: noon that day
    local = naive.replace(tzinfo=tz)
    return (
        f"write e.g. --now {local.isoformat(timespec='minutes')} "
        f"({zone or 'UTC'}'s offset on that day)"
    )
