"""How pretalx's names of tracks, session types and rooms read in each
language: the small table content/data/programme/labels.toml.

    lang = "en"          # the language the names are written in, in pretalx

    [types]
    "Talk" = { ar = "محاضرة", en = "Talk" }

    [tracks]
    "Digital Security" = { ar = "الأمان الرقمي", en = "Digital Security" }

A name the table lacks, or lacks in one language, is shown as written, its
language marked with `lang` (when given): a visitor, a screen reader and a
translator all know what they are reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import languages
from .fields import Problems

GROUPS = ("tracks", "types", "rooms")
EXAMPLE = '"Talk" = { ar = "محاضرة", en = "Talk" }'


@dataclass(frozen=True)
class Label:
    text: str
    lang: str | None  # the language `text` is in; None when nobody said


@dataclass(frozen=True)
class Labels:
    lang: str | None = None  # what pretalx's names are written in
    names: dict = field(default_factory=dict)  # group -> name -> {lang: label}

    def label(self, group: str, name: str, lang: str) -> Label:
        """`name` (as pretalx writes it) in `lang`, else as written."""
        found = self.names.get(group, {}).get(name, {}).get(lang)
        if found:
            return Label(found, lang)
        return Label(name, self.lang)

    def missing(self, group: str, name: str, site_languages) -> list[str]:
        """The site's languages in which `name` is shown as written for want
        of a label (not the language pretalx's names are written in)."""
        have = self.names.get(group, {}).get(name, {})
        return [code for code in site_languages if code != self.lang and not have.get(code)]


def check(data, problems: Problems, site_languages) -> Labels:
    """The parsed TOML as Labels; what is wrong goes to `problems` as warnings
    (a name without its label is shown as written: nothing is lost)."""
    if not isinstance(data, dict):
        return Labels()
    lang = data.get("lang")
    if lang is not None and not (isinstance(lang, str) and languages.is_known(lang)):
        problems.warning(
            "lang",
            f"{lang!r} is not a language code; write the language pretalx's names are "
            'written in, e.g. lang = "en"',
        )
        lang = None
    for key in data:
        if key != "lang" and key not in GROUPS:
            problems.warning(key, f"unknown table, ignored; expected {', '.join(GROUPS)}")
    names = {}
    for group in GROUPS:
        table = data.get(group, {})
        if not isinstance(table, dict):
            problems.warning(group, f"expected [{group}] with lines such as {EXAMPLE}")
            continue
        names[group] = {}
        for name, labels in table.items():
            where = f"{group}.{name}"
            if not isinstance(labels, dict):
                problems.warning(where, f"expected a table of labels, e.g. {EXAMPLE}")
                continue
            good = {k: v for k, v in labels.items() if isinstance(v, str) and v.strip()}
            missing = [code for code in site_languages if code not in good]
            if missing:
                problems.warning(
                    where,
                    f"no label for {', '.join(missing)}; it is shown as written there. "
                    "Add " + ", ".join(f'{code} = "…"' for code in missing),
                )
            names[group][name] = {k: v.strip() for k, v in good.items()}
    return Labels(lang, names)
