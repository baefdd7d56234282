"""Each language built in its own process, at the same time.

A one-process build runs the languages one after the other (i18n_subsites
starts each subsite from the main site), on one core. Here every language is
a forked child that runs the same Pelican with SITE_BUILD_LANGUAGES naming
it (languages.select), then Pagefind over what it wrote, while the other
children still render: both cores work, and the search index overlaps the
rendering.

The children share what the parent read before forking (settings, "now",
the catalog of every file), so each still links the other languages. The
main language writes into the staging folder; every other language writes
into a side folder of its own (side/en/…, Pagefind's bundle in
side/pagefind/), so no child's Pagefind sees another's pages. The parent then
moves each language in and merges the bundles (searchindex.merge). The
result is byte-identical to a one-process build (tests/builds/test_build_parallel.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tools.build import steps
from tools.build.failed import BuildFailed


@dataclass
class LanguageResult:
    lang: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    times: steps.StepTimes = field(default_factory=steps.StepTimes)


def jobs_for(languages: list[str], jobs: int | None) -> int:
    """1: every language in one process; more: a process per language. None:
    parallel when there are two cores or more and two languages or more."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = (cores or 1) if jobs is None else jobs
    return max(1, min(wanted, len(languages)))


def build(settings_file, overrides: dict, staging: Path, languages: list[str], search: bool):
    """Build every language at once into `staging`; returns (warnings, StepTimes).

    Raises BuildFailed with the first failing language's message.
    """
    main = languages[0]
    roots = {
        lang: staging
        if lang == main
        # named like the staging folder, so a killed build's leftovers are found
        # and removed as its are (swap.remove_abandoned_builds)
        else Path(tempfile.mkdtemp(prefix=f"{staging.name}-{lang}-", dir=staging.parent))
        for lang in languages
    }
    started = time.perf_counter()
    try:
        results = _run_children(settings_file, overrides, roots, search)
        failed = [r for r in results if r.error]
        if failed:
            raise BuildFailed(failed[0].error)
        _gather(staging, {lang: root for lang, root in roots.items() if lang != main}, search)
    finally:
        for lang, root in roots.items():
            if lang != main:
                shutil.rmtree(root, ignore_errors=True)
    times = steps.StepTimes()
    times.timed("languages (in parallel)", started)
    warnings: list[str] = []
    for result in results:
        warnings += result.warnings
        for name, seconds in result.times.seconds.items():
            times.seconds[f"{name} ({result.lang})"] = seconds
    if search:  # the languages index at once: the longest is what the build waits for
        times.seconds["search index"] = max(r.times.seconds["search index"] for r in results)
    times.conversions = sum(r.times.conversions for r in results)
    for result in results:
        times.add_plugin(result.times.plugin)
    # the Pagefind runs overlap: their peaks add up
    times.pagefind_cpu = sum(r.times.pagefind_cpu for r in results)
    times.pagefind_peak_mb = sum(r.times.pagefind_peak_mb for r in results)
    return warnings, times


def _run_children(settings_file, overrides, roots: dict[str, Path], search: bool):
    # fork: the children inherit the parsed catalog instead of reading it again
    context = multiprocessing.get_context("fork")
    running = []
    for lang, root in roots.items():
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_child,
            args=(send, settings_file, overrides, root, lang, search),
            name=f"build-{lang}",
        )
        child.start()
        send.close()
        running.append((lang, child, receive))
    results = []
    for lang, child, receive in running:
        try:
            result = receive.recv()
        except EOFError:  # killed, or crashed before it could answer
            result = None
        child.join()
        if result is None or (child.exitcode and not result.error):
            result = LanguageResult(lang, error=_stopped(lang, child.exitcode))
        results.append(result)
    return results


def _stopped(lang: str, code: int | None) -> str:
    how = f"was killed by signal {-code}" if code and code < 0 else f"exited with {code}"
    return (
        f"the process building {lang!r} {how} (out of memory, or stopped by hand?); "
        "The previous output was left as it was."
    )


def _child(send, settings_file, overrides, root: Path, lang: str, search: bool) -> None:
    result = LanguageResult(lang)
    try:
        mine = {**overrides, "SITE_BUILD_LANGUAGES": [lang]}
        result.warnings, result.times = steps.render(settings_file, mine, root, search)
    except BuildFailed as failure:
        result.error = str(failure)
    except BaseException as error:
        logging.getLogger(__name__).debug("child failed", exc_info=True)
        result.error = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"
    send.send(result)
    send.close()


def _gather(staging: Path, sides: dict[str, Path], search: bool) -> None:
    """Move each language's pages into staging, and merge the search bundles."""
    from tools.build import searchindex

    for lang, side in sides.items():
        bundles = []
        for child in sorted(side.iterdir()):
            if child.name == "pagefind" and search:
                bundles.append(child)
            elif child.name == lang:
                child.rename(staging / lang)
            else:  # a language writes only under its own folder
                raise RuntimeError(f"the {lang} build wrote {child.name} outside {lang}/")
        if bundles:
            searchindex.merge(staging / "pagefind", bundles[0])
