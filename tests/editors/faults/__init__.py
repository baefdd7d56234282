"""The one table of faults: every broken copy of content/ the command-line fault
suites build, and what the build and `invoke check` must answer (case.py).

    fields.py    one field of one file, built alone (test_validation_cli.py)
    messages.py  the messages the issues list; `invoke check` agrees (test_error_messages_cli.py)
    safety.py    hostile files and HTML, all in one copy (test_content_safety_cli.py)
"""

from __future__ import annotations

from tests.editors.faults.fields import FIELD_CASES
from tests.editors.faults.messages import MESSAGE_CASES
from tests.editors.faults.safety import SAFETY_CASES

CASES = FIELD_CASES + MESSAGE_CASES + SAFETY_CASES
# the cases are found by id: a repeated one would hide another's result
assert len({case.id for case in CASES}) == len(CASES), "two fault cases share an id"
