"""The pages the browser gates visit: one of every kind, in both languages.

Adding a page kind is one line in PAGE_KINDS (and its budget in
tests/budget.toml). A listed page that the build did not write fails the gates;
nothing is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests import sitecheck

# kind -> path inside each language's subsite (the same slug in both).
PAGE_KINDS: dict[str, str] = {
    "home": "",
    "article": "articles/shrinking-civic-space/",
    "news-post": "news/annual-report-2022-7amleh/",
    "page": "about/",
    "category": "news/",
    "tag": "tag/advocacy/",
    "tags": "tag/",
    "archives": "archives/",
    "404": "404.html",
    "convening": "convening/",
    "edition": "convening/2023/",
    # The programme pages exist only on the gates' site (conftest.gate_site:
    # the shipped content plus the fixture programme tests/fixtures/programme/
    # bilingual.json as 2025); the session is the Arabic workshop, whose
    # speakers write in both scripts.
    "programme": "convening/2025/programme/",
    "session": "convening/2025/programme/tstbbb/",
    "speakers": "convening/2025/speakers/",
    # a day's grid (across the clock change), a room, a track, a speaker
    "programme-day": "convening/2025/programme/day/2025-10-25/",
    "room": "convening/2025/programme/room/room-b/",
    "track": "convening/2025/programme/track/digital-security/",
    "speaker": "convening/2025/speakers/spkaaa/",
    # what changed since the earlier import kept beside the fixture (sites.py)
    "programme-changes": "convening/2025/programme/changes/",
    "session-removed": "convening/2025/programme/tstzzz/",
    "programme-agenda": "convening/2025/programme/agenda/",  # My agenda (all cards hidden)
    "publications": "publications/",
    "publication": "publications/annual-report-2022-7amleh/",
    "publication-type": "publications/type/position-paper/",
    "search": "search/",
    # The offline edition's pages (tools/offline): the index readers get when
    # search cannot run, and the downloads (their table is filled by invoke offline).
    "a-z": "a-z/",
    "download": "download/",
}

# language -> the subsite's URL prefix.
LANGS: dict[str, str] = {lang: f"/{folder}" for lang, folder in sitecheck.LANGS.items()}

PHONE = 390
DESKTOP = 1366
NARROWEST = 320
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@dataclass(frozen=True)
class SamplePage:
    kind: str
    lang: str
    url: str  # site path, e.g. "/en/about/"

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.kind}"

    def file(self, root: Path) -> Path:
        rel = self.url.lstrip("/")
        return Path(root) / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def sample_pages(kinds: dict[str, str] | None = None) -> list[SamplePage]:
    kinds = PAGE_KINDS if kinds is None else kinds
    return [
        SamplePage(kind, lang, prefix + path)
        for lang, prefix in LANGS.items()
        for kind, path in kinds.items()
    ]


def missing_pages(root: Path, kinds: dict[str, str] | None = None) -> list[str]:
    """Listed pages the build did not write."""
    return [
        f"{page.id}: {page.url} was not built ({page.file(root)} missing)"
        for page in sample_pages(kinds)
        if not page.file(root).is_file()
    ]


def open_page(page, base_url: str, sample: SamplePage):
    """Navigate and insist the page is really there (the server's 404 page is not)."""
    response = page.goto(base_url + sample.url, wait_until="load")
    assert response is not None and response.status == 200, (
        f"{sample.id}: {sample.url} answered {response.status if response else 'nothing'}; "
        "a page listed in tests/gates/pages.py PAGE_KINDS must be built"
    )
    return response
