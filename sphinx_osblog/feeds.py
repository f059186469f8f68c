"""Feeds (SPEC §4): Atom 1.0, RSS 2.0 and JSON Feed 1.1, plus an Atom feed per tag,
author and project page; ``<link rel="alternate">`` in every page's head.

XML is built with the standard library's ElementTree, which escapes text and
attributes itself, so no feed is assembled by string concatenation and no
dependency is added. Every timestamp comes from the posts themselves, so two
builds of the same sources write identical feeds.
"""

from __future__ import annotations

import email.utils
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_osblog.config import get_config
from sphinx_osblog.domain import PostRecord, get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import PAGE_ROOT, page_name, pages_available
from sphinx_osblog.posts import listed_posts
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
SITE_ATOM = f"{PAGE_ROOT}/atom.xml"
SITE_RSS = f"{PAGE_ROOT}/rss.xml"
SITE_JSON = f"{PAGE_ROOT}/feed.json"
FEED_NAME = "atom.xml"

ET.register_namespace("", ATOM_NS)
ET.register_namespace("dc", DC_NS)


@dataclass(frozen=True)
class Feed:
    """One feed to write: its title, the page it belongs to and its posts."""

    title: str
    path: str
    """Output path relative to the output folder, e.g. ``blog/atom.xml``."""
    page: str
    """The page (document or generated page name) the feed belongs to."""
    posts: Sequence[PostRecord]


