"""The convening's programme, from pretalx's schedule export (issue 13).

Everything here works without Pelican: plain inputs in, plain data out.

    reader.load(path, rel=, edition_years=, timezone=, start=, end=)
        -> (Programme | None, [Problem])     read and check one <year>.json
    queries.by_day_and_time / facets / now_next / speakers / find
    calendar.session_ics / programme_ics     .ics files (UIDs from guid)
    frab_xml.schedule_xml                    schedule.xml for offline apps
    structured.session_jsonld                schema.org Event JSON-LD
    safe.render_untrusted                    speakers' Markdown, inert

Only relative imports inside; from the rest of the plugin only jsonld and
validation.Problem, so the package can move under convening/ as it is.
"""

from __future__ import annotations

from .calendar import programme_ics, session_ics
from .checks import edition_span
from .frab_xml import schedule_xml
from .model import Day, Link, Programme, Session, Speaker
from .queries import by_day_and_time, facets, find, now_next, speakers
from .reader import load, parse
from .safe import plain_text, render_untrusted
from .structured import session_data, session_jsonld

FOLDER = "data/programme"  # inside PATH: data/programme/<year>.json

__all__ = [
    "FOLDER",
    "Day",
    "Link",
    "Programme",
    "Session",
    "Speaker",
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
]
