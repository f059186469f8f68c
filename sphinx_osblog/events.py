"""``event`` and ``talk`` (SPEC §3): events described in posts, aggregated site-wide.

The directives validate every option (a bad one is a located ``osblog.event``
warning and is left out), store an :class:`EventRecord` in the domain and emit
ordinary docutils nodes inside two osblog containers, so every builder renders
the name, dates, place, links, projects and talks. HTML adds ``<time>`` elements
that a small static script completes with the reader's local time, and an
"add to calendar" link to the event's own ``.ics`` file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinx.util.osutil import relative_uri

from sphinx_osblog.dates import BadDate, display_range, parse_datetime, zone
from sphinx_osblog.directives import OsblogDirective, flag_option, split_list, text_option
from sphinx_osblog.domain import EventRecord, ProjectContext, Speaker, TalkRecord, get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import PAGE_BUILDERS, file_segment
from sphinx_osblog.projects import badge
from sphinx_osblog.registry import person_ref
from sphinx_osblog.render import (
    PASSTHROUGH,
    SKIP,
    add_osblog_node,
    labelled_list,
    non_html,
    osblog_node,
    osblog_xref,
    person_link,
)
from sphinx_osblog.warnings import OsblogWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EVENT_KINDS = ("conference", "meetup", "workshop", "webinar", "hackathon", "other")
EVENT_STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled", "moved-online")
CALENDAR_FOLDER = "_osblog/events"
UNLISTED_EVENTS = "osblog_unlisted_events"
"""``env.temp_data`` key: while true, events are read as if marked ``:unlisted:``.

For documentation tooling that shows example events which did not happen.
"""
_TALK_STACK = "osblog_event_talks"


class event(osblog_node, nodes.General):
    """One event: header, body and talks."""


class talk(osblog_node, nodes.General):
    """One talk at an event."""


class event_time(osblog_node, nodes.Inline, nodes.TextElement):
    """The event's dates; ``<time>`` in HTML, completed with the reader's local time."""


class calendar_link(osblog_node, nodes.Inline, nodes.TextElement):
    """ "Add to calendar": a link to the event's ``.ics`` file (HTML only)."""


def calendar_file(record: EventRecord) -> str:
    """The output path of an event's own calendar file."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", record.docname).strip("-")
    return f"{CALENDAR_FOLDER}/{file_segment(f'{slug}--{record.anchor}')}.ics"


def parse_event_time(value: str, tz: ZoneInfo) -> tuple[dt.datetime, bool]:
    """A date (all-day) or a date-time; :class:`BadDate` when impossible."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            raise BadDate(f"{text!r} is not a real date") from exc
        return dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz), True
    # Shown in the event's own zone, whatever offset the writer typed.
    return parse_datetime(text, tz).astimezone(tz), False


def parse_speakers(value: str, people: Any) -> tuple[list[Speaker], list[str]]:
    """Speakers as registry keys, ``Name <url>`` or plain names; returns problems too."""
    speakers: list[Speaker] = []
    problems: list[str] = []
    for raw in split_list(value):
        speaker, found = person_ref(raw, people)
        speakers.append(speaker)
        problems.extend(f"speaker {problem}" for problem in found)
    return speakers, problems


