"""Editors' texts: every piece of HTML outside the allowlist, with its line."""

from __future__ import annotations

import copy
import json
import re

from markdown import Markdown

from .policy import Finding
from .scan import _html_findings, _Policy
from .source import (
    _AUTOLINK,
    _AUTOMAIL,
    _INTRASITE,
    _blank,
    _line_at,
    _markdown_findings,
    mask_code,
)

# --- rendering ----------------------------------------------------------------------

DEFAULT_MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
_renderers: dict[str, Markdown] = {}


def _renderer(config: dict | None) -> Markdown:
    """One Markdown instance per configuration (Pelican's MARKDOWN, without meta)."""
    config = copy.deepcopy(config or DEFAULT_MARKDOWN)
    key = json.dumps(config, sort_keys=True, default=str)
    if key not in _renderers:
        options = {k: v for k, v in config.items() if k not in ("extensions", "extension_configs")}
        configs = {
            name: value
            for name, value in config.get("extension_configs", {}).items()
            if not name.endswith(".meta")
        }
        extensions = [e for e in config.get("extensions", []) if not str(e).endswith(".meta")]
        extensions += [name for name in configs if name not in extensions]
        _renderers[key] = Markdown(extensions=extensions, extension_configs=configs, **options)
    return _renderers[key]


def render(text: str, markdown_config: dict | None = None) -> str:
    """`text` as the site's Markdown would publish it."""
    renderer = _renderer(markdown_config)
    renderer.reset()
    return renderer.convert(text)


# Where a finding from the rendered text is in the source: its first mention.
def _locate(text: str, masked: str, what: str) -> int | None:
    kind, _, name = what.partition(":")
    needle = {
        "tag": rf"<\s*{re.escape(name)}\b",
        "attr": rf"\b{re.escape(name)}\s*=" if name != "class" else r"\bclass\s*=|\{[^}\n]*\.",
        "url": rf"{re.escape(name)}\s*:",
        "image": r"(?:!\[[^\]]*\]\(\s*<?|\bsrc\s*=\s*[\"']?|\]:\s*)\s*(?:https?:)?//"
        if name == "remote"
        else r"data\s*:",
        "comment": r"<!--",
        "declaration": r"<[!?]",
    }.get(kind)
    if needle is None:
        return None
    pattern = re.compile(needle, re.IGNORECASE)
    for source in (masked, text):  # outside code first
        found = pattern.search(source)
        if found:
            return _line_at(source, found.start())
    return None


def _needs_rendering(text: str) -> bool:
    """Raw HTML (<) and attribute lists ({…}) are checked in the rendered text
    too: Markdown decides what they become. Links and images are checked in
    the source (rendering every text would triple a large site's validation)."""
    return "<" in text or "{" in _INTRASITE.sub("", text)


def find_problems(
    text: str, first_line: int = 1, markdown_config: dict | None = None
) -> list[Finding]:
    """Every piece of HTML in a Markdown text outside the allowlist, with its line.

    `first_line` is the line of the file where `text` starts; `markdown_config`
    the site's MARKDOWN setting (default: the extensions pelicanconf.py uses).
    """
    masked = mask_code(text)
    source = _html_findings(_hide_autolinks(masked), _Policy(rendered=False))
    in_markdown, unsure = _markdown_findings(masked)
    source += in_markdown
    source_keys = {what for _, what, _ in source}
    published: list[tuple[int, str, str]] = []
    if unsure or _needs_rendering(text):
        rendered = _html_findings(render(text, markdown_config), _Policy(rendered=True))
        rendered_keys = {what for _, what, _ in rendered}
        # Markdown decides what is code and what is HTML: a source finding it
        # did not publish (an HTML example in a code block) is not a problem.
        source = [finding for finding in source if finding[1] in rendered_keys]
        for _, what, message in rendered:
            if what not in source_keys:
                line = _locate(text, masked, what) or 1
                published.append((line, what, message))
                source_keys.add(what)
    findings = {
        Finding(first_line + line - 1, message, what): None
        for line, what, message in sorted(source + published, key=lambda f: f[0])
    }
    return list(findings)


def _hide_autolinks(masked: str) -> str:
    """<https://…> and <name@example.org> are Markdown links, not tags."""
    masked = _AUTOLINK.sub(lambda m: _blank(m.group(0)), masked)
    return _AUTOMAIL.sub(lambda m: _blank(m.group(0)), masked)
