"""Editions and the countdown, without a build: parsing, every bad input,
and every phase boundary at frozen instants (DST in Beirut included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import smex_site
from smex_site import validation
from smex_site.convening import countdown, load, model
from smex_site.convening.views import date_range
from smex_site.convening.views import moment as moment_view
from smex_site.jsonld import dumps as json_for_script
from smex_site.l10n import Formats
from tests.conftest import ROOT
from tests.sitecheck import FROZEN_NOW, cli_build

UTC = dt.UTC

SEED_2023 = """\
Title: Bread&Net 2023
Lang: en
Slug: 2023
Year: 2023
City: Beirut
Start: 2023-11-16 09:00
End: 2023-11-18 18:00
Milestones: call-closes 2023-09-30 23:59; programme-released 2023-10-27 12:00
Summary: Beirut, November 2023.

Story.
"""


def _settings():
    from tools.build.settings import load_settings

    return load_settings(ROOT / "pelicanconf.py", {"SITE_NOW": FROZEN_NOW})


def parse(text: str, rel: str = "en/editions/2023.md"):
    """(Edition or None, problems) of one edition file, through its kind."""
    settings = _settings()
    entry, problems = validation.read_one(settings, smex_site.KINDS, rel, text)
    errors = validation.errors(problems)
    options = validation.make_context(settings, smex_site.KINDS).options
    return (None if errors else load.edition(entry, options, True)), errors


def edition(text: str = SEED_2023, **replace) -> model.Edition:
    for key, value in replace.items():
        text = _set_field(text, key, value)
    result, problems = parse(text)
    assert not problems, [str(p) for p in problems]
    return result


def _set_field(text: str, key: str, value: str | None) -> str:
    """Replace (or with None remove, or add) one metadata line."""
    head, _, body = text.partition("\n\n")
    lines = [line for line in head.splitlines() if not line.lower().startswith(key.lower() + ":")]
    if value is not None:
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n\n" + body


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


SECOND = dt.timedelta(seconds=1)


# --- parsing ---------------------------------------------------------------------


def test_seed_edition_parses_with_local_times_and_offsets():
    e = edition()
    assert e.year == 2023 and e.slug == "2023" and e.tz_name == "Asia/Beirut"
    assert e.start.iso() == "2023-11-16T09:00:00+02:00"  # after DST ended
    assert [m.key for m in e.milestones] == ["call-closes", "programme-released"]
    assert e.milestones[1].at.isoformat() == "2023-10-27T12:00:00+03:00"  # before it ended
    assert e.status == "scheduled" and e.format is None and e.ordinal is None


def test_missing_fields_are_left_out_never_invented():
    e = edition("Title: Bread&Net 2019\nLang: en\nSlug: 2019\nYear: 2019\n\nText.\n")
    assert e.start is None and e.end is None and e.figures == [] and e.links == []
    assert e.city is None and e.venue is None and e.format is None and e.themes == []
    assert e.starts_at is None and e.ends_at is None
    assert countdown.targets(e) == []
    # With no dates, the year stands in for "when" (past or upcoming).
    assert e.span == (at("2019-01-01T00:00+02:00"), at("2020-01-01T00:00+02:00"))


def test_precisions_month_day_minute():
    month = edition(Start="2023-11", End=None, Milestones=None)
    assert month.start.iso() == "2023-11" and not month.start.exact
    assert month.span[1] == at("2023-12-01T00:00+02:00")
    day = edition(Start="2023-11-19", End="2023-11-21", Milestones=None)
    assert day.starts_at == at("2023-11-19T00:00+02:00")
    assert day.ends_at == at("2023-11-22T00:00+02:00")  # the whole last day


def test_figures_links_themes_and_arabic_digits():
    e = edition(
        Figures="participants ٨٠٠+; countries 32; sessions 63; speakers 100+",
        Links="report /files/r.pdf; programme https://example.org/p",
        Themes="One؛ Two; Three",
    )
    assert [(f.key, f.value, f.at_least) for f in e.figures] == [
        ("participants", 800, True),
        ("countries", 32, False),
        ("sessions", 63, False),
        ("speakers", 100, True),
    ]
    assert [link.key for link in e.links] == ["programme", "report"]  # fixed order
    assert e.themes == ["One", "Two", "Three"]


# --- every bad input: file, line, field, what is expected ----------------------------


BAD = [
    # (field to set, value, field named, words in the message)
    ("End", "2023-11-15 18:00", "end", "before Start"),
    ("End", "2023-11-16 09:00", "end", "before Start"),  # zero length
    ("Timezone", "Europe/Beyrouth", "timezone", "not an IANA time zone"),
    ("Timezone", "localtime", "timezone", "not an IANA time zone"),
    ("Timezone", "Factory", "timezone", "not an IANA time zone"),
    (
        "Event-Status",
        "delayed",
        "event-status",
        "scheduled, postponed, cancelled, moved-online, rescheduled",
    ),
    ("Status", "postponed", "status", "'Event-Status: postponed'"),
    ("Format", "face-to-face", "format", "in-person, online, hybrid"),
    ("Milestones", "call-closes 2023-11-17 12:00", "milestones", "before the start"),
    (
        "Milestones",
        "programme-released 2023-11-16 09:00",
        "milestones",
        "before the start",
    ),
    ("Start", "2023-11-31 09:00", "start", "not a real date"),
    ("Start", "16/11/2023", "start", "YYYY-MM-DD"),
    ("End", "tomorrow", "end", "YYYY-MM-DD"),
    ("Start", "2023-11-16T09:00+02:00", "start", "without one"),
    ("Start", "2023-03-26 00:30", "start", "does not exist in Asia/Beirut"),
    ("End", "2023-11-18", "end", "not written like Start"),
    ("Start", "2024-11-16 09:00", "start", "expected a date in 2023"),
    ("Milestones", "call-closes 2023-09-31 23:59", "milestones", "not a real date"),
    ("Milestones", "call-closes 2023-09-30", "milestones", "no time of day"),
    (
        "Milestones",
        "deadline 2023-09-30 23:59",
        "milestones",
        "call-opens, call-closes",
    ),
    (
        "Milestones",
        "call-opens 2023-10-01 09:00; call-closes 2023-09-30 23:59",
        "milestones",
        "open before it closes",
    ),
    (
        "Milestones",
        "call-closes 2023-09-30 23:59; call-closes 2023-09-29 23:59",
        "milestones",
        "given twice",
    ),
    ("Figures", "participants many", "figures", "whole number"),
    ("Figures", "attendees 800", "figures", "participants, countries"),
    ("Links", "report files/r.pdf", "links", "starting with a single /"),
    ("Links", r"post /\\evil.example/x", "links", "starting with a single /"),
    ("Links", "post //evil.example/x", "links", "starting with a single /"),
    ("Year", "23", "year", "four digits"),
    ("Year", "9999", "year", "expected e.g. 2023"),
    ("Year", "0000", "year", "expected e.g. 2023"),
    ("Slug", "bread-and-net-2023", "slug", "Slug: 2023"),
    ("Ordinal", "sixth", "ordinal", "whole number"),
]


@pytest.mark.parametrize("key,value,field,words", BAD, ids=[f"{b[0]}={b[1]}" for b in BAD])
def test_each_bad_input_names_file_line_field_and_expectation(key, value, field, words):
    text = _set_field(SEED_2023, key, value)
    _, problems = parse(text)
    assert problems, f"{key}: {value} was accepted"
    problem = next((p for p in problems if p.field == field), None)
    assert problem is not None, [str(p) for p in problems]
    assert problem.path == "content/en/editions/2023.md"
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"{key}:"))
    assert problem.line == line
    assert words in problem.message, problem.message
    assert "expected" in problem.message
    assert str(problem).startswith(f"content/en/editions/2023.md:{line}: {field}: ")


def test_missing_year_is_reported():
    _, problems = parse(_set_field(SEED_2023, "Year", None))
    assert [(p.field, p.line) for p in problems] == [("year", None)]
    assert "add a line such as 'Year: 2023'" in problems[0].message


def test_empty_year_is_reported_on_its_line():
    _, problems = parse(SEED_2023.replace("Year: 2023", "Year:"))
    assert [(p.field, p.line) for p in problems] == [("year", 4)]
    assert problems[0].message.startswith("empty;")


# --- the same checks through validation, on a copy of the real content --------------


def validate(content: Path) -> list[validation.Problem]:
    from tools.build.settings import load_settings

    settings = load_settings(
        ROOT / "pelicanconf.py", {"PATH": str(content), "SITE_NOW": FROZEN_NOW}
    )
    return validation.errors(validation.validate(settings, smex_site.KINDS))


def test_shipped_editions_are_valid(content):
    assert validate(content) == []
    years = sorted(p.stem for p in (content / "en/editions").glob("*.md"))
    assert years == ["2018", "2019", "2020", "2021", "2022", "2023", "2025"]
    assert years == sorted(p.stem for p in (content / "ar/editions").glob("*.md"))


def test_two_editions_for_one_year(content):
    text = (content / "en/editions/2023.md").read_text(encoding="utf-8")
    (content / "en/editions/2023-bis.md").write_text(text, encoding="utf-8")
    problems = validate(content)
    years = [p for p in problems if p.field == "year"]
    assert len(years) == 1
    both = {"content/en/editions/2023-bis.md", "content/en/editions/2023.md"}
    assert years[0].path in both and years[0].line == 4
    assert (both - {years[0].path}).pop() in years[0].message
    assert "one edition per year" in years[0].message


def test_translations_must_agree_on_the_facts(content):
    path = content / "en/editions/2020.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("countries 32", "countries 33"),
        encoding="utf-8",
    )
    problems = validate(content)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.field) == ("content/en/editions/2020.md", "figures")
    assert "content/ar/editions/2020.md" in problem.message and "countries 33" in problem.message


def test_bad_edition_in_arabic_folder_is_reported_there(content):
    path = content / "ar/editions/2018.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Format: in-person", "Format: حضوري"),
        encoding="utf-8",
    )
    problems = validate(content)
    fields = {(p.path, p.field) for p in problems}
    assert ("content/ar/editions/2018.md", "format") in fields


def _cli_build(content: Path, tmp_path: Path):
    return cli_build(content, tmp_path / "out", tmp_path / "cache", now=None)


def test_build_stops_before_writing_on_a_bad_edition(content, tmp_path):
    path = content / "en/editions/2023.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("End: 2023-11-18 18:00", "End: 2023-11-15 18:00"), encoding="utf-8"
    )
    bad_tz = content / "ar/editions/2020.md"
    bad_tz.write_text(
        bad_tz.read_text(encoding="utf-8").replace(
            "Year: 2020", "Year: 2020\nTimezone: Mars/Olympus"
        ),
        encoding="utf-8",
    )
    result = _cli_build(content, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "content/en/editions/2023.md:7: end: 2023-11-15 18:00 is before Start" in result.stderr
    assert "content/ar/editions/2020.md:5: timezone: 'Mars/Olympus' is not an IANA" in result.stderr
    assert not (tmp_path / "out").exists()


# --- countdown phases at every boundary -----------------------------------------------

# The seed edition's targets, as UTC instants: Beirut is +03:00 until the
# last Sunday of October (29 October 2023) and +02:00 after.
BOUNDARIES = [
    ("call-closes", "2023-09-30T20:59:00+00:00", "programme-released"),
    ("programme-released", "2023-10-27T09:00:00+00:00", "start"),
    ("start", "2023-11-16T07:00:00+00:00", "end"),
    ("end", "2023-11-18T16:00:00+00:00", None),
]


@pytest.mark.parametrize("key,instant,after", BOUNDARIES, ids=[b[0] for b in BOUNDARIES])
def test_one_second_either_side_of_each_target(key, instant, after):
    e = edition()
    moment = at(instant)
    before = countdown.phase([e], moment - SECOND)
    assert before.kind == countdown.COUNTDOWN
    assert before.target.key == key and before.target.at == moment
    assert before.remaining(moment - SECOND) == SECOND
    for later in (moment, moment + SECOND):  # at its instant it has passed
        phase = countdown.phase([e], later)
        if after is None:
            assert phase.kind == countdown.CONCLUDED and phase.edition is e
            assert phase.target is None and phase.targets == []
        else:
            assert phase.kind == countdown.COUNTDOWN and phase.target.key == after
            assert phase.passed.key == key


def test_seed_moment_counts_down_to_programme_release():
    phase = countdown.phase([edition()], at("2023-10-20T12:00+03:00"))
    assert phase.kind == countdown.COUNTDOWN
    assert phase.passed.key == "call-closes"
    assert phase.target.key == "programme-released"
    assert [t.key for t in phase.upcoming] == ["programme-released", "start", "end"]
    assert phase.remaining(at("2023-10-20T12:00+03:00")) == dt.timedelta(days=7)


def test_happening_now_counts_down_to_the_end():
    phase = countdown.phase([edition()], at("2023-11-17T12:00+02:00"))
    assert phase.kind == countdown.COUNTDOWN
    assert phase.target.key == "end" and phase.passed.key == "start"


def test_remaining_time_across_the_dst_change_is_real_elapsed_time():
    # Saturday 28 October 12:00 (+03:00) to Thursday 16 November 09:00 (+02:00):
    # 18 days and 22 hours, one more hour than the wall clocks suggest.
    now = at("2023-10-28T12:00+03:00")
    phase = countdown.phase([edition()], now)
    assert phase.target.key == "start"
    assert phase.remaining(now) == dt.timedelta(days=18, hours=22)


@pytest.mark.parametrize(
    "local,utc",
    [
        ("2023-10-28 22:59", "2023-10-28T19:59:00+00:00"),  # last hour of summer time
        ("2023-10-28 23:30", "2023-10-28T20:30:00+00:00"),  # repeated hour: first pass
        (
            "2023-10-29 00:00",
            "2023-10-28T22:00:00+00:00",
        ),  # first minute of winter time
        ("2025-10-26 00:30", "2025-10-25T22:30:00+00:00"),
    ],
)
def test_milestone_on_the_night_clocks_go_back(local, utc):
    year = local[:4]
    text = SEED_2023.replace("2023", year)
    e = edition(text, Milestones=f"programme-released {local}")
    moment = at(utc)
    assert model.utc(e.milestone("programme-released").at) == moment
    assert countdown.phase([e], moment - SECOND).target.key == "programme-released"
    assert countdown.phase([e], moment + SECOND).target.key == "start"


# --- which edition is current: ordering -----------------------------------------------


def _year(year: int, **fields) -> model.Edition:
    text = f"Title: E{year}\nLang: en\nSlug: {year}\nYear: {year}\n"
    for key, value in fields.items():
        text += f"{key}: {value}\n"
    return edition(text + "\nText.\n")


def test_current_is_the_earliest_edition_not_over():
    old = _year(2022, Start="2022-11")
    seed = edition()
    later = _year(2025, Start="2025-10")
    phase = countdown.phase([later, old, seed], at("2023-10-20T12:00+03:00"))
    assert phase.edition is seed
    between = countdown.phase([later, old, seed], at("2024-06-01T12:00+03:00"))
    assert between.kind == countdown.ANNOUNCED and between.edition is later
    assert between.target is None  # known to the month only: no countdown
    after = countdown.phase([later, old, seed], at("2025-11-01T00:00+02:00"))
    assert after.kind == countdown.CONCLUDED and after.edition is later
    assert countdown.phase([later, old, seed], at("2025-10-31T23:59:59+02:00")).kind == (
        countdown.ANNOUNCED
    )


def test_targets_are_in_order_and_skip_what_is_unknown():
    e = edition(Milestones="programme-released 2023-10-27 12:00; call-opens 2023-07-01 09:00")
    assert [t.key for t in countdown.targets(e)] == [
        "call-opens",
        "programme-released",
        "start",
        "end",
    ]
    assert [m.key for m in e.milestones] == ["call-opens", "programme-released"]
    no_end = edition(End=None, Milestones=None)
    # a start time alone: happening until the end of that day, no end claimed
    assert [(t.key, t.implicit) for t in countdown.targets(no_end)] == [
        ("start", False),
        ("end", True),
    ]
    assert countdown.targets(no_end)[1].at == at("2023-11-17T00:00+02:00")
    days = edition(Start="2023-11-16", End="2023-11-18", Milestones=None)
    assert [t.at.isoformat() for t in countdown.targets(days)] == [
        "2023-11-16T00:00:00+02:00",
        "2023-11-19T00:00:00+02:00",
    ]


def test_cancelled_is_skipped_and_postponed_has_no_countdown():
    cancelled = edition(**{"Event-Status": "cancelled"})
    later = _year(2024, Start="2024-11-20", End="2024-11-21")
    phase = countdown.phase([cancelled, later], at("2023-10-20T12:00+03:00"))
    assert phase.edition is later and phase.target.key == "start"
    assert phase.cancelled == [cancelled]  # said beside the countdown, not dropped
    alone = countdown.phase([cancelled], at("2023-10-20T12:00+03:00"))
    assert alone.kind == countdown.CANCELLED and alone.edition is cancelled
    # once its dates have passed, a cancelled edition is neither said nor concluded
    after = countdown.phase([cancelled], at("2023-11-20T12:00+02:00"))
    assert after.kind == countdown.NOTHING and after.cancelled == []
    for instant in ("2023-10-20T12:00+03:00", "2023-11-17T12:00+02:00", "2024-06-01T12:00+03:00"):
        # before, during and long after its old dates: postponed, never concluded
        postponed = countdown.phase([edition(**{"Event-Status": "postponed"})], at(instant))
        assert postponed.kind == countdown.POSTPONED and postponed.target is None, instant
    moved = countdown.phase(
        [edition(**{"Event-Status": "moved-online", "Format": "online", "City": None})],
        at("2023-10-20T12:00+03:00"),
    )
    assert moved.kind == countdown.COUNTDOWN


@pytest.mark.parametrize(
    "replace,field,words",
    [
        ({"Event-Status": "moved-online"}, "event-status", "expected 'Format: online'"),
        ({"Event-Status": "moved-online", "Format": "hybrid"}, "format", "'Format: online'"),
        ({"Event-Status": "moved-online", "Format": "online"}, "city", "remove the 'City:' line"),
        ({"Format": "online", "City": None, "Venue": "Hotel"}, "venue", "remove the 'Venue:'"),
        ({"Event-Status": "rescheduled"}, "event-status", "'Previous-Start: "),
        ({"Previous-Start": "2023-11-09 09:00"}, "previous-start", "Event-Status: rescheduled"),
        (
            {"Event-Status": "rescheduled", "Previous-Start": "2023-11-16 09:00"},
            "previous-start",
            "the same as Start",
        ),
    ],
)
def test_each_event_status_asks_the_file_to_say_the_same(replace, field, words):
    """One rule: the file itself says online and no place, or the new and the
    previous start; the check says what to write, on the line concerned."""
    text = SEED_2023
    for key, value in replace.items():
        text = _set_field(text, key, value)
    _, problems = parse(text)
    found = [p for p in problems if p.field == field]
    assert found, [str(p) for p in problems]
    assert words in found[0].message and "expected" in found[0].message, found[0].message
    key = {"event-status": "Event-Status"}.get(field, field.title())
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"{key}:"))
    assert found[0].line == line


def test_a_rescheduled_edition_keeps_its_previous_start():
    moved = edition(**{"Event-Status": "rescheduled", "Previous-Start": "2023-11-09 09:00"})
    assert moved.previous_start.iso() == "2023-11-09T09:00:00+02:00"
    assert moved.dates_hold and moved.ics_status == "CONFIRMED"
    for status, holds in (("postponed", False), ("cancelled", False), ("scheduled", True)):
        assert edition(**{"Event-Status": status}).dates_hold is holds


def test_nothing_at_all():
    assert countdown.phase([], at("2023-10-20T12:00+03:00")).kind == countdown.NOTHING
    with pytest.raises(ValueError):
        countdown.phase([], dt.datetime(2023, 10, 20))


# --- formatting ---------------------------------------------------------------------


def formats(lang: str, **overrides) -> Formats:
    info = {**_settings()["SITE_LANGUAGES"][lang], **overrides}
    return Formats(lang, info)


def test_moments_read_right_in_each_language():
    instant = at("2023-10-27T12:00+03:00").astimezone(edition().tz)
    ar, en = formats("ar"), formats("en")
    assert moment_view(en, instant) == {
        "iso": "2023-10-27T12:00:00+03:00",
        "date": "Friday 27 October 2023",
        "time": "12:00",
        "zone": "Beirut",
    }
    assert moment_view(ar, instant)["date"] == "الجمعة 27 تشرين الأول 2023"
    assert moment_view(ar, instant)["zone"] == "بيروت"
    assert en.left(dt.timedelta(days=7)) == "7 days"
    assert ar.left(dt.timedelta(days=7)) == "7 أيام"
    assert ar.left(dt.timedelta(days=2)) == "يومان"
    assert en.left(dt.timedelta(hours=5, minutes=3)) == "5 hours"
    assert en.left(dt.timedelta(seconds=30)) == "1 minute"
    assert en.ordinal(3) == "third" and ar.ordinal(3) == "الثالثة" and en.ordinal(12) == "12th"


def test_arabic_indic_digits_when_the_language_asks_for_them():
    ar = formats("ar", digits="arab")
    assert ar.left(dt.timedelta(days=7)) == "٧ أيام"
    assert date_range(ar, edition()) == "١٦–١٨ تشرين الثاني ٢٠٢٣"


def test_date_ranges():
    en = formats("en")
    assert date_range(en, edition()) == "16–18 November 2023"
    assert (
        date_range(
            en,
            edition(
                Start="2020-11-30",
                End="2020-12-04",
                Year="2020",
                Slug="2020",
                Milestones=None,
            ),
        )
        == "30 November – 4 December 2020"
    )
    assert date_range(en, edition(Start="2023-11", End=None, Milestones=None)) == "November 2023"
    assert date_range(en, _year(2019)) is None


@pytest.mark.parametrize(
    "zone,shown",
    [("Etc/GMT+12", "UTC\u221212"), ("Etc/GMT-3", "UTC+3"), ("Asia/Beirut", "Beirut")],
)
def test_time_zone_names_the_reader_can_trust(zone, shown):
    from zoneinfo import ZoneInfo

    # POSIX Etc/GMT+12 is twelve hours behind UTC, not ahead
    assert formats("en").zone(ZoneInfo(zone)) == shown


def test_json_for_script_cannot_close_the_element():
    text = json_for_script({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    import json

    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize(
    "status,schema,ics",
    [
        ("scheduled", "EventScheduled", "CONFIRMED"),
        ("postponed", "EventPostponed", "TENTATIVE"),
        ("cancelled", "EventCancelled", "CANCELLED"),
        ("moved-online", "EventMovedOnline", "CONFIRMED"),
        ("rescheduled", "EventRescheduled", "CONFIRMED"),
    ],
)
def test_status_in_jsonld_and_ics(status, schema, ics):
    import json

    import icalendar

    from smex_site import state as build_state
    from smex_site.convening.calendar import calendar
    from smex_site.convening.views import Views

    settings = _settings()
    options = validation.make_context(settings, smex_site.KINDS).options
    state = build_state.BuildState(
        main_lang="ar",
        options=options,
        now=at("2023-10-20T12:00+03:00"),
        siteurls={"ar": "https://x.example", "en": "https://x.example/en"},
    )
    online = status == "moved-online"  # the check asks for Format: online, no place
    extra = {"Previous-Start": "2023-11-09 09:00"} if status == "rescheduled" else {}
    if online:
        extra.update(City=None, Venue=None)
    e = edition(**{"Event-Status": status, "Format": "online" if online else "in-person"}, **extra)
    views = Views(state, "en", formats("en"), [e], lambda message: message)
    data = json.loads(json_for_script(views.jsonld(e)))
    assert data["eventStatus"] == "https://schema.org/" + schema
    assert data["url"] == "https://x.example/en/convening/2023/"
    if status == "moved-online":
        assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert data["location"] == {"@type": "VirtualLocation", "url": data["url"]}
    else:
        assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert data["location"]["@type"] == "Place"
    cal = icalendar.Calendar.from_ical(
        calendar(e, options, data["url"], at("2023-10-20T12:00+03:00"), views.file_words(e))
    )
    event = cal.walk("VEVENT")[0]
    assert str(event["status"]) == ics and str(event["url"]) == data["url"]
