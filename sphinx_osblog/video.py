"""``video``, ``youtube`` and ``vimeo`` (SPEC §3): privacy-first video embeds.

The argument is parsed into a :class:`VideoSource` whose ids are validated
strictly; every URL that reaches ``src`` or ``href`` is rebuilt by us from those
ids, never copied from the writer's text. A bad argument or option is one
located ``osblog.video`` warning and the rest of the page renders.

The directive emits an :class:`osblog_video` node holding

* an :class:`osblog_video_player`: the click-to-load play button, the iframe or
  the HTML5 ``<video>``; its only possible child is the poster image, a real
  ``nodes.image`` so Sphinx copies it. For every format but HTML, a
  post-transform replaces it by an :class:`osblog_video_fallback`, a paragraph
  with the title linked to the video's public page;
* an optional :class:`osblog_video_caption`: the body, a ``<figcaption>`` in HTML
  and ordinary paragraphs elsewhere.

No inline script or style is emitted: settings travel as ``data-osblog-*``
attributes read by ``static/osblog-video.js``.
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from docutils import nodes
from docutils.parsers.rst import directives as rst_directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from sphinx_osblog.config import VIDEO_PRIVACY_MODES
from sphinx_osblog.directives import OsblogDirective, is_number, text_option
from sphinx_osblog.domain import VideoRecord, get_domain
from sphinx_osblog.files import is_file
from sphinx_osblog.i18n import _
from sphinx_osblog.render import (
    NON_HTML_FORMATS,
    PASSTHROUGH,
    SKIP,
    add_osblog_node,
    non_html,
    osblog_node,
    tag_start,
)
from sphinx_osblog.urls import UnsafeURL, check_url
from sphinx_osblog.warnings import OsblogWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

LOGGER = logging.getLogger(__name__)

JS_FILE = "osblog-video.js"
CSS_FILE = "osblog-video.css"
# Every video's HTML carries this class prefix; pages without it skip the assets.
VIDEO_MARKUP = "osblog-video"

# --- validation -------------------------------------------------------------

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLAYLIST_ID = re.compile(r"[A-Za-z0-9_-]{10,64}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,32}")
PEERTUBE_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[A-Za-z0-9]{16,32}"
)
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
PEERTUBE_HOST = re.compile(rf"{_HOST_LABEL}(?:\.{_HOST_LABEL})+")

YOUTUBE_HOSTS = frozenset(
    {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "music.youtube.com",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    }
)
YOUTU_BE_HOSTS = frozenset({"youtu.be", "www.youtu.be"})
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})

VIDEO_TYPES = {
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".mov": "video/quicktime",
}

IFRAME_ALLOW = (
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; "
    "picture-in-picture; web-share"
)
REFERRER_POLICY = "strict-origin-when-cross-origin"

DEFAULT_ASPECT = (16, 9)
COMMON_ASPECTS = frozenset({(16, 9), (4, 3), (1, 1), (9, 16), (21, 9)})
MAX_ASPECT_TERM = 1000
MAX_START = 100 * 3600

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SHORTHAND = re.compile(r"^(youtube|vimeo):(.*)$", re.IGNORECASE)
_SECONDS = re.compile(r"^(\d{1,6})s?$")
_HMS = re.compile(r"^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$")
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$")
_ASPECT = re.compile(r"^(\d{1,4})\s*[:/]\s*(\d{1,4})$")


class UnsupportedVideo(ValueError):
    """An argument that is not a supported video; ``link`` is a safe http(s) URL or ``""``."""

    def __init__(self, message: str, link: str = "") -> None:
        super().__init__(message)
        self.link = link


@dataclass(frozen=True)
class VideoSource:
    """What the writer pointed at, reduced to validated parts."""

    provider: str  # "youtube" | "vimeo" | "peertube" | "file"
    video_id: str = ""
    playlist: str = ""
    host: str = ""  # PeerTube host (with port when given)
    vimeo_hash: str = ""
    path: str = ""  # local file, as written
    start: int | None = None  # a start time found in the URL
    vertical: bool = False  # YouTube Shorts


def parse_start(value: str) -> int | None:
    """Seconds from ``90``, ``90s``, ``1m30s``, ``1h2m3s`` or ``1:30``; ``None`` if malformed."""
    text = value.strip().lower()
    if not text:
        return None
    seconds: int | None = None
    match = _SECONDS.match(text)
    if match:
        seconds = int(match.group(1))
    elif (match := _HMS.match(text)) and any(match.groups()):
        hours, minutes, secs = (int(part or 0) for part in match.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    elif match := _CLOCK.match(text):
        hours, minutes, secs = (int(part or 0) for part in match.groups())
        if minutes < 60 and secs < 60:
            seconds = hours * 3600 + minutes * 60 + secs
    if seconds is None or seconds > MAX_START:
        return None
    return seconds


def parse_aspect(value: str) -> tuple[int, int] | None:
    """``(16, 9)`` from ``16:9`` (reduced); ``None`` if malformed."""
    match = _ASPECT.match(value.strip())
    if not match:
        return None
    width, height = int(match.group(1)), int(match.group(2))
    if not (0 < width <= MAX_ASPECT_TERM and 0 < height <= MAX_ASPECT_TERM):
        return None
    divisor = math.gcd(width, height)
    return width // divisor, height // divisor


def _id_error(kind: str, value: str, rule: str) -> UnsupportedVideo:
    return UnsupportedVideo(f"{value!r} is not a valid {kind} ({rule})")


def _youtube_id(value: str) -> str:
    if not YOUTUBE_ID.fullmatch(value):
        raise _id_error("YouTube video id", value, "11 letters, digits, '-' or '_'")
    return value


def _playlist_id(value: str) -> str:
    if not PLAYLIST_ID.fullmatch(value):
        raise _id_error("YouTube playlist id", value, "10 to 64 letters, digits, '-' or '_'")
    return value


def _vimeo_id(value: str) -> str:
    if not VIMEO_ID.fullmatch(value):
        raise _id_error("Vimeo video id", value, "digits only")
    return value


def _url_start(value: str | None) -> int | None:
    if not value:
        return None
    return parse_start(value)


def _parse_youtube(host: str, path: str, query: dict[str, list[str]], url: str) -> VideoSource:
    def first(name: str) -> str:
        return (query.get(name) or [""])[0]

    playlist = first("list")
    start = _url_start(first("t") or first("start"))
    segments = [segment for segment in path.split("/") if segment]
    if host in YOUTU_BE_HOSTS:
        if len(segments) != 1:
            raise UnsupportedVideo(f"no video id in the YouTube URL {url!r}", url)
        video_id = _youtube_id(segments[0])
        return VideoSource(
            "youtube", video_id, _playlist_id(playlist) if playlist else "", start=start
        )
    if segments == ["watch"]:
        video_id = first("v")
        if not video_id:
            if playlist:
                return VideoSource("youtube", playlist=_playlist_id(playlist), start=start)
            raise UnsupportedVideo(f"no video id (v=…) in the YouTube URL {url!r}", url)
        return VideoSource(
            "youtube",
            _youtube_id(video_id),
            _playlist_id(playlist) if playlist else "",
            start=start,
        )
    if segments == ["playlist"] or segments == ["embed", "videoseries"]:
        if not playlist:
            raise UnsupportedVideo(f"no playlist id (list=…) in the YouTube URL {url!r}", url)
        return VideoSource("youtube", playlist=_playlist_id(playlist), start=start)
    if len(segments) == 2 and segments[0] in {"embed", "shorts", "live", "v"}:
        return VideoSource(
            "youtube",
            _youtube_id(segments[1]),
            _playlist_id(playlist) if playlist else "",
            start=start,
            vertical=segments[0] == "shorts",
        )
    raise UnsupportedVideo(
        f"unsupported YouTube URL {url!r} (use a watch, youtu.be, embed, shorts or playlist URL)",
        url,
    )


_VIMEO_PAGE = re.compile(
    r"^/(?:channels/[\w-]+/|groups/[\w-]+/videos/|album/\d+/video/|showcase/\d+/video/)?"
    r"(?P<id>\d+)(?:/(?P<hash>[0-9a-f]+))?/?$"
)
_VIMEO_PLAYER = re.compile(r"^/video/(?P<id>\d+)/?$")


def _parse_vimeo(
    host: str, path: str, query: dict[str, list[str]], fragment: str, url: str
) -> VideoSource:
    match = (_VIMEO_PLAYER if host == "player.vimeo.com" else _VIMEO_PAGE).match(path)
    if not match:
        raise UnsupportedVideo(f"no Vimeo video id in the URL {url!r}", url)
    video_id = _vimeo_id(match.group("id"))
    secret = match.groupdict().get("hash") or (query.get("h") or [""])[0]
    if secret and not VIMEO_HASH.fullmatch(secret):
        raise _id_error("Vimeo privacy hash", secret, "hexadecimal digits")
    start = None
    if fragment.startswith("t="):
        start = _url_start(fragment[2:])
    return VideoSource("vimeo", video_id, vimeo_hash=secret, start=start)


_PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/(?P<id>[^/]+)/?$")


def _parse_peertube(parts: Any, url: str) -> VideoSource | None:
    match = _PEERTUBE_PATH.match(parts.path)
    if not match:
        return None
    if parts.path.startswith("/w/p/"):
        return None
    if parts.scheme != "https":
        raise UnsupportedVideo(f"PeerTube videos are embedded over https only, not {url!r}", url)
    host = (parts.hostname or "").lower()
    if not PEERTUBE_HOST.fullmatch(host) or "@" in parts.netloc:
        raise UnsupportedVideo(f"the URL {url!r} has no valid host name", url)
    try:
        port = parts.port
    except ValueError:
        raise UnsupportedVideo(f"the URL {url!r} has an invalid port", url) from None
    if port is not None and port != 443:
        host = f"{host}:{port}"
    video_id = match.group("id")
    if not PEERTUBE_ID.fullmatch(video_id):
        raise _id_error("PeerTube video id", video_id, "a UUID or a short id of letters and digits")
    query = parse_qs(parts.query)
    start = _url_start((query.get("start") or [""])[0])
    return VideoSource("peertube", video_id, host=host, start=start)


def parse_source(argument: str) -> VideoSource:
    """Validate the directive's argument; raise :class:`UnsupportedVideo` with the reason."""
    value = argument.strip()
    if not value:
        raise UnsupportedVideo("no video given")
    shorthand = _SHORTHAND.match(value)
    if shorthand:
        provider, video_id = shorthand.group(1).lower(), shorthand.group(2).strip()
        if provider == "youtube":
            return VideoSource("youtube", _youtube_id(video_id))
        return VideoSource("vimeo", _vimeo_id(video_id))

    if _SCHEME.match(value) or value.startswith("//"):
        try:
            url = check_url(value, allow_relative=False)
        except UnsafeURL as exc:
            raise UnsupportedVideo(str(exc)) from None
        parts = urlsplit(url)
        if parts.scheme.lower() not in {"http", "https"}:
            raise UnsupportedVideo(
                f"the URL scheme {parts.scheme.lower() + ':'!r} is not a video URL"
            )
        if "@" in parts.netloc:
            raise UnsupportedVideo(f"the URL {url!r} carries user information", url)
        host = (parts.hostname or "").lower()
        query = parse_qs(parts.query)
        try:
            if host in YOUTUBE_HOSTS or host in YOUTU_BE_HOSTS:
                return _parse_youtube(host, parts.path, query, url)
            if host in VIMEO_HOSTS:
                return _parse_vimeo(host, parts.path, query, parts.fragment, url)
            peertube = _parse_peertube(parts, url)
        except UnsupportedVideo as exc:
            # The URL itself passed the allow-list, so it may still be a plain link.
            raise UnsupportedVideo(str(exc), url) from None
        if peertube is not None:
            return peertube
        raise UnsupportedVideo(
            f"unsupported video URL {url!r}: use a YouTube, Vimeo or PeerTube URL, "
            "youtube:ID, vimeo:ID or a local .mp4, .webm, .ogv or .mov file",
            url,
        )

    if ":" in value.split("/", 1)[0]:
        raise UnsupportedVideo(f"{value!r} looks like an unknown URL scheme")
    if any(char in value for char in "\x00\n\r\t<>\"'`\\") or "?" in value or "#" in value:
        raise UnsupportedVideo(f"{value!r} is not a usable local file name")
    suffix = posixpath.splitext(value)[1].lower()
    if suffix not in VIDEO_TYPES:
        raise UnsupportedVideo(
            f"{value!r} is neither a supported video URL nor a local .mp4, .webm, .ogv or .mov file"
        )
    return VideoSource("file", path=value)