def entry_id(baseurl: str, docname: str) -> str:
    """A stable id: the same post keeps it across builds and edits (not across renames)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, baseurl + docname)}"


def rfc3339(post_time: Any) -> str:
    return post_time.isoformat(timespec="seconds")


class FeedWriter:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.env: BuildEnvironment = app.env
        self.builder: Builder = app.builder
        self.settings = get_config(app.env)
        self.baseurl = self.settings.baseurl

    def url(self, pagename: str) -> str:
        return self.baseurl + self.builder.get_target_uri(pagename)

    def post_url(self, post: PostRecord) -> str:
        return post.canonical or self.url(post.docname)

    def image_url(self, post: PostRecord) -> str:
        if not post.banner or post.banner not in self.env.images:
            return ""
        return f"{self.baseurl}{self.builder.imagedir}/{self.env.images[post.banner][1]}"

    @staticmethod
    def updated(post: PostRecord) -> Any:
        return post.updated or post.date

    def atom(self, feed: Feed) -> bytes:
        root = ET.Element(f"{{{ATOM_NS}}}feed")
        ET.SubElement(root, f"{{{ATOM_NS}}}title").text = feed.title
        ET.SubElement(root, f"{{{ATOM_NS}}}id").text = self.url(feed.page)
        ET.SubElement(root, f"{{{ATOM_NS}}}link", rel="alternate", href=self.url(feed.page))
        ET.SubElement(root, f"{{{ATOM_NS}}}link", rel="self", href=self.baseurl + feed.path)
        newest = max((self.updated(post) for post in feed.posts), default=None)
        ET.SubElement(root, f"{{{ATOM_NS}}}updated").text = rfc3339(
            newest or self.settings.now.replace(microsecond=0)
        )
        ET.SubElement(
            root, f"{{{ATOM_NS}}}generator", uri="https://sphinx-osblog.readthedocs.io/"
        ).text = "sphinx-osblog"
        if not any(post.authors for post in feed.posts):
            # RFC 4287 §4.1.1: a feed needs an author unless every entry has one.
            author = ET.SubElement(root, f"{{{ATOM_NS}}}author")
            ET.SubElement(author, f"{{{ATOM_NS}}}name").text = self.settings.title
        for post in feed.posts:
            entry = ET.SubElement(root, f"{{{ATOM_NS}}}entry")
            ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = post.title
            ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = entry_id(self.baseurl, post.docname)
            ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=self.post_url(post))
            ET.SubElement(entry, f"{{{ATOM_NS}}}published").text = rfc3339(post.date)
            ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = rfc3339(self.updated(post))
            authors = post.authors or ()
            for person in authors:
                author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
                ET.SubElement(author, f"{{{ATOM_NS}}}name").text = person.name
                if person.url.startswith(("http://", "https://")):
                    ET.SubElement(author, f"{{{ATOM_NS}}}uri").text = person.url
            if not authors:
                author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
                ET.SubElement(author, f"{{{ATOM_NS}}}name").text = self.settings.title
            for key, name in post.tags:
                ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=key, label=name)
            if post.summary:
                ET.SubElement(entry, f"{{{ATOM_NS}}}summary", type="text").text = post.summary
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    def rss(self, feed: Feed) -> bytes:
        root = ET.Element("rss", version="2.0")
        channel = ET.SubElement(root, "channel")
        ET.SubElement(channel, "title").text = feed.title
        ET.SubElement(channel, "link").text = self.url(feed.page)
        ET.SubElement(channel, "description").text = feed.title
        ET.SubElement(
            channel,
            f"{{{ATOM_NS}}}link",
            rel="self",
            href=self.baseurl + feed.path,
            type="application/rss+xml",
        )
        if self.app.config.language:
            ET.SubElement(channel, "language").text = self.app.config.language
        newest = max((self.updated(post) for post in feed.posts), default=None)
        if newest is not None:
            ET.SubElement(channel, "lastBuildDate").text = email.utils.format_datetime(newest)
        ET.SubElement(channel, "generator").text = "sphinx-osblog"
        for post in feed.posts:
            item = ET.SubElement(channel, "item")
            ET.SubElement(item, "title").text = post.title
            ET.SubElement(item, "link").text = self.post_url(post)
            ET.SubElement(item, "guid", isPermaLink="false").text = entry_id(
                self.baseurl, post.docname
            )
            ET.SubElement(item, "pubDate").text = email.utils.format_datetime(post.date)
            if post.summary:
                ET.SubElement(item, "description").text = post.summary
            for person in post.authors:
                ET.SubElement(item, f"{{{DC_NS}}}creator").text = person.name
            for _key, name in post.tags:
                ET.SubElement(item, "category").text = name
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    def json_feed(self, feed: Feed) -> bytes:
        items = []
        for post in feed.posts:
            item: dict[str, Any] = {
                "id": entry_id(self.baseurl, post.docname),
                "url": self.post_url(post),
                "title": post.title,
                "date_published": rfc3339(post.date),
                "date_modified": rfc3339(self.updated(post)),
            }
            if post.summary:
                item["summary"] = post.summary
                item["content_text"] = post.summary
            else:
                item["content_text"] = post.title
            if post.authors:
                item["authors"] = [
                    {"name": a.name, **({"url": a.url} if a.url else {})} for a in post.authors
                ]
            if post.tags:
                item["tags"] = [name for _key, name in post.tags]
            image = self.image_url(post)
            if image:
                item["image"] = image
            items.append(item)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title,
            "home_page_url": self.url(feed.page),
            "feed_url": self.baseurl + feed.path,
            "items": items,
        }
        if self.app.config.language:
            document["language"] = self.app.config.language
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def site_feeds(env: BuildEnvironment) -> list[Feed]:
    """The per-page Atom feeds besides the site-wide ones (tags, authors, projects)."""
    settings = get_config(env)
    posts = listed_posts(env)
    feeds: list[Feed] = []
    by_tag: dict[str, tuple[str, list[PostRecord]]] = {}
    for post in posts:
        for key, name in post.tags:
            by_tag.setdefault(key, (name, []))[1].append(post)
    for key, (name, tagged) in sorted(by_tag.items()):
        base = page_name("tag", key)
        feeds.append(Feed(f"{settings.title}: {name}", f"{base}/{FEED_NAME}", base, tagged))
    for person in settings.people.values():
        base = page_name("person", person.key)
        authored = [p for p in posts if any(a.key == person.key for a in p.authors)]
        feeds.append(
            Feed(f"{settings.title}: {person.name}", f"{base}/{FEED_NAME}", base, authored)
        )
    domain = get_domain(env)
    for project in settings.projects.values():
        base = page_name("project", project.key)
        docs = {mention.docname for mention in domain.mentions_of(project.key)}
        mentioned = [p for p in posts if p.docname in docs]
        feeds.append(
            Feed(f"{settings.title}: {project.name}", f"{base}/{FEED_NAME}", base, mentioned)
        )
    # A page with no posts gets no feed (rather than an empty one dated by the clock).
    return [feed for feed in feeds if feed.posts]


def feed_for_page(env: BuildEnvironment, pagename: str) -> str | None:
    """The path of the Atom feed of a generated page (or its later pages), if it has one."""
    for prefix in ("tag", "person", "project"):
        root = page_name(prefix, "")
        if pagename.startswith(root):
            key = pagename[len(root) :].split("/", 1)[0]
            return f"{page_name(prefix, key)}/{FEED_NAME}"
    return None


def _limit(posts: Sequence[PostRecord], length: int) -> list[PostRecord]:
    return list(posts[:length])


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not pages_available(app.builder):
        return
    env = app.env
    posts = listed_posts(env)
    if not posts:
        return
    settings = get_config(env)
    if not settings.baseurl:
        warn(
            OsblogWarning.FEED,
            "no feeds written: set osblog_baseurl or html_baseurl to the site's absolute URL "
            "(on Read the Docs, READTHEDOCS_CANONICAL_URL is used automatically)",
            (str(Path(app.confdir) / "conf.py"), None),
        )
        return
    writer = FeedWriter(app)
    length = settings.feed_length
    site = Feed(settings.title, SITE_ATOM, f"{PAGE_ROOT}/archive", _limit(posts, length))
    outdir = Path(app.outdir)
    outputs: list[tuple[str, bytes]] = [
        (SITE_ATOM, writer.atom(site)),
        (SITE_RSS, writer.rss(Feed(settings.title, SITE_RSS, site.page, site.posts))),
        (SITE_JSON, writer.json_feed(Feed(settings.title, SITE_JSON, site.page, site.posts))),
    ]
    for feed in site_feeds(env):
        limited = Feed(feed.title, feed.path, feed.page, _limit(feed.posts, length))
        outputs.append((feed.path, writer.atom(limited)))
    for path, content in outputs:
        target = outdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)


def alternate_links(app: Sphinx, pagename: str, relative: Any) -> Iterable[str]:
    """``<link rel="alternate">`` tags for this page's head."""
    from html import escape

    settings = get_config(app.env)
    if not settings.baseurl or not get_domain(app.env).posts:
        return []
    title = escape(settings.title)
    links = [
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" '
        f'href="{escape(relative(SITE_ATOM, 1))}" class="osblog-feed-link">',
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" '
        f'href="{escape(relative(SITE_RSS, 1))}" class="osblog-feed-link">',
        f'<link rel="alternate" type="application/feed+json" title="{title} (JSON Feed)" '
        f'href="{escape(relative(SITE_JSON, 1))}" class="osblog-feed-link">',
    ]
    own = feed_for_page(app.env, pagename)
    existing = get_domain(app.env).derived(
        "page_feeds", lambda: {feed.path for feed in site_feeds(app.env)}
    )
    if own in existing:
        this_page = escape(str(_("%s: posts of this page (Atom)")) % settings.title)
        links.append(
            f'<link rel="alternate" type="application/atom+xml" title="{this_page}" '
            f'href="{escape(relative(own, 1))}" class="osblog-feed-link">'
        )
    return links


def add_head_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not pages_available(app.builder):
        return
    links = list(alternate_links(app, pagename, context["pathto"]))
    if links:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"


def setup_feeds(app: Sphinx) -> None:
    app.connect("html-page-context", add_head_links)
    app.connect("build-finished", write_feeds)
