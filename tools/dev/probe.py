"""The bare Pelican row's process (`python -m tools.dev.probe OUT ARGS…`):
stock Pelican, no plugins, with its Markdown conversions counted.

Stock Pelican has no figures of its own, so this counts the calls of
Python-Markdown's `Markdown.convert` in that process. Our own build is never
run through here: it writes its figures itself (`sitebuild --timings`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def probe(out: Path, argv: list[str]) -> int:
    """Run stock Pelican with argv in this process; write {"markdown conversions": n} to out."""
    import markdown.core
    import pelican

    counts = {"markdown conversions": 0}
    convert = markdown.core.Markdown.convert

    def counting(self, source):
        counts["markdown conversions"] += 1
        return convert(self, source)

    markdown.core.Markdown.convert = counting
    try:
        pelican.main(argv)
        code = 0
    except SystemExit as stop:
        code = stop.code or 0
    out.write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(probe(Path(sys.argv[1]), sys.argv[2:]))
