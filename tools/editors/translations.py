"""`invoke translations`: where every translated item stands, from the states
the build resolves once (smex_site/translations.py, catalog.translations).

    invoke translations                       the table, per folder
    invoke translations --strict              exit 1 on outdated or missing
    invoke translations --accept SLUG         record the original as it is now
    invoke translations --changed-from REF --markdown
                                              the items a change touches, as a
                                              Markdown table (CI's job summary)

Nothing here reads git history except --changed-from, which asks git only
which files differ from REF and what the originals said there (for how many
words changed); a shallow clone that has REF's commit is enough.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

from tools.editors.content import EditorError, collect, languages_of

TODO = ("missing", "draft", "outdated", "unrecorded", "orphan")  # "need work"
STRICT = ("missing", "draft", "outdated", "orphan")  # --strict fails on these


def _drift():
    from smex_site import translations

    return translations


def version_state(version, now) -> str:
    """A version's state as the table shows it: a draft or scheduled
    translation is not there yet for readers."""
    from smex_site import publishing

    entry = version.entry
    if entry is not None and version.state != "original":
        seen = entry.visibility(now)
        if seen in (publishing.DRAFT, publishing.SCHEDULED):
            return seen
    return version.state


def what_changed(version, words: int | None = None) -> str:
    """'text, title (about 480 words)'; words from the change itself when known."""
    if not version.changed:
        return ""
    parts = ", ".join(_drift().PART_WORDS[part] for part in version.changed)
    count = version.words if words is None else words
    return f"{parts} (about {count} word{'' if count == 1 else 's'})"


def rows(catalog) -> list[tuple[str, str, dict]]:
    """(folder, slug, {lang: (state, what changed)}) for every item."""
    found = []
    for group in catalog.translations.values():
        if group.original is None:
            first = next(iter(group.versions.values()))
            folder, slug = first.entry.folder, first.entry.slug
        else:
            folder, slug = group.original.folder, group.original.slug
        cells = {
            lang: (version_state(version, catalog.ctx.now), what_changed(version))
            for lang, version in group.versions.items()
        }
        found.append((folder, slug, cells))
    return sorted(found)


def table(settings: dict, strict: bool = False, out=sys.stdout) -> int:
    """Print every item's states, per folder; 1 with strict when anything is
    outdated or missing, else 0."""
    catalog = collect(settings)
    found = rows(catalog)
    languages = languages_of(settings)
    print("Translations (outdated: the original changed after the translation was made)", file=out)
    width = max([len(slug) for _, slug, _ in found] + [4]) + 2
    counts = dict.fromkeys(TODO, 0)
    for folder in sorted({row[0] for row in found}):
        group = [row for row in found if row[0] == folder]
        pending = [row for row in group if any(s in TODO for s, _ in row[2].values())]
        single = [slug for _, slug, cells in group if "not planned" in dict(cells.values())]
        by_design = (
            f" ({len(single)} in one language by design: {', '.join(single)})" if single else ""
        )
        if not pending:
            print(f"\n{folder}: all {len(group)} translated and current{by_design}", file=out)
        else:
            print(f"\n{folder}: {len(pending)} of {len(group)} need work", file=out)
        heading = "slug".ljust(width) + "".join(code.ljust(12) for code in languages)
        print("  " + heading.rstrip(), file=out)
        for _, slug, cells in group:  # every item, the current ones too
            shown = [cells.get(lang, ("", "")) for lang in languages]
            line = "".join(state.ljust(12) for state, _ in shown).rstrip()
            notes = "; ".join(
                f"{lang}: {what}" for lang, (_, what) in zip(languages, shown, strict=True) if what
            )
            print("  " + slug.ljust(width) + line + (f"  {notes}" if notes else ""), file=out)
            for state, _ in shown:
                if state in counts:
                    counts[state] += 1
    print(
        f"\n{counts['missing'] + counts['draft']} missing (or still a draft), "
        f"{counts['outdated']} outdated, {counts['unrecorded']} unrecorded, "
        f"{counts['orphan']} without their original.",
        file=out,
    )
    if counts["outdated"] or counts["unrecorded"]:
        print("After bringing one up to date: invoke translations --accept SLUG", file=out)
    return 1 if strict and any(counts[state] for state in STRICT) else 0


# --- --accept ---------------------------------------------------------------------------


def accept(settings: dict, slug: str, out=sys.stdout) -> int:
    """Record the original as it is now in each translation of SLUG."""
    catalog = collect(settings)
    groups = [g for key, g in catalog.translations.items() if key[1] == slug]
    if not groups:
        raise EditorError(f"no content has the slug {slug!r}; check the Slug: line")
    written = 0
    for group in groups:
        if group.original is None:
            raise EditorError(
                f"{slug!r}: no version is the original (each records one that is gone); "
                "delete the 'Translation-Of:' line of the one that is the original now"
            )
        for version in group.versions.values():
            if version.entry is None or version.state in ("original", "not planned", "missing"):
                continue
            write_record(version.entry, group.record)
            written += 1
            print(f"{version.entry.rel}: Translation-Of: {group.record}", file=out)
    if not written:
        raise EditorError(f"{slug!r} has no translation to record")
    return 0


def write_record(entry, record) -> None:
    """Put 'Translation-Of: …' in the file: its own line replaced, else after
    the last line of the metadata (no other line moves)."""
    path = Path(entry.path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    line = f"Translation-Of: {record}{ending}"
    own = entry.doc.line(_drift().KEY)
    if own is not None:
        lines[own - 1] = line
    else:
        last = max(f.line for f in entry.doc.fields.values())
        while last < len(lines) and lines[last].startswith((" ", "\t")) and lines[last].strip():
            last += 1  # a value continued on indented lines
        lines.insert(last, line)
    path.write_text("".join(lines), encoding="utf-8", newline="")


# --- --changed-from: what a change does to translations -----------------------------------


def git_changed(ref: str, root: Path) -> list[str]:
    """Files that differ between REF and the working tree, relative to root."""
    done = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", ref, "--", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise EditorError(
            f"git cannot compare with {ref!r}: {done.stderr.strip()}; fetch that commit "
            "first (in CI: git fetch --depth=1 origin <base commit>)"
        )
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return [str((Path(top) / name).resolve()) for name in done.stdout.splitlines() if name]


def git_old_text(ref: str, path: Path) -> str | None:
    done = subprocess.run(
        ["git", "show", f"{ref}:./{path.name}"],
        cwd=path.parent,
        capture_output=True,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def changed_words(old: str, new: str) -> int:
    """How many words a change touched: those removed or added, whichever is more."""
    drift = _drift()
    before, after = drift.normalise(old).split(), drift.normalise(new).split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    removed = added = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed, added = removed + i2 - i1, added + j2 - j1
    return max(removed, added)


def changed_rows(catalog, changed: list[str], ref: str | None = None) -> list[tuple]:
    """(item, language, state, what changed) for every version of every item a
    changed file belongs to, originals left out."""
    changed = {str(Path(p).resolve()) for p in changed}
    found = []
    for group in catalog.translations.values():
        entries = [v.entry for v in group.versions.values() if v.entry is not None]
        if not any(str(Path(e.path).resolve()) in changed for e in entries):
            continue
        words = None
        original = group.original
        if ref and original is not None and str(Path(original.path).resolve()) in changed:
            old = git_old_text(ref, Path(original.path))
            new = Path(original.path).read_text(encoding="utf-8")
            words = changed_words(old or "", new)
        for lang, version in group.versions.items():
            if version.state == "original":
                continue
            item = f"{group.key[0]} `{group.key[1]}`"
            state = version_state(version, catalog.ctx.now)
            found.append((item, lang, state, what_changed(version, words)))
    return sorted(found)


def cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(found: list[tuple]) -> str:
    lines = ["## Translations of the changed items", ""]
    if not found:
        return "\n".join([*lines, "No translated item is changed.", ""])
    lines += ["| item | language | state | what changed |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(cell(str(value)) for value in row) + " |" for row in found]
    return "\n".join([*lines, ""])


def changed(settings, ref=None, files=None, as_markdown=False, strict=False, out=sys.stdout):
    catalog = collect(settings)
    paths = git_changed(ref, catalog.ctx.content) if ref else []
    if files:
        paths += [str(p) for p in _read_list(files, catalog.ctx.content)]
    found = changed_rows(catalog, paths, ref)
    if as_markdown:
        print(markdown(found), file=out, end="")
    else:
        for row in found:
            print("  ".join(row).rstrip(), file=out)
    bad = [row for row in found if row[2] in STRICT]
    return 1 if strict and bad else 0


def _read_list(file: str, content: Path) -> list[Path]:
    """A list of changed files (git diff --name-only): relative to the repository
    that holds the content folder, or absolute."""
    base = content.parent
    names = Path(file).read_text(encoding="utf-8").splitlines()
    return [(base / name).resolve() for name in names if name.strip()]
