"""The languages are built in parallel processes (tools/build/perlanguage.py); the
result must be exactly what one process builds, search index included."""

from __future__ import annotations

from pathlib import Path

from tests.sitecheck import build, tree_digest

PARALLEL = "languages (in parallel)"


def test_the_parallel_build_is_byte_identical_to_a_one_process_build(gate_site, tmp_path):
    overrides = {"PATH": str(gate_site.content)}
    parallel = gate_site.report
    if PARALLEL not in parallel.timings:  # a one-core machine: ask for two processes
        parallel = build(tmp_path, name="parallel", overrides=overrides, jobs=2)
    assert PARALLEL in parallel.timings
    serial = build(tmp_path, name="serial", overrides=overrides, jobs=1)
    assert PARALLEL not in serial.timings
    ours, theirs = tree_digest(Path(parallel.output)), tree_digest(Path(serial.output))
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
