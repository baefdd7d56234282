"""The steps of a build that every process runs: Pelican, then Pagefind.

tools/build/sitebuild.py runs them in its own process for one language at a
time, tools/build/perlanguage.py in a process per language (and sitebuild
uses perlanguage, never the other way round). Each run says what it took as
a StepTimes record, which the build adds up and `--timings` writes.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.build.failed import BuildFailed, describe
from tools.build.settings import load_settings


@dataclass
class StepTimes:
    """What the steps of a build took: wall seconds per named step (in the
    order they ran, e.g. "validate", "pelican", "search index"), and what no
    step name says."""

    seconds: dict[str, float] = field(default_factory=dict)
    conversions: int = 0  # Markdown conversions, in every process of the build
    pagefind_cpu: float = 0.0  # CPU seconds of Pagefind's processes
    pagefind_peak_mb: float = 0.0  # their peak memory, summed: they run at once
    # CPU seconds of the plugin's work, by label: each kind's validation and
    # hooks, each generator's methods (the build state's timer, smex_site/timer.py)
    plugin: dict[str, float] = field(default_factory=dict)

    def add_plugin(self, spent: dict[str, float]) -> None:
        for label, seconds in spent.items():
            self.plugin[label] = self.plugin.get(label, 0.0) + seconds

    def timed(self, step: str, started: float) -> None:
        """Record `step` as having run from `started` (time.perf_counter()) until now."""
        self.seconds[step] = time.perf_counter() - started


def render(settings_file, overrides: dict, root: Path, search: bool) -> tuple[list, StepTimes]:
    """Pelican into `root`, then Pagefind over it: one process's steps.
    Returns Pelican's warnings and what the steps took."""
    times = StepTimes()
    # the catalog's timer holds validation's figures; the build adds its own
    before = dict(overrides["SITE_CATALOG"].timer.spent)
    tick = time.perf_counter()
    warnings, state = run_pelican(settings_file, overrides, root)
    times.timed("pelican", tick)
    times.add_plugin(state.timer.since(before))
    times.conversions = markdown_conversions()
    if search:
        tick = time.perf_counter()
        times.pagefind_cpu, times.pagefind_peak_mb = index_search(root)
        times.timed("search index", tick)
    return warnings, times


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def run_pelican(settings_file, overrides: dict, staging: Path) -> tuple[list[str], object]:
    """Pelican into `staging`: its warnings, and the build state the plugin
    kept (smex_site/state.py BuildState)."""
    from pelican import Pelican

    from smex_site.state import STATE_KEY

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
    return collector.messages, settings[STATE_KEY]


def _pelican_failure(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    if problems:
        return describe(problems, "content problem")
    return f"{type(error).__name__}: {error}\nThe previous output was left as it was."


def markdown_conversions() -> int:
    from smex_site import markdown

    return markdown.conversions()


def index_search(site: Path) -> tuple[float, float]:
    """Pagefind over `site`; what its process used: CPU seconds, peak MB."""
    import resource

    from tools.build import searchindex

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        searchindex.index(site)
    except searchindex.SearchIndexError as error:
        raise BuildFailed(str(error)) from None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # the largest child this process waited for: Pagefind, its only one
    return cpu, after.ru_maxrss / 1024


# Pelican's warnings that quote what they could not do: "Unable to find '{filename}/x.md'"
QUOTED = re.compile(r"'([^']+)'")


def refuse_warnings(collected: list[str], catalog) -> None:
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
