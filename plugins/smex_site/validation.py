"""One pass over every content file and data file before anything is written.

Collects *all* problems, each as `path:line: field: what is wrong; what is
expected`, so an editor fixes a whole evening's mistakes in one go. Errors
stop the build before anything is written; warnings are printed and the
build goes on.

Other modules extend the pass, at import time:

- `KIND_CHECKS["<folder>"] = check(item, ctx) -> list[Problem]` for a section
  folder they own (editions, publications); the folder becomes a known one;
- `add_known_keys("<folder>", "key", ...)` for the metadata keys their files
  use (a key close to a known one, "sumary", is then an error: "did you mean
  summary?"; any other unknown key a warning). Until a folder lists its keys,
  its files' keys are not checked;
- `REQUIRED["<folder>"]`, `DATE_KEYS`, `MULTILINE_KEYS`, `BODY_REQUIRED`;
- `SITE_CHECKS.append(check(items, ctx) -> list[Problem])` for checks across
  files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from . import frontmatter
from . import settings as site_settings

# Folders inside a language folder, and the kind of content each holds.
KIND_BY_FOLDER = {"news": "article", "articles": "article", "pages": "page"}
# Folders at the top of PATH that are not a language.
SHARED_FOLDERS = {"images", "files", "extra", "data"}
# Required keys, by kind ("article", "page") or by folder ("editions").
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("title", "date", "lang", "slug"),
    "page": ("title", "lang", "slug"),
}
DEFAULT_REQUIRED = ("title", "lang", "slug")

# The one list of metadata keys editors may write: "*" for every file, then
# per section folder. Modules owning a folder add theirs (add_known_keys).
KNOWN_KEYS: dict[str, set[str]] = {
    "*": {
        "title",
        "lang",
        "slug",
        "summary",
        "status",
        "date",
        "modified",
        "template",
        "translate",  # "Translate: no": in one language by design (invoke translations)
    },
    "news": {"tags", "category", "author", "authors"},
    "articles": {"tags", "category", "author", "authors"},
    "pages": set(),
}
# Keys whose value is a date Pelican must read.
DATE_KEYS = {"date", "modified"}
# Keys that may continue on indented lines (Pelican's FORMATTED_FIELDS are
# added from the settings); any other continued key becomes a list in Pelican.
MULTILINE_KEYS = {"summary"}
# Folders whose files must have text after the metadata (a module whose files
# are metadata only, an edition's data say, leaves its folder out).
BODY_REQUIRED: set[str] = {"news", "articles", "pages"}
STATUSES = ("published", "draft", "hidden")
# How close an unknown key must be to a known one to be called a typo.
TYPO_CUTOFF = 0.75

PLAIN_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T_]\d{1,2}:\d{2}(:\d{2})?)?")
# Pelican's intrasite links, as editors write them in Markdown or HTML.
INTRASITE = re.compile(
    r"[{|](?P<what>filename|static|attach|tag|category|index|author)[|}]"
    r"(?P<value>[^\s)\]\"'<>]*)"
)
MD_IMAGE_BEFORE = re.compile(r"!\[[^\]]*\]\(\s*<?$")
MD_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_IMG_OPEN = re.compile(r"<img\b[^>]*$", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Explicit embeddings/overrides and isolates: invisible, and they reorder the
# text after them. (LRM/RLM, U+200E/F, are harmless marks.)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
TOML_LINE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; the build stops before writing."""

    exitcode = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} content {noun}; nothing was written:\n{lines}")


@dataclass
class Item:
    """A content file as validation sees it."""

    doc: frontmatter.Document
    rel: str  # path for messages: the content folder's name / path inside it
    lang: str  # from the folder
    folder: str  # news, articles, pages, editions, publications…
    kind: str

    @property
    def slug(self) -> str | None:
        return self.doc.get("slug")

    @property
    def path(self) -> Path:
        return self.doc.path

    @property
    def status(self) -> str:
        return (self.doc.get("status") or "published").lower()

    @property
    def translation_planned(self) -> bool:
        return (self.doc.get("translate") or "yes").lower() != "no"


# folder -> check(item, context) -> list[Problem]; filled by other modules.
KIND_CHECKS: dict[str, Callable[[Item, Context], list[Problem]]] = {}
# checks over the whole set of items, e.g. cross references.
SITE_CHECKS: list[Callable[[list[Item], Context], list[Problem]]] = []


@dataclass
class Context:
    settings: dict
    content: Path
    languages: dict
    # topic key -> {lang: label}; None while data/topics.toml is broken
    topics: dict | None = field(default_factory=dict)

    _ours: dict | None = None
    _files: dict = field(default_factory=dict)

    @property
    def ours(self) -> dict:
        """Our settings, merged and checked (read once)."""
        if self._ours is None:
            self._ours = site_settings.read(self.settings)
        return self._ours

    def is_file(self, path: str) -> bool:
        if path not in self._files:
            self._files[path] = os.path.isfile(path)
        return self._files[path]

    def problem(self, item: Item, key: str, message: str, severity="error") -> Problem:
        return Problem(item.rel, item.doc.line(key), key, message, severity)

    def warning(self, item: Item, key: str, message: str) -> Problem:
        return self.problem(item, key, message, "warning")

    def rel(self, path: Path) -> str:
        """A path as messages show it: content/ar/news/x.md."""
        try:
            return str(Path(self.content.name) / path.relative_to(self.content))
        except ValueError:
            return str(path)

    def check_topic_keys(self, item: Item, key: str) -> list[Problem]:
        """Every key listed in `key` (comma separated) is in data/topics.toml."""
        value = item.doc.get(key)
        if not value or self.topics is None:
            return []
        problems = []
        for topic in split_list(value):
            if topic not in self.topics:
                problems.append(
                    self.problem(
                        item,
                        key,
                        f"{topic!r} is not a topic key{suggest(topic, self.topics)}; "
                        f"expected keys from {self.ours['SITE_TOPICS_FILE']} "
                        "(add a new topic there, with its label in every language)",
                    )
                )
        return problems


def add_known_keys(folder: str, *keys: str) -> None:
    """Let files in `folder` use these metadata keys."""
    KNOWN_KEYS.setdefault(folder, set()).update(key.lower() for key in keys)


def known_keys(folder: str) -> set[str]:
    return KNOWN_KEYS["*"] | KNOWN_KEYS.get(folder, set())


def split_list(value: str) -> list[str]:
    """Pelican's rule for Tags/Authors: split on ';' if present, else ','."""
    parts = value.split(";") if ";" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=TYPO_CUTOFF)
    if not close and word.lower() in choices:
        close = [word.lower()]
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_date(value: str) -> dt.datetime:
    """A date exactly as Pelican reads it (raises ValueError)."""
    if PLAIN_DATE.match(value):
        try:  # the usual "2023-10-20 12:00", without dateutil's cost
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    from pelican.utils import get_date

    return get_date(value.replace("_", " "))


# --- discovery -----------------------------------------------------------------


def discover(ctx: Context) -> tuple[list[Item], list[Problem]]:
    from . import contentfiles  # issue 10

    items, problems = [], []
    for path in sorted(ctx.content.rglob("*.md")):
        rel = path.relative_to(ctx.content)
        rel_text = ctx.rel(path)
        top = rel.parts[0]
        if top in SHARED_FOLDERS:
            continue
        if not contentfiles.readable(path, ctx.content):
            continue  # issue 10: a folder, a dangling link, a link out: contentfiles reports it
        if top not in ctx.languages or len(rel.parts) < 3:
            problems.append(
                Problem(
                    rel_text,
                    None,
                    "path",
                    f"content files belong in <lang>/<section>/ with lang one of "
                    f"{', '.join(ctx.languages)} and section one of "
                    f"{', '.join(known_folders())}",
                )
            )
            continue
        folder = rel.parts[1]
        kind = kind_of(folder)
        if kind is None:
            problems.append(
                Problem(
                    rel_text,
                    None,
                    "category",
                    f"unknown section folder {folder!r}{suggest(folder, known_folders())}; "
                    f"expected one of {', '.join(known_folders())}",
                )
            )
            continue
        try:
            text = frontmatter.read_text(path)
        except frontmatter.NotUTF8 as error:
            problems.append(not_utf8(rel_text, error))
            continue
        doc = frontmatter.parse(path, text)
        items.append(Item(doc=doc, rel=rel_text, lang=top, folder=folder, kind=kind))
    return items, problems


