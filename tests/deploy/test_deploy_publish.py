"""The publish build: any base path, precompressed files, _headers, security.txt,
the <meta> tags for hosts without headers, and a SITE_URL that cannot work."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import brotli

from smex_site import headers
from tests.gates.links import link_problems
from tests.production import ONION, publish
from tests.sitecheck import ROOT
from tools.build.swap import PRECOMPRESSED

TEXT_FILES = ("*.html", "*.css", "*.js", "*.svg", "*.xml", "*.json", "*.ics", "*.txt")
URL_IN_TEXT = re.compile(r"""https?://[^\s"'<>()\\]+""")
ROOT_RELATIVE = re.compile(r"""(?:href|src|action|content)=["'](/(?!/)[^"']*)""")


def text_files(root: Path) -> list[Path]:
    return sorted(p for pattern in TEXT_FILES for p in root.rglob(pattern))


# -- any base path ------------------------------------------------------------------


def test_every_link_of_the_subpath_build_resolves_where_nginx_serves_it(production):
    sub = production.sub
    # Checked from the folder nginx serves, with only the host as "this site":
    # a URL that left /smex-site/ points at a file that is not there.
    problems = link_problems(sub.served_root, siteurl=sub.origin)
    assert not problems, "\n".join(problems[:30])


def test_every_url_of_the_subpath_build_stays_under_it(production):
    sub = production.sub
    prefix = sub.origin + sub.base
    checked = 0
    for path in text_files(sub.site.root):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ics":
            text = text.replace("\n ", "")  # unfold (read_text made CRLF into LF)
        for url in URL_IN_TEXT.findall(text):
            if url.startswith(sub.origin):
                checked += 1
                assert url.startswith(prefix) or url == prefix[:-1], f"{sub.site.rel(path)}: {url}"
        for url in ROOT_RELATIVE.findall(text):
            assert url.startswith(sub.base), f"{sub.site.rel(path)}: root-relative {url}"
    assert checked > 1000
    # the edition's Links: written root-relative by editors, rewritten at build time
    edition = sub.site.soup("en/convening/2023/index.html")
    hrefs = [a["href"] for a in edition.select(".edition-links a")]
    assert hrefs == [prefix + "en/news/breadnet-2023-proposals-closed/"]
    robots = sub.site.read("robots.txt")
    assert "Disallow: /smex-site/pagefind/" in robots and robots.endswith(f"{prefix}sitemap.xml\n")


def test_a_trailing_slash_in_site_url_changes_nothing(production):
    root = production.root  # built with SITE_URL=http://127.0.0.1:<port>/
    home = root.site.read("en/index.html")
    assert root.origin + "//" not in home and "/en//" not in home
    assert root.site.soup("en/about/index.html").select_one("link[rel=canonical]")["href"] == (
        root.origin + "/en/about/"
    )


def test_a_site_url_that_is_not_an_absolute_url_stops_the_build(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    for bad in ("smex.example/smex-site", "/smex-site", "ftp://smex.example", "https://"):
        env = {**os.environ, "SITE_URL": bad}
        command = [sys.executable, "-m", "tools.build.sitebuild", "--settings", "publishconf.py"]
        command += ["--output", str(output), "--set", f'CACHE_PATH="{tmp_path / "cache"}"']
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 2, bad
        assert f"SITE_URL: {bad!r} is not an absolute http(s) URL" in done.stderr, done.stderr
        assert "e.g. SITE_URL=https://example.org" in done.stderr
        assert "Traceback" not in done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no staging left
        assert [p.name for p in output.iterdir()] == ["index.html"]
        assert (output / "index.html").read_text(encoding="utf-8") == "the previous site"


# -- precompressed files ---------------------------------------------------------------


def test_every_text_file_has_gzip_and_brotli_twins_that_decompress_to_it(production):
    site = production.root.site
    texts = text_files(site.root)
    assert {p.suffix for p in texts} >= {".html", ".css", ".js", ".svg", ".xml", ".json", ".ics"}
    for path in texts:
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz").read_bytes()
        assert gz[4:8] == b"\0\0\0\0", f"{site.rel(path)}.gz stores a time"
        assert gzip.decompress(gz) == data, site.rel(path)
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data
    for path in site.root.rglob("*"):
        if path.suffix in (".gz", ".br"):
            assert path.with_suffix("").suffix in PRECOMPRESSED, site.rel(path)
    # binary files, and what the host reads rather than sends, stay alone
    assert not list(site.root.rglob("*.woff2.gz")) and not list(site.root.rglob("*.pdf.gz"))
    assert not (site.root / "_headers.gz").exists()


def test_two_publish_builds_are_byte_identical(production, tmp_path):
    first = production.root.site
    again = publish(
        tmp_path, "again", tmp_path / "cache", production.content, SITE_URL=first.siteurl + "/"
    )
    names = sorted(p.relative_to(first.root) for p in first.root.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again.root) for p in again.root.rglob("*") if p.is_file())
    for name in names:
        assert (first.root / name).read_bytes() == (again.root / name).read_bytes(), name


