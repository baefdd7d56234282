"""Shared fixtures: one real build of the site per session, one browser.

The site is built exactly as `invoke build` builds it (tools/build/sitebuild.py),
into a temporary folder, with "now" frozen at FROZEN_NOW.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

# Every build in the tests is made at FROZEN_NOW (tests/sitecheck.py), the
# seed page's own moment: call for proposals closed, programme not out yet.
# The publish builds under Debian's nginx (tests/production.py), once per session.
from tests.contentcopy import ContentCopy  # noqa: E402
from tests.production import production  # noqa: E402, F401
from tests.sitecheck import BuiltSite, build  # noqa: E402

SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The development site, built once for the whole session."""
    report = build(tmp_path_factory.mktemp("site"))
    return BuiltSite(report.output, siteurl="")


@pytest.fixture
def content_copy(tmp_path) -> ContentCopy:
    """A copy of content/ for this test to edit, build and check (tests/contentcopy.py)."""
    return ContentCopy(tmp_path / "content")


@pytest.fixture
def content(content_copy) -> Path:
    """That copy's folder, for a test that edits the files itself."""
    return content_copy.content


@pytest.fixture(scope="session")
def good_output(tmp_path_factory) -> Path:
    """A good command-line build of the shipped content: the site online that a
    failing build must leave byte for byte (the tests copy it, never change it)."""
    from tests.sitecheck import cli_build

    work = tmp_path_factory.mktemp("good")
    done = cli_build(ROOT / "content", work / "output", work / "cache")
    assert done.returncode == 0, done.stderr
    return work / "output"


@pytest.fixture(scope="session")
def gate_site(tmp_path_factory) -> BuiltSite:
    """The site the quality gates check: the shipped content plus fixture
    programmes (tests/programme/sites.py), so the gates see programme,
    session and speakers pages while content/ ships no invented session."""
    from tests.programme.sites import GATE_BESIDE, GATE_PROGRAMMES, programme_content

    work = tmp_path_factory.mktemp("gate-site")
    content = programme_content(work / "content", GATE_PROGRAMMES, beside=GATE_BESIDE)
    report = build(work, overrides={"PATH": str(content)})
    site = BuiltSite(report.output, siteurl="")
    site.warnings = report.warnings
    site.report = report
    site.content = content
    return site


def chromium_path() -> str:
    """Debian's chromium; Playwright's own browser download is not reachable."""
    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "Chromium not found. Install it with `sudo apt-get install -y chromium` "
        "(or set CHROMIUM_PATH), then run the tests again.",
        pytrace=False,
    )


# The flags Chromium needs on this closed network (no background requests), one
# list for the tests and invoke bench's search timing.
from tools.dev.searchbench import CHROMIUM_ARGS  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(site):
    """The built site over HTTP, with the production CSP header."""
    from tools.deploy.serve import serve_in_thread

    httpd, base_url = serve_in_thread(site.root)
    yield base_url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def gate_server(gate_site):
    """The gates' site over HTTP, with the production CSP header."""
    from tools.deploy.serve import serve_in_thread

    httpd, base_url = serve_in_thread(gate_site.root)
    yield base_url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test (desktop width)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page
    context.close()
