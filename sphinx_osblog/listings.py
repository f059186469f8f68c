"""``post-list`` (SPEC §3): lists of posts, filled in when every post is known.

The directive leaves a placeholder and records the page as a listing in the
domain; at ``doctree-resolved`` the placeholder becomes ordinary nodes (a bullet
list, or sphinx-design cards in HTML), so every builder renders it. Listing pages
are rewritten whenever the set of posts changes (see ``posts.pages_to_rewrite``).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.osutil import relative_uri

from sphinx_osblog.config import get_config
from sphinx_osblog.dates import display_date, display_range
from sphinx_osblog.directives import (
    OsblogDirective,
    flag_option,
    is_number,
    split_list,
    text_option,
)
from sphinx_osblog.domain import EventRecord, Listing, PostRecord, get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import PAGE_BUILDERS, PAGE_ROOT
from sphinx_osblog.posts import listed_posts, post_date, tag_key
from sphinx_osblog.projects import (
    project_card,
    project_card_body,
    project_card_header,
    project_grid,
)
from sphinx_osblog.render import PASSTHROUGH, add_osblog_node, doc_reference, non_html, osblog_node
from sphinx_osblog.warnings import OsblogWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

POST_LIST_FORMATS = ("list", "cards", "titles")


class post_list(osblog_node, nodes.General):
    """Placeholder for a list of posts; replaced at ``doctree-resolved``."""


class PostListDirective(OsblogDirective):
    """``post-list``: posts, newest first, filtered by tag, author or year."""

    option_spec: ClassVar[dict[str, Any]] = {
        "limit": text_option,
        "tags": text_option,
        "author": text_option,
        "year": text_option,
        "format": text_option,
        "excerpts": flag_option,
    }
    warning_subtype = OsblogWarning.POST

    def _positive_int(self, option: str) -> int | None:
        raw = self.options.get(option, "")
        if not raw:
            return None
        if is_number(raw) and int(raw) > 0:
            return int(raw)
        self.warn(f":{option}: must be a positive whole number, not {raw!r}; ignored")
        return None

    def run(self) -> list[nodes.Node]:
        list_format = self.options.get("format") or "list"
        if list_format not in POST_LIST_FORMATS:
            self.warn(
                f":format: must be one of {', '.join(POST_LIST_FORMATS)}, not {list_format!r}; "
                "using 'list'"
            )
            list_format = "list"
        node = post_list(
            "",
            limit=self._positive_int("limit"),
            tags=[tag_key(tag) for tag in split_list(self.options.get("tags", ""))],
            author=self.options.get("author", ""),
            year=self._positive_int("year"),
            format=list_format,
            excerpts="excerpts" in self.options,
            classes=["osblog-post-list"],
        )
        self.set_source_info(node)
        get_domain(self.env).add_listing(Listing(self.env.docname, "posts"))
        return [node]


def select_posts(node: post_list, posts: list[PostRecord]) -> list[PostRecord]:
    selected = []
    for post in posts:
        if node["tags"] and not set(node["tags"]) & {key for key, _ in post.tags}:
            continue
        if node["author"] and not any(
            node["author"] in (author.key, author.name) for author in post.authors
        ):
            continue
        if node["year"] and post.date.year != node["year"]:
            continue
        selected.append(post)
    return selected[: node["limit"]] if node["limit"] else selected


def _title_reference(builder: Builder, fromdocname: str, post: PostRecord) -> nodes.Node:
    label = nodes.inline(post.title, post.title, classes=["osblog-post-title"])
    reference = doc_reference(builder, fromdocname, post.docname, "", label, post.title)
    reference["classes"].append("osblog-post-link")
    return reference


def _date_node(post: PostRecord, language: str | None) -> post_date:
    return post_date(
        "",
        display_date(post.date, post.has_time, language),
        datetime=post.date.isoformat() if post.has_time else post.date.date().isoformat(),
        classes=["osblog-post-date"],
    )


def render_post_list(
    node: post_list, posts: list[PostRecord], builder: Builder, docname: str, language: str | None
) -> nodes.Node:
    if not posts:
        text = str(_("No posts yet."))
        return nodes.paragraph(text, text, classes=["osblog-post-list", "osblog-empty"])
    if node["format"] == "cards" and builder.format == "html":
        grid = project_grid("", columns=2, classes=["osblog-post-list", "osblog-post-cards"])
        for post in posts:
            card = project_card("", classes=["osblog-post-card"])
            header = project_card_header("", classes=["osblog-post-card-header"])
            title = nodes.paragraph("", classes=["osblog-post-card-title"])
            title += _title_reference(builder, docname, post)
            header += title
            meta = nodes.paragraph("", classes=["osblog-post-card-meta"])
            meta += _date_node(post, language)
            header += meta
            card += header
            body = project_card_body("", classes=["osblog-post-card-body"])
            body += nodes.paragraph(post.summary, post.summary, classes=["osblog-post-excerpt"])
            card += body
            grid += card
        return grid
    bullet_list = nodes.bullet_list(
        classes=["osblog-post-list", f"osblog-post-list-{node['format']}"]
    )
    for post in posts:
        item = nodes.list_item(classes=["osblog-post-list-item"])
        line = nodes.paragraph("", classes=["osblog-post-list-title"])
        line += _title_reference(builder, docname, post)
        if node["format"] != "titles":
            line += nodes.Text(" · ")
            line += _date_node(post, language)
        item += line
        if node["excerpts"] or node["format"] == "cards":
            item += nodes.paragraph(post.summary, post.summary, classes=["osblog-post-excerpt"])
        bullet_list += item
    return bullet_list


def fill_post_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(post_list))
    if not placeholders:
        return
    posts = listed_posts(app.env)
    for node in placeholders:
        node.replace_self(
            render_post_list(
                node, select_posts(node, posts), app.builder, docname, app.config.language
            )
        )


def setup_listings(app: Sphinx) -> None:
    add_osblog_node(post_list, html=PASSTHROUGH, **non_html(PASSTHROUGH))
    app.add_directive("post-list", PostListDirective)
    app.connect("doctree-resolved", fill_post_lists)


# --- event-list -------------------------------------------------------------------------

EVENT_LIST_WHEN = ("upcoming", "past", "all", "cfp-open")
SITE_CALENDAR = f"{PAGE_ROOT}/events.ics"


class event_list(osblog_node, nodes.General):
    """Placeholder for a list of events; replaced at ``doctree-resolved``."""


class event_list_box(osblog_node, nodes.General):
    """The rendered list; in HTML it carries what the browser script needs."""


class event_entry(osblog_node, nodes.General):
    """One event in a list; hidden in HTML when the build judged it out of the list."""


class EventListDirective(PostListDirective):
    """``event-list``: the site's events, sorted by start, filtered."""

    option_spec: ClassVar[dict[str, Any]] = {
        "when": text_option,
        "kind": text_option,
        "tags": text_option,
        "project": text_option,
        "year": text_option,
        "limit": text_option,
    }
    warning_subtype = OsblogWarning.EVENT

    def run(self) -> list[nodes.Node]:
        from sphinx_osblog.events import EVENT_KINDS

        when = self.options.get("when") or "upcoming"
        if when not in EVENT_LIST_WHEN:
            self.warn(
                f":when: must be one of {', '.join(EVENT_LIST_WHEN)}, not {when!r}; "
                "using 'upcoming'"
            )
            when = "upcoming"
        kinds = split_list(self.options.get("kind", "").lower())
        for kind in kinds:
            if kind not in EVENT_KINDS:
                self.warn(f":kind: {kind!r} is not one of {', '.join(EVENT_KINDS)}")
        project = self.options.get("project", "")
        if project and project not in self.settings.projects:
            self.warn(f":project: unknown project key {project!r} (not in osblog_projects)")
        node = event_list(
            "",
            when=when,
            kinds=kinds,
            tags=split_list(self.options.get("tags", "")),
            project=project,
            year=self._positive_int("year"),
            limit=self._positive_int("limit"),
        )
        self.set_source_info(node)
        get_domain(self.env).add_listing(Listing(self.env.docname, "events"))
        return [node]


