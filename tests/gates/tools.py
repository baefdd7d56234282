"""Where the gates' tools are; a missing one fails the test and says how to install it.

Never a skip: a gate that cannot run is a failed gate.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

SETUP_HINT = "Run `scripts/setup.sh` (it installs everything the tests need), then the tests again."


def _fail(message: str):
    pytest.fail(f"{message}\n{SETUP_HINT}", pytrace=False)


def npm_file(path: Path, package: str) -> Path:
    """A file from an npm package of package.json, installed by `npm ci`."""
    if not path.is_file():
        _fail(
            f"{path.relative_to(ROOT)} is missing: the npm package {package!r} is not installed. "
            "Install it with `npm ci` at the repository root (needs Node.js: "
            "`sudo apt-get install -y nodejs npm`)."
        )
    return path


def java() -> str:
    """The java command the Nu Html Checker runs on."""
    candidates = [os.environ.get("JAVA"), shutil.which("java")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    _fail(
        "Java not found: the Nu Html Checker (vnu.jar) needs Java 11 or newer. "
        "Install it with `sudo apt-get install -y default-jre-headless` (or set JAVA)."
    )
    return None
