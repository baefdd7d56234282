"""The portable edition (tools/offline, `invoke offline`, `invoke verify`),
proven by the clients that read it: Chromium over file://, Debian's
kiwix-serve, libzim's reader, sha256sum and ssh-keygen.

One publish build of the gates' content (every page kind, the embargoed 2023
programme) plus the held-back matrix of tests/test_held_back.py, at
FROZEN_NOW, and one `invoke offline` over it, for the whole module.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.gates.pages import SamplePage, sample_pages
from tests.production import free_port, publish
from tests.programme.sites import GATE_PROGRAMMES, programme_content
from tests.sitecheck import ROOT, invoke
from tests.test_held_back import VERSIONS, write_matrix, written
from tools.offline import build as offline_build
from tools.offline import bundle, manifest, verify, zim
from tools.offline import site as published

DATE = "2023-10-20"  # FROZEN_NOW's date: the bundles' names and timestamps
SITE_URL = "https://smex.example"
LANGS = ("ar", "en")
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


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> Offline:
    work = tmp_path_factory.mktemp("offline")
    content = programme_content(work / "content", GATE_PROGRAMMES)
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


# --- what a bundle holds --------------------------------------------------------------


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
    zim.write(second, files, "ar", "index.html", zim.metadata("ar", DATE, SITE_URL))
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
    assert not (tmp_path / "offline").exists() and not (tmp_path / "SHA256SUMS").exists()


# --- the A–Z index and the download page ----------------------------------------------

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
        assert not soup.select("table[hidden]")
        rows = soup.select("[data-offline-table] tbody tr")
        assert len(rows) == len(files), lang
        for row, path in zip(rows, files, strict=True):
            cells = row.find_all("td")
            assert cells[0].a["href"] == f"{SITE_URL}/offline/{path.name}"
            assert cells[3].time["datetime"] == DATE
            assert cells[4].get_text() == manifest.file_hash(path)
            units = ("كيلوبايت", "ميغابايت") if lang == "ar" else ("kilobytes", "megabytes")
            assert any(unit in cells[2].get_text() for unit in units), cells[2]
        assert soup.select_one(f'a[href="{SITE_URL}/SHA256SUMS"]')
        # the bundle carries the page as built, before the files existed: no link to them
        with zipfile.ZipFile(offline.bundle(lang, "zip")) as archive:
            inside = archive.read(f"smex-{lang}-{DATE}/{prefix}download/index.html").decode()
        assert "<p data-offline-none>" in inside and "/offline/smex-" not in inside


# --- invoke verify --------------------------------------------------------------------


def test_verify_names_each_changed_missing_and_extra_file(offline, tmp_path):
    mirror = tmp_path / "mirror"
    shutil.copytree(offline.site, mirror)
    assert verify.problems(str(mirror)) == []
    # A ZIM rebuilt from the same pages has other bytes and passes by content.
    site = published.read(offline.site)
    zim_path = mirror / "offline" / f"smex-en-{DATE}.zim"
    zim.write(
        zim_path,
        bundle.contents(site, "en"),
        "en",
        "en/index.html",
        zim.metadata("en", DATE, SITE_URL),
    )
    assert verify.problems(str(mirror)) == []
    page = mirror / "en/about/index.html"
    data = bytearray(page.read_bytes())
    data[100] ^= 1
    page.write_bytes(bytes(data))
    (mirror / "tag/index.html").unlink()
    (mirror / "en/planted").mkdir()
    (mirror / "en/planted/index.html").write_text("<p>not ours</p>")
    assert verify.problems(str(mirror)) == [
        "changed: en/about/index.html (its SHA-256 is not the one in SHA256SUMS)",
        "missing: tag/index.html",
        "extra: en/planted/index.html (not in SHA256SUMS)",
    ]
    done = invoke("verify", "--site", str(mirror), "--sums", str(offline.site / "SHA256SUMS"))
    assert done.returncode == 1
    for name in ("en/about/index.html", "tag/index.html", "en/planted/index.html"):
        assert name in done.stdout


def test_verify_reads_a_mirror_over_http(offline, tmp_path):
    from tools.serve import serve_in_thread

    mirror = tmp_path / "served"
    shutil.copytree(offline.site, mirror)
    server, origin = serve_in_thread(mirror)
    try:
        assert verify.problems(origin) == []
        (mirror / "en/contact/index.html").unlink()
        found = verify.problems(origin, str(offline.site / "SHA256SUMS"))
    finally:
        server.shutdown()
        server.server_close()
    assert found == ["missing: en/contact/index.html"]


# --- real clients: Chromium over file://, libzim, kiwix-serve -------------------------


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


FONT_CHECK = """() => {
  const family = getComputedStyle(document.body).fontFamily.split(",")[0].replace(/"/g, "");
  const loaded = Array.from(document.fonts).filter(f => f.status === "loaded").map(f => f.family);
  const ctx = document.createElement("canvas").getContext("2d");
  const width = font => { ctx.font = font; return ctx.measureText("حقوق رقمية").width; };
  return {family, loaded, plex: width(`16px "${family}"`), fallback: width("16px monospace")};
}"""


@pytest.mark.parametrize("sample", sample_pages(), ids=lambda s: s.id)
def test_chromium_opens_every_page_kind_from_file(offline, browser, sample: SamplePage):
    file = sample.file(offline.top(sample.lang))
    assert file.is_file(), f"{sample.id}: {file} is not in the bundle"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems = watch(page)
    page.goto(file.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    font = page.evaluate(FONT_CHECK)
    context.close()
    assert problems == [], f"{sample.id}: {problems}"
    assert font["family"].startswith("Plex "), font
    assert font["family"] in font["loaded"], f"{sample.id}: IBM Plex Sans Arabic not loaded: {font}"
    assert font["plex"] != font["fallback"], f"{sample.id}: Arabic drawn in a fallback face"


# The Arabic word is typed with ه for ة, as people do: the site's folding finds it.
@pytest.mark.parametrize(
    ("lang", "word", "title"),
    [
        ("ar", "الرقميه", "حين تضيق المساحات المدنية على الإنترنت"),
        ("en", "Surveillance", "When civic space online shrinks"),
    ],
)
def test_offline_search_finds_a_word(offline, browser, lang, word, title):
    search = offline.top(lang) / ("" if lang == "ar" else "en/") / "search/index.html"
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(search.as_uri())
    page.fill("#offline-search-q", word)
    hit = page.locator("[data-offline-results] a", has_text=title)
    hit.wait_for()
    href = hit.get_attribute("href")
    hit.click()
    page.wait_for_load_state("load")
    landed = page.url
    page.goto(search.as_uri())
    page.fill("#offline-search-q", "zzqqxx")
    nothing = page.locator("[data-offline-status]").inner_text()
    left = page.locator("[data-offline-results] li").count()
    context.close()
    assert problems == [], problems
    assert landed == (search.parent / href).resolve().as_uri() and href.endswith("index.html")
    assert left == 0 and nothing, "a word found nowhere says so"


def test_offline_search_folds_as_the_site_does():
    """One folding rule for the publications filter and the offline search."""
    fold = re.compile(r"  function fold\(text\) \{.*?\n  \}\n", re.S)
    online = fold.search((ROOT / "theme/static/js/publications-filter.js").read_text())
    offline = fold.search((ROOT / "tools/offline/static/search.js").read_text())
    assert online and offline and online.group(0) == offline.group(0)


def test_the_switcher_leads_to_the_bundle_beside_else_online(offline, browser):
    arabic = (offline.top("ar") / "about/index.html").as_uri()
    english = offline.top("en") / "en/about/index.html"
    context = browser.new_context()
    page = context.new_page()
    problems = watch(page)
    page.goto(arabic)
    switch = page.locator("nav.lang-switch a[hreflang=en]")
    assert switch.get_attribute("href") == f"{SITE_URL}/en/about/", "no bundle opened yet: online"
    page.goto(english.as_uri())  # the English bundle, unzipped beside, says where it is
    page.goto(arabic)
    assert switch.get_attribute("href") == english.as_uri()
    switch.click()
    page.wait_for_load_state("load")
    assert page.url == english.as_uri()
    back = page.locator("nav.lang-switch a[hreflang=ar]").get_attribute("href")
    context.close()
    assert back == arabic and problems == [], (back, problems)
    # A bundle somewhere else is not "beside": the link stays online.
    context = browser.new_context()
    page = context.new_page()
    page.goto(arabic)
    page.evaluate(
        "localStorage.setItem('smex-offline:en', 'file:///elsewhere/smex-en-2023-10-20/')"
    )
    page.reload()
    href = page.locator("nav.lang-switch a[hreflang=en]").get_attribute("href")
    context.close()
    assert href == f"{SITE_URL}/en/about/"


PIXEL_DIFF = """async ([a, b]) => {
  const load = src => new Promise(ok => {
    const i = new Image(); i.onload = () => ok(i); i.src = src;
  });
  const [one, two] = await Promise.all([load(a), load(b)]);
  const pixels = image => {
    const c = document.createElement("canvas");
    c.width = image.width; c.height = image.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height).data;
  };
  const p = pixels(one), q = pixels(two);
  let differ = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
    if (d > 24) differ++;
  }
  const same = one.width === two.width && one.height === two.height;
  return {differ: differ / (p.length / 4), same};
}"""


def online_route(root: Path):
    """Serve the publish build's absolute addresses from its folder (no network)."""
    import mimetypes

    def handle(route):
        path = urllib.parse.urlsplit(route.request.url).path.lstrip("/")
        file = root / (path + "index.html" if path.endswith("/") or not path else path)
        if not file.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    return handle


@pytest.mark.parametrize("lang", LANGS)
def test_an_offline_page_looks_like_the_online_page(offline, browser, lang):
    """Right to left, and the Arabic face, hold offline: the screenshots match."""
    import base64

    prefix = "" if lang == "ar" else "en/"
    shots = []
    for where in ("online", "offline"):
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        if where == "online":
            page.route(f"{SITE_URL}/**", online_route(offline.site))
            page.goto(f"{SITE_URL}/{prefix}about/", wait_until="load")
        else:
            page.goto((offline.top(lang) / prefix / "about/index.html").as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
        shots.append("data:image/png;base64," + base64.b64encode(page.screenshot()).decode())
        context.close()
    context = browser.new_context()
    result = context.new_page().evaluate(PIXEL_DIFF, shots)
    context.close()
    assert result["same"] and result["differ"] < 0.002, result


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