def not_utf8(rel: str, error: frontmatter.NotUTF8) -> Problem:
    return Problem(
        rel,
        error.line,
        "encoding",
        f"not valid UTF-8 (byte 0x{error.byte:02x} on this line); save the file as UTF-8 "
        "(in your editor: Save with encoding, UTF-8)",
    )


def known_folders() -> list[str]:
    return sorted({*KIND_BY_FOLDER, *KIND_CHECKS})


def kind_of(folder: str) -> str | None:
    if folder in KIND_BY_FOLDER:
        return KIND_BY_FOLDER[folder]
    return folder if folder in KIND_CHECKS else None


# --- one file ------------------------------------------------------------------


def check_item(item: Item, ctx: Context) -> list[Problem]:
    problems = [
        Problem(item.rel, line, "metadata", message) for line, message in item.doc.syntax_errors
    ]
    problems += check_keys(item, ctx)
    problems += check_required(item, ctx)
    problems += check_lang(item, ctx)
    problems += check_slug(item, ctx)
    problems += check_dates(item, ctx)
    problems += check_status(item, ctx)
    problems += check_translate(item, ctx)
    problems += check_category(item, ctx)
    problems += ctx.check_topic_keys(item, "tags")
    problems += ctx.check_topic_keys(item, "topics")
    problems += check_body(item, ctx)
    problems += check_text_metadata(item, ctx)
    check = KIND_CHECKS.get(item.folder)
    if check is not None:
        problems.extend(check(item, ctx))
    return problems


def check_keys(item: Item, ctx: Context) -> list[Problem]:
    if item.folder not in KNOWN_KEYS:
        return []  # a module that has not listed its keys: nothing to compare with
    known = known_keys(item.folder)
    multiline = MULTILINE_KEYS | {f.lower() for f in ctx.settings.get("FORMATTED_FIELDS", [])}
    problems = []
    for key, value in item.doc.fields.items():
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=TYPO_CUTOFF)
            if close:
                problems.append(
                    ctx.problem(
                        item,
                        key,
                        f"unknown key; did you mean {close[0]}? (write '{close[0].title()}: …')",
                    )
                )
            else:
                problems.append(
                    ctx.warning(
                        item,
                        key,
                        f"unknown key, ignored; keys for {item.folder}/ are "
                        f"{', '.join(sorted(known))}",
                    )
                )
        elif value.continued and key not in multiline:
            problems.append(
                ctx.problem(
                    item,
                    key,
                    "continues on the next line; write it on one line "
                    "(only Summary may run over several indented lines)",
                )
            )
    return problems


def check_required(item: Item, ctx: Context) -> list[Problem]:
    required = REQUIRED.get(item.folder) or REQUIRED.get(item.kind) or DEFAULT_REQUIRED
    problems = []
    for key in required:
        if not item.doc.get(key) and key not in item.doc.broken_keys:
            example = {
                "title": "Title: …",
                "date": "Date: 2023-10-20 12:00",
                "lang": f"Lang: {item.lang}",
                "slug": "Slug: an-ascii-slug",
            }.get(key, f"{key.title()}: …")
            verb = "empty" if key in item.doc.fields else "missing"
            problems.append(
                Problem(
                    item.rel,
                    item.doc.line(key),
                    key,
                    f"{verb}; every file in {item.folder}/ needs it: add a line such as "
                    f"'{example}'",
                )
            )
    return problems


def check_lang(item: Item, ctx: Context) -> list[Problem]:
    lang = item.doc.get("lang")
    if lang and lang not in ctx.languages:
        return [
            ctx.problem(
                item,
                "lang",
                f"{lang!r} is not a language of this site{suggest(lang, ctx.languages)}; "
                f"expected one of {', '.join(ctx.languages)}",
            )
        ]
    if lang and lang != item.lang:
        return [
            ctx.problem(
                item,
                "lang",
                f"{lang!r} but the file is in the {item.lang!r} folder; "
                f"move it to content/{lang}/ or write 'Lang: {item.lang}'",
            )
        ]
    return []


def check_slug(item: Item, ctx: Context) -> list[Problem]:
    slug = item.slug
    if slug and not site_settings.SLUG_RE.match(slug):
        return [
            ctx.problem(
                item,
                "slug",
                f"{slug!r} is not an ASCII slug; use lowercase a-z, 0-9 and hyphens, "
                "the same in both languages",
            )
        ]
    return []


