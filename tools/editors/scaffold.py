"""Scaffolds: `invoke new` (a new item) and `invoke new --translate` (the other
language's file of an item), both as drafts, from the kinds' declarations.

What a kind's file holds, and what a scaffold writes for it, is the kind's own
declaration (plugins/smex_site/kinds.py and the sub-packages): its
`new_keys`, and its `scaffold` hook for the file name and values (an
edition's file and slug are its year). Every new file starts as a draft, so
it builds as written; a draft's problems are warnings until its
`Status: draft` line is deleted.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from tools.editors.content import EditorError, collect, languages_of, plugin

ALIASES = {"post": "news", "articles": "article", "pages": "page", "publication": "report"}
ALIASES.update({"publications": "report", "editions": "edition"})


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

    names = kinds.by_new_name(plugin().KINDS)
    key = ALIASES.get(name or "", name or "")
    if key not in names:
        raise EditorError(f"unknown kind {name!r}; expected one of {', '.join(names)}")
    return names[key]


def kind_names() -> str:
    """'news, article, page, report or edition': the --kind names, from the
    kinds' own declarations (Kind.new_names), for help texts."""
    from smex_site import kinds

    names = list(kinds.by_new_name(plugin().KINDS))
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def new(settings, kind_name, title=None, lang=None, slug=None) -> Path:
    """Create content/<lang>/<folder>/<slug>.md with its front matter, as a draft."""
    from smex_site.fields import SLUG_RE, FieldError

    kind, folder = resolve_kind(kind_name)
    languages = languages_of(settings)
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
    if kind.propose is not None:  # e.g. a report's next free Document-ID
        values.update(kind.propose(catalog, now))
    _refuse_taken(values["slug"], kind, lang, catalog)
    target = catalog.ctx.content / lang / folder / f"{stem}.md"
    keys = kind.keys_for(catalog.ctx.languages)
    lines = [f"{keys[name].label}: {values.get(name, '')}".rstrip() for name in kind.new_keys]
    lines.append("Status: draft")
    _write_new(target, "\n".join(lines) + "\n\n")
    return target


def _refuse_taken(slug: str, kind, lang: str, catalog) -> None:
    """Before anything is written: a slug of the site's own, or of another item
    of this kind, would stop the build once the draft is published."""
    from smex_site.validation import site

    owner = site.reserved_slugs(kind, catalog.ctx).get(slug)
    if owner is not None:
        taken = f"is taken by {owner}"
    else:
        # the same slug in another language is this item's translation: allowed
        same = (e for e in catalog.entries if e.lang == lang and e.slug == slug)
        used = next((e.rel for e in same if e.kind.registry == kind.registry), None)
        if used is None:
            return
        taken = f"is already used by {used}"
    instead = site.free_slug(slug, kind, catalog.entries, catalog.ctx)
    raise EditorError(
        f"the slug {slug!r} {taken}; nothing was written. Choose another, e.g. --slug {instead}"
    )


# --- translate -------------------------------------------------------------------------


def translate(settings, slug: str, lang=None, kind_name=None) -> tuple[Path, list[str], list[str]]:
    """Create the other language's file of an item, as a draft: (path, notes,
    the labels of the lines the translator rewrites, as the kind declares them).

    It translates the item's original (smex_site/translations.py) and says
    so: 'Translation-Of:' records the original's language and the hashes of
    its words as they are now, so the build can tell when the original moves
    on. Facts (dates, tags, cover…: the keys declared fact=) are not copied:
    the build takes them from the original. Lang is the new language; Title,
    Summary, the worded fields and the text are the original's for the
    translator to write over. A report's PDFs are facts too: the original's
    PDF-<lang> becomes the translation's PDF; when it names none, PDF: is the
    new language's file when there is one (…-<lang>.pdf), else left empty.
    {filename} links point to the new language's versions where they exist;
    the notes name those that do not.
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
    languages = languages_of(settings)
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
    group = catalog.translations.get(sources[0].key)
    original = group.original if group is not None else None
    source = original or next(have[code] for code in languages if code in have)
    target = catalog.ctx.content / lang / source.path.relative_to(catalog.ctx.content / source.lang)
    lines, notes = _translated_fields(source, lang, catalog)
    body, link_notes = _translated_links(source, lang, catalog)
    if group is not None and group.record is not None:
        lines.append(f"Translation-Of: {group.record}")
    lines.append("Status: draft")
    _write_new(target, "\n".join(lines) + "\n\n" + (body + "\n" if body else ""))
    keys = source.kind.keys_for(catalog.ctx.languages)
    rewrite = [
        keys[name].label
        for name in source.doc.fields
        if name in keys and keys[name].translated and source.values.get(name)
    ]
    return target, notes + link_notes, rewrite


def _translated_fields(source, lang: str, catalog) -> tuple[list[str], list[str]]:
    from smex_site import translations

    keys = source.kind.keys_for(catalog.ctx.languages)
    lines, notes = [], []
    for name, field in source.doc.fields.items():
        label = keys[name].label if name in keys else name.title()
        if name in ("status", "translate", translations.KEY):
            continue  # a translation is wanted after all
        if name == "pdf" and f"pdf-{lang}" not in source.values:
            lines.append(_pdf_line(source, lang, keys[name], catalog, notes))
            continue  # the original names no PDF in this language: the translator does
        if name in keys and translations.inheritable(keys[name]):
            continue  # a fact (dates, tags, the PDFs…): the build takes it from the original
        value = lang if name == "lang" else field.value
        lines.append(f"{label}: {value}".rstrip())
    return lines, notes


def _pdf_line(source, lang: str, key, catalog, notes: list[str]) -> str:
    """The new language's PDF: its file beside the original's (…-<lang>.pdf)
    when there is one, else an empty line and a note."""
    value = _pdf_for(source, lang, catalog)
    if not value:
        example = key.line_example(lang, source.slug)
        notes.append(
            f"PDF: no {lang} PDF found; put it in content/files/publications/ and "
            f"write its path: '{example}'"
        )
    return f"{key.label}: {value}".rstrip()


def _pdf_for(source, lang: str, catalog) -> str:
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
