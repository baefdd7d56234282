"""A content copy with a real public export (tests/fixtures/programme/public/):
rC3 Channels' pretalx export, taken in as `invoke programme` takes it in.

Its conference is in December 2020, and the reader wants the edition of
that year. The shipped 2020 edition was held online (no room is a place,
so no grid or room pages), so the copy's 2020 edition is replaced by a
test edition: in person, in the export's own time zone and dates, titled
as a test so nobody reads it as one of ours. content/ itself is never
touched.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from tests.contentcopy import copy_content
from tests.programme.support import FIXTURES

EXPORT = FIXTURES / "public" / "pretalx-rc3.json"
YEAR = 2020
TIMEZONE = "Europe/Berlin"  # the export's offsets (+01:00); pretalx names no zone in it
TAKEN_IN = dt.datetime(2021, 1, 2, 9, 0, tzinfo=dt.UTC)  # the import's "now"

_EDITION = """Title: {title}
Lang: {lang}
Slug: 2020
Year: 2020
Format: in-person
City: {city}
Timezone: Europe/Berlin
Start: 2020-12-27
End: 2020-12-30
Summary: {summary}

{summary}
"""
_WORDS = {
    "en": {
        "title": "Test edition 2020 (rC3 Channels export)",
        "city": "Test city",
        "summary": "A test edition that carries a public pretalx export (test fixture).",
    },
    "ar": {
        "title": "دورة اختبار 2020 (برنامج rC3 Channels)",
        "city": "مدينة اختبار",
        "summary": "دورة للاختبار تحمل برنامجاً منشوراً من pretalx (ملف اختبار).",
    },
}


def export() -> dict:
    """The vendored export, parsed: what the tests count against."""
    return json.loads(EXPORT.read_text(encoding="utf-8"))


def public_content(target: Path) -> Path:
    """A copy of content/ with the test edition and the export imported into it."""
    from tools.editors import content as content_settings
    from tools.editors import programme as tool

    copy_content(target)
    for lang, words in _WORDS.items():
        (target / lang / "editions" / "2020.md").write_text(
            _EDITION.format(lang=lang, **words), encoding="utf-8"
        )
    settings = content_settings.load({"PATH": str(target)})
    out = io.StringIO()
    done = tool.run(settings, YEAR, str(EXPORT), out=out, now=TAKEN_IN)
    assert done == 0, out.getvalue()
    return target
