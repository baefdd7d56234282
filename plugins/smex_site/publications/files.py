"""Citation files: each report's cite.bib / cite.ris / cite.json beside its
page, and the library (every listed report of a list) beside each list.

A list's library holds exactly the reports the list shows: the index (every
published report of its language), a type's or a year's page (that subset).
`library-all.*` beside the main language's index holds every language's.
Hidden reports have their own files (their page exists) and are in no
library; drafts and scheduled reports are not loaded at all (load.py).
The servers send these files with the types headers.py names.
"""

from __future__ import annotations

from pathlib import Path

from . import cite

FORMATS = {  # suffix -> (type, label on the page)
    "bib": ("application/x-bibtex", "BibTeX"),
    "ris": ("application/x-research-info-systems", "RIS"),
    "json": ("application/vnd.citationstyles.csl+json", "CSL-JSON"),
}
LIBRARY = "library"
LIBRARY_ALL = "library-all"


def texts(views: list) -> dict[str, str]:
    """suffix -> the file's text, for one report or a whole list, in list order."""
    return {
        "bib": "".join(view.bibtex + "\n\n" for view in views),
        "ris": "".join(view.ris + "\n\n" for view in views),
        "json": cite.csl_json([view.csl for view in views]),
    }


def write(folder: Path, stem: str, views: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, text in texts(views).items():
        (folder / f"{stem}.{suffix}").write_text(text, encoding="utf-8", newline="\n")


def links(url_of, folder: str, stem: str) -> list[dict]:
    """What a page's <link rel="alternate"> and download list print for one set."""
    return [
        {"url": url_of(f"{folder}{stem}.{suffix}"), "type": media_type, "label": label}
        for suffix, (media_type, label) in FORMATS.items()
    ]
