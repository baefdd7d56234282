"""The one place "now" comes from: the preview setting, else the real clock."""

from __future__ import annotations

import datetime as dt

from . import settings as site_settings


def now(settings: dict) -> dt.datetime:
    fixed = site_settings.read(settings)["SITE_NOW"]
    return fixed if fixed is not None else dt.datetime.now(dt.UTC)
