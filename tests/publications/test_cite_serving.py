"""Citation files are sent with their registered types, charset UTF-8, by
`invoke serve` (tools/deploy/serve.py), Debian's nginx with deploy/nginx.conf, and
the `_headers` rules Netlify and Cloudflare Pages read; every other .json
stays application/json."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.deploy.test_deploy_nginx import get as nginx_get
from tests.deploy.test_deploy_serve import get as serve_get
from tests.deploy.test_deploy_serve import served

TYPES = {
    "publications/annual-report-2022-7amleh/cite.bib": "application/x-bibtex",
    "en/publications/annual-report-2022-7amleh/cite.ris": "application/x-research-info-systems",
    "publications/annual-report-2022-7amleh/cite.json": "application/vnd.citationstyles.csl+json",
    "en/publications/library.json": "application/vnd.citationstyles.csl+json",
    "publications/2022/library.bib": "application/x-bibtex",
    "en/publications/type/guide/library.ris": "application/x-research-info-systems",
    "publications/library-all.json": "application/vnd.citationstyles.csl+json",
}


def citation_files(root: Path) -> list[str]:
    names = re.compile(r"^(cite|library|library-all)\.(bib|ris|json)$")
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if names.match(p.name))


def test_invoke_serve_sends_the_registered_types(site):
    with served(site.root) as netloc:
        for path, media_type in TYPES.items():
            status, got, body = serve_get(netloc, "/" + path)
            assert status == 200, path
            assert got["content-type"] == f"{media_type}; charset=utf-8", path
            assert body == (site.root / path).read_bytes()
        other = next(site.root.glob("pagefind/*.json"))
        status, got, _ = serve_get(netloc, "/" + site.rel(other))
        assert status == 200 and got["content-type"] == "application/json", got


@pytest.mark.parametrize("server", ["root", "sub"])
def test_nginx_sends_the_registered_types(production, server):
    site = getattr(production, server)
    for path, media_type in TYPES.items():
        status, got, _ = nginx_get(site, site.base + path)
        assert status == 200, path
        assert got["content-type"] == f"{media_type}; charset=utf-8", path
        # the build's .gz beside it (gzip_static) keeps the type
        status, got, body = nginx_get(site, site.base + path, **{"Accept-Encoding": "gzip"})
        assert got.get("content-encoding") == "gzip", path
        assert got["content-type"] == f"{media_type}; charset=utf-8", path
        assert gzip.decompress(body) == (site.site.root / path).read_bytes()
    other = next(site.site.root.glob("pagefind/*.json"))
    status, got, _ = nginx_get(site, site.base + site.site.rel(other))
    assert status == 200 and got["content-type"].startswith("application/json"), got


def headers_rules(text: str) -> list[tuple[re.Pattern, dict[str, str]]]:
    """_headers as Netlify and Cloudflare Pages read it: :placeholder is one segment."""
    rules: list[tuple[re.Pattern, dict[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            pattern = re.escape(line.strip()).replace(r"\*", ".*")
            pattern = re.sub(r":[a-z]+", "[^/]+", pattern)
            rules.append((re.compile(f"^{pattern}$"), {}))
        elif line.startswith("  ") and rules:
            name, _, value = line.strip().partition(": ")
            rules[-1][1][name] = value
    return rules


def test_headers_file_gives_every_citation_file_its_type(production):
    root = production.root.site.root
    rules = headers_rules((root / "_headers").read_text(encoding="utf-8"))

    def content_types(path: str) -> list[str]:
        return [h["Content-Type"] for rule, h in rules if rule.match(path) and "Content-Type" in h]

    files = citation_files(root)
    assert len(files) > 50
    for rel in files:
        suffix = rel.rsplit(".", 1)[1]
        expected = {
            "bib": "application/x-bibtex",
            "ris": "application/x-research-info-systems",
            "json": "application/vnd.citationstyles.csl+json",
        }[suffix]
        assert content_types("/" + rel) == [f"{expected}; charset=utf-8"], rel
    others = [p for p in root.rglob("*.json") if p.name not in ("cite.json", "library.json")]
    assert others
    for path in others:
        if path.name != "library-all.json":
            assert content_types("/" + path.relative_to(root).as_posix()) == [], path
