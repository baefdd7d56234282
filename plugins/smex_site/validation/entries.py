"""Read one content file by its kind's declaration: every key through its one
parser, the required ones present, unknown ones named.

The same function gives the reader and the loaders their values, so what
the build uses is exactly what the check accepted. A draft is not published,
so its problems are warnings (fix them before publishing), except those that
make the file unreadable as what it is (its metadata block, title, language,
slug): a draft never stops the build, and a scaffold builds as written.
"""

from __future__ import annotations

import difflib

from babel import Locale, UnknownLocaleError

from smex_site import fields, kinds, publishing, translations
from smex_site.kinds import Key, Kind

from .core import Context, Entry, Problem

# Problems a draft cannot wait on: without these it is not a readable file.
BLOCKING_FIELDS = {"metadata", "title", "lang", "slug", "encoding", "path", "category"}
DRAFT_NOTE = " (a draft: fix it before you publish)"


def field_context(ctx: Context, lang: str) -> fields.FieldContext:
    return fields.FieldContext(
        lang=lang,
        languages=ctx.languages,
        options=ctx.options,
        content=ctx.content,
        topics=ctx.topics,
        templates=ctx.templates,
        zone=ctx.zone,
    )


def read_entry(doc, rel: str, lang: str, folder: str, kind: Kind, ctx: Context):
    """(Entry, problems) for one document."""
    entry = Entry(kind=kind, doc=doc, rel=rel, lang=lang, folder=folder)
    problems = [Problem(rel, line, "metadata", message) for line, message in doc.syntax_errors]
    keys = kind.keys_for(ctx.languages)
    fctx = field_context(ctx, lang)
    fctx.values = entry.values
    failed = entry.failed
    for name, key in keys.items():
        found = doc.fields.get(name)
        if found is None or not found.value.strip():
            continue
        if found.continued and not key.multiline:
            failed.add(name)
            problems.append(
                ctx.problem(
                    entry,
                    name,
                    "continues on the next line; write it on one line (only "
                    f"{', '.join(sorted(k.label for k in keys.values() if k.multiline))} "
                    "may run over several indented lines)",
                )
            )
            continue
        try:
            entry.values[name] = key.parse(found.value, fctx)
        except fields.FieldError as error:
            failed.add(name)
            problems.append(ctx.problem(entry, name, str(error)))
        else:
            problems += _untranslated(entry, key, ctx)
        problems += [ctx.warning(entry, name, note) for note in fctx.warnings]
        fctx.warnings.clear()
    problems += _unknown_keys(entry, keys, ctx)
    problems += _required(entry, keys, failed, ctx)
    problems += _body(entry, ctx)
    entry.schedule = publishing.moment(entry.values.get(kind.schedule_key), ctx.zone)
    if kind.check is not None and not failed:
        problems += kind.check(entry, ctx)
    return entry, problems


def blocking(entry: Entry, ctx: Context) -> set[str]:
    """Fields whose problems stop the build even for a draft."""
    keys = entry.kind.keys_for(ctx.languages)
    return BLOCKING_FIELDS | {name for name, key in keys.items() if key.strict}


def as_draft(problem: Problem, blocking: set[str]) -> Problem:
    """A draft's problem: a warning unless the file cannot be read without it."""
    if problem.severity != "error" or problem.field in blocking:
        return problem
    return Problem(
        problem.path, problem.line, problem.field, problem.message + DRAFT_NOTE, "warning"
    )


def _untranslated(entry: Entry, key: Key, ctx: Context) -> list[Problem]:
    """A value to write in the file's language, found in another's script."""
    value = entry.values.get(key.name)
    if key.translated != kinds.TEXT or not value:
        return []
    text = value if isinstance(value, str) else " ".join(map(str, value))
    script = fields.other_script(text, entry.lang, ctx.languages)
    if script is None:
        return []
    try:
        language = Locale.parse(entry.lang).english_name
    except (ValueError, UnknownLocaleError):  # a code Babel does not know: the site's name
        language = ctx.languages[entry.lang].get("name", entry.lang)
    return [
        ctx.warning(
            entry,
            key.name,
            f"written in {script}, but this is the {language} version; translate it "
            f"into {language} (a new translation starts as a copy of the original)",
        )
    ]


def _unknown_keys(entry: Entry, keys: dict[str, Key], ctx: Context) -> list[Problem]:
    problems = []
    names = sorted(keys)
    for name in entry.doc.fields:
        if name in keys:
            continue
        close = difflib.get_close_matches(name, names, n=1, cutoff=fields.TYPO_CUTOFF)
        if close:
            label = keys[close[0]].label
            problems.append(
                ctx.problem(
                    entry, name, f"unknown key; did you mean {close[0]}? (write '{label}: …')"
                )
            )
        else:
            problems.append(
                ctx.warning(
                    entry,
                    name,
                    f"unknown key, ignored; keys for {entry.folder}/ are {', '.join(names)}",
                )
            )
    return problems


def _required(entry: Entry, keys: dict[str, Key], failed: set, ctx: Context) -> list[Problem]:
    problems = []
    for name, key in keys.items():
        if not key.required or name in entry.values or name in failed:
            continue
        if name in entry.doc.broken_keys:
            continue  # its broken line is reported already
        if translations.KEY in entry.doc.fields and translations.inheritable(key):
            continue  # a translation takes it from its original (validation/translations.py)
        present = name in entry.doc.fields
        verb = "empty" if present else "missing"
        where = "write it after the colon" if present else "add a line such as"
        example = key.line_example(entry.lang, entry.slug)
        message = f"{verb}; every file in {entry.folder}/ needs it: {where} '{example}'"
        problems.append(Problem(entry.rel, entry.doc.line(name), name, message))
    return problems


def _body(entry: Entry, ctx: Context) -> list[Problem]:
    if not entry.kind.body_required or entry.doc.body.strip():
        return []
    return [
        Problem(
            entry.rel,
            entry.doc.body_line,
            "text",
            "empty; write the text below the metadata, after one blank line",
        )
    ]
