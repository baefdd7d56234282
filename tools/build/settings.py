"""The build's settings and its one "now": read, checked, pinned.

Pelican's settings files are read here (the plugin's own settings are
checked once, smex_site/settings.py); "now" is fixed once per build, so
validation and every language see the same instant; `--set KEY=JSON`
arguments become settings.
"""

from __future__ import annotations

import json
from pathlib import Path

from tools.build.failed import BuildFailed

ROOT = Path(__file__).resolve().parents[2]


def load_settings(settings_file: str | Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(Path(settings_file).resolve()), override=overrides or {})


def check(settings: dict):
    """The content validation pass: the catalog, with its problems."""
    import smex_site
    from smex_site import validation

    return validation.collect(settings, smex_site.KINDS)


def pinned_now(now: str | None, zone: str | None = None) -> str:
    """One instant for the whole build: the preview's, else the clock's now."""
    from smex_site.settings import SettingsError, parse_now
    from smex_site.state import clock

    if now is None:
        return clock().isoformat()
    try:
        return parse_now(now, zone).isoformat()
    except SettingsError as error:
        raise BuildFailed(str(error)) from None


def check_settings(settings_file, settings: dict) -> None:
    import smex_site
    from smex_site.settings import SettingsError, read

    try:
        read(settings, smex_site.KINDS)  # the kinds check their own (citation styles)
    except SettingsError as error:
        raise BuildFailed(f"{Path(settings_file).name}: {error}") from None


def checked(settings: dict):
    from smex_site.settings import SettingsError

    try:
        return check(settings)
    except SettingsError as error:
        raise BuildFailed(str(error)) from None


def parse_overrides(items: list[str]) -> dict:
    """--set KEY=JSON arguments as settings; a value that is not JSON is a string."""
    overrides = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides
