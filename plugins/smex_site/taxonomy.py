"""Category and topic keys (ASCII) and their labels in each language.

Two Arabic words can slugify to the same ASCII string (علم and عالم both give
`lm`), so editors use ASCII keys and the labels live here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from . import settings as site_settings


class TaxonomyError(ValueError):
    pass


def topics_path(settings: dict) -> Path:
    return Path(settings["PATH"]) / site_settings.read(settings)["SITE_TOPICS_FILE"]


def load_topics(settings: dict) -> dict[str, dict[str, str]]:
    """key -> {lang: label}; a broken file names its line."""
    path = topics_path(settings)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"{path}: {error}; fix the TOML syntax") from None
    topics = data.get("topics", {})
    languages = site_settings.read(settings)["SITE_LANGUAGES"]
    for key, labels in topics.items():
        if not site_settings.SLUG_RE.match(key):
            raise TaxonomyError(f"{path}: topics.{key}: keys must be ASCII slugs")
        missing = [lang for lang in languages if not labels.get(lang)]
        if missing:
            raise TaxonomyError(f"{path}: topics.{key}: missing label for {', '.join(missing)}")
    return topics


def label(table: dict, key: str, lang: str) -> str:
    return table.get(key, {}).get(lang, key)