# --- URLs we build ------------------------------------------------------------


def _query(params: list[tuple[str, str]]) -> str:
    return f"?{urlencode(params)}" if params else ""


def embed_url(source: VideoSource, privacy: str, start: int | None, *, autoplay: bool) -> str:
    """The iframe URL, built only from validated parts."""
    params: list[tuple[str, str]] = []
    if source.provider == "youtube":
        host = (
            "https://www.youtube.com" if privacy == "direct" else "https://www.youtube-nocookie.com"
        )
        path = f"/embed/{source.video_id}" if source.video_id else "/embed/videoseries"
        if source.playlist:
            params.append(("list", source.playlist))
        if start:
            params.append(("start", str(start)))
        if autoplay:
            params.append(("autoplay", "1"))
        return f"{host}{path}{_query(params)}"
    if source.provider == "vimeo":
        if source.vimeo_hash:
            params.append(("h", source.vimeo_hash))
        if privacy != "direct":
            params.append(("dnt", "1"))
        if autoplay:
            params.append(("autoplay", "1"))
        fragment = f"#t={start}s" if start else ""
        return f"https://player.vimeo.com/video/{source.video_id}{_query(params)}{fragment}"
    if source.provider == "peertube":
        if start:
            params.append(("start", str(start)))
        if autoplay:
            params.append(("autoplay", "1"))
        if privacy != "direct":
            # Peer-to-peer streaming would reveal the reader's address to other viewers.
            params.append(("p2p", "0"))
        return f"https://{source.host}/videos/embed/{source.video_id}{_query(params)}"
    raise ValueError(source.provider)