def check_dates(item: Item, ctx: Context) -> list[Problem]:
    if item.folder in KIND_CHECKS:
        return []  # editions and publications parse their own, coarser, dates
    problems = []
    for key in sorted(DATE_KEYS & set(item.doc.fields)):
        value = item.doc.get(key)
        if not value:
            continue
        try:
            parse_date(value)
        except (ValueError, OverflowError):
            problems.append(
                ctx.problem(
                    item,
                    key,
                    f"{value!r} is not a date; expected year-month-day and the time, "
                    "e.g. 2023-10-20 12:00",
                )
            )
            continue
        if not ISO_DATE.match(value):
            problems.append(
                ctx.warning(
                    item,
                    key,
                    f"{value!r} can be misread (is 10/11 October or November?); "
                    "write it as 2023-10-20 12:00",
                )
            )
    return problems


def check_translate(item: Item, ctx: Context) -> list[Problem]:
    value = item.doc.get("translate")
    if value is None or value.lower() in ("yes", "no"):
        return []
    return [
        ctx.problem(
            item,
            "translate",
            f"{value!r}; expected 'no' (this item stays in one language) or 'yes'",
        )
    ]


def check_status(item: Item, ctx: Context) -> list[Problem]:
    value = item.doc.get("status")
    if value is None or value in STATUSES:
        return []
    hint = suggest(value, STATUSES)
    return [
        ctx.problem(
            item,
            "status",
            f"{value!r}{hint} is not a status; expected draft (not published), "
            "hidden (published, not listed) or published",
        )
    ]


def check_category(item: Item, ctx: Context) -> list[Problem]:
    value = item.doc.get("category")
    categories = ctx.ours["SITE_CATEGORIES"]
    if value is None or value in categories:
        return []
    return [
        ctx.problem(
            item,
            "category",
            f"{value!r} is not a category{suggest(value, categories)}; expected one of "
            f"{', '.join(categories)} (or leave it out: the folder gives the category)",
        )
    ]


def check_body(item: Item, ctx: Context) -> list[Problem]:
    problems = []
    if not item.doc.body.strip() and item.folder in BODY_REQUIRED:
        problems.append(
            Problem(
                item.rel,
                item.doc.body_line,
                "text",
                "empty; write the text below the metadata, after one blank line",
                # a draft may wait for its text; it is not published
                "warning" if item.status == "draft" else "error",
            )
        )
    for number, line in item.doc.body_lines():
        problems += check_links(item, ctx, number, line)
        problems += check_images(item, number, line)
    problems += check_html(item, ctx)  # issue 10
    return problems


def check_html(item: Item, ctx: Context) -> list[Problem]:
    """Issue 10: HTML outside the allowlist (sanitize.py) in the body, and in the
    Markdown metadata Pelican renders (Summary), stops the build."""
    from . import sanitize

    config = ctx.settings.get("MARKDOWN")
    found = sanitize.find_problems(item.doc.body, item.doc.body_line, config)
    problems = [Problem(item.rel, f.line, "html", f.message) for f in found]
    if item.folder in KIND_BY_FOLDER:  # read by Pelican, which renders FORMATTED_FIELDS
        formatted = {name.lower() for name in ctx.settings.get("FORMATTED_FIELDS", [])}
        for key in sorted(formatted & set(item.doc.fields)):
            # textmeta.py escapes <, > and & in these before Markdown runs
            text = html.escape(item.doc.get(key), quote=False)
            for f in sanitize.find_problems(text, item.doc.line(key), config):
                problems.append(Problem(item.rel, f.line, key, f.message))
    return problems


def check_links(item: Item, ctx: Context, number: int, line: str) -> list[Problem]:
    if "{" not in line and "|" not in line:
        return []
    problems = []
    for match in INTRASITE.finditer(line):
        message = link_problem(item, ctx, match["what"], match["value"])
        if message is None:
            continue
        before = line[: match.start()]
        image = MD_IMAGE_BEFORE.search(before) or HTML_IMG_OPEN.search(before)
        problems.append(
            Problem(item.rel, number, "image" if image else "link", f"{match[0]}: {message}")
        )
    return problems


