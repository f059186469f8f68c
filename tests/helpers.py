"""Build helpers shared by the tests: a fresh copy of a test root, a real Sphinx build."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import sphinx
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def sphinx_path(path: Path) -> Any:
    """Sphinx < 7.2 testing wants its own ``path`` type; newer versions take pathlib."""
    if sphinx.version_info < (7, 2):
        from sphinx.testing.path import path as legacy_path

        return legacy_path(str(path))
    return path


@dataclass
class Build:
    """The result of one build: where it went and what it said."""

    srcdir: Path
    outdir: Path
    status: str
    warnings: str
    app: Any

    def html(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")

    def soup(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup(self.html(page), "html.parser")

    def text(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def warning_lines(self) -> list[str]:
        return [line for line in strip_colors(self.warnings).splitlines() if line.strip()]

    def osblog_warnings(self, subtype: str | None = None) -> list[str]:
        marker = f"[osblog.{subtype}]" if subtype else "[osblog."
        return [line for line in self.warning_lines() if marker in line]


def strip_colors(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def copy_root(root: str, destination: Path) -> Path:
    """Copy ``tests/roots/test-<root>`` to *destination* and return it."""
    source = ROOTS / f"test-{root}"
    shutil.copytree(source, destination)
    return destination


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    confoverrides: dict[str, Any] | None = None,
    parallel: int = 0,
    outdir: Path | None = None,
    fresh: bool = False,
) -> Build:
    """Run one real Sphinx build of *srcdir* (incremental unless *fresh*)."""
    if fresh:
        shutil.rmtree(srcdir / "_build", ignore_errors=True)
    status, warnings = StringIO(), StringIO()
    kwargs: dict[str, Any] = {
        "buildername": builder,
        "srcdir": sphinx_path(srcdir),
        "confoverrides": confoverrides or {},
        "status": status,
        "warning": warnings,
    }
    if parallel:
        kwargs["parallel"] = parallel
    if outdir is not None:
        kwargs["builddir"] = sphinx_path(outdir)
    app = SphinxTestApp(**kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(srcdir, Path(app.outdir), status.getvalue(), warnings.getvalue(), app)


def build_root(
    root: str, tmp_path: Path, builder: str = "html", **kwargs: Any
) -> Build:
    """Copy a test root into *tmp_path* and build it once."""
    return build(copy_root(root, tmp_path / root), builder, **kwargs)
