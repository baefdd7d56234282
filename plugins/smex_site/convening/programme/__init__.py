"""The convening's programme, from pretalx's schedule export (issue 13).

Everything here works without Pelican: plain inputs in, plain data out.
What a generator calls, per edition that has content/data/programme/<year>.json:

    load(path, *, rel, edition_years, timezone, start=None, end=None)
        -> (Programme | None, [Problem])   None when any problem is an error
    by_day_and_time(programme) -> (DaySchedule(day, slots=(Slot(start, sessions)…))…)
    facets(programme) -> Facets(days, rooms, tracks, types, languages)
    now_next(programme, now) -> NowNext(now=(…), next=(…))
    speakers(programme) -> (SpeakerSessions(speaker, sessions)…)
    find(programme, slug) -> Session | None
    render_untrusted(markdown) -> Markup      abstracts, descriptions, biographies
    plain_text(markdown), bare_text(markdown) -> str   for JSON-LD; files (no tag)
    session_ics(session, *, dtstamp, url=None) -> bytes
    programme_ics(programme, *, dtstamp, urls={guid: url}) -> bytes
    schedule_xml(programme, *, urls={guid: url}) -> bytes
    session_jsonld(session, *, page_url, edition_url) -> str   (for <script>)

The data layer (everything imported here) uses only relative imports and,
from the rest of the plugin, jsonld, validation.Problem and the convening's
Standing (convening/standing.py): the programme depends on the convening,
never the other way round. The site's side
is apart, and not imported here:

    labels     the labels table (tracks, types, rooms in each language)
    kind       PROGRAMME, the kind: read into the catalog, release, pages
    views      what the templates print, in one page language
    generator  writes the pages, the .ics files and schedule.xml
"""

from __future__ import annotations

from smex_site.convening.keys import PROGRAMME
from smex_site.validation.discover import DATA_FOLDER

from .calendar import programme_ics, session_ics
from .checks import edition_span
from .frab_xml import schedule_xml
from .model import Day, Link, Programme, Session, Speaker
from .queries import by_day_and_time, facets, find, now_next, speakers
from .reader import load, parse
from .safe import bare_text, plain_text, render_untrusted, strip_tags
from .structured import session_data, session_jsonld

FOLDER = f"{DATA_FOLDER}/{PROGRAMME}"  # inside PATH: data/programme/<year>.json

__all__ = [
    "FOLDER",
    "Day",
    "Link",
    "Programme",
    "Session",
    "Speaker",
    "bare_text",
    "by_day_and_time",
    "edition_span",
    "facets",
    "find",
    "load",
    "now_next",
    "parse",
    "plain_text",
    "programme_ics",
    "render_untrusted",
    "schedule_xml",
    "session_data",
    "session_ics",
    "session_jsonld",
    "speakers",
    "strip_tags",
]
