"""What a session inherits from its edition's event status.

The edition's model resolves the status once (convening/model.py); its
programme's outputs (each session's page, JSON-LD and .ics, programme.ics)
receive the result as this plain value, so none of them decides it again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    ics_status: str = "CONFIRMED"  # iCalendar STATUS: CONFIRMED, TENTATIVE, CANCELLED
    schema_status: str = "EventScheduled"  # schema.org EventStatusType
    online: bool = False  # held online: no physical place (no room as a LOCATION)
    online_label: str = "Online"  # the .ics LOCATION of an online session, in the page language


SCHEDULED = Standing()
