"""The editors' page on the programme, in both languages, names commands and
options that exist."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def invoke(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip


@pytest.mark.parametrize(
    ("name", "other"), [("programme.md", "programme.ar.md"), ("programme.ar.md", "programme.md")]
)
def test_the_programme_guide_names_real_commands(name, other):
    guide = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert f"]({other})" in guide
    listed = invoke("--list")
    used = set(re.findall(r"invoke (\w+)", guide))
    assert {"programme", "build", "serve"} <= used
    for task in used:
        assert re.search(rf"^\s+{task}\b", listed, re.MULTILINE), task
    options = invoke("--help", "programme")
    for option in set(re.findall(r"invoke programme ([^\n`]*)", guide)):
        for flag in re.findall(r"--[a-z]+", option):
            assert flag in options, flag
    assert "programme-released" in guide and "content/data/programme/" in guide
