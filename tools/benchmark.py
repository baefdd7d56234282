"""Build a generated bilingual corpus and print how long each step takes.

    invoke benchmark [--articles 500] [--runs 3]

The corpus is written into a temporary folder: N translated article pairs of
about 400 words, spread over both categories and the site's topic keys, plus
the project's own pages and data files. Figures are medians over the runs.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tools import sitebuild

ROOT = Path(__file__).resolve().parent.parent
WORDS = {
    "ar": [
        "الحقوق",
        "الرقمية",
        "حرية",
        "التعبير",
        "الخصوصية",
        "المراقبة",
        "الإنترنت",
        "المجتمع",
        "المدني",
        "الناشطين/ات",
        "الصحافيين/ات",
        "الأمان",
        "الرقمي",
        "المنصات",
        "القوانين",
        "المناصرة",
        "المنطقة",
    ],
    "en": [
        "digital",
        "rights",
        "freedom",
        "expression",
        "privacy",
        "surveillance",
        "internet",
        "civil",
        "society",
        "activists",
        "journalists",
        "security",
        "platforms",
        "laws",
        "advocacy",
        "region",
    ],
}


def make_corpus(target: Path, articles: int, seed: int = 2018) -> None:
    """Write the corpus; deterministic for a given seed."""
    rng = random.Random(seed)
    for folder in ("data", "images", "files", "extra"):
        source = ROOT / "content" / folder
        if source.is_dir():
            shutil.copytree(source, target / folder)
    for lang in ("ar", "en"):
        shutil.copytree(ROOT / "content" / lang / "pages", target / lang / "pages")
    import tomllib

    topics = list(tomllib.loads((target / "data/topics.toml").read_text())["topics"])
    for number in range(articles):
        category = "news" if number % 3 == 0 else "articles"
        tags = ", ".join(rng.sample(topics, 2))
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        year = 2015 + number // 336
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


def run(articles: int = 500, runs: int = 3, search: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="site-benchmark-") as tmp:
        work = Path(tmp)
        make_corpus(work / "content", articles)
        totals, steps = [], {}
        for index in range(runs):
            started = time.perf_counter()
            report = sitebuild.build(
                ROOT / "pelicanconf.py",
                output=work / "output",
                now="2024-01-01T12:00+02:00",
                overrides={
                    "PATH": str(work / "content"),
                    "CACHE_PATH": str(work / f"cache-{index}"),
                },
                search=search,
            )
            totals.append(time.perf_counter() - started)
            for name, seconds in report.timings.items():
                steps.setdefault(name, []).append(seconds)
        files = [p for p in (work / "output").rglob("*") if p.is_file()]
        html = [p for p in files if p.suffix == ".html"]
        size = sum(p.stat().st_size for p in files)
        return {
            "articles per language": articles,
            "source files": articles * 2 + 4,
            "runs": runs,
            "total seconds (median)": statistics.median(totals),
            "total seconds (min)": min(totals),
            "steps (median seconds)": {k: statistics.median(v) for k, v in steps.items()},
            "html pages": len(html),
            "ms per source file": 1000 * statistics.median(totals) / (articles * 2 + 4),
            "output MB": size / 1e6,
        }


def print_report(figures: dict) -> None:
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for step, seconds in value.items():
                print(f"  {step:<16} {seconds:8.2f}")
        elif isinstance(value, float):
            print(f"{key:<24} {value:10.2f}")
        else:
            print(f"{key:<24} {value:>10}")
