"""A report's stable identifiers: Document-ID, Original-Language, DOI.

A Document-ID (SMEX-2023-01) names the report, not one language's file: both
language files carry the same one, and it survives a new slug. Once a build
has published it, it is written into the registry (content/data/document-ids.toml,
id -> slug), so `invoke check` refuses it on another report, and refuses a
report that changes it. Renaming a report's slug is one line in the registry.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from babel import Locale, UnknownLocaleError

from smex_site import fields, publishing
from smex_site.fields import FieldContext, FieldError
from smex_site.validation.core import Problem

REGISTRY = "data/document-ids.toml"
ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
NEXT_RE = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*)-(?P<year>\d{4})-(?P<number>\d+)$")
LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# Crossref's recommended characters: nothing that needs escaping anywhere.
DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
ID_EXAMPLE = "SMEX-2023-01"
SCAFFOLD_KEYS = ("document-id", "original-language")  # what `invoke new` writes
HEADER = (
    "# Document-IDs that a build has published, and the report (Slug) each names.\n"
    "# Written by the build; an identifier is never given to another report.\n"
    "# A report that gets a new Slug keeps its Document-ID: change its slug here too.\n"
)


def document_id(value: str, ctx: FieldContext) -> str:
    found = fields.structured(value).upper()
    if not ID_RE.match(found):
        raise FieldError(
            f"{value.strip()!r} is not a document identifier; expected capital letters and "
            f"digits in parts joined by hyphens, e.g. {ID_EXAMPLE} (`invoke new --kind "
            "report` proposes the next free one)"
        )
    return found


def language_code(value: str, ctx: FieldContext) -> str:
    """Any language Babel knows ('ar', 'en', 'he'), not only the site's."""
    found = fields.structured(value).replace("_", "-")
    if LANG_RE.fullmatch(found) and _known_language(found):
        return found
    raise FieldError(
        f"{value.strip()!r} is not a language code; expected a lowercase code such as "
        "ar, en or fr (the language the report was written in)"
    )


def _known_language(code: str) -> bool:
    try:
        Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def doi(value: str, ctx: FieldContext) -> str:
    found = DOI_PREFIX.sub("", value.strip())
    if not DOI_RE.match(found):
        raise FieldError(
            f"{value.strip()!r} is not a DOI; expected 10.<digits>/<suffix>, "
            "e.g. 10.5281/zenodo.1234567 (without https://doi.org/)"
        )
    return found


# --- the registry ---------------------------------------------------------------------


def registry_path(content: Path) -> Path:
    return content / REGISTRY


def read_registry(content: Path) -> dict[str, str]:
    """id -> slug; an unreadable file is data.py's to report (it parses every data file)."""
    path = registry_path(content)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    found = data.get("ids", {})
    return {str(key): str(value) for key, value in found.items()} if isinstance(found, dict) else {}


def check(entries, ctx) -> list[Problem]:
    """Unique per report, never reused nor changed."""
    registry = read_registry(ctx.content)
    registered_id = {slug: key for key, slug in registry.items()}
    problems, owner = [], {}
    for entry in entries:
        given, slug = entry.values.get("document-id"), entry.slug
        if not slug or _unparsed(entry):
            continue  # no slug, or a Document-ID that did not parse: said already
        message = None
        if slug in registered_id and given != registered_id[slug]:
            message = _changed(registered_id[slug])
        elif given and registry.get(given, slug) != slug:
            message = _reused(given, registry[given], slug, ctx, entries)
        elif given and owner.setdefault(given, entry).slug != slug:
            message = (
                f"{given!r} is also the Document-ID of {owner[given].rel}; choose another "
                f"({next_free(ctx.content, entries, ctx.now)} is free)"
            )
        if message:
            problems.append(ctx.problem(entry, "document-id" if given else "slug", message))
    # that every language carries the same one is the rule for every fact
    # (Document-ID is declared fact=: validation/translations.py)
    return problems


def _unparsed(entry) -> bool:
    """A Document-ID line that did not parse: its own problem is reported already."""
    return "document-id" in entry.doc.fields and not entry.values.get("document-id")


def _changed(was: str) -> str:
    return (
        f"this report was published as {was!r} ({REGISTRY}); a Document-ID never changes "
        f"and never goes away: write Document-ID: {was}"
    )


def _reused(given: str, other: str, slug: str, ctx, entries) -> str:
    return (
        f"{given!r} was published as the report {other!r} ({REGISTRY}); an identifier is "
        f"never given to another report: choose another "
        f"({next_free(ctx.content, entries, ctx.now)} is free), or, if this is that report "
        f"under a new Slug, write {slug!r} for it in {REGISTRY}"
    )


def next_free(content: Path, entries, now) -> str:
    """SMEX-<this year>-<next number>: after every id in the files and the registry."""
    taken = set(read_registry(content)) | {
        e.values["document-id"] for e in entries if e.values.get("document-id")
    }
    prefix = "SMEX"
    numbers = []
    for key in taken:
        match = NEXT_RE.match(key)
        if match and int(match["year"]) == now.year:
            prefix = match["prefix"]
            numbers.append(int(match["number"]))
    return f"{prefix}-{now.year:04d}-{max(numbers, default=0) + 1:02d}"


def record(catalog, now) -> Path | None:
    """Add the Document-IDs that this build published; the file, if it changed."""
    content = catalog.ctx.content
    registry = read_registry(content)
    added = {}
    for entry in catalog.of_kind("report"):
        if not publishing.is_written(entry.visibility(now)):
            continue
        key = entry.values.get("document-id")
        if key and key not in registry and entry.slug:
            added[key] = entry.slug
    if not added:
        return None
    merged = {**registry, **added}
    lines = [HEADER, "[ids]"]
    # JSON's string quoting is TOML's: a hand-edited value stays one string
    lines += [f"{json.dumps(key)} = {json.dumps(merged[key])}" for key in sorted(merged)]
    path = registry_path(content)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
