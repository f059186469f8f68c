"""video / youtube / vimeo: parsing, HTML per privacy mode, other builders, bad input, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_osblog.video import (
    UnsupportedVideo,
    VideoSource,
    embed_url,
    parse_aspect,
    parse_source,
    parse_start,
    public_url,
)
from tests.helpers import Build, build, build_root, make_root, osblog_fragments

BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo"]
VIDEO_HOSTS = re.compile(
    r"youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg|googlevideo|vimeo|framatube"
)


# --- parsing (no build) -------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("https://www.youtube.com/watch?v=4QyecOoPsGU", VideoSource("youtube", "4QyecOoPsGU")),
        (
            "http://youtube.com/watch?v=4QyecOoPsGU&t=1m30s",
            VideoSource("youtube", "4QyecOoPsGU", start=90),
        ),
        ("https://m.youtube.com/watch?v=4QyecOoPsGU", VideoSource("youtube", "4QyecOoPsGU")),
        ("https://youtu.be/4QyecOoPsGU?t=42", VideoSource("youtube", "4QyecOoPsGU", start=42)),
        ("https://www.youtube.com/embed/4QyecOoPsGU", VideoSource("youtube", "4QyecOoPsGU")),
        (
            "https://www.youtube-nocookie.com/embed/4QyecOoPsGU?start=5",
            VideoSource("youtube", "4QyecOoPsGU", start=5),
        ),
        (
            "https://www.youtube.com/shorts/aqz-KE-bpKQ",
            VideoSource("youtube", "aqz-KE-bpKQ", vertical=True),
        ),
        (
            "https://www.youtube.com/playlist?list=PLj6h78yzYM2PZf9eA7bhWnIh_mK1vyOfU",
            VideoSource("youtube", playlist="PLj6h78yzYM2PZf9eA7bhWnIh_mK1vyOfU"),
        ),
        (
            "https://www.youtube.com/watch?v=4QyecOoPsGU&list=PLj6h78yzYM2PZf9eA7b",
            VideoSource("youtube", "4QyecOoPsGU", "PLj6h78yzYM2PZf9eA7b"),
        ),
        ("youtube:4QyecOoPsGU", VideoSource("youtube", "4QyecOoPsGU")),
        ("YouTube: 4QyecOoPsGU", VideoSource("youtube", "4QyecOoPsGU")),
        ("https://vimeo.com/76979871", VideoSource("vimeo", "76979871")),
        ("https://vimeo.com/76979871#t=30s", VideoSource("vimeo", "76979871", start=30)),
        (
            "https://vimeo.com/76979871/8272103f6e",
            VideoSource("vimeo", "76979871", vimeo_hash="8272103f6e"),
        ),
        ("https://vimeo.com/channels/staffpicks/76979871", VideoSource("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", VideoSource("vimeo", "76979871")),
        ("vimeo:76979871", VideoSource("vimeo", "76979871")),
        (
            "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
            VideoSource("peertube", "kkGMgK9ZtnKfYAgnEtQxbv", host="framatube.org"),
        ),
        (
            "https://tube.example.org:8443/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            VideoSource(
                "peertube",
                "9c9de5e8-0a1e-484a-b099-e80766180a6d",
                host="tube.example.org:8443",
            ),
        ),
        (
            "https://tube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=7",
            VideoSource(
                "peertube", "9c9de5e8-0a1e-484a-b099-e80766180a6d", host="tube.example.org", start=7
            ),
        ),
        ("media/clip.mp4", VideoSource("file", path="media/clip.mp4")),
        ("/media/Talk 2019.WEBM", VideoSource("file", path="/media/Talk 2019.WEBM")),
        ("clip.ogv", VideoSource("file", path="clip.ogv")),
        ("clip.mov", VideoSource("file", path="clip.mov")),
    ],
)
def test_parse_source_accepts(argument: str, expected: VideoSource) -> None:
    assert parse_source(argument) == expected


@pytest.mark.parametrize(
    ("argument", "link"),
    [
        ("https://example.com/videos/42", "https://example.com/videos/42"),
        ("https://www.dailymotion.com/video/x7tgad0", "https://www.dailymotion.com/video/x7tgad0"),
        ("https://www.youtube.com/watch?v=abc", "https://www.youtube.com/watch?v=abc"),
        ("https://www.youtube.com/watch?v=4QyecOoPsGU&list=x", None),
        ("https://www.youtube.com/channel/UCabc", "https://www.youtube.com/channel/UCabc"),
        ("https://youtu.be/", "https://youtu.be/"),
        ("https://vimeo.com/about", "https://vimeo.com/about"),
        ("https://www.youtube.com@evil.example/watch?v=4QyecOoPsGU", None),
        ("http://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv", None),
        ("https://framatube.org/w/p/kkGMgK9ZtnKfYAgnEtQxbv", None),
        ("https://framatube.org/w/bad!id", None),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:video/mp4;base64,AAAA", ""),
        ("//www.youtube.com/watch?v=4QyecOoPsGU", ""),
        ("youtube:4QyecOoPsG", ""),
        ('youtube:4QyecOoPsGU"', ""),
        ("vimeo:12ab", ""),
        ("clip.avi", ""),
        ("clip.mp4?autoplay=1", ""),
        ('clip".mp4', ""),
        ("", ""),
    ],
)
def test_parse_source_rejects(argument: str, link: str | None) -> None:
    with pytest.raises(UnsupportedVideo) as info:
        parse_source(argument)
    if link is not None:
        assert info.value.link == link
    assert not info.value.link.lower().startswith(("javascript", "data"))


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("90", 90),
        ("90s", 90),
        ("1m30s", 90),
        ("1m", 60),
        ("1h2m3s", 3723),
        ("2h", 7200),
        ("1:30", 90),
        ("1:02:03", 3723),
        (" 45 ", 45),
        ("0", 0),
    ],
)
def test_parse_start(value: str, seconds: int) -> None:
    assert parse_start(value) == seconds


@pytest.mark.parametrize("value", ["", "soon", "-5", "1.5", "1m30", "h", "1:75", "9999999"])
def test_parse_start_rejects(value: str) -> None:
    assert parse_start(value) is None


@pytest.mark.parametrize(
    ("value", "ratio"),
    [("16:9", (16, 9)), ("4:3", (4, 3)), ("32:18", (16, 9)), ("5/3", (5, 3)), ("1 : 1", (1, 1))],
)
def test_parse_aspect(value: str, ratio: tuple[int, int]) -> None:
    assert parse_aspect(value) == ratio


@pytest.mark.parametrize("value", ["wide", "16x", "0:9", "16:0", "-16:9", "16:9:1", "1.5:1", ""])
def test_parse_aspect_rejects(value: str) -> None:
    assert parse_aspect(value) is None


def test_embed_and_public_urls() -> None:
    youtube = VideoSource("youtube", "4QyecOoPsGU")
    assert (
        embed_url(youtube, "click-to-load", 90, autoplay=True)
        == "https://www.youtube-nocookie.com/embed/4QyecOoPsGU?start=90&autoplay=1"
    )
    assert embed_url(youtube, "nocookie", None, autoplay=False) == (
        "https://www.youtube-nocookie.com/embed/4QyecOoPsGU"
    )
    assert embed_url(youtube, "direct", None, autoplay=False) == (
        "https://www.youtube.com/embed/4QyecOoPsGU"
    )
    assert public_url(youtube, 90) == "https://www.youtube.com/watch?v=4QyecOoPsGU&t=90s"
    playlist = VideoSource("youtube", playlist="PLj6h78yzYM2PZf9eA7b")
    assert embed_url(playlist, "nocookie", None, autoplay=False) == (
        "https://www.youtube-nocookie.com/embed/videoseries?list=PLj6h78yzYM2PZf9eA7b"
    )
    vimeo = VideoSource("vimeo", "76979871", vimeo_hash="8272103f6e")
    assert embed_url(vimeo, "click-to-load", 75, autoplay=True) == (
        "https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1&autoplay=1#t=75s"
    )
    assert embed_url(vimeo, "direct", None, autoplay=False) == (
        "https://player.vimeo.com/video/76979871?h=8272103f6e"
    )
    peertube = VideoSource("peertube", "kkGMgK9ZtnKfYAgnEtQxbv", host="framatube.org")
    assert embed_url(peertube, "click-to-load", 65, autoplay=True) == (
        "https://framatube.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?start=65&autoplay=1&p2p=0"
    )
    assert public_url(peertube, None) == "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv"


# --- the test root ------------------------------------------------------------


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_root("video", tmp_path_factory.mktemp("video-html"))


def test_root_builds_without_warnings(html_build: Build) -> None:
    assert html_build.warning_lines() == [], html_build.warnings


@pytest.mark.parametrize("page", ["index", "modes", "rst", "talks/local"])
def test_html_snapshot(html_build: Build, page: str, file_regression) -> None:
    fragment = osblog_fragments(html_build.html(page), ".osblog-video")
    file_regression.check(fragment, extension=".html", basename=f"html_{page.replace('/', '_')}")


def test_myst_and_rst_agree(html_build: Build) -> None:
    myst = html_build.soup("index").select_one(".osblog-video")
    rst = html_build.soup("rst").select_one(".osblog-video")
    assert myst is not None and rst is not None
    myst_player = myst.select_one(".osblog-video-frame")
    rst_player = rst.select_one(".osblog-video-frame")
    assert str(myst_player) == str(rst_player)


def test_click_to_load_makes_no_request_to_a_video_host(html_build: Build) -> None:
    soup = html_build.soup("index")
    for element in soup.find_all(["iframe", "img", "script", "link", "video", "source"]):
        for attribute in ("src", "href", "poster", "srcset"):
            assert not VIDEO_HOSTS.search(element.get(attribute, "")), element
    buttons = soup.select("button.osblog-video-play")
    assert len(buttons) == 9
    for button in buttons:
        assert button["type"] == "button"
        assert button["data-osblog-embed"].startswith(
            (
                "https://www.youtube-nocookie.com/embed/",
                "https://player.vimeo.com/video/",
                "https://framatube.org/videos/embed/",
            )
        )
        assert "autoplay=1" in button["data-osblog-embed"]
        assert button.select_one(".osblog-video-title").get_text() == button["data-osblog-title"]
    links = soup.select(".osblog-video-link a")
    assert [link.get_text() for link in links][:2] == ["Watch on YouTube", "Watch on YouTube"]
    assert "Watch on framatube.org" in [link.get_text() for link in links]


def test_iframes_carry_title_and_referrer_policy(html_build: Build) -> None:
    iframes = html_build.soup("modes").find_all("iframe")
    assert len(iframes) == 5
    for iframe in iframes:
        assert iframe["title"]
        assert iframe["referrerpolicy"] == "strict-origin-when-cross-origin"
        assert iframe.has_attr("allowfullscreen")
        assert "encrypted-media" in iframe["allow"]
        assert iframe["src"].startswith("https://")
    nocookie, direct = iframes[0], iframes[1]
    assert nocookie["src"].startswith("https://www.youtube-nocookie.com/embed/")
    assert nocookie["loading"] == "lazy"
    assert direct["src"].startswith("https://www.youtube.com/embed/")
    assert not direct.has_attr("loading")


def test_every_element_has_an_osblog_class_and_no_inline_style(html_build: Build) -> None:
    for page in ("index", "modes", "rst", "talks/local"):
        html = html_build.html(page)
        for figure in BeautifulSoup(html, "html.parser").select(".osblog-video"):
            for element in [figure, *figure.find_all(True)]:
                assert not element.has_attr("style"), element
                if element.find_parent("figcaption") is not None:
                    continue  # the writer's own content
                classes = element.get("class", [])
                assert any(name.startswith("osblog-") for name in classes), element
        scripts = BeautifulSoup(html, "html.parser").find_all("script")
        assert all(script.get("src") for script in scripts if "osblog" in script.text)


def test_assets_are_linked_once(html_build: Build) -> None:
    soup = html_build.soup("index")
    scripts = [s for s in soup.find_all("script") if "osblog-video.js" in s.get("src", "")]
    assert len(scripts) == 1
    assert scripts[0].has_attr("defer")
    styles = [s for s in soup.find_all("link") if "osblog-video.css" in s.get("href", "")]
    assert len(styles) == 1
    # Pages without a video load neither.
    other = str(html_build.soup("genindex"))
    assert "osblog-video.js" not in other and "osblog-video.css" not in other
    assert (html_build.outdir / "_static" / "osblog-video.js").is_file()
    assert (html_build.outdir / "_static" / "osblog-video.css").is_file()
    static_path = html_build.app.config.html_static_path
    assert len([entry for entry in static_path if entry.endswith("static")]) <= 2
    assert len(static_path) == len(set(static_path))


def test_local_files_are_copied(html_build: Build) -> None:
    soup = html_build.soup("talks/local")
    videos = soup.select("video.osblog-video-player")
    assert len(videos) == 2
    first = videos[0]
    assert first.has_attr("controls")
    assert first["preload"] == "metadata"
    assert first["poster"] == "../_images/poster.png"
    source = first.select_one("source")
    assert source["type"] == "video/mp4"
    assert source["src"].endswith("/clip.mp4#t=10")
    target = html_build.outdir / "talks" / source["src"].split("#")[0]
    assert target.resolve().is_file()
    assert (html_build.outdir / "_images" / "poster.png").is_file()
    webm = videos[1].select_one("source")
    assert webm["type"] == "video/webm"
    assert (html_build.outdir / "talks" / webm["src"]).resolve().is_file()


def test_default_privacy_comes_from_config(tmp_path: Path) -> None:
    result = build_root("video", tmp_path, confoverrides={"osblog_video_privacy": "nocookie"})
    soup = result.soup("index")
    assert not soup.select("button.osblog-video-play")
    assert len(soup.find_all("iframe")) == 9
    assert all("youtube.com/embed" not in iframe["src"] for iframe in soup.find_all("iframe"))


# --- other builders ---------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_matrix(tmp_path: Path, builder: str) -> None:
    result = build_root("video", tmp_path, builder)
    assert result.warning_lines() == [], result.warnings
    assert "unknown node" not in result.warnings


def test_latex_output(tmp_path: Path, file_regression) -> None:
    result = build_root("video", tmp_path, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    start = tex.index(r"\sphinxAtStartPar" + "\nVideo:")
    end = tex.index("Last paragraph.") + len("Last paragraph.")
    file_regression.check(tex[start:end], extension=".tex")
    assert "poster" not in tex
    assert not list(result.outdir.rglob("poster.png"))
    assert "nocookie" not in tex


def test_text_output(tmp_path: Path, file_regression, monkeypatch: pytest.MonkeyPatch) -> None:
    # Sphinx versions wrap long URLs differently; a wide page keeps the snapshot stable.
    monkeypatch.setattr("sphinx.writers.text.MAXWIDTH", 200)
    result = build_root("video", tmp_path, "text")
    parts = [result.text(name) for name in ("index.txt", "rst.txt", "talks/local.txt")]
    file_regression.check("\n".join(parts), extension=".txt")
    assert "Watch on" not in parts[0]


def test_parallel_build(tmp_path: Path) -> None:
    result = build_root("video", tmp_path, parallel=2)
    assert result.warning_lines() == [], result.warnings
    soup = result.soup("talks/local")
    for source in soup.select("video source"):
        assert (result.outdir / "talks" / source["src"].split("#")[0]).resolve().is_file()


# --- bad input ----------------------------------------------------------------

BAD_PAGE = """# Bad videos

