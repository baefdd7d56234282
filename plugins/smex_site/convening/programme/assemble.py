"""Sessions read one by one become Session objects that share their speakers.

A person who speaks twice is one Speaker (pretalx's code says who is who),
so the speakers' index and every session agree on their name and biography.
Slugs are ASCII and unique: pretalx's code for a session (a session given
two slots shares its code, so the second gets -2) and for a speaker.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from .model import Session, Speaker, utc

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
# Folders beside the sessions' under programme/ (kind.py): no session takes one.
RESERVED = frozenset({"agenda", "changes", "day", "room", "track"})


def assemble(raw_sessions: list[dict]) -> dict[str, Session]:
    """Session objects by guid, from the reader's checked fields."""
    speakers: dict[str, Speaker] = {}
    for raw in raw_sessions:
        for person in raw["persons"]:
            known = speakers.get(person["key"])
            if known is None or (not known.biography and person["biography"]):
                speakers[person["key"]] = Speaker(
                    person["key"],
                    person["name"],
                    person["biography"],
                    person["code"],
                    id=person["id"],
                    guid=person["guid"],
                    avatar_source=person["avatar"],
                )
    slugs = unique_slugs(
        sorted(speakers.values(), key=lambda s: s.key),
        lambda s: "" if s.key.startswith("name:") else s.key,  # Arabic names: speaker-N
        "speaker",
    )
    speakers = {s.key: _with_slug(s, slugs[id(s)]) for s in speakers.values()}
    ordered = sorted(raw_sessions, key=lambda r: (utc(r["start"]), r["guid"]))
    session_slugs = unique_slugs(
        ordered, lambda r: r["code"] or r["guid"], "session", taken=RESERVED
    )
    result = {}
    for raw in ordered:
        fields = {k: v for k, v in raw.items() if k not in ("persons", "links", "recordings")}
        people = {p["key"]: speakers[p["key"]] for p in raw["persons"]}  # once each
        result[raw["guid"]] = Session(
            slug=session_slugs[id(raw)],
            links=tuple(raw["links"]),
            recordings=tuple(raw["recordings"]),
            speakers=tuple(people.values()),
            **fields,
        )
    return result


def _ascii(text: str) -> str:
    """Latin letters without their accents (München: munchen, not m-nchen);
    any other script is left for _SLUG_CHARS to drop (Arabic names take the
    fallback: a transliteration would merge different words)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def unique_slugs(items, source, fallback: str, taken=frozenset()) -> dict[int, str]:
    """ASCII slugs in the given order; a repeat (or a `taken` one) gets -2, -3…"""
    taken, result = set(taken), {}
    for number, item in enumerate(items, 1):
        text = _ascii(str(source(item))).lower()
        base = _SLUG_CHARS.sub("-", text).strip("-") or f"{fallback}-{number}"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result[id(item)] = slug
    return result


def _with_slug(speaker: Speaker, slug: str) -> Speaker:
    return dataclasses.replace(speaker, slug=slug)
