"""Names of the pages osblog generates, and which builders get them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

PAGE_ROOT = "blog"

_KIND_FOLDERS = {"project": "projects", "person": "authors", "tag": "tags"}

# Builders that write one file per page and run ``html-collect-pages``: the
# generated archive pages exist only there. singlehtml writes one page and epub
# would list them outside its reading order, so links go elsewhere for those.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


def page_name(kind: str, key: str) -> str:
    """The page name of a generated page, e.g. ``blog/projects/skipper``."""
    return f"{PAGE_ROOT}/{_KIND_FOLDERS[kind]}/{key}"


def pages_available(builder: Builder) -> bool:
    """True when *builder* writes osblog's generated pages."""
    return builder.name in PAGE_BUILDERS
