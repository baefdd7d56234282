"""The languages are built in parallel processes (tools/perlanguage.py); the
result must be exactly what one process builds, search index included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.sitecheck import build

PARALLEL = "languages (in parallel)"


def digests(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_parallel_build_is_byte_identical_to_a_one_process_build(gate_site, tmp_path):
    overrides = {"PATH": str(gate_site.content)}
    parallel = gate_site.report
    if PARALLEL not in parallel.timings:  # a one-core machine: ask for two processes
        parallel = build(tmp_path, name="parallel", overrides=overrides, jobs=2)
    assert PARALLEL in parallel.timings
    serial = build(tmp_path, name="serial", overrides=overrides, jobs=1)
    assert PARALLEL not in serial.timings
    ours, theirs = digests(Path(parallel.output)), digests(Path(serial.output))
    assert any(name.startswith("pagefind/pagefind.en_") for name in ours)
    assert any(name.startswith("pagefind/pagefind.ar_") for name in ours)
    assert len(ours) > 200
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == []
    assert sorted(parallel.warnings) == sorted(serial.warnings)


def test_each_language_process_leaves_nothing_beside_the_output(gate_site):
    output = Path(gate_site.report.output)
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".")] == []
