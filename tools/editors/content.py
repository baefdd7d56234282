"""What the editor tools share: the settings as an editor's command reads
them, the content catalog (the build's own validation pass), and the error
that ends a command with one line saying why."""

from __future__ import annotations

from pathlib import Path

from tools.build.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
DEV_SETTINGS = ROOT / "pelicanconf.py"


class EditorError(Exception):
    """Something the editor asked for cannot be done; the message says why."""


def languages_of(settings: dict) -> list[str]:
    return list(settings["SITE_LANGUAGES"])


def plugin():
    import smex_site

    return smex_site


def load(overrides: dict | None = None, settings_file: Path | str = DEV_SETTINGS) -> dict:
    import logging

    # Pelican's notes about feeds without SITEURL are for builds, not editors.
    logger = logging.getLogger("pelican.settings")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return load_settings(settings_file, overrides or {})
    finally:
        logger.setLevel(level)


def collect(settings: dict):
    from smex_site import validation

    return validation.collect(settings, plugin().KINDS)
