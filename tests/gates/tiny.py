"""Tiny sites written into a temporary folder, to prove each gate can fail.

`page()` gives a small page that passes every gate; each fault test changes one
thing in it and asserts the gate reports exactly that.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from tools.deploy.serve import serve_in_thread

GOOD_CSS = """
body { margin: 0; font-family: sans-serif; color: #111; background: #fff; }
a { color: #0645ad; }
a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; inset-block-start: -10rem; }
.skip:focus { inset-block-start: 0; }
header { display: flex; gap: 1rem; padding: 0.5rem; }
nav ul { display: flex; gap: 1rem; margin: 0; padding: 0; list-style: none; }
main:focus { outline: none; }
"""


def page(
    body: str = "<p>Hello.</p>",
    *,
    lang: str = "en",
    dir: str = "ltr",
    head: str = "",
    header: str | None = None,
    skip_link: bool = True,
) -> str:
    if header is None:
        header = (
            '<header><a href="/" rel="home">Home</a>'
            '<nav aria-label="Main"><ul><li><a href="/a.html">A</a></li>'
            '<li><a href="/b.html">B</a></li></ul></nav>'
            '<nav class="lang-switch" aria-label="Language"><ul>'
            '<li><a href="/ar/" hreflang="ar" lang="ar">العربية</a></li></ul></nav></header>'
        )
    skip = '<a class="skip" href="#main">Skip to content</a>' if skip_link else ""
    return (
        f'<!doctype html>\n<html lang="{lang}" dir="{dir}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>Tiny</title>\n<link rel="stylesheet" href="/site.css">\n{head}</head>\n'
        f'<body>\n{skip}\n{header}\n<main id="main" tabindex="-1">\n<h1>Tiny</h1>\n'
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a tiny site: {relative path: text or bytes}; adds site.css and the link targets."""
    root = Path(root)
    defaults = {
        "site.css": GOOD_CSS,
        "a.html": page(),
        "b.html": page(),
        "ar/index.html": page(lang="ar", dir="rtl"),
    }
    for rel, content in {**defaults, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@contextlib.contextmanager
def served(root: Path):
    """The folder over HTTP with the production CSP (tools/deploy/serve.py)."""
    httpd, base_url = serve_in_thread(Path(root))
    try:
        yield base_url
    finally:
        httpd.shutdown()
        httpd.server_close()
