"""Build equivalence on a generated site with sidebars: reproducible, parallel-safe, and
incremental builds equal clean ones after posts and events are edited, added and deleted."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import build, make_root, tree_differences
from tests.sitegen import CONF, post_text, write_site

POSTS = 24


@pytest.fixture
def site(tmp_path: Path) -> Path:
    srcdir = make_root(tmp_path / "site", {}, CONF)
    return write_site(srcdir, POSTS)


def changed(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    future = time.time() + 10
    os.utime(path, (future, future))


def edit_post(site: Path) -> list[str]:
    path = site / "updates/0005.md"
    changed(path, path.read_text(encoding="utf-8").replace("title: Update 5", "title: Renamed"))
    return []


def add_post(site: Path) -> list[str]:
    changed(site / "updates/9999.md", post_text(POSTS + 1, dt.date(2019, 1, 5)))
    return []


def delete_post(site: Path) -> list[str]:
    (site / "updates/0007.md").unlink()
    return ["updates/0007.html"]


def edit_event(site: Path) -> list[str]:
    path = site / "updates/0010.md"
    text = path.read_text(encoding="utf-8").replace("Meetup 10", "Conference 10")
    changed(path, text.replace(":kind: meetup", ":kind: conference"))
    return []


def delete_event(site: Path) -> list[str]:
    path = site / "updates/0003.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("::::{event}"), text.index("::::\n\n:::{video}")
    changed(path, text[:start] + text[end + 5 :])
    return []


@pytest.mark.parametrize(
    "mutate",
    [edit_post, add_post, delete_post, edit_event, delete_event],
    ids=lambda f: f.__name__,
)
def test_incremental_equals_clean(site: Path, tmp_path: Path, mutate: Callable) -> None:
    build(site)
    stale = mutate(site)
    incremental = build(site)
    assert incremental.warning_lines() == []
    clean_src = tmp_path / "clean"
    shutil.copytree(site, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src)
    assert tree_differences(incremental.outdir, clean.outdir, ("_sources",), tuple(stale)) == []


def test_clean_builds_identical_and_parallel_equals_serial(site: Path, tmp_path: Path) -> None:
    one = build(site, outdir=tmp_path / "one")
    assert one.warning_lines() == []
    two = build(site, outdir=tmp_path / "two")
    assert tree_differences(one.outdir, two.outdir) == []
    parallel = build(site, outdir=tmp_path / "parallel", parallel=2)
    assert tree_differences(one.outdir, parallel.outdir) == []
