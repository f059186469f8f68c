"""Generated pages (HTML builders only): the archive, and a page per tag, author and project.

Pages are written through ``html-collect-pages`` at the end of every build from
the domain's records, so they reflect the whole site whether the build was
incremental or not. Long lists are split into pages of ``osblog_page_size``
entries. Bodies are assembled here with every writer-supplied value escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_osblog.config import get_config
from sphinx_osblog.dates import display_date, display_range, month_name
from sphinx_osblog.domain import EventRecord, PostRecord, TalkRecord, get_domain
from sphinx_osblog.files import is_file
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import PAGE_ROOT, page_name, pages_available
from sphinx_osblog.posts import listed_posts
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinx_osblog.registry import Person, Project

PAGE_TEMPLATE = "page.html"
MEDIA_FOLDER = "_osblog/media"
ARCHIVE_PAGE = f"{PAGE_ROOT}/archive"
_BADGE_START = '<span class="osblog-badge sd-badge sd-bg-info sd-bg-text-info">'

GeneratedPage = tuple[str, dict[str, Any], str]


def paged_name(base: str, number: int) -> str:
    """Page *number* (1-based) of a paginated page: ``base``, ``base/page-2``, …"""
    return base if number == 1 else f"{base}/page-{number}"


class PageWriter:
    """Builds the HTML body of one generated page, with links relative to it."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        self.pagename = pagename
        self.language = app.config.language

    def link_to(self, pagename: str, anchor: str = "") -> str:
        uri = self.builder.get_relative_uri(self.pagename, pagename)
        return f"{uri}#{anchor}" if anchor else uri

    def media(self, source: str, owner: str, config_name: str) -> str | None:
        """Copy a registry image into the output; its URI relative to this page."""
        srcdir = Path(self.app.srcdir).resolve()
        path = (srcdir / source.lstrip("/")).resolve()
        if not is_file(path) or srcdir not in path.parents:
            kind = "projects" if config_name == "osblog_projects" else "people"
            origin = get_config(self.app.env).registries.files.get(kind)
            warn(
                OsblogWarning.REGISTRY,
                f"{config_name}[{owner!r}]: image {source!r} not found in the source folder",
                (origin or str(Path(self.app.confdir) / "conf.py"), None),
            )
            return None
        digest = hashlib.sha1(str(path.relative_to(srcdir)).encode()).hexdigest()[:8]
        target_name = f"{digest}-{path.name}"
        target = Path(self.app.outdir) / MEDIA_FOLDER / target_name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_mtime < path.stat().st_mtime:
            shutil.copyfile(path, target)
        depth = self.builder.get_target_uri(self.pagename).count("/")
        return "../" * depth + f"{MEDIA_FOLDER}/{target_name}"

    def post_entry(self, post: PostRecord, *, excerpt: bool = True) -> str:
        date_attr = post.date.isoformat() if post.has_time else post.date.date().isoformat()
        parts = [
            '<li class="osblog-archive-entry">',
            link(self.link_to(post.docname), post.title, "osblog-post-link"),
            f' <time class="osblog-post-date" datetime="{escape(date_attr)}">'
            f"{escape(display_date(post.date, post.has_time, self.language))}</time>",
        ]
        if post.authors:
            names = ", ".join(escape(author.name) for author in post.authors)
            parts.append(f' <span class="osblog-archive-authors">{names}</span>')
        if excerpt and post.summary:
            parts.append(f'<p class="osblog-post-excerpt">{escape(post.summary)}</p>')
        parts.append("</li>")
        return "".join(parts)

    def post_entries(self, posts: Sequence[PostRecord], *, excerpt: bool = True) -> str:
        items = "\n".join(self.post_entry(post, excerpt=excerpt) for post in posts)
        return f'<ul class="osblog-archive-list">\n{items}\n</ul>'

    def pagination(self, base: str, number: int, count: int) -> str:
        if count <= 1:
            return ""
        label = str(_("Pages"))
        parts = [f'<nav class="osblog-pagination" aria-label="{escape(label)}">']
        if number > 1:
            parts.append(
                link(
                    self.link_to(paged_name(base, number - 1)), str(_("Newer")), "osblog-page-newer"
                )
            )
        label = str(_("Page %(number)d of %(count)d")) % {"number": number, "count": count}
        parts.append(f' <span class="osblog-page-number">{escape(label)}</span> ')
        if number < count:
            parts.append(
                link(
                    self.link_to(paged_name(base, number + 1)), str(_("Older")), "osblog-page-older"
                )
            )
        parts.append("</nav>")
        return "".join(parts)


