"""An edition of the convening, declared once (docs/editions.md).

`Status:` is the publishing status, as for every kind (draft, hidden,
published); `Event-Status:` is the event's own (scheduled, postponed,
cancelled, moved-online, rescheduled: schema.org's EventStatusType). An
optional `Date:` holds a new edition back until it is announced.
"""

from __future__ import annotations

import datetime as dt
import re

from smex_site import dates, fields, kinds, publishing
from smex_site.paths import is_file
from smex_site.validation import site
from smex_site.validation.core import STRICT, Problem

from . import event_status, model
from . import fields as edition_fields

FOLDER = "editions"


def _when(value) -> str:
    return value.key()


def _milestones_text(found) -> str:
    return "; ".join(f"{m.key} {m.at:%Y-%m-%d %H:%M}" for m in found)


def _figures_text(found) -> str:
    return "; ".join(f"{f.key} {f.value}{'+' if f.at_least else ''}" for f in found)


# fact=: the same in every language (validation/translations.py checks them;
# a translation may leave them out and take the original's)
KEYS = (
    *kinds.COMMON,
    kinds.Key("date", dates.datetime_, example="2023-06-01 10:00", fact=kinds.fact),
    kinds.Key("year", edition_fields.year, required=True, example="2023", fact=kinds.fact),
    kinds.Key("ordinal", edition_fields.ordinal, example="3", fact=kinds.fact),
    kinds.Key("format", fields.choice(model.FORMATS), example="in-person", fact=kinds.fact),
    # Status: is the publishing status; an event status written there is
    # pointed to Event-Status (edition_fields.publishing_status)
    kinds.Key("status", edition_fields.publishing_status, example="draft"),
    kinds.Key(
        "event-status", fields.choice(model.EVENT_STATUSES), example="postponed", fact=kinds.fact
    ),
    # the place is words (بيروت, Beirut): in each version's own, never taken
    # from the original; a translation states the place its original states
    kinds.Key("city", fields.text, example="Beirut", translated=kinds.TEXT, worded_fact=True),
    kinds.Key("venue", fields.text, translated=kinds.TEXT, worded_fact=True),
    kinds.Key("timezone", edition_fields.timezone, example="Asia/Beirut", fact=kinds.fact),
    kinds.Key("start", edition_fields.when, example="2023-11-16 09:00", fact=_when),
    kinds.Key("end", edition_fields.when, example="2023-11-18 18:00", fact=_when),
    kinds.Key("previous-start", edition_fields.when, example="2023-11-09 09:00", fact=_when),
    kinds.Key(
        "milestones", edition_fields.milestones, multiline=True,
        example="call-closes 2023-09-30 23:59; programme-released 2023-10-27 12:00",
        fact=_milestones_text,
    ),
    kinds.Key(
        "figures", edition_fields.figures, multiline=True, example="participants 800+",
        fact=_figures_text,
    ),
    kinds.Key("links", edition_fields.links, multiline=True, example="post /en/news/…/"),
    kinds.Key(
        "themes", edition_fields.themes, multiline=True, example="Resilient communities",
        translated=kinds.TEXT,
    ),
)  # fmt: skip


def check(entry, ctx) -> list[Problem]:
    """What one file's fields say together."""
    values, problems = entry.values, []

    def problem(key: str, message: str) -> None:
        problems.append(ctx.problem(entry, key, message))

    year, slug = values.get("year"), entry.slug
    if year is not None and slug and slug != str(year):
        problem("slug", f"{slug!r} differs from the year; expected 'Slug: {year}'")
    start, end = values.get("start"), values.get("end")
    if end is not None and start is None:
        problem("end", "given without a Start; add a 'Start:' line")
    if start is not None and year is not None and start.day.year != year:
        problem(
            "start",
            f"{start.iso()} is not in {year}, the edition's Year; expected a date in {year}",
        )
    if start is not None and end is not None:
        if start.precision != end.precision:
            problem(
                "end",
                f"{end.key()} is not written like Start ({start.key()}); expected both as "
                "YYYY-MM-DD HH:MM, both as YYYY-MM-DD or both as YYYY-MM",
            )
        elif model.utc(end.first) < model.utc(start.first) or (
            start.precision == "minute" and end.first == start.first
        ):
            problem(
                "end",
                f"{end.key()} is before Start ({start.key()}); expected a moment after the start",
            )
    problems += _milestones(entry, ctx, start)
    return problems + event_status.check(entry, ctx)


