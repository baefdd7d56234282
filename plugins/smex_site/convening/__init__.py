"""The convening: editions, the countdown to the next milestone, the archive.

kind       the EDITION declaration: keys, parsers (fields), checks, pages
model      Edition, When, Milestone…; load: checked entries -> models
countdown  which milestone comes next, at a given instant (pure)
views      what templates print; calendar: the .ics files
generator  writes the index, the edition pages and calendars
"""

from .generator import ConveningGenerator
from .kind import EDITION

__all__ = ["EDITION", "ConveningGenerator"]
