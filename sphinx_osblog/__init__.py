"""sphinx-osblog: monthly open-source updates inside a Sphinx documentation tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point; the wiring lives in :mod:`sphinx_osblog.extension`."""
    from sphinx_osblog.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
