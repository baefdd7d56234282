"""Tools for editors: check the content, scaffold a new item, list translations.

    python3 -m tools.editor check
    python3 -m tools.editor new news --lang ar --title "…" --slug my-post
    python3 -m tools.editor new --translate my-post --lang en
    python3 -m tools.editor translations [--strict]

`invoke check`, `invoke new` and `invoke translations` (tasks.py) call these.
What a kind's file holds, and what `new` writes for it, is the kind's own
declaration (plugins/smex_site/kinds.py and the sub-packages); the checks are
the build's own, so `invoke check` says exactly what a build would say.
Every new file starts as a draft, so it builds as written; a draft's
problems are warnings until its `Status: draft` line is deleted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from tools import sitebuild

sitebuild._ensure_plugin_path()  # smex_site, the plugin, is imported where used

ROOT = Path(__file__).resolve().parent.parent
DEV_SETTINGS = ROOT / "pelicanconf.py"
ALIASES = {"post": "news", "articles": "article", "pages": "page", "publication": "report"}
ALIASES.update({"publications": "report", "editions": "edition"})


class EditorError(Exception):
    """Something the editor asked for cannot be done; the message says why."""


def _plugin():
    import smex_site

    return smex_site


def load(overrides: dict | None = None, settings_file: Path | str = DEV_SETTINGS) -> dict:
    import logging

    # Pelican's notes about feeds without SITEURL are for builds, not editors.
    logger = logging.getLogger("pelican.settings")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return sitebuild.load_settings(settings_file, overrides or {})
    finally:
        logger.setLevel(level)


def collect(settings: dict):
    from smex_site import validation

    return validation.collect(settings, _plugin().KINDS)


# --- check -------------------------------------------------------------------------


def check(settings: dict, out=sys.stdout) -> int:
    """Print every problem; 0 if there is no error (warnings allowed), else 1."""
    started = time.perf_counter()
    catalog = collect(settings)
    seconds = time.perf_counter() - started
    errors = catalog.errors
    warnings = [p for p in catalog.problems if p not in errors]
    for problem in errors:
        print(f"error: {problem}", file=out)
    for problem in warnings:
        print(f"warning: {problem}", file=out)
    verdict = (
        "nothing to fix"
        if not catalog.problems
        else f"{len(errors)} error(s), {len(warnings)} warning(s)"
    )
    print(f"Checked {settings['PATH']} in {seconds:.2f} s: {verdict}.", file=out)
    if errors:
        print("Errors stop the build; fix them and run `invoke check` again.", file=out)
    return 1 if errors else 0


# --- new -----------------------------------------------------------------------------


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title)
    if any(ord(char) > 127 and not unicodedata.combining(char) for char in text):
        raise EditorError(
            "the title is not in Latin letters, so no slug can be made from it; "
            "give one with --slug, e.g. --slug digital-rights-day (ASCII, the same in "
            "both languages)"
        )
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not slug:
        raise EditorError("no slug can be made from this title; give one with --slug")
    return slug


def site_now(settings: dict):
    from smex_site import settings as site_settings
    from smex_site import state

    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    try:
        return state.fixed_now(site_settings.read(settings)).astimezone(zone)
    except site_settings.SettingsError as error:
        raise EditorError(str(error)) from None


def resolve_kind(name: str | None):
    """--kind NAME -> (Kind, folder)."""
    from smex_site import kinds

    names = kinds.by_new_name(_plugin().KINDS)
    key = ALIASES.get(name or "", name or "")
    if key not in names:
        raise EditorError(f"unknown kind {name!r}; expected one of {', '.join(names)}")
    return names[key]


def _languages(settings: dict) -> list[str]:
    return list(settings["SITE_LANGUAGES"])


def new(settings, kind_name, title=None, lang=None, slug=None) -> Path:
    """Create content/<lang>/<folder>/<slug>.md with its front matter, as a draft."""
    from smex_site.fields import SLUG_RE, FieldError

    kind, folder = resolve_kind(kind_name)
    languages = _languages(settings)
    lang = lang or languages[0]
    if lang not in languages:
        raise EditorError(f"unknown language {lang!r}; expected one of {', '.join(languages)}")
    if not title:
        raise EditorError('give the title with --title "…"')
    now = site_now(settings)
    values = {"title": title, "lang": lang}
    stem = None
    if kind.scaffold is not None:  # the kind's own file name and values
        try:
            stem, found = kind.scaffold(title, slug, lang, now)
        except FieldError as error:
            raise EditorError(str(error)) from None
        values.update(found)
    values.setdefault("slug", slug or slugify(title))
    values.setdefault("date", now.strftime("%Y-%m-%d %H:%M"))
    stem = stem or values["slug"]
    if not SLUG_RE.match(values["slug"]):
        raise EditorError(
            f"{values['slug']!r} is not an ASCII slug; use lowercase a-z, 0-9 and hyphens"
        )
    catalog = collect(settings)
    for entry in catalog.entries:
        if entry.lang == lang and entry.slug == values["slug"] and entry.kind is kind:
            raise EditorError(
                f"the slug {values['slug']!r} is already used by {entry.rel}; choose another"
            )
    target = catalog.ctx.content / lang / folder / f"{stem}.md"
    keys = kind.keys_for(catalog.ctx.languages)
    lines = [f"{keys[name].label}: {values.get(name, '')}".rstrip() for name in kind.new_keys]
    lines.append("Status: draft")
    _write_new(target, "\n".join(lines) + "\n\n")
    return target


# --- translate -------------------------------------------------------------------------


def translate(settings, slug: str, lang=None, kind_name=None) -> tuple[Path, list[str]]:
    """Create the other language's file of an item, as a draft: (path, notes).

    Shared fields are copied (date, slug, tags…), Lang is the new language,
    Title, Summary and the text are the original's for the translator to write
    over. A report's PDF is the new language's file when there is one
    (…-<lang>.pdf), else left empty. {filename} links point to the new
    language's versions where they exist; the notes name those that do not.
    """
    catalog = collect(settings)
    kind = resolve_kind(kind_name)[0] if kind_name else None
    sources = [e for e in catalog.entries if e.slug == slug and (kind is None or e.kind is kind)]
    if not sources:
        raise EditorError(f"no content has the slug {slug!r}; check the Slug: line of the original")
    folders = sorted({entry.folder for entry in sources})
    if len(folders) > 1:
        raise EditorError(
            f"the slug {slug!r} is used in {', '.join(folders)}; say which with --kind"
        )
    have = {entry.lang: entry for entry in sources}
    languages = _languages(settings)
    if lang is None:
        missing = [code for code in languages if code not in have]
        if not missing:
            done = ", ".join(entry.rel for entry in have.values())
            raise EditorError(f"{slug!r} is already in every language of the site: {done}")
        if len(missing) > 1:
            raise EditorError(
                f"say which language to translate into with --lang ({', '.join(missing)})"
            )
        lang = missing[0]
    if lang not in languages:
        raise EditorError(f"unknown language {lang!r}; expected one of {', '.join(languages)}")
    if lang in have:
        raise EditorError(f"{have[lang].rel} already exists; it is the {lang} version")
    source = next(have[code] for code in languages if code in have)
    target = catalog.ctx.content / lang / source.path.relative_to(catalog.ctx.content / source.lang)
    lines, notes = _translated_fields(source, lang, catalog)
    body, link_notes = _translated_links(source, lang, catalog)
    lines.append("Status: draft")
    _write_new(target, "\n".join(lines) + "\n\n" + (body + "\n" if body else ""))
    return target, notes + link_notes


def _translated_fields(source, lang: str, catalog) -> tuple[list[str], list[str]]:
    keys = source.kind.keys_for(catalog.ctx.languages)
    lines, notes = [], []
    for name, field in source.doc.fields.items():
        label = keys[name].label if name in keys else name.title()
        if name in ("status", "translate") or name.startswith("pdf-"):
            continue  # a translation is wanted after all; its PDF is its own
        value = lang if name == "lang" else field.value
        if name == "pdf":
            value = _pdf_for(source, lang, catalog)
            if not value:
                notes.append(
                    f"PDF: no {lang} PDF found; put it in content/files/ and write its path"
                )
        lines.append(f"{label}: {value}".rstrip())
    return lines, notes


def _pdf_for(source, lang: str, catalog) -> str:
    given = source.values.get(f"pdf-{lang}")
    if given:
        return given
    pdf = source.values.get("pdf") or ""
    variant = re.sub(rf"-{re.escape(source.lang)}\.pdf$", f"-{lang}.pdf", pdf)
    return variant if variant != pdf and (catalog.ctx.content / variant).is_file() else ""


FILENAME_LINK = re.compile(r"\{filename\}/(?P<lang>[a-z]{2,3})/(?P<rest>[^\s)\]\"'<>#?]+)")


def _translated_links(source, lang: str, catalog) -> tuple[str, list[str]]:
    """The body, with {filename}/<lang>/… links turned to the new language's files."""
    notes = []

    def swap(match: re.Match) -> str:
        if match["lang"] != source.lang:
            return match[0]
        rest = match["rest"]
        if (catalog.ctx.content / lang / rest).is_file():
            return f"{{filename}}/{lang}/{rest}"
        notes.append(
            f"{{filename}}/{source.lang}/{rest}: not in {lang} yet; link another page, "
            f"or translate it first (the draft builds; `invoke check` reminds you)"
        )
        return match[0]

    return FILENAME_LINK.sub(swap, source.doc.body.strip("\n")), notes


