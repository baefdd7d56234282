"""The one build entry point: validate, build into a fresh folder, swap.

`invoke build`, `invoke publish`, the benchmark and the tests all come here.
The site is written into a temporary sibling of the output folder, and the
output folder is replaced only once everything succeeded, so a failed or
interrupted build leaves the previous site exactly as it was.

    python -m tools.build.sitebuild [--settings publishconf.py] [--now ISO] [--output DIR]
                              [--timings FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.build import buildcache, outputguard, perlanguage, searchindex
from tools.build.failed import BuildFailed, describe
from tools.build.settings import check_settings, checked, load_settings, parse_overrides, pinned_now
from tools.build.steps import StepTimes, refuse_warnings, render
from tools.build.swap import precompress, remove_abandoned_builds, swap

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BuildReport:
    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    times: StepTimes = field(default_factory=StepTimes)
    reused: bool = False  # the output already was this build's (buildcache.py)

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per step, by name (StepTimes.seconds)."""
        return self.times.seconds

    def summary(self) -> str:
        """The line `invoke build` and `python -m tools.build.sitebuild` end with."""
        if self.reused:
            return f"{self.output} is up to date: nothing changed since it was built"
        return f"Built {self.output} in {self.seconds:.1f} s"


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
    jobs: processes, one language each (tools/build/perlanguage.py); None: as many
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
    check_settings(settings_file, settings)
    # never replace sources, the checkout or a file (outputguard.py)
    refused = outputguard.refusal(output or settings["OUTPUT_PATH"], settings, ROOT)
    if refused:
        raise BuildFailed(refused)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    times = StepTimes()

    cache = Path(settings["CACHE_PATH"]).resolve()
    refused = outputguard.cache_refusal(cache)
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
            target, seconds, warnings=reused, times=StepTimes({"reused": seconds}), reused=True
        )

    tick = time.perf_counter()
    catalog = checked(settings)
    times.timed("validate", tick)
    times.add_plugin(catalog.timer.spent)  # validation's part; the build's follows
    from smex_site import validation

    errors = validation.errors(catalog.problems, strict)
    warnings = [p for p in catalog.problems if p not in errors]
    if errors:
        raise BuildFailed(describe(errors, "content problem"))

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned_builds(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as error:  # issue 10: a read-only or missing parent, not a traceback
        raise BuildFailed(_unwritable(target, error)) from None
    try:
        overrides = {**overrides, "SITE_CATALOG": catalog}
        collected = _render(settings_file, overrides, staging, search, jobs, times)
        if strict:
            refuse_warnings(collected, catalog)
        if settings.get("SITE_PRECOMPRESS"):  # publishconf.py: after everything that writes
            tick = time.perf_counter()
            precompress(staging)
            times.timed("precompress", tick)
        swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _record_published_ids(catalog)
    said = [str(w) for w in warnings] + collected
    buildcache.remember(cache, key, target, said)
    return BuildReport(
        output=target,
        seconds=time.perf_counter() - started,
        warnings=said,
        times=times,
    )


def _record_published_ids(catalog) -> None:
    """Reports' Document-IDs are registered once this build has published them
    (content/data/document-ids.toml): never to be reused or changed."""
    from smex_site.publications import ids

    ids.record(catalog, catalog.ctx.now)


def _render(settings_file, overrides, staging: Path, search: bool, jobs, times) -> list[str]:
    """Pelican and the search index; then the search pages get the hash of the
    Pagefind module written (after the languages' bundles are merged)."""
    collected = _render_languages(settings_file, overrides, staging, search, jobs, times)
    if search:
        searchindex.stamp_module(staging)
    return collected


def _render_languages(settings_file, overrides, staging, search, jobs, times) -> list[str]:
    """Pelican and the search index, one process per language where it can."""
    languages = list(overrides["SITE_CATALOG"].ctx.languages)
    if perlanguage.jobs_for(languages, jobs) > 1:
        collected, done = perlanguage.build(settings_file, overrides, staging, languages, search)
    else:
        collected, done = render(settings_file, overrides, staging, search)
    times.seconds.update(done.seconds)
    times.conversions = done.conversions
    times.pagefind_cpu, times.pagefind_peak_mb = done.pagefind_cpu, done.pagefind_peak_mb
    times.add_plugin(done.plugin)
    return collected


def _unwritable(target: Path, error: OSError) -> str:
    where = error.filename or target.parent
    return (
        f"cannot write beside the output folder {target}: {error.strerror} ({where}). "
        "A build writes the new site next to the output folder, then swaps the two; "
        "pass --output a folder whose parent folder you can write, e.g. --output "
        f"{ROOT / 'output'}. The previous output was left as it was."
    )


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
    """What `invoke bench` reads of a build run as a subprocess (tools/dev/benchmark.py)."""
    from smex_site.validation import discover

    content = Path(overrides.get("PATH") or load_settings(settings_file)["PATH"])
    figures = {
        "seconds": report.seconds,
        "timings": report.times.seconds,
        "markdown conversions": report.times.conversions,
        "source files": len(discover.markdown_files(content)),
        "pagefind cpu seconds": report.times.pagefind_cpu,
        "pagefind peak MB": report.times.pagefind_peak_mb,
        # CPU seconds by label (smex_site/timer.py): invoke bench's linearity row
        "plugin seconds": report.times.plugin,
    }
    path.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
