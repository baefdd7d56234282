"""One parser per kind of metadata value, shared by the checker, the loaders,
the reader and the editor tools, so none of them can read a line differently.

A parser takes the text after "Key:" and a `FieldContext`, and returns the
value, or raises `FieldError` with what is wrong and what to write instead.
It may also `ctx.warn()` about something that still works. Dates have their
own module (dates.py); parsers for one kind only (an edition's milestones, a
report's figures) live with that kind; this module holds the other shared ones.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from . import paths

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80  # characters: a file name and a URL segment must stay short
PUBLISHING_STATUSES = ("published", "draft", "hidden")
TYPO_CUTOFF = 0.75
# Editors may type Arabic-Indic (or Persian) digits in any structured value.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# One rule for every list field, in both scripts: semicolons (; or ؛) when
# there is one, so a name may contain a comma; otherwise commas (, or ،).
SEMICOLONS = re.compile(r"[;؛]")
COMMAS = re.compile(r"[,،]")
LIST_RULE = (
    "separate items with commas (, or ،), or with semicolons (; or ؛) when an item has a comma"
)


class FieldError(ValueError):
    """The value cannot be used; the message says what is expected."""


@dataclass
class FieldContext:
    """What a parser may need to know about the file and the site."""

    lang: str  # the language folder the file is in
    languages: dict  # SITE_LANGUAGES
    options: dict  # our settings, read once (settings.read)
    content: Path  # the content folder
    topics: dict | None = None  # topic key -> labels; None while topics.toml is broken
    templates: frozenset[str] = frozenset()
    zone: tzinfo | None = None  # the site's time zone (TIMEZONE): naive dates are in it
    values: dict = field(default_factory=dict)  # fields parsed so far in this file
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def suggest(word: str, choices) -> str:
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=TYPO_CUTOFF)
    if not close and word.lower() in choices:
        close = [word.lower()]
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- text and choices ------------------------------------------------------------


CONTROL = re.compile("[\x00-\x1f]")


def text(value: str, ctx: FieldContext) -> str:
    value = value.strip()
    if CONTROL.search(value):
        raise FieldError(
            "contains a control character (often pasted from another program); retype the value"
        )
    return value


def structured(value: str) -> str:
    return value.strip().translate(DIGITS)


def choice(options: tuple[str, ...]):
    def parse(value: str, ctx: FieldContext) -> str:
        found = structured(value).lower()
        if found not in options:
            raise FieldError(
                f"{value.strip()!r}{suggest(found, options)} is not known; "
                f"expected one of {', '.join(options)}"
            )
        return found

    return parse


def status(value: str, ctx: FieldContext) -> str:
    found = value.strip().lower()
    if found not in PUBLISHING_STATUSES:
        raise FieldError(
            f"{value.strip()!r}{suggest(found, PUBLISHING_STATUSES)} is not a status; expected "
            "draft (not published), hidden (published, listed nowhere) or published"
        )
    return found


def yes_no(value: str, ctx: FieldContext) -> bool:
    found = value.strip().lower()
    if found not in ("yes", "no"):
        raise FieldError(
            f"{value.strip()!r}; expected 'no' (this item stays in one language) or 'yes'"
        )
    return found == "yes"


def slug(value: str, ctx: FieldContext) -> str:
    value = value.strip()
    if not SLUG_RE.match(value):
        raise FieldError(
            f"{value!r} is not an ASCII slug; use lowercase a-z, 0-9 and hyphens, "
            "the same in both languages"
        )
    if len(value) > SLUG_MAX:
        raise FieldError(
            f"{len(value)} characters; a slug names a file and a web address: "
            f"keep it under {SLUG_MAX} characters, a few words"
        )
    return value


def lang(value: str, ctx: FieldContext) -> str:
    value = value.strip()
    if value not in ctx.languages:
        raise FieldError(
            f"{value!r} is not a language of this site{suggest(value, ctx.languages)}; "
            f"expected one of {', '.join(ctx.languages)}"
        )
    if value != ctx.lang:
        raise FieldError(
            f"{value!r} but the file is in the {ctx.lang!r} folder; "
            f"move it to content/{value}/ or write 'Lang: {ctx.lang}'"
        )
    return value


def template(value: str, ctx: FieldContext) -> str:
    value = value.strip()
    if value not in ctx.templates:
        raise FieldError(
            f"{value!r} is not a template of the theme{suggest(value, ctx.templates)}; "
            "delete the line to use the usual one"
        )
    return value


# --- scripts ---------------------------------------------------------------------

# CLDR's script codes, as Unicode names the letters of that script
SCRIPT_NAMES = {"Arab": "ARABIC", "Latn": "LATIN", "Cyrl": "CYRILLIC", "Hebr": "HEBREW"}


@functools.cache
def script_of(locale: str) -> str | None:
    """'ARABIC' for ar_LB, 'LATIN' for en_GB (CLDR's likely script)."""
    from babel.core import get_global

    language = locale.replace("-", "_").split("_")[0]
    likely = get_global("likely_subtags").get(language, "")
    code = next((part for part in likely.split("_") if len(part) == 4), None)
    return SCRIPT_NAMES.get(code)


def written_in(text: str) -> set[str]:
    """The scripts of the letters of `text` ('ARABIC', 'LATIN'…)."""
    return {unicodedata.name(char, "").split(" ")[0] for char in text if char.isalpha()}


def other_script(text: str, lang: str, languages: dict) -> str | None:
    """The name of another site language whose script `text` is written in,
    when it has no letter of its own language's script: an untranslated value."""
    own = script_of(languages[lang].get("locale", lang))
    found = written_in(text)
    if own is None or not found or own in found:
        return None
    for code, info in languages.items():
        if code != lang and script_of(info.get("locale", code)) in found:
            return f"{script_of(info.get('locale', code)).title()} script"
    return None


# --- lists ---------------------------------------------------------------------------


def split_list(value: str) -> list[str]:
    """The one list rule (see LIST_RULE)."""
    separator = SEMICOLONS if SEMICOLONS.search(value) else COMMAS
    return [part.strip() for part in separator.split(value) if part.strip()]


def names(value: str, ctx: FieldContext) -> list[str]:
    return [text(name, ctx) for name in split_list(value)]


def topic_keys(value: str, ctx: FieldContext) -> list[str]:
    keys = split_list(value)
    if ctx.topics is None:
        return keys  # topics.toml is broken: that file's problem is reported
    topics_file = ctx.options["SITE_TOPICS_FILE"]
    for key in keys:
        if key in ctx.topics:
            continue
        labelled = label_of(key, ctx.topics)
        if labelled:
            raise FieldError(
                f"{key!r} is the label of the topic {labelled!r} in {topics_file}; "
                f"write the key: {labelled}"
            )
        hint = suggest(key, ctx.topics)
        if not hint and re.search(r"\s", key):
            hint = f" ({LIST_RULE})"
        raise FieldError(
            f"{key!r} is not a topic key{hint}; expected keys from {topics_file} "
            "(add a new topic there, with its label in every language)"
        )
    return keys


def label_of(text: str, topics: dict) -> str | None:
    """The key of the topic whose label, in any language, is `text`."""
    wanted = " ".join(text.split()).casefold()
    for key, labels in topics.items():
        for label in labels.values() if isinstance(labels, dict) else ():
            if isinstance(label, str) and " ".join(label.split()).casefold() == wanted:
                return key
    return None


def slugs(value: str, ctx: FieldContext) -> list[str]:
    return [slug(item, ctx) for item in split_list(value)]


# --- files under the content folder -----------------------------------------------------


def content_file(under: str, suffixes: tuple[str, ...], example: str):
    """A path relative to the content folder, to a file inside `under`/."""

    def parse(value: str, ctx: FieldContext) -> str:
        rel = value.strip()
        content = ctx.content.resolve()
        folder = (ctx.content / under).resolve()
        for prefix in ("{static}", "{attach}", "/"):
            if rel.startswith(prefix):
                fixed = rel[len(prefix) :].lstrip("/")
                if folder not in (ctx.content / fixed).resolve().parents:
                    break  # not a content path at all (/tmp/x.png): say where it goes
                raise FieldError(
                    f"{rel!r}: paths in metadata start from the content folder; "
                    f"drop the leading {prefix!r} and write {fixed!r}"
                )
        path = (ctx.content / rel).resolve()
        if folder not in path.parents or content not in path.parents:
            raise FieldError(
                f"{rel!r} is not under {under}/; expected e.g. {example} "
                f"(paths start from the content folder: that is content/{example})"
            )
        if path.suffix.lower() not in suffixes:
            raise FieldError(
                f"{rel!r} is not a {' or '.join(suffixes)} file; expected e.g. {example}"
            )
        if not paths.is_file(path):
            raise FieldError(f"{rel!r} does not exist; expected a file at content/{rel}")
        return rel

    return parse
