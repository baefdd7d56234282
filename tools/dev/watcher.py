"""The live preview's watcher: what a batch of saved files makes it do.

One post or page saved: the fast path (warm.py) writes its page at once.
Then, and for any other change, a full build (tools.build.sitebuild in a
subprocess) into a private folder, swapped in whole only if nothing changed
meanwhile. `Preview` is what the server (previewserver.py) reads: the
version the browser reloads to, and the error shown until the next good save.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from smex_site.contentfiles import REFUSED_MARKDOWN_BYTES
from tools.build import settings as build_settings
from tools.build.failed import BuildFailed
from tools.build.swap import swap
from tools.dev.warm import Stale, Warm, warm_build

ROOT = Path(__file__).resolve().parents[2]
# Settings of every preview build (full and fast): no search index, and the
# search page says so.
PREVIEW_OVERRIDES = {"SITE_LIVE_PREVIEW": True}


@dataclass
class Preview:
    """What the browser sees: the site's version, and the error, if any."""

    served: Path
    version: int = 0
    fast_errors: dict = field(default_factory=dict)  # source -> message
    full_error: str | None = None
    last: dict = field(default_factory=dict)
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def error(self) -> str | None:
        messages = [*self.fast_errors.values(), self.full_error]
        return "\n\n".join(m for m in messages if m) or None

    def bump(self, **last) -> None:
        with self.changed:
            self.version += 1
            self.last = {**last, "version": self.version}
            self.changed.notify_all()

    def wait(self, seen: int | None, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


class Watcher:
    """The loop: file changes and finished full builds, one at a time."""

    def __init__(self, settings: Path, served: Path, now: str | None, overrides: dict):
        self.settings = settings
        self.served = served
        self.private = served.parent / f".{served.name}.preview-full"
        self.now = build_settings.pinned_now(now) if now else None
        self.overrides = {**overrides, **PREVIEW_OVERRIDES}
        self.content = Path(build_settings.load_settings(settings, overrides)["PATH"]).resolve()
        self.warm = Warm(self.content)
        self.preview = Preview(served)
        self.events: queue.Queue = queue.Queue()
        self.changes = 0  # change batches seen
        self.full_wanted = False
        self.full_running: int | None = None  # the change count it started at

    def start(self) -> None:
        """The first build, in this process (it makes the warm state)."""
        try:
            report = warm_build(self.settings, self.served, self.now, self.overrides, self.warm)
            self.preview.full_error = None
            say(f"Built {report.output} in {report.seconds:.1f} s (search off while previewing)")
        except BuildFailed as failure:
            self.fail_full(str(failure))

    # Each change batch and each finished build comes through here.
    def handle(self, event) -> None:
        if event[0] == "changes":
            self.on_changes(event[1])
        else:
            self.on_built(*event[1:])
        self.maybe_start_full()

    def on_changes(self, paths: set[Path]) -> None:
        self.changes += 1
        self.full_wanted = True
        if not self.warm.langs:  # no warm state yet: the first build failed
            self.full_wanted = False
            self.start()
            self.preview.bump(kind="warm build")
            return
        # A batch means the files that exist after it: `sed -i` and editors'
        # "safe write" save into a temporary file renamed over the page, and
        # that name is gone by now. Gone files (temporary or deleted) are the
        # full build's, which follows every batch.
        existing = [p for p in paths if p.exists()]
        fast = [p for p in existing if _quick(p, self.content)]
        if len(fast) != len(existing):
            return  # theme, data, a new image: the full build does it
        for path in fast:
            self.fast(path)

    def fast(self, path: Path) -> None:
        started = time.perf_counter()
        try:
            written = self.warm.rewrite(path, self.served)
        except Stale as why:
            say(f"{why}: the full build will show it")
            return
        except BuildFailed as failure:  # before Exception: it is one
            self.preview.fast_errors[path] = str(failure)
            say(f"Preview failed. {failure}")
            self.preview.bump(kind="error", source=str(path))
            return
        except Exception as error:  # noqa: BLE001 - a template or plugin bug: the full build says more
            say(f"{path.name}: the quick write failed ({type(error).__name__}: {error})")
            return
        self.preview.fast_errors.pop(path, None)
        self.preview.full_error = None  # the next full build says if one remains
        seconds = time.perf_counter() - started
        page = written.relative_to(self.served).as_posix()
        say(f"{path.relative_to(self.content)} -> {page} in {seconds:.2f} s")
        self.preview.bump(kind="fast", source=str(path), page=page, seconds=round(seconds, 3))

    def maybe_start_full(self) -> None:
        if self.full_running is not None or not self.full_wanted or self.preview.fast_errors:
            return
        self.full_wanted = False
        self.full_running = self.changes
        threading.Thread(target=self._full, args=(self.changes,), daemon=True).start()

    def _full(self, at: int) -> None:
        command = [sys.executable, "-m", "tools.build.sitebuild", "--no-search"]
        command += ["--settings", str(self.settings), "--output", str(self.private)]
        command += ["--now", self.now] if self.now else []
        for key, value in self.overrides.items():
            command += ["--set", f"{key}={json.dumps(value)}"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        self.events.put(("built", at, done.returncode, done.stderr, seconds))

    def on_built(self, at: int, code: int, stderr: str, seconds: float) -> None:
        self.full_running = None
        if at != self.changes:  # something changed while it ran: the next one
            self.full_wanted = True
            return
        if code:
            self.fail_full(_failure_text(stderr))
            return
        swap(self.private, self.served)  # whole site at once, as a build does
        self.preview.full_error = None
        say(f"Full build swapped in ({seconds:.1f} s)")
        self.preview.bump(kind="full", seconds=round(seconds, 1))

    def fail_full(self, message: str) -> None:
        self.preview.full_error = message
        say(f"Build failed. {message}")
        self.preview.bump(kind="error")


def _failure_text(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    text = "\n".join(lines).strip()
    return text.removeprefix("Build failed. ") or "the build failed (no message)"


def _quick(path: Path, content: Path) -> bool:
    """A Markdown file the quick path may write (one too long for any build
    is the full build's to refuse)."""
    if path.suffix != ".md" or not path.is_file() or not _inside(path, content):
        return False
    return path.stat().st_size <= REFUSED_MARKDOWN_BYTES


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def say(message: str) -> None:
    print(f"[preview {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def watch(watcher: Watcher, stop: threading.Event) -> None:
    """Feed file changes into the watcher's queue (inotify, 50 ms debounce)."""
    import watchfiles

    # the settings files themselves, not their folder (the whole checkout)
    settings = [watcher.settings, watcher.settings.with_name("pelicanconf.py")]
    folders = [watcher.content, ROOT / "theme", ROOT / "plugins", *settings]
    folders = [f for f in dict.fromkeys(folders) if f.exists()]

    def wanted(change, path: str) -> bool:
        name = Path(path).name
        if name.startswith((".#", "#")) or name.endswith(("~", ".swp", ".pyc")):
            return False
        return not _inside(Path(path), watcher.served) and ".preview-full" not in path

    for batch in watchfiles.watch(
        *folders, watch_filter=wanted, debounce=50, step=10, stop_event=stop, recursive=True
    ):
        top = [Path(p).resolve() for _, p in batch]
        # a save may be a delete and a create: a file that exists was modified
        watcher.events.put(("changes", {p for p in top if p.suffix != ".py" or p.exists()}))
