"""Shared pieces of per-builder rendering.

Every osblog node is registered with html, latex, text, man and texinfo
visitors. Containers whose children are ordinary docutils nodes pass through in
the non-HTML builders; nodes that only make sense in a browser are skipped there.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

NON_HTML_FORMATS = ("latex", "text", "man", "texinfo")


def visit_passthrough(translator: Any, node: nodes.Element) -> None:
    """Render nothing for the node itself; its children render as usual."""


def depart_passthrough(translator: Any, node: nodes.Element) -> None:
    """Counterpart of :func:`visit_passthrough`."""


def visit_skip(translator: Any, node: nodes.Element) -> None:
    """Render neither the node nor its children."""
    raise nodes.SkipNode


PASSTHROUGH = (visit_passthrough, depart_passthrough)
SKIP = (visit_skip, None)


def non_html(visitors: tuple[Any, Any]) -> dict[str, tuple[Any, Any]]:
    """The same visitor pair for every non-HTML format, as ``app.add_node`` keywords."""
    return {fmt: visitors for fmt in NON_HTML_FORMATS}


def attributes(**attrs: str | None) -> str:
    """Escaped HTML attributes (``None`` values left out; ``_`` in names becomes ``-``)."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(value, quote=True)}"')
    return "".join(parts)


def tag_start(tag: str, classes: list[str] | tuple[str, ...], **attrs: str | None) -> str:
    """``<tag class="…" …>`` with every value escaped."""
    return f"<{tag}{attributes(class_=' '.join(classes), **attrs)}>"


def doc_reference(
    builder: Any, fromdocname: str, todocname: str, anchor: str, child: nodes.Node, title: str
) -> nodes.Node:
    """A link to *todocname*, or just *child* where the builder has no place for it.

    LaTeX, for instance, raises ``NoUri`` for a document outside its toctrees (posts).
    """
    try:
        return make_refnode(builder, fromdocname, todocname, anchor, child, title)
    except NoUri:
        return child


def osblog_xref(reftype: str, target: str, child: nodes.Node) -> addnodes.pending_xref:
    """A reference to an osblog page (project, person, tag) that the domain resolves."""
    reference = addnodes.pending_xref(
        "", refdomain="osblog", reftype=reftype, reftarget=target, refexplicit=True, refwarn=False
    )
    reference += child
    return reference


def person_link(person: Any, css: str) -> nodes.Node:
    """A registry person as a link to their page, a free name as its link or as text."""
    label = nodes.inline(person.name, person.name, classes=[css])
    if person.key:
        return osblog_xref("person", person.key, label)
    if person.url:
        reference = nodes.reference("", "", refuri=person.url, classes=[f"{css}-link"])
        reference += label
        return reference
    return label


def labelled_list(css: str, label: str, label_css: str, items: list[nodes.Node]) -> nodes.paragraph:
    """A paragraph "Label: item, item, item" (authors of a post, projects of an event)."""
    paragraph = nodes.paragraph("", classes=[css])
    paragraph += nodes.inline(label, label, classes=[label_css])
    for index, item in enumerate(items):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += item
    return paragraph
