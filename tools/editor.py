"""Tools for editors: check the content, scaffold a new item, list translations.

    python3 -m tools.editor check
    python3 -m tools.editor new news --lang ar --title "…" --slug my-post
    python3 -m tools.editor new --translate my-post --lang en
    python3 -m tools.editor translations [--strict]

`invoke check`, `invoke new` and `invoke translations` (tasks.py) call these
functions; the checks themselves live in plugins/smex_site/validation.py, so
`invoke check` says exactly what a build would say, without building.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DEV_SETTINGS = ROOT / "pelicanconf.py"


class EditorError(Exception):
    """Something the editor asked for cannot be done; the message says why."""


@dataclass(frozen=True)
class Kind:
    """One kind of content `new` can scaffold.

    keys: front matter lines in order; "date" gets today's date and time,
    "lang" and "slug" theirs, "title" the title, anything else stays empty for
    the editor to fill. Adding a kind (a report, an edition) is one entry here
    with the keys its module documents.
    """

    folder: str
    label: str
    keys: tuple[str, ...]
    date_only: bool = False  # publications are dated to the day


KINDS: dict[str, Kind] = {
    "news": Kind(
        "news",
        "news post",
        ("title", "date", "lang", "slug", "tags", "summary"),
    ),
    "article": Kind(
        "articles",
        "article",
        ("title", "date", "lang", "slug", "tags", "summary"),
    ),
    "page": Kind("pages", "page", ("title", "lang", "slug", "summary")),
    # docs/publications.md
    "report": Kind(
        "publications",
        "publication",
        ("title", "date", "lang", "slug", "type", "topics", "authors", "summary", "pdf"),
        date_only=True,
    ),
    # docs/editions.md; an edition's slug is its year
    "edition": Kind(
        "editions",
        "edition of the convening",
        (
            "title",
            "lang",
            "slug",
            "year",
            "ordinal",
            "format",
            "city",
            "venue",
            "start",
            "end",
            "milestones",
            "figures",
            "links",
            "themes",
            "summary",
        ),
    ),
}
ALIASES = {
    "post": "news",
    "articles": "article",
    "pages": "page",
    "publication": "report",
    "publications": "report",
    "editions": "edition",
}


def load(overrides: dict | None = None, settings_file: Path | str = DEV_SETTINGS) -> dict:
    import logging

    from tools import sitebuild

    # Pelican's notes about feeds without SITEURL are for builds, not editors.
    logger = logging.getLogger("pelican.settings")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return sitebuild.load_settings(settings_file, overrides or {})
    finally:
        logger.setLevel(level)


def _validation():
    from tools import sitebuild

    sitebuild._ensure_plugin_path()
    import smex_site  # noqa: F401  (registers every module's checks)
    from smex_site import validation

    return validation


# --- check -------------------------------------------------------------------------


def check(settings: dict, out=sys.stdout) -> int:
    """Print every problem; 0 if there is no error (warnings allowed), else 1."""
    validation = _validation()
    started = time.perf_counter()
    problems = validation.validate(settings)
    seconds = time.perf_counter() - started
    errors = validation.errors(problems)
    warnings = validation.warnings(problems)
    for problem in errors:
        print(f"error: {problem}", file=out)
    for problem in warnings:
        print(f"warning: {problem}", file=out)
    verdict = (
        "nothing to fix"
        if not problems
        else (f"{len(errors)} error(s), {len(warnings)} warning(s)")
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


def now_text(settings: dict) -> str:
    from tools import sitebuild

    sitebuild._ensure_plugin_path()
    from smex_site import clock

    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return clock.now(settings).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def resolve_kind(name: str | None) -> Kind:
    key = ALIASES.get(name or "", name or "")
    if key not in KINDS:
        raise EditorError(f"unknown kind {name!r}; expected one of {', '.join(KINDS)}")
    return KINDS[key]


def _languages(settings: dict) -> list[str]:
    return list(_validation().site_settings.read(settings)["SITE_LANGUAGES"])


def new(
    settings: dict,
    kind: str | None,
    title: str | None = None,
    lang: str | None = None,
    slug: str | None = None,
    draft: bool = False,
) -> Path:
    """Create content/<lang>/<folder>/<slug>.md with its front matter."""
    validation = _validation()
    spec = resolve_kind(kind)
    languages = _languages(settings)
    lang = lang or languages[0]
    if lang not in languages:
        raise EditorError(f"unknown language {lang!r}; expected one of {', '.join(languages)}")
    if not title:
        raise EditorError('give the title with --title "…"')
    slug = slug or slugify(title)
    if not validation.site_settings.SLUG_RE.match(slug):
        raise EditorError(f"{slug!r} is not an ASCII slug; use lowercase a-z, 0-9 and hyphens")
    ctx, items, _ = validation.collect(settings)
    kind_of_folder = validation.kind_of(spec.folder)
    for item in items:
        if item.lang == lang and item.slug == slug and item.kind == kind_of_folder:
            raise EditorError(f"the slug {slug!r} is already used by {item.rel}; choose another")
    target = ctx.content / lang / spec.folder / f"{slug}.md"
    today = now_text(settings)
    values = {
        "title": title,
        "lang": lang,
        "slug": slug,
        "date": today.split()[0] if spec.date_only else today,
        "year": slug if slug.isdigit() else "",  # an edition's slug is its year
    }
    lines = [f"{key.title()}: {values.get(key, '')}".rstrip() for key in spec.keys]
    if draft:
        lines.append("Status: draft")
    _write_new(target, "\n".join(lines) + "\n\n")
    return target


def translate(
    settings: dict,
    slug: str,
    lang: str | None = None,
    kind: str | None = None,
    draft: bool = True,
) -> Path:
    """Create the other language's file for an existing item, same fields.

    Every field is copied (date, slug, tags, a report's PDF…), Lang is set to
    the new language, and Title, Summary and the text are the original's, for
    the translator to write over. It starts as a draft so a half-translated
    page never goes out; delete the 'Status: draft' line when it is done.
    """
    validation = _validation()
    ctx, items, _ = validation.collect(settings)
    folder = resolve_kind(kind).folder if kind else None
    sources = [i for i in items if i.slug == slug and (folder is None or i.folder == folder)]
    if not sources:
        raise EditorError(f"no content has the slug {slug!r}; check the Slug: line of the original")
    folders = sorted({item.folder for item in sources})
    if len(folders) > 1:
        raise EditorError(
            f"the slug {slug!r} is used in {', '.join(folders)}; say which with --kind"
        )
    have = {item.lang: item for item in sources}
    languages = _languages(settings)
    if lang is None:
        missing = [code for code in languages if code not in have]
        if len(missing) != 1:
            raise EditorError("say which language to translate into with --lang")
        lang = missing[0]
    if lang not in languages:
        raise EditorError(f"unknown language {lang!r}; expected one of {', '.join(languages)}")
    if lang in have:
        raise EditorError(f"{have[lang].rel} already exists; it is the {lang} version")
    source = next(have[code] for code in languages if code in have)
    rel = Path(source.path).relative_to(ctx.content / source.lang)
    target = ctx.content / lang / rel
    lines = []
    for key, field in source.doc.fields.items():
        if key in ("status", "translate"):  # a translation is wanted after all
            continue
        value = lang if key == "lang" else field.value
        lines.append(f"{key.title()}: {value}")
    if draft:
        lines.append("Status: draft")
    body = source.doc.body.strip("\n")
    _write_new(target, "\n".join(lines) + "\n\n" + (body + "\n" if body else ""))
    return target


def _write_new(target: Path, text: str) -> None:
    if target.exists():
        raise EditorError(f"{target} already exists; nothing was overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)


# --- translations ----------------------------------------------------------------------


@dataclass
class Row:
    folder: str
    slug: str
    # lang -> ok, missing, not planned ("Translate: no"), draft, stale (N days)
    states: dict[str, str]

    @property
    def missing(self) -> bool:
        return any(state in ("missing", "draft") for state in self.states.values())

    @property
    def stale(self) -> bool:
        return any(state.startswith("stale") for state in self.states.values())


def translation_status(settings: dict) -> list[Row]:
    validation = _validation()
    ctx, items, _ = validation.collect(settings)
    languages = list(ctx.languages)
    stale = {id(item): days for item, _, days in validation.stale_translations(items, ctx)}
    rows = []
    for (folder, slug), versions in sorted(validation.translation_groups(items).items()):
        states = {}
        planned = all(item.translation_planned for item in versions.values())
        for lang in languages:
            item = versions.get(lang)
            if item is None:
                states[lang] = "missing" if planned else "not planned"
            elif item.status == "draft":
                states[lang] = "draft"
            elif id(item) in stale:
                states[lang] = f"stale ({stale[id(item)]} days)"
            else:
                states[lang] = "ok"
        rows.append(Row(folder, slug, states))
    return rows


def translations(settings: dict, strict: bool = False, out=sys.stdout) -> int:
    """Print what lacks a translation or has a stale one; see the return value."""
    rows = translation_status(settings)
    languages = _languages(settings)
    days = _validation().site_settings.read(settings)["SITE_STALE_TRANSLATION_DAYS"]
    print(
        f"Translations (stale: more than {days} days behind the other version)",
        file=out,
    )
    width = max([len(row.slug) for row in rows] + [4]) + 2
    for folder in sorted({row.folder for row in rows}):
        group = [row for row in rows if row.folder == folder]
        todo = [row for row in group if row.missing or row.stale]
        single = [row.slug for row in group if "not planned" in row.states.values()]
        by_design = f" ({len(single)} in one language by design: {', '.join(single)})"
        if not todo:
            print(
                f"\n{folder}: all {len(group)} translated and up to date"
                + (by_design if single else ""),
                file=out,
            )
            continue
        print(f"\n{folder}: {len(todo)} of {len(group)} need work", file=out)
        header = "slug".ljust(width) + "".join(lang.ljust(18) for lang in languages)
        print("  " + header.rstrip(), file=out)
        for row in todo:
            cells = "".join(row.states[lang].ljust(18) for lang in languages)
            print("  " + row.slug.ljust(width) + cells.rstrip(), file=out)
    missing = sum(row.missing for row in rows)
    stale = sum(row.stale for row in rows)
    print(f"\n{missing} missing (or still a draft), {stale} stale.", file=out)
    return 1 if strict and missing else 0


# --- command line ----------------------------------------------------------------------


def _overrides(args) -> dict:
    from tools.sitebuild import parse_overrides

    overrides = parse_overrides(args.set)
    if args.path:
        overrides["PATH"] = str(Path(args.path).resolve())
    if getattr(args, "now", None):
        from tools.sitebuild import BuildFailed, check_now

        try:  # issue 10: one line saying what to write, not a traceback
            overrides["SITE_NOW"] = check_now(args.now)
        except BuildFailed as error:
            raise EditorError(str(error)) from None
    return overrides


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m tools.editor", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--settings", default=str(DEV_SETTINGS))
    parser.add_argument("--path", help="the content folder (default: the settings' PATH)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content, as a build would, without building")
    new_parser = commands.add_parser("new", help="scaffold a new item or a translation")
    new_parser.add_argument("kind", nargs="?", help=", ".join(KINDS))
    new_parser.add_argument("--title")
    new_parser.add_argument("--lang")
    new_parser.add_argument("--slug")
    new_parser.add_argument("--translate", metavar="SLUG")
    new_parser.add_argument("--draft", action="store_true")
    new_parser.add_argument("--now", help="today, as the site clock sees it (tests, previews)")
    table = commands.add_parser("translations", help="missing and stale translations")
    table.add_argument("--strict", action="store_true", help="exit 1 if anything is missing")
    args = parser.parse_args(argv)
    try:
        settings = load(_overrides(args), args.settings)
        if args.command == "check":
            return check(settings)
        if args.command == "translations":
            return translations(settings, strict=args.strict)
        if args.translate:
            path = translate(settings, args.translate, lang=args.lang, kind=args.kind)
            print(
                f"Created {path}\nTranslate the title, the summary and the text, then "
                "delete the 'Status: draft' line to publish it."
            )
        else:
            path = new(
                settings,
                args.kind,
                title=args.title,
                lang=args.lang,
                slug=args.slug,
                draft=args.draft,
            )
            print(
                f"Created {path}\nWrite the summary and the text; "
                "`invoke check` tells you what is still missing."
            )
            if "tags" in resolve_kind(args.kind).keys:
                topics = _validation().collect(settings)[0].topics or {}
                print(f"Topic keys for Tags: {', '.join(sorted(topics))}")
        return 0
    except EditorError as error:
        print(f"Nothing done: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
