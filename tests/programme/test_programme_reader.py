"""Reading pretalx's schedule.json: the model, and every error and warning
naming the file, the JSON path and what to do."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from smex_site.convening import programme
from tests.programme.support import (
    FIXTURES,
    REL,
    by_code,
    edited,
    errors,
    first_session,
    fixture,
    good,
    read,
    warnings,
)

EXPORT_AGAIN = "export schedule.json again from pretalx"


def test_the_bilingual_fixture_reads_without_a_problem():
    found, problems = read(fixture("bilingual.json"))
    assert problems == []
    assert found.year == 2025 and found.timezone == "Asia/Beirut"
    assert [day.date.isoformat() for day in found.days] == ["2025-10-25", "2025-10-26"]
    assert len(found.sessions) == 7
    assert found.rooms == ("Main Hall", "Room B")
    assert found.tracks == ("Policy & Advocacy", "Digital Security")
    assert {s.language for s in found.sessions} == {"ar", "en"}


def test_a_session_carries_every_field_of_the_export():
    session = by_code(good(), "TSTAAA")
    assert session.guid == "0b5e7c1d-2025-5000-8000-000000000001"
    assert (session.code, session.id, session.slug) == ("TSTAAA", 101, "tstaaa")
    assert session.title == "Opening: digital rights in the region"
    assert session.subtitle is None  # pretalx writes "" for none
    assert session.abstract == "Where we stand, one year on."
    assert session.description.startswith("A look at *platform accountability*")
    assert session.start == dt.datetime.fromisoformat("2025-10-25T10:00:00+03:00")
    assert session.duration == dt.timedelta(minutes=45)
    assert (session.room, session.track, session.type) == ("Main Hall", "Policy & Advocacy", "Talk")
    assert session.language == "en" and session.direction == "ltr"
    assert session.do_not_record is False
    assert session.url == "https://pretalx.example/bread-and-net-2025/talk/TSTAAA/"
    assert [(s.name, s.code) for s in session.speakers] == [("Alex Example", "SPKAAA")]
    assert "platform accountability" in session.speakers[0].biography
    assert [link.url for link in session.links] == ["https://slides.example/opening.pdf"]
    assert [(r.title, r.type) for r in session.recordings] == [("Recording", "media")]


def test_an_arabic_session_is_marked_right_to_left():
    session = by_code(good(), "TSTBBB")
    assert session.language == "ar" and session.direction == "rtl"
    assert session.title == "الحقوق الرقمية في لبنان"
    assert [s.name for s in session.speakers] == ["ليلى مثال", "Alex Example"]


@pytest.mark.parametrize(
    ("name", "field", "words"),
    [
        ("no-schedule.json", "schedule", ["missing", "expected an object", EXPORT_AGAIN]),
        (
            "rooms-not-object.json",
            "schedule.conference.days[0].rooms",
            ["a list, expected an object of room name", EXPORT_AGAIN],
        ),
        (
            "no-start.json",
            'schedule.conference.days[0].rooms["Main Hall"][0].date',
            ["'A fine session'", "bad0bad0-0000-5000-8000-000000000001", "has no start"],
        ),
        (
            "no-duration.json",
            'schedule.conference.days[0].rooms["Main Hall"][0].duration',
            ["'A fine session'", "bad0bad0-0000-5000-8000-000000000001", "has no duration"],
        ),
    ],
)
def test_an_export_the_site_cannot_use_is_one_error(name, field, words):
    found, problems = read(fixture(f"broken/{name}"))
    assert found is None
    (problem,) = problems
    assert (problem.severity, problem.path, problem.field) == ("error", REL, field)
    assert str(problem).startswith(f"{REL}: {field}: ")
    for word in words:
        assert word in problem.message


def test_a_session_without_a_start_says_how_to_fix_it_in_pretalx():
    _, (problem,) = read(fixture("broken/no-start.json"))
    assert "schedule it in pretalx" in problem.message and "export again" in problem.message


def test_not_json_gives_line_and_column():
    found, (problem,) = read(fixture("broken/not-json.json"))
    assert found is None
    assert (problem.field, problem.line) == ("json", 45)
    assert "line 45, column 9" in problem.message and EXPORT_AGAIN in problem.message
    assert str(problem).startswith(f"{REL}:45: json: not JSON: Expecting ','")


def test_not_utf8_gives_line_and_column():
    found, (problem,) = read(fixture("broken/not-utf8.json"))
    assert found is None
    assert (problem.field, problem.line) == ("encoding", 44)
    assert "byte 0xe9 at line 44, column 22" in problem.message


def test_a_programme_for_a_year_without_an_edition_is_an_error():
    found, (problem,) = read(fixture("bilingual.json"), edition_years={2023})
    assert found is None
    assert problem.field == "year" and "no edition for 2025" in problem.message
    assert "content/en/editions/2025.md" in problem.message


def test_a_wrongly_typed_value_names_its_path():
    data = edited(lambda d: first_session(d).update(title=["not", "text"]))
    found, (problem,) = read(data)
    assert found is None
    assert problem.field == 'schedule.conference.days[0].rooms["Main Hall"][0].title'
    assert problem.message.startswith("a list, not text")


def test_a_file_that_is_a_list_is_not_the_schedule_format():
    found, (problem,) = read(b"[]")
    assert found is None and problem.field == "(the file)"


def test_two_sessions_with_one_guid_are_an_error():
    def twin(data):
        hall = data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"]
        hall[1]["guid"] = hall[0]["guid"]

    found, (problem,) = read(edited(twin))
    assert found is None
    assert problem.field.endswith('["Main Hall"][1].guid')
    assert 'same guid as schedule.conference.days[0].rooms["Main Hall"][0]' in problem.message


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("00:45", 45), ("01:30", 90), ("1:02:00", 26 * 60), ("PT1H30M", 90), ("PT20M", 20)],
)
def test_durations_in_every_form_pretalx_and_c3voc_write(text, minutes):
    found = read(edited(lambda d: first_session(d).update(duration=text)))[0]
    assert by_code(found, "TSTAAA").duration == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["00:00", "45", "1h", "-0:30"])
def test_a_duration_that_is_not_one_is_an_error(text):
    found, (problem,) = read(edited(lambda d: first_session(d).update(duration=text)))
    assert found is None and problem.field.endswith(".duration")
    assert "expected hours:minutes such as 00:45" in problem.message


@pytest.mark.parametrize("text", ["", None])
def test_an_empty_duration_with_no_end_is_an_error(text):
    def empty(data):
        first_session(data).update(duration=text)
        del first_session(data)["end"]

    found, (problem,) = read(edited(empty))
    assert found is None and "has no duration" in problem.message


def test_a_newer_export_with_an_end_and_no_duration_reads():
    def end_only(data):
        del first_session(data)["duration"]

    session = by_code(read(edited(end_only))[0], "TSTAAA")
    assert session.duration == dt.timedelta(minutes=45)


def test_a_start_without_offset_is_an_error():
    data = edited(lambda d: first_session(d).update(date="2025-10-25T10:00:00"))
    found, (problem,) = read(data)
    assert found is None and "UTC offset" in problem.message


def test_an_older_export_with_public_name_reads():
    def older(data):
        person = first_session(data)["persons"][0]
        del person["name"]
        person["public_name"] = "Alex Older"

    assert by_code(read(edited(older))[0], "TSTAAA").speakers[0].name == "Alex Older"


def test_overlapping_sessions_in_one_room_are_a_warning():
    found, problems = read(fixture("broken/overlap.json"))
    (problem,) = problems
    assert found is not None and problem.severity == "warning"
    assert problem.field == 'schedule.conference.days[0].rooms["Main Hall"][1]'
    assert "'Second in the hall'" in problem.message and "'First in the hall'" in problem.message
    assert "overlap by 30 minutes" in problem.message and "move one in pretalx" in problem.message


def test_the_same_wall_clock_time_twice_on_the_dst_night_is_no_overlap():
    # TSTDDD and TSTEEE are both "23:15" in Room B, one hour apart.
    found, problems = read(fixture("bilingual.json"))
    assert problems == []
    first, second = by_code(found, "TSTDDD"), by_code(found, "TSTEEE")
    assert first.room == second.room and first.start.time() == second.start.time()


def test_a_session_outside_the_edition_is_a_warning():
    found, (problem,) = read(fixture("broken/outside-dates.json"))
    assert found is not None and problem.severity == "warning"
    assert "'The evening before'" in problem.message
    assert "starts before the edition begins (2025-10-25 00:00+03:00)" in problem.message
    assert "content/*/editions/2025.md" in problem.message


def test_a_session_after_the_edition_ends_is_a_warning():
    # Ending on the 25th means until midnight, 00:00+02:00 (after the repeated
    # hour): the second 23:15 session is still in; the 26th's two are not.
    found, problems = read(fixture("bilingual.json"), end=dt.date(2025, 10, 25))
    assert found is not None
    assert [p.field for p in problems] == [
        'schedule.conference.days[1].rooms["Main Hall"][0]',
        'schedule.conference.days[1].rooms["Room B"][0]',
    ]
    assert "ends after the edition ends (2025-10-26 00:00+02:00)" in problems[0].message


def test_with_no_dates_known_the_year_bounds_the_programme():
    found, problems = read(fixture("bilingual.json"), start=None, end=None)
    assert found is not None and problems == []

    def in_2024(data):  # pretalx's event says 2024; its sessions are still in 2025
        data["schedule"]["conference"]["start"] = "2024-10-25"

    found, problems = programme.parse(
        edited(in_2024), rel=REL, year=2024, edition_years={2024}, timezone="Asia/Beirut"
    )
    assert [p.severity for p in problems] == ["warning"] * 7  # 7 sessions
    assert "is not in 2024" in problems[-1].message


def test_an_export_of_another_years_conference_is_refused():
    found, (problem,) = programme.parse(
        fixture("bilingual.json"), rel=REL, year=2024, edition_years={2024}, timezone="Asia/Beirut"
    )
    assert found is None and problem.severity == "error"
    assert problem.field == "schedule.conference.start"
    assert "starts 2025-10-25, not in 2024: this is not the 2024 programme" in problem.message
    assert "--year 2025" in problem.message


def test_an_unknown_language_is_a_warning_and_kept_as_written():
    found, (problem,) = read(fixture("broken/unknown-language.json"))
    session = found.sessions[0]
    assert (session.language, session.language_known, session.direction) == ("zz", False, None)
    assert problem.severity == "warning" and problem.field.endswith(".language")
    assert "'zz'" in problem.message and "shown as written" in problem.message


def test_unsafe_links_are_left_out_with_a_warning():
    found, problems = read(fixture("hostile.json"))
    assert errors(problems) == []
    left_out = [p for p in warnings(problems) if "left out" in p.message]
    assert len(left_out) == 4  # javascript:, data:, a quote in the URL, javascript: page URL
    urls = [link.url for s in found.sessions for link in (*s.links, *s.recordings)]
    assert urls == ["https://pretalx.example/media/hostile/file.pdf"]  # attachment, resolved
    assert by_code(found, "EVL0BB").url is None


def test_load_takes_the_year_from_the_file_name(tmp_path):
    target = tmp_path / "2025.json"
    shutil.copy(FIXTURES / "bilingual.json", target)
    found, problems = programme.load(target, rel=REL, edition_years={2025}, timezone="Asia/Beirut")
    assert problems == [] and found.year == 2025
    wrong = tmp_path / "programme.json"
    shutil.copy(target, wrong)
    found, (problem,) = programme.load(wrong, rel="x", edition_years={2025})
    assert found is None and problem.field == "file name"


def test_errors_are_all_reported_at_once():
    def two_faults(data):
        hall = data["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"]
        del hall[0]["date"]
        hall[1]["duration"] = None
        del hall[1]["end"]

    found, problems = read(edited(two_faults))
    assert found is None
    assert [p.field.rsplit(".", 1)[1] for p in problems] == ["date", "duration"]


def test_an_export_with_no_sessions_is_a_warning():
    def empty(data):
        for day in data["schedule"]["conference"]["days"]:
            day["rooms"] = {}

    found, (problem,) = read(edited(empty))
    assert found is not None and found.sessions == ()
    assert problem.severity == "warning" and problem.field == "schedule.conference.days"
    assert "release the schedule in pretalx" in problem.message


def test_a_day_without_a_date_is_an_error():
    found, (problem,) = read(edited(lambda d: d["schedule"]["conference"]["days"][1].pop("date")))
    assert found is None
    assert (problem.field, problem.message[:30]) == (
        "schedule.conference.days[1].date",
        "missing; expected YYYY-MM-DD: ",
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ('{"schedule": ' + "9" * 5000 + "}", "not a schedule export"),
    ],
)
def test_json_python_cannot_hold_is_an_error_not_a_traceback(data, words):
    found, (problem,) = read(data.encode())
    assert found is None and problem.field == "json" and words in problem.message


def test_text_is_composed_and_stripped_of_what_no_file_can_carry():
    def awkward(data):
        first_session(data)["title"] = "Cafe\u0301 \ud800night\ufdd0"
        first_session(data)["description"] = "a\ufffeb\uffffc\U0010fffe"

    data = json.loads(fixture("bilingual.json"))
    awkward(data)
    found, problems = read(json.dumps(data, ensure_ascii=True).encode())  # \ud800 escaped
    session = by_code(found, "TSTAAA")
    assert (session.title, session.description) == ("Café night", "abc")
    assert [p.field.rsplit(".", 1)[1] for p in problems] == ["title", "description"]
    assert all(p.severity == "warning" and "removed" in p.message for p in problems)


@pytest.mark.parametrize("text", ["48:01", "3:00:00", "PT49H", "3000000:00:00", "PT99999999999H"])
def test_a_duration_longer_than_any_session_is_an_error(text):
    found, (problem,) = read(edited(lambda d: first_session(d).update(duration=text)))
    assert found is None and problem.field.endswith(".duration")
    assert "at most 48:00" in problem.message
