"""The plugin's linearity: its CPU time with 1, 2, 4, 8 and 16 times the shipped
editions and publications, and the straight line through them.

The figures are the build's own, from its --timings file ("plugin seconds":
the build state's timer, smex_site/timer.py): what reading and checking
reports, editions and programmes, their kinds' hooks and their generators
took. Nothing here reaches into the plugin.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from tools.dev.corpus import _copy_site_content, multiply_kinds
from tools.dev.measure import measure, site_build

LINEARITY_FACTORS = (1, 2, 4, 8, 16)  # times the shipped editions and publications
PLUGIN_KINDS = ("report", "edition", "programme")
PLUGIN_GENERATORS = ("ConveningGenerator.", "ProgrammeGenerator.", "PublicationsGenerator.")


def plugin_parts(spent: dict[str, float]) -> dict[str, float]:
    """The timer's labels that are the plugin kinds' work: "report: read and
    check", "edition.site_check", "PublicationsGenerator.generate_output"…"""
    return {
        label: seconds
        for label, seconds in spent.items()
        if label.split(":")[0].split(".")[0] in PLUGIN_KINDS or label.startswith(PLUGIN_GENERATORS)
    }


def plugin_linearity(work: Path, runs: int) -> dict:
    """The plugin's CPU time with the shipped editions and publications, and with
    2, 4, 8 and 16 times as many. A straight line through them (fixed part +
    cost per copy of the shipped set) tells a fixed cost from growth. The sizes
    take turns, so a change in the machine's load falls on all of them."""
    trees = {}
    for factor in LINEARITY_FACTORS:
        trees[factor] = content = work / f"plugin-x{factor}"
        _copy_site_content(content)  # as adapt_project.py: no posts announce a report
        multiply_kinds(content, factor)
    seconds = {factor: [] for factor in LINEARITY_FACTORS}
    parts = {}
    for index in range(runs):
        for factor, content in trees.items():
            out, cache = work / f"plugin-out-x{factor}", work / f"plugin-cache-x{factor}-{index}"
            timings = work / f"plugin-x{factor}.json"
            run = measure(site_build(content, cache, out, timings), timings)
            parts[factor] = plugin_parts(run.figures["plugin seconds"])
            seconds[factor].append(sum(parts[factor].values()))
            shutil.rmtree(cache, ignore_errors=True)
    sizes = [
        {
            "factor": factor,
            "editions": len(list(content.glob("*/editions/*.md"))),
            "publications": len(list(content.glob("*/publications/*.md"))),
            "seconds": statistics.median(seconds[factor]),
            "runs": seconds[factor],
            "parts (last run)": parts[factor],
        }
        for factor, content in trees.items()
    ]
    for content in trees.values():
        shutil.rmtree(content)
    return _fit({"sizes": sizes})


def _fit(result: dict) -> dict:
    """Least squares: seconds = fixed + per_copy * factor; and what doubling does."""
    points = [(size["factor"], size["seconds"]) for size in result["sizes"]]
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    fixed = mean_y - slope * mean_x
    by_factor = dict(points)
    result["fixed seconds"] = fixed
    result["seconds per copy"] = slope
    result["worst deviation from the line"] = max(
        abs(y - (fixed + slope * x)) / y for x, y in points
    )
    result["raw ratio"] = by_factor[2] / by_factor[1]
    result["raw ratio x16/x8"] = by_factor[16] / by_factor[8]
    # doubling the editions and publications doubles the work they cause
    result["ratio"] = (by_factor[2] - fixed) / (by_factor[1] - fixed)
    result["ratio x16/x8"] = (by_factor[16] - fixed) / (by_factor[8] - fixed)
    return result
