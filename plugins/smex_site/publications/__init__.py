"""Publications (reports): a filterable index, report pages, citations, a feed.

kind       the REPORT declaration: keys, parsers, checks, pages
ids        Document-ID, Original-Language, DOI; the registry of published ids
model      Publication and its parts; where pages live
load       checked entries -> models, at the build's "now"
views      what templates print; cite: BibTeX, RIS, CSL-JSON, JSON-LD;
           tags: Scholar and Dublin Core meta tags, COinS; howto: How to cite
files      cite.bib/.ris/.json per report, the library of each list
generator  writes index, type and year pages, report pages; feed: Atom
"""

from .generator import PublicationsGenerator
from .kind import REPORT

__all__ = ["REPORT", "PublicationsGenerator"]
