"""Which version of an item is the original, and whether each translation
still translates it: resolved once per build, from the content alone.

A translation records what it translates on one line of its own file:

    Translation-Of: en 1a2b3c-4d5e6f-7a8b9c-0d1e2f

the original's language, then a short hash of each of the original's worded
parts (PARTS): its title, its summary, its text, and its other worded fields
(the keys a kind declares `translated`: an edition's city and themes, a
report's authors and figure labels). When the original's hashes today differ
from the recorded ones, the translation is outdated, and the differing
parts say what changed. Nothing comes from git, so a shallow clone gives
the same answer.

What counts (normalise): the text with its line endings, trailing spaces,
Unicode form and the line breaks inside a paragraph taken out; paragraphs
stay apart. Fact fields (dates, tags, cover, the PDFs…) are not words: they
are in no hash, and a translation may leave them out and take the original's
(inherit). A place (an edition's City, Venue) is words: in the hash, and
each version writes its own.

The original is the version without a Translation-Of line. When no version
records one (older pairs), it is the one written first (Modified:, else its
date), and on a tie the site's first language; its translations are then
"unrecorded" until `invoke translations --accept SLUG` records them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from . import fields, publishing

KEY = "translation-of"
PARTS = ("title", "summary", "body", "fields")
PART_WORDS = {"title": "title", "summary": "summary", "body": "text", "fields": "other fields"}
CURRENT, OUTDATED, MISSING, UNRECORDED = "current", "outdated", "missing", "unrecorded"
ORIGINAL, ORPHAN, NOT_PLANNED = "original", "orphan", "not planned"
RECORD_RE = re.compile(r"^(?P<lang>[a-z]{2,3})\s+(?P<hashes>[0-9a-f]{6}(?:-[0-9a-f]{6}){3})$")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Record:
    """What a translation translates: the original's language and hashes."""

    lang: str
    hashes: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.lang} {'-'.join(self.hashes)}"


def parse_record(value: str, ctx: fields.FieldContext) -> Record:
    """The Translation-Of line's parser (kinds.COMMON)."""
    text = fields.structured(value).lower()
    match = RECORD_RE.match(text)
    if not match:
        raise fields.FieldError(
            f"{text!r} is not a record of the original; expected its language and four "
            "hashes, e.g. 'Translation-Of: en 1a2b3c-4d5e6f-7a8b9c-0d1e2f' (written by "
            "`invoke new --translate` and `invoke translations --accept SLUG`)"
        )
    lang = match["lang"]
    if lang == ctx.lang or lang not in ctx.languages:
        others = ", ".join(code for code in ctx.languages if code != ctx.lang)
        raise fields.FieldError(
            f"{lang!r} is not another language of the site; the original is in one of: {others}"
        )
    return Record(lang, tuple(match["hashes"].split("-")))


def normalise(text: str) -> str:
    """What counts in a text: its words, paragraph by paragraph."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(block.split()) for block in BLANK_LINE.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def worded(value) -> str:
    """A worded field's words: a list item each; of a figure, its label only."""
    items = value if isinstance(value, list | tuple) else [value]
    return "\n".join(str(getattr(item, "label", item)) for item in items)


def parts(entry, keys: dict) -> dict[str, str]:
    """The worded parts of a version, normalised."""
    values = entry.values
    other = [
        f"{name}: {worded(values[name])}"
        for name, key in keys.items()
        if key.translated and name not in ("title", "summary") and values.get(name)
    ]
    found = {
        "title": str(values.get("title") or ""),
        "summary": str(values.get("summary") or ""),
        "body": entry.doc.body,
        "fields": "\n\n".join(other),
    }
    return {part: normalise(text) for part, text in found.items()}


def hashes(texts: dict[str, str]) -> tuple[str, ...]:
    return tuple(hashlib.sha256(texts[part].encode()).hexdigest()[:6] for part in PARTS)


def words(text: str) -> int:
    return len(text.split())


@dataclass
class Version:
    """One language's version of an item, and where it stands."""

    lang: str
    entry: object | None  # validation Entry; None: missing
    state: str  # original, current, outdated, missing, unrecorded, not planned
    changed: tuple[str, ...] = ()  # PARTS that differ from the record
    words: int = 0  # how many words the changed parts of the original have now


