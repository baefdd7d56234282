"""The c3voc schedule.xml schema (tests/schemas/c3voc, vendored with its
source named): every schedule.xml the tests build is validated against it."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent.parent / "schemas" / "c3voc" / "schedule.xml.xsd"


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def schedule_errors(data: bytes) -> list[str]:
    """The schema's complaints about one schedule.xml (none when valid)."""
    schema = _schema()
    if schema.validate(etree.fromstring(data)):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def assert_valid(data: bytes) -> etree._Element:
    """The parsed file, after checking it against the c3voc schema."""
    errors = schedule_errors(data)
    assert not errors, "\n".join(errors)
    return etree.fromstring(data)
