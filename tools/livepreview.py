"""Live preview: save a Markdown file, see the page in the browser in about a second.

    python3 -m tools.livepreview [--content DIR] [--output DIR] [--port N] [--now ISO]

(`invoke livereload` and `invoke serve --watch` run this.) One process stays up:

1. At start it builds the whole site in this process (tools/sitebuild.build,
   search off) and keeps each language's Pelican generators: the "warm" state.
2. When one post or page changes, it checks that file as a build would
   (validation.read_one), reads it with the site's reader, and writes just
   that file's page into the served folder with the warm templates and
   context; then it tells the browser, which reloads.
3. Then a full build (tools.sitebuild in a subprocess, so it never shares
   this process's state) runs in the background into a private folder, which
   is swapped in whole only if nothing changed meanwhile (otherwise it is
   dropped and the next one starts): lists, feeds and the other language
   catch up, and an older build never replaces a newer page. Any other change
   (theme, plugins, data, a new or deleted file) goes straight to step 3.
   A batch of file events counts by the files that exist after it, so a save
   through a temporary file renamed over the page (`sed -i`, an editor's
   "safe write") takes step 2 like any other save.

A content error (tools.sitebuild.BuildFailed, or the file's own problems)
is printed here and served, escaped, as every page's text; the browser
reloads to it, the watcher goes on, and the next good save brings the site
back. While previewing there is no search index: the search page says so
(SITE_LIVE_PREVIEW, a template switch).

The server is tools/serve.py's, with the production headers and CSP. The
only addition to a page is a same-origin script, /_livepreview/reload.js,
which this server injects into the HTML it sends (never into the files):
it listens to /_livepreview/events (server-sent events) and reloads when the
site's version changes. /_livepreview/status is the same as JSON, for
benchmarks (see `edit_latency`).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import io
import json
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from smex_site.contentfiles import REFUSED_MARKDOWN_BYTES  # noqa: E402
from smex_site.urls import CONTENT_LISTS  # noqa: E402
from tools import serve, sitebuild  # noqa: E402

PREFIX = "/_livepreview/"
RELOAD_JS = PREFIX + "reload.js"
EVENTS = PREFIX + "events"
STATUS = PREFIX + "status"
# Settings of every preview build (full and fast): no search index, and the
# search page says so.
PREVIEW_OVERRIDES = {"SITE_LIVE_PREVIEW": True}
RELOAD_SCRIPT = """\
// Live preview only (tools/livepreview.py): reload when the site changes.
(function () {
  "use strict";
  var version = document.currentScript.getAttribute("data-version");
  var events = new EventSource("/_livepreview/events");
  events.onmessage = function (event) {
    if (event.data !== version) {
      events.close();
      window.location.reload();
    }
  };
})();
"""


class Stale(Exception):
    """The fast path cannot write this change; the full build will."""


# --- the fast path: one file's pages, from the warm generators -------------------


@dataclass
class Warm:
    """Each language's generators, kept from the build this process made."""

    content: Path
    langs: dict = field(default_factory=dict)  # lang -> (main output, [generators])
    state: object = None  # the plugin's BuildState of that build

    def capture(self, generators) -> None:
        """`all_generators_finalized`: keep the posts' and pages' generators."""
        from pelican.generators import ArticlesGenerator, PagesGenerator

        kept = [g for g in generators if isinstance(g, (ArticlesGenerator, PagesGenerator))]
        if kept:
            settings = kept[0].settings
            self.langs[settings["DEFAULT_LANG"]] = (Path(kept[0].output_path), kept)
            self.state = settings.get("SITE_BUILD_STATE", self.state)

    def find(self, source: Path):
        """(generator, list name, index, object) of the content read from `source`."""
        wanted = str(source)
        for _, generators in self.langs.values():
            for generator in generators:
                for name in CONTENT_LISTS:
                    for index, item in enumerate(getattr(generator, name, None) or []):
                        if item.source_path == wanted:
                            return generator, name, index, item
        raise Stale(f"{source} is not a post or page the preview has read")

    def subfolder(self, generator) -> Path:
        """Where this language's pages go, inside the served folder ("" or "en")."""
        main = min((out for out, _ in self.langs.values()), key=lambda p: len(p.parts))
        return Path(generator.output_path).relative_to(main)

    def rewrite(self, source: Path, served: Path) -> Path:
        """Check and read `source` again, write its page into `served`; its path."""
        generator, name, index, old = self.find(source)
        entry = _checked_entry(generator.settings, self.content, source, self.state)
        _replace_entry(self.state.catalog, entry)  # the reader takes its values from there
        new = _read(generator, source, type(old))
        if new.status != old.status or new.save_as != old.save_as or new.status == "draft":
            raise Stale(f"{source}: its address or status changed")
        for key, value in vars(old).items():  # what other plugins set on it later
            vars(new).setdefault(key, value)
        getattr(generator, name)[index] = new
        for other in getattr(old, "translations", []):
            other.translations = [new if t is old else t for t in other.translations]
        return _write(generator, new, served / self.subfolder(generator))