def public_url(source: VideoSource, start: int | None) -> str:
    """The video's page on its host (what non-HTML builders and the no-JS link point at)."""
    if source.provider == "youtube":
        if not source.video_id:
            return f"https://www.youtube.com/playlist{_query([('list', source.playlist)])}"
        params = [("v", source.video_id)]
        if source.playlist:
            params.append(("list", source.playlist))
        if start:
            params.append(("t", f"{start}s"))
        return f"https://www.youtube.com/watch{_query(params)}"
    if source.provider == "vimeo":
        secret = f"/{source.vimeo_hash}" if source.vimeo_hash else ""
        fragment = f"#t={start}s" if start else ""
        return f"https://vimeo.com/{source.video_id}{secret}{fragment}"
    if source.provider == "peertube":
        params = [("start", str(start))] if start else []
        if "-" in source.video_id:
            return f"https://{source.host}/videos/watch/{source.video_id}{_query(params)}"
        return f"https://{source.host}/w/{source.video_id}{_query(params)}"
    raise ValueError(source.provider)


PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo", "peertube": "PeerTube"}


def provider_name(source: VideoSource) -> str:
    return PROVIDER_NAMES.get(source.provider, "")


def default_title(source: VideoSource) -> str:
    if source.provider == "youtube":
        return str(_("YouTube video"))
    if source.provider == "vimeo":
        return str(_("Vimeo video"))
    if source.provider == "peertube":
        return str(_("PeerTube video"))
    return str(_("Video"))


