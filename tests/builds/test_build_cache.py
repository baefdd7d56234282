"""The build's caches never serve old content.

Two caches make a rebuild fast: converted Markdown, keyed on each text, the
settings and the code (smex_site/markdown.py, fingerprint.py), and the memo
of a whole build (tools/build/buildcache.py). Each kind of change is made to a
site built with a warm cache; the rebuild must be byte for byte what a cold
build of the changed site writes, on every page (lists, feeds, the sitemap,
the other language's switcher), and the change must be seen where it belongs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.contentcopy import copy_content
from tests.sitecheck import build, build_over, cli_build, tree_digest

MARK = "Cachemark"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def soup(root: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(root, rel), "html.parser")


# Each change: (id, what it does to the work folder, what must then be seen).
def change_article(work: Path) -> None:
    edit(
        work / "content/en/articles/shrinking-civic-space.md",
        "\n\n",
        f"\n\n{MARK} article paragraph.\n\n",
    )


def seen_article(out: Path) -> None:
    assert MARK in read(out, "en/articles/shrinking-civic-space/index.html")
    assert MARK in read(out, "en/feeds/all.atom.xml")


def change_template(work: Path) -> None:
    edit(
        work / "theme/templates/partials/footer.html", "</footer>", f"<p>{MARK} footer</p></footer>"
    )


def seen_template(out: Path) -> None:
    for rel in ("index.html", "en/index.html", "en/about/index.html", "en/convening/index.html"):
        assert f"{MARK} footer" in read(out, rel), rel


def change_setting(work: Path) -> None:
    (work / "settings.txt").write_text("mailto:cachemark@smex.example", encoding="utf-8")


def seen_setting(out: Path) -> None:
    assert "Contact: mailto:cachemark@smex.example" in read(out, ".well-known/security.txt")


def change_topics(work: Path) -> None:
    edit(work / "content/data/topics.toml", 'en = "Surveillance"', f'en = "{MARK} surveillance"')


def seen_topics(out: Path) -> None:
    assert f"{MARK} surveillance" in read(out, "en/tag/surveillance/index.html")


def change_edition(work: Path) -> None:
    edit(
        work / "content/en/editions/2023.md",
        "Every year, activists",
        f"{MARK} edition. Every year, activists",
    )


def seen_edition(out: Path) -> None:
    assert MARK in read(out, "en/convening/2023/index.html")


def change_report(work: Path) -> None:
    edit(
        work / "content/en/publications/annual-report-2022-7amleh.md",
        "Title: Annual activity report 2022",
        f"Title: {MARK} annual report 2022",
    )


def seen_report(out: Path) -> None:
    assert MARK in read(out, "en/publications/annual-report-2022-7amleh/index.html")
    assert MARK in read(out, "en/publications/index.html")
    assert MARK in read(out, "en/feeds/publications.atom.xml")


def change_translation(work: Path) -> None:
    # an Arabic-only post ("Translate: no") gets its English version
    edit(work / "content/ar/articles/inclusive-arabic.md", "Translate: no\n", "")
    (work / "content/en/articles/inclusive-arabic.md").write_text(
        "Title: Inclusive Arabic\nDate: 2023-03-09\nLang: en\nSlug: inclusive-arabic\n"
        "Tags: inclusive-language\nSummary: The English version.\n\nThe English version of the "
        "post.\n",
        encoding="utf-8",
    )


def seen_translation(out: Path) -> None:
    arabic = soup(out, "articles/inclusive-arabic/index.html")
    english = [a["href"] for a in arabic.select("a[hreflang=en]")]
    assert "/en/articles/inclusive-arabic/" in english, english
    assert "/en/articles/inclusive-arabic/" in read(out, "sitemap.xml")


CHANGES = [
    ("article", change_article, seen_article),
    ("template", change_template, seen_template),
    ("setting", change_setting, seen_setting),
    ("topics", change_topics, seen_topics),
    ("edition", change_edition, seen_edition),
    ("report", change_report, seen_report),
    ("translation", change_translation, seen_translation),
]


def overrides(work: Path) -> dict:
    contact = work / "settings.txt"
    found = {"PATH": str(work / "content"), "THEME": str(work / "theme")}
    if contact.is_file():
        found["SITE_SECURITY_CONTACT"] = [contact.read_text(encoding="utf-8")]
    return found


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A copy of the site (content and theme), built once with its cache."""
    work = tmp_path_factory.mktemp("cache")
    copy_content(work / "content")
    shutil.copytree(ROOT / "theme", work / "theme")
    first = build(work, name="warm", search=False, overrides=overrides(work))
    assert not first.reused
    return work


def test_nothing_changed_reuses_the_output_as_it_is(warm):
    out = warm / "warm"
    before = tree_digest(out)
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert again.reused
    assert tree_digest(out) == before


