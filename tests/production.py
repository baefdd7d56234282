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
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.gates.tools import SETUP_HINT
from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, programme_content
from tests.sitecheck import ROOT, BuiltSite, build
from tools.deploy import nginx as nginx_conf
from tools.dev import localnginx
from tools.dev.localnginx import environment, free_port

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
    try:
        return localnginx.binary()
    except localnginx.NginxError as missing:
        pytest.fail(f"{missing}: the production-server tests run it.\n{SETUP_HINT}", pytrace=False)
    return ""


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


@contextlib.contextmanager
def running_nginx(folder: Path, servers: list[str], ports: list[int]):
    """Debian's nginx with these server blocks (tools/dev/localnginx.py); stopped after."""
    nginx_binary()  # missing: the install hint, not a traceback
    try:
        with localnginx.running(folder, servers, ports):
            yield
    except localnginx.NginxError as failure:
        pytest.fail(str(failure), pytrace=False)


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
