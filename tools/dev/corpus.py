"""The benchmark's corpus: the shared generator's, else a built-in one, and
copies of the editions and publications for the linearity check."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "bench"


WORDS = {
    "ar": ["الحقوق", "الرقمية", "حرية", "التعبير", "الخصوصية", "المراقبة", "الإنترنت",
           "المجتمع", "المدني", "الناشطين/ات", "الصحافيين/ات", "الأمان", "الرقمي", "المنصات",
           "القوانين", "المناصرة", "المنطقة"],
    "en": ["digital", "rights", "freedom", "expression", "privacy", "surveillance", "internet",
           "civil", "society", "activists", "journalists", "security", "platforms", "laws",
           "advocacy", "region"],
}  # fmt: skip


def make_corpus(target: Path, articles: int, seed: int = 2018) -> None:
    """The built-in corpus (when ../shared is absent); deterministic for a seed."""
    import tomllib

    rng = random.Random(seed)
    _copy_site_content(target)
    topics = list(tomllib.loads((target / "data/topics.toml").read_text())["topics"])
    for number in range(articles):
        category = "news" if number % 3 == 0 else "articles"
        tags = ", ".join(rng.sample(topics, 2))
        day, month, year = 1 + number % 28, 1 + (number // 28) % 12, 2015 + number // 336
        for lang in ("ar", "en"):
            words = WORDS[lang]
            body = "\n\n".join(
                " ".join(rng.choice(words) for _ in range(80)) + "." for _ in range(5)
            )
            folder = target / lang / category
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"post-{number:05d}.md").write_text(
                f"Title: {words[number % len(words)]} {number}\n"
                f"Date: {year}-{month:02d}-{day:02d} 10:00\n"
                f"Lang: {lang}\nSlug: post-{number:05d}\nTags: {tags}\n"
                f"Summary: {' '.join(words[:8])}\n\n{body}\n",
                encoding="utf-8",
            )


def _copy_site_content(target: Path, with_posts: bool = False) -> None:
    """The site's own data, files, pages, editions and publications (as adapt_project.py)."""
    source = ROOT / "content"
    for child in source.iterdir():
        if child.is_dir() and child.name not in ("ar", "en"):
            shutil.copytree(child, target / child.name)
    folders = ["pages", "editions", "publications"] + (["news", "articles"] if with_posts else [])
    for lang in ("ar", "en"):
        for folder in folders:
            if (source / lang / folder).is_dir():
                shutil.copytree(source / lang / folder, target / lang / folder)


def write_corpus(target: Path, articles: int, work: Path) -> str:
    """Lay the corpus out at target; returns what it is, for the output."""
    if (SHARED / "gen_corpus.py").is_file() and (SHARED / "adapt_project.py").is_file():
        peer = work / "peer"
        for script, args in (
            ("gen_corpus.py", ["--n", str(articles), "--out", str(peer), "--tools", ""]),
            ("adapt_project.py", [str(peer / "corpus"), str(ROOT), str(target)]),
        ):
            subprocess.run(
                [sys.executable, str(SHARED / script), *args], check=True, capture_output=True
            )
        shutil.rmtree(peer)
        return f"shared ({_display(SHARED)}/gen_corpus.py + adapt_project.py, seed 1)"
    make_corpus(target, articles)
    return "built-in (tools/dev/benchmark.py; ../shared/bench is absent)"


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path, ROOT)
    except ValueError:
        return str(path)


def multiply_kinds(content: Path, factor: int) -> int:
    """Make factor times as many editions and publications: copies of each, all
    valid (an edition 8, 16… years earlier, then later, within 1900–2200; a
    publication with slug -bis2… and its own PDF copies). Returns how many
    files were added."""
    added = 0
    originals = sorted(content.glob("*/editions/*.md")) + sorted(
        content.glob("*/publications/*.md")
    )
    for copy in range(2, factor + 1):
        for path in originals:
            text = path.read_text(encoding="utf-8")
            if path.parent.name == "editions":
                year, new = path.stem, str(int(path.stem) + _year_offset(copy))
                text = text.replace(year, new).replace(_arabic_digits(year), _arabic_digits(new))
                text = re.sub(r"(?m)^(Ordinal|Links):.*\n(?:    .*\n)*", "", text)
                name = f"{new}.md"
            else:
                slug = path.stem
                new = f"{slug}-bis{copy}"
                text = re.sub(rf"(?m)^Slug: {re.escape(slug)}$", f"Slug: {new}", text)
                text = text.replace(f"files/publications/{slug}-", f"files/publications/{new}-")
                text = re.sub(r"(?m)^(Title: .*)$", rf"\1 ({copy})", text)
                text = re.sub(r"(?m)^(Document-ID: .*)$", rf"\1-B{copy}", text)  # unique
                name = f"{new}.md"
                for pdf in (content / "files" / "publications").glob(f"{slug}-*.pdf"):
                    suffix = pdf.name[len(slug) + 1 :]
                    if suffix in ("ar.pdf", "en.pdf"):
                        shutil.copyfile(pdf, pdf.with_name(f"{new}-{suffix}"))
            (path.parent / name).write_text(text, encoding="utf-8")
            added += 1
    return added


def _year_offset(copy: int) -> int:
    """The shipped editions span 8 years (2018–2025): copy n moves them by whole spans."""
    step = copy - 1
    return -8 * step if step <= 14 else 8 * (step - 14)


def _arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
