"""``OsblogDomain``: the one store for everything collected across documents.

Records are frozen dataclasses of plain values (never doctree nodes), kept per
document so that :meth:`OsblogDomain.clear_doc` purges a document in one step and
:meth:`OsblogDomain.merge_domaindata` merges what parallel readers collected.
``{project}`` and ``{person}`` become pending cross-references resolved here, so
every builder gets a link to the right place (or plain text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from sphinx_osblog.config import get_config
from sphinx_osblog.pages import page_name, pages_available

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class ProjectMention:
    """A place where a document highlights a registry project (a project card)."""

    project: str
    docname: str
    anchor: str
    kind: str
    """``card`` for a project card."""
    line: int
    badges: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class PersonRef:
    """A post's author or a talk's speaker: a people-registry key (``key``) or a free name."""

    key: str
    name: str
    url: str = ""


AuthorRef = PersonRef


@dataclass(frozen=True)
class PostRecord:
    """Everything lists, archives, feeds and neighbours need to know about one post."""

    docname: str
    title: str
    date: dt.datetime
    has_time: bool
    updated: dt.datetime | None
    authors: tuple[AuthorRef, ...]
    tags: tuple[tuple[str, str], ...]
    """``(key, display name)`` pairs."""
    banner: str
    """Image path relative to the source root (posix), or empty."""
    banner_alt: str
    summary: str
    draft: bool
    canonical: str
    words: int


Speaker = PersonRef


@dataclass(frozen=True)
class TalkRecord:
    """A talk at an event."""

    title: str
    anchor: str
    speakers: tuple[Speaker, ...]
    url: str
    slides: str
    video: str
    abstract: str


@dataclass(frozen=True)
class EventRecord:
    """One event, as every list, calendar and structured-data export needs it."""

    docname: str
    anchor: str
    line: int
    name: str
    start: dt.datetime
    end: dt.datetime | None
    """Inclusive: the last day for all-day events, the end instant otherwise."""
    all_day: bool
    timezone: str
    explicit_zone: bool
    location: str
    online: str
    url: str
    register: str
    kind: str
    projects: tuple[str, ...]
    tags: tuple[str, ...]
    status: str
    cfp: str
    cfp_deadline: dt.datetime | None
    talks: tuple[TalkRecord, ...]
    summary: str
    listed: bool = True
    """False for ``:unlisted:`` events: shown where written, never aggregated."""

    @property
    def ends(self) -> dt.datetime:
        """The instant the event is over (the day after the last day for all-day events)."""
        last = self.end or self.start
        if self.all_day:
            return last + dt.timedelta(days=1)
        return last if self.end else self.start + dt.timedelta(hours=1)

    def upcoming(self, now: dt.datetime) -> bool:
        """Upcoming until its end has passed; a running event counts as upcoming."""
        return self.ends > now

    @property
    def cfp_closes(self) -> dt.datetime | None:
        """When the call for papers closes: the end of its deadline day, else the event's end."""
        if not self.cfp:
            return None
        if self.cfp_deadline is not None:
            return self.cfp_deadline + dt.timedelta(days=1)
        return self.ends


@dataclass(frozen=True)
class VideoRecord:
    """A video shown inside a project card or an event, for the projects' pages."""

    docname: str
    anchor: str
    title: str
    provider: str
    projects: tuple[str, ...]
    when: dt.datetime | None
    """The start of the enclosing event; ``None`` in a card (the post's date is used)."""
    listed: bool = True


@dataclass(frozen=True)
class ProjectContext:
    """What encloses the directive being read: a project card or an event (never pickled)."""

    projects: tuple[str, ...]
    when: dt.datetime | None = None
    listed: bool = True


PROJECT_CONTEXT = "osblog_project_context"
"""``env.temp_data`` key: the stack of :class:`ProjectContext` around the current directive."""


@dataclass(frozen=True)
class Listing:
    """A place in a document that lists posts or events, rewritten when they change."""

    docname: str
    kind: str


# Bump whenever a record above changes shape, so stale pickles are discarded.
DATA_VERSION = 6

_PER_DOC_TABLES = ("mentions", "posts", "listings", "events", "videos")


