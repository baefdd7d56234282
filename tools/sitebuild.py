"""The one build entry point: validate, build into a fresh folder, swap.

`invoke build`, `invoke publish`, the benchmark and the tests all come here.
The site is written into a temporary sibling of the output folder, and the
output folder is replaced only once everything succeeded, so a failed or
interrupted build leaves the previous site exactly as it was.

    python -m tools.sitebuild [--settings publishconf.py] [--now ISO] [--output DIR]
                              [--timings FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import buildcache, outputguard, perlanguage, searchindex

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """The build stopped; the message says what to fix. output/ is untouched."""


@dataclass
class BuildReport:
    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    reused: bool = False  # the output already was this build's (buildcache.py)
    conversions: int = 0  # Markdown conversions, in every process of the build
    # Pagefind's processes: CPU seconds, and peak MB (summed: they run at once)
    pagefind: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The line `invoke build` and `python -m tools.sitebuild` end with."""
        if self.reused:
            return f"{self.output} is up to date: nothing changed since it was built"
        return f"Built {self.output} in {self.seconds:.1f} s"


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def load_settings(settings_file: str | Path, overrides: dict | None = None) -> dict:
    _ensure_plugin_path()
    from pelican.settings import read_settings

    return read_settings(str(Path(settings_file).resolve()), override=overrides or {})


def _ensure_plugin_path() -> None:
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


def _validation():
    _ensure_plugin_path()
    from smex_site import validation

    return validation


def check(settings: dict):
    """The content validation pass: the catalog, with its problems."""
    validation = _validation()  # puts plugins/ on the path first
    import smex_site

    return validation.collect(settings, smex_site.KINDS)


def pinned_now(now: str | None, zone: str | None = None) -> str:
    """One instant for the whole build: the preview's, else the clock's now."""
    _ensure_plugin_path()
    from smex_site.settings import SettingsError, parse_now
    from smex_site.state import clock

    if now is None:
        return clock().isoformat()
    try:
        return parse_now(now, zone).isoformat()
    except SettingsError as error:
        raise BuildFailed(str(error)) from None


