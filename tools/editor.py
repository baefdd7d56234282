"""Tools for editors: check the content, scaffold a new item, list translations.

    python3 -m tools.editor check
    python3 -m tools.editor new news --lang ar --title "…" --slug my-post   (tools/scaffold.py)
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
import sys
import time
from pathlib import Path

from tools.content import DEV_SETTINGS, EditorError, collect, languages_of, load

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
    languages = languages_of(settings)
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
    checking = commands.add_parser("check", help="validate the content, as a build would")
    checking.add_argument("--now", help="as a build at this instant would (scheduled items)")
    new_parser = commands.add_parser("new", help="scaffold a new item (a draft) or a translation")
    new_parser.add_argument("kind", nargs="?", help="news, article, page, report or edition")
    for flag in ("--title", "--lang", "--slug", "--now"):
        new_parser.add_argument(flag)
    new_parser.add_argument("--translate", metavar="SLUG")
    table = commands.add_parser("translations", help="missing and stale translations")
    table.add_argument("--strict", action="store_true", help="exit 1 if anything is missing")
    return parser


def _translate(settings, args) -> int:
    from tools.scaffold import translate

    path, notes, rewrite = translate(settings, args.translate, lang=args.lang, kind_name=args.kind)
    print(f"Created {path} (a draft)")
    for note in notes:
        print(f"note: {note}")
    # every line the original's language wrote, by name: each is a copy until rewritten
    print(f"Translate these lines: {', '.join(rewrite)}; then the text below them.")
    print("Then delete the 'Status: draft' line to publish it.")
    return 0


def _new(settings, args) -> int:
    from tools.scaffold import new, resolve_kind

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
