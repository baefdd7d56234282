"""The ZIMs, read by libzim and served by Debian's kiwix-serve."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.gates.pages import sample_pages
from tests.offline.support import DATE, LANGS, watch
from tests.production import free_port
from tools.offline import site as published


def test_libzim_finds_every_page_and_every_link_resolves(offline):
    from libzim.reader import Archive

    site = published.read(offline.site)
    for lang in LANGS:
        archive = Archive(str(offline.bundle(lang, "zim")))
        assert archive.has_fulltext_index and archive.has_title_index
        png = bytes(archive.get_illustration_item(48).content)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (48).to_bytes(4, "big") * 2
        meta = {
            key: bytes(archive.get_metadata(key)).decode()
            for key in archive.metadata_keys
            if not key.startswith("Illustration")
        }
        for key in (
            "Name",
            "Title",
            "Description",
            "Language",
            "Creator",
            "Publisher",
            "Date",
            "Tags",
        ):
            assert meta.get(key), f"{lang}: ZIM metadata {key} missing"
        assert meta["Language"] == {"ar": "ara", "en": "eng"}[lang] and meta["Date"] == DATE
        home = BeautifulSoup(
            (offline.site / site.prefixes[lang] / "index.html").read_text(), "lxml"
        )
        assert meta["Description"] == home.find("meta", attrs={"name": "description"})["content"]
        assert meta["Title"] == home.title.get_text(strip=True)
        home = "index.html" if lang == "ar" else "en/index.html"
        assert archive.main_entry.get_item().path == home
        for rel in site.pages(lang):
            assert archive.has_entry_by_path(rel), f"{lang}: {rel} not in the ZIM"
            html = bytes(archive.get_entry_by_path(rel).get_item().content).decode()
            for url in re.findall(r'(?:href|src)="([^"#?]+)', html):
                if url.startswith(("http://", "https://", "mailto:")):
                    continue
                target = urllib.parse.urljoin("/" + rel, url).lstrip("/")
                assert archive.has_entry_by_path(urllib.parse.unquote(target)), f"{rel}: {url}"


@contextlib.contextmanager
def kiwix(zims: list[Path]):
    binary = shutil.which("kiwix-serve")
    if not binary:
        pytest.fail("kiwix-serve not found: run scripts/setup.sh (Debian package kiwix-tools)")
    port = free_port()
    command = [binary, "--nosearchbar", "--address=127.0.0.1", f"--port={port}", *map(str, zims)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        origin = f"http://127.0.0.1:{port}"
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(origin + "/", timeout=1).close()
                break
            time.sleep(0.1)
        yield origin
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_kiwix_serve_serves_every_page_kind_and_searches_arabic(offline, browser):
    books = {lang: f"smex-{lang}-{DATE}" for lang in LANGS}
    with kiwix([offline.bundle(lang, "zim") for lang in LANGS]) as origin:
        context = browser.new_context()
        page = context.new_page()
        problems = watch(page)
        for sample in sample_pages():
            path = sample.url.lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            answer = page.goto(f"{origin}/{books[sample.lang]}/{path}", wait_until="load")
            assert answer.status == 200, f"{sample.id}: kiwix-serve answered {answer.status}"
        context.close()
        query = urllib.parse.urlencode({"books.name": books["ar"], "pattern": "الرقمية"})
        with urllib.request.urlopen(f"{origin}/search?{query}", timeout=30) as answer:
            found = answer.read().decode()
    assert problems == [], problems
    hits = re.findall(rf'href="/{books["ar"]}/([^"]+\.html)"', found)
    assert hits, "kiwix-serve's full-text search found no Arabic page"