def test_an_output_someone_changed_is_built_again(warm):
    out = warm / "warm"
    before = tree_digest(out)
    (out / "en/about/index.html").write_text("changed by hand", encoding="utf-8")
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not again.reused
    assert tree_digest(out) == before


@pytest.mark.parametrize(("name", "change", "seen"), CHANGES, ids=[c[0] for c in CHANGES])
def test_each_change_shows_everywhere_as_a_cold_build_shows_it(warm, name, change, seen):
    change(warm)  # the changes add up, in order: each build has a warmer cache
    rebuilt = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not rebuilt.reused
    cold = build(warm, name=f"cold-{name}", search=False, overrides=overrides(warm))
    seen(warm / "warm")
    ours, theirs = tree_digest(warm / "warm"), tree_digest(warm / f"cold-{name}")
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []
    assert cold.warnings == rebuilt.warnings


# --- a cache nobody should trust: entries and memo this build did not write -----------

SCRIPT = "<script>alert('from the cache')</script>"


def forge(entry: Path, how: str) -> None:
    """Change one Markdown cache entry as someone who can write cache/ would."""
    from smex_site import cachekey

    label = entry.stem.encode()
    mac, _, payload = entry.read_bytes().partition(b"\n")
    value = json.loads(payload)
    scripted = json.dumps(
        [v + SCRIPT for v in value] if isinstance(value, list) else value + SCRIPT
    ).encode()
    if how == "script, old MAC":
        entry.write_bytes(mac + b"\n" + scripted)
    elif how == "script, no MAC":  # the format before entries were signed
        entry.write_bytes(scripted)
    elif how == "script, another key's MAC":
        other = hmac.new(b"k" * 32, label + b"\0" + scripted, hashlib.sha256).hexdigest()
        entry.write_bytes(other.encode() + b"\n" + scripted)
    else:  # valid JSON of the wrong shape, signed with the real key
        entry.write_bytes(cachekey.signed(label, how.encode()))


def forge_template(entry: Path) -> None:
    """Replace a compiled template by one that writes SCRIPT, for the same
    template source (its checksum kept), as someone who can write cache/ would."""
    import io
    import marshal
    import pickle

    import jinja2
    from jinja2.bccache import bc_magic

    mac, _, payload = entry.read_bytes().partition(b"\n")
    checksum = pickle.load(io.BytesIO(payload[len(bc_magic) :]))
    code = jinja2.Environment().compile(SCRIPT + "{% block content %}{% endblock %}")
    evil = bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code)
    entry.write_bytes(mac + b"\n" + evil)


def plant_assets(build_dir: Path) -> None:
    """A script left under a theme script's name where the build compiles the
    theme's CSS (everything in that folder is published)."""
    script = build_dir / "static" / "js" / "search.js"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(SCRIPT, encoding="utf-8")


FORGERIES = ("script, old MAC", "script, no MAC", "script, another key's MAC", "42", "null")
FORGERIES += ('{"a": 1}',)


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """The shipped content built once; every cache entry then forged (each
    kind of forgery on some), output/ removed, and built again (strict)."""
    work = tmp_path_factory.mktemp("forged")
    copy_content(work / "content")
    out, cache = work / "output", work / "cache"
    first = cli_build(work / "content", out, cache)
    assert first.returncode == 0, first.stderr
    clean = tree_digest(out)
    entries = sorted((cache / "markdown").glob("*/*/*.json"))
    assert len(entries) > len(FORGERIES)
    for number, entry in enumerate(entries):
        forge(entry, FORGERIES[number % len(FORGERIES)])
    templates = sorted(cache.glob("site-build*/jinja-*/*/*.cache"))
    assert templates
    for entry in templates:
        forge_template(entry)
    for build_dir in cache.glob("site-build*"):
        plant_assets(build_dir)
    shutil.rmtree(out)
    again = cli_build(work / "content", out, cache, "--strict")
    return work, clean, [*entries, *templates], again


def test_a_forged_cache_entry_is_never_published(forged):
    work, clean, _, again = forged
    assert again.returncode == 0, again.stderr
    out = work / "output"
    assert not [p for p in out.rglob("*") if p.is_file() and b"from the cache" in p.read_bytes()]
    # every page's text is what the content says: byte for byte the clean build
    assert tree_digest(out) == clean
    english = soup(out, "en/articles/shrinking-civic-space/index.html").select_one("main")
    assert "civic space" in english.get_text() and not english.select("script:not([src])")


