"""Which files under the content folder may be read or published.

Pelican publishes whatever it finds in the static folders and reads every file
its readers know in the content folders, following symbolic links. So a
committed `ln -s /etc content/files/x` would publish the build machine's
/etc, a link back to its own folder would publish nested copies until the
system gives up, and a `.markdown` or `.html` post would be read without ever
passing our checks. This module walks the folders Pelican reads (the settings'
STATIC_PATHS, ARTICLE_PATHS and PAGE_PATHS of every language, and each
language folder) and reports, as validation problems naming the file:

- errors: a symbolic link that leaves the content folder, a link that loops
  back to a folder it is in, a link to nothing, a link to a folder in a
  language folder (Pelican would read files there that the checker does not),
  anything that is neither a file nor a folder (a pipe, a device), a folder
  named like a content file (`x.md`), and a content file Pelican could read
  that is not `.md` (`.markdown`, `.mkd`, `.mdown`, `.html`, `.htm`, `.rst`,
  `.MD`);
- errors: a file of the static folders that a browser would run as a page or
  a script (.html, .js, an SVG with a script…: activefiles.py);
- a warning: a Markdown file larger than MAX_MARKDOWN_BYTES; an error: one
  larger than REFUSED_MARKDOWN_BYTES (docs/html-in-markdown.md states both).
  Build time grows with the text (Python-Markdown is most of it, and it is
  quadratic in the length of one paragraph), so the refusal bounds it.

    scan(settings) -> (problems, files)  hooked into validation.collect(); files:
                                         every file of the static folders (images/x.png)
    check(settings) -> list[Problem]     the problems alone
    readable(path, content) -> bool      what validation.discover() may read

(reader.read_only_markdown turns Pelican's other readers off.)

Names Pelican ignores (IGNORE_FILES: editors' lock files `.#x.md`, which
are dangling links, and READMEs) are ignored here too.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from pelican.readers import HTMLReader, MarkdownReader

from smex_site import activefiles
from smex_site import settings as site_settings
from smex_site.problems import Problem

# The one extension editors' content files have; Pelican reads nothing else.
CONTENT_EXTENSION = "md"
# Extensions a Pelican reader would read, had we left it on (rst needs docutils).
READER_EXTENSIONS = {*MarkdownReader.file_extensions, *HTMLReader.file_extensions, "rst"}
# Above this a Markdown file is warned about: building costs ~4 s per MB, twice
# over (each language's run parses every file), and no real post comes near it
# (the longest seed article is 5 kB). 500 kB is ~80,000 English words.
MAX_MARKDOWN_BYTES = 500_000
# Above this a Markdown file stops the build, unread. At this size a build
# costs ~11 s of CPU at worst (one 2 MB paragraph, Python-Markdown alone ~10 s);
# a 20 MB file cost 31 s of CPU and wrote two 29 MB feeds.
REFUSED_MARKDOWN_BYTES = 2_000_000

FIELD = "file"


def check(settings: dict, options: dict | None = None) -> list[Problem]:
    """Every file Pelican would read or publish that it must not (options:
    our settings, when the caller has read them)."""
    return scan(settings, options)[0]


def scan(settings: dict, options: dict | None = None) -> tuple[list[Problem], list[str]]:
    """check()'s problems, and every file the static folders hold, by its path
    inside the content folder (images/x.png), as links name it."""
    content = Path(settings["PATH"])
    real_content = content.resolve()
    ignores = list(settings.get("IGNORE_FILES") or [])
    languages = set((options or site_settings.options(settings))["SITE_LANGUAGES"])
    walker = _Walker(content, real_content, ignores, languages)
    for rel in _roots(settings, languages):
        walker.walk_root(content / rel)
    return walker.problems, sorted(set(walker.static_files))


def readable(path: Path, content: Path) -> bool:
    """A regular file, inside the content folder once links are resolved."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop (RuntimeError on 3.11)
        return False
    return real.is_file() and _inside(real, content.resolve())


