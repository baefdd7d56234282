"""Markdown source: what is code (never flagged), and where its links, images
and attribute lists are."""

from __future__ import annotations

import re

from markdown.extensions.attr_list import get_attrs
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from .policy import image_problem, link_problem, url_scheme
from .scan import _attribute_advice

# --- Markdown source: what is code, where the links are ----------------------------

_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]+")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")
# The target of [text](target): up to a space or ), or all of <target>.
_LINK_START = re.compile(r"\]\(\s*(?:<([^<>]*)>|([^\s)]*))")
# [label]: target, also indented in a list item or quoted (> [label]: …).
_REF_DEF = re.compile(r"^[ \t>]*\[([^\[\]]*)\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.MULTILINE)
_REF_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:[ ]?\[([^\[\]]*)\])?")
# Attribute lists ({: #id }, {: onclick=… }): at the end of a line, after an
# inline element, or on a fence's opening line.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^\}\n ][^\}\n]*)[ ]*\}")
_INTRASITE = re.compile(r"\{(?:filename|static|attach|tag|category|index|author)\}")
_TABLE_DELIMITER = re.compile(r"^[ ]{0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _blank(segment: str) -> str:
    """The same number of characters and lines, with nothing in them."""
    return re.sub(r"[^\n]", " ", segment)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span blanked."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in sorted(spans):
        parts += [text[last:start], _blank(text[start:end])]
        last = end
    parts.append(text[last:])
    return "".join(parts)


_MAY_BE_INDENTED_CODE = re.compile(r"(?:^|\n)(?: {4}|\t)")


def mask_code(text: str) -> str:
    """`text` with code blocks and code spans blanked (same offsets and lines)."""
    masked = text
    if "```" in text or "~~~" in text:
        masked = _blanked(text, [(m.start("code"), m.end("code")) for m in _FENCED.finditer(text)])
    if _MAY_BE_INDENTED_CODE.search(masked):
        # Indented code: after a blank line, outside a list (where an indented
        # line continues the item and is not code).
        spans = []
        offset = 0
        previous_blank, in_list, in_code = True, False, False
        for line in masked.split("\n"):
            if not line.strip():
                previous_blank = True
            elif _INDENTED.match(line) and (in_code or (previous_blank and not in_list)):
                spans.append((offset, offset + len(line)))
                in_code, previous_blank = True, False
            else:
                if _LIST_ITEM.match(line):
                    in_list = True
                elif previous_blank and not _INDENTED.match(line):
                    in_list = False
                in_code, previous_blank = False, False
            offset += len(line) + 1
        masked = _blanked(masked, spans)
    if "`" in masked:
        # Code spans never cross a blank line (they live inside one block).
        spans = []
        offset = 0
        for block in re.split(r"(\n[ \t]*\n)", masked):
            spans += [(offset + m.start(2), offset + m.end(2)) for m in _CODE_SPAN.finditer(block)]
            offset += len(block)
        masked = _blanked(masked, spans)
    return masked


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _markdown_findings(masked: str) -> tuple[list[tuple[int, str, str]], bool]:
    """Links, images, attribute lists and table alignment in Markdown syntax;
    and whether an image's source could not be told for sure (then the
    rendered text decides)."""
    references, found, unsure = _references(masked)
    more, unsure_inline = _inline_links(masked)
    found += more + _reference_images(masked, references)
    for match in _AUTOLINK.finditer(masked):
        problem = link_problem(match.group(1))
        if problem:
            found.append((_line_at(masked, match.start()), *problem))
    for match in _ATTR_LIST.finditer(masked):
        found += _attribute_list(masked, match)
    found += _aligned_columns(masked)
    return found, unsure or unsure_inline


def _references(masked: str) -> tuple[dict, list, bool]:
    """[label]: url definitions: {label: url}, their problems, and whether an
    image may use one whose URL is not a path."""
    references, found, unsure = {}, [], False
    for match in _REF_DEF.finditer(masked):
        label, url = match.group(1).strip().lower(), match.group(2)
        references[label] = url
        unsure = unsure or ("![" in masked and url_scheme(url) is not None)
        problem = link_problem(url)
        if problem:
            found.append((_line_at(masked, match.start(2)), *problem))
    return references, found, unsure


def _inline_links(masked: str) -> tuple[list, bool]:
    found, unsure = [], False
    for match in _LINK_START.finditer(masked):
        url = match.group(1) if match.group(1) is not None else match.group(2)
        bracket = _opening_bracket(masked, match.start())
        image = bracket > 0 and masked[bracket - 1] == "!"
        unsure = unsure or (bracket < 0 and "![" in masked)
        problem = image_problem(url) if image else link_problem(url)
        if problem:
            found.append((_line_at(masked, match.end() - len(url)), *problem))
    return found, unsure


def _reference_images(masked: str, references: dict) -> list:
    found = []
    for match in _REF_IMAGE.finditer(masked):
        after = masked[match.end() : match.end() + 1]
        if match.group(2) is None and after == "(":
            continue  # an inline image, checked with the links
        label = (match.group(2) or match.group(1)).strip().lower()
        problem = image_problem(references[label]) if label in references else None
        if problem:
            found.append((_line_at(masked, match.start()), *problem))
    return found


def _attribute_list(masked: str, match: re.Match) -> list:
    """{: name=value } lists Markdown would turn into attributes."""
    if _INTRASITE.fullmatch(match.group(0)):
        return []
    line_end = masked.find("\n", match.end())
    rest = masked[match.end() : len(masked) if line_end < 0 else line_end]
    before = masked[match.start() - 1 : match.start()] if match.start() else ""
    if rest.strip() and before not in (")", "*", "_", "`", "]"):
        return []  # neither at the end of a line nor after an inline element
    found = []
    for name, value in get_attrs(match.group(1)):
        if name == "id":
            continue  # {: #anchor }, as on a heading
        shown = f".{value}" if name == "." else name
        what = "attr:class" if name == "." else f"attr:{name.lower()}"
        advice = _attribute_advice(
            "element", "class" if name == "." else name.lower(), frozenset({"id"})
        )
        found.append(
            (_line_at(masked, match.start()), what, f"{{: {shown} }} (an attribute list): {advice}")
        )
    return found


def _aligned_columns(masked: str) -> list:
    if not ("|" in masked and (":-" in masked or "-:" in masked)):
        return []
    message = (
        "a table column aligned with : (:--- or ---:) is written with style=, "
        "which the site's Content-Security-Policy blocks; remove the colons from "
        "this line (columns follow the direction of the text)"
    )
    return [
        (index, "attr:style", message)
        for index, line in enumerate(masked.split("\n"), start=1)
        if "|" in line and _TABLE_DELIMITER.match(line) and ":" in line
    ]


def _opening_bracket(text: str, close: int, window: int = 2000) -> int:
    """Index of the [ matching the ] at `close`, or -1 (not within `window`:
    a longer image text is left to the check of the rendered text)."""
    depth = 0
    for index in range(close, max(close - window, 0) - 1, -1):
        char = text[index]
        if char == "]" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "[" and (index == 0 or text[index - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n" and index + 1 < len(text) and text[index + 1] == "\n":
            return -1  # a link text does not cross a blank line
    return -1
