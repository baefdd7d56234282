"""The live preview's server: tools/deploy/serve.py's, plus a reload script.

The only addition to a page is a same-origin script, /_livepreview/reload.js,
injected into the HTML this server sends (never into the files): it listens
to /_livepreview/events (server-sent events) and reloads when the site's
version changes. /_livepreview/status is the same as JSON, for benchmarks.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from tools.deploy import serve

if TYPE_CHECKING:  # the server reads what the watcher keeps
    from tools.dev.watcher import Preview

PREFIX = "/_livepreview/"


RELOAD_JS = PREFIX + "reload.js"


EVENTS = PREFIX + "events"


STATUS = PREFIX + "status"


RELOAD_SCRIPT = """\
// Live preview only (tools/dev/livepreview.py): reload when the site changes.
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


class PreviewHandler(serve.SiteHandler):
    """tools/deploy/serve.py's handler, plus the reload script and the error page."""

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