def _write_new(target: Path, text: str) -> None:
    if target.exists():
        raise EditorError(f"{target} already exists; nothing was overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)


# --- translations ----------------------------------------------------------------------


def translation_status(settings: dict) -> list[tuple[str, str, dict]]:
    """(folder, slug, {lang: ok | missing | not planned | draft | scheduled | stale (N days)})."""
    from smex_site import publishing
    from smex_site.validation import site

    catalog = collect(settings)
    ctx = catalog.ctx
    stale = {id(entry): days for entry, _, days in site.stale_translations(catalog.entries, ctx)}
    rows = []
    for (folder, slug), versions in sorted(site.translation_groups(catalog.entries).items()):
        planned = all(entry.translation_planned for entry in versions.values())
        states = {}
        for lang in ctx.languages:
            entry = versions.get(lang)
            seen = entry.visibility(ctx.now) if entry else None
            if entry is None:
                states[lang] = "missing" if planned else "not planned"
            elif seen in (publishing.DRAFT, publishing.SCHEDULED):
                states[lang] = seen
            elif id(entry) in stale:
                states[lang] = f"stale ({stale[id(entry)]} days)"
            else:
                states[lang] = "ok"
        rows.append((folder, slug, states))
    return rows


def translations(settings: dict, strict: bool = False, out=sys.stdout) -> int:
    """Print what lacks a translation or has a stale one; see the return value."""
    rows = translation_status(settings)
    languages = _languages(settings)
    days = settings.get("SITE_STALE_TRANSLATION_DAYS", 30)
    print(f"Translations (stale: more than {days} days behind the other version)", file=out)
    width = max([len(slug) for _, slug, _ in rows] + [4]) + 2

    def todo(states):
        return any(s in ("missing", "draft") or s.startswith("stale") for s in states.values())

    for folder in sorted({row[0] for row in rows}):
        group = [row for row in rows if row[0] == folder]
        pending = [row for row in group if todo(row[2])]
        single = [slug for _, slug, states in group if "not planned" in states.values()]
        by_design = (
            f" ({len(single)} in one language by design: {', '.join(single)})" if single else ""
        )
        if not pending:
            print(f"\n{folder}: all {len(group)} translated and up to date{by_design}", file=out)
            continue
        print(f"\n{folder}: {len(pending)} of {len(group)} need work", file=out)
        print(
            "  " + ("slug".ljust(width) + "".join(code.ljust(18) for code in languages)).rstrip(),
            file=out,
        )
        for _, slug, states in pending:
            cells = "".join(states[lang].ljust(18) for lang in languages)
            print("  " + slug.ljust(width) + cells.rstrip(), file=out)
    missing = sum(any(s in ("missing", "draft") for s in st.values()) for _, _, st in rows)
    stale = sum(any(s.startswith("stale") for s in st.values()) for _, _, st in rows)
    print(f"\n{missing} missing (or still a draft), {stale} stale.", file=out)
    return 1 if strict and missing else 0


# --- command line ----------------------------------------------------------------------


def _overrides(args) -> dict:
    from tools.sitebuild import parse_overrides

    overrides = parse_overrides(args.set)
    if args.path:
        overrides["PATH"] = str(Path(args.path).resolve())
    if getattr(args, "now", None):
        # a bad one is a SettingsError when read: one line saying what to write
        overrides["SITE_NOW"] = args.now
    return overrides


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m tools.editor", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--settings", default=str(DEV_SETTINGS))
    parser.add_argument("--path", help="the content folder (default: the settings' PATH)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content, as a build would, without building")
    new_parser = commands.add_parser("new", help="scaffold a new item (a draft) or a translation")
    new_parser.add_argument("kind", nargs="?", help="news, article, page, report or edition")
    for flag in ("--title", "--lang", "--slug", "--now"):
        new_parser.add_argument(flag)
    new_parser.add_argument("--translate", metavar="SLUG")
    table = commands.add_parser("translations", help="missing and stale translations")
    table.add_argument("--strict", action="store_true", help="exit 1 if anything is missing")
    return parser


