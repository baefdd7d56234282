"""Runs inside a measured build process (`python -m tools.dev.probe`): counts
Markdown conversions and times the plugin's work on reports, editions and
programmes."""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_KINDS = ("report", "edition", "programme")


def probe(out: Path, tool: str, argv: list[str]) -> int:
    """Run a build in this process, counting Markdown conversions (any reader)
    and, for our build, timing the plugin's work on publications and editions."""
    import markdown.core

    counts = {"markdown conversions": 0}
    convert = markdown.core.Markdown.convert

    def counting(self, source):
        counts["markdown conversions"] += 1
        return convert(self, source)

    markdown.core.Markdown.convert = counting
    spent: dict[str, float] = {}
    if tool == "sitebuild":
        _install_plugin_timers(spent)
        from tools.build import sitebuild

        code = sitebuild.main(argv)
    else:
        import pelican

        try:
            pelican.main(argv)
            code = 0
        except SystemExit as stop:
            code = stop.code or 0
    counts["plugin seconds"] = sum(spent.values())
    counts["plugin parts"] = spent
    out.write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    return code


def _timer(spent: dict, depth: list):
    """A decorator factory: adds a call's CPU time to spent[label], outermost calls only."""

    def timed(label, function, mine=lambda *args, **kwargs: True):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if depth[0] or not mine(*args, **kwargs):
                return function(*args, **kwargs)
            depth[0] += 1
            tick = time.process_time()  # CPU, not wall: a busy machine adds little noise
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                spent[label] = spent.get(label, 0.0) + time.process_time() - tick

        return wrapper

    return timed


def _install_plugin_timers(spent: dict) -> None:
    """Wrap the validation of reports, editions and programmes, their kinds'
    hooks and their generators; nested calls are counted once."""
    sys.path.insert(0, str(ROOT / "plugins"))
    import smex_site
    from smex_site import validation
    from smex_site.convening import ConveningGenerator, ProgrammeGenerator
    from smex_site.publications import PublicationsGenerator

    timed = _timer(spent, [0])

    def plugin_kind(ctx, doc, rel, lang, folder, kind):
        return kind.name in PLUGIN_KINDS

    validation._read = timed("validation: read and check", validation._read, plugin_kind)
    hooks = ("site_check", "read_data", "data_pages", "listings", "page_path")
    for kind in (kind for kind in smex_site.KINDS if kind.name in PLUGIN_KINDS):
        for hook in (hook for hook in hooks if getattr(kind, hook, None) is not None):
            object.__setattr__(kind, hook, timed(f"{kind.name}.{hook}", getattr(kind, hook)))
    for generator in (ConveningGenerator, ProgrammeGenerator, PublicationsGenerator):
        for method in ("generate_context", "generate_output"):
            label = f"{generator.__name__}.{method}"
            setattr(generator, method, timed(label, getattr(generator, method)))


if __name__ == "__main__":  # python -m tools.dev.probe OUT sitebuild|pelican ARGS…
    sys.exit(probe(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]))
