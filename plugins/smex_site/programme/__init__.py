"""The convening's programme, from pretalx's schedule export (issue 13).

Everything here works without Pelican: plain inputs in, plain data out.

    reader.load(path, rel=, edition_years=, timezone=, start=, end=)
        -> (Programme | None, [Problem])     read and check one <year>.json
    queries.by_day_and_time / facets / now_next / speakers / find
    safe.render_untrusted                    speakers' Markdown, inert

Only relative imports inside; from the rest of the plugin only jsonld and
validation.Problem, so the package can move under convening/ as it is.
"""

from __future__ import annotations

from .checks import edition_span
from .model import Day, Link, Programme, Session, Speaker
from .queries import by_day_and_time, facets, find, now_next, speakers
from .reader import load, parse
from .safe import plain_text, render_untrusted

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
    "render_untrusted",
    "speakers",
]