def _translate(settings, args) -> int:
    path, notes = translate(settings, args.translate, lang=args.lang, kind_name=args.kind)
    print(f"Created {path} (a draft)")
    for note in notes:
        print(f"note: {note}")
    print("Translate the title, the summary and the text, then delete the 'Status: draft'")
    print("line to publish it.")
    return 0


def _new(settings, args) -> int:
    path = new(settings, args.kind or "news", args.title, args.lang, args.slug)
    print(f"Created {path} (a draft)")
    print("Write the summary and the text; `invoke check` tells you what is still missing.")
    print("Delete the 'Status: draft' line to publish it.")
    kind = resolve_kind(args.kind or "news")[0]
    if "tags" in kind.new_keys or "topics" in kind.new_keys:
        topics = collect(settings).topics or {}
        print(f"Topic keys: {', '.join(sorted(topics))}")
    return 0


def _run(args) -> int:
    commands = {
        "check": check,
        "translations": lambda settings: translations(settings, strict=args.strict),
        "new": lambda settings: (_translate if args.translate else _new)(settings, args),
    }
    from smex_site.settings import SettingsError

    try:
        return commands[args.command](load(_overrides(args), args.settings))
    except (EditorError, SettingsError) as error:
        print(f"Nothing done: {error}", file=sys.stderr)
        return 2


def main(argv=None) -> int:
    return _run(_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
