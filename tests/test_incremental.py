"""Incremental, parallel and repeated builds produce exactly what a clean build does."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.helpers import Build, build, copy_root, tree_differences

NEW_POST = """---
title: May updates
date: 2019-06-01
author: henning-jacobs
tags: [kubernetes, new-tag]
---
# May updates

A new post arrives between March and June.
"""


def touch_later(path: Path) -> None:
    """Make sure Sphinx sees the file as changed even on coarse file systems."""
    future = time.time() + 10
    os.utime(path, (future, future))


def edit_add_delete(srcdir: Path) -> None:
    march = srcdir / "updates/2019/03/mar.md"
    march.write_text(
        march.read_text(encoding="utf-8").replace("# March updates", "# March updates, revised"),
        encoding="utf-8",
    )
    touch_later(march)
    new = srcdir / "updates/2019/05/may.md"
    new.parent.mkdir(parents=True)
    new.write_text(NEW_POST, encoding="utf-8")
    touch_later(new)
    (srcdir / "updates/2019/06/jun.md").unlink()


def clean_build_of(srcdir: Path, tmp_path: Path, name: str, **kwargs) -> Build:
    clean_src = tmp_path / f"{name}-src"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    return build(clean_src, **kwargs)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_edit_add_delete_equals_clean_build(tmp_path: Path, builder: str) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    first = build(srcdir, builder)
    assert "updates/2019/06/jun" in first.read_docs
    edit_add_delete(srcdir)
    incremental = build(srcdir, builder)
    # Only what changed is read again; the rest is only rewritten.
    assert incremental.read_docs == ["updates/2019/03/mar", "updates/2019/05/may"]
    clean = clean_build_of(srcdir, tmp_path, "clean", builder=builder)
    assert incremental.warning_lines() == clean.warning_lines() == []
    stale = ("updates/2019/06/jun.html", "updates/2019/06/jun/index.html")
    assert tree_differences(incremental.outdir, clean.outdir, ("_sources",), stale) == []
    # The neighbours' links and the lists show the change.
    page = "updates/2019/03/mar.html" if builder == "html" else "updates/2019/03/mar/index.html"
    text = (incremental.outdir / page).read_text(encoding="utf-8")
    assert "May updates" in text and "June updates" not in text


def test_editing_a_body_rewrites_few_pages(tmp_path: Path) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    first = build(srcdir)
    before = {p: p.stat().st_mtime_ns for p in first.outdir.rglob("*.html")}
    time.sleep(0.05)
    feb = srcdir / "updates/2019/02/feb.md"
    feb.write_text(feb.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    touch_later(feb)
    second = build(srcdir)
    assert second.read_docs == ["updates/2019/02/feb"]
    rewritten = sorted(
        str(p.relative_to(second.outdir))
        for p, mtime in before.items()
        if p.exists() and p.stat().st_mtime_ns != mtime
    )
    # The post itself; no neighbour's links changed, so no other post is rewritten.
    assert "updates/2019/02/feb.html" in rewritten
    assert "news/rst-post.html" not in rewritten
    assert "updates/2019/03/mar.html" not in rewritten


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    serial = build(srcdir, outdir=tmp_path / "serial")
    parallel = build(srcdir, outdir=tmp_path / "parallel", parallel=2)
    assert parallel.warning_lines() == []
    assert tree_differences(serial.outdir, parallel.outdir) == []


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    one = build(srcdir, outdir=tmp_path / "one")
    two = build(srcdir, outdir=tmp_path / "two")
    assert tree_differences(one.outdir, two.outdir) == []


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_rebuild_without_changes_writes_no_generated_page(tmp_path: Path, builder: str) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    first = build(srcdir, builder)
    generated = sorted((first.outdir / "blog").rglob("*.html"))
    assert generated
    before = {path: path.stat().st_mtime_ns for path in generated}
    time.sleep(0.05)
    build(srcdir, builder)
    assert [p for p in generated if p.stat().st_mtime_ns != before[p]] == []
