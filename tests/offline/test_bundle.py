"""What a bundle holds, and SHA256SUMS: every page of its language, nothing held back,
relative links naming their file, the same bytes for the same date, signing."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
import urllib.request
import zipfile

import pytest
from bs4 import BeautifulSoup

from tests.offline.support import DATE, HELD_BACK, LANGS, SITE_URL, bundle_texts
from tests.sitecheck import ROOT
from tests.website.test_held_back import VERSIONS, written
from tools.offline import build as offline_build
from tools.offline import bundle, manifest, verify, zim
from tools.offline import site as published


def test_every_page_of_the_language_is_in_its_bundle_and_nothing_held_back(offline):
    site = published.read(offline.site)
    embargoed = json.loads((ROOT / "tests/fixtures/programme/embargoed-2023.json").read_text())
    sessions = [
        event["title"]
        for day in embargoed["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert sessions
    for lang in LANGS:
        names = set(zipfile.ZipFile(offline.bundle(lang, "zip")).namelist())
        top = f"smex-{lang}-{DATE}/"
        for page in site.pages(lang):
            assert top + page in names, f"{lang}: {page} is not in the bundle"
        other = "en/" if lang == "ar" else ""
        assert not any(
            n.endswith(".html") and n[len(top) :].startswith(other) and other for n in names
        ), f"{lang}: the other language's pages are in the bundle"
        assert not any("/pagefind/" in n or n.endswith((".gz", ".br")) for n in names)
        texts = bundle_texts(offline, lang)
        everything = "\n".join(texts.values())
        for v in HELD_BACK:
            assert v.marker not in everything, f"{v} ({v.state}) leaks into the {lang} bundle"
            assert top + v.file not in names, f"{v}: its page is in the {lang} bundle"
            if not v.name.startswith("half-"):  # a half pair's other version is published
                assert v.slug not in "\n".join(names), f"{v}: a file of it is in the {lang} bundle"
            if v.kind == "report":
                assert top + v.pdf not in names, f"{v}: its PDF is in the {lang} bundle"
        for title in sessions:
            assert title not in everything, f"embargoed session {title!r} in the {lang} bundle"
        assert not any("convening/2023/programme" in n for n in names)
        for v in VERSIONS:
            if v.lang == lang and written(v.state):
                assert v.marker in everything, f"{v} is published but not in the bundle"


def test_each_bundle_opens_at_its_top_index_html(offline):
    """Unzipped, each bundle's folder starts at index.html (English: it leads to en/)."""
    assert (offline.top("ar") / "index.html").read_text().startswith("<!doctype html>")
    start = (offline.top("en") / "index.html").read_text()
    assert 'content="0; url=en/index.html"' in start and 'href="en/index.html"' in start


def test_links_are_relative_and_name_their_file(offline):
    for lang in LANGS:
        for name, text in bundle_texts(offline, lang).items():
            if not name.endswith(".html"):
                continue
            soup = BeautifulSoup(text, "html.parser")
            for element in soup.find_all(["a", "img", "script", "link"]):
                url = element.get("href") or element.get("src") or ""
                rel = element.get("rel") or []
                if (
                    not url
                    or url.startswith(("#", "mailto:"))
                    or {"canonical", "alternate"} & set(rel)
                ):
                    continue
                if url.startswith(SITE_URL):  # only what the bundle does not carry
                    assert element.name == "a", f"{name}: {element.name} loads {url} online"
                    continue
                if urllib.parse.urlsplit(url).scheme:
                    continue  # another site's address
                path = urllib.parse.urlsplit(url).path
                assert not path.endswith("/"), f"{name}: {url} names no file"
                target = (offline.unzipped / name).parent / urllib.parse.unquote(path)
                assert target.is_file(), f"{name}: {url} leads to no file of the bundle"
            switch = soup.select("nav.lang-switch a[hreflang]")
            if switch and "404" not in name:
                assert switch[0]["href"].startswith(SITE_URL + "/"), name


