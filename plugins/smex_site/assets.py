"""Build-time assets: Sass to CSS, gettext catalogs to .mo, hashed file names.

Runs once per build, on the main site, before any generator: the English
subsite shares the compiled CSS (served once, at /theme/) and the catalogs.
Nothing compiled is committed; it lands under CACHE_PATH.

Theme files are published under names that carry their content hash
(css/main.3f2a9c01bd.css), so caches and CDNs key on the name and may keep a
file for a year (headers.py): a changed file is a new name. The stylesheet's
url()s are rewritten to the fonts' hashed names before the stylesheet itself
is hashed, so a new font also gives a new stylesheet name.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import sass
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import settings as site_settings
from . import state as build_state

THEME_STATIC_DIR = "theme"
HASH_LENGTH = 10  # hex digits in a hashed name; headers.py matches exactly this
# Documents people link to by name (the font licence) keep their names.
UNHASHED_SUFFIXES = {".txt"}
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")


class AssetError(RuntimeError):
    pass


def build_dir(settings: dict) -> Path:
    """The main site's build folder; subsites have CACHE_PATH/<lang>."""
    state = settings.get(build_state.STATE_KEY)
    if state is not None and state.build_dir:
        return Path(state.build_dir)
    # one folder per set of languages: two processes of one build never share it
    chosen = site_settings.options(settings)["SITE_BUILD_LANGUAGES"]
    suffix = "-" + "-".join(sorted(chosen)) if chosen else ""
    return Path(settings["CACHE_PATH"]).resolve() / f"site-build{suffix}"


def fresh(folder: Path) -> Path:
    """`folder`, emptied: everything in it is published (static) or read
    (locale), so nothing a previous build or anyone else left in the cache
    may stay there (cachekey.py says why the cache is not trusted)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def compile_sass(settings: dict) -> Path:
    """Compile the theme's Sass into <cache>/site-build/static/css/main.css."""
    theme = Path(settings["THEME"])
    entry = theme / site_settings.options(settings)["SITE_SASS_ENTRY"]
    out_dir = fresh(build_dir(settings) / "static")
    css_path = out_dir / "css" / "main.css"
    try:
        css = sass.compile(filename=str(entry), output_style="compressed")
    except sass.CompileError as error:
        raise AssetError(f"Sass: {entry}: {error}") from None
    css_path.parent.mkdir(parents=True, exist_ok=True)
    css_path.write_text(css, encoding="utf-8")
    return out_dir


def compile_catalogs(settings: dict) -> Path:
    """Compile theme/translations/<lang>/LC_MESSAGES/*.po into the cache."""
    source = Path(settings["THEME"]) / "translations"
    target = fresh(build_dir(settings) / "locale")
    template_lang = settings.get("I18N_TEMPLATES_LANG")
    for lang in site_settings.options(settings)["SITE_LANGUAGES"]:
        po_path = source / lang / "LC_MESSAGES" / "messages.po"
        if lang != template_lang and not po_path.is_file():
            raise AssetError(
                f"{po_path}: missing; run `invoke messages` to create the {lang} catalog"
            )
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            try:
                catalog = read_po(handle, abort_invalid=True)
            except Exception as error:  # noqa: BLE001 - Babel raises several kinds
                raise AssetError(f"{po_path}: cannot read catalog: {error}") from None
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
    return target


def prepare(pelican) -> None:
    """Compile CSS and catalogs, publish the theme's files under hashed names."""
    settings = pelican.settings
    state = build_state.get(settings)
    state.build_dir = str(build_dir(settings))
    compiled = compile_sass(settings)
    settings["I18N_GETTEXT_LOCALEDIR"] = str(compile_catalogs(settings))
    theme = Path(settings["THEME"])
    sources = [theme / p for p in settings.get("THEME_STATIC_PATHS", ["static"])]
    published, state.asset_versions = hash_tree([*sources, compiled], build_dir(settings))
    state.asset_integrity = integrity_of(published, state.asset_versions)
    settings["THEME_STATIC_DIR"] = THEME_STATIC_DIR
    settings["THEME_STATIC_PATHS"] = [str(published)]


def hash_tree(sources: list[Path], work: Path) -> tuple[Path, dict[str, str]]:
    """Copy every file of `sources` (later ones win) into a fresh folder, under
    hashed names; returns the folder and {path: hashed path}."""
    files: dict[str, Path] = {}
    for source in sources:
        for path in sorted(Path(source).rglob("*")):
            if path.is_file():
                files[path.relative_to(source).as_posix()] = path
    target = work / "static-hashed"
    shutil.rmtree(target, ignore_errors=True)  # names of the last build are stale
    names: dict[str, str] = {}
    # Stylesheets last: their url()s must already know the other files' names.
    for rel in sorted(files, key=lambda r: (r.endswith(".css"), r)):
        data = files[rel].read_bytes()
        if rel.endswith(".css"):
            data = _rewrite_css_urls(data.decode("utf-8"), rel, names).encode("utf-8")
        published = rel if Path(rel).suffix in UNHASHED_SUFFIXES else hashed_name(rel, data)
        out = target / published
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        names[rel] = published
    return target, names


def integrity_of(published: Path, names: dict[str, str]) -> dict[str, str]:
    """Subresource Integrity (SHA-384) of every script and stylesheet, by source
    path: the page then names the bytes it expects, and a changed file on a
    mirror or a CDN in between is refused by the browser."""
    found = {}
    for rel, name in names.items():
        if rel.endswith((".js", ".css")):
            digest = hashlib.sha384((published / name).read_bytes()).digest()
            found[rel] = "sha384-" + base64.b64encode(digest).decode("ascii")
    return found


def hashed_name(rel: str, data: bytes) -> str:
    """css/main.css -> css/main.<first HASH_LENGTH hex digits of its SHA-256>.css"""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    path = Path(rel)
    return path.with_name(f"{path.stem}.{digest}{path.suffix}").as_posix()


def _rewrite_css_urls(css: str, rel: str, names: dict[str, str]) -> str:
    base = Path(rel).parent

    def fix(match: re.Match) -> str:
        url = match[2]
        if url.startswith(("data:", "#", "/")) or "://" in url:
            return match[0]
        path = url.partition("?")[0]
        target = _normalise(base / path)
        if target not in names:
            raise AssetError(f"{rel}: url({url}) names no theme file")
        hashed = Path(names[target]).name
        return f'url("{Path(path).parent.as_posix()}/{hashed}")'.replace('"./', '"')

    return CSS_URL.sub(fix, css)


def _normalise(path: Path) -> str:
    parts: list[str] = []
    for part in path.as_posix().split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def asset_url(settings: dict, path: str) -> str:
    """URL of a theme file, under its hashed name (cached for a year)."""
    state = build_state.get(settings)
    published = state.asset_versions.get(path)
    if published is None:
        raise AssetError(
            f"theme asset {path!r} not found; expected a file under theme/static/ "
            f"(known: {', '.join(sorted(state.asset_versions))})"
        )
    siteurl = state.siteurls.get(state.main_lang, "")
    return f"{siteurl}/{THEME_STATIC_DIR}/{published}"


def asset_integrity(settings: dict, path: str) -> str:
    """The `integrity` value of a theme script or stylesheet (integrity_of)."""
    asset_url(settings, path)  # the same message for a file that is not there
    return build_state.get(settings).asset_integrity[path]
