"""The live preview's row: seconds from an edit to the new text served."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools.dev.measure import NOW, TreeSampler

ROOT = Path(__file__).resolve().parents[2]
LIVE_MISSING = "not available (tools/dev/livepreview.py missing)"


def edit_article(content: Path, token: str, renamed: bool = False) -> tuple[Path, str]:
    """Append a paragraph with token to the first Arabic article; (file, its URL path).

    renamed: save as `sed -i` and editors' "safe write" do, into a temporary
    file renamed over the article.
    """
    path = sorted((content / "ar").glob("*/post-*.md"))[0]
    if renamed:
        temporary = path.with_name(f".{path.name}.{token}.tmp")
        text = path.read_text(encoding="utf-8") + f"\n\nتعديل {token}\n"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\nتعديل {token}\n")
    return path, f"/{path.parent.name}/{path.stem}/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def live_preview(content: Path, work: Path, runs: int, timeout: float = 900) -> dict:
    """Edit to served: seconds until the preview server shows an edited article."""
    if not (ROOT / "tools" / "dev" / "livepreview.py").is_file():
        return {"status": LIVE_MISSING}
    site = work / "preview-content"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(content, site)
    port = free_port()
    cmd = [sys.executable, "-m", "tools.dev.livepreview", "--content", str(site)]
    cmd += ["--output", str(work / "preview-out"), "--port", str(port), "--now", NOW]
    cmd += ["--set", f"CACHE_PATH={json.dumps(str(work / 'preview-cache'))}"]
    log = (work / "livepreview.log").open("wb")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    sampler = TreeSampler(proc.pid, interval=0.05)
    sampler.start()
    latencies: dict[str, list[float]] = {"in place": [], "renamed": []}
    try:
        _, url = edit_article(site, "bench-start")
        page = f"http://127.0.0.1:{port}{url}"
        if not _poll(proc, page, "bench-start", timeout):
            return {"status": f"not available (no page at {page} after {timeout:.0f} s)"}
        for number in range(runs):
            for kind, times in latencies.items():  # both ways an editor saves
                token = f"bench-edit-{number}-{time.time_ns()}"
                edit_article(site, token, renamed=kind == "renamed")
                tick = time.perf_counter()
                if not _poll(proc, page, token, timeout):
                    return {
                        "status": f"failed ({kind} save {number} not served in {timeout:.0f} s)"
                    }
                times.append(time.perf_counter() - tick)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 15)  # the preview and the builds it started, ours only
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        peak = sampler.stop()
        log.close()
    return {
        "status": "ok",
        "latencies": latencies["in place"],
        "renamed latencies": latencies["renamed"],
        "peak_mb": peak,
    }


def _poll(proc, url: str, token: str, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and proc.poll() is None:
        body = _fetch(url)
        if body is not None and token in body:
            return True
        time.sleep(0.05)
    return False
