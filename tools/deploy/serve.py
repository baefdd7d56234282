"""A local static server for output/, as strict as production.

Sends the production headers (plugins/smex_site/headers.py, the same
definition deploy/nginx.conf and `_headers` come from) and each language's
own 404 page. Like nginx it never lists a folder and never answers with a
file outside the root. Tests use it too (serve_in_thread).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from smex_site import headers, urls

CSP = headers.SECURITY_HEADERS["Content-Security-Policy"]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - extends the stdlib class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".woff2": "font/woff2",
        ".ics": "text/calendar",
        ".xml": "application/xml",
        ".atom": "application/atom+xml",
        ".webmanifest": "application/manifest+json",
    }

    error_page: str | None = None  # the 404 page being sent, if any

    def guess_type(self, path):
        # citation files: the types headers.py names (CSL-JSON is not plain JSON)
        return headers.content_type(str(path)) or super().guess_type(path)

    def end_headers(self):
        # A 404 carries its page's headers (revalidate), never a hashed name's.
        path = self.error_page or self.site_path()
        self.error_page = None
        for name, value in headers.for_path(path, self.server.onion).items():
            self.send_header(name, value)
        super().end_headers()

    def site_path(self) -> str:
        """The request's path inside the site, dot segments resolved: 'en/x'."""
        raw = unquote(urlsplit(self.path).path)
        path = "/".join(_segments(raw) or [])
        return path + "/" if path and raw.endswith("/") else path

    def send_head(self):
        if _segments(unquote(urlsplit(self.path).path)) is None:
            self.send_error(400, "Bad Request")  # above the root or %00, as nginx answers
            return None
        return super().send_head()

    def list_directory(self, path):
        # Production servers list no folder: a folder without index.html is not found.
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory).resolve()
        first = self.site_path().split("/", 1)[0]  # "en" for /en/..., never ".."
        lang_404 = root / first / "404.html"
        page = lang_404 if first and lang_404.is_file() else root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self.error_page = page.relative_to(root).as_posix()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)


def _segments(path: str) -> list[str] | None:
    """'/en/../x/' -> ['x']; None when the path climbs above the root or
    holds a control character (%00 cannot name a file: nginx answers 400)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        return None
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    verbose = True
    onion: str | None = None  # SITE_ONION_URL: send Onion-Location

    def handle_error(self, request, client_address):
        # A browser that navigates away mid-download closes the socket: normal.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def onion_from_environment() -> str | None:
    """SITE_ONION_URL as publishconf.py reads it, refused the same way when it
    is not an onion address (a newline in it would add a header)."""
    value = os.environ.get("SITE_ONION_URL")
    try:
        return urls.onion_url(value) if value else None
    except urls.SiteUrlError as error:
        raise SystemExit(f"Not served. {error}") from None


def make_server(
    root: Path, bind: str = "127.0.0.1", port: int = 8000, onion: str | None = None
) -> SiteServer:
    handler = functools.partial(SiteHandler, directory=str(root))
    server = SiteServer((bind, port), handler)
    server.onion = onion
    return server


def serve_forever(
    root: Path, bind: str = "127.0.0.1", port: int = 8000, onion: str | None = None
) -> None:
    if not Path(root).is_dir():
        raise SystemExit(f"{root} does not exist: run `invoke build` first")
    server = make_server(root, bind, port, onion)
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