@dataclass
class Group:
    """Every language's version of one item: (registry kind, slug)."""

    key: tuple
    original: object | None
    versions: dict[str, Version] = field(default_factory=dict)
    record: Record | None = None  # the original as it is now

    def outdated(self, lang: str) -> Version | None:
        found = self.versions.get(lang)
        return found if found is not None and found.state == OUTDATED else None


def written_at(entry, zone) -> dt.datetime | None:
    """When a version was last written: Modified:, else the date that publishes it."""
    for name in ("modified", entry.kind.schedule_key):
        value = entry.values.get(name) if name else None
        if value is not None:
            return publishing.moment(value, zone)
    return None


def original_of(versions: dict, order: list[str], zone):
    """The version without a record; among several, the one written first."""
    plain = [entry for entry in versions.values() if KEY not in entry.values]
    recorded = {entry.values[KEY].lang for entry in versions.values() if KEY in entry.values}
    named = [entry for entry in plain if entry.lang in recorded]
    candidates = named or plain
    if not candidates:
        return None
    latest = dt.datetime.max.replace(tzinfo=dt.UTC)
    return min(
        candidates,
        key=lambda e: (written_at(e, zone) or latest, order.index(e.lang)),
    )


def resolve(entries, ctx) -> dict[tuple, Group]:
    """Every translated item's group, each version's state; facts inherited."""
    by_key: dict[tuple, dict[str, object]] = {}
    for entry in entries:
        if entry.slug:
            by_key.setdefault(entry.key, {}).setdefault(entry.lang, entry)
    order = list(ctx.languages)
    groups = {}
    for key, versions in by_key.items():
        original = original_of(versions, order, ctx.zone)
        group = Group(key, original)
        if original is not None:
            keys = original.kind.keys_for(ctx.languages)
            texts = parts(original, keys)
            group.record = Record(original.lang, hashes(texts))
            planned = all(entry.translation_planned for entry in versions.values())
        for lang in order:
            entry = versions.get(lang)
            if original is None:  # every version records an original that is gone
                if entry is not None:
                    group.versions[lang] = Version(lang, entry, ORPHAN)
                continue
            if entry is original:
                group.versions[lang] = Version(lang, entry, ORIGINAL)
                continue
            if entry is None:
                group.versions[lang] = Version(lang, None, MISSING if planned else NOT_PLANNED)
                continue
            group.versions[lang] = _compare(entry, group.record, texts)
            inherit(entry, original, keys, ctx)
        groups[key] = group
    return groups


def _compare(entry, now: Record, texts: dict[str, str]) -> Version:
    recorded = entry.values.get(KEY)
    if recorded is None:
        return Version(entry.lang, entry, UNRECORDED)
    pairs = zip(PARTS, recorded.hashes, now.hashes, strict=True)
    changed = tuple(part for part, old, new in pairs if old != new)
    if not changed:
        return Version(entry.lang, entry, CURRENT)
    return Version(entry.lang, entry, OUTDATED, changed, sum(words(texts[p]) for p in changed))


def inheritable(key) -> bool:
    """A fact with no words in it: a translation may leave it out."""
    return key.fact is not None and not key.translated


def counterpart(name: str, key, lang: str, original_lang: str) -> str | None:
    """The original's key that holds the fact this version's `name` holds
    (the same key, unless the key says otherwise: a report's PDFs), or None."""
    return key.fact_key(lang, original_lang) if key.fact_key is not None else name


def inherit(entry, original, keys: dict, ctx) -> None:
    """A recorded translation takes the facts it leaves out from its original
    (not the original's own file: the original's page offers that one)."""
    if KEY not in entry.values:
        return
    for name, key in keys.items():
        if not inheritable(key) or name in entry.doc.fields:
            continue
        there = counterpart(name, key, entry.lang, original.lang)
        if there in original.values and not keys[there].own_file:
            entry.values[name] = original.values[there]
    entry.schedule = publishing.moment(entry.values.get(entry.kind.schedule_key), ctx.zone)


def notice(state, key: tuple | None, lang: str) -> dict | None:
    """What an outdated translation's page tells its readers, or None: the
    original's address and language, and when it was updated (Modified:, when
    the original gives one: its own date would not say when it changed)."""
    group = state.catalog.translations.get(key) if key else None
    if group is None or group.outdated(lang) is None:
        return None
    original = group.original
    url = state.find(original.lang, key)
    if url is None:  # not published, or hidden (as the switcher, never linked): nothing to say
        return None
    return {"url": url, "lang": original.lang, "updated": original.values.get("modified")}