Before the video.

{directive}

The paragraph after the video.
"""


def bad_build(tmp_path: Path, directive: str, name: str = "index.md") -> Build:
    body = BAD_PAGE.format(directive=directive)
    if name.endswith(".rst"):
        body = body.replace("# Bad videos", "Bad videos\n==========")
    files = {name: body, "poster.png": "not really a png", "clip.mp4": "x"}
    if name != "index.md":
        files["index.md"] = f"# Index\n\n```{{toctree}}\n{name.rsplit('.', 1)[0]}\n```\n"
    return build(make_root(tmp_path / "src", files))


BAD_CASES = {
    "unknown-host": (
        ":::{video} https://example.com/videos/42\n:title: Elsewhere\n:::",
        "unsupported video URL",
    ),
    "javascript": (":::{video} javascript:alert(1)\n:title: Evil\n:::", "javascript"),
    "youtube-id": (
        ":::{video} https://www.youtube.com/watch?v=abc\n:title: Short id\n:::",
        "not a valid YouTube video id",
    ),
    "youtube-directive-id": ("```{youtube} abc\n:title: Short id\n```", "not a valid YouTube"),
    "start": (":::{video} youtube:4QyecOoPsGU\n:title: T\n:start: soon\n:::", ":start:"),
    "aspect": (":::{video} youtube:4QyecOoPsGU\n:title: T\n:aspect: wide\n:::", ":aspect:"),
    "privacy": (":::{video} youtube:4QyecOoPsGU\n:title: T\n:privacy: maybe\n:::", ":privacy:"),
    "title": (":::{video} youtube:4QyecOoPsGU\n:::", "no :title:"),
    "missing-file": (":::{video} missing.mp4\n:title: Gone\n:::", "not found"),
    "remote-poster": (
        ":::{video} youtube:4QyecOoPsGU\n:title: T\n"
        ":poster: https://i.ytimg.com/vi/4QyecOoPsGU/hqdefault.jpg\n:::",
        ":poster:",
    ),
    "missing-poster": (
        ":::{video} youtube:4QyecOoPsGU\n:title: T\n:poster: nothere.png\n:::",
        ":poster:",
    ),
    "long-poster-name": (
        ":::{video} youtube:4QyecOoPsGU\n:title: T\n:poster: " + "é" * 300 + "\n:::",
        "not found",
    ),
    "long-file-name": (":::{video} " + "é" * 300 + ".mp4\n:title: T\n:::", "not found"),
    "unsupported-file": (":::{video} clip.avi\n:title: T\n:::", ".mp4"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_input_is_one_located_warning(tmp_path: Path, case: str) -> None:
    directive, message = BAD_CASES[case]
    result = bad_build(tmp_path, directive)
    warnings = result.osblog_warnings("video")
    assert len(warnings) == 1, result.warnings
    assert len(result.warning_lines()) == 1, result.warnings
    assert "index.md:5:" in warnings[0], warnings[0]
    assert message in warnings[0]
    assert "Traceback" not in result.warnings
    html = result.html("index")
    assert "The paragraph after the video." in html
    assert "Before the video." in html
    assert "javascript:" not in html.lower()
    assert "ytimg" not in html


def test_bad_input_in_rst_is_located(tmp_path: Path) -> None:
    result = bad_build(
        tmp_path, ".. video:: https://example.com/v/1\n   :title: Elsewhere", "page.rst"
    )
    warnings = result.osblog_warnings("video")
    assert len(warnings) == 1, result.warnings
    assert "page.rst:6:" in warnings[0], warnings[0]
    assert "The paragraph after the video." in result.html("page")


def test_unknown_host_degrades_to_a_plain_link(tmp_path: Path) -> None:
    result = bad_build(tmp_path, ":::{video} https://example.com/videos/42\n:title: Elsewhere\n:::")
    soup = result.soup("index")
    link = soup.select_one("p.osblog-video-unsupported a")
    assert link is not None
    assert link["href"] == "https://example.com/videos/42"
    assert link.get_text() == "Elsewhere"
    assert not soup.select("iframe, button.osblog-video-play, figure.osblog-video")


def test_unsafe_url_degrades_to_nothing(tmp_path: Path) -> None:
    result = bad_build(tmp_path, ":::{video} javascript:alert(1)\n:title: Evil\n:::")
    soup = result.soup("index")
    assert not soup.select("[class*=osblog-video]")
    assert "Evil" not in soup.get_text()


def test_missing_title_uses_a_fallback(tmp_path: Path) -> None:
    result = bad_build(tmp_path, ":::{video} vimeo:76979871\n:::")
    button = result.soup("index").select_one("button.osblog-video-play")
    assert button is not None
    assert button["data-osblog-title"] == "Vimeo video"


def test_bad_options_are_ignored_not_fatal(tmp_path: Path) -> None:
    result = bad_build(
        tmp_path,
        ":::{video} youtube:4QyecOoPsGU\n:title: T\n:start: soon\n:aspect: wide\n"
        ":privacy: maybe\n:::",
    )
    assert len(result.osblog_warnings("video")) == 3, result.warnings
    button = result.soup("index").select_one("button.osblog-video-play")
    assert button is not None
    assert "start=" not in button["data-osblog-embed"]
    assert "osblog-video-aspect-16-9" in button.parent["class"]


# --- escaping -------------------------------------------------------------------

EVIL = '"><script>alert(1)</script>'


@pytest.mark.parametrize(
    ("name", "directive"),
    [
        ("page.rst", f".. video:: youtube:4QyecOoPsGU\n   :title: {EVIL}\n   :poster: poster.png"),
        ("page.rst", f".. video:: clip.mp4\n   :title: {EVIL}"),
        ("page.rst", f".. vimeo:: 76979871\n   :title: {EVIL}\n   :privacy: nocookie"),
        (
            "page.md",
            f":::{{video}} https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv\n:title: x{EVIL}\n:::",
        ),
        ("page.md", f":::{{video}} https://example.com/v/1\n:title: x{EVIL}\n:::"),
    ],
)
def test_title_is_escaped_everywhere(tmp_path: Path, name: str, directive: str) -> None:
    result = bad_build(tmp_path, directive, name)
    html = result.html("page")
    assert "<script>alert" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.text]
    found = False
    for element in soup.select("[class*=osblog-video]"):
        for node in [element, *element.find_all(True)]:
            for attribute, value in node.attrs.items():
                if attribute != "id" and isinstance(value, str) and "script" in value:
                    assert value.endswith(EVIL), value
                    found = True
            assert not node.has_attr("onerror")
    # Link text goes through Sphinx's smart quotes; attributes do not.
    assert found or EVIL in soup.get_text().replace("\u201d", '"')
    for text in soup.select(".osblog-video-title, .osblog-video-unsupported a"):
        assert text.get_text().replace("\u201d", '"').endswith(EVIL)
    text_build = build(result.srcdir, "text")
    assert "script" in text_build.text("page.txt")
    assert "Traceback" not in text_build.warnings


# --- youtube / vimeo registration -----------------------------------------------

THIRD_PARTY_EXTENSION = """
from docutils import nodes
from docutils.parsers.rst import Directive


