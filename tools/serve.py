"""A local static server for output/, as strict as production should be.

Sends the Content-Security-Policy the site is built to satisfy, and each
language's own 404 page. Tests use it too (serve_in_thread).
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

# 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search engine; it
# does not allow eval() of JavaScript. Pagefind's stylesheet draws its clear
# button with a data: image, hence img-src data: (no host is contacted).
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'"
)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - extends the stdlib class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".woff2": "font/woff2",
        ".ics": "text/calendar",
        ".xml": "application/xml",
        ".atom": "application/atom+xml",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        lang_404 = root / self.path.lstrip("/").split("/", 1)[0] / "404.html"
        page = lang_404 if lang_404.is_file() else root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    verbose = True

    def handle_error(self, request, client_address):
        # A browser that navigates away mid-download closes the socket: normal.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(root: Path, bind: str = "127.0.0.1", port: int = 8000) -> SiteServer:
    handler = functools.partial(SiteHandler, directory=str(root))
    return SiteServer((bind, port), handler)


def serve_forever(root: Path, bind: str = "127.0.0.1", port: int = 8000) -> None:
    if not Path(root).is_dir():
        raise SystemExit(f"{root} does not exist: run `invoke build` first")
    server = make_server(root, bind, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def serve_in_thread(root: Path) -> tuple[SiteServer, str]:
    """Start a quiet server on a free port; returns (server, base URL)."""
    server = make_server(Path(root), port=0)
    server.verbose = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"
