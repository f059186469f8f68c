"""Directives that let the sphinx-osblog docs render themselves from the package's code.

- ``osblog-config-table``: one row per :data:`sphinx_osblog.config.FIELDS` entry.
- ``osblog-confval NAME``: Sphinx's ``confval`` with type and default filled in from
  ``FIELDS``, so the explanations never drift from the code.
- ``osblog-warnings-table``: one row per :class:`sphinx_osblog.warnings.OsblogWarning`.
- ``myst-example``: a snippet shown as source, then rendered (``:syntax: rst`` for reST).
  Events rendered by an example are unlisted (sphinx-osblog's ``UNLISTED_EVENTS``
  hook): they illustrate the syntax and did not happen.

At the end of reading, every configuration value without an ``osblog-confval``
entry is reported, so a new value cannot ship undocumented.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.domains.std import ConfigurationValue
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_osblog import config as osblog_config
from sphinx_osblog import warnings as osblog_warnings
from sphinx_osblog.events import UNLISTED_EVENTS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)

FIELDS_BY_NAME = {field.name: field for field in osblog_config.FIELDS}


def _literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def _default_text(value: object) -> str:
    return repr(value)


def _table(widths: list[int], header: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    """A plain docutils table: every builder knows how to render it."""
    table = nodes.table(classes=["osblog-docs-table"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for label in header:
        row += nodes.entry("", nodes.paragraph(label, label))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.paragraph) else nodes.paragraph("", "", cell)
            row += entry
        body += row
    return table


def _confval_ref(name: str) -> addnodes.pending_xref:
    reference = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="confval",
        reftarget=name,
        refexplicit=False,
        refwarn=True,
    )
    reference += nodes.literal(name, name)
    return reference


class ConfigTableDirective(SphinxDirective):
    """``osblog-config-table``: name, default, accepted values and meaning of each value."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(inspect.getfile(osblog_config))
        rows = [
            [
                _confval_ref(field.name),
                _literal(_default_text(field.default)),
                nodes.Text(field.accepts),
                nodes.Text(field.help),
            ]
            for field in osblog_config.FIELDS
        ]
        table = _table([22, 14, 22, 42], ["Name", "Default", "Accepts", "Meaning"], rows)
        self.set_source_info(table)
        return [table]


class OsblogConfvalDirective(ConfigurationValue):
    """``osblog-confval NAME``: a ``confval`` whose type and default come from the code."""

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        field = FIELDS_BY_NAME.get(name)
        if field is None:
            LOGGER.warning(
                "osblog-confval: %r is not in sphinx_osblog.config.FIELDS",
                name,
                location=self.get_location(),
                type="osblog_docs",
                subtype="confval",
            )
        else:
            self.env.note_dependency(inspect.getfile(osblog_config))
            self.options.setdefault("type", field.accepts)
            self.options.setdefault("default", f"``{_default_text(field.default)}``")
        # Sphinx's own directive does the rest; it is registered as ``std:confval``.
        self.name = "std:confval"
        return super().run()