def _checked_entry(settings: dict, content: Path, source: Path, state):
    """The file's catalog entry, as a build's check reads it; its errors stop it."""
    import smex_site
    from smex_site import frontmatter, validation

    rel = source.relative_to(content).as_posix()
    entry, problems = validation.read_one(
        settings, smex_site.KINDS, rel, frontmatter.read_text(source), now=state.now
    )
    errors = validation.errors(problems)
    if errors:
        raise sitebuild.BuildFailed(sitebuild.describe(errors, "content problem"))
    return entry


def _replace_entry(catalog, entry) -> None:
    catalog.replace(entry)


def _read(generator, source: Path, content_class):
    from pelican import signals
    from pelican.generators import ArticlesGenerator

    kind = "article" if isinstance(generator, ArticlesGenerator) else "page"
    return generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(source, generator.path),
        content_class=content_class,
        context=generator.context,
        preread_signal=getattr(signals, f"{kind}_generator_preread"),
        preread_sender=generator,
        context_signal=getattr(signals, f"{kind}_generator_context"),
        context_sender=generator,
    )


def _write(generator, item, folder: Path) -> Path:
    """Write one post or page as its generator's generate_output does."""
    from pelican.generators import ArticlesGenerator
    from pelican.writers import Writer

    writer = Writer(str(folder), settings=generator.settings)
    extra = {"page": item}
    if isinstance(generator, ArticlesGenerator):
        extra = {"article": item, "category": getattr(item, "category", None), "blog": True}
    writer.write_file(
        item.save_as,
        generator.get_template(item.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(item, "override_save_as"),
        url=item.url,
        **extra,
    )
    return folder / item.save_as


def warm_build(settings: Path, output: Path, now: str | None, overrides: dict, warm: Warm):
    """A whole build in this process, keeping its generators in `warm`."""
    from pelican import signals

    warm.langs.clear()
    signals.all_generators_finalized.connect(warm.capture)
    try:
        # in this process (jobs=1), and always run (no reuse): the generators are the point
        return sitebuild.build(
            settings,
            output=output,
            now=now,
            overrides=overrides,
            search=False,
            strict=False,
            jobs=1,
            reuse=False,
        )
    finally:
        signals.all_generators_finalized.disconnect(warm.capture)


# --- the watcher ------------------------------------------------------------------


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
        self.now = sitebuild.pinned_now(now) if now else None
        self.overrides = {**overrides, **PREVIEW_OVERRIDES}
        self.content = Path(sitebuild.load_settings(settings, overrides)["PATH"]).resolve()
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
        except sitebuild.BuildFailed as failure:
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
        except sitebuild.BuildFailed as failure:  # before Exception: it is one
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
        command = [sys.executable, "-m", "tools.sitebuild", "--no-search"]
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
        sitebuild.swap(self.private, self.served)  # whole site at once, as a build does
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


# --- the server ---------------------------------------------------------------------


class PreviewHandler(serve.SiteHandler):
    """tools/serve.py's handler, plus the reload script and the error page."""

    def do_GET(self):
        route = urlsplit(self.path).path
        if route == EVENTS:
            self.events()
        elif route in (RELOAD_JS, STATUS):
            self.small(route)
        else:
            super().do_GET()

    def small(self, route: str) -> None:
        preview = self.server.preview
        if route == RELOAD_JS:
            body, kind = RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8"
        else:
            status = {"version": preview.version, "error": preview.error, "last": preview.last}
            body, kind = json.dumps(status).encode(), "application/json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def events(self) -> None:
        """Server-sent events: the version now, then each new one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while not self.server.stopping.is_set():
                version = self.server.preview.wait(seen, timeout=10)
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": .\n\n")
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_head(self):
        raw = unquote(urlsplit(self.path).path)
        preview = self.server.preview
        version, error = preview.version, preview.error
        page = self.page_file(raw)
        if error and (page or raw.endswith(("/", ".html"))):
            body = error_page(error)  # every page says what to fix, existing or not
        elif page is None:
            return super().send_head()
        else:
            body = page.read_text(encoding="utf-8")
        data = inject(body, version).encode("utf-8")
        self.send_response(500 if error else 200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def page_file(self, raw: str) -> Path | None:
        """The HTML file a GET of `raw` sends, if it is one."""
        if serve._segments(raw) is None:
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not raw.endswith("/"):
                return None  # the stdlib's redirect to the slash
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None


# The production headers' Integrity-Policy holds in the preview too: the
# reload script names its own hash.
RELOAD_INTEGRITY = "sha384-" + base64.b64encode(
    hashlib.sha384(RELOAD_SCRIPT.encode()).digest()
).decode("ascii")


def inject(page: str, version: int) -> str:
    tag = (
        f'<script src="{RELOAD_JS}" integrity="{RELOAD_INTEGRITY}" crossorigin="anonymous" '
        f'data-version="{version}" defer></script>'
    )
    at = page.find("</head>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def error_page(message: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Preview: build failed</title></head><body><main>"
        "<h1>The preview could not be built</h1>"
        f"<pre>{html.escape(message)}</pre>"
        "<p>Fix the file and save it: this page reloads by itself.</p>"
        "</main></body></html>\n"
    )


class PreviewServer(serve.SiteServer):
    preview: Preview
    stopping: threading.Event


def make_server(preview: Preview, bind: str, port: int, onion: str | None = None):
    import functools

    handler = functools.partial(PreviewHandler, directory=str(preview.served))
    server = PreviewServer((bind, port), handler)
    server.onion = onion
    server.preview = preview
    server.stopping = threading.Event()
    return server


# --- running it ---------------------------------------------------------------------


class Running:
    """A live preview in threads: `url`, `watcher`; `stop()` ends it."""

    def __init__(self, watcher: Watcher, server: PreviewServer, stop: threading.Event):
        self.watcher, self.server, self._stop = watcher, server, stop
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self.threads = [
            threading.Thread(target=server.serve_forever, daemon=True),
            threading.Thread(target=watch, args=(watcher, stop), daemon=True),
            threading.Thread(target=self._loop, daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                event = self.watcher.events.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                self.watcher.handle(event)
            except Exception:  # noqa: BLE001 - the watcher outlives any one change
                traceback.print_exc()

    def stop(self) -> None:
        self._stop.set()
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def start(
    content: Path | None = None,
    output: Path | None = None,
    port: int = 8000,
    bind: str = "127.0.0.1",
    now: str | None = None,
    settings: Path = ROOT / "pelicanconf.py",
    overrides: dict | None = None,
) -> Running:
    """Build once, then serve and watch in background threads."""
    onion = serve.onion_from_environment()  # refused before anything starts
    overrides = dict(overrides or {})
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    served = Path(output or ROOT / "output").resolve()
    watcher = Watcher(Path(settings).resolve(), served, now, overrides)
    watcher.start()
    served.mkdir(parents=True, exist_ok=True)
    server = make_server(watcher.preview, bind, int(port), onion)
    return Running(watcher, server, threading.Event())


def edit_latency(url: str, source: Path, text: str, browser_path: str = "/usr/bin/chromium"):
    """Seconds from appending `text` to `source` until a browser showing `url` shows it.

    For benchmarks: a live preview must be running (it serves `url`); the
    file is left with the text appended.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_path, headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        started = time.perf_counter()
        with open(source, "a", encoding="utf-8") as handle:
            handle.write(f"\n\n{text}\n")
        page.wait_for_function(
            "t => document.body && document.body.innerText.includes(t)", arg=text, timeout=60000
        )
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default=None, help="content folder (default: PATH)")
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--now", default=None, help="preview instant, e.g. 2023-10-20T12:00+03:00")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON")
    args = parser.parse_args(argv)
    from pelican.log import init as init_logging

    init_logging(level=40)  # errors only: the preview says what it does
    running = start(
        args.content,
        args.output,
        port=args.port,
        bind=args.bind,
        now=args.now,
        settings=Path(args.settings),
        overrides=sitebuild.parse_overrides(args.set),
    )
    say(f"Live preview at {running.url}/ (Arabic), {running.url}/en/ (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
