"""schema.org Event JSON-LD for one session, part of its edition's Event.

Serialised with the site's jsonld.dumps, which escapes <, > and &, so a
title such as `</script><script>…` stays data inside the script element.
"""

from __future__ import annotations

from smex_site import jsonld
from smex_site.convening.standing import SCHEDULED, Standing

from .model import Session
from .safe import plain_text

SCHEMA = "https://schema.org/"


def session_data(
    session: Session,
    *,
    page_url: str,
    edition_url: str,
    standing: Standing = SCHEDULED,
    images: dict | None = None,
) -> dict:
    """The JSON-LD object (for tests and for merging into a graph). The
    session's status and place are its edition's (`standing`): online, it
    has a VirtualLocation (its page), never the room as a Place. `images`:
    speaker slug -> the URL of our stored copy of their avatar, if any."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page_url,
        "url": page_url,
        "identifier": session.guid,
        "name": session.title,
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": SCHEMA + standing.schema_status,
        "location": (
            {"@type": "VirtualLocation", "url": page_url}
            if standing.online
            else {"@type": "Place", "name": session.room}
        ),
        "superEvent": {"@type": "Event", "@id": edition_url, "url": edition_url},
    }
    if standing.online:
        data["eventAttendanceMode"] = SCHEMA + "OnlineEventAttendanceMode"
    if session.spoken:  # several for a bilingual session (spoken.py)
        spoken = list(session.spoken)
        data["inLanguage"] = spoken[0] if len(spoken) == 1 else spoken
    description = plain_text(session.abstract)
    if description:
        data["description"] = description
    if session.speakers:
        images = images or {}  # speaker slug -> our stored copy's URL, never pretalx's
        data["performer"] = [
            {
                "@type": "Person",
                "name": s.name,
                **({"image": images[s.slug]} if s.slug in images else {}),
            }
            for s in session.speakers
        ]
    return data


def session_jsonld(
    session: Session, *, page_url: str, edition_url: str, standing: Standing = SCHEDULED
) -> str:
    """The text for <script type="application/ld+json"> (nothing breaks out)."""
    data = session_data(session, page_url=page_url, edition_url=edition_url, standing=standing)
    return jsonld.dumps(data)
