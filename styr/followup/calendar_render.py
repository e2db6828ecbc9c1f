"""The årshjul as an accessible SVG wheel and as iCalendar (RFC 5545) text."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar as ical
from django.utils.dateformat import format as date_format

from styr.followup.selectors import CalendarEvent

RADIUS, CENTRE = 150, 170
#: Each kind of event on its own ring: planning steps innermost, deadlines, meetings outermost.
RINGS = {"milestone": 0.42, "project": 0.52, "deadline": 0.62, "meeting": 0.82}
#: The iCalendar category of each kind of event.
CATEGORIES = {"milestone": "MILESTONE", "project": "PROJECT", "deadline": "DEADLINE", "meeting": "MEETING"}


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.sin(angle), CENTRE - radius * math.cos(angle)


def wheel(year: int, events: Sequence[CalendarEvent]) -> dict[str, Any]:
    """Geometry for the wheel template: twelve month sectors, a dot per event at its day, on its kind's ring."""
    months = []
    for month in range(12):
        start, end = month * math.pi / 6, (month + 1) * math.pi / 6
        x1, y1 = _point(start, RADIUS)
        x2, y2 = _point(end, RADIUS)
        lx, ly = _point((start + end) / 2, RADIUS + 14)
        months.append(
            {
                "path": f"M{CENTRE},{CENTRE} L{x1:.1f},{y1:.1f} A{RADIUS},{RADIUS} 0 0,1 {x2:.1f},{y2:.1f} Z",
                "label": date_format(date(year, month + 1, 1), "M"),
                "lx": f"{lx:.1f}",
                "ly": f"{ly:.1f}",
                "count": 0,
                "shade": month % 2,
            }
        )
    per_month = Counter(e.day.month for e in events if e.day.year == year)
    for month, count in per_month.items():
        months[month - 1]["count"] = count
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    dots = []
    for event in events:
        if event.day.year != year:
            continue
        angle = 2 * math.pi * (event.day.timetuple().tm_yday - 0.5) / days_in_year
        x, y = _point(angle, RADIUS * RINGS.get(event.kind, 0.82))
        dots.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "kind": event.kind, "title": f"{event.day.isoformat()} {event.title}"})
    return {"months": months, "dots": dots, "size": 2 * CENTRE, "centre": CENTRE}


def icalendar(*, name: str, events: Sequence[CalendarEvent], group_slug: str, stamp: datetime) -> str:
    """RFC 5545 text written by the icalendar library. Each event's UID names the object and the
    group, never the request's host, so a subscribed calendar keeps its events when the address changes."""
    cal = ical.Calendar()
    cal.add("prodid", "-//Styr//Arshjul//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        item = ical.Event()
        item.add("uid", f"{event.uid}.{group_slug}@styr")
        item.add("dtstamp", stamp.astimezone(UTC))
        item.add("dtstart", event.day)
        item.add("dtend", event.day + timedelta(days=1))
        item.add("summary", event.title)
        item.add("categories", [CATEGORIES.get(event.kind, "MEETING")])
        cal.add_component(item)
    return str(cal.to_ical().decode("utf-8"))
