"""The live preview (tools/dev/livepreview.py, `invoke livereload`) in real Chromium.

A copy of the shipped content, previewed at FROZEN_NOW: a saved edit shows
in the open page without a manual reload, a content error replaces it with
an error page naming the file, the fix brings the page back, and the full
build that follows keeps the new text. The search page says search is off.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.contentcopy import copy_content
from tests.sitecheck import FROZEN_NOW
from tools.dev import livepreview, previewserver

POST = "en/news/breadnet-2023-proposals-closed.md"
POST_URL = "/en/news/breadnet-2023-proposals-closed/"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    work = tmp_path_factory.mktemp("livepreview")
    copy_content(work / "content")
    running = livepreview.start(
        work / "content",
        work / "output",
        port=0,
        now=FROZEN_NOW,
        overrides={"CACHE_PATH": str(work / "cache")},
    )
    running.content = work / "content"
    yield running
    running.stop()


def status(live) -> dict:
    with urllib.request.urlopen(live.url + previewserver.STATUS, timeout=10) as response:
        return json.load(response)


def wait_for_full_build(live, after: int, timeout: float = 45) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = status(live)
        if now["version"] > after and now["last"].get("kind") == "full":
            return now
        time.sleep(0.2)
    pytest.fail(f"no full build swapped in after version {after}: {status(live)}")


def body_text(page) -> str:
    return page.evaluate("document.body.innerText")


def wait_for_text(page, text: str, timeout: float = 10_000) -> None:
    page.wait_for_function(
        "t => document.body && document.body.innerText.includes(t)", arg=text, timeout=timeout
    )


def test_an_edit_an_error_and_its_fix_show_in_the_open_page(live, page):
    source = live.content / POST
    original = source.read_text(encoding="utf-8")
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(live.url + POST_URL)
    assert "Live edit" not in body_text(page)
    assert page.locator(f'script[src="{previewserver.RELOAD_JS}"]').count() == 1

    # 1. an edit: the new text appears, nobody reloads the page
    source.write_text(original + "\n\nLive edit number one.\n", encoding="utf-8")
    wait_for_text(page, "Live edit number one.")

    # 2. a content error: the error page, with the file and the line
    source.write_text(
        original.replace("Date: 2023-10-02 09:00", "Date: someday") + "\n\nBroken.\n",
        encoding="utf-8",
    )
    wait_for_text(page, "could not be built")
    text = body_text(page)
    assert POST in text and "someday" in text and "is not a date" in text

    # 3. the fix: the page is back, and the full build after it keeps the text
    seen = status(live)["version"]
    source.write_text(original + "\n\nLive edit number two.\n", encoding="utf-8")
    wait_for_text(page, "Live edit number two.")
    assert status(live)["error"] is None
    wait_for_full_build(live, seen)
    wait_for_text(page, "Live edit number two.")
    page.reload()  # the swapped-in full build, not the fast page
    assert "Live edit number two." in body_text(page)
    assert "Broken." not in body_text(page)
    assert refused == []


def test_the_reload_script_is_served_never_written(live):
    # the full build's files are as a build writes them: no preview script
    served = live.watcher.served
    assert not [p for p in served.rglob("*.html") if "_livepreview" in p.read_text("utf-8")]
    with urllib.request.urlopen(live.url + previewserver.RELOAD_JS, timeout=10) as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert "EventSource" in response.read().decode()


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/en/search/", "Search is off in this preview"),
        ("/search/", "البحث متوقف في هذه المعاينة"),
    ],
)
def test_search_page_says_search_is_off_while_previewing(live, page, path, says):
    page.goto(live.url + path)
    assert says in body_text(page)
    assert page.locator('script[src*="pagefind"]').count() == 0


def wait_for_a_write(live, after: int, timeout: float = 20) -> dict:
    """The status once the preview wrote something after version `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = status(live)
        if now["version"] > after and now["last"].get("kind") in ("fast", "full", "error"):
            return now
        time.sleep(0.05)
    pytest.fail(f"nothing written after version {after}: {status(live)}")


@pytest.mark.parametrize("how", ["sed -i", "temporary file renamed over it"])
def test_a_save_through_a_temporary_file_takes_the_quick_path(live, how):
    source = live.content / POST
    token = f"Saved through a temporary file, {how}."
    seen = status(live)["version"]
    if how == "sed -i":  # sed writes ./sedXXXXXX and renames it over the file
        subprocess.run(["sed", "-i", f"$a {token}", str(source)], check=True)
    else:
        temporary = source.with_name(source.name + ".tmp")
        temporary.write_text(source.read_text(encoding="utf-8") + f"\n\n{token}\n", "utf-8")
        os.replace(temporary, source)
    now = wait_for_a_write(live, seen)  # a full build's swap would be kind "full"
    assert now["last"] == {**now["last"], "kind": "fast", "source": str(source.resolve())}
    assert now["last"]["page"] == POST_URL.strip("/") + "/index.html"
    with urllib.request.urlopen(live.url + POST_URL, timeout=10) as response:
        assert token in response.read().decode("utf-8")


def test_a_nul_in_the_path_is_a_bad_request(live):
    for path in ("/%00", "/en/%00/", POST_URL + "%00"):
        conn = http.client.HTTPConnection(urlsplit(live.url).netloc, timeout=10)
        conn.request("GET", path)
        assert conn.getresponse().status == 400, path
        conn.close()
