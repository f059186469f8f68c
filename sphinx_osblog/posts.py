"""Posts (SPEC §1): detection, front matter, the post header and previous/next links.

A document becomes a post at ``doctree-read`` (priority 400, before Sphinx's
collectors, so a heading made from ``title`` is the page title and the docinfo
is still there for reST). Its :class:`PostRecord` goes to the domain; the header
placeholder (with the banner) is inserted into the doctree and filled with the
date, reading time, authors and tags at ``doctree-resolved``, from the record; the
placeholder for the previous/next links is filled then too, when every post of the
site is known. When the set of posts changes, the neighbours
whose links change are rewritten through ``env-get-updated``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import posixpath
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.matching import Matcher

from sphinx_osblog.config import OsblogConfig, get_config
from sphinx_osblog.dates import BadDate, display_date, parse_datetime
from sphinx_osblog.domain import AuthorRef, PostRecord, get_domain
from sphinx_osblog.files import is_file
from sphinx_osblog.frontmatter import (
    SOURCE_KEY,
    FrontMatter,
    docinfo_front_matter,
    read_front_matter,
    remember_source,
)
from sphinx_osblog.i18n import _
from sphinx_osblog.registry import person_ref
from sphinx_osblog.render import (
    PASSTHROUGH,
    SKIP,
    add_osblog_node,
    doc_reference,
    labelled_list,
    non_html,
    osblog_node,
    osblog_xref,
    person_link,
    resolve_osblog_references,
)
from sphinx_osblog.urls import UnsafeURL, check_url
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

WORDS_PER_MINUTE = 230
# ABlog's default ``post_date_format`` and its common neighbours.
_ABLOG_DATE_FORMATS = (
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M",
)
_MORE_MARKER = "more"


class post_header(osblog_node, nodes.General):
    """Date, reading time, authors, tags and banner above a post's body."""


class post_date(osblog_node, nodes.Inline, nodes.TextElement):
    """A date shown to readers; ``<time datetime=…>`` in HTML."""


class post_navigation(osblog_node, nodes.General):
    """Placeholder for the previous/next links, filled at ``doctree-resolved``."""


# --- reading front matter ---------------------------------------------------------


def _truthy(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1", "on"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "no", "0", "off"}:
        return False
    return None


def parse_post_date(value: object, settings: OsblogConfig) -> tuple[dt.datetime, bool]:
    """A post date and whether it carried a time of day; :class:`BadDate` when unusable."""
    tz = settings.timezone
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)), True
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=tz), False
    if not isinstance(value, str) or not value.strip():
        raise BadDate(f"{value!r} is not a date (YYYY-MM-DD) or ISO 8601 date-time")
    text = value.strip()
    try:
        parsed = parse_datetime(text, tz)
        return parsed, len(text) > 10
    except BadDate:
        for date_format in _ABLOG_DATE_FORMATS:
            try:
                naive = dt.datetime.strptime(text, date_format)
            except ValueError:
                continue
            return naive.replace(tzinfo=tz), "%H" in date_format
        raise


