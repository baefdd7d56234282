"""Data files under content/data/: they parse, and the topic table is sound.

Read like every other text file (frontmatter.read_text), so a byte-order
mark from Windows Notepad or CRLF line ends work here as in Markdown files.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from smex_site import frontmatter
from smex_site.fields import SLUG_RE

from .core import Context, Problem
from .discover import DATA_FOLDER, not_utf8

TOML_LINE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)")


def load_data_file(path: Path, rel: str) -> tuple[object, list[Problem]]:
    """(parsed data or None, problems) for one .toml or .json file."""
    try:
        text = frontmatter.read_text(path)
    except frontmatter.NotUTF8 as error:
        return None, [not_utf8(rel, error)]
    if path.suffix == ".toml":
        try:
            return tomllib.loads(text), []
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = TOML_LINE.search(message)
            line = None
            if found:
                line = int(found.group(1)) if found.group(1) else text.count("\n") + 1
                message = message[: found.start()]
            return None, [
                Problem(
                    rel,
                    line,
                    "toml",
                    f"{message}; fix the TOML syntax: "
                    'key = "text in quotes", [table] headers in brackets',
                )
            ]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                rel,
                error.lineno,
                "json",
                f"{error.msg} (column {error.colno}); fix the JSON syntax",
            )
        ]


def check_data(ctx: Context, skip: tuple[str, ...] = ()) -> list[Problem]:
    """Parse every data file; set ctx.topics when the topic table is sound.

    `skip`: folders under data/ that their own kind reads (the programme).
    """
    problems = []
    data = ctx.content / DATA_FOLDER
    parsed: dict[Path, object] = {}
    for path in sorted(data.rglob("*")) if data.is_dir() else ():
        inside = path.relative_to(data).parts
        if path.suffix not in (".toml", ".json") or not path.is_file() or inside[0] in skip:
            continue
        found, file_problems = load_data_file(path, ctx.rel(path))
        problems += file_problems
        if not file_problems:
            parsed[path] = found
    topics_file = ctx.content / ctx.options["SITE_TOPICS_FILE"]
    rel = ctx.rel(topics_file)
    if not topics_file.is_file():
        ctx.topics = None  # every topic key would be "unknown": say it once
        return [
            *problems,
            Problem(
                rel,
                None,
                "topics",
                "missing; the topic keys that Tags and Topics use are listed there: restore "
                "the file (git checkout -- " + rel + ")",
            ),
        ]
    if topics_file not in parsed:
        ctx.topics = None
        return problems
    found, topic_problems = check_topics(ctx, topics_file, parsed[topics_file])
    ctx.topics = found if not topic_problems else None
    return problems + topic_problems


def check_topics(ctx: Context, path: Path, data) -> tuple[dict, list[Problem]]:
    text = frontmatter.read_text(path)
    rel = ctx.rel(path)

    def line_of(key):
        pattern = re.compile(
            rf'^[ \t]*\[[ \t]*topics\.["\']?{re.escape(key)}["\']?\s*\]', re.MULTILINE
        )
        found = pattern.search(text)
        return text[: found.start()].count("\n") + 1 if found else None

    topics = data.get("topics", {}) if isinstance(data, dict) else None
    if not isinstance(topics, dict):
        return {}, [Problem(rel, None, "topics", "expected [topics.<key>] tables")]
    problems = _unknown_tables(rel, text, data)
    for key, labels in topics.items():
        where = (rel, line_of(key), f"topics.{key}")
        if not SLUG_RE.match(key):
            problems.append(Problem(*where, "not an ASCII key; use lowercase a-z, 0-9 and hyphens"))
        elif not isinstance(labels, dict):
            problems.append(Problem(*where, 'expected a table of labels: ar = "…", en = "…"'))
        else:
            problems += _labels(where, labels, ctx)
    return topics, problems


def _unknown_tables(rel: str, text: str, data: dict) -> list[Problem]:
    """A table beside [topics.…] would be silently ignored: say how to write it."""
    problems = []
    for name in data:
        if name == "topics":
            continue
        header = re.compile(
            rf'^[ \t]*\[?[ \t]*\[[ \t]*["\']?{re.escape(name)}["\']?[ \t]*[.\]]|'
            rf'^[ \t]*["\']?{re.escape(name)}["\']?[ \t]*[.=]',
            re.MULTILINE,
        )
        found = header.search(text)
        line = text[: found.start()].count("\n") + 1 if found else None
        key = name if SLUG_RE.match(name) else "a-key"
        problems.append(
            Problem(
                rel,
                line,
                "topics",
                f"[{name}] is not read: every topic is a table named [topics.KEY]; "
                f'write [topics.{key}], with its labels below it (ar = "…", en = "…")',
            )
        )
    return problems


def _labels(where: tuple, labels: dict, ctx: Context) -> list[Problem]:
    problems = []
    missing = [lang for lang in ctx.languages if not labels.get(lang)]
    if missing:
        problems.append(
            Problem(
                *where,
                f"no label for {', '.join(missing)}; add "
                + ", ".join(f'{lang} = "…"' for lang in missing),
            )
        )
    for lang, label in labels.items():
        if not isinstance(label, str):
            problems.append(
                Problem(*where, f'the {lang} label is not text; write it in quotes: {lang} = "…"')
            )
    return problems
