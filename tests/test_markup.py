"""Markup rules for everything osblog emits: an ``osblog-`` class on every element, no
inline style or script, so themes can hook on and a strict CSP can serve the site."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from tests.helpers import Build, build, build_root, make_root
from tests.sitegen import CONF, write_site

# Containers whose children are the writer's own content, not osblog's markup.
WRITER_CONTENT = {
    "osblog-project-card-body",
    "osblog-event-body",
    "osblog-talk-abstract",
    "osblog-video-caption",
}
OURS = (
    ".osblog-page, .osblog-post-header, .osblog-post-navigation, .osblog-post-list, "
    ".osblog-event, .osblog-event-list, .osblog-project-grid, .osblog-project-card, "
    ".osblog-sidebar"
)


@pytest.fixture(scope="module", params=["posts", "events", "cards", "generated"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    sidebars = {
        "html_sidebars": {
            "**": [
                "osblog/recent-posts.html",
                "osblog/upcoming-events.html",
                "osblog/tags.html",
                "osblog/archives.html",
            ]
        }
    }
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "generated":
        # Project pages with talks and videos: the site of the equivalence tests.
        srcdir = write_site(make_root(folder / "site", {}, CONF), 6)
        return build(srcdir, confoverrides=sidebars)
    return build_root(request.param, folder, confoverrides=sidebars)


def our_elements(soup: BeautifulSoup) -> list[Tag]:
    """Elements inside osblog's blocks, leaving out the writer's own content."""
    found: dict[int, Tag] = {}
    for root in soup.select(OURS):
        for element in [root, *root.find_all(True)]:
            if element.find_parent(class_=lambda c: c in WRITER_CONTENT) is None:
                found.setdefault(id(element), element)
    return list(found.values())


def test_every_element_has_an_osblog_class(site: Build) -> None:
    checked = 0
    for path in sorted(site.outdir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in our_elements(soup):
            checked += 1
            classes = element.get("class", [])
            assert any(c.startswith("osblog-") for c in classes), (
                path.relative_to(site.outdir),
                str(element)[:200],
            )
            assert not element.has_attr("style"), (path, str(element)[:200])
    assert checked > 50


def test_no_inline_style_or_script_from_osblog(site: Build) -> None:
    for path in sorted(site.outdir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("src") or script.get("type") == "application/ld+json":
                continue
            assert "osblog" not in (script.string or ""), path
        for style in soup.find_all("style"):
            assert "osblog" not in (style.string or ""), path


def test_head_links_carry_our_class(site: Build) -> None:
    head = BeautifulSoup(
        (site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).head
    for element in head.select("link[rel=alternate], script[type='application/ld+json']"):
        assert any(c.startswith("osblog-") for c in element.get("class", [])), element
