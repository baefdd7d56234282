"""Checks across the versions of one item (smex_site/translations.py resolves
them once): a translation behind its original, one that records nothing, one
whose original is gone, and facts a translation states differently. (One
that records nothing yet is not a problem: `invoke translations` lists it as
"unrecorded", and --accept starts tracking it.)

Facts are one rule for every kind: the keys a kind declares `fact=` (dates,
tags and topics, a cover, figures' values, an edition's dates, format and
milestones). A translation that states one states the original's value; one
that records its original (Translation-Of) may leave it out and take it. The
date that publishes an item (its kind's schedule key) is the exception: a
translation may leave it out, or give a later one to appear later.
"""

from __future__ import annotations

from smex_site import translations

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
    for name, key in entry.kind.keys_for(ctx.languages).items():
        if key.fact is None or name == entry.kind.schedule_key:
            continue  # its Date may hold a translation back until later: its own
        stated = name in entry.doc.fields
        if not stated and (recorded or key.required or name not in original.values):
            continue  # taken from the original, or reported as missing already
        mine, theirs = entry.values.get(name), original.values.get(name)
        if mine is None and stated:
            continue  # its own line is broken: reported already
        here = key.fact(mine) if mine is not None else "(not given)"
        there = key.fact(theirs) if theirs is not None else "(not given)"
        if here != there:
            problems.append(
                ctx.problem(
                    entry,
                    name,
                    f"{here} here but {there} in {original.rel}, the original; a translation "
                    f"states the same facts: write the {key.label} line as there"
                    + (
                        ", or leave it out to take the original's"
                        if translations.inheritable(key)
                        else ""
                    ),
                )
            )
    return problems