def link_problem(item: Item, ctx: Context, what: str, value: str) -> str | None:
    """What is wrong with one {what}value link, or None."""
    if what == "tag":
        if ctx.topics is None or value in ctx.topics:
            return None
        return (
            f"{value!r} is not a topic key{suggest(value, ctx.topics)}; "
            f"expected a key from {ctx.ours['SITE_TOPICS_FILE']}"
        )
    if what == "category":
        categories = ctx.ours["SITE_CATEGORIES"]
        if value in categories:
            return None
        return f"{value!r} is not a category; expected one of {', '.join(categories)}"
    if what not in ("filename", "static", "attach"):
        return None
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    # Pelican: a leading / is from the content folder, else from the file's folder
    root = str(ctx.content)
    if path.startswith("/"):
        target = os.path.normpath(os.path.join(root, path.lstrip("/")))
        how = "from the content folder"
    else:
        target = os.path.normpath(os.path.join(os.path.dirname(item.path), path))
        how = f"from the folder of {item.rel}"
    if not target.startswith(root + os.sep):
        return (
            "points outside the content folder; start the path with / for a path "
            "from the content folder, e.g. {static}/images/photo.jpg"
        )
    if not ctx.is_file(target):
        return (
            f"no file {ctx.rel(Path(target))} (a path {how}); check the spelling, or "
            "put the file there; expected e.g. {static}/images/photo.jpg or "
            f"{{filename}}/{item.lang}/news/other-post.md"
        )
    top = target[len(root) + 1 :].split(os.sep, 1)[0]
    other_language = top in ctx.languages and top != item.lang
    if what == "filename" and target.endswith(".md") and other_language:
        return (
            f"links to {ctx.rel(Path(target))}, in the {top!r} folder; each "
            f"language's site links only its own files: link to the {item.lang!r} "
            f"version (content/{item.lang}/…) or write the page's address"
        )
    return None


def check_images(item: Item, number: int, line: str) -> list[Problem]:
    problems = []
    if MD_IMAGE_NO_ALT.search(line):
        problems.append(
            Problem(
                item.rel,
                number,
                "image",
                "no alt text; describe the image between the brackets: ![what the image shows](…)",
                "warning",
            )
        )
    for tag in HTML_IMG.findall(line):
        alt = HTML_ALT.search(tag)
        if alt is None or not any(alt.groups()):
            problems.append(
                Problem(
                    item.rel,
                    number,
                    "image",
                    'no alt text; add alt="what the image shows" to the <img> tag',
                    "warning",
                )
            )
    return problems


def check_text_metadata(item: Item, ctx: Context) -> list[Problem]:
    problems = []
    limit = ctx.ours["SITE_SUMMARY_MAX_LENGTH"]
    summary = item.doc.get("summary")
    if summary == "" and item.doc.line("summary"):
        problems.append(
            ctx.warning(
                item,
                "summary",
                "empty; write one or two sentences for lists and "
                "search engines, or delete the line to use the text's beginning",
            )
        )
    if summary and limit and len(summary) > limit:
        problems.append(
            ctx.warning(
                item,
                "summary",
                f"{len(summary)} characters; lists and search engines cut it, "
                f"expected at most {limit}: one or two sentences",
            )
        )
    for key, value in item.doc.fields.items():
        found = BIDI_CONTROLS.search(value.value)
        if found:
            char = found.group(0)
            problems.append(
                ctx.warning(
                    item,
                    key,
                    f"contains the invisible direction control U+{ord(char):04X} "
                    f"({unicodedata.name(char, '?')}), which reorders the text after it; "
                    "delete it (the site sets the direction itself)",
                )
            )
    return problems


# --- across files ----------------------------------------------------------------