def build(
    settings_file: str | Path = ROOT / "pelicanconf.py",
    output: str | Path | None = None,
    now: str | None = None,
    overrides: dict | None = None,
    search: bool = True,
    strict: bool = False,
    jobs: int | None = None,
    reuse: bool = True,
) -> BuildReport:
    """Build the whole bilingual site into `output` (default: OUTPUT_PATH).

    strict: Pelican warnings (an unresolved link, say) fail the build too.
    jobs: processes, one language each (tools/perlanguage.py); None: as many
    as there are cores and languages; 1: every language in this process.
    reuse: an output folder these inputs already made is left as it is
    (buildcache.py); False builds anyway (the live preview wants the run).
    """
    started = time.perf_counter()
    overrides = dict(overrides or {})
    given = now if now is not None else overrides.get("SITE_NOW")
    try:
        settings = load_settings(settings_file, {**overrides, "SITE_NOW": None})
    except ValueError as error:  # a settings file's own check, e.g. SITE_URL
        message = f"{error}\nNothing was built; the previous output was left as it was."
        raise BuildFailed(message) from None
    # one instant for the whole build, validation and every language alike
    overrides["SITE_NOW"] = settings["SITE_NOW"] = pinned_now(given, settings.get("TIMEZONE"))
    _check_settings(settings_file, settings)
    # never replace sources, the checkout or a file (outputguard.py)
    refused = outputguard.refusal(output or settings["OUTPUT_PATH"], settings, ROOT)
    if refused:
        raise BuildFailed(refused)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    timings: dict[str, float] = {}

    cache = Path(settings["CACHE_PATH"]).resolve()
    refused = _cache_refusal(cache)
    if refused:
        raise BuildFailed(refused)
    settings_files = sorted({Path(settings_file).resolve(), ROOT / "pelicanconf.py"})
    key = buildcache.inputs_key(
        settings, settings_files, target, {"search": search, "strict": strict}
    )
    reused = buildcache.reusable(cache, key, target) if reuse else None
    if reused is not None:
        seconds = time.perf_counter() - started
        return BuildReport(
            target, seconds, warnings=reused, timings={"reused": seconds}, reused=True
        )

    tick = time.perf_counter()
    catalog = _checked(settings)
    timings["validate"] = time.perf_counter() - tick
    errors = _validation().errors(catalog.problems, strict)
    warnings = [p for p in catalog.problems if p not in errors]
    if errors:
        raise BuildFailed(describe(errors, "content problem"))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned_builds(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as error:  # issue 10: a read-only or missing parent, not a traceback
        raise BuildFailed(_unwritable(target, error)) from None
    try:
        overrides = {**overrides, "SITE_CATALOG": catalog}
        collected = _render(settings_file, overrides, staging, search, jobs, timings)
        if strict:
            _refuse_warnings(collected, catalog)
        if settings.get("SITE_PRECOMPRESS"):  # publishconf.py: after everything that writes
            tick = time.perf_counter()
            precompress(staging)
            timings["precompress"] = time.perf_counter() - tick
        swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _record_published_ids(catalog)
    said = [str(w) for w in warnings] + collected
    buildcache.remember(cache, key, target, said)
    conversions = int(timings.pop("markdown conversions", 0))
    pagefind = {
        k: timings.pop(f"pagefind {k}") for k in ("cpu", "peak MB") if f"pagefind {k}" in timings
    }
    return BuildReport(
        output=target,
        seconds=time.perf_counter() - started,
        warnings=said,
        timings=timings,
        conversions=conversions,
        pagefind=pagefind,
    )


def _record_published_ids(catalog) -> None:
    """Reports' Document-IDs are registered once this build has published them
    (content/data/document-ids.toml): never to be reused or changed."""
    from smex_site.publications import ids

    ids.record(catalog, catalog.ctx.now)


def _render(settings_file, overrides, staging: Path, search: bool, jobs, timings) -> list[str]:
    """Pelican and the search index; then the search pages get the hash of the
    Pagefind module written (after the languages' bundles are merged)."""
    collected = _render_languages(settings_file, overrides, staging, search, jobs, timings)
    if search:
        searchindex.stamp_module(staging)
    return collected


def _render_languages(settings_file, overrides, staging, search, jobs, timings) -> list[str]:
    """Pelican and the search index, one process per language where it can."""
    languages = list(overrides["SITE_CATALOG"].ctx.languages)
    if perlanguage.jobs_for(languages, jobs) > 1:
        collected, parallel = perlanguage.build(
            settings_file, overrides, staging, languages, search
        )
        timings.update(parallel)
        return collected
    tick = time.perf_counter()
    collected = run_pelican(settings_file, overrides, staging)
    timings["pelican"] = time.perf_counter() - tick
    timings["markdown conversions"] = markdown_conversions()
    if search:
        tick = time.perf_counter()
        used = index_search(staging)
        timings["search index"] = time.perf_counter() - tick
        timings["pagefind cpu"], timings["pagefind peak MB"] = used["cpu"], used["peak MB"]
    return collected


def markdown_conversions() -> int:
    _ensure_plugin_path()
    from smex_site import markdown

    return markdown.conversions()


def _unwritable(target: Path, error: OSError) -> str:
    where = error.filename or target.parent
    return (
        f"cannot write beside the output folder {target}: {error.strerror} ({where}). "
        "A build writes the new site next to the output folder, then swaps the two; "
        "pass --output a folder whose parent folder you can write, e.g. --output "
        f"{ROOT / 'output'}. The previous output was left as it was."
    )


def _cache_refusal(cache: Path) -> str | None:
    """The cache folder cannot be used: a file is in its place, a link is in
    it, or the key that signs it is kept inside it (smex_site/cachekey.py)."""
    _ensure_plugin_path()
    from smex_site import cachekey

    blocking = next((p for p in (cache, *cache.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        return (
            f"the cache folder (CACHE_PATH) {cache} cannot be made: {blocking} is a file, "
            "not a folder. The build keeps converted Markdown and compiled files there. "
            "Move that file away or delete it; for the checkout's own cache/, "
            "`invoke clean` does (it empties output/ too; the next build makes both). "
            "The previous output was left as it was."
        )
    link = next(_links_under(cache), None)
    if link is not None:
        return (
            f"{link} in the cache folder (CACHE_PATH) is a symbolic link, and the build "
            "writes and empties folders there: through a link it would change files "
            "elsewhere. Nothing in the cache is ever a link the build made; run `invoke clean` "
            "(or delete the cache folder). The previous output was left as it was."
        )
    refused = cachekey.refusal(cache)
    if refused is None:
        try:
            cachekey.key()  # made or read now: a bad key file is said before anything is built
        except cachekey.CacheKeyError as error:
            refused = str(error)
    return f"{refused}\nThe previous output was left as it was." if refused else None


def _links_under(folder: Path):
    """Symbolic links inside `folder` (not followed)."""
    for parent, folders, files in os.walk(folder):
        for name in (*folders, *files):
            if os.path.islink(os.path.join(parent, name)):
                yield Path(parent, name)


ABANDONED_AFTER = 6 * 3600  # seconds; no real build runs that long


def _remove_abandoned_builds(target: Path) -> None:
    """Remove staging folders a killed build left beside the output.

    Only old ones: a younger folder may belong to a build running right now.
    """
    cutoff = time.time() - ABANDONED_AFTER
    for pattern in (f".{target.name}.building-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)


def describe(problems, noun: str) -> str:
    count = len(problems)
    lines = "\n".join(f"  {p}" for p in problems)
    plural = noun if count == 1 else noun + "s"
    return f"{count} {plural}; the previous output was left as it was:\n{lines}"


def run_pelican(settings_file, overrides: dict, staging: Path) -> list[str]:
    from pelican import Pelican

    settings = load_settings(
        settings_file,
        {
            **overrides,
            "OUTPUT_PATH": str(staging),
            "DELETE_OUTPUT_DIRECTORY": False,
        },
    )
    collector = _WarningCollector()
    # Pelican's and the plugin's, and the caches' (smex_site/cachekey.py)
    loggers = [logging.getLogger("pelican"), logging.getLogger("smex_site.cache")]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        Pelican(settings).run()
    except Exception as error:
        raise BuildFailed(_pelican_failure(error)) from error
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    return collector.messages


# Pelican's warnings that quote what they could not do: "Unable to find '{filename}/x.md'"
QUOTED = re.compile(r"'([^']+)'")


def _refuse_warnings(collected: list[str], catalog) -> None:
    """A strict (publish) build fails on Pelican's warnings: an unresolved link,
    say. Each is named by the content file and line that hold what it quotes.

    Not on a cache entry the build distrusted: it converted that text again,
    so the site is right, and failing would let whoever wrote the cache stop
    every deploy.
    """
    from smex_site.cachekey import NOTE

    refused = [w for w in collected if not w.startswith(NOTE)]
    if refused:
        named = [locate_warning(warning, catalog) for warning in refused]
        raise BuildFailed(describe(named, "Pelican warning"))


def locate_warning(warning: str, catalog) -> str:
    """`warning`, preceded by the files and lines that write what it quotes."""
    for quoted in sorted(QUOTED.findall(warning), key=len, reverse=True):
        places = catalog.locate(quoted)
        if places:
            return f"{', '.join(places)}: {warning}"
    return warning


def _check_settings(settings_file, settings: dict) -> None:
    _ensure_plugin_path()
    import smex_site
    from smex_site.settings import SettingsError, read

    try:
        read(settings, smex_site.KINDS)  # the kinds check their own (citation styles)
    except SettingsError as error:
        raise BuildFailed(f"{Path(settings_file).name}: {error}") from None


def _checked(settings: dict):
    _ensure_plugin_path()
    from smex_site.settings import SettingsError

    try:
        return check(settings)
    except SettingsError as error:
        raise BuildFailed(str(error)) from None


def _pelican_failure(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return describe(problems, "content problem")
    return f"{type(error).__name__}: {error}\nThe previous output was left as it was."


def index_search(site: Path) -> dict[str, float]:
    """Pagefind over `site`; what its process used: {"cpu": s, "peak MB": MB}."""
    import resource

    from tools import searchindex

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        searchindex.index(site)
    except searchindex.SearchIndexError as error:
        raise BuildFailed(str(error)) from None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # the largest child this process waited for: Pagefind, its only one
    return {"cpu": cpu, "peak MB": after.ru_maxrss / 1024}


# --- precompression (publish builds) -------------------------------------------

PRECOMPRESSED = {".html", ".css", ".js", ".svg", ".xml", ".json", ".ics", ".txt", ".bib", ".ris"}


def precompress(site: Path) -> int:
    """Write name.gz and name.br beside every text file; returns how many files.

    Servers send them as they are (nginx gzip_static, GitLab Pages), so a
    visitor on a slow line gets the smallest file with no work per request.
    Deterministic: gzip stores mtime 0 and no name, brotli stores neither, so
    two builds of the same tree stay byte-identical. `_headers` and the like
    are read by the host, never sent: left alone.
    """
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in PRECOMPRESSED or path.name.startswith("_") or not path.is_file():
            continue
        precompress_file(path)
        count += 1
    return count


def precompress_file(path: Path) -> None:
    """name.gz and name.br beside one file (also after `invoke offline` fills a page)."""
    import gzip

    import brotli  # pinned in requirements.txt (fonttools uses it for woff2)

    data = path.read_bytes()
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def swap(staging: Path, target: Path) -> None:
    """Replace target with staging, never leaving a half-written site.

    On Linux one atomic exchange of the two names (renameat2 RENAME_EXCHANGE):
    at every instant `target` is either the whole old site or the whole new
    one. Elsewhere, two renames (a moment without `target`, never a mix).
    """
    os.chmod(staging, 0o755)
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old site
    elif target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, retired / target.name)
        os.rename(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, target)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths' names; False where the system cannot."""
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


def parse_overrides(items: list[str]) -> dict:
    """--set KEY=JSON arguments as settings; a value that is not JSON is a string."""
    overrides = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--output", default=None)
    parser.add_argument("--now", default=None, help="preview instant, e.g. 2023-10-20T12:00+03:00")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--strict", action="store_true", help="Pelican warnings fail the build")
    parser.add_argument("--timings", metavar="FILE", help="write the step timings as JSON (bench)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes, one language each (1: one process)"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=JSON",
        help="override a setting, e.g. --set 'PATH=\"/tmp/content\"'",
    )
    args = parser.parse_args(argv)
    overrides = parse_overrides(args.set)
    from pelican.log import init as init_logging

    init_logging(level=logging.WARNING)
    try:
        report = build(
            args.settings,
            output=args.output,
            now=args.now,
            overrides=overrides,
            search=not args.no_search,
            strict=args.strict,
            jobs=args.jobs,
        )
    except BuildFailed as failure:
        print(f"Build failed. {failure}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    if args.timings:
        _write_timings(Path(args.timings), report, args.settings, overrides)
    return 0


def _write_timings(path: Path, report: BuildReport, settings_file, overrides: dict) -> None:
    """What `invoke bench` reads of a build run as a subprocess (tools/benchmark.py)."""
    from smex_site.validation import discover

    content = Path(overrides.get("PATH") or load_settings(settings_file)["PATH"])
    figures = {
        "seconds": report.seconds,
        "timings": report.timings,
        "markdown conversions": report.conversions,
        "source files": len(discover.markdown_files(content)),
        "pagefind cpu seconds": report.pagefind.get("cpu", 0.0),
        "pagefind peak MB": report.pagefind.get("peak MB", 0.0),
    }
    path.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    # run as tools.sitebuild, not __main__: the language processes raise
    # tools.sitebuild.BuildFailed, which main() must catch as its own
    from tools.sitebuild import main as module_main

    sys.exit(module_main())
