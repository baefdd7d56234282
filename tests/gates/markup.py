"""Valid HTML, CSS and SVG: the Nu Html Checker (npm vnu-jar) on Java.

One JVM start for any number of folders: `vnu_problems(a, b)` checks every
.html, .css and .svg file under each folder and returns the errors per folder.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.gates import tools


def vnu_problems(*roots: Path) -> dict[Path, list[str]]:
    """Errors (not warnings) of the Nu Html Checker, by folder, as 'file:line: message'."""
    roots = tuple(Path(r).resolve() for r in roots)
    command = [
        tools.java(),
        "-jar",
        str(tools.npm_file(tools.VNU_JAR, "vnu-jar")),
        "--errors-only",
        "--format",
        "json",
        "--skip-non-html",
        "--also-check-css",
        "--also-check-svg",
        *map(str, roots),
    ]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr; exit 1 means "errors found".
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(
            f"vnu did not report (exit {result.returncode}): {result.stderr[-2000:]}"
        ) from error
    problems: dict[Path, list[str]] = {root: [] for root in roots}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        root = next((r for r in roots if path.is_relative_to(r)), None)
        where = f"{path.relative_to(root) if root else path}:{message.get('lastLine', '?')}"
        text = f"{where}: {message.get('message', '').strip()}"
        if root is None:  # not about a file: a checker failure
            for bucket in problems.values():
                bucket.append(text)
        else:
            problems[root].append(text)
    return problems
