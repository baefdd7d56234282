"""The A–Z and by-topic index page and the download page, in both languages."""

from __future__ import annotations

import zipfile

from bs4 import BeautifulSoup

from tests.offline.support import DATE, LANGS, SITE_URL
from tests.website.test_held_back import VERSIONS
from tools.offline import manifest

LISTED_KINDS = ("news", "article", "page", "report")  # what the A–Z page lists


def test_the_a_to_z_page_lists_every_published_item_and_nothing_held_back(offline):
    for lang in LANGS:
        prefix = "" if lang == "ar" else "en/"
        soup = BeautifulSoup((offline.site / prefix / "a-z/index.html").read_text(), "html.parser")
        listing = soup.select_one("[data-site-index]")
        text = listing.get_text(" ")
        for v in VERSIONS:
            if v.lang != lang or v.kind not in LISTED_KINDS:
                continue
            if v.state == "published":
                assert v.marker in text, f"{v}: published but not in the {lang} A–Z page"
            else:  # hidden, draft and future-dated items are no listing's
                assert v.marker not in text, f"{v} ({v.state}) is on the {lang} A–Z page"
        assert listing.select("h2[id^=letter-]") and soup.select_one("#by-topic")
        assert not soup.select("main script"), "the index needs no script"
        search = BeautifulSoup(
            (offline.site / prefix / "search/index.html").read_text(), "html.parser"
        )
        assert search.select_one(f'a[href="{SITE_URL}/{prefix}a-z/"]'), lang
        assert search.select_one(f'a[href="{SITE_URL}/{prefix}download/"]'), lang
        footer = soup.select_one("footer")
        assert footer.select_one(f'a[href="{SITE_URL}/{prefix}download/"]'), lang


def test_the_download_page_states_each_file_with_size_date_and_sha256(offline):
    files = [made.path for made in offline.report.made]
    assert sorted(f.name for f in files) == [
        f"smex-{lang}-{DATE}.{ext}" for lang in LANGS for ext in ("zim", "zip")
    ]
    for lang in LANGS:
        prefix = "" if lang == "ar" else "en/"
        soup = BeautifulSoup(
            (offline.site / prefix / "download/index.html").read_text(), "html.parser"
        )
        assert soup.select_one("[data-offline-none]").has_attr("hidden")
        listing = soup.select_one("[data-offline-list]")
        assert not listing.has_attr("hidden")
        rows = listing.find_all("li")
        assert len(rows) == len(files), lang
        size_label, date_label = ("الحجم", "التاريخ") if lang == "ar" else ("Size", "Date")
        for row, path in zip(rows, files, strict=True):
            text = row.get_text()
            assert row.a["href"] == f"{SITE_URL}/offline/{path.name}" and row.a.has_attr("download")
            assert row.time["datetime"] == DATE and f"{date_label}: {DATE}" in text
            assert row.code.get_text() == manifest.file_hash(path)
            units = ("كيلوبايت", "ميغابايت") if lang == "ar" else ("kilobytes", "megabytes")
            assert f"{size_label}: " in text and any(unit in text for unit in units), text
        assert soup.select_one(f'a[href="{SITE_URL}/SHA256SUMS"]')
        # the bundle carries the page as built, before the files existed: no link to them
        with zipfile.ZipFile(offline.bundle(lang, "zip")) as archive:
            inside = archive.read(f"smex-{lang}-{DATE}/{prefix}download/index.html").decode()
        assert "<p data-offline-none>" in inside and "/offline/smex-" not in inside
        assert "<ul data-offline-list hidden" in inside
