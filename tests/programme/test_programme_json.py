"""c3voc's schedule.json beside schedule.xml (issue 22), valid against
voc/schedule's JSON schema (tests/schemas/c3voc/schedule.json), and the
feedback link, off by default."""

from __future__ import annotations

import json

import pytest

from smex_site import settings as site_settings
from tests.programme.schema import assert_valid_json, json_errors
from tests.programme.support import fixture
from tests.sitecheck import LANGS

PROGRAMME = "convening/2025/programme/"


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_json_is_valid_and_holds_the_whole_export(gate_site, lang):
    data = assert_valid_json(
        (gate_site.root / f"{LANGS[lang]}{PROGRAMME}schedule.json").read_bytes()
    )
    conference = data["schedule"]["conference"]
    export = json.loads(fixture("bilingual.json"))["schedule"]["conference"]
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    exported = [s for day in export["days"] for room in day["rooms"].values() for s in room]
    assert sorted(e["guid"] for e in events) == sorted(s["guid"] for s in exported)
    assert [r["name"] for r in conference["rooms"]] == [r["name"] for r in export["rooms"]]
    assert conference["daysCount"] == 2 and conference["time_zone_name"] == "Asia/Beirut"
    aaa = next(e for e in events if e.get("code") == "TSTAAA")
    assert aaa["feedback_url"].startswith("https://pretalx.example/")
    assert aaa["url"].startswith("https://")  # pretalx's address: this build's own are relative
    listing = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}index.html")
    assert listing.select_one(f"a[href='/{LANGS[lang]}{PROGRAMME}schedule.json']")


def test_the_schema_refuses_what_is_not_a_schedule():
    assert json_errors(b'{"schedule": {"conference": {}}}')  # the check can fail


@pytest.mark.parametrize("lang", LANGS)
def test_no_feedback_link_unless_the_setting_says_so(gate_site, lang):
    page = gate_site.soup(f"{LANGS[lang]}{PROGRAMME}tstaaa/index.html")
    assert page.select("[data-feedback-link]") == []
    assert "feedback" not in str(page.main)
    assert site_settings.DEFAULTS["SITE_PROGRAMME_FEEDBACK"] is False
    with pytest.raises(site_settings.SettingsError, match="SITE_PROGRAMME_FEEDBACK"):
        site_settings._check_numbers_and_flags(
            {**site_settings.DEFAULTS, "SITE_PROGRAMME_FEEDBACK": "yes"}
        )