def check_slugs(items: list[Item], ctx: Context) -> list[Problem]:
    """Unique per language and kind; a translated pair shares slug and kind."""
    problems = []
    same: dict[tuple, list[Item]] = {}
    for item in items:
        if item.slug:
            same.setdefault((item.lang, item.kind, item.slug), []).append(item)
    for group in same.values():
        for item in group if len(group) > 1 else ():
            others = ", ".join(other.rel for other in group if other is not item)
            problems.append(
                ctx.problem(
                    item,
                    "slug",
                    f"{item.slug!r} is also used by {others}; each item needs its own "
                    "slug within a language (a translation has the same slug in the "
                    "other language's folder)",
                )
            )
    by_relpath: dict[str, list[Item]] = {}
    for item in items:
        by_relpath.setdefault("/".join(Path(item.rel).parts[2:]), []).append(item)
    for group in by_relpath.values():
        slugs = {item.slug for item in group if item.slug}
        if len(slugs) > 1:
            first, *others = group
            for other in others:
                if other.slug and other.slug != first.slug:
                    problems.append(
                        ctx.problem(
                            other,
                            "slug",
                            f"{other.slug!r} differs from {first.slug!r} in its "
                            f"translation {first.rel}; a translated pair shares one slug",
                        )
                    )
    # A translated pair is one kind of content: same slug, same folder.
    by_slug: dict[str, dict[str, dict[str, Item]]] = {}
    for item in items:
        if item.slug:
            by_slug.setdefault(item.slug, {}).setdefault(item.lang, {}).setdefault(
                item.folder, item
            )
    order = list(ctx.languages)
    for slug, per_lang in by_slug.items():
        langs = sorted(per_lang, key=lambda lang: order.index(lang) if lang in order else 99)
        for index, lang in enumerate(langs):
            for earlier in langs[:index]:
                mine = set(per_lang[lang]) - set(per_lang[earlier])
                theirs = set(per_lang[earlier]) - set(per_lang[lang])
                for folder in sorted(mine):
                    if theirs:
                        other = per_lang[earlier][min(theirs)]
                        problems.append(
                            ctx.problem(
                                per_lang[lang][folder],
                                "slug",
                                f"{slug!r} is in {folder}/ here but in {other.folder}/ in "
                                f"its translation {other.rel}; a translated pair is the "
                                "same kind of content: move one of them",
                            )
                        )
    return problems


def translation_groups(items: list[Item]) -> dict[tuple, dict[str, Item]]:
    """(folder, slug) -> {lang: item}: the versions of one piece of content."""
    groups: dict[tuple, dict[str, Item]] = {}
    for item in items:
        if item.slug:
            groups.setdefault((item.folder, item.slug), {}).setdefault(item.lang, item)
    return groups


def updated_at(item: Item, ctx: Context) -> tuple[dt.datetime, str] | None:
    """When this version was last written (Modified:, else Date:), in site time."""
    zone = ZoneInfo(ctx.settings.get("TIMEZONE") or "UTC")
    for key in ("modified", "date"):
        value = item.doc.get(key)
        if not value:
            continue
        try:
            moment = parse_date(value)
        except (ValueError, OverflowError):
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(zone).replace(tzinfo=None)
        return moment, key
    return None


def stale_translations(items: list[Item], ctx: Context) -> list[tuple[Item, Item, int]]:
    """(stale version, newer version, days behind) for every lagging translation."""
    limit = ctx.ours["SITE_STALE_TRANSLATION_DAYS"]
    found = []
    for versions in translation_groups(items).values():
        dated = [(updated_at(item, ctx), item) for item in versions.values()]
        dated = [(when[0], item) for when, item in dated if when is not None]
        if len(dated) < 2:
            continue
        newest, newer = max(dated, key=lambda pair: pair[0])
        for when, item in dated:
            days = (newest - when).days
            if item is not newer and days > limit:
                found.append((item, newer, days))
    return found


def check_stale(items: list[Item], ctx: Context) -> list[Problem]:
    problems = []
    for item, newer, days in stale_translations(items, ctx):
        key = "modified" if item.doc.get("modified") else "date"
        problems.append(
            ctx.warning(
                item,
                key,
                f"stale translation: {days} days older than {newer.rel}; bring it up "
                "to date, then set 'Modified:' to the day you did "
                f"(allowed gap: {ctx.ours['SITE_STALE_TRANSLATION_DAYS']} days)",
            )
        )
    return problems


# --- data files ------------------------------------------------------------------


