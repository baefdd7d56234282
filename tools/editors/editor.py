"""Tools for editors: check the content, scaffold a new item, list translations.

    python3 -m tools.editors.editor check
    python3 -m tools.editors.editor new news --lang ar --title "…" --slug my-post
        (scaffold.py)
    python3 -m tools.editors.editor new --translate my-post --lang en
    python3 -m tools.editors.editor translations [--strict] [--accept SLUG]
        [--changed-from REF | --changed-files FILE] [--markdown]

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

from tools.editors import scaffold
from tools.editors.content import DEV_SETTINGS, EditorError, collect, load

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


def translations(
    settings: dict,
    strict=False,
    accept=None,
    changed_from=None,
    changed_files=None,
    markdown=False,
    out=sys.stdout,
) -> int:
    """The table, --accept SLUG, or what a change does (tools/editors/translations.py)."""
    from tools.editors import translations as tool

    if accept:
        return tool.accept(settings, accept, out=out)
    if changed_from or changed_files:
        return tool.changed(
            settings,
            ref=changed_from,
            files=changed_files,
            as_markdown=markdown,
            strict=strict,
            out=out,
        )
    return tool.table(settings, strict=strict, out=out)


# --- command line ----------------------------------------------------------------------


def _overrides(assignments, path, now) -> dict:
    from tools.build.settings import parse_overrides

    overrides = parse_overrides(assignments)
    if path:
        overrides["PATH"] = str(Path(path).resolve())
    if now:
        # a bad one is a SettingsError when read: one line saying what to write
        overrides["SITE_NOW"] = now
    return overrides


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m tools.editors.editor", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--settings", default=str(DEV_SETTINGS))
    parser.add_argument("--path", help="the content folder (default: the settings' PATH)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="validate the content, as a build would")
    checking.add_argument("--now", help="as a build at this instant would (scheduled items)")
    new_parser = commands.add_parser("new", help="scaffold a new item (a draft) or a translation")
    new_parser.add_argument("kind", nargs="?", help=scaffold.kind_names())
    for flag in ("--title", "--lang", "--slug", "--now"):
        new_parser.add_argument(flag)
    new_parser.add_argument("--translate", metavar="SLUG")
    table = commands.add_parser("translations", help="current, outdated, missing translations")
    table.add_argument(
        "--strict", action="store_true", help="exit 1 if anything is outdated or missing"
    )
    table.add_argument("--accept", metavar="SLUG", help="record the original as it is now")
    table.add_argument("--changed-from", metavar="REF", help="only items changed since REF (git)")
    table.add_argument("--changed-files", metavar="FILE", help="only items of the files listed")
    table.add_argument("--markdown", action="store_true", help="a Markdown table (CI summary)")
    return parser


def _translate(settings, translate, lang=None, kind=None, **_) -> int:
    from tools.editors.scaffold import translate as scaffold_translation

    path, notes, rewrite = scaffold_translation(settings, translate, lang=lang, kind_name=kind)
    print(f"Created {path} (a draft)")
    for note in notes:
        print(f"note: {note}")
    # every line the original's language wrote, by name: each is a copy until rewritten
    print(f"Translate these lines: {', '.join(rewrite)}; then the text below them.")
    print("Then delete the 'Status: draft' line to publish it.")
    return 0


def _new(settings, kind=None, title=None, lang=None, slug=None, **_) -> int:
    from tools.editors.scaffold import new, resolve_kind

    path = new(settings, kind or "news", title, lang, slug)
    print(f"Created {path} (a draft)")
    print("Write the summary and the text; `invoke check` tells you what is still missing.")
    print("Delete the 'Status: draft' line to publish it.")
    declared = resolve_kind(kind or "news")[0]
    if "tags" in declared.new_keys or "topics" in declared.new_keys:
        topics = collect(settings).topics or {}
        print(f"Topic keys: {', '.join(sorted(topics))}")
    return 0


def command(
    name: str, path=None, now=None, settings=DEV_SETTINGS, assignments=(), **options
) -> int:
    """Run one command (check, new, translations) with its options as keywords,
    as main() and tasks.py do: `command("new", kind="news", title="…", lang="ar")`.
    0 when done; 2, with one line saying why, when nothing could be done."""
    commands = {
        "check": check,
        "translations": lambda loaded: translations(loaded, **options),
        "new": lambda loaded: (_translate if options.get("translate") else _new)(loaded, **options),
    }
    from smex_site.settings import SettingsError

    try:
        return commands[name](load(_overrides(assignments, path, now), settings))
    except (EditorError, SettingsError) as error:
        print(f"Nothing done: {error}", file=sys.stderr)
        return 2


def main(argv=None) -> int:
    options = vars(_parser().parse_args(argv))
    name = options.pop("command")
    assignments = options.pop("set")
    return command(name, assignments=assignments, **options)


if __name__ == "__main__":
    sys.exit(main())
