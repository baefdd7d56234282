"""`invoke lighthouse`: Lighthouse's mobile performance of every programme page kind.

Issue 22's bar: each programme page scores at least 98 in Lighthouse's mobile
performance, at 48 sessions and at 200. For each size this builds the
production site (`invoke publish`'s settings, strict) with a generated
programme (tools/dev/programmecorpus.py), serves it as production does
(Debian's nginx with the config tools/deploy/nginx.py writes: the same
headers, CSP and precompressed .gz), runs Lighthouse on each page kind in
both languages (mobile preset, simulated throttling, Debian's chromium) and
prints one table per size. It exits 1 when a page scores under --min-score.

A benchmark, not a test: the scores depend on the machine's load (run it on
a quiet machine; --runs takes each page's median run). The weight of a
200-session programme is a test (tests/gates/test_gate_weight.py).

    python -m tools.dev.lighthouse [--sessions 48 200] [--runs 1] [--min-score 98]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.dev import localnginx, programmecorpus

ROOT = Path(__file__).resolve().parents[2]
NOW = "2025-10-01T12:00+03:00"  # before the edition: the programme shows, nothing is past
LANGS = {"ar": "", "en": "en/"}
EDITION = f"convening/{programmecorpus.YEAR}/"
# kind -> path inside a language's subsite; "*" is the first folder the build wrote there.
KINDS = {
    "programme": "programme/",
    "programme-day": "programme/day/*/",  # the first day's grid and list
    "room": "programme/room/*/",
    "track": "programme/track/*/",
    "session": "programme/l00001/",
    "session-removed": f"programme/{programmecorpus.REMOVED}/",
    "speaker": "speakers/*/",
    "speakers": "speakers/",
    "programme-agenda": "programme/agenda/",
    "programme-changes": "programme/changes/",
}
CHROME_FLAGS = "--headless=new --no-sandbox"


class CannotMeasure(Exception):
    """A tool is missing or failed; the message says which, and what to do."""


@dataclass
class Result:
    kind: str
    lang: str
    url: str
    score: int  # 0-100
    lcp_ms: float
    tbt_ms: float
    cls: float
    fcp_ms: float
    total_bytes: int  # every response, as transferred
    html_bytes: int  # the document, as transferred

    def row(self) -> str:
        return (
            f"| {self.kind} | {self.lang} | {self.score} | {self.lcp_ms / 1000:.2f} s "
            f"| {self.tbt_ms:.0f} ms | {self.cls:.3f} | {self.fcp_ms / 1000:.2f} s "
            f"| {self.total_bytes / 1024:.1f} | {self.html_bytes / 1024:.1f} |"
        )


HEADER = (
    "| page kind | lang | score | LCP | TBT | CLS | FCP | weight KiB | HTML KiB |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def lighthouse_command() -> list[str]:
    """The pinned Lighthouse of package.json (`npm ci`), or $LIGHTHOUSE."""
    given = os.environ.get("LIGHTHOUSE")
    found = Path(given) if given else ROOT / "node_modules" / ".bin" / "lighthouse"
    if not found.is_file():
        raise CannotMeasure(f"Lighthouse not found at {found}: run `npm ci` (package.json pins it)")
    return [str(found)]


def chrome_path() -> str:
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise CannotMeasure("Chromium not found: `apt-get install -y chromium`, or set CHROME_PATH")
    return path


def build_site(work: Path, sessions: int, origin: str) -> Path:
    """The production build of the shipped content with a generated programme."""
    from tools.build import sitebuild

    content = programmecorpus.content_with(work / "content", programmecorpus.export(sessions))
    with localnginx.environment(SITE_URL=origin, SITE_CSP_META="", SITE_ONION_URL=""):
        report = sitebuild.build(
            ROOT / "publishconf.py",
            output=work / "site",
            now=NOW,
            overrides={"PATH": str(content), "CACHE_PATH": str(work / "cache")},
            strict=True,
        )
    return report.output


def serving(site: Path, port: int, folder: Path):
    """Debian's nginx serving `site` with tools/deploy/nginx.py's server block."""
    from tools.deploy import nginx

    server = nginx.render(root=str(site), listen=(f"127.0.0.1:{port}",), languages=("en",))
    return localnginx.running(folder, [server], [port])


def page_paths(site: Path) -> dict[str, str]:
    """kind -> path inside a language's subsite, the wildcards resolved on `site`."""
    paths = {}
    for kind, pattern in KINDS.items():
        head, star, tail = (EDITION + pattern).partition("*")
        if star:
            first = sorted(p.name for p in (site / head).iterdir() if p.is_dir())[0]
            paths[kind] = head + first + tail
        else:
            paths[kind] = head
        if not (site / paths[kind] / "index.html").is_file():
            raise CannotMeasure(f"the build wrote no {kind} page at {paths[kind]}")
    return paths


