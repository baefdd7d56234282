"""Theme files are published under content-hashed names (caches keep them a year)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urljoin

import pytest

from tests.gates.links import CSS_URL

HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<suffix>\.[a-z0-9]+)$")


def test_every_theme_file_but_the_licence_carries_the_hash_of_its_bytes(site):
    files = sorted(p for p in (site.root / "theme").rglob("*") if p.is_file())
    assert len(files) >= 10
    for path in files:
        if path.suffix == ".txt":  # the font licence keeps its name
            assert not HASHED.match(path.name), path
            continue
        match = HASHED.match(path.name)
        assert match, f"{site.rel(path)} has no content hash in its name"
        assert match["hash"] == hashlib.sha256(path.read_bytes()).hexdigest()[:10], path
    assert not (site.root / "theme/css/main.css").exists()


def test_pages_name_hashed_assets_and_no_query_fingerprints(site):
    for rel in ("index.html", "en/search/index.html", "publications/index.html"):
        soup = site.soup(rel)
        urls = [el.get("href") or el.get("src") for el in soup.select("link[href], script[src]")]
        theme = [u for u in urls if "/theme/" in u]
        assert theme, rel
        for url in urls:
            assert "?v=" not in url, f"{rel}: {url}"
        for url in theme:
            assert HASHED.match(url.rsplit("/", 1)[1]), f"{rel}: {url}"
            assert site.resolve(url) is not None, f"{rel}: {url} was not built"


@pytest.mark.parametrize(
    ("rel", "font"), [("index.html", "arabic-digits"), ("en/index.html", "latin")]
)
def test_font_preload_is_exactly_the_url_the_stylesheet_asks_for(site, rel, font):
    # both weights of the page's own script (the headings' bold swapped in
    # late and shifted the page); never the other script's file
    soup = site.soup(rel)
    preloads = [link["href"] for link in soup.select("link[rel=preload][as=font]")]
    css_href = soup.select_one("link[rel=stylesheet]")["href"]
    css = site.resolve(css_href).read_text(encoding="utf-8")
    used = {urljoin(css_href, next(g for g in m.groups() if g)) for m in CSS_URL.finditer(css)}
    assert len(preloads) == 2, preloads
    for preload, weight in zip(preloads, ("-400", "-700"), strict=True):
        assert preload in used, f"{preload} is not one of the stylesheet's fonts: {sorted(used)}"
        assert font in preload and weight in preload
        assert site.resolve(preload) is not None


@pytest.mark.parametrize(
    ("rel", "extra"),
    [
        # "Room B" has no Arabic label: its Latin name is the Arabic page's h1
        ("convening/2025/programme/room/room-b/index.html", "latin-700-normal"),
        ("en/convening/2025/programme/room/room-b/index.html", None),
        # labelled in both languages (labels.toml): nothing more
        ("convening/2025/programme/track/digital-security/index.html", None),
    ],
)
def test_a_heading_in_the_other_script_has_its_bold_preloaded(gate_site, rel, extra):
    soup = gate_site.soup(rel)
    preloads = [link["href"] for link in soup.select("link[rel=preload][as=font]")]
    own = "arabic-digits" if soup.html["dir"] == "rtl" else "latin"
    assert all(own in href for href in preloads[:2]), preloads
    assert len(preloads) == (3 if extra else 2), preloads
    if extra:
        assert extra in preloads[2] and gate_site.resolve(preloads[2]) is not None
        assert soup.select_one("h1 bdi[lang=en][dir=ltr]").get_text() == "Room B"
