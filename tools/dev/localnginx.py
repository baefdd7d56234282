"""Debian's nginx on this machine, in the foreground, for a while: how the
tests (tests/production.py) and `invoke lighthouse` serve a build as
production does, with the server blocks tools/deploy/nginx.py writes.

One copy of the main configuration and of the start-and-wait, so the
benchmark and the tests serve the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

MAIN_CONF = """daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/site-*.conf;
}}
"""
INSTALL = "nginx not found: install Debian's with `sudo apt-get install -y nginx` (or set NGINX)"


class NginxError(Exception):
    """nginx is missing, refuses the configuration, or does not answer."""


def binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise NginxError(INSTALL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the length of a build, as CI sets them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def running(folder: Path, servers: list[str], ports: list[int]) -> Iterator[None]:
    """nginx with these server blocks, answering on `ports`; stopped after."""
    command = _configure(binary(), folder, servers)
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise NginxError(f"nginx rejects the configuration:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(ports, process, folder)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _configure(nginx: str, folder: Path, servers: list[str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(servers):
        (folder / f"site-{index}.conf").write_text(text, encoding="utf-8")
    # As root, workers would run as nobody, who cannot read a 0700 temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONF.format(dir=folder, user=user), encoding="utf-8")
    return [nginx, "-p", str(folder), "-c", str(main)]


def _wait_for(ports: list[int], process: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 15
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            log = folder / "error.log"
            text = log.read_text(errors="replace") if log.exists() else ""
            raise NginxError(f"nginx exited at start:\n{process.stderr.read().decode()}\n{text}")
        for port in list(waiting):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                waiting.discard(port)
        time.sleep(0.05)
    if waiting:
        raise NginxError(f"nginx does not answer on {sorted(waiting)}")
