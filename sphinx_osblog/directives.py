"""The base class of osblog's directives and option converters that never raise.

docutils converters that raise turn a typo into an error that drops the whole
directive; ours accept any text and the directive validates it, so a bad value
becomes one located ``osblog.*`` warning and the rest of the block still renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_osblog.config import OsblogConfig, get_config
from sphinx_osblog.domain import PROJECT_CONTEXT, ProjectContext
from sphinx_osblog.frontmatter import clean_text
from sphinx_osblog.urls import UnsafeURL, check_url
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx_osblog.registry import Registries


def text_option(argument: str | None) -> str:
    """Any text (an empty option gives ``""``); checked by the directive."""
    return clean_text((argument or "").strip())


def flag_option(argument: str | None) -> bool:
    """A flag; a value after it is ignored rather than fatal."""
    return True


def is_number(value: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts "¹" and "²", which ``int`` refuses."""
    return value.isascii() and value.isdigit()


def split_list(value: str) -> list[str]:
    """``"a, b ,c"`` to ``["a", "b", "c"]``."""
    return [part.strip() for part in value.split(",") if part.strip()]


class OsblogDirective(SphinxDirective):
    """A directive that reports problems as located, typed warnings."""

    warning_subtype: OsblogWarning = OsblogWarning.CONFIG

    @property
    def settings(self) -> OsblogConfig:
        return get_config(self.env)

    def warn(self, message: str, subtype: OsblogWarning | None = None) -> None:
        warn(subtype or self.warning_subtype, f"{self.name}: {message}", self.get_location())

    def checked_url(self, option: str, *, allow_relative: bool = True) -> str:
        """The URL in *option*, or ``""`` with a warning when it may not become a link."""
        value = self.options.get(option, "")
        if not value:
            return ""
        try:
            return check_url(value, allow_relative=allow_relative)
        except UnsafeURL as exc:
            self.warn(f":{option}: {exc}; ignored")
            return ""

    def note_registry(self, kind: str) -> None:
        """Re-read this document when the *kind* registry file changes."""
        registries: Registries = self.settings.registries
        path = registries.dependency_for(kind)
        if path:
            self.env.note_dependency(path)

    def parse_body(self, container: nodes.Element, context: ProjectContext | None = None) -> None:
        """Parse the directive's content (MyST or reST) into *container*.

        With *context* (a project card, an event), directives inside know which projects
        they are about: a video there joins those projects' pages.
        """
        if not self.content:
            return
        stack = self.env.temp_data.setdefault(PROJECT_CONTEXT, [])
        if context is not None:
            stack.append(context)
        try:
            self.state.nested_parse(self.content, self.content_offset, container)
        finally:
            if context is not None:
                stack.pop()

    def project_context(self) -> ProjectContext | None:
        """The projects (and event start) enclosing this directive, or ``None``."""
        stack: list[ProjectContext] = self.env.temp_data.get(PROJECT_CONTEXT) or []
        if not stack:
            return None
        projects: list[str] = []
        for context in stack:
            projects.extend(key for key in context.projects if key not in projects)
        when = next((c.when for c in reversed(stack) if c.when is not None), None)
        return ProjectContext(tuple(projects), when, all(c.listed for c in stack))

    def assign_id(self, node: nodes.Element, base: str) -> str:
        """Give *node* an id based on *base*, unique within the document, and return it."""
        document = self.state.document
        candidate = nodes.make_id(base) or "osblog"
        number = 1
        unique = candidate
        while unique in document.ids:
            number += 1
            unique = f"{candidate}-{number}"
        node["ids"].append(unique)
        document.ids[unique] = node
        return unique