def _matches_filters(node: event_list, record: EventRecord) -> bool:
    if node["kinds"] and record.kind not in node["kinds"]:
        return False
    if node["tags"] and not {tag_key(t) for t in node["tags"]} & {tag_key(t) for t in record.tags}:
        return False
    if node["when"] == "cfp-open" and not record.cfp:
        return False
    if node["project"] and node["project"] not in record.projects:
        return False
    return not (node["year"] and record.start.year != node["year"])


def _in_window(when: str, record: EventRecord, now: dt.datetime) -> bool:
    if when == "all":
        return True
    if when == "cfp-open":
        closes = record.cfp_closes
        return closes is not None and closes > now
    return record.upcoming(now) == (when == "upcoming")


def order_events(when: str, records: list[EventRecord]) -> list[EventRecord]:
    if when == "past":
        return sorted(records, key=lambda e: (e.start, e.docname, e.anchor), reverse=True)
    if when == "cfp-open":
        far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
        return sorted(records, key=lambda e: (e.cfp_deadline or far, e.start, e.docname))
    return sorted(records, key=lambda e: (e.start, e.docname, e.anchor))


def render_event_list(
    node: event_list, records: list[EventRecord], app: Sphinx, docname: str
) -> nodes.Node:
    from sphinx_osblog.events import event_time, kind_name, status_label

    settings = get_config(app.env)
    now = settings.now
    builder = app.builder
    language = app.config.language
    when = node["when"]
    candidates = order_events(when, [r for r in records if _matches_filters(node, r)])
    is_html = builder.format == "html"
    # HTML gets every candidate so the script can re-judge "upcoming" in the reader's
    # present; entries outside the build-time window are hidden. Other formats get
    # only the build-time selection.
    shown = [r for r in candidates if _in_window(when, r, now)]
    if node["limit"]:
        shown = shown[: node["limit"]]
    entries = candidates if is_html and when != "all" else shown
    box = event_list_box(
        "",
        when=when,
        limit=node["limit"] or 0,
        classes=["osblog-event-list", f"osblog-event-list-{when}"],
    )
    items = nodes.bullet_list(classes=["osblog-event-list-items"])
    for record in entries:
        item: nodes.Element
        if is_html:
            # The instant the entry leaves the list: the event's end, or for calls
            # for papers, the end of the deadline day.
            leaves = record.cfp_closes if when == "cfp-open" else record.ends
            item = event_entry(
                "",
                ends=(leaves or record.ends).astimezone(dt.timezone.utc).isoformat(),
                hidden=record not in shown,
                classes=["osblog-event-entry"],
            )
        else:
            item = nodes.list_item("", classes=["osblog-event-entry"])
        line = nodes.paragraph("", classes=["osblog-event-entry-title"])
        label = nodes.inline(record.name, record.name, classes=["osblog-event-name"])
        reference = doc_reference(
            builder, docname, record.docname, record.anchor, label, record.name
        )
        reference["classes"].append("osblog-event-entry-link")
        line += reference
        if record.status != "scheduled":
            status = status_label(record.status)
            line += nodes.Text(" ")
            line += nodes.inline(status, f"({status})", classes=["osblog-event-status"])
        item += line
        details = nodes.paragraph("", classes=["osblog-event-entry-details"])
        text = display_range(record.start, record.end, record.all_day, language)
        details += event_time(
            "",
            text,
            datetime=record.start.date().isoformat()
            if record.all_day
            else record.start.isoformat(),
            local="" if record.all_day else record.start.astimezone(dt.timezone.utc).isoformat(),
            classes=["osblog-event-time"],
        )
        for part in (record.location, kind_name(record.kind)):
            if part:
                details += nodes.Text(" · ")
                details += nodes.inline(part, part, classes=["osblog-event-entry-meta"])
        if when == "cfp-open" and record.cfp_deadline is not None:
            deadline = display_range(record.cfp_deadline, None, True, language)
            text = " · " + str(_("call for papers until %s")) % deadline
            details += nodes.inline(text, text, classes=["osblog-event-cfp-deadline"])
        item += details
        items += item
    box += items
    box["empty_text"] = str(_("No events."))
    box["subscribe_text"] = str(_("Subscribe to the calendar"))
    box["download_text"] = str(_("Download all events (.ics)"))
    baseurl = settings.baseurl
    box["webcal"] = "webcal://" + baseurl.split("://", 1)[1] + SITE_CALENDAR if baseurl else ""
    box["empty"] = not shown
    if not is_html and not shown:
        box += nodes.paragraph(
            box["empty_text"], box["empty_text"], classes=["osblog-event-list-empty"]
        )
    return box