def check_data(ctx: Context) -> list[Problem]:
    """Parse every data file; load the topics (ctx.topics) if they are sound."""
    problems = []
    data = ctx.content / "data"
    parsed: dict[Path, dict] = {}
    if data.is_dir():
        for path in sorted(data.rglob("*")):
            if path.suffix not in (".toml", ".json") or not path.is_file():
                continue
            rel = ctx.rel(path)
            try:
                text = frontmatter.read_text(path)
            except frontmatter.NotUTF8 as error:
                problems.append(not_utf8(rel, error))
                continue
            if path.suffix == ".toml":
                try:
                    parsed[path] = tomllib.loads(text)
                except tomllib.TOMLDecodeError as error:
                    message = str(error)
                    found = TOML_LINE.search(message)
                    line = None
                    if found:
                        line = int(found.group(1)) if found.group(1) else text.count("\n") + 1
                        message = message[: found.start()]
                    problems.append(
                        Problem(
                            rel,
                            line,
                            "toml",
                            f"{message}; fix the TOML syntax: "
                            'key = "text in quotes", [table] headers in brackets',
                        )
                    )
            else:
                try:
                    parsed[path] = json.loads(text)
                except json.JSONDecodeError as error:
                    problems.append(
                        Problem(
                            rel,
                            error.lineno,
                            "json",
                            f"{error.msg}; fix the JSON syntax",
                        )
                    )
    topics_file = ctx.content / ctx.ours["SITE_TOPICS_FILE"]
    if topics_file.is_file():
        if topics_file in parsed:
            found, topic_problems = check_topics(ctx, topics_file, parsed[topics_file])
            problems += topic_problems
            ctx.topics = found if not topic_problems else None
        elif topics_file.suffix == ".toml":
            ctx.topics = None
    return problems


def check_topics(ctx: Context, path: Path, data: dict) -> tuple[dict, list[Problem]]:
    text = path.read_text(encoding="utf-8-sig")
    rel = ctx.rel(path)

    def line_of(key):
        pattern = re.compile(
            rf'^[ \t]*\[[ \t]*topics\.["\']?{re.escape(key)}["\']?\s*\]', re.MULTILINE
        )
        found = pattern.search(text)
        return text[: found.start()].count("\n") + 1 if found else None

    problems = []
    topics = data.get("topics", {})
    if not isinstance(topics, dict):
        return {}, [Problem(rel, None, "topics", "expected [topics.<key>] tables")]
    for key, labels in topics.items():
        if not site_settings.SLUG_RE.match(key):
            problems.append(
                Problem(
                    rel,
                    line_of(key),
                    f"topics.{key}",
                    "not an ASCII key; use lowercase a-z, 0-9 and hyphens",
                )
            )
            continue
        if not isinstance(labels, dict):
            problems.append(
                Problem(
                    rel,
                    line_of(key),
                    f"topics.{key}",
                    'expected a table of labels: ar = "…", en = "…"',
                )
            )
            continue
        missing = [lang for lang in ctx.languages if not labels.get(lang)]
        if missing:
            problems.append(
                Problem(
                    rel,
                    line_of(key),
                    f"topics.{key}",
                    f"no label for {', '.join(missing)}; add "
                    + ", ".join(f'{lang} = "…"' for lang in missing),
                )
            )
    return topics, problems


# --- the pass --------------------------------------------------------------------


def make_context(settings: dict) -> Context:
    return Context(
        settings=settings,
        content=Path(settings["PATH"]),
        languages=site_settings.read(settings)["SITE_LANGUAGES"],
    )


def collect(settings: dict) -> tuple[Context, list[Item], list[Problem]]:
    """Read everything once: the context, the content items, the problems."""
    ctx = make_context(settings)
    problems = check_data(ctx)
    # Issue 10: links out of content/, loops, non-.md content files, huge files.
    from . import contentfiles

    problems += contentfiles.check(settings)
    items, found = discover(ctx)
    problems += found
    for item in items:
        problems.extend(check_item(item, ctx))
    problems.extend(check_slugs(items, ctx))
    problems.extend(check_stale(items, ctx))
    for site_check in SITE_CHECKS:
        problems.extend(site_check(items, ctx))
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.path, p.line or 0))
    return ctx, items, unique


def validate(settings: dict) -> list[Problem]:
    """Every problem in the content tree, errors and warnings, by file and line."""
    return collect(settings)[2]


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity != "error"]


def run(pelican) -> None:
    """Pelican `initialized` receiver: stop the build on any error."""
    problems = validate(pelican.settings)
    found = errors(problems)
    if found:
        raise ContentError(found)
