"""Posts: header, lists, archives, feeds, metadata, drafts, bad front matter."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import feedparser
import myst_parser
import pytest
import sphinx.search

from tests.helpers import build, build_root, make_root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    return build_root("posts", tmp_path_factory.mktemp("posts"))


LISTED = [
    "updates/2019/06/jun",
    "updates/2019/03/mar",
    "news/rst-post",
    "updates/2019/02/feb",
]


def test_builds_without_warnings(site) -> None:
    assert site.warning_lines() == [], site.warnings


def test_post_header(site) -> None:
    soup = site.soup("updates/2019/02/feb")
    header = soup.select_one(".osblog-post-header")
    time = header.select_one("time.osblog-post-date")
    assert time["datetime"] == "2019-03-17"
    assert time.get_text() == "March 17, 2019"
    assert header.select_one(".osblog-reading-time").get_text() == "1 min read"
    author = header.select_one("a.osblog-person-link")
    assert author["href"] == "../../../blog/authors/hong-phuc.html"
    assert author.get_text() == "Hong Phuc Dang"
    tags = header.select("a.osblog-tag-link")
    assert [(t.get_text(), t["href"]) for t in tags] == [
        ("kubernetes", "../../../blog/tags/kubernetes.html"),
        ("GSoC", "../../../blog/tags/gsoc.html"),
    ]
    banner = header.select_one("img.osblog-post-banner")
    assert banner["alt"] == "Colourful banner"
    assert (site.outdir / "updates/2019/02" / banner["src"]).resolve().is_file()
    # The header sits between the title and the body.
    assert soup.select_one("h1").find_next_sibling() is header


def test_time_zones_and_free_authors(site) -> None:
    header = site.soup("updates/2019/03/mar").select_one(".osblog-post-header")
    assert header.select_one("time.osblog-post-date")["datetime"] == "2019-04-25T10:30:00+02:00"
    assert header.select_one("time.osblog-post-updated")["datetime"] == "2019-04-26"
    jane = header.select_one("a.osblog-author-link")
    assert jane.get_text() == "Jane Doe" and jane["href"] == "https://example.org/jane"


def test_title_becomes_heading_when_body_has_none(site) -> None:
    soup = site.soup("updates/2019/06/jun")
    assert soup.select_one("h1").get_text().rstrip("¶") == "June updates"
    assert "June updates" in soup.title.get_text()


def test_rst_and_ablog_post(site) -> None:
    header = site.soup("news/rst-post").select_one(".osblog-post-header")
    assert header.select_one("time")["datetime"] == "2019-04-02"
    assert [t.get_text() for t in header.select(".osblog-tag")] == ["Release"]


def test_previous_and_next_by_date(site) -> None:
    nav = site.soup("news/rst-post").select_one("nav.osblog-post-navigation")
    assert nav.select_one(".osblog-post-previous a")["href"] == "../updates/2019/02/feb.html"
    assert nav.select_one(".osblog-post-next a")["href"] == "../updates/2019/03/mar.html"
    newest = site.soup("updates/2019/06/jun").select_one("nav.osblog-post-navigation")
    assert newest.select_one(".osblog-post-next") is None


@pytest.mark.skipif(
    "no-search" not in inspect.getsource(sphinx.search),
    reason="this Sphinx indexes every node; the 'no-search' class came later",
)
def test_neighbour_titles_stay_out_of_the_search_index(site) -> None:
    text = site.text("searchindex.js")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = index["docnames"]

    def pages_with(term: str, table: str = "terms") -> set[str]:
        found = index[table].get(term, [])
        return {docnames[i] for i in ([found] if isinstance(found, int) else found)}

    # "February updates" is a post's title, and the ABlog post's "Previous:" link.
    assert "updates/2019/02/feb" in pages_with("februari", "titleterms")
    assert "news/rst-post" not in pages_with("februari")
    assert "news/rst-post" in pages_with("unchang")  # its own words are indexed
    assert "updates/2019/02/feb" not in pages_with("read")  # "1 min read" is not content


def test_drafts_and_scheduled_posts_are_built_but_not_listed(site) -> None:
    assert (site.outdir / "updates/2019/07/draft.html").is_file()
    assert (site.outdir / "updates/2019/09/scheduled.html").is_file()
    archive = site.text("blog/archive.html")
    feed = site.text("blog/atom.xml")
    for unlisted in ("A draft", "Scheduled"):
        assert unlisted not in archive and unlisted not in feed
        assert unlisted not in site.html("updates/index")


def test_post_lists(site) -> None:
    soup = site.soup("updates/index")
    lists = soup.select("ul.osblog-post-list, div.osblog-post-list")
    full, tagged, cards = lists
    assert [a["href"] for a in full.select("a.osblog-post-link")] == [
        "2019/06/jun.html",
        "2019/03/mar.html",
        "../news/rst-post.html",
        "2019/02/feb.html",
    ]
    assert full.select_one(".osblog-post-excerpt").get_text() == (
        "No heading in this body; the title becomes the heading."
    )
    feb_excerpt = full.select(".osblog-post-excerpt")[-1].get_text()
    assert feb_excerpt == (
        "This is a recap of open source activities in February. It continues here with more words."
    )
    assert [a.get_text() for a in tagged.select("a")] == ["March updates", "February updates"]
    assert tagged.select(".osblog-post-excerpt") == []
    assert [a.get_text() for a in cards.select(".osblog-post-card a")] == [
        "March updates",
        "An ABlog post",
    ]
    titles = site.soup("index").select_one("ul.osblog-post-list-titles")
    assert [a.get_text() for a in titles.select("a")] == ["June updates", "March updates"]
    assert titles.select("time") == []


def test_archive_and_tag_author_project_pages(site) -> None:
    archive = site.soup("blog/archive")
    assert [h.get_text() for h in archive.select("h3.osblog-archive-month")] == [
        "July 2019",
        "April 2019",
        "March 2019",
    ]
    tag = site.soup("blog/tags/kubernetes")
    assert [a.get_text() for a in tag.select("a.osblog-post-link")] == [
        "March updates",
        "February updates",
    ]
    author = site.soup("blog/authors/henning-jacobs")
    assert [a.get_text() for a in author.select("a.osblog-post-link")] == [
        "March updates",
        "An ABlog post",
    ]
    project = site.soup("blog/projects/skipper")
    assert project.select_one("a.osblog-mention-link")["href"] == (
        "../../updates/2019/02/feb.html#project-skipper"
    )
    assert [a.get_text() for a in project.select("a.osblog-post-link")] == ["February updates"]


def test_no_toctree_warnings_and_posts_reachable(site) -> None:
    assert "toctree" not in site.warnings
    archive_links = {a["href"] for a in site.soup("blog/archive").select("a.osblog-post-link")}
    assert len(archive_links) == len(LISTED)


def test_atom_feed(site) -> None:
    feed = feedparser.parse(site.outdir / "blog/atom.xml")
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [entry.link for entry in feed.entries] == [
        f"https://example.org/docs/{docname}.html" for docname in LISTED
    ]
    march = feed.entries[1]
    assert march.published == "2019-04-25T10:30:00+02:00"
    assert march.updated.startswith("2019-04-26")
    assert [a.name for a in march.authors] == ["Henning Jacobs", "Jane Doe"]
    assert march.summary == "A hand-written summary."
    assert [t.term for t in march.tags] == ["kubernetes", "cloud-native"]
    assert len({entry.id for entry in feed.entries}) == len(LISTED)
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    assert feed.feed.updated.startswith("2019-07-15")


def test_rss_and_json_feeds(site) -> None:
    rss = feedparser.parse(site.outdir / "blog/rss.xml")
    assert not rss.bozo and rss.version == "rss20"
    assert [entry.link for entry in rss.entries] == [
        f"https://example.org/docs/{docname}.html" for docname in LISTED
    ]
    data = json.loads(site.text("blog/feed.json"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["url"] for item in data["items"]] == [
        f"https://example.org/docs/{docname}.html" for docname in LISTED
    ]
    assert data["items"][3]["image"] == "https://example.org/docs/_images/banner.svg"


def test_per_page_feeds_and_autodiscovery(site) -> None:
    tag_feed = feedparser.parse(site.outdir / "blog/tags/kubernetes/atom.xml")
    assert [e.title for e in tag_feed.entries] == ["March updates", "February updates"]
    author_feed = feedparser.parse(site.outdir / "blog/authors/henning-jacobs/atom.xml")
    assert [e.title for e in author_feed.entries] == ["March updates", "An ABlog post"]
    project_feed = feedparser.parse(site.outdir / "blog/projects/skipper/atom.xml")
    assert [e.title for e in project_feed.entries] == ["February updates"]
    head = site.soup("updates/2019/02/feb").head
    types = [link["type"] for link in head.select("link[rel=alternate]")]
    assert types == ["application/atom+xml", "application/rss+xml", "application/feed+json"]
    assert head.select_one("link[type='application/atom+xml']")["href"] == "../../../blog/atom.xml"
    tag_head = site.soup("blog/tags/kubernetes").head
    assert tag_head.select("link[rel=alternate]")[-1]["href"] == "kubernetes/atom.xml"


def test_json_ld_and_opengraph(site) -> None:
    head = site.soup("updates/2019/02/feb").head
    data = json.loads(head.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "February updates"
    assert data["datePublished"] == "2019-03-17T00:00:00+00:00"
    assert data["author"][0]["name"] == "Hong Phuc Dang"
    assert data["image"] == "https://example.org/docs/_images/banner.svg"
    properties = {m["property"]: m["content"] for m in head.select("meta[property]")}
    assert properties["og:type"] == "article"
    assert properties["og:title"] == "February updates"
    assert properties["og:image"] == "https://example.org/docs/_images/banner.svg"
    assert properties["article:published_time"] == "2019-03-17T00:00:00+00:00"
    assert site.soup("index").head.select("script[type='application/ld+json']") == []


def test_dirhtml_links(tmp_path: Path) -> None:
    result = build_root("posts", tmp_path, "dirhtml")
    assert result.warning_lines() == []
    feed = feedparser.parse(result.outdir / "blog/atom.xml")
    assert feed.entries[0].link == "https://example.org/docs/updates/2019/06/jun/"
    page = (result.outdir / "updates/2019/02/feb/index.html").read_text(encoding="utf-8")
    assert 'href="../../../../blog/tags/kubernetes/"' in page
    assert (result.outdir / "blog/tags/kubernetes/index.html").is_file()
    assert (result.outdir / "blog/tags/kubernetes/atom.xml").is_file()


def test_show_drafts(tmp_path: Path) -> None:
    result = build_root("posts", tmp_path, confoverrides={"osblog_show_drafts": True})
    archive = result.text("blog/archive.html")
    assert "A draft" in archive and "Scheduled" in archive


def test_no_base_url_warns_once_and_writes_no_feed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    result = build_root("posts", tmp_path, confoverrides={"html_baseurl": ""})
    warnings = result.osblog_warnings("feed")
    assert len(warnings) == 1 and "conf.py" in warnings[0]
    assert not (result.outdir / "blog/atom.xml").exists()


def test_read_the_docs_url(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://x.readthedocs.io/en/latest/")
    result = build_root("posts", tmp_path, confoverrides={"html_baseurl": ""})
    feed = feedparser.parse(result.outdir / "blog/atom.xml")
    assert feed.entries[0].link.startswith("https://x.readthedocs.io/en/latest/updates/")


def test_pagination(tmp_path: Path) -> None:
    result = build_root("posts", tmp_path, confoverrides={"osblog_page_size": 3})
    first = result.soup("blog/archive")
    assert len(first.select("a.osblog-post-link")) == 3
    assert first.select_one("a.osblog-page-older")["href"] == "archive/page-2.html"
    second = result.soup("blog/archive/page-2")
    assert [a.get_text() for a in second.select("a.osblog-post-link")] == ["February updates"]
    assert second.select_one("a.osblog-page-newer")["href"] == "../archive.html"


BAD_POSTS = {
    "date": ("date: 2019-02-30", "date: '2019-02-30' is not a date"),
    "date-text": ("date: next tuesday", "date: 'next tuesday' is not a date"),
    "author": ("author: no-such-person", "unknown person key 'no-such-person'"),
    "banner": ("banner: missing.png", "banner image 'missing.png' not found"),
    # A name longer than the OS allows is "not found" too, not an OSError (found by fuzzing).
    "banner-long": ("banner: " + "é" * 300 + ".png", "not found"),
    "tags": ("tags: {a: 1}", "tags must be a list or a comma-separated string"),
    "draft": ("draft: maybe", "draft must be true or false"),
    "canonical": ("canonical: javascript:alert(1)", "scheme 'javascript:' is not allowed"),
}


@pytest.mark.parametrize("case", sorted(BAD_POSTS))
def test_bad_front_matter_warns_at_its_line(tmp_path: Path, case: str) -> None:
    line, expected = BAD_POSTS[case]
    if case == "date" and int(myst_parser.__version__.split(".")[0]) < 3:
        pytest.skip("MyST-Parser < 3 itself crashes on an impossible unquoted YAML date")
    if not case.startswith("date"):
        line = "date: 2019-03-01\n" + line
    source = f"---\ntitle: Bad\n{line}\n---\n# Bad\n\nThe body survives.\n"
    srcdir = make_root(
        tmp_path / case,
        {"index.md": "# Home\n", "updates/bad.md": source},
        "osblog_people = {'someone-else': {'name': 'Someone'}}\n",
    )
    result = build(srcdir)
    warnings = result.osblog_warnings("post")
    assert len(warnings) == 1, result.warnings
    assert expected in warnings[0]
    key = line.splitlines()[-1].split(":")[0]
    expected_line = source.splitlines().index(line.splitlines()[-1]) + 1
    assert f"updates/bad.md:{expected_line}" in warnings[0], (key, warnings[0])
    assert "The body survives." in result.html("updates/bad")
    assert "Traceback" not in result.warnings
