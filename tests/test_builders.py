"""Every builder renders osblog's nodes; builds are reproducible and parallel-safe."""

from __future__ import annotations

import filecmp
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from docutils import nodes

import sphinx_osblog
from sphinx_osblog.render import node_visitors, osblog_node
from tests.helpers import build, build_root, copy_root, make_root

BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man"]
FORMATS = ("html", "latex", "text", "man", "texinfo")


def osblog_node_classes() -> list[type[nodes.Node]]:
    found = []
    for module_info in pkgutil.iter_modules(sphinx_osblog.__path__):
        if module_info.name == "__main__":
            continue
        module = importlib.import_module(f"sphinx_osblog.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, nodes.Node) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_node_has_a_visitor_for_each_format(tmp_path: Path) -> None:
    result = build_root("cards", tmp_path, "text")
    handlers = result.app.registry.translation_handlers
    classes = [cls for cls in osblog_node_classes() if cls is not osblog_node]
    assert len(classes) > 20, classes
    for fmt in FORMATS:
        # Sphinx knows one dispatching pair per format, for the base of every osblog node.
        assert "osblog_node" in handlers.get(fmt, {}), fmt
        assert not {cls.__name__ for cls in classes} & set(handlers.get(fmt, {})), fmt
    for cls in classes:
        assert cls.__mro__[1] is osblog_node, cls
        assert set(node_visitors(cls)) == set(FORMATS), cls


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_renders_cards_without_warnings(tmp_path: Path, builder: str) -> None:
    result = build_root("cards", tmp_path, builder)
    assert result.warning_lines() == [], result.warnings
    assert "unknown node" not in result.warnings


def test_text_output(tmp_path: Path) -> None:
    text = build_root("cards", tmp_path, "text").text("index.txt")
    assert "Postgres Operator" in text
    assert "Database as a Service [GSoC 2019] [mentor org]" in text
    assert "Apply now" in text
    assert "Accepted as a **mentor organization**" in text


def test_latex_output(tmp_path: Path) -> None:
    result = build_root("cards", tmp_path, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://github.com/zalando/postgres-operator}" in tex
    assert "[GSoC 2019]" in tex
    assert r"\sphinxhref{https://summerofcode.withgoogle.com/}{Apply now}" in tex
    assert "logo.svg" not in tex


def _same_tree(left: Path, right: Path) -> list[str]:
    differences = []
    comparison = filecmp.dircmp(left, right, ignore=[".buildinfo", ".doctrees"])

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        differences.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differences.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    return differences


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    srcdir = copy_root("cards", tmp_path / "src")
    first = build(srcdir, outdir=tmp_path / "one")
    second = build(srcdir, outdir=tmp_path / "two")
    assert _same_tree(first.outdir, second.outdir) == []


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root("cards", tmp_path / "src")
    serial = build(srcdir, outdir=tmp_path / "serial")
    parallel = build(srcdir, outdir=tmp_path / "parallel", parallel=2)
    assert parallel.warning_lines() == []
    assert _same_tree(serial.outdir, parallel.outdir) == []


def test_a_subclass_of_an_osblog_node_renders_like_its_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another extension may subclass our nodes; they render with the base's visitors."""
    files = {"index.md": "# Home\n\n```{eval-rst}\n.. house-badge::\n```\n"}
    srcdir = make_root(tmp_path / "site", files, "extensions.append('osblog_house_ext')\n")
    extension_dir = tmp_path / "ext"
    extension_dir.mkdir()
    monkeypatch.syspath_prepend(str(extension_dir))
    (extension_dir / "osblog_house_ext.py").write_text(
        "from docutils import nodes\n"
        "from sphinx.util.docutils import SphinxDirective, register_node\n"
        "from sphinx_osblog.posts import post_date\n\n"
        "class house_badge(post_date):\n    pass\n\n"
        "class HouseBadge(SphinxDirective):\n"
        "    def run(self):\n"
        "        paragraph = nodes.paragraph()\n"
        "        paragraph += house_badge('in house', 'in house', datetime='2020-01-01')\n"
        "        return [paragraph]\n\n"
        "def setup(app):\n"
        "    register_node(house_badge)\n"
        "    app.add_directive('house-badge', HouseBadge)\n"
        "    return {'parallel_read_safe': True}\n",
        encoding="utf-8",
    )
    for builder in ("html", "text"):
        result = build(srcdir, builder=builder)
        assert result.warning_lines() == [], result.warnings
    time = build(srcdir).soup("index").select_one("time[datetime='2020-01-01']")
    assert time is not None and time.get_text() == "in house"
