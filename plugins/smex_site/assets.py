"""Build-time assets: Sass to CSS, gettext catalogs to .mo, fingerprints.

Runs once per build, on the main site, before any generator: the English
subsite shares the compiled CSS (served once, at /theme/) and the catalogs.
Nothing compiled is committed; it lands under CACHE_PATH.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import sass
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import settings as site_settings
from . import state as build_state

THEME_STATIC_DIR = "theme"


class AssetError(RuntimeError):
    pass


def build_dir(settings: dict) -> Path:
    """The main site's build folder; subsites have CACHE_PATH/<lang>."""
    state = settings.get(build_state.STATE_KEY)
    if state is not None and state.build_dir:
        return Path(state.build_dir)
    return Path(settings["CACHE_PATH"]).resolve() / "site-build"


def compile_sass(settings: dict) -> Path:
    """Compile the theme's Sass into <cache>/site-build/static/css/main.css."""
    theme = Path(settings["THEME"])
    entry = theme / site_settings.options(settings)["SITE_SASS_ENTRY"]
    out_dir = build_dir(settings) / "static"
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
    target = build_dir(settings) / "locale"
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
    """Compile CSS and catalogs and point Pelican's settings at them."""
    settings = pelican.settings
    build_state.get(settings).build_dir = str(build_dir(settings))
    static_dir = compile_sass(settings)
    settings["I18N_GETTEXT_LOCALEDIR"] = str(compile_catalogs(settings))
    settings["THEME_STATIC_DIR"] = THEME_STATIC_DIR
    paths = list(settings.get("THEME_STATIC_PATHS", ["static"]))
    settings["THEME_STATIC_PATHS"] = [*paths, str(static_dir)]


def asset_url(settings: dict, path: str) -> str:
    """URL of a theme asset, with a content fingerprint for long caching."""
    state = build_state.get(settings)
    version = state.asset_versions.get(path)
    if version is None:
        version = _fingerprint(settings, path)
        state.asset_versions[path] = version
    siteurl = state.siteurls.get(state.main_lang, "")
    return f"{siteurl}/{THEME_STATIC_DIR}/{path}?v={version}"


def _fingerprint(settings: dict, path: str) -> str:
    candidates = [build_dir(settings) / "static" / path]
    candidates.append(Path(settings["THEME"]) / "static" / path)
    for candidate in candidates:
        if candidate.is_file():
            return hashlib.sha256(candidate.read_bytes()).hexdigest()[:10]
    raise AssetError(f"theme asset {path!r} not found (looked in {candidates})")
