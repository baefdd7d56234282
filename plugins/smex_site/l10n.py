"""Every date, number, size, duration, ordinal and language name the site
prints, in each language's own form, through Babel and explicit locales.

The build machines have no system locales, so nothing here touches
locale.setlocale; Babel carries CLDR data. Digits are a per-language setting
because CLDR gives Latin digits for plain Arabic. One `Formats` per language
is made once per build (state.formats) and shared by templates and views.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel import dates as babel_dates
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

_WHOLE_HOUR = re.compile(r"([+\-\u2212])(\d\d):00\b")  # +03:00 -> +3
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEFAULT_DATETIME_FORMAT = "EEEE d MMMM y, HH:mm"
LONG_DATE = "EEEE d MMMM y"  # a day in full: "Thursday 16 November 2023"
# "The Nth edition" in words (Arabic: feminine, agreeing with الدورة); beyond
# the table, numerals (with an English suffix).
ORDINAL_WORDS = {
    "ar": ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة",
           "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"],
    "en": ["first", "second", "third", "fourth", "fifth",
           "sixth", "seventh", "eighth", "ninth", "tenth"],
}  # fmt: skip


class Formats:
    """Formatting for one language: `info` is its SITE_LANGUAGES entry."""

    def __init__(self, lang: str, info: dict):
        self.lang = lang
        self.info = info
        # parsed once: Babel parses a locale name again on every call
        self.locale = Locale.parse(info["locale"])
        self._dates: dict[tuple, str] = {}

    def digits(self, text: str) -> str:
        return text.translate(ARABIC_INDIC) if self.info.get("digits") == "arab" else text

    # --- dates and times ---------------------------------------------------------

    def date(self, value, fmt: str = "long") -> str:
        """'long': ١٩ تشرين الثاني ٢٠١٨ / 19 November 2018; or a CLDR pattern."""
        if isinstance(value, dt.datetime):
            value = value.date()
        key = (value, fmt)  # a post's date is printed on its page and in every list
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = self.digits(
                babel_dates.format_date(value, fmt, locale=self.locale)
            )
        return found

    def datetime(self, value: dt.datetime, fmt: str | None = None) -> str:
        """A date and time in the value's own time zone (it must be aware)."""
        fmt = fmt or self.info.get("datetime_format", DEFAULT_DATETIME_FORMAT)
        text = babel_dates.format_datetime(value, fmt, tzinfo=value.tzinfo, locale=self.locale)
        return self.digits(text)

    def time(self, value: dt.datetime) -> str:
        return self.digits(babel_dates.format_time(value, "HH:mm", locale=self.locale))

    def month(self, value: dt.date) -> str:
        """July 2022 / تموز 2022."""
        return self.digits(babel_dates.format_skeleton("yMMMM", value, locale=self.locale))

    def date_range(self, first: dt.date, last: dt.date) -> str:
        """19–21 November 2018; 30 November – 4 December 2020; one day alone."""
        if first == last:
            return self.date(first)
        if (first.year, first.month) == (last.year, last.month):
            return self.digits(f"{first.day}–") + self.date(last)
        if first.year == last.year:
            return f"{self.date(first, 'd MMMM')} – {self.date(last)}"
        return f"{self.date(first)} – {self.date(last)}"

    def zone(self, tz: dt.tzinfo) -> str:
        """A time zone as people name it: Beirut / بيروت; offsets for Etc/GMT±N."""
        key = getattr(tz, "key", None)
        if key in (None, "UTC", "Etc/UTC"):
            return "UTC"
        if key.startswith("Etc/GMT"):
            # POSIX names invert the sign: Etc/GMT+12 is twelve hours *behind* UTC.
            hours = -int(key[len("Etc/GMT") :] or 0)
            sign = "+" if hours > 0 else "\u2212"  # a true minus sign: UTC−12
            return self.digits(f"UTC{sign}{abs(hours)}" if hours else "UTC")
        return babel_dates.get_timezone_location(tz, locale=self.locale, return_city=True)

    def offset(self, value: dt.datetime) -> str:
        """GMT+3 / غرينتش+3 (CLDR's short localized GMT, which Babel lacks):
        tells apart the two 23:15s of the night the clocks go back."""
        text = babel_dates.format_datetime(value, "ZZZZ", tzinfo=value.tzinfo, locale=self.locale)
        return self.digits(_WHOLE_HOUR.sub(lambda m: m[1] + str(int(m[2])), text))

    # --- numbers and units --------------------------------------------------------

    def number(self, value) -> str:
        # ar_LB groups with "." (3.000), which readers take for a decimal point.
        grouped = self.info.get("group_digits", True)
        return self.digits(format_decimal(value, locale=self.locale, group_separator=grouped))

    def unit(self, value, unit: str, number_format: str | None = None) -> str:
        """The long form where CLDR has one for this language, else the short."""
        for length in ("long", "short"):
            text = format_unit(value, unit, length=length, format=number_format, locale=self.locale)
            if unit not in text:
                return self.digits(text)
        return self.digits(f"{value} {unit}")

    def size(self, size: int) -> str:
        """600 bytes / 1.2 kilobytes / 1,9 ميغابايت (decimal units)."""
        if size < 1000:
            return self.unit(size, "digital-byte")
        kilobytes = round(size / 1000, 1)
        if kilobytes < 1000:  # rounded first: 999,999 bytes is 1 megabyte, not 1000 kilobytes
            return self.unit(kilobytes, "digital-kilobyte", "0.#")
        return self.unit(round(size / 1_000_000, 1), "digital-megabyte", "0.#")

    def duration(self, value: int, unit: str) -> str:
        """7 days / 7 أيام."""
        return self.unit(value, f"duration-{unit}")

    def length(self, delta: dt.timedelta) -> str:
        """How long something lasts: 45 minutes, 1 hour and 30 minutes / ساعة و30 دقيقة."""
        minutes = max(int(delta.total_seconds() // 60), 0)
        hours, minutes = divmod(minutes, 60)
        parts = [self.duration(hours, "hour")] if hours else []
        if minutes or not parts:
            parts.append(self.duration(minutes, "minute"))
        # "standard", not "unit": Babel repeats the last item of a two-item
        # Arabic unit list ("ساعة، و30 دقيقة، و30 دقيقة").
        return format_list(parts, style="standard", locale=self.locale)

    def left(self, delta: dt.timedelta) -> str:
        """What is left, in its largest whole unit."""
        seconds = max(int(delta.total_seconds()), 0)
        if seconds >= 86400:
            return self.duration(seconds // 86400, "day")
        if seconds >= 3600:
            return self.duration(seconds // 3600, "hour")
        return self.duration(max(-(-seconds // 60), 1), "minute")

    def ordinal(self, number: int) -> str:
        words = ORDINAL_WORDS.get(self.lang)
        if words and number <= len(words):
            return words[number - 1]
        if self.lang == "en":
            tens = number % 100 in (11, 12, 13)
            suffix = "th" if tens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
            return f"{number}{suffix}"
        return self.number(number)

    # --- names ----------------------------------------------------------------------

    def language_name(self, code: str) -> str:
        """'English' / 'الإنجليزية': a language named in this language."""
        return language_display_name(code, str(self.locale))


@cache
def language_display_name(code: str, locale: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(locale) or code
    except (ValueError, LookupError):
        return code
