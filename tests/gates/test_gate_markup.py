"""Gate 2, valid HTML and CSS: the Nu Html Checker (npm vnu-jar, on Java) finds
no error in any built HTML, CSS or SVG file.

The checker starts one JVM for the real site and the faulty tiny site together.
"""

from __future__ import annotations

import pytest

from tests.gates import tiny
from tests.gates.markup import vnu_problems

FAULTY = {
    "good.html": tiny.page(),
    "bad.html": tiny.page(
        '<p>An <blink>invalid</blink> element, <img src="/x.png"> without alt.</p>'
    ),
    "bad.css": ".card { colr: red; margin-inline: 1rem; }\n",
}


@pytest.fixture(scope="module")
def vnu_report(gate_site, tmp_path_factory):
    faulty = tiny.write(tmp_path_factory.mktemp("vnu-faulty"), FAULTY)
    report = vnu_problems(gate_site.root, faulty)
    return {"site": report[gate_site.root.resolve()], "faulty": report[faulty.resolve()]}


def test_every_built_html_css_and_svg_file_is_valid(vnu_report):
    assert not vnu_report["site"], "\n".join(vnu_report["site"])


def test_gate_reports_invalid_html_and_css(vnu_report):
    problems = "\n".join(vnu_report["faulty"])
    assert "bad.html" in problems and "“blink”" in problems
    assert "An “img” element must have an “alt” attribute" in problems
    assert "bad.css" in problems and "“colr”" in problems
    assert "margin-inline" not in problems, "logical properties are valid CSS"
    assert "good.html" not in problems and "site.css" not in problems