def watch_label(source: VideoSource) -> str:
    if source.provider == "youtube":
        return str(_("Watch on YouTube"))
    if source.provider == "vimeo":
        return str(_("Watch on Vimeo"))
    return str(_("Watch on %s")) % source.host


# --- nodes ------------------------------------------------------------------


class osblog_video(osblog_node, nodes.General):
    """One video: a ``<figure>`` in HTML, its children elsewhere."""


class osblog_video_player(osblog_node, nodes.General):
    """The player (HTML only); its one optional child is the poster image."""


class osblog_video_fallback(osblog_node, nodes.General):
    """The title linked to the video's page, for builders without a player."""


class osblog_video_url(osblog_node, nodes.Inline, nodes.TextElement):
    """`` <URL>`` after the link, for the text builder (which never shows link targets)."""


class osblog_video_caption(osblog_node, nodes.General):
    """The directive's body: caption or transcript."""


# --- directives -------------------------------------------------------------


class VideoDirective(OsblogDirective):
    """``video URL-OR-FILE``: an embedded video that respects the reader's privacy."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "title": text_option,
        "start": text_option,
        "aspect": text_option,
        "poster": text_option,
        "privacy": text_option,
        "class": text_option,
    }
    warning_subtype = OsblogWarning.VIDEO

    def source_argument(self) -> str:
        return self.arguments[0].strip()

    def run(self) -> list[nodes.Node]:
        try:
            source = parse_source(self.source_argument())
        except UnsupportedVideo as exc:
            return self._unsupported(exc)

        title = self.options.get("title", "")
        if not title:
            title = default_title(source)
            self.warn(f"no :title: given (screen readers and search need one); using {title!r}")

        start = source.start
        raw_start = self.options.get("start", "")
        if raw_start:
            parsed = parse_start(raw_start)
            if parsed is None:
                self.warn(
                    f":start: {raw_start!r} is not a time (use seconds, 1m30s or 1h2m3s); ignored"
                )
            else:
                start = parsed

        aspect: tuple[int, int] | None = None
        raw_aspect = self._undo_yaml_sexagesimal(self.options.get("aspect", ""))
        if raw_aspect:
            aspect = parse_aspect(raw_aspect)
            if aspect is None:
                self.warn(
                    f":aspect: {raw_aspect!r} is not a ratio of positive whole numbers "
                    "such as 16:9; using the default"
                )
        if aspect is None and source.provider != "file":
            aspect = (9, 16) if source.vertical else DEFAULT_ASPECT

        privacy = self.settings.video_privacy
        raw_privacy = self.options.get("privacy", "")
        if raw_privacy:
            if raw_privacy in VIDEO_PRIVACY_MODES:
                privacy = raw_privacy
            else:
                self.warn(
                    f":privacy: {raw_privacy!r} is not one of {', '.join(VIDEO_PRIVACY_MODES)}; "
                    f"using {privacy!r}"
                )

        if source.provider == "file":
            return self._file_video(source, title, start, aspect)
        return self._embedded_video(source, title, start, aspect, privacy)

    def _undo_yaml_sexagesimal(self, value: str) -> str:
        """MyST-Parser < 3 reads options as YAML 1.1, where ``4:3`` is the integer 243."""
        if not is_number(value) or not type(self.state).__module__.startswith("myst_parser"):
            return value
        try:
            from myst_parser import __version__ as myst_version
        except ImportError:  # pragma: no cover
            return value
        if int(myst_version.split(".", 1)[0]) >= 3:
            return value
        width, height = divmod(int(value), 60)
        return f"{width}:{height}" if width else value

    # -- the node ------------------------------------------------------------

    def _video_node(self, source: VideoSource, title: str, extra: list[str]) -> osblog_video:
        node = osblog_video(
            "",
            provider=source.provider,
            classes=["osblog-video", f"osblog-video-{source.provider}", *extra],
        )
        node["classes"].extend(self.options.get("class", "").split())
        self.set_source_info(node)
        base = source.video_id or source.playlist or posixpath.basename(source.path)
        self.assign_id(node, f"video-{title if self.options.get('title') else base}")
        return node

    def _note_projects(self, node: osblog_video, title: str) -> None:
        """A video inside a project card or an event joins those projects' pages."""
        context = self.project_context()
        if context is None or not context.projects:
            return
        get_domain(self.env).add_video(
            VideoRecord(
                docname=self.env.docname,
                anchor=node["ids"][0],
                title=title,
                provider=node["provider"],
                projects=context.projects,
                when=context.when,
                listed=context.listed,
            )
        )

    def _caption(self, node: osblog_video) -> None:
        if not self.content:
            return
        caption = osblog_video_caption("", classes=["osblog-video-caption"])
        self.set_source_info(caption)
        self.parse_body(caption)
        node += caption

    def _poster(self) -> nodes.image | None:
        poster = self.options.get("poster", "")
        if not poster:
            return None
        if _SCHEME.match(poster) or poster.startswith("//"):
            self.warn(
                f":poster: {poster!r} must be a local image file (a poster is never fetched "
                "from another site); ignored"
            )
            return None
        _rel, absolute = self.env.relfn2path(poster, self.env.docname)
        if not is_file(absolute):
            self.warn(f":poster: image file {poster!r} not found; ignored")
            return None
        image = nodes.image("", uri=poster, alt="", classes=["osblog-video-poster"])
        self.set_source_info(image)
        return image

    def _embedded_video(
        self,
        source: VideoSource,
        title: str,
        start: int | None,
        aspect: tuple[int, int] | None,
        privacy: str,
    ) -> list[nodes.Node]:
        node = self._video_node(source, title, [f"osblog-video-{privacy}"])
        page = public_url(source, start)
        player = osblog_video_player(
            "",
            provider=source.provider,
            privacy=privacy,
            title=title,
            embed=embed_url(source, privacy, start, autoplay=privacy == "click-to-load"),
            public=page,
            watch=watch_label(source),
            aspect=aspect or DEFAULT_ASPECT,
        )
        if privacy == "click-to-load":
            poster = self._poster()
            if poster is not None:
                player += poster
        elif self.options.get("poster"):
            self.warn(
                f":poster: is only shown with :privacy: click-to-load (this video uses {privacy}); "
                "ignored"
            )
        node += player
        self._caption(node)
        self._note_projects(node, title)
        return [node]

    def _file_video(
        self, source: VideoSource, title: str, start: int | None, aspect: tuple[int, int] | None
    ) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(source.path, self.env.docname)
        if not is_file(absolute):
            self.warn(f"video file {source.path!r} not found; the video is left out")
            return []
        self.env.note_dependency(relative)
        filename = str(self.env.dlfiles.add_file(self.env.docname, relative))
        suffix = posixpath.splitext(source.path)[1].lower()
        node = self._video_node(source, title, [])
        player = osblog_video_player(
            "",
            provider="file",
            title=title,
            filename=filename,
            mimetype=VIDEO_TYPES[suffix],
            basename=posixpath.basename(source.path),
            start=start or 0,
            aspect=aspect,
        )
        poster = self._poster()
        if poster is not None:
            player += poster
        node += player
        self._caption(node)
        self._note_projects(node, title)
        return [node]

    def _unsupported(self, exc: UnsupportedVideo) -> list[nodes.Node]:
        if not exc.link:
            self.warn(f"{exc}; the video is left out")
            return []
        self.warn(f"{exc}; shown as a plain link")
        title = self.options.get("title") or exc.link
        paragraph = nodes.paragraph("", classes=["osblog-video-unsupported"])
        self.set_source_info(paragraph)
        paragraph += nodes.reference(
            "", title, refuri=exc.link, internal=False, classes=["osblog-video-link-plain"]
        )
        result: list[nodes.Node] = [paragraph]
        if self.content:
            caption = nodes.container("", classes=["osblog-video-caption"])
            self.parse_body(caption)
            result.extend(caption.children)
        return result


