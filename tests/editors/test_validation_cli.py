"""Bad content through the REAL build: the CLI, in a subprocess, one fault each.

Each of the fault table's field cases (tests/editors/faults/fields.py) copies
content/ into its own folder, breaks one thing, and runs
`python3 -m tools.build.sitebuild` over it with an output folder that already holds
a good build. Every case must: exit non-zero, name the file, the line (where
there is one) and the field, and leave the previous output byte for byte.

The cases run in parallel threads (each is a ~1 s subprocess), once per
session; the parametrised tests then read their results.
"""

from __future__ import annotations

import pytest

from tests.contentcopy import Fault, build_faults, copy_content
from tests.editors.faults import CASES
from tests.editors.faults.fields import AR_NEWS, EN_ARTICLE, EN_NEWS
from tests.mutations import replace
from tests.sitecheck import Outcome, cli_build

FIELD_CASES = [case for case in CASES if case.group == "fields"]


@pytest.fixture(scope="session")
def results(tmp_path_factory, good_output) -> dict[str, Outcome]:
    faults = [Fault(case.id, case.mutate) for case in FIELD_CASES]
    # build_faults asserts one result per case: a repeated id would replace another's
    # with each copy's folder: a line given as text is looked up in the broken file
    return build_faults(
        tmp_path_factory.mktemp("bad"),
        good_output,
        faults,
        after=lambda fault, copy, outcome: (outcome, copy.content),
    )


@pytest.mark.parametrize("case", FIELD_CASES, ids=[case.id for case in FIELD_CASES])
def test_bad_input_stops_the_build_and_says_where(results, case):
    result, content = results[case.id]
    assert result.code != 0, f"{case.id}: the build succeeded\n{result.stderr}"
    lines = [line.strip() for line in result.stderr.splitlines()]
    for expect in case.expects:
        expected = f"{expect.where(content)}: {expect.field}: "
        matching = [line for line in lines if line.startswith(expected)]
        assert matching, f"no line starting {expected!r} in:\n{result.stderr}"
        assert any(all(w in line for w in expect.words) for line in matching), (
            expect.words,
            matching,
        )
    assert "Traceback" not in result.stderr
    # output/ is exactly the previous good build, and no staging folder is left
    assert result.after == result.before
    assert result.leftovers == []


def test_all_problems_reported_at_once(tmp_path):
    """Three faults in three files: one run names all three."""
    content = tmp_path / "content"
    copy_content(content)
    replace(EN_NEWS, "Lang: en", "Lang: fr")(content)
    replace(AR_NEWS, "Date: 2023-10-02 09:00", "Date: 2023-10-99")(content)
    replace(EN_ARTICLE, "Summary:", "Sumary:")(content)
    done = cli_build(content, tmp_path / "output", tmp_path / "cache")
    assert done.returncode == 2
    assert f"content/{EN_NEWS}:3: lang:" in done.stderr
    assert f"content/{AR_NEWS}:2: date:" in done.stderr
    assert f"content/{EN_ARTICLE}:6: sumary:" in done.stderr
    assert "3 content problems" in done.stderr
    assert not (tmp_path / "output").exists()
