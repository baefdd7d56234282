"""The table `invoke bench` prints, with its notes, from run()'s figures."""

from __future__ import annotations

import statistics
from pathlib import Path

from tools.offline import bench as offline_bench

BUDGET_MB = 500  # the budget: peak at 5,000 articles per language


BUDGET_ARTICLES = 5000


def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}×" if reference else "n/a"


ROW_NAMES = {
    "cold": "cold build (empty cache and output)",
    "warm": "warm build (nothing changed, cache kept)",
    "one edit": "one-edit rebuild (one article's text)",
}


def table(result: dict) -> str:
    """The Markdown the issue note gets: a header line, the table, the notes."""
    runs = result["runs"]
    header = (
        f"**invoke bench**: {result['articles per language']} articles per language, "
        f"median of {runs} run{'s' if runs != 1 else ''}; corpus: {result['corpus']}; "
        f"{result['source files']} source files, {result['html pages']} HTML pages, "
        f"{result['output MB']:.1f} MB out; {result['machine']}."
    )
    return "\n".join([header, "", *_table_rows(result), "", *_notes(result)])


def _table_rows(result: dict) -> list[str]:
    rows, bare = result["rows"], result["rows"]["bare"]
    conv = result["markdown conversions per source file"]

    def row(label, wall, cpu, peak, conversions="–"):
        ratios = " / ".join(
            _ratio(value, bare[key]) if value is not None else "–"
            for value, key in ((wall, "wall"), (cpu, "cpu"), (peak, "peak_mb"))
        )
        cpu_text = f"{cpu:.2f}" if cpu is not None else "–"
        return f"| {label} | {wall:.2f} | {cpu_text} | {peak:.0f} | {ratios} | {conversions} |"

    heads = "figure | wall s | CPU s | peak MB | vs bare Pelican (wall / CPU / peak)"
    lines = [
        f"| {heads} | Markdown conversions per file |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for key, label in ROW_NAMES.items():
        measured = rows[key]
        lines.append(
            row(label, measured["wall"], measured["cpu"], measured["peak_mb"], f"{conv[key]:.2f}")
        )
    preview = result["live preview"]
    if preview["status"] == "ok":
        latency = statistics.median(preview["latencies"])
        label = "live preview latency (edit to new text served; peak: the server's tree)"
        lines.append(row(label, latency, None, preview["peak_mb"]))
        latency = statistics.median(preview["renamed latencies"])
        label = "live preview latency, save through a temporary file renamed over it (sed -i)"
        lines.append(row(label, latency, None, preview["peak_mb"]))
    else:
        lines.append(f"| live preview latency | {preview['status']} | – | – | – | – |")
    search = result["search index"]
    label = (
        "Pagefind (inside the cold build; wall: the longest language's indexing; CPU and "
        "peak: all its processes, which run at once)"
    )
    lines.append(row(label, search["wall"], search["cpu"], search["peak_mb"]))
    offline = result["offline"]
    label = "invoke offline after a publish build (zip + ZIM per language, SHA256SUMS), cold"
    lines.append(f"| {label} | {offline['cold']:.2f} | – | – | – | – |")
    label = "bare Pelican, Arabic only, cold (stock settings, no plugins, `simple` theme)"
    lines.append(row(label, bare["wall"], bare["cpu"], bare["peak_mb"], f"{conv['bare']:.2f}"))
    return lines


# Words of the site's own editions, which every corpus carries; the Arabic one
# starts with ال, so search.js also searches its ٱل form (the slower path).
SEARCH_QUERIES = {"ar": ("/search/", "الملتقى"), "en": ("/en/search/", "Beirut")}


def search_figures(site: Path, runs: int) -> dict:
    from tools.dev import searchbench

    try:
        first = searchbench.first_result(site, SEARCH_QUERIES, runs)
    except Exception as error:  # noqa: BLE001 (a figure not taken is said, not fatal)
        first = {"error": f"{type(error).__name__}: {error}"}
    return {"index bytes": searchbench.index_bytes(site), "first result s": first}


def _search_line(search: dict) -> str:
    sizes = ", ".join(f"{lang} {size / 1e6:.2f} MB" for lang, size in search["index bytes"].items())
    first = search["first result s"]
    if "error" in first:
        speed = f"not measured ({first['error']})"
    else:
        speed = ", ".join(
            f"{lang} {seconds:.2f} s ({SEARCH_QUERIES[lang][1]})" for lang, seconds in first.items()
        )
    return (
        f"- Search index per language: {sizes}. Time to the first result in Chromium "
        f"(cold browser cache, production headers, median): {speed}."
    )


def _notes(result: dict) -> list[str]:
    steps = result["steps (cold, median seconds)"]
    reached = "yes" if result["one edit reached the output"] else "NO"
    return [
        _linearity_line(result["plugin linearity"]),
        offline_bench.note(result["offline"]),
        _search_line(result["search"]),
        _budget_line(result),
        "- Steps of the cold build (s): " + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()),
        f"- The one edit reached the output: {reached}.",
        _load_line(result["load"]),
        (
            "- Peak MB: the build's whole process tree (language processes and Pagefind "
            "included), proportional set size (a page shared by forked processes counts once) "
            "sampled every 20 ms, never below the largest single process's resident peak; "
            "CPU: user + sys of the build and its children (wait4)."
        ),
    ]


def _linearity_line(linear: dict) -> str:
    sizes = linear["sizes"]
    one = sizes[0]
    series = ", ".join(f"×{size['factor']} {size['seconds'] * 1000:.0f}" for size in sizes)
    return (
        f"- **Plugin linearity**: CPU time of validating reports, editions and programmes, "
        f"their kinds' hooks and their generators, inside a build (median of "
        f"{len(one['runs'])}), with the shipped {one['editions']} edition and "
        f"{one['publications']} publication files and with copies of them, in ms: {series}. "
        f"A line fits within {linear['worst deviation from the line']:.0%}: "
        f"{linear['fixed seconds'] * 1000:.0f} ms fixed, "
        f"{linear['seconds per copy'] * 1000:.1f} ms per copy of the shipped set. "
        f"The part that grows, doubled: **{linear['ratio']:.2f}×** (×1 → ×2), "
        f"{linear['ratio x16/x8']:.2f}× (×8 → ×16); with the fixed part, "
        f"{linear['raw ratio']:.2f}× and {linear['raw ratio x16/x8']:.2f}×."
    )


def _budget_line(result: dict) -> str:
    peak = max(result["rows"][k]["peak_mb"] for k in ("cold", "warm", "one edit"))
    verdict = "within" if peak <= BUDGET_MB else "OVER"
    scale = (
        "at the budget's size"
        if result["articles per language"] >= BUDGET_ARTICLES
        else f"the budget is set at {BUDGET_ARTICLES:,} articles per language: "
        f"`invoke bench --articles {BUDGET_ARTICLES} --runs 1` shows it"
    )
    return f"- **Memory**: peak {peak:.0f} MB, {verdict} the {BUDGET_MB} MB budget ({scale})."


def _load_line(load: dict) -> str:
    before = ", ".join(f"{x:.2f}" for x in load["before"])
    after = ", ".join(f"{x:.2f}" for x in load["after"])
    return f"- Load average (1, 5, 15 min): before {before}; after {after}; nproc {load['nproc']}."
