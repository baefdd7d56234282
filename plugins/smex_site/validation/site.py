"""Checks across files: slugs, translated pairs, addresses that belong to the
site itself, and links to what is held back. (How translations keep up with
their originals: translations.py.)"""

from __future__ import annotations

from smex_site import publishing

from .core import ERROR, WARNING, Context, Entry, Problem


def check_slugs(entries: list[Entry], ctx: Context) -> list[Problem]:
    """Unique per language and kind; a translated pair shares slug and folder."""
    problems = []
    same: dict[tuple, list[Entry]] = {}
    for entry in entries:
        if entry.slug:
            same.setdefault((entry.lang, entry.kind.registry, entry.slug), []).append(entry)
    for group in same.values():
        for entry in group if len(group) > 1 else ():
            others = ", ".join(other.rel for other in group if other is not entry)
            problems.append(
                ctx.problem(
                    entry,
                    "slug",
                    f"{entry.slug!r} is also used by {others}; each item needs its own "
                    "slug within a language (a translation has the same slug in the "
                    "other language's folder)",
                )
            )
    by_name: dict[tuple, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault((entry.folder, entry.path.name), []).append(entry)
    for group in by_name.values():
        first = group[0]
        for other in group[1:]:
            if first.slug and other.slug and other.slug != first.slug:
                problems.append(
                    ctx.problem(
                        other,
                        "slug",
                        f"{other.slug!r} differs from {first.slug!r} in its translation "
                        f"{first.rel}; a translated pair shares one slug",
                    )
                )
    return problems + _pair_folders(entries, ctx)


def _pair_folders(entries: list[Entry], ctx: Context) -> list[Problem]:
    """A translated pair is one kind of content: same slug, same folder."""
    problems = []
    folders: dict[tuple, dict[str, Entry]] = {}
    for entry in entries:
        if entry.slug:
            folders.setdefault((entry.kind.registry, entry.slug), {}).setdefault(entry.lang, entry)
    order = list(ctx.languages)
    for versions in folders.values():
        langs = sorted(versions, key=order.index)
        first = versions[langs[0]]
        for lang in langs[1:]:
            other = versions[lang]
            if other.folder != first.folder:
                problems.append(
                    ctx.problem(
                        other,
                        "slug",
                        f"{other.slug!r} is in {other.folder}/ here but in {first.folder}/ in "
                        f"its translation {first.rel}; a translated pair is the same kind "
                        "of content: move one of them",
                    )
                )
    return problems


# --- addresses that belong to the site -------------------------------------------------

# Pelican's address settings, and how an editor knows the pages they give
URL_SETTINGS = {
    "ARCHIVES_URL": "the archive of every post",
    "SEARCH_URL": "the search page",
    "TAGS_URL": "the topic pages",
    "TAG_URL": "the topic pages",
    "CATEGORIES_URL": "the list of sections",
    "AUTHORS_URL": "the list of authors",
    "FEED_ALL_ATOM": "the site's feeds",
    "CATEGORY_FEED_ATOM": "the sections' feeds",
}


def reserved_roots(ctx: Context) -> dict[str, str]:
    """First path segments the site itself uses -> what uses them."""
    settings = ctx.settings
    found = dict.fromkeys(ctx.languages, "the address of that language's site")
    for name, what in URL_SETTINGS.items():
        value = settings.get(name) or ""
        root = value.split("/", 1)[0]
        if root and "{" not in root:
            found.setdefault(root, f"{what} (/{root}/)")
    for key in ctx.options["SITE_CATEGORIES"]:
        found.setdefault(key, f"the {key} section (/{key}/)")
    for name in ("SITE_CONVENING_PATH", "SITE_PUBLICATIONS_PATH"):
        root = ctx.options[name].strip("/").split("/")[0]
        found.setdefault(root, f"a section of the site (/{root}/)")
    for path in settings.get("STATIC_PATHS", []):
        found.setdefault(str(path).split("/", 1)[0], "the site's shared files")
    for name in ("theme", "pagefind", "drafts", "feeds", "translations"):
        found.setdefault(name, "files the build writes")
    return found


def reserved_slugs(kind, ctx: Context) -> dict[str, str]:
    """Slugs an item of this kind cannot have: its address is the site's own."""
    pattern = ctx.settings.get("PAGE_URL", "{slug}/")
    at_root = kind.registry == "page" and pattern.startswith("{slug}")
    reserved = reserved_roots(ctx) if at_root else {}
    reserved.update(kind.reserved_slugs(ctx) if kind.reserved_slugs else {})
    return reserved


def check_reserved(entries: list[Entry], ctx: Context) -> list[Problem]:
    """A page whose address is the site's own (Slug: en, search…) would replace it.
    A draft is written nowhere, so its reserved slug is a warning until it is
    published (a draft never stops the build)."""
    problems = []
    for entry in entries:
        reserved = reserved_slugs(entry.kind, ctx)
        if entry.slug in reserved:
            draft = entry.status == publishing.DRAFT
            problems.append(
                ctx.problem(
                    entry,
                    "slug",
                    f"{entry.slug!r} is taken by {reserved[entry.slug]}; choose another slug "
                    f"with words, e.g. {free_slug(entry.slug, entry.kind, entries, ctx)}"
                    + (" (a draft: fix it before you publish)" if draft else ""),
                    WARNING if draft else ERROR,
                )
            )
    return problems


def free_slug(slug: str, kind, entries: list[Entry], ctx: Context) -> str:
    """A slug to suggest instead of a taken one: free for this kind, everywhere."""
    taken = set(reserved_slugs(kind, ctx))
    taken |= {entry.slug for entry in entries if entry.kind.registry == kind.registry}
    words = "about" if kind.registry == "page" else kind.name
    for candidate in (f"{words}-{slug}", f"{slug}-{kind.name}", f"{slug}-2"):
        if candidate not in taken:
            return candidate
    return f"{slug}-{len(taken)}"


# --- links to what is held back ------------------------------------------------------


HELD_FIX = {
    publishing.DRAFT: "publish that item first (delete its 'Status: draft' line)",
    publishing.SCHEDULED: "give this one a date after that one's",
}


def held_state(other: Entry, state: str, ctx: Context) -> str:
    """'a draft', or 'scheduled for 2099-11-01 10:00'."""
    if state == publishing.SCHEDULED:
        return f"scheduled for {other.schedule.astimezone(ctx.zone):%Y-%m-%d %H:%M}"
    return publishing.HELD_WORDS[state]


def check_held_links(entries: list[Entry], files, ctx: Context) -> list[Problem]:
    """A published page must not link to a draft or a scheduled item, nor to a
    file that belongs to one: the link would be dead, and its address would
    reveal the embargoed slug. (`files`: fileuse.FileUse, the catalog's.)"""
    by_path = {str(entry.path): entry for entry in entries}
    held_files = files.owned
    problems = []
    for entry in entries:
        if not publishing.is_written(entry.visibility(ctx.now)):
            continue
        for line, rel in entry.static_links:
            owner = held_files.get(rel)
            if owner is not None:
                state = publishing.HELD_WORDS[owner.visibility(ctx.now)]
                problems.append(
                    Problem(
                        entry.rel,
                        line,
                        "link",
                        f"links to {rel}, a file of {owner.rel}, which is {state}: the file "
                        "is not published with it; remove the link, or publish that item first",
                    )
                )
        for line, target in entry.links:
            other = by_path.get(target)
            state = other.visibility(ctx.now) if other else None
            if other is None or publishing.is_written(state):
                continue
            problems.append(
                Problem(
                    entry.rel,
                    line,
                    "link",
                    f"links to {other.rel}, which is {held_state(other, state, ctx)}: "
                    "the link would be dead and would show its address; remove the link, or "
                    + HELD_FIX[state],
                )
            )
    return problems


def check_orphans(static_files: list[str], files, ctx: Context) -> list[Problem]:
    """A file under the static folders that no item names or links is published
    all the same: say so, so that keeping it is a decision (fileuse.py)."""
    placed = set(ctx.settings.get("EXTRA_PATH_METADATA") or {})  # the favicon
    problems = []
    for rel in static_files:
        if rel in files.used or rel in placed:
            continue
        problems.append(
            Problem(
                f"{ctx.content.name}/{rel}",
                None,
                "file",
                f"no item links to it, yet it is published at /{rel}; link it from the item "
                f"it belongs to ({{static}}/{rel}), or delete it if nothing needs it",
                WARNING,
            )
        )
    return problems
