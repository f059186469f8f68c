"""Names of the pages osblog generates, and which builders get them."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

PAGE_ROOT = "blog"

_KIND_FOLDERS = {"project": "projects", "person": "authors", "tag": "tags"}

# Builders that write one file per page and run ``html-collect-pages``: the
# generated archive pages exist only there. singlehtml writes one page and epub
# would list them outside its reading order, so links go elsewhere for those.
PAGE_BUILDERS = frozenset({"html", "dirhtml"})


# File systems allow 255 bytes per name; room is left for suffixes such as ``.html``.
MAX_SEGMENT_BYTES = 100


def file_segment(name: str) -> str:
    """*name* as one path segment short enough for any file system.

    Names come from writers (tags, registry keys, event titles). A long one keeps
    its beginning and gains a digest of the whole, so distinct names stay distinct
    and every build names the file alike.
    """
    if len(name.encode("utf-8")) <= MAX_SEGMENT_BYTES:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    head = name.encode("utf-8")[: MAX_SEGMENT_BYTES - len(digest) - 1]
    return f"{head.decode('utf-8', 'ignore').rstrip('-')}-{digest}"


def page_name(kind: str, key: str) -> str:
    """The page name of a generated page, e.g. ``blog/projects/skipper``."""
    return f"{PAGE_ROOT}/{_KIND_FOLDERS[kind]}/{file_segment(key)}"


def pages_available(builder: Builder) -> bool:
    """True when *builder* writes osblog's generated pages."""
    return builder.name in PAGE_BUILDERS