def speaker_nodes(speakers: list[Speaker] | tuple[Speaker, ...]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for index, speaker in enumerate(speakers):
        if index:
            result.append(nodes.Text(", "))
        result.append(person_link(speaker, "osblog-speaker"))
    return result


def _link(label: str, url: str, css: str) -> nodes.reference:
    return nodes.reference("", label, refuri=url, internal=False, classes=[css])


class EventDirective(OsblogDirective):
    """``event NAME``: a conference, meetup, workshop, webinar or hackathon."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        name: text_option
        for name in (
            "start",
            "end",
            "timezone",
            "location",
            "online",
            "url",
            "register",
            "kind",
            "projects",
            "tags",
            "status",
            "cfp",
            "cfp-deadline",
            "class",
        )
    } | {"unlisted": flag_option}
    warning_subtype = OsblogWarning.EVENT

    def _zone(self) -> ZoneInfo:
        name = self.options.get("timezone", "")
        if name:
            try:
                return zone(name)
            except BadDate as exc:
                self.warn(f":timezone: {exc}; using {self.settings.timezone.key}")
        return self.settings.timezone

    def _time(self, option: str, tz: ZoneInfo) -> tuple[dt.datetime, bool] | None:
        value = self.options.get(option, "")
        if not value:
            return None
        try:
            return parse_event_time(value, tz)
        except BadDate as exc:
            self.warn(f":{option}: {exc}")
            return None

    def _choice(self, option: str, choices: tuple[str, ...], default: str) -> str:
        value = self.options.get(option, "").lower()
        if not value:
            return default
        if value in choices:
            return value
        self.warn(
            f":{option}: must be one of {', '.join(choices)}, not {value!r}; using {default!r}"
        )
        return default

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        tz = self._zone()
        start = self._time("start", tz)
        if start is None:
            if not self.options.get("start"):
                self.warn(":start: is required (a date such as 2019-05-20 or a date-time)")
            return self._body_only(name)
        end = self._time("end", tz)
        if end is not None and end[1] != start[1]:
            self.warn(":end: must be a date when :start: is a date, and a date-time when it is one")
            end = None
        if end is not None and end[0] < start[0]:
            self.warn(":end: is before :start:; the end is ignored")
            end = None
        cfp_deadline = self._time("cfp-deadline", tz)
        project_keys = []
        self.note_registry("projects")
        self.note_registry("people")
        for key in split_list(self.options.get("projects", "")):
            if key in self.settings.projects:
                project_keys.append(key)
            else:
                self.warn(f":projects: unknown project key {key!r} (not in osblog_projects)")
        online = self.checked_url("online")
        record_fields = {
            "name": name,
            "start": start[0],
            "end": end[0] if end else None,
            "all_day": start[1],
            "timezone": tz.key,
            "explicit_zone": bool(self.options.get("timezone")),
            "location": self.options.get("location", ""),
            "online": online,
            "url": self.checked_url("url"),
            "register": self.checked_url("register"),
            "kind": self._choice("kind", EVENT_KINDS, "other"),
            "projects": tuple(project_keys),
            "tags": tuple(split_list(self.options.get("tags", ""))),
            "status": self._choice("status", EVENT_STATUSES, "scheduled"),
            "cfp": self.checked_url("cfp"),
            "cfp_deadline": cfp_deadline[0] if cfp_deadline else None,
            "listed": not ("unlisted" in self.options or self.env.temp_data.get(UNLISTED_EVENTS)),
        }

        node = event("", classes=["osblog-event", *self.options.get("class", "").split()])
        self.set_source_info(node)
        anchor = self.assign_id(node, f"event-{name}")
        body = nodes.container("", classes=["osblog-event-body"])
        stack = self.env.temp_data.setdefault(_TALK_STACK, [])
        stack.append([])
        context = ProjectContext(
            record_fields["projects"], record_fields["start"], record_fields["listed"]
        )
        try:
            self.parse_body(body, context)
        finally:
            talks: list[TalkRecord] = stack.pop()
        record = EventRecord(
            docname=self.env.docname,
            anchor=anchor,
            line=self.lineno,
            talks=tuple(talks),
            summary=" ".join(
                " ".join(p.astext().split())
                for p in body.findall(nodes.paragraph)
                if p.parent is body
            )[:500],
            **record_fields,
        )
        get_domain(self.env).add_event(record)
        node["record"] = record.anchor
        node += self._header(record)
        talk_nodes = [child for child in body.children if isinstance(child, talk)]
        for child in talk_nodes:
            body.remove(child)
        if body.children:
            node += body
        if talk_nodes:
            talks_box = nodes.container("", classes=["osblog-event-talks"])
            talks_box.extend(talk_nodes)
            node += talks_box
        return [node]

    def _body_only(self, name: str) -> list[nodes.Node]:
        """Without a usable start the event is not listed, but its text is kept."""
        box = nodes.container("", classes=["osblog-event", "osblog-event-invalid"])
        title = nodes.paragraph("", classes=["osblog-event-title"])
        title += nodes.strong(name, name, classes=["osblog-event-name"])
        box += title
        self.parse_body(box)
        return [box]

    def _header(self, record: EventRecord) -> nodes.container:
        header = nodes.container("", classes=["osblog-event-header"])
        title = nodes.paragraph("", classes=["osblog-event-title"])
        name = nodes.strong(record.name, record.name, classes=["osblog-event-name"])
        if record.url:
            reference = _link("", record.url, "osblog-event-link")
            reference += name
            title += reference
        else:
            title += name
        if record.status != "scheduled":
            label = status_label(record.status)
            title += nodes.Text(" ")
            title += badge(
                label,
                label,
                classes=["osblog-badge", "osblog-event-status", f"osblog-status-{record.status}"],
            )
        header += title
        language = self.env.config.language
        when = nodes.paragraph("", classes=["osblog-event-when"])
        text = display_range(record.start, record.end, record.all_day, language)
        when += event_time(
            "",
            text,
            datetime=record.start.isoformat()
            if not record.all_day
            else record.start.date().isoformat(),
            local="" if record.all_day else record.start.astimezone(dt.timezone.utc).isoformat(),
            classes=["osblog-event-time"],
        )
        kind_label = kind_name(record.kind)
        when += nodes.Text(" · ")
        when += nodes.inline(kind_label, kind_label, classes=["osblog-event-kind"])
        header += when
        if record.location or record.online:
            where = nodes.paragraph("", classes=["osblog-event-where"])
            if record.location:
                where += nodes.inline(
                    record.location, record.location, classes=["osblog-event-location"]
                )
            if record.online:
                if record.location:
                    where += nodes.Text(" · ")
                where += _link(str(_("Online")), record.online, "osblog-event-online")
            header += where
        links = nodes.paragraph("", classes=["osblog-event-links"])
        for label, url, css in (
            (str(_("Register")), record.register, "osblog-event-register"),
            (str(_("Call for papers")), record.cfp, "osblog-event-cfp"),
        ):
            if url:
                if links.children:
                    links += nodes.Text(" · ")
                links += _link(label, url, css)
        if record.cfp and record.cfp_deadline:
            deadline = display_range(record.cfp_deadline, None, True, language)
            text = " " + str(_("(until %s)")) % deadline
            links += nodes.inline(text, text, classes=["osblog-event-cfp-deadline"])
        links += calendar_link(
            "",
            str(_("Add to calendar")),
            file=calendar_file(record),
            separator=bool(links.children),
            classes=["osblog-event-ics"],
        )
        header += links
        if record.projects:
            names = {key: self.settings.projects[key].name for key in record.projects}
            header += labelled_list(
                "osblog-event-projects",
                str(_("Projects:")) + " ",
                "osblog-event-projects-label",
                [
                    osblog_xref(
                        "project", key, nodes.inline(name, name, classes=["osblog-project-ref"])
                    )
                    for key, name in names.items()
                ],
            )
        return header


class TalkDirective(OsblogDirective):
    """``talk TITLE``: a talk at the enclosing event."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        name: text_option for name in ("speakers", "url", "slides", "video", "class")
    }
    warning_subtype = OsblogWarning.EVENT

    def run(self) -> list[nodes.Node]:
        title_text = self.arguments[0].strip()
        self.note_registry("people")
        speakers, problems = parse_speakers(self.options.get("speakers", ""), self.settings.people)
        for problem in problems:
            self.warn(f":speakers: {problem}")
        url = self.checked_url("url")
        slides = self.checked_url("slides")
        video = self.checked_url("video")
        node = talk("", classes=["osblog-talk", *self.options.get("class", "").split()])
        self.set_source_info(node)
        anchor = self.assign_id(node, f"talk-{title_text}")
        title = nodes.paragraph("", classes=["osblog-talk-title"])
        name = nodes.strong(title_text, title_text, classes=["osblog-talk-name"])
        if url:
            reference = _link("", url, "osblog-talk-link")
            reference += name
            title += reference
        else:
            title += name
        node += title
        if speakers:
            line = nodes.paragraph("", classes=["osblog-talk-speakers"])
            line.extend(speaker_nodes(speakers))
            node += line
        if slides or video:
            links = nodes.paragraph("", classes=["osblog-talk-links"])
            for label, target, css in (
                (str(_("Slides")), slides, "osblog-talk-slides"),
                (str(_("Video")), video, "osblog-talk-video"),
            ):
                if target:
                    if links.children:
                        links += nodes.Text(" · ")
                    links += _link(label, target, css)
            node += links
        abstract = nodes.container("", classes=["osblog-talk-abstract"])
        self.parse_body(abstract)
        if abstract.children:
            node += abstract
        stack = self.env.temp_data.get(_TALK_STACK)
        if not stack:
            self.warn("a talk belongs inside an event; shown on its own and not listed")
            return [node]
        stack[-1].append(
            TalkRecord(
                title=title_text,
                anchor=anchor,
                speakers=tuple(speakers),
                url=url,
                slides=slides,
                video=video,
                abstract=" ".join(abstract.astext().split())[:1000],
            )
        )
        return [node]