class YouTubeDirective(VideoDirective):
    """``youtube ID``: the same as ``video youtube:ID``."""

    prefix = "youtube"

    def source_argument(self) -> str:
        value = self.arguments[0].strip()
        if "/" in value or ":" in value:
            return value
        return f"{self.prefix}:{value}"


class VimeoDirective(YouTubeDirective):
    """``vimeo ID``: the same as ``video vimeo:ID``."""

    prefix = "vimeo"


# --- HTML -------------------------------------------------------------------


def _aspect_markup(aspect: tuple[int, int] | None) -> tuple[list[str], dict[str, str | None]]:
    """Classes for the common ratios, else a data attribute the script applies."""
    if aspect is None:
        return [], {}
    width, height = aspect
    if aspect in COMMON_ASPECTS:
        return [f"osblog-video-aspect-{width}-{height}"], {}
    return ["osblog-video-aspect-custom"], {"data_osblog_aspect": f"{width} / {height}"}


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def visit_video_html(self: Any, node: osblog_video) -> None:
    self.body.append(self.starttag(node, "figure"))


def depart_video_html(self: Any, node: osblog_video) -> None:
    self.body.append("</figure>\n")


def _poster_src(self: Any, image: nodes.image) -> str:
    uri = image["uri"]
    if uri in self.builder.images:
        return posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))
    return uri


