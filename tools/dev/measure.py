"""One measured build: a fresh subprocess, its wall and CPU time, and the peak
memory of its whole process tree (sampled from /proc)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOW = "2025-06-01T12:00+03:00"


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


def site_build(content: Path, cache: Path, output: Path, figures: Path) -> list:
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
    return [sys.executable, "-m", "tools.build.sitebuild", *build]


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
        "tools.dev.probe",
        str(figures),
        "-s",
        str(settings),
        "-o",
        str(out),
        "-q",
    ]