def fill_event_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(event_list))
    if not placeholders:
        return
    records = get_domain(app.env).all_events()
    for index, node in enumerate(placeholders):
        box = render_event_list(node, records, app, docname)
        # The calendar links once per page, under its first list.
        box["calendar_links"] = index == 0
        node.replace_self(box)


def visit_event_list_box_html(self: Any, node: event_list_box) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            **{"data-osblog-when": node["when"], "data-osblog-limit": str(node["limit"])},
        )
    )


def depart_event_list_box_html(self: Any, node: event_list_box) -> None:
    # The script shows this when re-judging leaves the list empty.
    hidden = "" if node["empty"] else " hidden"
    parts = [f'<p class="osblog-event-list-empty"{hidden}>{escape(node["empty_text"])}</p>']
    if self.builder.name in PAGE_BUILDERS and node.get("calendar_links"):
        current = self.builder.get_target_uri(self.builder.current_docname)
        links = []
        if node["webcal"]:
            links.append(
                f'<a class="osblog-calendar-subscribe" href="{escape(node["webcal"])}">'
                f"{escape(node['subscribe_text'])}</a>"
            )
        download = relative_uri(current, SITE_CALENDAR)
        links.append(
            f'<a class="osblog-calendar-download" href="{escape(download)}">'
            f"{escape(node['download_text'])}</a>"
        )
        parts.append(f'<p class="osblog-calendar-links">{" · ".join(links)}</p>')
    self.body.append("\n".join(parts) + "\n</div>\n")


def visit_event_entry_html(self: Any, node: event_entry) -> None:
    attributes = {"data-osblog-ends": node["ends"]}
    if node["hidden"]:
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, "li", **attributes))


def depart_event_entry_html(self: Any, node: event_entry) -> None:
    self.body.append("</li>\n")


def setup_event_lists(app: Sphinx) -> None:
    add_osblog_node(event_list, html=PASSTHROUGH, **non_html(PASSTHROUGH))
    add_osblog_node(
        event_list_box,
        html=(visit_event_list_box_html, depart_event_list_box_html),
        **non_html(PASSTHROUGH),
    )
    # Non-HTML builders get plain list items, so these visitors only guard misuse.
    add_osblog_node(
        event_entry, html=(visit_event_entry_html, depart_event_entry_html), **non_html(PASSTHROUGH)
    )
    app.add_directive("event-list", EventListDirective)
    app.connect("doctree-resolved", fill_event_lists)
