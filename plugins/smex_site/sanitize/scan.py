"""HTML, tag by tag: what of it the allowlist refuses, and why."""

from __future__ import annotations

from html.parser import HTMLParser

from .policy import (
    _ASK,
    CODE_LANGUAGE_CLASS,
    DIR_VALUES,
    GLOBAL_ATTRIBUTES,
    MARKDOWN_ONLY_ATTRIBUTES,
    MARKDOWN_WRITES_ATTRIBUTES,
    MARKDOWN_WRITES_CLASSES,
    MARKDOWN_WRITES_TAGS,
    TAG_ADVICE,
    TAGS,
    image_problem,
    link_problem,
)

# --- HTML, tag by tag -------------------------------------------------------------


class _Policy:
    """Allowed tags and attributes: the editor's (raw HTML) or the rendered text's."""

    def __init__(self, rendered: bool):
        self.rendered = rendered
        self.tags = dict(TAGS)
        if rendered:
            self.tags.update(MARKDOWN_WRITES_TAGS)
            for tag, extra in MARKDOWN_WRITES_ATTRIBUTES.items():
                self.tags[tag] = self.tags.get(tag, frozenset()) | extra

    def tag_problems(self, tag: str, attrs: list[tuple[str, str | None]]):
        """(what, message) for each thing wrong with one start tag."""
        if tag not in self.tags:
            if tag == "meta" and any(
                (n or "").lower() == "http-equiv" and (v or "").strip().lower() == "refresh"
                for n, v in attrs
            ):
                yield (
                    "tag:meta",
                    (
                        '<meta http-equiv="refresh">: a redirect is not allowed (no security '
                        "policy stops it); write a link to the new page: [the new page](…)"
                    ),
                )
                return
            advice = TAG_ADVICE.get(
                tag,
                "it is not in the HTML a text may use (docs/html-in-markdown.md); write "
                f"it in Markdown, {_ASK}",
            )
            yield f"tag:{tag}", f"<{tag}>: {advice}"
            return
        allowed = self.tags[tag] | GLOBAL_ATTRIBUTES
        for raw_name, raw_value in attrs:
            name, value = raw_name.lower(), raw_value or ""
            if name in allowed:
                yield from self.value_problems(tag, name, value)
                continue
            if self.rendered and name == "class" and self.class_allowed(tag, value):
                continue  # footnotes, code languages: written by Markdown itself
            if not self.rendered and name in MARKDOWN_ONLY_ATTRIBUTES:
                continue
            yield f"attr:{name}", f"{name}= on <{tag}>: {_attribute_advice(tag, name, allowed)}"

    def class_allowed(self, tag: str, value: str) -> bool:
        classes = value.split()
        if tag == "code":
            return all(CODE_LANGUAGE_CLASS.match(c) for c in classes)
        return all(c in MARKDOWN_WRITES_CLASSES.get(tag, ()) for c in classes)

    def value_problems(self, tag: str, name: str, value: str):
        if name == "href":
            found = link_problem(value)
            if found:
                yield found
        elif name == "src":
            found = image_problem(value)
            if found:
                yield found
        elif name == "dir" and value.strip().lower() not in DIR_VALUES:
            yield "attr:dir", f'dir="{value}" on <{tag}>: dir= takes rtl, ltr or auto'
        elif name in ("width", "height") and not value.strip().isdigit():
            yield (
                f"attr:{name}",
                f'{name}="{value}" on <{tag}>: write a number of pixels, e.g. {name}="640"',
            )


def _attribute_advice(tag: str, name: str, allowed: frozenset[str]) -> str:
    if name.startswith("on"):
        return f"an event handler runs script, which the site does not allow; delete it, {_ASK}"
    if name == "style":
        return (
            "styles are not allowed (the site's Content-Security-Policy blocks them); delete "
            f"it and leave the look to the stylesheet, {_ASK}"
        )
    if name == "class":
        return f"the look comes from the site's components; delete it, {_ASK}"
    if name == "id":
        return 'only headings take an id (<h2 id="…">, or ## Heading {: #name }); delete it'
    return f"not allowed; <{tag}> may take {', '.join(sorted(allowed))}"


class _TagScanner(HTMLParser):
    """Every start tag, comment and declaration, with its line (html.parser)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list]] = []  # (line, tag, attrs)
        self.other: list[tuple[int, str, str]] = []  # (line, what, message)

    def handle_starttag(self, tag, attrs):
        self.found.append((self.getpos()[0], tag.lower(), attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.other.append(
            (
                self.getpos()[0],
                "comment",
                (
                    "<!-- a comment -->: comments are published in the page source, where anyone "
                    "can read them; delete it, and keep notes outside the file"
                ),
            )
        )

    def _declaration(self, data):
        self.other.append(
            (
                self.getpos()[0],
                "declaration",
                f"<!{data[:20]}> or <?…>: not allowed in a text; delete it",
            )
        )

    handle_decl = unknown_decl = handle_pi = _declaration


def _html_findings(text: str, policy: _Policy) -> list[tuple[int, str, str]]:
    """(line within text, what, message) for the HTML in `text`."""
    scanner = _TagScanner()
    scanner.feed(text)
    scanner.close()
    found = list(scanner.other)
    for line, tag, attrs in scanner.found:
        found.extend((line, what, message) for what, message in policy.tag_problems(tag, attrs))
    return found
