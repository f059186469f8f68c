"""Sidebar templates and the {tag} role."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import build, copy_root, make_root, tree_differences

SIDEBARS = {
    "html_sidebars": {
        "**": [
            "osblog/recent-posts.html",
            "osblog/upcoming-events.html",
            "osblog/tags.html",
            "osblog/archives.html",
        ]
    }
}


def test_sidebars_show_posts_tags_and_archives(tmp_path: Path) -> None:
    result = build(copy_root("posts", tmp_path / "site"), confoverrides=SIDEBARS)
    assert result.warning_lines() == []
    soup = result.soup("index")
    recent = [a.get_text() for a in soup.select(".osblog-sidebar-recent a")]
    assert recent == ["June updates", "March updates", "An ABlog post", "February updates"]
    tags = {a.get_text(): a["href"] for a in soup.select(".osblog-sidebar-tags a")}
    assert tags["kubernetes"] == "blog/tags/kubernetes.html"
    years = soup.select(".osblog-sidebar-archives a")
    assert [(a.get_text(), a["href"]) for a in years] == [("2019", "blog/archive.html#y2019")]
    # No events on this site: the events sidebar stays out, and so does the events script.
    assert soup.select(".osblog-sidebar-events") == []
    assert "osblog-events.js" not in str(soup)


def test_new_post_updates_every_sidebar_incrementally(tmp_path: Path) -> None:
    srcdir = copy_root("posts", tmp_path / "site")
    build(srcdir, confoverrides=SIDEBARS)
    new = srcdir / "updates/2019/07/new.md"
    new.write_text("---\ndate: 2019-07-30\ntags: brand-new\n---\n# Brand new\n\nText.\n")
    incremental = build(srcdir, confoverrides=SIDEBARS)
    assert incremental.read_docs == ["updates/2019/07/new"]
    assert "Brand new" in incremental.soup("index").select_one(".osblog-sidebar-recent").get_text()
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, confoverrides=SIDEBARS)
    assert tree_differences(incremental.outdir, clean.outdir, ("_sources",)) == []


def test_tag_role(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n\nSee {tag}`Kubernetes` and {tag}`unused`.\n",
        "updates/a.md": "---\ndate: 2020-01-01\ntags: kubernetes\n---\n# A\n\nText.\n",
    }
    result = build(make_root(tmp_path / "t", files))
    soup = result.soup("index")
    link = soup.select_one("a.osblog-tag-link")
    assert link["href"] == "blog/tags/kubernetes.html" and link.get_text() == "Kubernetes"
    # A tag without posts has no page: plain text, not a broken link.
    assert [s.get_text() for s in soup.select("span.osblog-tag")] == ["Kubernetes", "unused"]
    assert len(soup.select("a.osblog-tag-link")) == 1


def test_tag_role_with_registry_warns_on_unknown(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\n{tag}`nope`\n"}
    conf = "osblog_tags = {'kubernetes': {'name': 'Kubernetes', 'description': 'K8s.'}}\n"
    result = build(make_root(tmp_path / "t", files, conf))
    warnings = result.osblog_warnings("registry")
    assert (
        len(warnings) == 1 and "unknown tag 'nope'" in warnings[0] and "index.md:3" in warnings[0]
    )
    page = result.soup("blog/tags/kubernetes")
    assert page.select_one(".osblog-tag-description").get_text() == "K8s."
