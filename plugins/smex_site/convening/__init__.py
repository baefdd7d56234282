"""The convening: editions, the countdown to the next milestone, the archive,
and each edition's programme.

kind       the EDITION declaration: keys, parsers (fields), checks, pages
model      Edition, When, Milestone…; load: checked entries -> models
countdown  which milestone comes next, at a given instant (pure)
views      what templates print; calendar: the .ics files
generator  writes the index, the edition pages and calendars
programme/ pretalx's export: the data layer, and the PROGRAMME kind, its
           views and generator (programme pages, sessions, speakers, files)
"""

from .generator import ConveningGenerator
from .kind import EDITION
from .programme.generator import ProgrammeGenerator
from .programme.kind import PROGRAMME

__all__ = ["EDITION", "PROGRAMME", "ConveningGenerator", "ProgrammeGenerator"]
