"""Shared pieces of per-builder rendering.

Every osblog node has html, latex, text, man and texinfo visitors. Containers whose
children are ordinary docutils nodes pass through in the non-HTML builders; nodes
that only make sense in a browser are skipped there.

Sphinx binds every registered visitor onto every translator it creates, and it
creates several per page (the body, then the title, table of contents and
neighbours' titles). So the visitors are not registered one node class at a time:
every osblog node derives from :class:`osblog_node`, Sphinx knows one visitor pair
per format for that base, and the pair looks up the node's own visitors in a table
(:func:`add_osblog_node`).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.util.docutils import register_node
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NON_HTML_FORMATS = ("latex", "text", "man", "texinfo")
FORMATS = ("html", *NON_HTML_FORMATS)

Visitor = Callable[[Any, Any], None]
VisitorPair = tuple[Visitor, Visitor | None]


class osblog_node(nodes.Element):
    """Base of every osblog node; subclasses list it first, before docutils' classes."""


_VISITORS: dict[type[nodes.Element], dict[str, VisitorPair]] = {}


def add_osblog_node(node_class: type[osblog_node], **visitors: VisitorPair) -> None:
    """Declare *node_class* and its visitor pair per format (``html=…, latex=…``)."""
    # Docutils' generic visitors (used by Sphinx for titles and tables of contents)
    # must know the class name, as ``app.add_node`` would tell them.
    register_node(node_class)
    _VISITORS[node_class] = visitors


def node_visitors(node_class: type[nodes.Element]) -> dict[str, VisitorPair]:
    """The visitor pairs declared for *node_class*, by format."""
    return dict(_VISITORS.get(node_class, {}))


def setup_rendering(app: Sphinx) -> None:
    """Register the one visitor pair per format that serves every osblog node."""
    app.add_node(osblog_node, **{fmt: _dispatchers(fmt) for fmt in FORMATS})


def _visitors_for(node_class: type, fmt: str) -> VisitorPair | None:
    """The pair declared for *node_class* or, for a subclass, its nearest osblog base."""
    for candidate in node_class.__mro__:
        if candidate is osblog_node:
            break
        declared = _VISITORS.get(candidate)
        if declared is not None:
            return declared.get(fmt)
    return None


def _dispatchers(fmt: str) -> tuple[Visitor, Visitor]:
    def visit(translator: Any, node: nodes.Element) -> None:
        pair = _visitors_for(type(node), fmt)
        if pair is None:
            _inherited(translator, node, "visit")
        else:
            pair[0](translator, node)

    def depart(translator: Any, node: nodes.Element) -> None:
        pair = _visitors_for(type(node), fmt)
        if pair is None:
            _inherited(translator, node, "depart")
        elif pair[1] is not None:
            pair[1](translator, node)

    return visit, depart


def _inherited(translator: Any, node: nodes.Element, kind: str) -> None:
    """No osblog visitor for this format: the translator's, for the node's docutils base."""
    mro = type(node).__mro__
    for node_class in mro[mro.index(osblog_node) + 1 :]:
        method = getattr(translator, f"{kind}_{node_class.__name__}", None)
        if method is not None:
            method(node)
            return
    if kind == "visit":
        translator.unknown_visit(node)
    else:
        translator.unknown_departure(node)


def visit_passthrough(translator: Any, node: nodes.Element) -> None:
    """Render nothing for the node itself; its children render as usual."""


def depart_passthrough(translator: Any, node: nodes.Element) -> None:
    """Counterpart of :func:`visit_passthrough`."""


def visit_skip(translator: Any, node: nodes.Element) -> None:
    """Render neither the node nor its children."""
    raise nodes.SkipNode


PASSTHROUGH = (visit_passthrough, depart_passthrough)
SKIP = (visit_skip, None)


def non_html(visitors: VisitorPair) -> dict[str, VisitorPair]:
    """The same visitor pair for every non-HTML format, as :func:`add_osblog_node` keywords."""
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


def resolve_osblog_references(app: Any, tree: nodes.Element, fromdocname: str) -> None:
    """Resolve the osblog references in *tree*, built after Sphinx's own resolving ran.

    What Sphinx's ``ReferencesResolver`` does for them: the domain's reference, or the
    label alone (they never warn).
    """
    from sphinx_osblog.domain import get_domain

    domain = get_domain(app.env)
    for pending in list(tree.findall(addnodes.pending_xref)):
        if pending.get("refdomain") != "osblog":
            continue
        label = pending[0]
        resolved = domain.resolve_xref(
            app.env,
            fromdocname,
            app.builder,
            pending["reftype"],
            pending["reftarget"],
            pending,
            label,
        )
        pending.replace_self(resolved if resolved is not None else label)


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
