"""Roles ``{project}`` and ``{person}`` (SPEC §2).

A known key becomes a pending cross-reference that :class:`OsblogDomain`
resolves per builder (the generated page, else the project's repository or the
person's URL, else text). An unknown key is an ``osblog.registry`` warning and
renders as the key in plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from sphinx_osblog.config import get_config
from sphinx_osblog.render import osblog_xref
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_REGISTRY_OF_ROLE = {
    "project": ("projects", "osblog_projects"),
    "person": ("people", "osblog_people"),
}


class RegistryRole(SphinxRole):
    """Links a registry entry by key: ``{project}`key``, ``{person}`key``."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        registry_kind, config_name = _REGISTRY_OF_ROLE[self.kind]
        registries = get_config(self.env).registries
        dependency = registries.dependency_for(registry_kind)
        if dependency:
            self.env.note_dependency(dependency)
        entries = getattr(registries, registry_kind)
        entry = entries.get(key)
        classes = ["osblog-ref", f"osblog-ref-{self.kind}"]
        if entry is None:
            warn(
                OsblogWarning.REGISTRY,
                f"unknown {self.kind} key {key!r} (not in {config_name})",
                self.get_location(),
            )
            return [nodes.inline(key, key, classes=[*classes, "osblog-ref-unknown"])], []
        reference = osblog_xref(
            self.kind, key, nodes.inline(entry.name, entry.name, classes=classes)
        )
        self.set_source_info(reference)
        return [reference], []


class TagRole(SphinxRole):
    """``{tag}`kubernetes```: links to the tag's page (text where there are no pages)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from sphinx_osblog.posts import tag_key

        text = self.text.strip()
        key = tag_key(text)
        registries = get_config(self.env).registries
        dependency = registries.dependency_for("tags")
        if dependency:
            self.env.note_dependency(dependency)
        entry = registries.tags.get(text) or registries.tags.get(key)
        if registries.tags and entry is None:
            warn(
                OsblogWarning.REGISTRY,
                f"unknown tag {text!r} (not in osblog_tags)",
                self.get_location(),
            )
        name = entry.name if entry else text
        reference = osblog_xref(
            "tag",
            entry.key if entry else key,
            nodes.inline(name, name, classes=["osblog-ref", "osblog-tag"]),
        )
        self.set_source_info(reference)
        return [reference], []


def setup_roles(app: Sphinx) -> None:
    """Register the registry roles."""
    app.add_role("project", RegistryRole("project"))
    app.add_role("person", RegistryRole("person"))
    app.add_role("tag", TagRole())