def section_heading(text: str) -> str:
    return f'<h2 class="osblog-page-section">{escape(text)}</h2>'


def empty_note(text: str) -> str:
    return f'<p class="osblog-empty">{escape(text)}</p>'


def link(url: str, text: str, css: str) -> str:
    return f'<a class="{css}" href="{escape(url)}">{escape(text)}</a>'


def page(title: str, body: Sequence[str], css: str) -> dict[str, Any]:
    # Templates insert "title" as HTML (document titles arrive rendered), so escape it.
    content = "\n".join(part for part in body if part)
    return {
        "title": escape(title),
        "body": f'<section class="osblog-page {css}">\n{content}\n</section>',
    }


def chunks(items: Sequence[PostRecord], size: int) -> list[Sequence[PostRecord]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


def archive_pages(app: Sphinx, posts: list[PostRecord]) -> Iterator[GeneratedPage]:
    """All posts grouped by year and month, newest first."""
    settings = get_config(app.env)
    pages = chunks(posts, settings.page_size)
    title = str(_("Archive"))
    for number, entries in enumerate(pages, start=1):
        pagename = paged_name(ARCHIVE_PAGE, number)
        writer = PageWriter(app, pagename)
        body = [f'<h1 class="osblog-page-title">{escape(title)}</h1>']
        for year, in_year in groupby(entries, key=lambda post: post.date.year):
            body.append(f'<h2 class="osblog-archive-year" id="y{year}">{year}</h2>')
            for month, in_month in groupby(in_year, key=lambda post: post.date.month):
                label = month_name(year, month, app.config.language)
                body.append(
                    f'<h3 class="osblog-archive-month" id="y{year}-m{month:02d}">'
                    f"{escape(label)}</h3>"
                )
                body.append(writer.post_entries(list(in_month), excerpt=False))
        if not entries:
            body.append(empty_note(str(_("No posts yet."))))
        body.append(writer.pagination(ARCHIVE_PAGE, number, len(pages)))
        yield pagename, page(title, body, "osblog-archive-page"), PAGE_TEMPLATE


def listing_pages(
    app: Sphinx, base: str, title: str, intro: Sequence[str], posts: list[PostRecord], css: str
) -> Iterator[GeneratedPage]:
    """A paginated page: *intro* (HTML built by the caller) on each page, then posts."""
    settings = get_config(app.env)
    pages = chunks(posts, settings.page_size)
    for number, entries in enumerate(pages, start=1):
        pagename = paged_name(base, number)
        writer = PageWriter(app, pagename)
        body = [f'<h1 class="osblog-page-title">{escape(title)}</h1>', *intro]
        if entries:
            body.append(section_heading(str(_("Posts"))))
            body.append(writer.post_entries(entries))
        body.append(writer.pagination(base, number, len(pages)))
        yield pagename, page(title, body, css), PAGE_TEMPLATE


def tag_pages(app: Sphinx, posts: list[PostRecord]) -> Iterator[GeneratedPage]:
    settings = get_config(app.env)
    names: dict[str, str] = {key: tag.name for key, tag in settings.registries.tags.items()}
    by_tag: dict[str, list[PostRecord]] = {key: [] for key in names}
    for post in posts:
        for key, name in post.tags:
            names.setdefault(key, name)
            by_tag.setdefault(key, []).append(post)
    for key in sorted(by_tag):
        registry_entry = settings.registries.tags.get(key)
        intro = []
        if registry_entry and registry_entry.description:
            intro.append(
                f'<p class="osblog-tag-description">{escape(registry_entry.description)}</p>'
            )
        title = str(_("Posts tagged “%s”")) % names[key]
        yield from listing_pages(
            app, page_name("tag", key), title, intro, by_tag[key], "osblog-tag-page"
        )


def author_pages(app: Sphinx, posts: list[PostRecord]) -> Iterator[GeneratedPage]:
    settings = get_config(app.env)
    for person in settings.people.values():
        base = page_name("person", person.key)
        writer = PageWriter(app, base)
        authored = [post for post in posts if any(a.key == person.key for a in post.authors)]
        intro = person_intro(writer, person) + person_talks(writer, person.key)
        yield from listing_pages(app, base, person.name, intro, authored, "osblog-author-page")


def person_intro(writer: PageWriter, person: Person) -> list[str]:
    parts = []
    if person.avatar:
        avatar = writer.media(person.avatar, person.key, "osblog_people")
        if avatar:
            parts.append(f'<img class="osblog-avatar" src="{escape(avatar)}" alt="">')
    if person.role:
        parts.append(f'<p class="osblog-author-role">{escape(person.role)}</p>')
    if person.bio:
        parts.append(f'<p class="osblog-author-bio">{escape(person.bio)}</p>')
    links = [(str(_("Website")), person.url)] if person.url else []
    links.extend((network.capitalize(), url) for network, url in person.socials)
    if links:
        items = "".join(
            f'<li class="osblog-social">{link(url, label, "osblog-social-link")}</li>'
            for label, url in links
        )
        parts.append(f'<ul class="osblog-socials">{items}</ul>')
    return parts


@dataclass(frozen=True)
class _Highlight:
    docname: str
    anchor: str
    title: str
    badges: tuple[str, ...]
    summary: str
    sort_key: tuple[bool, float, str, int]
    """Posts newest first, then other documents by name, then document order."""


def project_pages(app: Sphinx, posts: list[PostRecord]) -> Iterator[GeneratedPage]:
    settings = get_config(app.env)
    env = app.env
    domain = get_domain(env)
    post_by_doc = {post.docname: post for post in posts}
    hidden_posts = set(domain.posts) - set(post_by_doc)
    for project in settings.projects.values():
        base = page_name("project", project.key)
        writer = PageWriter(app, base)
        highlights = []
        for order, mention in enumerate(domain.mentions_of(project.key)):
            if mention.docname in hidden_posts:
                continue  # drafts and scheduled posts stay out of archives
            post = post_by_doc.get(mention.docname)
            title = (
                post.title
                if post
                else (env.titles[mention.docname].astext() if mention.docname in env.titles else "")
            )
            sort_key = (
                post is None,
                -post.date.timestamp() if post else 0.0,
                mention.docname,
                order,
            )
            highlights.append(
                _Highlight(
                    mention.docname,
                    mention.anchor,
                    title or mention.docname,
                    mention.badges,
                    mention.summary,
                    sort_key,
                )
            )
        highlights.sort(key=lambda h: h.sort_key)
        mentioned_posts = sorted(
            {post_by_doc[h.docname] for h in highlights if h.docname in post_by_doc},
            key=lambda post: (post.date, post.docname),
            reverse=True,
        )
        intro = project_intro(writer, project, highlights)
        intro.extend(project_events(writer, project.key))
        intro.extend(project_talks(writer, project.key))
        intro.extend(project_videos(writer, project.key, post_by_doc, hidden_posts))
        yield from listing_pages(
            app, base, project.name, intro, mentioned_posts, "osblog-project-page"
        )


def project_intro(writer: PageWriter, project: Project, highlights: list[_Highlight]) -> list[str]:
    parts = []
    if project.logo:
        logo = writer.media(project.logo, project.key, "osblog_projects")
        if logo:
            parts.append(f'<img class="osblog-project-page-logo" src="{escape(logo)}" alt="">')
    if project.description:
        parts.append(f'<p class="osblog-project-description">{escape(project.description)}</p>')
    facts = []
    if project.team:
        facts.append((str(_("Team")), escape(project.team)))
    if project.repo:
        facts.append(
            (str(_("Repository")), link(project.repo, project.repo, "osblog-project-repo"))
        )
    if project.url:
        facts.append((str(_("Website")), link(project.url, project.url, "osblog-project-url")))
    if facts:
        rows = "".join(
            f'<dt class="osblog-fact-label">{escape(label)}</dt>'
            f'<dd class="osblog-fact-value">{value}</dd>'
            for label, value in facts
        )
        parts.append(f'<dl class="osblog-facts">{rows}</dl>')
    parts.append(section_heading(str(_("Highlights"))))
    if not highlights:
        parts.append(empty_note(str(_("No highlights yet."))))
        return parts
    items = []
    for highlight in highlights:
        href = writer.link_to(highlight.docname, highlight.anchor)
        item = [f'<li class="osblog-mention">{link(href, highlight.title, "osblog-mention-link")}']
        item.extend(f" {_BADGE_START}{escape(label)}</span>" for label in highlight.badges)
        if highlight.summary:
            item.append(f'<p class="osblog-mention-summary">{escape(highlight.summary)}</p>')
        item.append("</li>")
        items.append("".join(item))
    parts.append('<ul class="osblog-mentions">\n' + "\n".join(items) + "\n</ul>")
    return parts


_EVENT_LINK = "osblog-event-entry-link"


def _event_line(writer: PageWriter, record: EventRecord, extra: str = "") -> str:
    when = display_range(record.start, record.end, record.all_day, writer.language)
    place = f" · {escape(record.location)}" if record.location else ""
    return (
        f'<li class="osblog-archive-entry">'
        f"{link(writer.link_to(record.docname, record.anchor), record.name, _EVENT_LINK)}"
        f' <span class="osblog-event-time">{escape(when)}</span>{place}{extra}</li>'
    )


def project_events(writer: PageWriter, key: str) -> list[str]:
    """Events the project takes part in, newest first."""
    records = [r for r in get_domain(writer.app.env).all_events() if key in r.projects]
    if not records:
        return []
    records.sort(key=lambda r: (r.start, r.docname, r.anchor), reverse=True)
    items = "\n".join(_event_line(writer, record) for record in records)
    return [
        section_heading(str(_("Events"))),
        f'<ul class="osblog-archive-list osblog-project-events">\n{items}\n</ul>',
    ]


def person_talks(writer: PageWriter, key: str) -> list[str]:
    """Talks the person gives, newest first."""
    found = [
        (record, talk)
        for record in get_domain(writer.app.env).all_events()
        for talk in record.talks
        if any(speaker.key == key for speaker in talk.speakers)
    ]
    return _talk_list(writer, found, "osblog-person-talks", speakers=False)


def project_talks(writer: PageWriter, key: str) -> list[str]:
    """Talks at the events the project takes part in, newest first."""
    found = [
        (record, talk)
        for record in get_domain(writer.app.env).all_events()
        if key in record.projects
        for talk in record.talks
    ]
    return _talk_list(writer, found, "osblog-project-talks", speakers=True)


def _talk_list(
    writer: PageWriter, found: list[tuple[EventRecord, TalkRecord]], css: str, *, speakers: bool
) -> list[str]:
    if not found:
        return []
    found.sort(key=lambda pair: (pair[0].start, pair[0].docname, pair[1].anchor), reverse=True)
    items = []
    for record, talk in found:
        title = link(writer.link_to(record.docname, talk.anchor), talk.title, "osblog-talk-link")
        when = display_range(record.start, record.end, record.all_day, writer.language)
        by = ""
        if speakers and talk.speakers:
            names = ", ".join(escape(speaker.name) for speaker in talk.speakers)
            by = f' <span class="osblog-talk-speakers">{names}</span>'
        items.append(
            f'<li class="osblog-archive-entry">{title}{by} <span class="osblog-talk-event">'
            f"{escape(record.name)}, {escape(when)}</span></li>"
        )
    return [
        section_heading(str(_("Talks"))),
        f'<ul class="osblog-archive-list {css}">\n' + "\n".join(items) + "\n</ul>",
    ]


_SortKey = tuple[bool, float, str, str]


def project_videos(
    writer: PageWriter, key: str, post_by_doc: dict[str, PostRecord], hidden_posts: set[str]
) -> list[str]:
    """Videos shown in the project's cards and events, and its talks' recordings; newest first."""
    domain = get_domain(writer.app.env)
    entries: list[tuple[tuple[bool, float, str, str], str]] = []

    def sort_key(
        when: dt.datetime | None, docname: str, anchor: str
    ) -> tuple[bool, float, str, str]:
        return (when is None, -when.timestamp() if when else 0.0, docname, anchor)

    for video in domain.videos_of(key):
        if video.docname in hidden_posts:
            continue  # drafts and scheduled posts stay out of archives
        post = post_by_doc.get(video.docname)
        when = video.when or (post.date if post else None)
        where = post.title if post else ""
        href = writer.link_to(video.docname, video.anchor)
        extra = f' <span class="osblog-video-where">{escape(where)}</span>' if where else ""
        entries.append(
            (
                sort_key(when, video.docname, video.anchor),
                f'<li class="osblog-archive-entry">'
                f"{link(href, video.title, 'osblog-video-entry-link')}{extra}</li>",
            )
        )
    for record in domain.all_events():
        if key not in record.projects:
            continue
        for talk in record.talks:
            if talk.video:
                entries.append(
                    (
                        sort_key(record.start, record.docname, talk.anchor),
                        f'<li class="osblog-archive-entry">'
                        f"{link(talk.video, talk.title, 'osblog-talk-video-link')}"
                        f' <span class="osblog-video-where">{escape(record.name)}</span></li>',
                    )
                )
    if not entries:
        return []
    entries.sort(key=lambda entry: entry[0])
    items = "\n".join(markup for _key, markup in entries)
    return [
        section_heading(str(_("Videos"))),
        f'<ul class="osblog-archive-list osblog-project-videos">\n{items}\n</ul>',
    ]


def all_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    posts = listed_posts(app.env)
    yield from archive_pages(app, posts)
    yield from tag_pages(app, posts)
    yield from author_pages(app, posts)
    yield from project_pages(app, posts)


# --- writing only what changed ----------------------------------------------------------
#
# A generated page depends on its own body and title and on what the theme puts around
# every page: the navigation (the toctree and document titles), the templates, the head
# links osblog adds and osblog's sidebars. A digest of all of that is kept per page; a
# page whose digest and output file are unchanged is not written again.

_STATE = "osblog-generated-pages-{builder}.json"


def _state_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / _STATE.format(builder=app.builder.name)


def _surroundings(app: Sphinx) -> str:
    """A digest of everything around a page's body that may change between builds."""
    from sphinx_osblog.feeds import site_feeds
    from sphinx_osblog.sidebars import sidebar_data, uses_sidebars

    env = app.env
    settings = get_config(env)
    domain = get_domain(env)
    templates = getattr(app.builder, "templates", None)
    newest_template = templates.newest_template_mtime() if templates is not None else 0
    navigation = {
        docname: sorted(includes) for docname, includes in sorted(env.toctree_includes.items())
    }
    titles = {docname: env.titles[docname].astext() for docname in sorted(env.titles)}
    parts: list[Any] = [
        navigation,
        titles,
        newest_template,
        settings.baseurl,
        bool(domain.posts),
        bool(domain.all_events()),
        sorted(feed.path for feed in site_feeds(env)),
    ]
    if uses_sidebars(app.config):
        parts.append(repr(sidebar_data(app)))
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def collect_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    if not pages_available(app.builder):
        return
    state_path = _state_path(app)
    try:
        previous = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    surroundings = _surroundings(app)
    current: dict[str, str] = {}
    for pagename, context, template in all_pages(app):
        digest = hashlib.sha1(
            f"{surroundings}\0{template}\0{context['title']}\0{context['body']}".encode()
        ).hexdigest()
        current[pagename] = digest
        output = Path(app.builder.get_outfilename(pagename))
        if previous.get(pagename) == digest and output.is_file():
            continue
        yield pagename, context, template
    get_domain(app.env).generated_state = current


def save_generated_state(app: Sphinx, exception: Exception | None) -> None:
    state = get_domain(app.env).generated_state
    if exception is not None or state is None or not pages_available(app.builder):
        return
    _state_path(app).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def setup_archives(app: Sphinx) -> None:
    """Register the generated pages."""
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", save_generated_state)
