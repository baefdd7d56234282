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


JSON_SCHEMA = XSD.parent / "schedule.json"


@functools.cache
def _json_validator():
    import json

    import jsonschema

    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.Draft6Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def json_errors(data: bytes) -> list[str]:
    """The c3voc JSON schema's complaints about one schedule.json (formats checked)."""
    import json

    found = _json_validator().iter_errors(json.loads(data))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def assert_valid_json(data: bytes) -> dict:
    """The parsed file, after checking it against c3voc's schedule.json schema."""
    import json

    errors = json_errors(data)
    assert not errors, "\n".join(errors[:20])
    return json.loads(data)
