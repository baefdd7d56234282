"""Dates in each language's own form, through Babel and explicit locales.

The build machines have no system locales, so nothing here touches
locale.setlocale; Babel carries CLDR data for every language. Digits are a
per-language setting because CLDR gives Latin digits for plain Arabic.
"""

from __future__ import annotations

import datetime as dt

from babel import dates as babel_dates

from . import settings as site_settings

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _lang_info(settings: dict, lang: str | None = None) -> dict:
    lang = lang or settings["DEFAULT_LANG"]
    return site_settings.read(settings)["SITE_LANGUAGES"][lang]


def digits(text: str, info: dict) -> str:
    return text.translate(ARABIC_INDIC) if info.get("digits") == "arab" else text


def format_date(settings: dict, value, fmt: str = "long", lang: str | None = None) -> str:
    """'long' gives ١٩ تشرين الثاني ٢٠١٨ / 19 November 2018."""
    info = _lang_info(settings, lang)
    if isinstance(value, dt.datetime):
        value = value.date()
    return digits(babel_dates.format_date(value, fmt, locale=info["locale"]), info)


DEFAULT_DATETIME_FORMAT = "EEEE d MMMM y, HH:mm"


def format_datetime(settings: dict, value: dt.datetime, fmt: str | None = None, lang=None) -> str:
    """A date and time in the value's own time zone (it must be aware).

    The pattern is the language's `datetime_format` (CLDR syntax) unless given:
    Arabic wants its own comma (،) between date and time.
    """
    info = _lang_info(settings, lang)
    fmt = fmt or info.get("datetime_format", DEFAULT_DATETIME_FORMAT)
    text = babel_dates.format_datetime(value, fmt, tzinfo=value.tzinfo, locale=info["locale"])
    return digits(text, info)


def format_number(settings: dict, value, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    info = _lang_info(settings, lang)
    # ar_LB groups with "." (3.000), which readers take for a decimal point.
    grouped = info.get("group_digits", True)
    text = format_decimal(value, locale=info["locale"], group_separator=grouped)
    return digits(text, info)
