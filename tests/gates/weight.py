"""Page weight: bytes really transferred on a cold load, against tests/budget.toml.

cold_load(browser, url)            {"html": n, "css": n, "js": n, "fonts": n,
                                    "images": n, "other": n, "total": n}
budget_for(budget, kind)           the limits of one page kind (default + its table)
over_budget(measured, limits)      ["fonts: 140.2 KB > 120.0 KB", ...]
"""

from __future__ import annotations

import tomllib
from pathlib import Path

BUDGET_FILE = Path(__file__).resolve().parents[1] / "budget.toml"
CATEGORIES = ("html", "css", "js", "fonts", "images", "other", "total")
_BY_RESOURCE_TYPE = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "fonts",
    "image": "images",
}


def load_budget(path: Path = BUDGET_FILE) -> dict[str, dict[str, int]]:
    with open(path, "rb") as handle:
        budget = tomllib.load(handle)
    for kind, limits in budget.items():
        unknown = set(limits) - set(CATEGORIES)
        if unknown:
            raise ValueError(
                f"{path}: [{kind}] has unknown keys {sorted(unknown)}; use {CATEGORIES}"
            )
    if "default" not in budget:
        raise ValueError(f"{path}: a [default] table is required")
    return budget


def budget_for(budget: dict, kind: str) -> dict[str, int]:
    return {**budget["default"], **budget.get(kind, {})}


def cold_load(browser, url: str, width: int = 1366, height: int = 900) -> dict[str, int]:
    """Bytes per category of every response of one load in a fresh context (empty cache).

    Counts encoded body bytes as they came over the wire, plus response headers
    in `total`. Waits for the load event and for web fonts, so late fonts count.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    measured = dict.fromkeys(CATEGORIES, 0)
    finished = []
    try:
        page = context.new_page()
        # Playwright needs a Python function here, not a bound builtin.
        page.on("requestfinished", lambda request: finished.append(request))  # noqa: PLW0108
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            raise AssertionError(f"{url} answered {response.status if response else 'nothing'}")
        page.evaluate(
            "async () => { await document.fonts.ready;"
            " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }"
        )
        for request in finished:
            sizes = request.sizes()
            category = _BY_RESOURCE_TYPE.get(request.resource_type, "other")
            measured[category] += sizes["responseBodySize"]
            measured["total"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    finally:
        context.close()
    return measured


def over_budget(measured: dict[str, int], limits: dict[str, int]) -> list[str]:
    return [
        f"{category}: {kb(measured.get(category, 0))} > budget {kb(limit)}"
        for category, limit in limits.items()
        if measured.get(category, 0) > limit
    ]


def kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"