def _milestones(entry, ctx, start) -> list[Problem]:
    found = entry.values.get("milestones", [])
    problems = []
    if start is not None:
        # A milestone leads up to its edition: before the start (before the end
        # of the month or year when only those are known).
        limit = start.first if start.exact else start.after
        for milestone in found:
            if model.utc(milestone.at) >= model.utc(limit):
                problems.append(
                    ctx.problem(
                        entry,
                        "milestones",
                        f"{milestone.key} {milestone.at:%Y-%m-%d %H:%M} is not before the "
                        f"edition starts ({start.key()}); expected a moment before the start",
                    )
                )
    opens = next((m for m in found if m.key == "call-opens"), None)
    closes = next((m for m in found if m.key == "call-closes"), None)
    if opens and closes and model.utc(closes.at) <= model.utc(opens.at):
        problems.append(
            ctx.problem(
                entry,
                "milestones",
                "call-closes is not after call-opens; expected the call to open before it closes",
            )
        )
    return problems


def site_check(entries, catalog, ctx) -> list[Problem]:
    """One edition per year and language; site paths in Links name a page or
    file the site has. (Translations agree on the facts: one rule for every
    kind, validation/translations.py.)"""
    problems = []
    by_key: dict[tuple, object] = {}
    for entry in entries:
        year = entry.values.get("year")
        if year is None:
            continue
        first = by_key.setdefault((entry.lang, year), entry)
        if first is not entry:
            problems.append(
                ctx.problem(
                    entry,
                    "year",
                    f"{year} already has an edition in {first.rel}; expected one edition per "
                    "year (one file per language)",
                )
            )
    return problems + _site_links(entries, catalog, ctx)


def site_paths(catalog, ctx) -> tuple[set[str], dict[str, object]]:
    """Every site path the site writes, as editors write them (/en/news/x/), and
    the paths of what is held back, with the entry that holds each."""
    found, held = set(), {}
    main = next(iter(ctx.languages))
    for entry in catalog.entries:
        prefix = "/" if entry.lang == main else f"/{entry.lang}/"
        path = prefix + entry.kind.page_path(entry, ctx.settings, ctx.options)
        if publishing.is_written(entry.visibility(ctx.now)):
            found.add(path)
        else:
            held[path] = entry
    for kind in kinds.data_kinds(ctx.kinds):  # from data files: a programme
        for lang in ctx.languages:
            prefix = "/" if lang == main else f"/{lang}/"
            pages = kind.data_pages(catalog, lang, ctx.now, ctx.settings, ctx.options)
            found.update(prefix + path for _key, path, _listed in pages)
    return found, held


def _site_links(entries, catalog, ctx) -> list[Problem]:
    """Root-relative Links: must lead somewhere. One to a held-back item always
    stops the build (its address is embargoed); one to nothing at all is, like
    Pelican's unresolved {filename} links, a warning in a preview and an error
    in a strict (publish) build."""
    known = None
    problems = []
    for entry in entries:
        for link in entry.values.get("links", []):
            if not link.url.startswith("/"):
                continue
            paths, held = site_paths(catalog, ctx) if known is None else known
            known = paths, held
            target = link.url.split("#", 1)[0].split("?", 1)[0]
            if target in paths or is_file(ctx.content / target.lstrip("/")):
                continue
            if target in held:
                other = held[target]
                state = other.visibility(ctx.now)
                message = (
                    f"{link.key}: {link.url!r} is {other.rel}, which is "
                    f"{site.held_state(other, state, ctx)}: the link would be dead and would "
                    f"show its address; remove the link, or {site.HELD_FIX[state]}"
                )
                problems.append(ctx.problem(entry, "links", message))
                continue
            message = (
                f"{link.key}: {link.url!r} is not a page or file of this site; check the "
                "address, e.g. /en/news/<slug>/ or /files/… (a publish build stops here)"
            )
            problems.append(ctx.problem(entry, "links", message, STRICT))
    return problems


YEAR_IN_TITLE = re.compile(r"\b(\d{4})\b")


def scaffold(title: str, slug: str | None, lang: str, now: dt.datetime) -> tuple[str, dict]:
    """An edition's file and slug are its year: from --slug, else the title."""
    year = slug if slug and slug.isdigit() else None
    found = YEAR_IN_TITLE.search(title.translate(fields.DIGITS)) if year is None else None
    year = year or (found.group(1) if found else None)
    if year is None:
        raise fields.FieldError(
            "an edition's file and slug are its year, and there is none in the title; "
            "give it with --slug, e.g. --slug 2026"
        )
    return year, {"slug": year, "year": year}


EDITION = kinds.Kind(
    name="edition",
    label="edition of the convening",
    folders=(FOLDER,),
    registry="edition",
    keys=KEYS,
    body_required=False,
    schedule_key="date",
    writer="site",
    check=check,
    site_check=site_check,
    page_path=lambda entry, settings, options: f"{options['SITE_CONVENING_PATH']}{entry.slug}/",
    listings=lambda entries, settings, options: [
        (("path", options["SITE_CONVENING_PATH"]), options["SITE_CONVENING_PATH"])
    ],
    new_names={"edition": FOLDER},
    new_keys=(
        "title", "lang", "slug", "year", "ordinal", "format", "city", "venue",
        "start", "end", "milestones", "figures", "links", "themes", "summary",
    ),
    scaffold=scaffold,
)  # fmt: skip
