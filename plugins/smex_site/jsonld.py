"""schema.org JSON-LD that no metadata can break out of.

A title such as `</script><script>alert(1)</script>` must stay data: we
escape <, > and & (and the line separators JavaScript parsers choke on) as
\\u escapes, which JSON parsers read back unchanged.
"""

from __future__ import annotations

import json

from markupsafe import Markup

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def dumps(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def script(data) -> Markup:
    """A complete <script type="application/ld+json"> element."""
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(dumps(data)))