def visit_player_html(self: Any, node: osblog_video_player) -> None:
    if node["provider"] == "file":
        _file_player_html(self, node)
        raise nodes.SkipNode
    classes, data = _aspect_markup(node["aspect"])
    title = node["title"]
    self.body.append(tag_start("div", ["osblog-video-frame", *classes], **data))
    if node["privacy"] != "click-to-load":
        loading = "lazy" if node["privacy"] == "nocookie" else None
        self.body.append(
            tag_start(
                "iframe",
                ["osblog-video-iframe"],
                src=node["embed"],
                title=title,
                loading=loading,
                referrerpolicy=REFERRER_POLICY,
                allow=IFRAME_ALLOW,
            )[:-1]
            + " allowfullscreen></iframe></div>\n"
        )
        raise nodes.SkipNode
    self.body.append(
        tag_start(
            "button",
            ["osblog-video-play"],
            type="button",
            aria_label=str(_("Play video: %s")) % title,
            data_osblog_embed=node["embed"],
            data_osblog_title=title,
            data_osblog_allow=IFRAME_ALLOW,
        )[:-1]
        + " disabled>"
    )
    if not any(isinstance(child, nodes.image) for child in node.children):
        self.body.append(tag_start("span", ["osblog-video-placeholder"], aria_hidden="true"))
        self.body.append("</span>")