def run_lighthouse(url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse report of `url`. A failed run is run again (on a loaded
    machine Lighthouse sometimes loses the trace, NO_NAVSTART, and says to)."""
    command = [
        *lighthouse_command(),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome_path()}
    failure = ""
    for _ in range(attempts):
        out.unlink(missing_ok=True)
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode or not out.is_file():
            failure = done.stderr[-2000:]
            continue
        report = json.loads(out.read_text(encoding="utf-8"))
        if not report.get("runtimeError"):
            return report
        failure = str(report["runtimeError"])
    raise CannotMeasure(f"Lighthouse failed {attempts} times on {url}:\n{failure}")


def result(kind: str, lang: str, url: str, report: dict) -> Result:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    html = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Document")
    return Result(
        kind=kind,
        lang=lang,
        url=url,
        score=round(report["categories"]["performance"]["score"] * 100),
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        total_bytes=int(audits["total-byte-weight"]["numericValue"]),
        html_bytes=int(html),
    )


def median_run(runs: list[Result]) -> Result:
    """The run with the median score (then the median LCP), as Lighthouse advises."""
    return sorted(runs, key=lambda r: (r.score, -r.lcp_ms))[len(runs) // 2]


def measure(sessions: int, runs: int, work: Path, kinds: list[str] | None) -> list[Result]:
    port = localnginx.free_port()
    origin = f"http://127.0.0.1:{port}"
    site = build_site(work / f"s{sessions}", sessions, origin)
    paths = page_paths(site)
    results = []
    with serving(site, port, work / f"nginx-{sessions}"):
        for kind, path in paths.items():
            if kinds and kind not in kinds:
                continue
            for lang, prefix in LANGS.items():
                url = f"{origin}/{prefix}{path}"
                out = work / "report.json"
                measured = [result(kind, lang, url, run_lighthouse(url, out)) for _ in range(runs)]
                results.append(median_run(measured))
                print(results[-1].row(), file=sys.stderr, flush=True)
    return results


def table(sessions: int, results: list[Result]) -> str:
    scores = [r.score for r in results]
    lines = [f"### {sessions} sessions", "", HEADER, *(r.row() for r in results), ""]
    lines.append(f"lowest score {min(scores)}, median {statistics.median(scores):g}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[48, 200])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the median counts)")
    parser.add_argument("--min-score", type=int, default=98, help="exit 1 below this score")
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), help="only these kinds")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    try:
        lighthouse_command(), chrome_path()
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
            runs = max(1, args.runs)
            every = {n: measure(n, runs, Path(work), args.kinds) for n in args.sessions}
    except (CannotMeasure, localnginx.NginxError) as problem:
        print(f"invoke lighthouse: {problem}", file=sys.stderr)
        return 2
    load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    print(f"Lighthouse, mobile, performance; {load} ({os.cpu_count()} cores)\n")
    for sessions, results in every.items():
        print(table(sessions, results) + "\n")
    if args.json:
        figures = {n: [vars(r) for r in rs] for n, rs in every.items()}
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    low = [f"{r.lang} {r.kind} ({n}): {r.score}" for n, rs in every.items() for r in rs
           if r.score < args.min_score]  # fmt: skip
    if low:
        print(f"Under {args.min_score}: " + "; ".join(low), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