class OsblogDomain(Domain):
    """Holds osblog's cross-document data and resolves its references."""

    name = "osblog"
    label = "sphinx-osblog"
    data_version = DATA_VERSION
    initial_data: dict[str, Any] = {table: {} for table in _PER_DOC_TABLES}

    @property
    def mentions(self) -> dict[str, list[ProjectMention]]:
        """Document name to the project mentions it holds, in document order."""
        return self.data.setdefault("mentions", {})

    _derived: dict[str, Any] | None = None
    """Sorted views computed once per build phase; dropped whenever the data changes."""

    def derived(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value computed from the data, cached until the next change (lists, neighbours)."""
        if self._derived is None:
            self._derived = {}
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def _changed(self) -> None:
        self._derived = None

    generated_state: dict[str, str] | None = None
    """Digests of the generated pages this build (kept on the instance, never pickled)."""

    previous_posts: dict[str, PostRecord] | None = None
    """The posts before this build's reading (kept on the instance, never pickled)."""

    @property
    def posts(self) -> dict[str, PostRecord]:
        """Document name to its post record."""
        return self.data.setdefault("posts", {})

    def add_post(self, post: PostRecord) -> None:
        self.posts[post.docname] = post
        self._changed()

    previous_events: dict[str, list[EventRecord]] | None = None
    """The events before this build's reading (kept on the instance, never pickled)."""

    @property
    def events(self) -> dict[str, list[EventRecord]]:
        """Document name to the events it describes, in document order."""
        return self.data.setdefault("events", {})

    def _append(self, table: str, record: Any) -> None:
        """Add *record* to its document's list in a per-document *table*."""
        self.data.setdefault(table, {}).setdefault(record.docname, []).append(record)
        self._changed()

    def add_event(self, record: EventRecord) -> None:
        self._append("events", record)

    def all_events(self) -> list[EventRecord]:
        """Every listed event of the site, by start, then document and place."""
        return self.derived(
            "all_events", lambda: [record for record in self.every_event() if record.listed]
        )

    def every_event(self) -> list[EventRecord]:
        """Every event, unlisted ones included (each still gets its own calendar file)."""

        def compute() -> list[EventRecord]:
            found = [record for records in self.events.values() for record in records]
            return sorted(found, key=lambda e: (e.start, e.docname, e.anchor))

        return self.derived("every_event", compute)

    @property
    def listings(self) -> dict[str, list[Listing]]:
        return self.data.setdefault("listings", {})

    def add_listing(self, listing: Listing) -> None:
        self._append("listings", listing)

    def listing_pages(self, kind: str | None = None) -> set[str]:
        return {
            docname
            for docname, found in self.listings.items()
            if any(kind in (None, listing.kind) for listing in found)
        }

    @property
    def videos(self) -> dict[str, list[VideoRecord]]:
        """Document name to the videos it shows inside project cards and events."""
        return self.data.setdefault("videos", {})

    def add_video(self, video: VideoRecord) -> None:
        self._append("videos", video)

    def videos_of(self, project: str) -> list[VideoRecord]:
        """Listed videos about *project*, by document name then document order."""
        return [
            video
            for docname in sorted(self.videos)
            for video in self.videos[docname]
            if project in video.projects and video.listed
        ]

    def add_mention(self, mention: ProjectMention) -> None:
        self._append("mentions", mention)

    def mentions_of(self, project: str) -> Iterator[ProjectMention]:
        """Every mention of *project*, by document name then document order."""
        for docname in sorted(self.mentions):
            for mention in self.mentions[docname]:
                if mention.project == project:
                    yield mention

    def tag_keys(self, env: BuildEnvironment) -> set[str]:
        """Tags that have a page: those of the registry and of listed posts."""
        from sphinx_osblog.posts import listed_posts

        def compute() -> set[str]:
            keys = set(get_config(env).registries.tags)
            keys.update(key for post in listed_posts(env) for key, _name in post.tags)
            return keys

        return self.derived("tag_keys", compute)

    def clear_doc(self, docname: str) -> None:
        self._changed()
        for table in _PER_DOC_TABLES:
            self.data.setdefault(table, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        self._changed()
        wanted = set(docnames)
        for table in _PER_DOC_TABLES:
            ours = self.data.setdefault(table, {})
            for docname, records in otherdata.get(table, {}).items():
                if docname in wanted:
                    ours[docname] = records
        # Keep every table in document-name order, whatever order the readers finished in,
        # so that serial and parallel builds iterate (and write) identically.
        for table in _PER_DOC_TABLES:
            self.data[table] = dict(sorted(self.data[table].items()))

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        settings = get_config(env)
        if typ == "tag":
            if not pages_available(builder) or target not in self.tag_keys(env):
                return contnode  # type: ignore[return-value]
            reference = make_refnode(builder, fromdocname, page_name("tag", target), "", contnode)
            reference["classes"].append("osblog-tag-link")
            return reference
        if typ == "project":
            entry = settings.projects.get(target)
            fallback_url = (entry.repo or entry.url) if entry else ""
        elif typ == "person":
            entry = settings.people.get(target)
            fallback_url = entry.url if entry else ""
        else:
            return None
        if entry is None:
            return None
        if pages_available(builder):
            reference = make_refnode(
                builder, fromdocname, page_name(typ, target), "", contnode, entry.name
            )
        elif fallback_url:
            reference = nodes.reference("", "", internal=False, refuri=fallback_url)
            reference += contnode
        else:
            # Resolved on purpose to plain text, so nitpicky builds stay quiet.
            return contnode  # type: ignore[return-value]
        reference["classes"].append(f"osblog-{typ}-link")
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


def get_domain(env: BuildEnvironment) -> OsblogDomain:
    domain = env.get_domain(OsblogDomain.name)
    assert isinstance(domain, OsblogDomain)
    return domain
