"""Build a generated corpus with the site's real configuration and print the figures.

    invoke bench [--articles 1000] [--runs 3] [--json FILE]

The corpus is the shared one (../shared/bench/gen_corpus.py, laid out as our
content/ by adapt_project.py: the articles vs-hugo.sh builds, plus the site's
own pages, editions, publications and data); without ../shared, the built-in
generator below. Every build is a fresh subprocess (`python3 -m
tools.sitebuild …`), so its wall time, CPU time (user + sys of it and its
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
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
NOW = "2025-06-01T12:00+03:00"
BUDGET_MB = 500  # the budget: peak at 5,000 articles per language
BUDGET_ARTICLES = 5000
PLUGIN_KINDS = ("report", "edition", "programme")
LIVE_MISSING = "not available (tools/livepreview.py missing)"

# --- corpus -----------------------------------------------------------------------

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
    return "built-in (tools/benchmark.py; ../shared/bench is absent)"


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


# --- one measured subprocess ----------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float  # the process tree's resident memory at its highest
    largest_mb: float  # the largest single process (wait4's ru_maxrss)
    figures: dict = field(default_factory=dict)  # the build's own --timings file


def _children(pid: int) -> list[int]:
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def tree_rss(pid: int) -> int:
    """Bytes of memory pid and all its descendants hold right now.

    Proportional set size (Pss, /proc/PID/smaps_rollup): a page two processes
    share counts half in each, so the forked language processes, which share
    what the parent read, are not counted twice. Where the kernel has no
    smaps_rollup, resident size (an upper bound)."""
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            total += _pss(current)
        except OSError:
            try:
                with open(f"/proc/{current}/statm") as handle:
                    total += int(handle.read().split()[1]) * page
            except (OSError, IndexError, ValueError):
                continue
        todo += _children(current)
    return total


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    raise OSError("no Pss line")


class TreeSampler(threading.Thread):
    """Samples a process tree's resident memory until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(self.interval)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak / 2**20


def measure(cmd: list[str], figures_file: Path | None = None) -> Run:
    """Run cmd in a fresh process; its wall and CPU time and peak memory."""
    if figures_file is not None:
        figures_file.unlink(missing_ok=True)
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child and its reaped children
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = sampler.stop()
        if proc.returncode:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise RuntimeError(f"failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    largest = usage.ru_maxrss / 1024
    figures = json.loads(figures_file.read_text()) if figures_file else {}
    return Run(wall, usage.ru_utime + usage.ru_stime, max(peak, largest), largest, figures)


def site_build(content: Path, cache: Path, output: Path, figures: Path, probe=None) -> list:
    build = [
        "--set",
        f"PATH={json.dumps(str(content))}",
        "--set",
        f"CACHE_PATH={json.dumps(str(cache))}",
        "--output",
        str(output),
        "--now",
        NOW,
        "--timings",
        str(figures),
    ]
    if probe is not None:  # the plugin's timers (see probe())
        return [sys.executable, "-m", "tools.benchmark", "--probe", str(probe), "sitebuild", *build]
    return [sys.executable, "-m", "tools.sitebuild", *build]


# --- the probe: runs inside a build process -------------------------------------------


def probe(out: Path, tool: str, argv: list[str]) -> int:
    """Run a build in this process, counting Markdown conversions (any reader)
    and, for our build, timing the plugin's work on publications and editions."""
    import markdown.core

    counts = {"markdown conversions": 0}
    convert = markdown.core.Markdown.convert

    def counting(self, source):
        counts["markdown conversions"] += 1
        return convert(self, source)

    markdown.core.Markdown.convert = counting
    spent: dict[str, float] = {}
    if tool == "sitebuild":
        _install_plugin_timers(spent)
        from tools import sitebuild

        code = sitebuild.main(argv)
    else:
        import pelican

        try:
            pelican.main(argv)
            code = 0
        except SystemExit as stop:
            code = stop.code or 0
    counts["plugin seconds"] = sum(spent.values())
    counts["plugin parts"] = spent
    out.write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    return code


def _timer(spent: dict, depth: list):
    """A decorator factory: adds a call's CPU time to spent[label], outermost calls only."""

    def timed(label, function, mine=lambda *args, **kwargs: True):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if depth[0] or not mine(*args, **kwargs):
                return function(*args, **kwargs)
            depth[0] += 1
            tick = time.process_time()  # CPU, not wall: a busy machine adds little noise
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                spent[label] = spent.get(label, 0.0) + time.process_time() - tick

        return wrapper

    return timed


def _install_plugin_timers(spent: dict) -> None:
    """Wrap the validation of reports, editions and programmes, their kinds'
    hooks and their generators; nested calls are counted once."""
    sys.path.insert(0, str(ROOT / "plugins"))
    import smex_site
    from smex_site import validation
    from smex_site.convening import ConveningGenerator, ProgrammeGenerator
    from smex_site.publications import PublicationsGenerator

    timed = _timer(spent, [0])

    def plugin_kind(ctx, doc, rel, lang, folder, kind):
        return kind.name in PLUGIN_KINDS

    validation._read = timed("validation: read and check", validation._read, plugin_kind)
    hooks = ("site_check", "read_data", "data_pages", "listings", "page_path")
    for kind in (kind for kind in smex_site.KINDS if kind.name in PLUGIN_KINDS):
        for hook in (hook for hook in hooks if getattr(kind, hook) is not None):
            object.__setattr__(kind, hook, timed(f"{kind.name}.{hook}", getattr(kind, hook)))
    for generator in (ConveningGenerator, ProgrammeGenerator, PublicationsGenerator):
        for method in ("generate_context", "generate_output"):
            label = f"{generator.__name__}.{method}"
            setattr(generator, method, timed(label, getattr(generator, method)))


# --- the rows -------------------------------------------------------------------------

BARE_SETTINGS = """\
# Stock Pelican, one language, no plugins, the default theme (invoke bench).
AUTHOR = "bench"
SITENAME = "bare"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"
PATH = {path!r}
ARTICLE_PATHS = ["ar/articles", "ar/news"]
PAGE_PATHS = []
STATIC_PATHS = []
PLUGINS = []
"""


def bare_cmd(work: Path, content: Path, figures: Path) -> list[str]:
    settings = work / "bare-pelicanconf.py"
    settings.write_text(BARE_SETTINGS.format(path=str(content)), encoding="utf-8")
    out = work / "bare-out"
    shutil.rmtree(out, ignore_errors=True)
    return [
        sys.executable,
        "-m",
        "tools.benchmark",
        "--probe",
        str(figures),
        "pelican",
        "-s",
        str(settings),
        "-o",
        str(out),
        "-q",
    ]


def edit_article(content: Path, token: str, renamed: bool = False) -> tuple[Path, str]:
    """Append a paragraph with token to the first Arabic article; (file, its URL path).

    renamed: save as `sed -i` and editors' "safe write" do, into a temporary
    file renamed over the article.
    """
    path = sorted((content / "ar").glob("*/post-*.md"))[0]
    if renamed:
        temporary = path.with_name(f".{path.name}.{token}.tmp")
        text = path.read_text(encoding="utf-8") + f"\n\nتعديل {token}\n"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\nتعديل {token}\n")
    return path, f"/{path.parent.name}/{path.stem}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def live_preview(content: Path, work: Path, runs: int, timeout: float = 900) -> dict:
    """Edit to served: seconds until the preview server shows an edited article."""
    if not (ROOT / "tools" / "livepreview.py").is_file():
        return {"status": LIVE_MISSING}
    site = work / "preview-content"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(content, site)
    port = free_port()
    cmd = [sys.executable, "-m", "tools.livepreview", "--content", str(site)]
    cmd += ["--output", str(work / "preview-out"), "--port", str(port), "--now", NOW]
    cmd += ["--set", f"CACHE_PATH={json.dumps(str(work / 'preview-cache'))}"]
    log = (work / "livepreview.log").open("wb")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    sampler = TreeSampler(proc.pid, interval=0.05)
    sampler.start()
    latencies: dict[str, list[float]] = {"in place": [], "renamed": []}
    try:
        _, url = edit_article(site, "bench-start")
        page = f"http://127.0.0.1:{port}{url}"
        if not _poll(proc, page, "bench-start", timeout):
            return {"status": f"not available (no page at {page} after {timeout:.0f} s)"}
        for number in range(runs):
            for kind, times in latencies.items():  # both ways an editor saves
                token = f"bench-edit-{number}-{time.time_ns()}"
                edit_article(site, token, renamed=kind == "renamed")
                tick = time.perf_counter()
                if not _poll(proc, page, token, timeout):
                    return {
                        "status": f"failed ({kind} save {number} not served in {timeout:.0f} s)"
                    }
                times.append(time.perf_counter() - tick)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)  # the preview and the builds it started, ours only
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        peak = sampler.stop()
        log.close()
    return {
        "status": "ok",
        "latencies": latencies["in place"],
        "renamed latencies": latencies["renamed"],
        "peak_mb": peak,
    }


