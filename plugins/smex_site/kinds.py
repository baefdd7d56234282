"""What a kind of content is, declared once: the checker, the reader, the
loaders, the generators and the editor tools all read these declarations.

A `Kind` names its folders, its metadata keys (each with the one parser
that reads it), what is required, how its date schedules it, what `invoke
new` writes, and its own checks. Every kind has the same publishing
statuses (fields.PUBLISHING_STATUSES): draft is published nowhere, hidden is
reachable by its address and listed nowhere, published is everywhere; a
date after the site's "now" holds an item back like a draft until then.

Posts and pages are declared here (Pelican's generators write them);
reports and editions are declared in their sub-packages, and the plugin's
`KINDS` lists them all, in the order messages name them. A `DataKind` (the
programme) is read from data files instead: it has hooks, not keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from . import dates, fields, translations

Parser = Callable[[str, fields.FieldContext], object]


@dataclass(frozen=True)
class Key:
    name: str
    parse: Parser
    required: bool = False
    multiline: bool = False  # may continue on lines indented by four spaces
    # a value, for messages ("Date: 2023-10-20 12:00"); {lang} and {slug}
    # stand for the file's own ("files/publications/{slug}-{lang}.pdf")
    example: str = ""
    # Draft requirement: a draft may leave a required key empty (a warning);
    # with strict=True even a draft needs it (the build cannot do without).
    strict: bool = False
    # What a translator rewrites: "" the same in every language (dates,
    # keys, paths); TEXT written in the file's language, so in its script
    # (checked); NAMES written for its readers, in any script (names, labels).
    translated: str = ""
    # A fact, the same in every language (a date, tags, a cover): how two
    # values compare (as text). A translation may leave it out and take its
    # original's (translations.inherit) when it has no words (translated "");
    # one it states must agree (validation/translations.py).
    fact: Callable[[object], str] | None = None
    # A fact the original holds under another key: files named by language
    # (a report's PDF: is its own language's, PDF-<lang> another's), so a
    # translation's PDF: is its original's PDF-<translation's language>.
    # (this file's language, the original's) -> the original's key, or None
    # when this file may not hold it (PDF-<its own language>). An original
    # that names no such file says nothing about it: the two are compared
    # only when both files name it.
    fact_key: Callable[[str, str], str | None] | None = None
    # This version's own file (a report's PDF:): its page offers it, so a
    # translation never takes it as its PDF-<lang> (it would offer the file
    # of an original that is hidden or held back); one that names it must
    # name the same file.
    own_file: bool = False
    # The original's fact in each language's words (an edition's City,
    # Venue): words cannot be copied across languages, so a translation
    # whose original states it states it too (validation/translations.py).
    worded_fact: bool = False

    @property
    def label(self) -> str:
        """How the key is written in a file: 'Title', 'PDF-en', 'Event-Status'."""
        special = {"pdf": "PDF", "id": "ID", "doi": "DOI"}
        if self.name.startswith("pdf-"):  # a language code stays as written
            return "PDF-" + self.name[len("pdf-") :]
        return "-".join(special.get(part, part.title()) for part in self.name.split("-"))

    def line_example(self, lang: str = "en", slug: str | None = None) -> str:
        example = self.example.replace("{lang}", lang).replace("{slug}", slug or "report")
        return f"{self.label}: {example or '…'}"


@dataclass(frozen=True)
class Kind:
    name: str  # post, page, report, edition
    label: str  # for messages: "news post or article"
    folders: tuple[str, ...]  # inside each language folder
    keys: tuple[Key, ...]
    # registry key: a translated pair is (registry, slug); also the page kind
    registry: str
    body_required: bool = True
    schedule_key: str | None = None  # the date that publishes it
    # which generator writes it: Pelican's ("pelican") or ours ("site")
    writer: str = "pelican"
    # `invoke new`: kind names editors type, mapped to the folder each uses
    new_names: dict[str, str] = field(default_factory=dict)
    new_keys: tuple[str, ...] = ()  # the lines a scaffold writes, in order
    # hooks: extra keys from the languages (PDF-<lang>), whole-file checks,
    # checks across files, scaffold values
    extra_keys: Callable[[dict], tuple[Key, ...]] | None = None
    check: Callable | None = None  # (entry, ctx) -> problems
    scaffold: Callable | None = None  # (title, slug, lang, now) -> (stem, values)
    propose: Callable | None = None  # (catalog, now) -> values read from the other files
    reserved_slugs: Callable | None = None  # (ctx) -> {slug: what has that address}
    site_check: Callable | None = None  # (its entries, catalog, ctx) -> problems
    # (our settings, as settings.read merged them) -> None, or SettingsError
    check_options: Callable | None = None
    # where pages go: (entry, settings, options) -> path of its own page, and
    # (its published entries of one language, settings, options) -> listings
    page_path: Callable = lambda entry, settings, options: f"{entry.slug}/"
    listings: Callable = lambda entries, settings, options: []

    def keys_for(self, languages: dict) -> dict[str, Key]:
        found = {key.name: key for key in self.keys}
        if self.extra_keys is not None:
            found.update({key.name: key for key in self.extra_keys(languages)})
        return found


@dataclass(frozen=True)
class DataKind:
    """A kind whose items are data files under data/, not Markdown files (the
    programme): no folders, keys, metadata or scaffold of its own.

    read_data (catalog, ctx) -> (data, problems) runs once per build, after
    the content files (a programme needs its edition), into
    catalog.data[name]; data_pages (catalog, lang, now, settings, options) ->
    [(key, path, listed)] names the pages that data gives one language, for
    the registry; file_users (data, ctx) -> [item…], if given, are the items
    that name files under content/ (a programme's avatars), which fileuse
    counts beside the Markdown items: each has rel, values, static_links and
    visibility(now), as an Entry has.
    """

    name: str
    label: str  # for messages: "programme of an edition"
    data_folders: tuple[str, ...]  # folders under data/ it reads itself
    read_data: Callable
    data_pages: Callable
    check_options: Callable | None = None  # as Kind's
    file_users: Callable | None = None


def markdown_kinds(kinds) -> tuple[Kind, ...]:
    """The kinds whose items are Markdown files in language folders."""
    return tuple(kind for kind in kinds if isinstance(kind, Kind))


def data_kinds(kinds) -> tuple[DataKind, ...]:
    """The kinds whose items are data files under data/."""
    return tuple(kind for kind in kinds if isinstance(kind, DataKind))


TEXT, NAMES = "text", "names"  # Key.translated


def fact(value) -> str:
    """A fact as comparable text: a list item by item."""
    if isinstance(value, list | tuple):
        return "; ".join(fact(item) for item in value)
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"  # as editors write it
    return str(value)


# --- keys every kind has ------------------------------------------------------------

TITLE = Key("title", fields.text, required=True, strict=True, example="…", translated=TEXT)
LANG = Key("lang", fields.lang, required=True, strict=True, example="en")
SLUG = Key("slug", fields.slug, required=True, strict=True, example="an-ascii-slug")
STATUS = Key("status", fields.status, example="draft")
TRANSLATE = Key("translate", fields.yes_no, example="no")
SUMMARY = Key(
    "summary", fields.text, multiline=True, example="one or two sentences", translated=TEXT
)
MODIFIED = Key("modified", dates.datetime_, example="2023-10-20 12:00")
# what a translation translates (translations.py): the original's language and hashes
TRANSLATION_OF = Key(
    translations.KEY, translations.parse_record, example="en 1a2b3c-4d5e6f-7a8b9c-0d1e2f"
)
COMMON = (TITLE, LANG, SLUG, STATUS, TRANSLATE, SUMMARY, MODIFIED, TRANSLATION_OF)


def category(value: str, ctx: fields.FieldContext) -> str:
    categories = ctx.options["SITE_CATEGORIES"]
    found = value.strip()
    if found not in categories:
        raise fields.FieldError(
            f"{found!r} is not a category{fields.suggest(found, categories)}; expected one of "
            f"{', '.join(categories)} (or leave it out: the folder gives the category)"
        )
    return found


def post_path(entry, settings: dict, options: dict) -> str:
    category = entry.values.get("category") or entry.folder
    return settings["ARTICLE_URL"].format(slug=entry.slug, category=category, lang=entry.lang)


def post_listings(entries, settings: dict, options: dict) -> list[tuple]:
    """Category and tag pages with at least one published post."""
    found = []
    for category in sorted({e.values.get("category") or e.folder for e in entries}):
        found.append(settings["CATEGORY_URL"].format(slug=category))
    for tag in sorted({tag for e in entries for tag in e.values.get("tags", [])}):
        found.append(settings["TAG_URL"].format(slug=tag))
    return [(("path", path), path) for path in found]


POST = Kind(
    name="post",
    label="news post or article",
    folders=("news", "articles"),
    registry="article",
    keys=(
        *COMMON,
        Key(
            "date",
            dates.datetime_,
            required=True,
            strict=True,
            example="2023-10-20 12:00",
            fact=fact,
        ),
        Key("tags", fields.topic_keys, multiline=True, example="privacy, advocacy", fact=fact),
        Key("category", category, example="news"),
        Key("author", fields.text, translated=NAMES),
        Key("authors", fields.names, multiline=True, translated=NAMES),
        Key("template", fields.template, example="article"),
        # the report(s) a post announces (publications/)
        Key("announces", fields.slugs, example="annual-report-2022"),
    ),
    schedule_key="date",
    page_path=post_path,
    listings=post_listings,
    new_names={"news": "news", "article": "articles"},
    new_keys=("title", "date", "lang", "slug", "tags", "summary"),
)

PAGE = Kind(
    name="page",
    label="page",
    folders=("pages",),
    registry="page",
    keys=(
        *COMMON,
        Key("date", dates.datetime_, example="2023-10-20 12:00", fact=fact),
        Key("template", fields.template, example="page"),
    ),
    schedule_key="date",
    page_path=lambda entry, settings, options: settings["PAGE_URL"].format(slug=entry.slug),
    new_names={"page": "pages"},
    new_keys=("title", "lang", "slug", "summary"),
)


def by_folder(kinds) -> dict[str, Kind]:
    return {folder: kind for kind in markdown_kinds(kinds) for folder in kind.folders}


def by_new_name(kinds) -> dict[str, tuple[Kind, str]]:
    """`invoke new --kind NAME` -> (kind, folder)."""
    kinds = markdown_kinds(kinds)
    return {name: (kind, folder) for kind in kinds for name, folder in kind.new_names.items()}