def test_the_same_date_gives_the_same_bundles(offline, tmp_path):
    site = published.read(offline.site)
    for lang in LANGS:
        again = bundle.zip_bytes(bundle.contents(site, lang), f"smex-{lang}-{DATE}", (2023, 10, 20))
        assert again == offline.bundle(lang, "zip").read_bytes(), lang
        times = {info.date_time for info in zipfile.ZipFile(offline.bundle(lang, "zip")).infolist()}
        assert times == {(2023, 10, 20, 0, 0, 0)}
    # A ZIM's bytes differ every time (libzim's UUID); its content does not.
    files = bundle.contents(site, "ar")
    second = tmp_path / "again.zim"
    zim.write(second, files, "ar", "index.html", zim.metadata(site, "ar", DATE))
    assert second.read_bytes() != offline.bundle("ar", "zim").read_bytes()
    assert zim.content_digest(second) == zim.content_digest(offline.bundle("ar", "zim"))


def test_sha256sums_checks_with_sha256sum_and_says_unsigned(offline):
    done = subprocess.run(
        ["sha256sum", "-c", "--quiet", "SHA256SUMS"],
        cwd=offline.site,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout.decode()[-2000:]
    listed = manifest.parse((offline.site / "SHA256SUMS").read_text(), "SHA256SUMS")
    assert f"offline/smex-ar-{DATE}.zip" in listed and "index.html" in listed
    assert "en/about/index.html" in listed
    assert offline.report.signing.startswith("SHA256SUMS is unsigned")
    assert not (offline.site / "SHA256SUMS.sig").exists()


def test_a_signing_key_signs_and_unchanged_bundles_come_from_the_cache(offline, tmp_path):
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    copy = tmp_path / "site"
    shutil.copytree(offline.site, copy)
    from pelicanconf import SITE_LANGUAGES

    cache = offline.site.parent / "offline-cache"  # the fixture's run filled it
    again = offline_build.run(copy, DATE, cache=cache, key=str(key), languages=SITE_LANGUAGES)
    assert [m.reused for m in again.made] == [True] * 4, "the pages did not change"
    for made in again.made:
        if made.path.suffix == ".zip":
            assert (
                made.path.read_bytes() == (offline.site / "offline" / made.path.name).read_bytes()
            )
    signer = manifest.fingerprint(str(key))
    assert again.signing == f"SHA256SUMS signed into SHA256SUMS.sig by the key {signer}"
    signers = tmp_path / "allowed_signers"
    signers.write_text("smex " + (tmp_path / "key.pub").read_text())
    sums = (copy / "SHA256SUMS").read_text()
    signature = (copy / "SHA256SUMS.sig").read_bytes()
    assert verify.check_signature(sums, signature, str(signers)) is None
    assert verify.check_signature(sums + "x", signature, str(signers)) is not None
    assert verify.problems(str(copy), signers=str(signers)) == []
    for prefix in ("", "en/"):
        page = (copy / prefix / "download/index.html").read_text()
        assert f"{SITE_URL}/SHA256SUMS.sig" in page and f"<code>{signer}</code>" in page
    with pytest.raises(published.OfflineError, match="no such key file"):
        manifest.fingerprint(str(tmp_path / "nokey"))


def test_a_development_build_or_an_empty_folder_is_refused_with_what_to_do(tmp_path):
    with pytest.raises(published.OfflineError, match="run `invoke publish` first"):
        offline_build.run(tmp_path, DATE)
    (tmp_path / "index.html").write_text('<link rel="canonical" href="/">')
    with pytest.raises(published.OfflineError, match="not a production build"):
        offline_build.run(tmp_path, DATE)
    with pytest.raises(published.OfflineError, match="no such key file"):
        offline_build.run(tmp_path, DATE, key=str(tmp_path / "no-key"))
    assert not (tmp_path / "offline").exists() and not (tmp_path / "SHA256SUMS").exists()
