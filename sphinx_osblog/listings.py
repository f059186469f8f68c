"""``post-list`` (SPEC §3): lists of posts, filled in when every post is known.

The directive leaves a placeholder and records the page as a listing in the
domain; at ``doctree-resolved`` the placeholder becomes ordinary nodes (a bullet
list, or sphinx-design cards in HTML), so every builder renders it. Listing pages
are rewritten whenever the set of posts changes (see ``posts.pages_to_rewrite``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_osblog.dates import display_date
from sphinx_osblog.directives import OsblogDirective, flag_option, split_list, text_option
from sphinx_osblog.domain import Listing, PostRecord, get_domain
from sphinx_osblog.posts import listed_posts, post_date, tag_key
from sphinx_osblog.projects import (
    project_card,
    project_card_body,
    project_card_header,
    project_grid,
)
from sphinx_osblog.render import PASSTHROUGH, non_html
from sphinx_osblog.warnings import OsblogWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

POST_LIST_FORMATS = ("list", "cards", "titles")


class post_list(nodes.General, nodes.Element):
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
        if raw.isdigit() and int(raw) > 0:
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
    reference = make_refnode(builder, fromdocname, post.docname, "", label, post.title)
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
        return nodes.paragraph("", "", classes=["osblog-post-list", "osblog-empty"])
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
    app.add_node(post_list, html=PASSTHROUGH, **non_html(PASSTHROUGH))
    app.add_directive("post-list", PostListDirective)
    app.connect("doctree-resolved", fill_post_lists)
