"""Debian's nginx with deploy/nginx.conf serves the publish build: headers,
caching, precompressed files, each language's 404 (tests/production.py)."""

from __future__ import annotations

import gzip
import http.client
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from smex_site import headers
from tests.production import ONION
from tests.sitecheck import ROOT
from tools.deploy import nginx as nginx_conf

IMMUTABLE = "public, max-age=31536000, immutable"


def get(served, path: str, **request_headers: str):
    """(status, headers with lower-case names, body) for a raw GET of origin + path."""
    conn = http.client.HTTPConnection(urlsplit(served.origin).netloc, timeout=10)
    try:
        conn.request("GET", path, headers=request_headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def theme_path(served, folder: str, suffix: str) -> str:
    found = sorted((served.site.root / "theme" / folder).glob(f"*{suffix}"))
    assert found, f"no {suffix} in theme/{folder}"
    return served.base + served.site.rel(found[0])


def test_the_committed_nginx_conf_is_what_the_generator_writes():
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SITE_ONION_URL")}
    done = subprocess.run(
        [sys.executable, "-m", "tools.deploy.nginx", "--output", "-"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == nginx_conf.COMMITTED.read_text(encoding="utf-8"), (
        "deploy/nginx.conf is out of date: run `invoke nginx-conf` and commit it"
    )


def test_generator_follows_the_definition_and_the_base_path():
    text = nginx_conf.render(base_path="/smex-site/", onion=ONION, languages=("en", "fr"))
    for name, value in headers.SECURITY_HEADERS.items():
        # every location repeats the list, or nginx drops the outer one
        assert text.count(f'add_header {name} "{value}" always;') == 4, name
    assert "error_page 403 404 =404 /smex-site/404.html;" in text
    assert "error_page 403 404 =404 /smex-site/fr/404.html;" in text
    assert f'add_header Onion-Location "{ONION}$site_path" always;' in text
    assert "Onion-Location" not in nginx_conf.render()


@pytest.mark.parametrize("server", ["root", "sub"])
def test_html_css_fonts_feeds_and_calendars_carry_the_production_headers(production, server):
    served = getattr(production, server)
    base = served.base
    checks = {
        base: "text/html",
        base + "en/about/": "text/html",
        theme_path(served, "css", ".css"): "text/css",
        theme_path(served, "fonts", ".woff2"): "font/woff2",
        theme_path(served, "js", ".js"): "application/javascript",
        base + "feeds/all.atom.xml": "text/xml",
        base + "en/feeds/all.atom.xml": "text/xml",
        base + "convening/2023/bread-and-net-2023.ics": "text/calendar",
        base + ".well-known/security.txt": "text/plain",
        base + "no/such/page/": "text/html",
    }
    for path, content_type in checks.items():
        status, got, _ = get(served, path)
        assert status == (404 if "no/such" in path else 200), path
        assert got["content-type"].startswith(content_type), f"{path}: {got['content-type']}"
        for name, value in headers.SECURITY_HEADERS.items():
            assert got.get(name.lower()) == value, f"{path}: {name}: {got.get(name.lower())}"
        if server == "root":
            assert "onion-location" not in got, path
    status, got, _ = get(production.sub, "/smex-site/en/about/")
    assert got["onion-location"] == f"{ONION}/en/about/"


def test_hashed_files_are_kept_a_year_pages_feeds_and_the_index_revalidate(production):
    served = production.root
    for folder, suffix in (("css", ".css"), ("fonts", ".woff2"), ("js", ".js"), ("images", ".svg")):
        assert get(served, theme_path(served, folder, suffix))[1]["cache-control"] == IMMUTABLE
    for path in (
        "/",
        "/en/",
        "/feeds/all.atom.xml",
        "/sitemap.xml",
        "/pagefind/pagefind-entry.json",
    ):
        status, got, _ = get(served, path)
        assert status == 200 and got["cache-control"] == "no-cache", path
        # revalidation is cheap: the validator gives a 304 without a body
        status, _, body = get(served, path, **{"If-None-Match": got["etag"]})
        assert status == 304 and body == b"", path
    # a hashed-looking name that is missing: the 404 page, never cached for a year
    status, got, _ = get(served, "/theme/css/main.0000000000.css")
    assert status == 404 and got["cache-control"] == "no-cache"
    sub = production.sub
    assert get(sub, theme_path(sub, "css", ".css"))[1]["cache-control"] == IMMUTABLE


def test_precompressed_gzip_is_sent_when_asked_for(production):
    served = production.root
    for path in ("/", "/en/about/", theme_path(served, "css", ".css"), "/feeds/all.atom.xml"):
        file = served.site.resolve(path)
        status, got, body = get(served, path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and got["content-encoding"] == "gzip", path
        assert got["vary"] == "Accept-Encoding", path
        assert body == file.with_name(file.name + ".gz").read_bytes(), path  # the file, as it is
        assert gzip.decompress(body) == file.read_bytes(), path
        status, got, body = get(served, path)
        assert "content-encoding" not in got and body == file.read_bytes(), path
    # Debian's nginx has no brotli module: asking for br alone gets the plain file
    status, got, body = get(served, "/", **{"Accept-Encoding": "br"})
    assert "content-encoding" not in got and body == (served.site.root / "index.html").read_bytes()


@pytest.mark.parametrize("server", ["root", "sub"])
def test_each_language_gets_its_own_404_page_and_no_folder_is_listed(production, server):
    served = getattr(production, server)
    arabic = (served.site.root / "404.html").read_bytes()
    english = (served.site.root / "en/404.html").read_bytes()
    assert arabic != english
    for path, page in (
        ("x", arabic),
        ("no/such/page/", arabic),
        ("en/x", english),
        ("en/no/such/page/", english),
        ("theme/", arabic),  # a folder without index.html: not found, never a listing
        ("en/convening/2023/x.ics", english),
    ):
        status, got, body = get(served, served.base + path)
        assert status == 404 and body == page, f"{path}: {status}"
        assert got["cache-control"] == "no-cache"
    status, got, _ = get(served, served.base + "en")  # a folder without its slash
    assert status == 301 and got["location"].endswith(served.base + "en/")
    assert get(served, "/../etc/passwd")[0] == 400