def _text_list(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(item, (str, int)) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    return None


def tag_key(name: str) -> str:
    """The URL-safe key of a tag: ``"Cloud Native"`` → ``cloud-native``."""
    key = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-")
    return key or "tag"


class _PostReader:
    """Turns front matter into a :class:`PostRecord`, warning about every bad key."""

    def __init__(self, env: BuildEnvironment, docname: str, matter: FrontMatter) -> None:
        self.env = env
        self.docname = docname
        self.matter = matter
        self.settings = get_config(env)

    def warn(self, key: str | None, message: str) -> None:
        warn(OsblogWarning.POST, message, self.matter.location(key))

    def date(self, key: str) -> tuple[dt.datetime, bool] | None:
        value = self.matter.values.get(key)
        if value in (None, ""):
            return None
        try:
            return parse_post_date(value, self.settings)
        except BadDate as exc:
            self.warn(key, f"{key}: {exc}")
            return None

    def authors(self) -> tuple[AuthorRef, ...]:
        raw: dict[str, str] = {}
        for key in ("author", "authors"):
            value = self.matter.values.get(key)
            if value in (None, ""):
                continue
            names = _text_list(value)
            if names is None:
                self.warn(key, f"{key} must be a name, a registry key or a list of them")
                continue
            for name in names:
                raw.setdefault(name, key)
        people = self.settings.people
        registry_file = self.settings.registries.dependency_for("people")
        if registry_file:
            self.env.note_dependency(registry_file)
        authors = []
        for entry, source_key in raw.items():
            author, problems = person_ref(entry, people)
            for problem in problems:
                self.warn(source_key, f"author {problem}")
            authors.append(author)
        return tuple(authors)

    def tags(self) -> tuple[tuple[str, str], ...]:
        names: list[str] = []
        for key in ("tags", "category"):
            value = self.matter.values.get(key)
            if value in (None, ""):
                continue
            parsed = _text_list(value)
            if parsed is None:
                self.warn(key, f"{key} must be a list or a comma-separated string")
                continue
            names.extend(parsed)
        registry = self.settings.registries.tags
        registry_file = self.settings.registries.dependency_for("tags")
        if registry_file:
            self.env.note_dependency(registry_file)
        result: dict[str, str] = {}
        for name in names:
            key = tag_key(name)
            entry = registry.get(name) or registry.get(key)
            if registry and entry is None:
                warn(
                    OsblogWarning.REGISTRY,
                    f"tag {name!r} is not in osblog_tags",
                    self.matter.location("tags"),
                )
            result.setdefault(entry.key if entry else key, entry.name if entry else name)
        return tuple(result.items())

    def banner(self) -> tuple[str, str]:
        value = self.matter.values.get("banner")
        if value in (None, ""):
            return "", ""
        alt = ""
        if isinstance(value, dict):
            image, alt = value.get("image"), value.get("alt", "")
        else:
            image = value
        if not isinstance(image, str) or not image.strip() or not isinstance(alt, str):
            self.warn("banner", "banner must be an image path or {image: PATH, alt: TEXT}")
            return "", ""
        image = image.strip()
        if "://" in image or image.startswith("data:"):
            self.warn("banner", f"banner {image!r} must be a local image path")
            return "", ""
        relative, absolute = self.env.relfn2path(image, self.docname)
        if not is_file(absolute):
            self.warn("banner", f"banner image {image!r} not found")
            return "", ""
        return posixpath.normpath(str(relative).replace("\\", "/")), alt.strip()

    def text(self, key: str) -> str:
        value = self.matter.values.get(key)
        if value in (None, ""):
            return ""
        if isinstance(value, (str, int, float)):
            return str(value).strip()
        self.warn(key, f"{key} must be text")
        return ""

    def url(self, key: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        try:
            return check_url(value, allow_relative=False)
        except UnsafeURL as exc:
            self.warn(key, f"{key}: {exc}")
            return ""

    def flag(self, key: str) -> bool:
        value = self.matter.values.get(key)
        if value in (None, ""):
            return False
        parsed = _truthy(value)
        if parsed is None:
            self.warn(key, f"{key} must be true or false, not {value!r}")
            return False
        return parsed


def is_post_candidate(docname: str, values: dict[str, Any], settings: OsblogConfig) -> bool:
    """Whether *docname* is meant to be a post (it still needs a date to become one)."""
    explicit = _truthy(values.get("post"))
    if explicit is not None:
        return explicit
    if _truthy(values.get("blogpost")):
        return True
    return bool(_post_matcher(settings.posts)(docname))


@functools.lru_cache(maxsize=8)
def _post_matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


# --- doctree surgery ---------------------------------------------------------------


def _first_section(doctree: nodes.document) -> nodes.section | None:
    for child in doctree.children:
        if isinstance(child, nodes.section):
            return child
    return None


def _ensure_heading(doctree: nodes.document, title: str) -> nodes.section:
    section = _first_section(doctree)
    if section is not None:
        return section
    section = nodes.section("", ids=[nodes.make_id(title) or "post"], names=[title.lower()])
    section += nodes.title(title, title)
    movable = [
        child for child in doctree.children if not isinstance(child, (nodes.docinfo, nodes.target))
    ]
    for child in movable:
        doctree.remove(child)
        section += child
    doctree += section
    return section


def _summary_and_words(section: nodes.Element) -> tuple[str, int]:
    body_text = []
    before_more: list[str] | None = None
    first_paragraph = ""
    for node in section.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.comment))):
        if isinstance(node, nodes.comment):
            if node.astext().strip() == _MORE_MARKER and before_more is None:
                before_more = list(body_text)
            continue
        text = " ".join(node.astext().split())
        if not first_paragraph and text:
            first_paragraph = text
        body_text.append(text)
    words = sum(len(part.split()) for part in body_text)
    summary = " ".join(before_more) if before_more else first_paragraph
    return summary, words


