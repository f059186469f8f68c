"""Event exports (SPEC §4): iCalendar files, ``events.json`` and JSON-LD ``Event``.

Calendars are built with the ``icalendar`` library (RFC 5545 folding, escaping
and VTIMEZONE components come from it). UIDs derive from the event's document and
anchor, so an event keeps its UID across builds and across edits of other events.
DTSTAMP is the build's reproducible "now" (``osblog_today`` or
``SOURCE_DATE_EPOCH``), else the start of today in UTC, so two builds on the same
day write identical files.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx_osblog.config import get_config
from sphinx_osblog.domain import EventRecord, get_domain
from sphinx_osblog.events import CALENDAR_FOLDER, calendar_file
from sphinx_osblog.pages import PAGE_ROOT, page_name, pages_available
from sphinx_osblog.seo import json_for_script

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from sphinx_osblog.listings import SITE_CALENDAR

SITE_EVENTS_JSON = f"{PAGE_ROOT}/events.json"
PRODID = "-//sphinx-osblog//sphinx-osblog//EN"
_ICAL_STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "moved-online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}
_SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "rescheduled": "https://schema.org/EventRescheduled",
    "moved-online": "https://schema.org/EventMovedOnline",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


def event_uid(record: EventRecord, baseurl: str) -> str:
    host = urlsplit(baseurl).hostname or "sphinx-osblog.invalid"
    key = f"{record.docname}#{record.anchor}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, key)}@{host}"


def stamp_time(app: Sphinx) -> dt.datetime:
    settings = get_config(app.env)
    if app.config.osblog_today is not None or os.environ.get("SOURCE_DATE_EPOCH"):
        return settings.now.astimezone(dt.timezone.utc)
    now = dt.datetime.now(dt.timezone.utc)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


@functools.lru_cache(maxsize=64)
def vtimezone(tzid: str) -> Any:
    """The VTIMEZONE component of an IANA zone, built once per build process."""
    import icalendar

    try:
        return icalendar.Timezone.from_tzid(tzid)
    except ValueError:
        return None


class Exporter:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.settings = get_config(app.env)
        self.baseurl = self.settings.baseurl
        self.stamp = stamp_time(app)

    def page_url(self, record: EventRecord) -> str:
        uri = self.app.builder.get_target_uri(record.docname) + f"#{record.anchor}"
        return self.baseurl + uri if self.baseurl else uri

    def vevent(self, record: EventRecord) -> Any:
        import icalendar  # only sites with events pay for the import

        event = icalendar.Event()
        event.add("uid", event_uid(record, self.baseurl))
        event.add("dtstamp", self.stamp)
        event.add("summary", record.name)
        if record.all_day:
            event.add("dtstart", record.start.date())
            # RFC 5545: DTEND of an all-day event is exclusive.
            event.add("dtend", (record.end or record.start).date() + dt.timedelta(days=1))
        else:
            event.add("dtstart", record.start)
            if record.end is not None:
                event.add("dtend", record.end)
        description = [record.summary] if record.summary else []
        for talk in record.talks:
            speakers = ", ".join(speaker.name for speaker in talk.speakers)
            description.append(f"{talk.title}" + (f" ({speakers})" if speakers else ""))
        if record.register:
            description.append(f"Register: {record.register}")
        if description:
            event.add("description", "\n\n".join(description))
        if record.location:
            event.add("location", record.location)
        elif record.online:
            event.add("location", record.online)
        event.add("url", record.url or self.page_url(record))
        event.add("status", _ICAL_STATUS[record.status])
        categories = [record.kind, *record.tags]
        event.add("categories", categories)
        return event

    def calendar(self, records: Iterable[EventRecord], name: str) -> bytes:
        import icalendar

        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        events = [self.vevent(record) for record in records]
        # VTIMEZONE first, one per zone, in a fixed order (icalendar's own helper walks a
        # set, whose order changes between processes, and rebuilds each zone every time).
        zones = sorted({r.timezone for r in records if not r.all_day})
        for tzid in zones:
            component = vtimezone(tzid)
            if component is not None:
                calendar.add_component(component)
        for event in events:
            calendar.add_component(event)
        return calendar.to_ical()

    def json_entry(self, record: EventRecord) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": event_uid(record, self.baseurl),
            "name": record.name,
            "start": record.start.date().isoformat()
            if record.all_day
            else record.start.isoformat(),
            "end": (
                (record.end.date().isoformat() if record.all_day else record.end.isoformat())
                if record.end
                else None
            ),
            "all_day": record.all_day,
            "timezone": record.timezone,
            "kind": record.kind,
            "status": record.status,
            "location": record.location or None,
            "online": record.online or None,
            "url": record.url or None,
            "register": record.register or None,
            "page": self.page_url(record),
            "projects": list(record.projects),
            "tags": list(record.tags),
            "talks": [
                {
                    "title": talk.title,
                    "speakers": [s.name for s in talk.speakers],
                    "url": talk.url or None,
                    "slides": talk.slides or None,
                    "video": talk.video or None,
                }
                for talk in record.talks
            ],
        }
        if record.cfp:
            entry["cfp"] = {
                "url": record.cfp,
                "deadline": record.cfp_deadline.date().isoformat() if record.cfp_deadline else None,
            }
        return entry


def structured_event(record: EventRecord, page_url: str, projects: Any) -> dict[str, Any]:
    """schema.org ``Event`` for one event."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": record.name,
        "startDate": record.start.date().isoformat()
        if record.all_day
        else record.start.isoformat(),
        "eventStatus": _SCHEMA_STATUS[record.status],
    }
    if record.end is not None:
        data["endDate"] = (
            record.end.date().isoformat() if record.all_day else record.end.isoformat()
        )
    places: list[dict[str, Any]] = []
    if record.location:
        places.append({"@type": "Place", "name": record.location, "address": record.location})
    if record.online:
        places.append({"@type": "VirtualLocation", "url": record.online})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    if record.location and record.online:
        mode = "MixedEventAttendanceMode"
    elif record.online or record.status == "moved-online":
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    data["url"] = record.url or page_url
    if record.summary:
        data["description"] = record.summary
    performers = {}
    for talk in record.talks:
        for speaker in talk.speakers:
            performers.setdefault(
                speaker.name,
                {
                    "@type": "Person",
                    "name": speaker.name,
                    **({"url": speaker.url} if speaker.url.startswith("http") else {}),
                },
            )
    if performers:
        data["performer"] = list(performers.values())
    if record.talks:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": talk.title,
                "startDate": data["startDate"],
                **({"url": talk.url} if talk.url else {}),
            }
            for talk in record.talks
        ]
    about = [
        {
            "@type": "SoftwareSourceCode",
            "name": projects[key].name,
            **({"codeRepository": projects[key].repo} if projects[key].repo else {}),
        }
        for key in record.projects
        if key in projects
    ]
    if about:
        data["about"] = about
    if record.register:
        data["offers"] = {"@type": "Offer", "url": record.register}
    return data


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not pages_available(app.builder):
        return
    domain = get_domain(app.env)
    records = domain.all_events()
    every = domain.every_event()
    if not every:
        return
    exporter = Exporter(app)
    settings = exporter.settings
    outputs: list[tuple[str, bytes]] = [
        (SITE_CALENDAR, exporter.calendar(records, settings.title)),
    ]
    for record in every:
        outputs.append((calendar_file(record), exporter.calendar([record], record.name)))
    for project in settings.projects.values():
        mine = [r for r in records if project.key in r.projects]
        if mine:
            outputs.append(
                (
                    f"{page_name('project', project.key)}/events.ics",
                    exporter.calendar(mine, f"{settings.title}: {project.name}"),
                )
            )
    events_json = {
        "version": 1,
        "title": settings.title,
        "events": [exporter.json_entry(record) for record in records],
    }
    outputs.append(
        (SITE_EVENTS_JSON, (json.dumps(events_json, indent=2, ensure_ascii=False) + "\n").encode())
    )
    outdir = Path(app.outdir)
    # Calendars of events that no longer exist would otherwise linger after edits.
    current = {path for path, _content in outputs}
    for stale in sorted((outdir / CALENDAR_FOLDER).glob("*.ics")):
        if stale.relative_to(outdir).as_posix() not in current:
            stale.unlink()
    for path, content in outputs:
        target = outdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)


def add_event_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    domain = get_domain(app.env)
    records = [record for record in domain.events.get(pagename, []) if record.listed]
    tags = []
    if records:
        exporter = Exporter(app)
        projects = exporter.settings.projects
        for record in records:
            data = structured_event(record, exporter.page_url(record), projects)
            tags.append(
                '<script type="application/ld+json" class="osblog-jsonld">'
                + json_for_script(data)
                + "</script>"
            )
    if pages_available(app.builder) and domain.all_events():
        settings = get_config(app.env)
        href = context["pathto"](SITE_CALENDAR, 1)
        from html import escape

        tags.append(
            f'<link rel="alternate" type="text/calendar" title="{escape(settings.title)} '
            f'(calendar)" href="{escape(href)}" class="osblog-calendar-link">'
        )
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def setup_calendar(app: Sphinx) -> None:
    app.connect("html-page-context", add_event_metadata)
    app.connect("build-finished", write_calendars)