def depart_player_html(self: Any, node: osblog_video_player) -> None:
    title = node["title"]
    host = _host_of(node["embed"])
    self.body.append(tag_start("span", ["osblog-video-play-icon"], aria_hidden="true") + "</span>")
    self.body.append(tag_start("span", ["osblog-video-title"]) + escape(title) + "</span>")
    notice = str(_("Plays from %s")) % host
    self.body.append(
        tag_start("span", ["osblog-video-notice"], aria_hidden="true") + escape(notice) + "</span>"
    )
    self.body.append("</button></div>\n")
    self.body.append(
        tag_start("p", ["osblog-video-link"])
        + tag_start("a", ["osblog-video-watch", "reference", "external"], href=node["public"])
        + escape(node["watch"])
        + "</a></p>\n"
    )


def _file_player_html(self: Any, node: osblog_video_player) -> None:
    classes, data = _aspect_markup(node["aspect"])
    href = posixpath.join(self.builder.dlpath, quote(node["filename"]))
    src = f"{href}#t={node['start']}" if node["start"] else href
    poster = next((child for child in node.children if isinstance(child, nodes.image)), None)
    title = node["title"]
    self.body.append(
        tag_start(
            "video",
            ["osblog-video-player", *classes],
            preload="metadata",
            poster=_poster_src(self, poster) if poster is not None else None,
            aria_label=title,
            **data,
        )[:-1]
        + " controls>\n"
    )
    self.body.append(
        tag_start("source", ["osblog-video-source"], src=src, type=node["mimetype"]) + "\n"
    )
    self.body.append(
        tag_start("a", ["osblog-video-download", "reference", "download"], href=href)
        + escape(str(_("Download the video: %s")) % title)
        + "</a>\n</video>\n"
    )