def _poll(proc, url: str, token: str, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and proc.poll() is None:
        body = _fetch(url)
        if body is not None and token in body:
            return True
        time.sleep(0.05)
    return False


LINEARITY_FACTORS = (1, 2, 4, 8, 16)  # times the shipped editions and publications


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
            probe_file = work / f"plugin-x{factor}.json"
            out, cache = work / f"plugin-out-x{factor}", work / f"plugin-cache-x{factor}-{index}"
            measure(site_build(content, cache, out, work / "plugin-timings.json", probe_file))
            figures = json.loads(probe_file.read_text())
            seconds[factor].append(figures["plugin seconds"])
            parts[factor] = figures["plugin parts"]
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


# --- the run --------------------------------------------------------------------------


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
        search_figures = _search_figures(out, runs)
        html = sum(1 for p in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        preview = live_preview(content, work, runs) if live else {"status": "not run (--no-live)"}
        linearity = plugin_linearity(work, plugin_runs or max(runs, 3))
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
        "plugin linearity": linearity,
        "load": {"before": load_before, "after": os.getloadavg(), "nproc": os.cpu_count()},
        "machine": f"Python {platform.python_version()}, {platform.machine()}",
    }


# --- the report -----------------------------------------------------------------------


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
    label = "bare Pelican, Arabic only, cold (stock settings, no plugins, `simple` theme)"
    lines.append(row(label, bare["wall"], bare["cpu"], bare["peak_mb"], f"{conv['bare']:.2f}"))
    return lines


# Words of the site's own editions, which every corpus carries; the Arabic one
# starts with ال, so search.js also searches its ٱل form (the slower path).
SEARCH_QUERIES = {"ar": ("/search/", "الملتقى"), "en": ("/en/search/", "Beirut")}


def _search_figures(site: Path, runs: int) -> dict:
    from tools import searchbench

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


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--probe"]:
        return probe(Path(argv[1]), argv[2], argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per language")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (medians)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--no-live", action="store_true", help="skip the live preview row")
    parser.add_argument(
        "--plugin-runs", type=int, help="runs per size of the linearity check (default: runs, ≥ 3)"
    )
    args = parser.parse_args(argv)
    result = run(args.articles, args.runs, live=not args.no_live, plugin_runs=args.plugin_runs)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
