"""Every setting our plugin reads, with its default, read in one place.

Pelican's settings dict is the source; `read(settings)` returns a merged,
checked view. Errors name the setting and say what is expected.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

DEFAULTS = {
    # lang -> {name, dir, locale, digits ("latn"/"arab"), group_digits,
    # datetime_format (CLDR pattern)}; the first entry is the
    # main language, served at the site root.
    "SITE_LANGUAGES": {
        "ar": {"name": "العربية", "dir": "rtl", "locale": "ar_LB", "digits": "latn"},
        "en": {"name": "English", "dir": "ltr", "locale": "en_GB", "digits": "latn"},
    },
    # ISO 8601 instant with offset; None means the real clock.
    "SITE_NOW": None,
    # Category folders editors may use, with their translated labels.
    "SITE_CATEGORIES": {
        "news": {"ar": "الأخبار", "en": "News"},
        "articles": {"ar": "مقالات", "en": "Articles"},
    },
    # Where the taxonomy of tag/topic keys and their labels lives, inside PATH.
    "SITE_TOPICS_FILE": "data/topics.toml",
    "SITE_SASS_ENTRY": "scss/main.scss",
    # Publications (publications.py): the kinds of report, with their labels,
    # plural labels (filter pages) and how citations file them.
    "SITE_PUBLICATION_TYPES": {
        "annual-report": {
            "ar": "تقرير سنوي",
            "en": "Annual report",
            "plural": {"ar": "التقارير السنوية", "en": "Annual reports"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
        "research": {
            "ar": "بحث",
            "en": "Research",
            "plural": {"ar": "الأبحاث والدراسات", "en": "Research"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
        "position-paper": {
            "ar": "ورقة موقف",
            "en": "Position paper",
            "plural": {"ar": "أوراق الموقف", "en": "Position papers"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
        "legal-analysis": {
            "ar": "تحليل قانوني",
            "en": "Legal analysis",
            "plural": {"ar": "التحليلات القانونية", "en": "Legal analyses"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
        "guide": {
            "ar": "دليل",
            "en": "Guide",
            "plural": {"ar": "الأدلة", "en": "Guides"},
            "bibtex": "manual",
            "ris": "GEN",
        },
        "survey": {
            "ar": "استطلاع رأي",
            "en": "Survey",
            "plural": {"ar": "استطلاعات الرأي", "en": "Surveys"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
        "quarterly-report": {
            "ar": "تقرير ربعي",
            "en": "Quarterly report",
            "plural": {"ar": "التقارير الربعية", "en": "Quarterly reports"},
            "bibtex": "techreport",
            "ris": "RPRT",
        },
    },
    # Publisher named in citations when a report has no "Publisher:" line.
    "SITE_PUBLICATIONS_PUBLISHER": {"ar": "سمكس", "en": "SMEX"},
    "SITE_PUBLICATIONS_FEED": "feeds/publications.atom.xml",
    "SITE_PUBLICATIONS_ON_HOME": 3,
    # The convening (editions.py, countdown.py, convening.py): editions live
    # in <lang>/editions/<year>.md; pages at <path><year>/.
    "SITE_CONVENING_PATH": "convening/",
    # An edition's time zone when its file names none (IANA name).
    "SITE_EVENT_TIMEZONE": "Asia/Beirut",
    # iCalendar: file name and UID per edition. The UID must never change once
    # published, or calendars that imported an edition will show it twice.
    "SITE_EVENT_ICS_NAME": "bread-and-net-{year}.ics",
    "SITE_EVENT_UID": "bread-and-net-{year}@smex.org",
    # schema.org organizer of every edition.
    "SITE_EVENT_ORGANIZER": {"name": "SMEX", "url": "https://smex.org/"},
    # Validation warnings (they never stop the build): a translation whose
    # Modified:/Date: lags its counterpart by more than this many days is
    # "stale"; a Summary longer than this many characters is cut in lists.
    "SITE_STALE_TRANSLATION_DAYS": 30,
    "SITE_SUMMARY_MAX_LENGTH": 300,
    # Publishing (publishing.py; the headers themselves are in headers.py):
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
    # tools/sitebuild.py writes .gz and .br beside every text file (publish).
    "SITE_PRECOMPRESS": False,
    # Set by tools/sitebuild.py, which validates before it starts Pelican, so
    # the plugin does not read every file a second time. Plain `pelican` runs
    # leave it False and the plugin validates.
    "SITE_VALIDATED": False,
}

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIRECTIONS = {"rtl", "ltr"}
DIGITS = {"latn", "arab"}


class SettingsError(ValueError):
    """A setting has a value the site cannot work with."""


def read(settings: dict) -> dict:
    """Return our settings merged over the defaults, checked."""
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    languages = merged["SITE_LANGUAGES"]
    if not languages:
        raise SettingsError("SITE_LANGUAGES: at least one language is needed")
    for code, info in languages.items():
        for field in ("name", "dir", "locale"):
            if field not in info:
                raise SettingsError(f"SITE_LANGUAGES[{code!r}]: missing {field!r}")
        if info["dir"] not in DIRECTIONS:
            raise SettingsError(
                f"SITE_LANGUAGES[{code!r}]['dir']: {info['dir']!r}; expected rtl or ltr"
            )
        if info.get("digits", "latn") not in DIGITS:
            raise SettingsError(
                f"SITE_LANGUAGES[{code!r}]['digits']: expected one of {sorted(DIGITS)}"
            )
    for key, info in merged["SITE_PUBLICATION_TYPES"].items():
        if not SLUG_RE.match(key):
            raise SettingsError(f"SITE_PUBLICATION_TYPES: {key!r} is not an ASCII slug")
        for code in languages:
            if not info.get(code) or not info.get("plural", {}).get(code):
                raise SettingsError(
                    f"SITE_PUBLICATION_TYPES[{key!r}]: missing label or plural for {code!r}"
                )
    if not str(merged["SITE_CONVENING_PATH"]).endswith("/") or str(
        merged["SITE_CONVENING_PATH"]
    ).startswith("/"):
        raise SettingsError(
            f"SITE_CONVENING_PATH: {merged['SITE_CONVENING_PATH']!r}; expected a path "
            "inside the site ending with /, e.g. 'convening/'"
        )
    if merged["SITE_EVENT_TIMEZONE"] not in _timezones():
        raise SettingsError(
            f"SITE_EVENT_TIMEZONE: {merged['SITE_EVENT_TIMEZONE']!r} is not an IANA "
            "time zone; expected e.g. 'Asia/Beirut'"
        )
    for key in ("SITE_EVENT_ICS_NAME", "SITE_EVENT_UID"):
        if "{year}" not in merged[key]:
            raise SettingsError(f"{key}: {merged[key]!r} must contain {{year}}")
    for key in ("SITE_STALE_TRANSLATION_DAYS", "SITE_SUMMARY_MAX_LENGTH"):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SettingsError(f"{key}: {value!r}; expected a whole number, 0 or more")
    if settings.get("WITH_FUTURE_DATES", True) is False:
        raise SettingsError(
            "WITH_FUTURE_DATES: False would hide future posts by the machine's clock; "
            "leave it True: scheduling.py holds them back by the site clock (SITE_NOW)"
        )
    if settings.get("CONTENT_CACHING_LAYER") == "generator" and settings.get("LOAD_CONTENT_CACHE"):
        raise SettingsError(
            "CONTENT_CACHING_LAYER: 'generator' reuses content objects from the last "
            "build, so scheduled posts would not be re-checked; use 'reader'"
        )
    if merged["SITE_NOW"] is not None:
        merged["SITE_NOW"] = parse_now(merged["SITE_NOW"])
    return merged


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def main_lang(settings: dict) -> str:
    return next(iter(read(settings)["SITE_LANGUAGES"]))


def parse_now(value) -> dt.datetime:
    """Parse the preview instant; it must carry its UTC offset."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise SettingsError(
                f"SITE_NOW: {value!r} is not a date and time; "
                "expected ISO 8601 with an offset, e.g. 2023-10-20T12:00+03:00"
            ) from None
    if moment.tzinfo is None:
        raise SettingsError(
            f"SITE_NOW: {value!r} has no UTC offset; expected e.g. 2023-10-20T12:00+03:00"
        )
    return moment
