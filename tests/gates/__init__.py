"""Quality gates over a built site: one module per gate, each usable on any folder or URL.

    pages.py    the page kinds every browser gate visits, in both languages
    links.py    internal links, assets and #fragments resolve (HTML, CSS, XML)
    markup.py   the Nu Html Checker (vnu-jar) over HTML, CSS and SVG
    a11y.py     axe-core at WCAG 2.1 AA, and the keyboard walk
    privacy.py  no inline script/style in the files; no foreign request or CSP report in the browser
    weight.py   bytes transferred on a cold load, against tests/budget.toml
    layout.py   no horizontal overflow; the Arabic header mirrors the English one
    tools.py    where Java, Chromium and the npm packages are, or how to install them

The test_gate_*.py modules beside them run each gate on the real site and on a tiny
site with the fault, so each gate is shown able to fail.
"""
