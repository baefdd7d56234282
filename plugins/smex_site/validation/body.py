"""Checks on the text of a file: links, images, and text that misleads.

Pelican's intrasite links ({filename}, {static}…) must name a file that
exists, in the file's own language; site paths written with a leading "/"
must name something the site has, and are refused in favour of the intrasite
form, which keeps working when the site is served under a sub-path.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from smex_site import frontmatter, markdown, sanitize, textmeta

from .core import Context, Entry, Problem

INTRASITE = re.compile(
    r"[{|](?P<what>filename|static|attach|tag|category|index|author)[|}]"
    r"(?P<value>[^\s)\]\"'<>]*)"
)
# A link target starting with some other {word}: Pelican would warn, and a
# strict build stop, on "Replacement Indicator not recognized".
UNKNOWN_INTRASITE = re.compile(
    r"""(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["'])(?P<indicator>\{(?P<word>[^}\s]*)\})"""
)
# A Markdown link or image target, or an HTML href/src, that starts with "/".
SITE_PATH = re.compile(
    r"""(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["']?)(?P<path>/(?![/\\])[^\s)"'<>]*)""",
    re.IGNORECASE,
)
MD_IMAGE_BEFORE = re.compile(r"!\[[^\]]*\]\(\s*<?$")
MD_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_IMG_OPEN = re.compile(r"<img\b[^>]*$", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Explicit embeddings/overrides and isolates: invisible, and they reorder the
# text after them. (LRM/RLM, U+200E/F, are harmless marks.)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING_ID = re.compile(r"<h[1-6]\b[^>]*\bid=\"([^\"]+)\"")


def check_body(entry: Entry, ctx: Context) -> list[Problem]:
    problems = check_html(entry, ctx)
    fenced = False
    for number, line in entry.doc.body_lines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith("    "):
            continue  # code is shown as written, not linked
        problems += _intrasite(entry, ctx, number, line)
        problems += _site_paths(entry, ctx, number, line)
        problems += _images(entry, number, line)
    return problems


def check_html(entry: Entry, ctx: Context) -> list[Problem]:
    """HTML outside the allowlist (sanitize/policy.py) in the text, and in a Summary
    Pelican renders as Markdown (posts and pages), stops the build."""
    config = ctx.settings.get("MARKDOWN")
    found = sanitize.find_problems(entry.doc.body, entry.doc.body_line, config)
    problems = [Problem(entry.rel, f.line, "html", f.message) for f in found]
    summary = entry.doc.get("summary")
    if summary and entry.kind.writer == "pelican":
        # what the reader renders: the summary, escaped (textmeta.summary_source)
        text = textmeta.summary_source(summary)
        for f in sanitize.find_problems(text, entry.doc.line("summary"), config):
            problems.append(Problem(entry.rel, f.line, "summary", f.message))
    return problems


def _is_image(line: str, start: int) -> bool:
    before = line[:start]
    return bool(MD_IMAGE_BEFORE.search(before) or HTML_IMG_OPEN.search(before))


def _intrasite(entry: Entry, ctx: Context, number: int, line: str) -> list[Problem]:
    if "{" not in line and "|" not in line:
        return []
    problems = []
    for match in INTRASITE.finditer(line):
        message = link_problem(entry, ctx, match["what"], match["value"], number)
        if message is not None:
            field = "image" if _is_image(line, match.start()) else "link"
            problems.append(Problem(entry.rel, number, field, f"{match[0]}: {message}"))
    for match in UNKNOWN_INTRASITE.finditer(line):
        if not INTRASITE.match(line, match.start("indicator")):
            message = (
                f"{match['indicator']} is not a kind of link the site knows; write "
                "{filename}/<lang>/<folder>/<file>.md for a page, {static}/<folder>/<file> "
                "for a file (docs/editors-guide.en.md, Linking to any item)"
            )
            problems.append(Problem(entry.rel, number, "link", message))
    return problems


def _site_paths(entry: Entry, ctx: Context, number: int, line: str) -> list[Problem]:
    if "/" not in line or ("](" not in line and "=" not in line):
        return []  # no link target or attribute on the line: most lines
    problems = []
    for match in SITE_PATH.finditer(line):
        path = match["path"]
        field = "image" if _is_image(line, match.start("path")) else "link"
        clean = unquote(path.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
        target = ctx.content / clean
        if clean and ctx.is_file(str(target)):
            fix = f"{{static}}/{clean}"
            message = f"{path}: write {fix} instead"
        else:
            fix = (
                "{filename}/"
                + entry.lang
                + "/<section>/<file>.md for a page, {static}/… for a file"
            )
            message = f"{path}: write {fix}"
        problems.append(
            Problem(
                entry.rel,
                number,
                field,
                f"{message} (a path from the site's root breaks when the site is served "
                "under a sub-path, and is not checked)",
            )
        )
    return problems


def link_problem(entry: Entry, ctx: Context, what: str, value: str, line: int = 0) -> str | None:
    """What is wrong with one {what}value link, or None."""
    if what == "tag":
        if ctx.topics is None or value in ctx.topics:
            return None
        return (
            f"{value!r} is not a topic key; expected a key from {ctx.options['SITE_TOPICS_FILE']}"
        )
    if what == "category":
        categories = ctx.options["SITE_CATEGORIES"]
        if value in categories:
            return None
        return f"{value!r} is not a category; expected one of {', '.join(categories)}"
    if what not in ("filename", "static", "attach"):
        return None
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    problem = _file_problem(entry, ctx, what, path, line)
    if problem is None and what == "filename" and "#" in value and path.endswith(".md"):
        return _fragment_problem(entry, ctx, path, unquote(value.split("#", 1)[1]))
    return problem


def _fragment_problem(entry: Entry, ctx: Context, path: str, fragment: str) -> str | None:
    """`#fragment` must name a heading of the linked text, as the renderer makes its ids."""
    target = _target(entry, ctx, path)
    ids = heading_ids(ctx, target)
    if fragment in ids:
        return None
    shown = ", ".join(f"#{one}" for one in ids[:8]) or "none"
    return (
        f"#{fragment} names no heading in {ctx.rel(Path(target))}; its headings are: "
        f"{shown} (link the heading's id, or drop the #…)"
    )


def heading_ids(ctx: Context, target: str) -> list[str]:
    """The ids the one Markdown renderer gives the headings of a content file."""
    if target not in ctx._heading_ids:
        doc = frontmatter.parse(Path(target), frontmatter.read_text(Path(target)))
        converted = markdown.renderer(ctx.settings).convert(doc.body)
        found = [html.unescape(one) for one in HEADING_ID.findall(converted)]
        ctx._heading_ids[target] = found
    return ctx._heading_ids[target]


def _target(entry: Entry, ctx: Context, path: str) -> str:
    """The absolute path a link names: from the content folder with a leading
    "/" (as Pelican reads it), else from the linking file's folder."""
    if path.startswith("/"):
        return os.path.normpath(os.path.join(str(ctx.content), path.lstrip("/")))
    return os.path.normpath(os.path.join(os.path.dirname(entry.path), path))


def _file_problem(entry: Entry, ctx: Context, what: str, path: str, line: int) -> str | None:
    # Pelican: a leading / is from the content folder, else from the file's folder
    root = str(ctx.content)
    target = _target(entry, ctx, path)
    how = "from the content folder" if path.startswith("/") else f"from the folder of {entry.rel}"
    if not target.startswith(root + os.sep):
        return (
            "points outside the content folder; start the path with / for a path "
            "from the content folder, e.g. {static}/images/photo.jpg"
        )
    if not ctx.is_file(target):
        return (
            f"no file {ctx.rel(Path(target))} (a path {how}); check the spelling, or "
            "put the file there; expected e.g. {static}/images/photo.jpg or "
            f"{{filename}}/{entry.lang}/news/other-post.md"
        )
    real_root = os.path.realpath(root)
    if not os.path.realpath(target).startswith(real_root + os.sep):
        return (
            f"{ctx.rel(Path(target))} is a symbolic link to a file outside the content "
            "folder: the build would publish whatever it points to; copy the file itself "
            "into content/ instead"
        )
    top = target[len(root) + 1 :].split(os.sep, 1)[0]
    rel = target[len(root) + 1 :].replace(os.sep, "/")
    if what == "filename" and target.endswith(".md"):
        entry.links.append((line, target))
    else:  # a file: it is published with this item (fileuse.py)
        entry.static_links.append((line, rel))
    if what == "filename" and not target.endswith(".md"):
        return f"{rel} is a file, not a page: write {{static}}/{rel}"
    if what == "filename" and target.endswith(".md") and top in ctx.languages and top != entry.lang:
        return (
            f"links to {ctx.rel(Path(target))}, in the {top!r} folder; each "
            f"language's site links only its own files: link to the {entry.lang!r} "
            f"version (content/{entry.lang}/…)"
        )
    return None


def _images(entry: Entry, number: int, line: str) -> list[Problem]:
    problems = []
    if MD_IMAGE_NO_ALT.search(line):
        problems.append(
            Problem(
                entry.rel,
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
                    entry.rel,
                    number,
                    "image",
                    'no alt text; add alt="what the image shows" to the <img> tag',
                    "warning",
                )
            )
    return problems


def check_text(entry: Entry, ctx: Context) -> list[Problem]:
    """Warnings about metadata text: summaries, invisible direction controls."""
    problems = []
    limit = ctx.options["SITE_SUMMARY_MAX_LENGTH"]
    summary = entry.doc.get("summary")
    required = entry.kind.keys_for(ctx.languages)["summary"].required
    if summary == "" and entry.doc.line("summary") and not required:
        problems.append(
            ctx.warning(
                entry,
                "summary",
                "empty; write one or two sentences for lists and search engines, "
                "or delete the line to use the text's beginning",
            )
        )
    if summary and limit and len(summary) > limit:
        problems.append(
            ctx.warning(
                entry,
                "summary",
                f"{len(summary)} characters; lists and search engines cut it, "
                f"expected at most {limit}: one or two sentences",
            )
        )
    for key, value in entry.doc.fields.items():
        found = BIDI_CONTROLS.search(value.value)
        if found:
            char = found.group(0)
            problems.append(
                ctx.warning(
                    entry,
                    key,
                    f"contains the invisible direction control U+{ord(char):04X} "
                    f"({unicodedata.name(char, '?')}), which reorders the text after it; "
                    "delete it (the site sets the direction itself)",
                )
            )
    return problems