def _header_placeholder(record: PostRecord) -> post_header:
    """The header as the doctree keeps it: the post's name, and its banner image.

    The date, reading time, authors and tags are built from the post's record at
    ``doctree-resolved`` (:func:`fill_header`). Pickled doctrees, and the doctrees Sphinx
    keeps in memory between reading and writing, then carry one node instead of some
    twenty per post. The banner stays an image node from the start, so Sphinx's image
    collector finds and copies it.
    """
    header = post_header("", classes=["osblog-post-header"], post=record.docname)
    if record.banner:
        image = nodes.image(
            "", uri="/" + record.banner, alt=record.banner_alt, classes=["osblog-post-banner"]
        )
        header += image
    return header


def _header_lines(record: PostRecord, language: str | None) -> list[nodes.Element]:
    """The header's date line, authors and tags, with osblog references unresolved."""
    lines: list[nodes.Element] = []
    meta = nodes.paragraph("", classes=["osblog-post-meta"])
    meta += post_date(
        "",
        display_date(record.date, record.has_time, language),
        datetime=record.date.isoformat() if record.has_time else record.date.date().isoformat(),
        classes=["osblog-post-date"],
    )
    if record.updated is not None:
        meta += nodes.Text(" · ")
        label = str(_("updated"))
        meta += nodes.inline(label + " ", label + " ", classes=["osblog-post-updated-label"])
        meta += post_date(
            "",
            display_date(record.updated, False, language),
            datetime=record.updated.date().isoformat(),
            classes=["osblog-post-updated"],
        )
    minutes = reading_minutes(record.words)
    meta += nodes.Text(" · ")
    reading = str(_("%d min read")) % minutes
    # "no-search": otherwise every post would match a search for "read".
    meta += nodes.inline(reading, reading, classes=["osblog-reading-time", "no-search"])
    lines.append(meta)
    if record.authors:
        lines.append(
            labelled_list(
                "osblog-post-authors",
                str(_("By")) + " ",
                "osblog-post-by",
                [author_node(author) for author in record.authors],
            )
        )
    if record.tags:
        tags = nodes.paragraph("", classes=["osblog-post-tags"])
        for index, (key, name) in enumerate(record.tags):
            if index:
                tags += nodes.Text(" ")
            tags += tag_node(key, name)
        lines.append(tags)
    return lines


