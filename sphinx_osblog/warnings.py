"""Typed warnings: every warning a writer can trigger goes through :func:`warn`.

Each carries the type ``osblog`` and one subtype of :class:`OsblogWarning`, so
``suppress_warnings = ["osblog.video"]`` silences exactly one family, and a
location so the writer can find the offending line.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes

LOGGER = logging.getLogger("sphinx_osblog")

WARNING_TYPE = "osblog"


class OsblogWarning(Enum):
    """The warning subtypes, one per area (SPEC §6)."""

    POST = "post"
    """A post's front matter is missing or malformed."""
    REGISTRY = "registry"
    """A project, person or tag key is not in its registry."""
    EVENT = "event"
    """An event or talk has a missing or malformed option."""
    VIDEO = "video"
    """A video URL, id or option is unsupported or malformed."""
    CARD = "card"
    """A project card or grid has a malformed option."""
    FEED = "feed"
    """A feed or calendar cannot be written (e.g. no base URL)."""
    CONFIG = "config"
    """A ``conf.py`` value or a registry file is malformed."""

    @property
    def qualified(self) -> str:
        """The name to put in ``suppress_warnings``."""
        return f"{WARNING_TYPE}.{self.value}"


def warn(
    subtype: OsblogWarning,
    message: str,
    location: str | tuple[str | None, int | None] | nodes.Node | None,
) -> None:
    """Emit one located, typed warning; the build goes on.

    *location* is a node, a ``"path:line"`` string, or a ``(file path, line)`` pair.
    Sphinx reads a pair as ``(docname, line)``, which fails for files that are not
    documents (conf.py, registries) and before the environment exists, so pairs
    are turned into the ``path:line`` form here.
    """
    if isinstance(location, tuple):
        path, line = location
        # Sphinx writes "path:" for a file without a line, and so do we.
        location = f"{path}:{line or ''}" if path else None
    LOGGER.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
