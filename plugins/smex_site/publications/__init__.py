"""Publications (reports): a filterable index, report pages, citations, a feed.

kind       the REPORT declaration: keys, parsers, checks, pages
model      Publication and its parts; where pages live
load       checked entries -> models, at the build's "now"
views      what templates print; cite: BibTeX, RIS, JSON-LD, Scholar tags
generator  writes index, type and year pages, report pages; feed: Atom
"""

from .generator import PublicationsGenerator
from .kind import REPORT

__all__ = ["REPORT", "PublicationsGenerator"]
