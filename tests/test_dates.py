"""Dates and numbers per language, with Babel and explicit locales."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from smex_site import dates

LANGS = {
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar_LB", "digits": "latn",
           "group_digits": False, "datetime_format": "EEEE d MMMM y، HH:mm"},
    "en": {"name": "English", "dir": "ltr", "locale": "en_GB", "digits": "latn"},
}  # fmt: skip


def settings(lang="ar", **ar_overrides):
    languages = {"ar": {**LANGS["ar"], **ar_overrides}, "en": LANGS["en"]}
    return {"DEFAULT_LANG": lang, "SITE_LANGUAGES": languages}


def test_levantine_month_names_and_latin_digits_by_default():
    assert dates.format_date(settings(), dt.date(2023, 5, 19)) == "19 أيار 2023"
    assert dates.format_date(settings("en"), dt.date(2023, 5, 19)) == "19 May 2023"


def test_arabic_indic_digits_are_a_setting():
    text = dates.format_date(settings(digits="arab"), dt.date(2018, 11, 19))
    assert text == "١٩ تشرين الثاني ٢٠١٨"


def test_egyptian_month_names_with_another_locale():
    assert dates.format_date(settings(locale="ar_EG"), dt.date(2023, 5, 19)).startswith("19 مايو")


def test_datetime_is_written_in_its_own_time_zone():
    moment = dt.datetime(2023, 10, 20, 9, 0, tzinfo=dt.UTC).astimezone(ZoneInfo("Asia/Beirut"))
    assert dates.format_datetime(settings("en"), moment) == "Friday 20 October 2023, 12:00"
    assert dates.format_datetime(settings(), moment) == "الجمعة 20 تشرين الأول 2023، 12:00"


@pytest.mark.parametrize(("lang", "expected"), [("en", "3,000"), ("ar", "3000")])
def test_numbers_avoid_ambiguous_grouping_in_arabic(lang, expected):
    assert dates.format_number(settings(lang), 3000) == expected
