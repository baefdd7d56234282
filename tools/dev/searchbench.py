"""Search's size and speed on a built site, for invoke bench (tools/dev/benchmark.py).

- `index_bytes(site)`: the bytes of each language's Pagefind index (its meta,
  index chunks, filters, fragments and WebAssembly), what a visitor's browser
  may download for that language.
- `first_result(site, queries)`: Chromium opens the search page with `?q=`
  and the time from navigation to the first result on screen is taken, per
  language, the median of `runs`; the site is served with the production
  headers (tools/deploy/serve.py), so Trusted Types and Integrity-Policy hold.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from urllib.parse import quote

# How headless Chromium is started here and in the tests (tests/conftest.py):
# no sandbox as root, and no background requests on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def index_bytes(site: Path) -> dict[str, int]:
    bundle = Path(site) / "pagefind"
    sizes: dict[str, int] = {}
    for path in bundle.rglob("*"):
        if not path.is_file():
            continue
        name = path.name
        if name.startswith("wasm."):
            lang = name.split(".")[1]
        elif name.startswith("pagefind.") and name.endswith(".pf_meta"):
            lang = name.split(".")[1].split("_")[0]
        elif path.parent.name in ("index", "filter", "fragment"):
            lang = name.split("_")[0]
        else:
            continue  # the shared scripts
        if lang != "unknown":
            sizes[lang] = sizes.get(lang, 0) + path.stat().st_size
    return dict(sorted(sizes.items()))


def first_result(
    site: Path, queries: dict[str, tuple[str, str]], runs: int = 3, browser_path=None
) -> dict[str, float]:
    """{lang: median seconds to the first result}; queries: {lang: (path, words)}."""
    from playwright.sync_api import sync_playwright

    from tools.deploy.serve import serve_in_thread

    httpd, base = serve_in_thread(Path(site))
    found: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=browser_path or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            for lang, (path, words) in queries.items():
                times = []
                for _ in range(runs):
                    context = browser.new_context()  # a cold cache each time
                    page = context.new_page()
                    started = time.perf_counter()
                    page.goto(f"{base}{path}?q={quote(words)}")
                    page.locator(".search-result").first.wait_for(timeout=60_000)
                    times.append(time.perf_counter() - started)
                    context.close()
                found[lang] = statistics.median(times)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return found