def fill_header(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each post header placeholder its date line, authors and tags."""
    domain = get_domain(app.env)
    for header in list(doctree.findall(post_header)):
        record = domain.posts.get(header.get("post", ""))
        if record is None:
            continue
        for index, line in enumerate(_header_lines(record, app.config.language)):
            header.insert(index, line)
        resolve_osblog_references(app, header, docname)


def author_node(author: AuthorRef) -> nodes.Node:
    """A person key as a reference to their page; a free name as text or its link."""
    return person_link(author, "osblog-author")


def tag_node(key: str, name: str) -> nodes.Node:
    return osblog_xref("tag", key, nodes.inline(name, name, classes=["osblog-tag"]))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def collect_post(app: Sphinx, doctree: nodes.document) -> None:
    """Make the document a post when it is one: record it and add its header."""
    env = app.env
    docname = env.docname
    settings = get_config(env)
    # A document outside the post globs is a post only if its front matter says so; the
    # docinfo (MyST's rendering of the front matter, or reST's field list) tells that
    # cheaply, so the raw front matter is read only for documents that may be posts.
    if not _post_matcher(settings.posts)(docname):
        quick = docinfo_front_matter(doctree, "")
        if not (_truthy(quick.values.get("post")) or _truthy(quick.values.get("blogpost"))):
            return
    remembered = env.temp_data.get(SOURCE_KEY)
    text = remembered[1] if remembered and remembered[0] == docname else None
    matter = read_front_matter(doctree, env.doc2path(docname), text)
    reader = _PostReader(env, docname, matter)
    if matter.values.get("date") in (None, ""):
        if _truthy(matter.values.get("post")) or _truthy(matter.values.get("blogpost")):
            reader.warn(None, "this post has no 'date' (YYYY-MM-DD); it is not listed")
        return
    date = reader.date("date")
    if date is None:
        return
    updated = reader.date("updated")
    title = reader.text("title")
    section = _ensure_heading(doctree, title or docname.rsplit("/", 1)[-1])
    if not title:
        title = section[0].astext() if section.children else docname
    summary_text, words = _summary_and_words(section)
    banner, banner_alt = reader.banner()
    record = PostRecord(
        docname=docname,
        title=title,
        date=date[0],
        has_time=date[1],
        updated=updated[0] if updated else None,
        authors=reader.authors(),
        tags=reader.tags(),
        banner=banner,
        banner_alt=banner_alt,
        summary=reader.text("summary") or summary_text,
        draft=reader.flag("draft"),
        canonical=reader.url("canonical"),
        words=words,
    )
    get_domain(env).add_post(record)
    env.metadata[docname]["orphan"] = True
    header = _header_placeholder(record)
    title_index = section.first_child_matching_class(nodes.title)
    section.insert((title_index or 0) + 1, header)
    # "no-search": Sphinx leaves it out of the search index (neighbours' titles are
    # not this post's content).
    section += post_navigation("", classes=["osblog-post-navigation", "no-search"])


def _keep_orphan(app: Sphinx, doctree: nodes.document) -> None:
    """Sphinx's metadata collector rebuilds ``env.metadata``; mark posts orphan again."""
    docname = app.env.docname
    if docname in get_domain(app.env).posts:
        app.env.metadata[docname]["orphan"] = True


# --- listing order and neighbours ----------------------------------------------------


def listed_posts(env: BuildEnvironment) -> list[PostRecord]:
    """Posts readers see in lists and feeds, newest first (drafts and scheduled left out)."""
    settings = get_config(env)
    domain = get_domain(env)
    return domain.derived(
        "listed_posts",
        lambda: sorted_posts(
            post
            for post in domain.posts.values()
            if settings.show_drafts or (not post.draft and post.date <= settings.now)
        ),
    )


def listed_neighbours(
    env: BuildEnvironment,
) -> dict[str, tuple[PostRecord | None, PostRecord | None]]:
    """:func:`neighbours` of the listed posts, computed once per build phase."""
    return get_domain(env).derived("neighbours", lambda: neighbours(listed_posts(env)))


def sorted_posts(posts: Iterable[PostRecord]) -> list[PostRecord]:
    return sorted(posts, key=lambda post: (post.date, post.docname), reverse=True)


def neighbours(
    posts: Sequence[PostRecord],
) -> dict[str, tuple[PostRecord | None, PostRecord | None]]:
    """For each post (newest first): its (older, newer) neighbours."""
    result: dict[str, tuple[PostRecord | None, PostRecord | None]] = {}
    for index, post in enumerate(posts):
        older = posts[index + 1] if index + 1 < len(posts) else None
        newer = posts[index - 1] if index > 0 else None
        result[post.docname] = (older, newer)
    return result


def _link_summary(pair: tuple[PostRecord | None, PostRecord | None]) -> tuple[str, ...]:
    return tuple((p.docname, p.title) if p else ("", "") for p in pair)  # type: ignore[misc]


def fill_navigation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with links to the previous and next post by date."""
    placeholders = list(doctree.findall(post_navigation))
    if not placeholders:
        return
    builder = app.builder
    if builder.format != "html":
        for node in placeholders:
            node.parent.remove(node)
        return
    pair = listed_neighbours(app.env).get(docname, (None, None))
    for node in placeholders:
        node.children = []
        for post, css, label in (
            (pair[0], "osblog-post-previous", str(_("Previous"))),
            (pair[1], "osblog-post-next", str(_("Next"))),
        ):
            if post is None:
                continue
            paragraph = nodes.paragraph("", classes=[css])
            paragraph += nodes.inline(label + ": ", label + ": ", classes=["osblog-nav-label"])
            paragraph += _doc_reference(builder, docname, post.docname, post.title)
            node += paragraph
        if not node.children:
            node.parent.remove(node)


def _doc_reference(builder: Builder, fromdocname: str, todocname: str, title: str) -> nodes.Node:
    label = nodes.inline(title, title, classes=["osblog-post-title"])
    reference = doc_reference(builder, fromdocname, todocname, "", label, title)
    reference["classes"].append("osblog-post-link")
    return reference


# --- incremental builds ----------------------------------------------------------------


def remember_posts(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Keep the posts as they were before this build's reading, to compare afterwards."""
    domain = get_domain(env)
    domain.previous_posts = dict(domain.posts)
    domain.previous_events = {docname: list(found) for docname, found in domain.events.items()}
    return []


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Posts whose neighbours changed and pages that list posts, when the posts changed."""
    from sphinx_osblog.sidebars import uses_sidebars

    domain = get_domain(env)
    before = domain.previous_posts
    if before is None:
        return []
    rewrite: set[str] = set()
    events_changed = domain.previous_events != domain.events
    if events_changed:
        rewrite.update(domain.listing_pages("events"))
    after = domain.posts
    if (events_changed or before != after) and uses_sidebars(env.config):
        # Our sidebars show posts and events on every page.
        return sorted(env.found_docs)
    if before == after:
        return sorted(rewrite & env.found_docs)
    settings = get_config(env)

    def visible(posts: dict[str, PostRecord]) -> list[PostRecord]:
        return sorted_posts(
            p
            for p in posts.values()
            if settings.show_drafts or (not p.draft and p.date <= settings.now)
        )

    old_links = {k: _link_summary(v) for k, v in neighbours(visible(before)).items()}
    new_links = {k: _link_summary(v) for k, v in neighbours(visible(after)).items()}
    rewrite.update(docname for docname in new_links if old_links.get(docname) != new_links[docname])
    rewrite.update(domain.listing_pages("posts"))
    return sorted(rewrite & env.found_docs)


# --- rendering ---------------------------------------------------------------------------


def visit_header_html(self: Any, node: post_header) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_header_html(self: Any, node: post_header) -> None:
    self.body.append("</div>\n")


def visit_date_html(self: Any, node: post_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_html(self: Any, node: post_date) -> None:
    self.body.append("</time>")


def visit_navigation_html(self: Any, node: post_navigation) -> None:
    self.body.append(self.starttag(node, "nav", **{"aria-label": str(_("Posts"))}))


def depart_navigation_html(self: Any, node: post_navigation) -> None:
    self.body.append("</nav>\n")


def setup_posts(app: Sphinx) -> None:
    """Register post detection, the header nodes and incremental-build hooks."""
    add_osblog_node(
        post_header, html=(visit_header_html, depart_header_html), **non_html(PASSTHROUGH)
    )
    add_osblog_node(post_date, html=(visit_date_html, depart_date_html), **non_html(PASSTHROUGH))
    add_osblog_node(
        post_navigation, html=(visit_navigation_html, depart_navigation_html), **non_html(SKIP)
    )
    # Last, so it keeps the text MyST will parse after any other extension changed it.
    app.connect("source-read", remember_source, priority=900)
    app.connect("doctree-read", collect_post, priority=400)
    app.connect("doctree-read", _keep_orphan, priority=600)
    app.connect("doctree-resolved", fill_header)
    app.connect("doctree-resolved", fill_navigation)
    app.connect("env-get-outdated", remember_posts)
    app.connect("env-get-updated", pages_to_rewrite)
