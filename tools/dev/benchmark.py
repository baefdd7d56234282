"""Build a generated corpus with the site's real configuration and print the figures.

    invoke bench [--articles 1000] [--runs 3] [--json FILE]

The corpus is the shared one (../shared/bench/gen_corpus.py, laid out as our
content/ by adapt_project.py: the articles vs-hugo.sh builds, plus the site's
own pages, editions, publications and data); without ../shared, the built-in
generator below. Every build is a fresh subprocess (`python3 -m
tools.build.sitebuild …`), so its wall time, CPU time (user + sys of it and its
children, from wait4) and peak memory (the resident memory of its whole
process tree, sampled from /proc, and never below the largest single process
wait4 reports) are its own. Each figure is the median of the runs.

Rows: cold (empty cache and output), warm (the same again), one edit (one
article's text changed), the live preview's latency (edit to new text served,
over HTTP), Pagefind, and a bare single-language Pelican (stock settings, no
plugins, the `simple` theme) over the same Arabic articles in the same run:
every figure also comes as a ratio to it. The plugin's own work on
publications and editions is timed inside a build (validation of those kinds
and their generators) with the shipped files and with twice as many; the
ratio should be about 2.

    corpus.py       the corpus: shared generator, else built in; copies of kinds
    measure.py      one measured build subprocess (wall, CPU, tree memory)
    probe.py        the bare Pelican process, its Markdown conversions counted
    livebench.py    the live preview's latency
    linearity.py    the plugin's CPU time against the number of editions and reports
    benchreport.py  the table and its notes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from tools.dev import benchreport
from tools.dev.corpus import write_corpus
from tools.dev.linearity import plugin_linearity
from tools.dev.livebench import edit_article, live_preview
from tools.dev.measure import NOW, Run, bare_cmd, measure, site_build
from tools.offline import bench as offline_bench


def _median_run(runs: list[Run]) -> dict:
    return {
        "wall": statistics.median(r.wall for r in runs),
        "cpu": statistics.median(r.cpu for r in runs),
        "peak_mb": statistics.median(r.peak_mb for r in runs),
        "largest_process_mb": statistics.median(r.largest_mb for r in runs),
        "runs": [asdict(r) for r in runs],
    }


def _per_file(run: Run) -> float:
    figures = run.figures
    return figures["markdown conversions"] / max(1, figures["source files"])


def run(articles: int = 1000, runs: int = 3, live: bool = True, plugin_runs=None) -> dict:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        work = Path(tmp)
        content = work / "content"
        corpus = write_corpus(content, articles, work)
        rows = {"cold": [], "warm": [], "one edit": [], "bare": []}
        figures = work / "timings.json"
        edit_ok = True
        for index in range(runs):
            out, cache = work / "out", work / f"cache-{index}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = site_build(content, cache, out, figures)
            rows["cold"].append(measure(cmd, figures))
            rows["warm"].append(measure(cmd, figures))
            token = f"bench-one-edit-{index}"
            _, url = edit_article(content, token)
            rows["one edit"].append(measure(cmd, figures))
            edit_ok &= token in (out / url.strip("/") / "index.html").read_text(encoding="utf-8")
            bare_figures = work / "bare.json"
            rows["bare"].append(measure(bare_cmd(work, content, bare_figures), bare_figures))
            shutil.rmtree(cache, ignore_errors=True)
        search_figures = benchreport.search_figures(out, runs)
        html = sum(1 for p in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        preview = live_preview(content, work, runs) if live else {"status": "not run (--no-live)"}
        linearity = plugin_linearity(work, plugin_runs or max(runs, 3))
        offline = offline_bench.measure(content, work, NOW)
        bare_files = len(
            list(content.glob("ar/articles/*.md")) + list(content.glob("ar/news/*.md"))
        )
    for bare in rows["bare"]:
        bare.figures["source files"] = bare_files
    return {
        "corpus": corpus,
        "articles per language": articles,
        "runs": runs,
        "source files": rows["cold"][0].figures["source files"],
        "html pages": html,
        "output MB": size / 1e6,
        "one edit reached the output": edit_ok,
        "rows": {name: _median_run(measured) for name, measured in rows.items()},
        "search index": {
            "wall": statistics.median(r.figures["timings"]["search index"] for r in rows["cold"]),
            "cpu": statistics.median(r.figures["pagefind cpu seconds"] for r in rows["cold"]),
            "peak_mb": statistics.median(r.figures["pagefind peak MB"] for r in rows["cold"]),
        },
        "search": search_figures,
        "steps (cold, median seconds)": {
            step: statistics.median(r.figures["timings"].get(step, 0.0) for r in rows["cold"])
            for step in rows["cold"][0].figures["timings"]
        },
        "markdown conversions per source file": {
            name: statistics.median(_per_file(r) for r in measured)
            for name, measured in rows.items()
        },
        "live preview": preview,
        "offline": offline,
        "plugin linearity": linearity,
        "load": {"before": load_before, "after": os.getloadavg(), "nproc": os.cpu_count()},
        "machine": f"Python {platform.python_version()}, {platform.machine()}",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per language")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (medians)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--no-live", action="store_true", help="skip the live preview row")
    parser.add_argument(
        "--plugin-runs", type=int, help="runs per size of the linearity check (default: runs, ≥ 3)"
    )
    args = parser.parse_args(argv)
    return bench(args.articles, args.runs, args.json, not args.no_live, args.plugin_runs)


def bench(articles=1000, runs=3, json_file=None, live=True, plugin_runs=None) -> int:
    """Measure, print the table, and write every figure to json_file if given:
    `invoke bench` and main() call this."""
    result = run(int(articles), int(runs), live=live, plugin_runs=plugin_runs and int(plugin_runs))
    print(benchreport.table(result))
    if json_file:
        Path(json_file).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
