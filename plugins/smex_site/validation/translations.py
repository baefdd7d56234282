"""Checks across the versions of one item (smex_site/translations.py resolves
them once): a translation behind its original, one that records nothing, one
whose original is gone, and facts a translation states differently. (One
that records nothing yet is not a problem: `invoke translations` lists it as
"unrecorded", and --accept starts tracking it.)

Facts are one rule for every kind: the keys a kind declares `fact=` (dates,
tags and topics, a cover, figures' values, a report's PDFs, an edition's
dates, timezone, format, status and milestones). A translation that states
one states the original's value; one that records its original
(Translation-Of) may leave it out and take it. A key may say that the
original holds the same fact under another key (`fact_key`: a translation's
PDF: is its original's PDF-<lang>). The date that publishes an item (its
kind's schedule key) is the exception: a translation may leave it out, or
give a later one to appear later.

A place is words (an edition's City, Venue: `worded_fact`), so it cannot be
taken: a translation whose original states one states it too, in its own
language. A required fact a recorded translation leaves out and its
original does not give (a PDF: when the original names no PDF-<lang>) is
missing.
"""

from __future__ import annotations

from smex_site import translations

from . import entries
from .core import Context, Problem


def accept_hint(entry) -> str:
    return f"`invoke translations --accept {entry.slug}`"


def check(groups: dict, ctx: Context) -> list[Problem]:
    problems = []
    for group in groups.values():
        for version in group.versions.values():
            entry = version.entry
            if entry is None:
                continue
            if version.state == translations.OUTDATED:
                problems.append(_outdated(entry, version, group, ctx))
            elif version.state == translations.ORPHAN:
                problems += _orphan(entry, ctx)
            if group.original is not None and entry is not group.original:
                problems += _facts(entry, group.original, ctx)
                problems += _worded(entry, group.original, ctx)
                if translations.KEY in entry.values:
                    problems += _untaken(entry, group.original, ctx)
    return problems


def _outdated(entry, version, group, ctx: Context) -> Problem:
    parts = ", ".join(translations.PART_WORDS[part] for part in version.changed)
    return ctx.warning(
        entry,
        translations.KEY,
        f"outdated translation: the {parts} of {group.original.rel} changed since it was "
        f"translated (about {version.words} words to read again); bring this version up to "
        f"date, then run {accept_hint(entry)} (also after an edit of the original that "
        "changes no meaning, such as a typo)",
    )


def _orphan(entry, ctx: Context) -> list[Problem]:
    """Its original is gone (deleted, or its slug renamed): so are the facts
    it took from there."""
    record = entry.values[translations.KEY]
    problems = [
        ctx.warning(
            entry,
            translations.KEY,
            f"no {record.lang} version has the slug {entry.slug!r} any more; give the "
            "original back that slug, or delete this line if this version is now the original",
        )
    ]
    for name, key in entry.kind.keys_for(ctx.languages).items():
        if key.required and translations.inheritable(key) and name not in entry.values:
            problems.append(
                ctx.problem(
                    entry,
                    name,
                    f"missing, and there is no original to take it from; add a line such as "
                    f"'{key.line_example(entry.lang, entry.slug)}'",
                )
            )
    return problems


def _facts(entry, original, ctx: Context) -> list[Problem]:
    """Each fact this version states is the original's (a recorded translation
    that leaves one out has taken it already)."""
    problems = []
    recorded = translations.KEY in entry.values
    keys = entry.kind.keys_for(ctx.languages)
    for name, key in keys.items():
        there = translations.counterpart(name, key, entry.lang, original.lang)
        if key.fact is None or there is None or name == entry.kind.schedule_key:
            continue  # its Date may hold a translation back until later: its own
        stated = name in entry.doc.fields
        if key.fact_key is not None and not (stated and there in original.values):
            continue  # a file named for a language: the original's silence says nothing
        if not stated and (recorded or key.required or there not in original.values):
            continue  # taken from the original, or reported as missing already
        mine, theirs = entry.values.get(name), original.values.get(there)
        if mine is None and stated:
            continue  # its own line is broken: reported already
        here = key.fact(mine) if mine is not None else "(not given)"
        there_text = key.fact(theirs) if theirs is not None else "(not given)"
        if here != there_text:
            where = original.rel if there == name else f"{original.rel} ({keys[there].label})"
            problems.append(
                ctx.problem(
                    entry,
                    name,
                    f"{here} here but {there_text} in {where}, the original; a translation "
                    f"states the same facts: write the {key.label} line as there"
                    + (
                        ", or leave it out to take the original's"
                        if translations.inheritable(key)
                        else ""
                    ),
                )
            )
    return problems


def _untaken(entry, original, ctx: Context) -> list[Problem]:
    """A required fact a recorded translation left out, which its original
    does not give either (a report's PDF: when the original names no
    PDF-<this language>)."""
    problems = []
    for name, key in entry.kind.keys_for(ctx.languages).items():
        if not (key.required and translations.inheritable(key)) or name in entry.values:
            continue
        if name in entry.doc.broken_keys:
            continue  # its broken line is reported already
        there = translations.counterpart(name, key, entry.lang, original.lang)
        keys = original.kind.keys_for(ctx.languages)
        source = f"no {keys[there].label} line" if there in keys else "none"
        verb = "empty" if name in entry.doc.fields else "missing"
        problems.append(
            ctx.problem(
                entry,
                name,
                f"{verb}, and {original.rel}, the original, gives {source} to take it from; "
                f"write it here: '{key.line_example(entry.lang, entry.slug)}'",
            )
        )
    return _as_draft(entry, problems, ctx)


def _worded(entry, original, ctx: Context) -> list[Problem]:
    """A fact in words (an edition's City, Venue) the original states and
    this version leaves out: it cannot be taken, only translated."""
    problems = []
    for name, key in entry.kind.keys_for(ctx.languages).items():
        if not key.worded_fact or name in entry.values or name not in original.values:
            continue
        if name in entry.doc.broken_keys:
            continue
        language = ctx.languages[entry.lang]["name"]
        verb, line = ("empty", "write") if name in entry.doc.fields else ("missing", "add")
        problems.append(
            ctx.problem(
                entry,
                name,
                f"{verb}, but {original.rel}, the original, gives "
                f"'{key.label}: {original.values[name]}'; words are not copied across "
                f"languages: {line} the {key.label} line, the same {name} written in {language}",
            )
        )
    return _as_draft(entry, problems, ctx)


def _as_draft(entry, problems: list[Problem], ctx: Context) -> list[Problem]:
    """A draft translation's problems wait, as its own file's do (a scaffold builds)."""
    if entry.status != "draft":
        return problems
    keep = entries.blocking(entry, ctx)
    return [entries.as_draft(problem, keep) for problem in problems]