def warning_docstrings() -> dict[str, str]:
    """The docstring written under each member of ``OsblogWarning``, by member name.

    Enum members cannot carry ``__doc__``, so the string literal that follows each
    assignment in the class body is read from the module's source.
    """
    tree = ast.parse(inspect.getsource(osblog_warnings))
    docs: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "OsblogWarning":
            body = node.body
            for current, following in itertools.pairwise(body):
                if (
                    isinstance(current, ast.Assign)
                    and len(current.targets) == 1
                    and isinstance(current.targets[0], ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    docs[current.targets[0].id] = inspect.cleandoc(following.value.value)
    return docs


class WarningsTableDirective(SphinxDirective):
    """``osblog-warnings-table``: each warning subtype and what it reports."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(inspect.getfile(osblog_warnings))
        docs = warning_docstrings()
        rows = []
        for member in osblog_warnings.OsblogWarning:
            paragraph = nodes.paragraph()
            text = docs.get(member.name, "")
            if not text:
                LOGGER.warning(
                    "OsblogWarning.%s has no docstring",
                    member.name,
                    location=self.get_location(),
                    type="osblog_docs",
                    subtype="warnings",
                )
            # Docstrings use reST inline literals (``x``); show them as code.
            for index, part in enumerate(re.split(r"``(.+?)``", text)):
                if index % 2:
                    paragraph += _literal(part)
                elif part:
                    paragraph += nodes.Text(part)
            rows.append([_literal(member.qualified), paragraph])
        table = _table([25, 75], ["Name (for suppress_warnings)", "Reported when"], rows)
        self.set_source_info(table)
        return [table]


def _fence_for(text: str, char: str = "`") -> str:
    """A fence longer than any run of *char* inside *text*."""
    longest = max((len(run) for run in re.findall(rf"{re.escape(char)}+", text)), default=0)
    return char * max(3, longest + 1)


class MystExampleDirective(SphinxDirective):
    """``myst-example``: show a snippet's source, then what it renders to.

    The body is MyST by default; with ``:syntax: rst`` it is reST, parsed through
    MyST's ``eval-rst``. ``:no-render:`` shows the source only (for snippets that
    would clash with the page, such as a second definition of the same target).
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "syntax": lambda value: directives.choice(value, ("myst", "rst")),
        "caption": directives.unchanged,
        "no-render": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        syntax = self.options.get("syntax", "myst")
        text = "\n".join(self.content)
        example = nodes.container(classes=["osblog-docs-example", f"osblog-docs-example-{syntax}"])
        self.set_source_info(example)

        label = self.options.get("caption") or (
            "MyST Markdown" if syntax == "myst" else "reStructuredText"
        )
        example += nodes.paragraph(label, label, classes=["osblog-docs-example-label"])
        source = nodes.literal_block(
            text,
            text,
            language="markdown" if syntax == "myst" else "rst",
            classes=["osblog-docs-example-source"],
        )
        self.set_source_info(source)
        example += source

        if "no-render" in self.options:
            return [example]
        rendered_label = "Renders as"
        example += nodes.paragraph(
            rendered_label, rendered_label, classes=["osblog-docs-example-label"]
        )
        output = nodes.container(classes=["osblog-docs-example-output"])
        # Events in examples illustrate the syntax; they did not happen, so they stay
        # out of the site's lists and calendars (sphinx-osblog's documented hook).
        self.env.temp_data[UNLISTED_EVENTS] = True
        try:
            self._render(syntax, text, output)
        finally:
            self.env.temp_data.pop(UNLISTED_EVENTS, None)
        example += output
        return [example]

    def _render(self, syntax: str, text: str, output: nodes.Element) -> None:
        if syntax == "myst":
            self.state.nested_parse(self.content, self.content_offset, output)
        else:
            fence = _fence_for(text)
            wrapped = StringList(
                [f"{fence}{{eval-rst}}", *self.content, fence],
                items=[(self.get_source_info()[0], self.content_offset)] * (len(self.content) + 2),
            )
            self.state.nested_parse(wrapped, self.content_offset, output)


def check_confvals(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about configuration values that have no ``osblog-confval`` entry."""
    documented = {name for (kind, name) in env.domains.standard_domain.objects if kind == "confval"}
    for field in osblog_config.FIELDS:
        if field.name not in documented:
            LOGGER.warning(
                "configuration value %s has no osblog-confval entry in the docs",
                field.name,
                type="osblog_docs",
                subtype="confval",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("osblog-config-table", ConfigTableDirective)
    app.add_directive("osblog-confval", OsblogConfvalDirective)
    app.add_directive("osblog-warnings-table", WarningsTableDirective)
    app.add_directive("myst-example", MystExampleDirective)
    app.connect("env-check-consistency", check_confvals)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
