"""schema.org Event JSON-LD for one session, part of its edition's Event.

Serialised with the site's jsonld.dumps, which escapes <, > and &, so a
title such as `</script><script>…` stays data inside the script element.
"""

from __future__ import annotations

from smex_site import jsonld

from .model import Session
from .safe import plain_text


def session_data(session: Session, *, page_url: str, edition_url: str) -> dict:
    """The JSON-LD object (for tests and for merging into a graph)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page_url,
        "url": page_url,
        "identifier": session.guid,
        "name": session.title,
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "Place", "name": session.room},
        "superEvent": {"@type": "Event", "@id": edition_url, "url": edition_url},
    }
    if session.language:
        data["inLanguage"] = session.language
    description = plain_text(session.abstract)
    if description:
        data["description"] = description
    if session.speakers:
        data["performer"] = [
            {"@type": "Person", "name": speaker.name} for speaker in session.speakers
        ]
    return data


def session_jsonld(session: Session, *, page_url: str, edition_url: str) -> str:
    """The text for <script type="application/ld+json"> (nothing breaks out)."""
    return jsonld.dumps(session_data(session, page_url=page_url, edition_url=edition_url))