def visit_caption_html(self: Any, node: osblog_video_caption) -> None:
    self.body.append(self.starttag(node, "figcaption"))


def depart_caption_html(self: Any, node: osblog_video_caption) -> None:
    self.body.append("</figcaption>\n")


# --- the rest -----------------------------------------------------------------


class ReplacePlayerWithFallback(SphinxPostTransform):
    """Outside HTML, a video is a line of text: its title, linked to its public page.

    The line is built here, from the player's validated attributes, rather than kept in
    every doctree; the player goes before non-HTML builders copy images, so posters stay
    out of PDFs.
    """

    default_priority = 100
    formats = NON_HTML_FORMATS

    def run(self, **kwargs: Any) -> None:
        for player in list(self.document.findall(osblog_video_player)):
            player.replace_self(fallback_for(player))


def fallback_for(player: osblog_video_player) -> osblog_video_fallback:
    """ "Video: TITLE (YouTube) <URL>", or "Video: TITLE (clip.mp4)" for a local file."""
    fallback = osblog_video_fallback("", classes=["osblog-video-fallback"])
    paragraph = nodes.paragraph("", classes=["osblog-video-fallback-text"])
    paragraph += nodes.Text(str(_("Video:")) + " ")
    title = player["title"]
    if player["provider"] == "file":
        paragraph += nodes.emphasis(title, title)
        paragraph += nodes.Text(f" ({player['basename']})")
    else:
        page = player["public"]
        paragraph += nodes.reference("", title, refuri=page, internal=False)
        provider = PROVIDER_NAMES.get(player["provider"], "")
        if provider:
            paragraph += nodes.Text(f" ({provider})")
        paragraph += osblog_video_url("", f" <{page}>")
    fallback += paragraph
    return fallback


def register_id_directives(app: Sphinx, config: Config) -> None:
    """Register ``youtube`` and ``vimeo`` unless another extension already did."""
    registered = rst_directives._directives
    for name, directive in (("youtube", YouTubeDirective), ("vimeo", VimeoDirective)):
        existing = registered.get(name)
        if existing is not None and not (
            isinstance(existing, type) and issubclass(existing, VideoDirective)
        ):
            LOGGER.info(
                "sphinx-osblog: the %r directive is provided by another extension; "
                "use 'video' for osblog's",
                name,
            )
            continue
        app.add_directive(name, directive, override=True)


def add_video_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Ship the click-to-load script and the player styles with the pages that show a video.

    Other pages load neither, and Sphinx links (and fingerprints) every asset on every page
    it is added to.
    """
    if app.builder.format != "html" or VIDEO_MARKUP not in context.get("body", ""):
        return
    app.add_css_file(CSS_FILE)
    app.add_js_file(JS_FILE, loading_method="defer")


def setup_video(app: Sphinx) -> None:
    """Register the video nodes, directives, post-transform and static files."""
    add_osblog_node(
        osblog_video, html=(visit_video_html, depart_video_html), **non_html(PASSTHROUGH)
    )
    add_osblog_node(
        osblog_video_player, html=(visit_player_html, depart_player_html), **non_html(SKIP)
    )
    add_osblog_node(osblog_video_fallback, html=SKIP, **non_html(PASSTHROUGH))
    add_osblog_node(
        osblog_video_url,
        html=SKIP,
        latex=SKIP,
        texinfo=SKIP,
        # The man writer shows URLs itself when ``man_show_urls`` is set.
        man=SKIP,
        text=PASSTHROUGH,
    )
    add_osblog_node(
        osblog_video_caption,
        html=(visit_caption_html, depart_caption_html),
        **non_html(PASSTHROUGH),
    )
    app.add_directive("video", VideoDirective)
    app.add_post_transform(ReplacePlayerWithFallback)
    app.connect("config-inited", register_id_directives, priority=800)
    app.connect("html-page-context", add_video_assets)
