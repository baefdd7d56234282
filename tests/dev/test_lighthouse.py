"""`invoke lighthouse`'s own logic: what it reads from a Lighthouse report, its
table, and its exit code against --min-score. Lighthouse itself is never run
here (a benchmark, tools/dev/lighthouse.py); the pages it measures are built
and loaded by tests/gates/test_gate_weight.py (the 200-session programme)."""

from __future__ import annotations

import json

import pytest

from tools.dev import lighthouse


def report(score: float, lcp: float = 1500.0, tbt: float = 0.0, cls: float = 0.0) -> dict:
    """The parts of a Lighthouse JSON report the tool reads, as Lighthouse 13 writes them."""
    requests = [
        {"resourceType": "Document", "transferSize": 9_000},
        {"resourceType": "Stylesheet", "transferSize": 5_600},
        {"resourceType": "Font", "transferSize": 40_000},
    ]
    return {
        "categories": {"performance": {"score": score}},
        "audits": {
            "largest-contentful-paint": {"numericValue": lcp},
            "total-blocking-time": {"numericValue": tbt},
            "cumulative-layout-shift": {"numericValue": cls},
            "first-contentful-paint": {"numericValue": 1200.0},
            "total-byte-weight": {"numericValue": 54_600},
            "network-requests": {"details": {"items": requests}},
        },
    }


def test_a_report_becomes_one_row():
    found = lighthouse.result("room", "ar", "http://x/room/", report(0.97, tbt=180, cls=0.09))
    assert (found.score, found.tbt_ms, found.cls) == (97, 180, 0.09)
    assert (found.total_bytes, found.html_bytes) == (54_600, 9_000)
    assert found.row() == "| room | ar | 97 | 1.50 s | 180 ms | 0.090 | 1.20 s | 53.3 | 8.8 |"


def test_the_median_run_counts():
    runs = [lighthouse.result("session", "en", "u", report(s / 100)) for s in (90, 100, 98)]
    assert lighthouse.median_run(runs).score == 98


@pytest.mark.parametrize(("scores", "code"), [((98, 100), 0), ((97, 100), 1)])
def test_it_exits_1_under_the_minimum_and_names_the_page(monkeypatch, capsys, scores, code):
    def measure(sessions, runs, work, kinds):
        return [
            lighthouse.result(kind, "ar", "u", report(score / 100))
            for kind, score in zip(("programme", "speakers"), scores, strict=True)
        ]

    monkeypatch.setattr(lighthouse, "measure", measure)
    monkeypatch.setattr(lighthouse, "lighthouse_command", lambda: ["lighthouse"])
    monkeypatch.setattr(lighthouse, "chrome_path", lambda: "/usr/bin/chromium")
    assert lighthouse.main(["--sessions", "200", "--min-score", "98"]) == code
    out, err = capsys.readouterr()
    assert "### 200 sessions" in out and "| speakers | ar | 100 |" in out
    assert ("Under 98: ar programme (200): 97" in err) == bool(code)


def test_without_lighthouse_it_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("LIGHTHOUSE", str(tmp_path / "missing"))
    assert lighthouse.main(["--sessions", "48"]) == 2
    assert "npm ci" in capsys.readouterr().err


def fake_lighthouse(folder, failures: int):
    """A stand-in for the lighthouse binary: NO_NAVSTART `failures` times, then a report."""
    (folder / "good.json").write_text(json.dumps(report(0.99)), encoding="utf-8")
    script = folder / "lighthouse"
    script.write_text(
        "#!/bin/sh\n"
        f'n=$(cat "{folder}/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{folder}/count"\n'
        'for a in "$@"; do case "$a" in --output-path=*) out="${a#--output-path=}";; esac; done\n'
        f'if [ "$n" -le {failures} ]; then echo \'{{"runtimeError": {{"code": "NO_NAVSTART"}}}}\' '
        f'> "$out"; else cp "{folder}/good.json" "$out"; fi\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("failures", "found"), [(2, 99), (3, None)])
def test_a_lost_trace_is_measured_again(monkeypatch, tmp_path, failures, found):
    monkeypatch.setenv("LIGHTHOUSE", str(fake_lighthouse(tmp_path, failures)))
    monkeypatch.setenv("CHROME_PATH", "/bin/sh")
    out = tmp_path / "report.json"
    if found is None:
        with pytest.raises(lighthouse.CannotMeasure, match=r"(?s)failed 3 times.*NO_NAVSTART"):
            lighthouse.run_lighthouse("http://x/", out)
    else:
        got = lighthouse.result("room", "ar", "u", lighthouse.run_lighthouse("http://x/", out))
        assert got.score == found
    assert (tmp_path / "count").read_text().strip() == "3"