def test_a_forged_cache_entry_is_named_once_per_process_and_replaced(forged):
    work, clean, entries, again = forged
    said = [line for line in again.stderr.splitlines() if "Cache entry not used:" in line]
    for what in ("converted Markdown", "compiled template"):
        lines = [line for line in said if f"({what})" in line]
        assert 1 <= len(lines) <= 2, again.stderr  # once per language process at most
    for line in said:
        assert line.startswith("warning: Cache entry not used: ") and "invoke clean" in line
        assert any(str(entry) in line for entry in entries), line
    # the forged entries were converted again and replaced: the next build trusts them
    shutil.rmtree(work / "output")
    third = cli_build(work / "content", work / "output", work / "cache")
    assert third.returncode == 0 and "Cache entry not used" not in third.stderr, third.stderr
    assert tree_digest(work / "output") == clean


def test_a_file_in_place_of_the_cache_folder_says_run_invoke_clean(forged):
    work = forged[0]
    blocker = work / "cache-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for cache in (blocker, blocker / "inside"):
        outcome = build_over(work / "content", work / "output", cache)
        assert outcome.code == 2 and "Traceback" not in outcome.stderr, outcome.stderr
        assert f"{blocker} is a file, not a folder" in outcome.stderr
        assert "invoke clean" in outcome.stderr
        assert outcome.after == outcome.before and outcome.leftovers == []


def test_a_link_inside_the_cache_folder_is_refused(forged):
    work = forged[0]
    cache, elsewhere = work / "cache-linked", work / "elsewhere"
    (elsewhere / "static").mkdir(parents=True)
    (elsewhere / "static" / "keep.txt").write_text("keep", encoding="utf-8")
    cache.mkdir()
    (cache / "site-build-en").symlink_to(elsewhere)
    outcome = build_over(work / "content", work / "output", cache)
    assert outcome.code == 2 and "Traceback" not in outcome.stderr, outcome.stderr
    assert f"{cache / 'site-build-en'} in the cache folder (CACHE_PATH) is a symbolic link" in (
        outcome.stderr
    )
    assert "invoke clean" in outcome.stderr
    assert outcome.after == outcome.before and outcome.leftovers == []
    assert (elsewhere / "static" / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_cache_key_kept_inside_the_cache_is_refused(warm, monkeypatch):
    from tools.build import sitebuild

    monkeypatch.setenv("SMEX_CACHE_KEY_FILE", str(warm / "cache-warm/key"))
    with pytest.raises(sitebuild.BuildFailed, match="inside the cache folder"):
        build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not (warm / "cache-warm/key").exists()


def test_the_cache_key_is_made_once_private_and_a_bad_one_is_named(warm, monkeypatch):
    from smex_site import cachekey
    from tools.build import sitebuild

    where = warm / "keys" / "cache-key"
    monkeypatch.setenv("SMEX_CACHE_KEY_FILE", str(where))
    first = cachekey.key()
    assert where.stat().st_mode & 0o777 == 0o600 and len(first) == cachekey.KEY_BYTES
    assert where.read_text(encoding="ascii") == first.hex() + "\n"
    assert cachekey.key() == first  # made once, then read
    for name, text in (("short", "abcd\n"), ("not-hex", "zz" * 32)):
        bad = warm / "keys" / name
        bad.write_text(text, encoding="ascii")
        monkeypatch.setenv("SMEX_CACHE_KEY_FILE", str(bad))
        with pytest.raises(sitebuild.BuildFailed, match=f"the cache key {bad} cannot be read"):
            build(warm, name="warm", search=False, overrides=overrides(warm))


def test_the_memo_compares_content_not_size_and_time(warm):
    out = warm / "warm"
    build(warm, name="warm", search=False, overrides=overrides(warm))
    before = tree_digest(out)
    page = out / "en/about/index.html"
    kept = page.stat()
    data = page.read_bytes()
    forged = data.replace(b"<p>", b"<b>", 1)  # same size
    assert forged != data and len(forged) == len(data)
    page.write_bytes(forged)
    os.utime(page, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert page.stat().st_size == kept.st_size and page.stat().st_mtime_ns == kept.st_mtime_ns
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not again.reused
    assert tree_digest(out) == before


def test_a_memo_this_build_did_not_write_is_not_believed(warm):
    from tools.build import buildcache

    out, memo = warm / "warm", warm / "cache-warm" / buildcache.MEMO
    build(warm, name="warm", search=False, overrides=overrides(warm))
    before = tree_digest(out)
    (out / "en/about/index.html").write_text(SCRIPT, encoding="utf-8")
    # the memo rewritten to describe the changed output, without the key
    mac, _, payload = memo.read_bytes().partition(b"\n")
    recorded = json.loads(payload)
    recorded["manifest"] = buildcache.manifest(out)
    memo.write_bytes(mac + b"\n" + json.dumps(recorded).encode())
    again = build(warm, name="warm", search=False, overrides=overrides(warm))
    assert not again.reused
    assert tree_digest(out) == before
