"""Build helpers shared by the tests: a fresh copy of a test root, a real Sphinx build."""

from __future__ import annotations

import json
import logging
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
    read_docs: list[str]
    """The documents this build read (roots made with :func:`make_root` only)."""
    typed_warnings: list[tuple[str, str]]
    """``(subtype, message)`` of every ``osblog`` warning logged."""
    unlocated: list[str]
    """Messages of ``osblog`` warnings logged without a location (should stay empty)."""

    def html(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")

    def soup(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup(self.html(page), "html.parser")

    def text(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def warning_lines(self) -> list[str]:
        return [line for line in strip_colors(self.warnings).splitlines() if line.strip()]

    def osblog_warnings(self, subtype: str | None = None) -> list[str]:
        """Warning lines of type ``osblog`` (and *subtype*), told by their log records.

        Sphinx before 7.3 does not print ``[type.subtype]``, so the records are
        captured during the build and matched to the printed lines.
        """
        messages = [message for kind, message in self.typed_warnings if subtype in (None, kind)]
        return [
            line
            for line in self.warning_lines()
            if any(message.splitlines()[0] in line for message in messages)
        ]


def strip_colors(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def copy_root(root: str, destination: Path) -> Path:
    """Copy ``tests/roots/test-<root>`` to *destination* and return it."""
    source = ROOTS / f"test-{root}"
    shutil.copytree(source, destination)
    with (destination / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(READ_RECORDER)
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
    capture = _TypedWarnings()
    osblog_logger = logging.getLogger("sphinx.sphinx_osblog")
    osblog_logger.addHandler(capture)
    try:
        app = SphinxTestApp(**kwargs)
        record = Path(app.doctreedir) / "read-docs.txt"
        record.unlink(missing_ok=True)
        try:
            app.build()
        finally:
            app.cleanup()
    finally:
        osblog_logger.removeHandler(capture)
    read = record.read_text(encoding="utf-8").split() if record.exists() else []
    return Build(
        srcdir,
        Path(app.outdir),
        status.getvalue(),
        warnings.getvalue(),
        app,
        read,
        capture.found,
        capture.unlocated,
    )


class _TypedWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[tuple[str, str]] = []
        self.unlocated: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "type", None) == "osblog":
            self.found.append((getattr(record, "subtype", ""), record.getMessage()))
            if not getattr(record, "location", None):
                self.unlocated.append(record.getMessage())


def build_root(root: str, tmp_path: Path, builder: str = "html", **kwargs: Any) -> Build:
    """Copy a test root into *tmp_path* and build it once."""
    return build(copy_root(root, tmp_path / root), builder, **kwargs)


BASIC_CONF = """extensions = ["myst_parser", "sphinx_osblog"]
project = "t"
exclude_patterns = ["_build"]
"""

READ_RECORDER = """

def setup(app):
    # Records which documents each build reads, for incremental-build tests.
    def record(app, env, docnames):
        import pathlib

        pathlib.Path(app.doctreedir, "read-docs.txt").write_text("\\n".join(sorted(docnames)))

    app.connect("env-before-read-docs", record)
"""


def make_root(destination: Path, files: dict[str, str], conf: str = "") -> Path:
    """Write a small Sphinx project: ``conf.py`` (basic plus *conf*) and *files*."""
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "conf.py").write_text(BASIC_CONF + conf + READ_RECORDER, encoding="utf-8")
    for name, content in files.items():
        path = destination / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return destination


def _search_index(path: Path) -> object:
    """Sphinx's search index without the empty entries it leaves for pruned documents."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for table in ("terms", "titleterms"):
        data[table] = {term: docs for term, docs in data.get(table, {}).items() if docs != []}
    # Sphinx before 7.3 lists each title's documents in the order it fed them.
    data["alltitles"] = {
        title: sorted(places) for title, places in data.get("alltitles", {}).items()
    }
    return data


def tree_differences(
    left: Path, right: Path, ignore: tuple[str, ...] = (), stale: tuple[str, ...] = ()
) -> list[str]:
    """Relative paths of files that differ between two output folders (or exist in one).

    *stale* names files allowed in *left* only: Sphinx never deletes the output of a
    removed document. Sphinx's search index is compared by content.
    """
    skipped = {".buildinfo", ".doctrees", *ignore}

    def files(root: Path) -> dict[str, Path]:
        return {
            str(path.relative_to(root)): path
            for path in root.rglob("*")
            if path.is_file() and not set(path.relative_to(root).parts) & skipped
        }

    left_files, right_files = files(left), files(right)
    differences = sorted((set(left_files) ^ set(right_files)) - set(stale))
    for name in sorted(set(left_files) & set(right_files)):
        if left_files[name].read_bytes() == right_files[name].read_bytes():
            continue
        if name == "searchindex.js" and _search_index(left_files[name]) == _search_index(
            right_files[name]
        ):
            continue
        differences.append(name)
    return differences


def osblog_fragments(html: str, selector: str) -> str:
    """The prettified HTML of every element matching *selector* (for snapshots)."""
    soup = BeautifulSoup(html, "html.parser")
    return "\n".join(element.prettify() for element in soup.select(selector))
