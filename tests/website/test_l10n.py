"""Dates, numbers and sizes per language, with Babel and explicit locales (l10n.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from smex_site.l10n import Formats

LANGS = {
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar_LB", "digits": "latn",
           "group_digits": False, "datetime_format": "EEEE d MMMM y، HH:mm"},
    "en": {"name": "English", "dir": "ltr", "locale": "en_GB", "digits": "latn"},
}  # fmt: skip


def fmt(lang="ar", **overrides) -> Formats:
    return Formats(lang, {**LANGS[lang], **overrides})


def test_levantine_month_names_and_latin_digits_by_default():
    assert fmt().date(dt.date(2023, 5, 19)) == "19 أيار 2023"
    assert fmt("en").date(dt.date(2023, 5, 19)) == "19 May 2023"


def test_arabic_indic_digits_are_a_setting():
    text = fmt(digits="arab").date(dt.date(2018, 11, 19))
    assert text == "١٩ تشرين الثاني ٢٠١٨"


def test_egyptian_month_names_with_another_locale():
    assert fmt(locale="ar_EG").date(dt.date(2023, 5, 19)).startswith("19 مايو")


def test_datetime_is_written_in_its_own_time_zone():
    moment = dt.datetime(2023, 10, 20, 9, 0, tzinfo=dt.UTC).astimezone(ZoneInfo("Asia/Beirut"))
    assert fmt("en").datetime(moment) == "Friday 20 October 2023, 12:00"
    assert fmt().datetime(moment) == "الجمعة 20 تشرين الأول 2023، 12:00"


@pytest.mark.parametrize(("lang", "expected"), [("en", "3,000"), ("ar", "3000")])
def test_numbers_avoid_ambiguous_grouping_in_arabic(lang, expected):
    assert fmt(lang).number(3000) == expected