def _roots(settings: dict, languages: set[str]) -> list[str]:
    """Folders (relative to PATH) Pelican reads, in every language's run."""
    runs = [settings, *(settings.get("I18N_SUBSITES") or {}).values()]
    roots: list[str] = []
    for run in runs:
        for key in ("STATIC_PATHS", "ARTICLE_PATHS", "PAGE_PATHS"):
            # Pelican's default, [""], is the whole folder: the plugin derives the
            # real content paths from the languages (languages.configure), below
            roots.extend(path for path in run.get(key) or [] if path not in ("", "."))
    roots.extend(sorted(languages))
    return list(dict.fromkeys(os.path.normpath(root) for root in roots))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class _Walker:
    """Walks like Pelican (following links to folders) without ever looping."""

    def __init__(self, content: Path, real_content: Path, ignores: list[str], languages):
        self.content = content
        self.real_content = real_content
        self.ignores = ignores
        self.languages = languages
        self.problems: list[Problem] = []
        self.static_files: list[str] = []
        self._reported: set[str] = set()
        self._walked: set[Path] = set()

    def rel(self, path: Path) -> str:
        """content/files/x, as messages name files: where the entry really is,
        not the way through links by which the walk reached it."""
        where = path.parent.resolve() / path.name
        try:
            return str(Path(self.content.name) / where.relative_to(self.real_content))
        except ValueError:
            return str(path)

    def report(self, path: Path, message: str, severity: str = "error") -> None:
        shown = self.rel(path)
        if shown not in self._reported:
            self._reported.add(shown)
            self.problems.append(Problem(shown, None, FIELD, message, severity))

    def in_language_folder(self, path: Path) -> bool:
        try:
            top = path.relative_to(self.content).parts[0]
        except (ValueError, IndexError):
            return False
        return top in self.languages

    def ignored(self, name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in self.ignores)

    def walk_root(self, root: Path) -> None:
        if not os.path.lexists(root):
            return
        # The folders above the root are on the way to it: a link to one loops.
        chain = {self.real_content}
        for parent in root.parents:
            if not _inside(parent, self.content):
                break
            chain.add(parent.resolve())
        self.visit(root, chain)

    def visit(self, path: Path, chain: set[Path]) -> None:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return
        if stat.S_ISLNK(mode):
            self.visit_link(path, chain)
        elif stat.S_ISDIR(mode):
            self.visit_folder(path, path.resolve(), chain)
        elif stat.S_ISREG(mode):
            self.visit_file(path, path)
        else:
            self.report(path, "neither a file nor a folder (a pipe or a device); delete it")

    def visit_link(self, path: Path, chain: set[Path]) -> None:
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            self.report(
                path,
                f"a symbolic link to {os.readlink(path)}, which does not exist; delete the "
                "link, or put the file itself here",
            )
            return
        except (OSError, RuntimeError):  # ELOOP; RuntimeError on Python 3.11
            self.report(path, _LOOP)
            return
        if not _inside(target, self.real_content):
            self.report(
                path,
                f"a symbolic link to {target}, outside the content folder: the build would "
                "publish whatever it points to; delete the link, and copy into content/ "
                "only the file you mean to publish",
            )
            return
        if target.is_dir():
            if target in chain:
                self.report(path, _LOOP)
            elif self.in_language_folder(path):
                self.report(
                    path,
                    "a symbolic link to a folder: the build would read the files it points "
                    "to without checking them; delete the link and move or copy the files here",
                )
            else:
                self.visit_folder(path, target, chain)
        elif target.is_file():
            self.visit_file(path, target)
        else:
            self.report(
                path, "a link to neither a file nor a folder (a pipe or a device); delete it"
            )

    def visit_folder(self, path: Path, real: Path, chain: set[Path]) -> None:
        if self.in_language_folder(path) and _extension(path.name) in READER_EXTENSIONS:
            self.report(
                path,
                f"a folder named like a content file ({path.name}); rename the folder, "
                f"e.g. to {path.name.rsplit('.', 1)[0]}, so the build does not try to read it",
            )
            return
        if real in self._walked and real not in chain:
            return  # reached twice through links: one look is enough
        self._walked.add(real)
        try:
            names = sorted(os.listdir(path))
        except OSError as error:
            self.report(path, f"cannot be read ({error.strerror}); fix its permissions")
            return
        inner = chain | {real}
        for name in names:
            if not self.ignored(name):
                self.visit(path / name, inner)

    def visit_file(self, path: Path, real: Path) -> None:
        extension = _extension(path.name)
        # a page or script (.js, an SVG with a script…), wherever a {static} link
        # could publish it from; .md, .html… in a language folder are below
        language = self.in_language_folder(path)
        read = language and extension.lower() in READER_EXTENSIONS
        refused = [] if read else activefiles.problems(path.name, real)
        for line, message in refused:
            self.problems.append(Problem(self.rel(path), line, FIELD, message))
        if not language:
            if not refused:
                self.static_files.append(path.relative_to(self.content).as_posix())
            return
        stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
        if extension == CONTENT_EXTENSION:
            size = real.stat().st_size
            if size > REFUSED_MARKDOWN_BYTES:
                self.report(
                    path,
                    f"{size / 1_000_000:.1f} MB of Markdown, more than the "
                    f"{REFUSED_MARKDOWN_BYTES // 1_000_000} MB the build accepts "
                    "(docs/html-in-markdown.md): split it into several pages, or publish "
                    "the long material as a PDF in content/files/",
                )
            elif size > MAX_MARKDOWN_BYTES:
                self.report(
                    path,
                    f"{size / 1_000_000:.1f} MB of Markdown, more than the "
                    f"{MAX_MARKDOWN_BYTES // 1000} kB a text may take "
                    "(docs/html-in-markdown.md): it slows every build (about 4 s per MB); "
                    "split it into several pages, or publish the long material as a PDF "
                    "in content/files/",
                    "warning",
                )
        elif extension.lower() == CONTENT_EXTENSION:
            self.report(
                path,
                f"the extension must be lowercase, or the file is not read: rename it to {stem}.md",
            )
        elif extension.lower() in {"html", "htm"}:
            self.report(
                path,
                f"an HTML file: the site reads only Markdown files, so it would not be checked "
                f"or published; write the text in Markdown and save it as {stem}.md (the HTML "
                "a text may use is listed in docs/html-in-markdown.md)",
            )
        elif extension.lower() in READER_EXTENSIONS:
            self.report(
                path,
                f"a .{extension} file: the site reads only Markdown saved as .md, so it would "
                f"not be checked or published; save it as {stem}.md",
            )


_LOOP = (
    "a symbolic link that leads back to a folder it is in (a loop, perhaps through "
    "another link): the build would copy the folder into itself again and again; "
    "delete the link"
)


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[1] if "." in name.strip(".") else ""
