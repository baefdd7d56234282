"""Sessions in several languages, or interpreted (issue 22): the small file
content/data/programme/<year>.toml beside the export, since pretalx gives a
session one language only (pretalx#2354, #2032).

    [sessions.TSTAAA]                  # pretalx's code (its guid without one)
    languages = ["ar", "en"]           # every language spoken in it
    interpretation = ["ar", "en"]      # optional: from, into

A key the export does not have is an error (`invoke check` refuses it): a
typo would otherwise say nothing and show nothing.
"""

from __future__ import annotations

import dataclasses

from . import languages as tags
from .fields import Problems
from .model import Programme

EXAMPLE = '[sessions.TSTAAA]\nlanguages = ["ar", "en"]\ninterpretation = ["ar", "en"]'
KEYS = ("languages", "interpretation")


def _line(text: str, key: str) -> int | None:
    """The line of [sessions.KEY] in the file, for the message."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().replace(" ", "") in (f"[sessions.{key}]", f'[sessions."{key}"]'):
            return number
    return None


def _codes(value, problems: Problems, where: str, line, count=None) -> tuple[str, ...] | None:
    shape = "two language codes, from and into" if count == 2 else "language codes"
    if not isinstance(value, list) or not value or (count and len(value) != count):
        problems.error(where, f'expected {shape}, e.g. ["ar", "en"]', line)
        return None
    unknown = [v for v in value if not (isinstance(v, str) and tags.is_known(v))]
    if unknown:
        problems.error(
            where,
            f"{', '.join(map(repr, unknown))}: not a language code; write BCP 47 codes "
            'such as "ar" or "en"',
            line,
        )
        return None
    return tuple(dict.fromkeys(value)) if count is None else tuple(value)


def _entry(entry, problems: Problems, where: str, line):
    """(languages, interpretation or None) of one session, or None when wrong."""
    if not isinstance(entry, dict) or set(entry) - set(KEYS) or "languages" not in entry:
        problems.error(
            where, f"expected languages (and optionally interpretation):\n{EXAMPLE}", line
        )
        return None
    spoken = _codes(entry["languages"], problems, f"{where}.languages", line)
    interpretation = None
    if entry.get("interpretation") is not None:
        interpretation = _codes(
            entry["interpretation"], problems, f"{where}.interpretation", line, count=2
        )
        if interpretation is None:
            return None
    return None if spoken is None else (spoken, interpretation)


def apply(data, text: str, problems: Problems, programme: Programme) -> Programme:
    """The programme with each listed session's languages and interpretation."""
    sessions = data.get("sessions") if isinstance(data, dict) else None
    if not isinstance(sessions, dict):
        problems.error("sessions", f"expected a [sessions.CODE] table per session:\n{EXAMPLE}")
        return programme
    by_key: dict[str, list] = {}
    for session in programme.sessions:
        by_key.setdefault(session.code or session.guid, []).append(session)
    found = {}
    for key, entry in sessions.items():
        where, line = f"sessions.{key}", _line(text, key)
        if key not in by_key:
            known = ", ".join(sorted(by_key)[:6])
            problems.error(
                where,
                f"no session {key!r} in {programme.source}; write the session's code as "
                f"pretalx shows it ({known}…), or its guid where the export has no code",
                line,
            )
            continue
        checked = _entry(entry, problems, where, line)
        if checked is None:
            continue
        spoken, interpretation = checked
        for session in by_key[key]:
            # its texts stay in the export's language when it is one of them
            own = session.language if session.language in spoken else spoken[0]
            found[session.guid] = dataclasses.replace(
                session, language=own, languages=spoken, interpretation=interpretation
            )
    if not found:
        return programme
    days = tuple(
        dataclasses.replace(day, sessions=tuple(found.get(s.guid, s) for s in day.sessions))
        for day in programme.days
    )
    return dataclasses.replace(programme, days=days)