def status_label(status: str) -> str:
    labels = {
        "cancelled": _("Cancelled"),
        "postponed": _("Postponed"),
        "rescheduled": _("Rescheduled"),
        "moved-online": _("Moved online"),
        "scheduled": _("Scheduled"),
    }
    return str(labels[status])


def kind_name(kind: str) -> str:
    labels = {
        "conference": _("Conference"),
        "meetup": _("Meetup"),
        "workshop": _("Workshop"),
        "webinar": _("Webinar"),
        "hackathon": _("Hackathon"),
        "other": _("Event"),
    }
    return str(labels[kind])


# --- HTML ------------------------------------------------------------------------------


def visit_event_html(self: Any, node: event) -> None:
    self.body.append(self.starttag(node, "article"))


def depart_event_html(self: Any, node: event) -> None:
    self.body.append("</article>\n")


def visit_talk_html(self: Any, node: talk) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_talk_html(self: Any, node: talk) -> None:
    self.body.append("</div>\n")


def visit_event_time_html(self: Any, node: event_time) -> None:
    attributes = {"datetime": node["datetime"]}
    if node.get("local"):
        attributes["data-osblog-local"] = node["local"]
    self.body.append(self.starttag(node, "time", "", **attributes))


def depart_event_time_html(self: Any, node: event_time) -> None:
    self.body.append("</time>")


