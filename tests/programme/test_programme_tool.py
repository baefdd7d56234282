"""`invoke programme`, run as an editor runs it, on a copy of content/:
copies or downloads (https only, from a local server), checks before writing,
never overwrites a different file without --force, leaves nothing behind."""

from __future__ import annotations

import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import selfsigned
from tests.conftest import ROOT
from tests.programme.support import FIXTURES

BILINGUAL = FIXTURES / "bilingual.json"


def invoke(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "programme", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def folder_files(content: Path) -> list[str]:
    """What the folder holds besides the labels table content/ ships with."""
    folder = content / "data" / "programme"
    found = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    return [name for name in found if name != "labels.toml"]


def test_copies_a_checked_file_and_says_what_it_found(content):
    done = invoke("--year", "2025", "--from", str(BILINGUAL), "--path", str(content))
    assert done.returncode == 0, done.stdout + done.stderr
    target = content / "data" / "programme" / "2025.json"
    assert target.read_bytes() == BILINGUAL.read_bytes()  # saved unchanged
    assert "Found 2 days, 7 sessions, 4 speakers, 2 rooms, 2 tracks, 0 warnings." in done.stdout
    assert "Wrote content/data/programme/2025.json." in done.stdout
    # no temporary file left; the history of imports beside it (what changed)
    assert folder_files(content) == ["2025.history.json", "2025.json"]
    again = invoke("--year", "2025", "--from", str(BILINGUAL), "--path", str(content))
    assert again.returncode == 0 and "already this export" in again.stdout


def test_a_broken_export_already_there_can_be_replaced(content):
    target = content / "data" / "programme" / "2025.json"
    target.write_bytes((FIXTURES / "broken" / "not-json.json").read_bytes())
    done = invoke("--year", "2025", "--from", str(BILINGUAL), "--path", str(content), "--force")
    assert done.returncode == 0, done.stdout
    assert target.read_bytes() == BILINGUAL.read_bytes()


def test_a_draft_edition_takes_its_programme_in_early(content):
    for lang in ("ar", "en"):
        (content / lang / "editions" / "2026.md").write_text(
            f"Title: Bread&Net 2026\nLang: {lang}\nSlug: 2026\nYear: 2026\nStatus: draft\n",
            encoding="utf-8",
        )
    # pretalx's 2026 event, its sessions still on last year's dates (a draft schedule)
    export = content.parent / "draft-2026.json"
    export.write_bytes(
        BILINGUAL.read_bytes().replace(b'"start": "2025-10-25"', b'"start": "2026-10-25"')
    )
    done = invoke("--year", "2026", "--from", str(export), "--path", str(content))
    assert done.returncode == 0, done.stdout  # sessions outside 2026: warnings only
    assert (content / "data" / "programme" / "2026.json").is_file()


def test_another_years_export_is_refused(content):
    done = invoke("--year", "2023", "--from", str(BILINGUAL), "--path", str(content))
    assert done.returncode == 1
    assert done.stdout.startswith(
        "error: " + str(BILINGUAL) + ": schedule.conference.start: the export's conference "
        "starts 2025-10-25, not in 2023: this is not the 2023 programme."
    )
    assert "nothing was written" in done.stdout and folder_files(content) == []


def test_it_lists_the_names_without_an_arabic_label(content):
    labels = content / "data" / "programme" / "labels.toml"
    labels.write_text(
        labels.read_text(encoding="utf-8")
        + '\n[rooms]\n"Main Hall" = { ar = "القاعة الرئيسية", en = "Main Hall" }\n',
        encoding="utf-8",
    )
    done = invoke("--year", "2025", "--from", str(BILINGUAL), "--path", str(content))
    assert done.returncode == 0, done.stdout
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("No ")]
    assert line.startswith(
        'No Arabic label in content/data/programme/labels.toml for: rooms "Room B"; '
        'tracks "Policy & Advocacy", "Digital Security". Arabic pages show them as written;'
    )
    assert "Main Hall" not in line.split(". ")[0] and "Talk" not in line  # labelled ones
    assert "English label" not in done.stdout  # pretalx's names are English already


