"""One pass over every content file before anything is written.

Collects *all* problems, each as `path:line: field: what is wrong; what is
expected`, so an editor fixes a whole evening's mistakes in one go. Kinds of
content other modules own (editions, publications) add their own checks
through `KIND_CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from . import settings as site_settings

# Folders inside a language folder, and the kind of content each holds.
KIND_BY_FOLDER = {"news": "article", "articles": "article", "pages": "page"}
# Folders at the top of PATH that are not a language.
SHARED_FOLDERS = {"images", "files", "extra", "data"}
REQUIRED = {"article": ("title", "date", "lang", "slug"), "page": ("title", "lang", "slug")}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; the build stops before writing."""

    exitcode = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} content {noun}; nothing was written:\n{lines}")


@dataclass
class Item:
    """A content file as validation sees it."""

    doc: frontmatter.Document
    rel: str  # path relative to PATH, for messages
    lang: str  # from the folder
    folder: str  # news, articles, pages, editions, publications…
    kind: str

    @property
    def slug(self) -> str | None:
        return self.doc.get("slug")


# folder -> check(item, context) -> list[Problem]; filled by other modules.
KIND_CHECKS: dict[str, Callable[[Item, Context], list[Problem]]] = {}
# checks over the whole set of items, e.g. cross references.
SITE_CHECKS: list[Callable[[list[Item], Context], list[Problem]]] = []


@dataclass
class Context:
    settings: dict
    content: Path
    languages: dict

    def problem(self, item: Item, key: str, message: str, severity="error") -> Problem:
        return Problem(item.rel, item.doc.line(key), key, message, severity)


def discover(ctx: Context) -> tuple[list[Item], list[Problem]]:
    items, problems = [], []
    for path in sorted(ctx.content.rglob("*.md")):
        rel = path.relative_to(ctx.content)
        rel_text = str(Path(ctx.content.name) / rel)
        top = rel.parts[0]
        if top in SHARED_FOLDERS:
            continue
        if top not in ctx.languages or len(rel.parts) < 3:
            problems.append(
                Problem(
                    rel_text,
                    None,
                    "path",
                    f"content files belong in <lang>/<section>/ with lang one of "
                    f"{', '.join(ctx.languages)} and section one of "
                    f"{', '.join(known_folders())}",
                )
            )
            continue
        folder = rel.parts[1]
        kind = kind_of(folder)
        if kind is None:
            problems.append(
                Problem(
                    rel_text,
                    None,
                    "path",
                    f"unknown section folder {folder!r}; expected one of "
                    f"{', '.join(known_folders())}",
                )
            )
            continue
        try:
            text = frontmatter.read_text(path)
        except frontmatter.NotUTF8 as error:
            problems.append(
                Problem(
                    rel_text,
                    None,
                    "encoding",
                    f"byte {error.offset} is not valid UTF-8; save the file as UTF-8",
                )
            )
            continue
        doc = frontmatter.parse(path, text)
        items.append(Item(doc=doc, rel=rel_text, lang=top, folder=folder, kind=kind))
    return items, problems


def known_folders() -> list[str]:
    return sorted({*KIND_BY_FOLDER, *KIND_CHECKS})


def kind_of(folder: str) -> str | None:
    if folder in KIND_BY_FOLDER:
        return KIND_BY_FOLDER[folder]
    return folder if folder in KIND_CHECKS else None


def check_item(item: Item, ctx: Context) -> list[Problem]:
    problems = [
        Problem(item.rel, line, "metadata", message)
        for line, message in item.doc.syntax_errors
    ]
    for key in REQUIRED.get(item.kind, ("title", "lang", "slug")):
        if not item.doc.get(key):
            problems.append(
                Problem(item.rel, None, key, f"missing; add a '{key.title()}:' line")
            )
    lang = item.doc.get("lang")
    if lang and lang not in ctx.languages:
        problems.append(
            ctx.problem(
                item,
                "lang",
                f"{lang!r} is not a language of this site; expected one of "
                f"{', '.join(ctx.languages)}",
            )
        )
    elif lang and lang != item.lang:
        problems.append(
            ctx.problem(
                item,
                "lang",
                f"{lang!r} but the file is in the {item.lang!r} folder; "
                f"move it to content/{lang}/ or write 'Lang: {item.lang}'",
            )
        )
    slug = item.slug
    if slug and not site_settings.SLUG_RE.match(slug):
        problems.append(
            ctx.problem(
                item,
                "slug",
                f"{slug!r} is not an ASCII slug; use lowercase a-z, 0-9 and hyphens, "
                "the same in both languages",
            )
        )
    check = KIND_CHECKS.get(item.folder)
    if check is not None:
        problems.extend(check(item, ctx))
    return problems


def check_slugs(items: list[Item], ctx: Context) -> list[Problem]:
    """Unique per language and kind; a translated pair shares slug and kind."""
    problems = []
    seen: dict[tuple, Item] = {}
    for item in items:
        if not item.slug:
            continue
        key = (item.lang, item.kind, item.slug)
        if key in seen:
            problems.append(
                ctx.problem(
                    item,
                    "slug",
                    f"{item.slug!r} is already used by {seen[key].rel}; "
                    "each item needs its own slug within a language",
                )
            )
        else:
            seen[key] = item
    by_relpath: dict[str, list[Item]] = {}
    for item in items:
        by_relpath.setdefault("/".join(Path(item.rel).parts[2:]), []).append(item)
    for group in by_relpath.values():
        slugs = {item.slug for item in group if item.slug}
        if len(slugs) > 1:
            first, *others = group
            for other in others:
                if other.slug != first.slug:
                    problems.append(
                        ctx.problem(
                            other,
                            "slug",
                            f"{other.slug!r} differs from {first.slug!r} in its "
                            f"translation {first.rel}; a translated pair shares one slug",
                        )
                    )
    by_slug: dict[tuple, list[Item]] = {}
    for item in items:
        if item.slug:
            by_slug.setdefault((item.kind, item.slug), []).append(item)
    for (_, slug), group in by_slug.items():
        folders = {item.folder for item in group}
        if len(folders) > 1:
            first = group[0]
            for other in group[1:]:
                if other.folder != first.folder:
                    problems.append(
                        ctx.problem(
                            other,
                            "slug",
                            f"{slug!r} is in {other.folder}/ here but in "
                            f"{first.folder}/ in {first.rel}; a translated pair "
                            "must be the same kind of content",
                        )
                    )
    return problems


def validate(settings: dict) -> list[Problem]:
    """Every problem in the content tree, errors and warnings."""
    ctx = Context(
        settings=settings,
        content=Path(settings["PATH"]),
        languages=site_settings.read(settings)["SITE_LANGUAGES"],
    )
    items, problems = discover(ctx)
    for item in items:
        problems.extend(check_item(item, ctx))
    problems.extend(check_slugs(items, ctx))
    for site_check in SITE_CHECKS:
        problems.extend(site_check(items, ctx))
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def run(pelican) -> None:
    """Pelican `initialized` receiver: stop the build on any error."""
    problems = validate(pelican.settings)
    found = errors(problems)
    if found:
        raise ContentError(found)