def visit_calendar_link_html(self: Any, node: calendar_link) -> None:
    if self.builder.name not in PAGE_BUILDERS:
        raise nodes.SkipNode  # calendar files are written by the html and dirhtml builders
    current = self.builder.get_target_uri(self.builder.current_docname)
    href = relative_uri(current, node["file"])
    separator = " · " if node["separator"] else ""
    self.body.append(separator + self.starttag(node, "a", "", href=href, download=""))


def depart_calendar_link_html(self: Any, node: calendar_link) -> None:
    self.body.append("</a>")


EVENTS_SCRIPT = "osblog-events.js"


# What the events script acts on: event times and event lists (in the body or a sidebar).
EVENT_MARKUP = ("data-osblog-local", "data-osblog-when")
EVENTS_SIDEBAR = "osblog/upcoming-events.html"


def add_event_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The script that re-judges event lists and shows local times, on the pages that need it."""
    if app.builder.format != "html":
        return
    body = context.get("body", "")
    sidebar = context.get("osblog")  # set by sidebars.py, which runs first
    sidebar_shows_events = EVENTS_SIDEBAR in (context.get("sidebars") or ()) and bool(
        getattr(sidebar, "sidebar_events", None)
    )
    if sidebar_shows_events or any(marker in body for marker in EVENT_MARKUP):
        app.add_js_file(
            EVENTS_SCRIPT, loading_method="defer", **{"data-osblog-your-time": str(_("your time"))}
        )


def setup_events(app: Sphinx) -> None:
    add_osblog_node(event, html=(visit_event_html, depart_event_html), **non_html(PASSTHROUGH))
    add_osblog_node(talk, html=(visit_talk_html, depart_talk_html), **non_html(PASSTHROUGH))
    add_osblog_node(
        event_time, html=(visit_event_time_html, depart_event_time_html), **non_html(PASSTHROUGH)
    )
    add_osblog_node(
        calendar_link, html=(visit_calendar_link_html, depart_calendar_link_html), **non_html(SKIP)
    )
    app.add_directive("event", EventDirective)
    app.add_directive("talk", TalkDirective)
    app.connect("html-page-context", add_event_assets, priority=600)
