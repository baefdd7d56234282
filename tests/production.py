"""The production site as visitors get it: publish builds served by Debian's
nginx with deploy/nginx.conf. Session fixtures (registered in conftest.py):

    production   two publish builds of the gates' content (the shipped content
                 plus fixture programmes, tests/programme/sites.py), each built
                 once per session, and one nginx:
                 .root  at http://127.0.0.1:<port>/ with the committed deploy/nginx.conf
                        (only its root and listen lines swapped for the test's own)
                 .sub   at http://127.0.0.1:<port>/smex-site/, as a GitHub Pages
                        project site is built (SITE_CSP_META=1) with an onion
                        mirror, served by tools/deploy/nginx.py's config for that path
                        from the build's own folder, as `invoke deploy` lays it
                        out (TARGET/current holds the site, not current/smex-site)

A missing nginx fails the tests with the command that installs it: never a skip.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gates.tools import SETUP_HINT
from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, programme_content
from tests.sitecheck import ROOT, BuiltSite, build
from tools.deploy import nginx as nginx_conf

# 56 base32 characters, as a v3 onion address has (settings.py checks the form).
ONION = "http://smexmirror2ykbduaqlzpxbyoexampleexampleexampleexampleeqd.onion"
SUBPATH = "/smex-site/"


@dataclass
class Served:
    site: BuiltSite  # the build (site.siteurl: its SITE_URL, no trailing slash)
    origin: str  # http://127.0.0.1:port
    base: str  # "/" or "/smex-site/"
    served_root: Path  # a folder laid out as the URLs are (for the link checker)

    def url(self, path: str = "") -> str:
        """path inside the site ("en/about/") -> the full address."""
        return self.origin + self.base + path.lstrip("/")


@dataclass
class Production:
    root: Served
    sub: Served
    work: Path
    content: Path  # what both were built from: content/ plus fixture programmes


def nginx_binary() -> str:
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "nginx not found: the production-server tests run Debian's nginx. Install it "
        f"with `sudo apt-get install -y nginx` (or set NGINX).\n{SETUP_HINT}",
        pytrace=False,
    )
    return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def environment(**values: str):
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


def publish(work: Path, name: str, cache: Path, content: Path | None = None, **env: str):
    """`invoke publish` with this environment, into work/name (from `content`,
    else content/)."""
    clean = {"SITE_CSP_META": "", "SITE_ONION_URL": "", **env}
    overrides = {"CACHE_PATH": str(cache), **({"PATH": str(content)} if content else {})}
    with environment(**clean):
        report = build(work, "publishconf.py", name=name, overrides=overrides)
    return BuiltSite(report.output, siteurl=env["SITE_URL"].rstrip("/"))


def committed_conf(root: Path, listen: str) -> str:
    """deploy/nginx.conf as committed, with only its root and listen lines replaced."""
    text = nginx_conf.COMMITTED.read_text(encoding="utf-8")
    text, roots = re.subn(r"(?m)^    root [^;]+;$", f"    root {root};", text)
    text, listens = re.subn(r"(?m)^    listen [^;]+;\n", "", text)
    assert roots == 1 and listens >= 1, "deploy/nginx.conf lost its root or listen line"
    return text.replace("server {\n", f"server {{\n    listen {listen};\n", 1)


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


@contextlib.contextmanager
def running_nginx(folder: Path, servers: list[str], ports: list[int]):
    """Debian's nginx, in the foreground, with these server blocks; stopped after."""
    binary = nginx_binary()
    folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(servers):
        (folder / f"site-{index}.conf").write_text(text, encoding="utf-8")
    # As root, workers would run as nobody, who cannot read pytest's 0700 folders.
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONF.format(dir=folder, user=user), encoding="utf-8")
    command = [binary, "-p", str(folder), "-c", str(main)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, f"nginx rejects the configuration:\n{checked.stderr}"
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


def _wait_for(ports: list[int], process: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 15
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            log = (
                (folder / "error.log").read_text(errors="replace")
                if (folder / "error.log").exists()
                else ""
            )
            pytest.fail(f"nginx exited at start:\n{process.stderr.read().decode()}\n{log}")
        for port in list(waiting):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                waiting.discard(port)
        time.sleep(0.05)
    assert not waiting, f"nginx does not answer on {sorted(waiting)}"


@pytest.fixture(scope="session")
def production(tmp_path_factory) -> Production:
    nginx_binary()  # fail first, before two builds, if nginx is missing
    work = tmp_path_factory.mktemp("production")
    # Every page kind of tests/gates/pages.py, the programme's included.
    content = programme_content(work / "content", GATE_PROGRAMMES, beside=GATE_BESIDE)
    root_port, sub_port = free_port(), free_port()
    root_origin, sub_origin = f"http://127.0.0.1:{root_port}", f"http://127.0.0.1:{sub_port}"
    # One SITE_URL with a trailing slash and one without: both must work.
    root_site = publish(work, "root", work / "cache-root", content, SITE_URL=root_origin + "/")
    sub_site = publish(
        work,
        "sub",
        work / "cache-sub",
        content,
        SITE_URL=sub_origin + SUBPATH.rstrip("/"),
        SITE_CSP_META="1",
        SITE_ONION_URL=ONION,
    )
    srv = work / "srv"  # the URLs' layout, srv/smex-site/…, in hard links
    shutil.copytree(sub_site.root, srv / SUBPATH.strip("/"), copy_function=os.link)
    servers = [
        committed_conf(root_site.root, f"127.0.0.1:{root_port}"),
        nginx_conf.render(
            server_name="127.0.0.1",
            root=str(sub_site.root),
            listen=(f"127.0.0.1:{sub_port}",),
            base_path=SUBPATH,
            onion=ONION,
        ),
    ]
    with running_nginx(work / "nginx", servers, [root_port, sub_port]):
        yield Production(
            root=Served(root_site, root_origin, "/", root_site.root),
            sub=Served(sub_site, sub_origin, SUBPATH, srv),
            work=work,
            content=content,
        )


__all__ = ["ROOT", "Production", "Served", "production"]