def test_development_builds_are_not_precompressed(site):
    assert not list(site.root.rglob("*.gz")) and not (site.root / "_headers").exists()


# -- _headers, security.txt, the <meta> tags -------------------------------------------


def test_headers_file_gives_security_headers_to_all_and_a_year_to_hashed_files(production):
    site = production.root.site
    text = site.read("_headers")
    rules: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, [])
        elif line.startswith("  "):
            current.append(line.strip())
    assert rules["/*"] == [f"{k}: {v}" for k, v in headers.SECURITY_HEADERS.items()]
    hashed = {"/" + site.rel(p) for p in (site.root / "theme").rglob("*")}
    hashed = {p for p in hashed if headers.is_hashed(p) and not p.endswith((".gz", ".br"))}
    assert len(hashed) >= 8
    # the citation files' types (tests/publications/test_cite_serving.py)
    typed = {path for path, found in rules.items() if found[0].startswith("Content-Type: ")}
    assert set(rules) - {"/*"} - typed == hashed
    for path in hashed:
        assert rules[path] == [f"Cache-Control: {headers.IMMUTABLE}"]
    assert not any(v.startswith("Cache-Control") for v in rules["/*"])  # hosts would join them


def test_security_txt_follows_rfc_9116(production, site):
    text = production.root.site.read(".well-known/security.txt")
    fields = [line.split(": ", 1) for line in text.strip().splitlines()]
    assert fields == [
        ["Contact", "mailto:info@smex.example"],
        ["Expires", "2024-04-17T00:00:00Z"],  # FROZEN_NOW 2023-10-20 + 180 days
        ["Preferred-Languages", "ar, en"],
        ["Canonical", production.root.origin + "/.well-known/security.txt"],
    ]
    # a development build has no absolute address to be canonical at
    assert "Canonical" not in site.read(".well-known/security.txt")


def test_pages_host_build_carries_the_policy_in_a_meta_tag_first(production):
    sub, root = production.sub.site, production.root.site
    for rel in ("index.html", "en/about/index.html", "en/search/index.html", "404.html"):
        head = sub.soup(rel).head
        first = head.find(["meta", "link", "script", "style"], recursive=False)
        assert first.get("charset") == "utf-8"
        meta = first.find_next_sibling("meta")
        assert meta.get("http-equiv") == "Content-Security-Policy", rel
        assert meta["content"] == headers.meta_csp()
        assert "frame-ancestors" not in meta["content"]  # ignored in a meta tag
        assert "default-src 'self'" in meta["content"] and "'wasm-unsafe-eval'" in meta["content"]
        assert not root.soup(rel).select('meta[http-equiv="Content-Security-Policy"]'), rel
        for soup in (sub.soup(rel), root.soup(rel)):
            assert soup.select_one('meta[name="referrer"]')["content"] == "no-referrer"


def test_onion_location_meta_names_the_same_page_on_the_mirror(production):
    sub, root = production.sub.site, production.root.site
    for rel, path in (("index.html", "/"), ("en/about/index.html", "/en/about/")):
        meta = sub.soup(rel).select_one('meta[http-equiv="onion-location"]')
        assert meta["content"] == ONION + path
        assert not root.soup(rel).select('meta[http-equiv="onion-location"]')
    assert urlsplit(ONION).hostname.endswith(".onion")


def test_a_bad_onion_address_stops_the_build(tmp_path):
    env = {**os.environ, "SITE_URL": "https://smex.example", "SITE_ONION_URL": "smex.example"}
    command = [sys.executable, "-m", "tools.build.sitebuild", "--settings", "publishconf.py"]
    command += ["--no-search", "--output", str(tmp_path / "out")]
    command += ["--set", f'CACHE_PATH="{tmp_path / "cache"}"']
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "SITE_ONION_URL: 'smex.example' is not an onion address" in done.stderr
    assert not (tmp_path / "out").exists()
