"""`invoke serve` (tools/deploy/serve.py) behaves like the production server: the
headers of plugins/smex_site/headers.py, each language's 404, no folder
listings, nothing from outside its root."""

from __future__ import annotations

import contextlib
import http.client
from urllib.parse import urlsplit

import pytest

from smex_site import headers
from tools.deploy.serve import serve_in_thread


@contextlib.contextmanager
def served(root, onion=None):
    httpd, base = serve_in_thread(root)
    httpd.onion = onion
    try:
        yield urlsplit(base).netloc
    finally:
        httpd.shutdown()
        httpd.server_close()


def get(netloc: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """A raw request: http.client sends the path exactly as written (no ../ folding)."""
    conn = http.client.HTTPConnection(netloc, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def theme_file(site, folder: str, suffix: str) -> str:
    return "/" + site.rel(next((site.root / "theme" / folder).glob(f"*{suffix}")))


@pytest.fixture(scope="module")
def local(site):
    with served(site.root) as netloc:
        yield netloc


def test_every_response_carries_the_production_headers(site, local):
    paths = ["/", "/en/about/", theme_file(site, "css", ".css")]
    paths += [theme_file(site, "fonts", ".woff2"), "/en/feeds/all.atom.xml", "/no-such-page/"]
    for path in paths:
        status, got, _ = get(local, path)
        assert status in (200, 404), path
        for name, value in headers.SECURITY_HEADERS.items():
            assert got.get(name.lower()) == value, f"{path}: {name}"
        assert "onion-location" not in got, path


def test_hashed_files_are_immutable_everything_else_revalidates(site, local):
    for path in (theme_file(site, "css", ".css"), theme_file(site, "fonts", ".woff2")):
        assert get(local, path)[1]["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/en/feeds/all.atom.xml", "/pagefind/pagefind-entry.json", "/theme/fonts/"):
        assert get(local, path)[1]["cache-control"] == "no-cache", path
    # a missing hashed name is a 404 page, which must not be kept for a year
    status, got, _ = get(local, "/theme/css/main.0000000000.css")
    assert status == 404 and got["cache-control"] == "no-cache"


def test_each_language_gets_its_own_404_page(site, local):
    status, _, body = get(local, "/no/such/page/")
    assert status == 404 and body == (site.root / "404.html").read_bytes()
    status, _, body = get(local, "/en/no/such/page/")
    assert status == 404 and body == (site.root / "en/404.html").read_bytes()


def test_no_folder_listing_and_nothing_from_outside_the_root(tmp_path, capfd):
    root = tmp_path / "output"
    (root / "en").mkdir(parents=True)
    (root / "files").mkdir()
    (root / "files/report.pdf").write_bytes(b"%PDF-1.4")
    (root / "404.html").write_text("<p>ar 404</p>", encoding="utf-8")
    (root / "en/404.html").write_text("<p>en 404</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("OUTSIDE", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("OUTSIDE", encoding="utf-8")
    with served(root) as netloc:
        # above the root, or a NUL that names no file: 400 Bad Request, as nginx answers
        bad = ("/../404.html", "/../secret.txt", "/%2e%2e/secret.txt", "/en/../../x")
        for path in (*bad, "/%00", "/en/404%00.html", "/files/%00/"):
            status, _, body = get(netloc, path)
            assert status == 400 and b"OUTSIDE" not in body, path
        status, _, body = get(netloc, "/files/")
        assert status == 404 and b"report.pdf" not in body
        status, _, body = get(netloc, "/en/../en/x")
        assert status == 404 and body == b"<p>en 404</p>"
    assert "Traceback" not in capfd.readouterr().err  # a bad path is answered, not a crash


def test_onion_location_names_the_same_page_on_the_onion_mirror(site):
    onion = "http://smexmirrorexampleexampleexampleexampleexampleexample23.onion"
    with served(site.root, onion=onion) as netloc:
        assert get(netloc, "/en/about/")[1]["onion-location"] == f"{onion}/en/about/"
        assert get(netloc, "/")[1]["onion-location"] == f"{onion}/"
