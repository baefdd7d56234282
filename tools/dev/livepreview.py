"""Live preview: save a Markdown file, see the page in the browser in about a second.

    python3 -m tools.dev.livepreview [--content DIR] [--output DIR] [--port N] [--now ISO]

(`invoke livereload` and `invoke serve --watch` run this.) One process stays up:

1. At start it builds the whole site in this process (tools/build/sitebuild.build,
   search off) and keeps each language's Pelican generators: the "warm" state.
2. When one post or page changes, it checks that file as a build would
   (validation.read_one), reads it with the site's reader, and writes just
   that file's page into the served folder with the warm templates and
   context; then it tells the browser, which reloads.
3. Then a full build (tools.build.sitebuild in a subprocess, so it never shares
   this process's state) runs in the background into a private folder, which
   is swapped in whole only if nothing changed meanwhile (otherwise it is
   dropped and the next one starts): lists, feeds and the other language
   catch up, and an older build never replaces a newer page. Any other change
   (theme, plugins, data, a new or deleted file) goes straight to step 3.
   A batch of file events counts by the files that exist after it, so a save
   through a temporary file renamed over the page (`sed -i`, an editor's
   "safe write") takes step 2 like any other save.

A content error (tools.build.failed.BuildFailed, or the file's own problems)
is printed here and served, escaped, as every page's text; the browser
reloads to it, the watcher goes on, and the next good save brings the site
back. While previewing there is no search index: the search page says so
(SITE_LIVE_PREVIEW, a template switch).

The server is tools/deploy/serve.py's, with the production headers and CSP. The
only addition to a page is a same-origin script, /_livepreview/reload.js,
which this server injects into the HTML it sends (never into the files):
it listens to /_livepreview/events (server-sent events) and reloads when the
site's version changes. /_livepreview/status is the same as JSON, for
benchmarks (tools/dev/benchmark.py).

    warm.py           the fast path: one file's page from the warm generators
    watcher.py        what a batch of saved files makes it do; the full builds
    previewserver.py  the server, the reload script and the error page
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
import time
import traceback
from pathlib import Path

from tools.build import settings as build_settings
from tools.deploy import serve
from tools.dev.previewserver import PreviewServer, make_server
from tools.dev.watcher import Watcher, say, watch

ROOT = Path(__file__).resolve().parents[2]


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
    return run(
        args.content,
        args.output,
        port=args.port,
        bind=args.bind,
        now=args.now,
        settings=Path(args.settings),
        overrides=build_settings.parse_overrides(args.set),
    )


def run(content=None, output=None, port=8000, bind="127.0.0.1", now=None, **options) -> int:
    """Start the preview (start()'s arguments) and keep it up until Ctrl-C:
    `invoke livereload` and main() call this."""
    from pelican.log import init as init_logging

    init_logging(level=40)  # errors only: the preview says what it does
    running = start(content, output, port=port, bind=bind, now=now, **options)
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