class ThirdPartyYouTube(Directive):
    required_arguments = 1

    def run(self):
        return [nodes.paragraph(text="third-party youtube " + self.arguments[0])]


def setup(app):
    app.add_directive("youtube", ThirdPartyYouTube)
    return {"parallel_read_safe": True}
"""

TAKEN_CONF = """
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
extensions = [*extensions, "thirdparty_youtube"]
"""


def test_youtube_name_left_to_another_extension(tmp_path: Path) -> None:
    srcdir = make_root(
        tmp_path / "src",
        {
            "index.md": "# T\n\n```{youtube} 4QyecOoPsGU\n```\n\n```{vimeo} 76979871\n"
            ":title: Ours\n```\n\n```{video} youtube:4QyecOoPsGU\n:title: Also ours\n```\n",
            "thirdparty_youtube.py": THIRD_PARTY_EXTENSION,
        },
        TAKEN_CONF,
    )
    result = build(srcdir)
    assert result.warning_lines() == [], result.warnings
    soup = result.soup("index")
    assert "third-party youtube 4QyecOoPsGU" in soup.get_text()
    titles = [button["data-osblog-title"] for button in soup.select("button.osblog-video-play")]
    assert titles == ["Ours", "Also ours"]


def test_youtube_and_vimeo_registered(html_build: Build) -> None:
    soup = html_build.soup("index")
    titles = [b["data-osblog-title"] for b in soup.select("button.osblog-video-play")]
    assert "The youtube directive" in titles
    assert "The vimeo directive" in titles
