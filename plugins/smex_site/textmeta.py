"""Metadata is text: it cannot reorder the page it lands on.

The templates run with Jinja autoescape on, so a title such as
`</script> "x" a < b` is shown as written in HTML and attributes; summaries
are escaped before Markdown runs (summary_source, below) and what Markdown
makes of them keeps to the allowlist (sanitize.clean: no javascript: link, no
image from another host); feed titles are put back as text after Pelican's
striptags (feeds.py).

Unbalanced direction controls (U+202A–U+202E, U+2066–U+2068) in a title would
reverse whatever follows it, the site name in <title> for instance. We close
each one at the end of the value. (Validation warns about them as well.)
"""

from __future__ import annotations

import html

EMBEDDINGS = {"\u202a", "\u202b", "\u202d", "\u202e"}  # closed by PDF U+202C
ISOLATES = {"\u2066", "\u2067", "\u2068"}  # closed by PDI U+2069
PDF, PDI = "\u202c", "\u2069"


def summary_source(text: str) -> str:
    """A summary is text: its <, > and & are shown, not read as HTML."""
    return html.escape(text, quote=False)


def balance_bidi(text: str) -> str:
    """Close every direction embedding, override or isolate left open."""
    if not any(char in text for char in EMBEDDINGS | ISOLATES):
        return text
    stack: list[str] = []
    for char in text:
        if char in EMBEDDINGS:
            stack.append(PDF)
        elif char in ISOLATES:
            stack.append(PDI)
        elif char == PDF and stack and stack[-1] == PDF:
            stack.pop()
        elif char == PDI and PDI in stack:
            # a PDI also closes the embeddings opened inside its isolate
            while stack and stack.pop() != PDI:
                pass
    return text + "".join(reversed(stack))
