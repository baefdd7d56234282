"""The offline edition's tests (tools/offline, `invoke offline`, `invoke verify`),
proven by the clients that read it: Chromium over file://, Debian's
kiwix-serve, libzim's reader, sha256sum and ssh-keygen.

One publish build of the gates' content (every page kind, the embargoed 2023
programme) plus the held-back matrix of tests/website/test_held_back.py, at
FROZEN_NOW, and one `invoke offline` over it, for the whole session
(conftest.py `offline`, made by build_offline here).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests import sitecheck
from tests.production import publish
from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, programme_content
from tests.website.test_held_back import VERSIONS, write_matrix, written
from tools.offline import build as offline_build

DATE = "2023-10-20"  # FROZEN_NOW's date: the bundles' names and timestamps
SITE_URL = "https://smex.example"
LANGS = tuple(sitecheck.LANGS)
HELD_BACK = [v for v in VERSIONS if not written(v.state)]


@dataclass
class Offline:
    site: Path  # the published site, with offline/ and SHA256SUMS
    unzipped: Path  # both zips, unzipped side by side
    report: offline_build.OfflineReport

    def bundle(self, lang: str, ext: str) -> Path:
        return self.site / "offline" / f"smex-{lang}-{DATE}.{ext}"

    def top(self, lang: str) -> Path:
        return self.unzipped / f"smex-{lang}-{DATE}"


def build_offline(work: Path) -> Offline:
    """The one publish build and offline run the tests share."""
    content = programme_content(work / "content", GATE_PROGRAMMES, beside=GATE_BESIDE)
    write_matrix(content)
    built = publish(work, "site", work / "cache", content, SITE_URL=SITE_URL)
    from pelicanconf import SITE_LANGUAGES

    report = offline_build.run(
        built.root, DATE, cache=work / "offline-cache", languages=SITE_LANGUAGES
    )
    unzipped = work / "unzipped"
    for lang in LANGS:
        with zipfile.ZipFile(built.root / "offline" / f"smex-{lang}-{DATE}.zip") as archive:
            archive.extractall(unzipped)
    return Offline(built.root, unzipped, report)


def bundle_texts(offline: Offline, lang: str) -> dict[str, str]:
    with zipfile.ZipFile(offline.bundle(lang, "zip")) as archive:
        return {
            name: archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if not name.endswith((".pdf", ".woff2", ".png"))
        }


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on(
        "response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    # Leaving a page aborts what it still loads (its icon): that is not a missing
    # file, which fails as ERR_FILE_NOT_FOUND (file://) or answers 404 (http).
    page.on(
        "requestfailed",
        lambda r: (
            None
            if "ERR_ABORTED" in (r.failure or "")
            else problems.append(f"failed: {r.url} {r.failure}")
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return problems
