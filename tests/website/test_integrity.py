"""Subresource Integrity: every script and stylesheet a page loads names the
SHA-384 of the very bytes the site serves under that address."""

from __future__ import annotations

import base64
import hashlib

from tests.sitecheck import BuiltSite


def _sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def test_every_script_and_stylesheet_carries_the_hash_of_what_is_served(site: BuiltSite):
    checked = 0
    for path in site.html_files():
        soup = site.soup(site.rel(path))
        loaded = [(t, t.get("src")) for t in soup.find_all("script", src=True)]
        loaded += [(t, t.get("href")) for t in soup.select("link[rel~=stylesheet]")]
        base = site.url_of(path)
        for tag, url in loaded:
            target = site.resolve(url, base)
            assert target is not None, f"{site.rel(path)}: {url} is not a built file"
            assert tag.get("integrity") == _sri(target.read_bytes()), f"{site.rel(path)}: {url}"
            if tag.name == "script":  # Integrity-Policy admits only CORS-mode scripts
                assert tag.get("crossorigin") == "anonymous", f"{site.rel(path)}: {url}"
            checked += 1
    assert checked > len(site.html_files())  # a stylesheet on every page, and scripts


def test_a_changed_file_no_longer_matches(site: BuiltSite):
    soup = site.soup("index.html")
    sheet = soup.select_one("link[rel~=stylesheet]")
    served = site.resolve(sheet["href"]).read_bytes()
    assert sheet["integrity"] == _sri(served)
    assert sheet["integrity"] != _sri(served + b"\n/* changed on a mirror */")