@pytest.mark.parametrize(
    ("fixture", "year", "words"),
    [
        ("broken/no-start.json", "2025", "has no start"),
        ("broken/not-json.json", "2025", "not JSON"),
        ("bilingual.json", "2024", "there is no edition for 2024"),
    ],
)
def test_a_failed_check_writes_nothing(content, fixture, year, words):
    done = invoke("--year", year, "--from", str(FIXTURES / fixture), "--path", str(content))
    assert done.returncode == 1
    assert words in done.stdout and "nothing was written" in done.stdout.lower()
    assert folder_files(content) == []


def test_a_different_file_is_kept_unless_forced(content):
    assert (
        invoke("--year", "2025", "--from", str(BILINGUAL), "--path", str(content)).returncode == 0
    )
    target = content / "data" / "programme" / "2025.json"
    hostile = FIXTURES / "hostile.json"
    refused = invoke("--year", "2025", "--from", str(hostile), "--path", str(content))
    assert refused.returncode == 1 and "--force" in refused.stdout
    assert target.read_bytes() == BILINGUAL.read_bytes()
    forced = invoke(
        "--year", "2025", "--from", str(hostile), "--path", str(content), "--force", "--no-avatars"
    )  # its avatar is on a host that does not exist: no request from the tests
    assert forced.returncode == 0, forced.stdout
    assert "4 warnings" in forced.stdout and "warning: " in forced.stdout
    assert target.read_bytes() == hostile.read_bytes()
    assert folder_files(content) == ["2025.history.json", "2025.json"]
    kept = json.loads((target.parent / "2025.history.json").read_text(encoding="utf-8"))
    assert [len(i["sessions"]) for i in kept["imports"]] == [7, 2]  # the previous one, then this


# --- downloads, from servers on 127.0.0.1 ---------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[str]
    redirect_to = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(FIXTURES), **kwargs)

    def do_GET(self):
        self.requests.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def _serve(context: ssl.SSLContext | None):
    handler = type("Handler", (_Handler,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scheme = "https" if context else "http"
    return server, handler, f"{scheme}://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A self-signed certificate for 127.0.0.1, trusted only via SSL_CERT_FILE."""
    return selfsigned.certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def servers(certificate):
    https, https_handler, https_base = _serve(selfsigned.server_context(certificate))
    plain, plain_handler, plain_base = _serve(None)
    https_handler.redirect_to = f"{plain_base}/bilingual.json"
    yield https_base, https_handler, plain_base, plain_handler
    for server in (https, plain):
        server.shutdown()
        server.server_close()


def test_downloads_over_https(content, servers, certificate):
    https_base, handler, _, _ = servers
    trust = {"SSL_CERT_FILE": str(certificate / "cert.pem")}
    done = invoke(
        "--year",
        "2025",
        "--from",
        f"{https_base}/bilingual.json",
        "--path",
        str(content),
        env=trust,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert handler.requests == ["/bilingual.json"]
    assert (content / "data/programme/2025.json").read_bytes() == BILINGUAL.read_bytes()


def test_an_unverified_certificate_is_refused(content, servers):
    https_base, _, _, _ = servers
    done = invoke(
        "--year", "2025", "--from", f"{https_base}/bilingual.json", "--path", str(content)
    )
    assert done.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in done.stdout
    assert folder_files(content) == []


def test_plain_http_is_refused_before_any_request(content, servers):
    _, _, plain_base, plain_handler = servers
    done = invoke(
        "--year", "2025", "--from", f"{plain_base}/bilingual.json", "--path", str(content)
    )
    assert done.returncode == 1 and "only https://" in done.stdout
    assert plain_handler.requests == [] and folder_files(content) == []


def test_a_redirect_to_plain_http_is_refused(content, servers, certificate):
    https_base, handler, _, plain_handler = servers
    trust = {"SSL_CERT_FILE": str(certificate / "cert.pem")}
    done = invoke(
        "--year", "2025", "--from", f"{https_base}/redirect", "--path", str(content), env=trust
    )
    assert done.returncode == 1 and "which is not https://" in done.stdout
    assert handler.requests == ["/redirect"] and plain_handler.requests == []
    assert folder_files(content) == []


def test_a_server_that_never_answers_times_out(monkeypatch):
    from tools.editors import programme as tool

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never speaks TLS
    monkeypatch.setattr(tool, "TIMEOUT", 0.5)
    try:
        with pytest.raises(tool.ProgrammeError, match="could not download"):
            tool.fetch(f"https://127.0.0.1:{silent.getsockname()[1]}/schedule.json")
    finally:
        silent.close()
