"""``sphinx-osblog import-jekyll``: turn a Jekyll blog into sphinx-osblog posts.

The importer works in two steps. :func:`plan_import` reads the Jekyll site and
computes every file it would write (posts, copied images, redirect pages, the
report) in memory, without touching the disk; :func:`apply_plan` then writes
the files whose content differs from what is already there. Because the plan is
a pure function of the site, a second run writes nothing and reports every file
as unchanged.

Only the standard library and PyYAML are used, so the command starts quickly
and does not need Sphinx.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sphinx_osblog.directives import is_number
from sphinx_osblog.video import PLAYLIST_ID, YOUTUBE_ID

DEFAULT_PERMALINK = "/blog/:year/:month/:slug/"
"""Permalinks used when the site's ``_config.yml`` names none (opensource.zalando.com's)."""
BANNER_DIRS = ("assets/img/banners", "assets/img", "assets/images", "images", "img")
"""Where a bare ``banner.image`` file name is looked for, first match wins."""
IMPORTED_STATIC = "_static/imported"
EN_DASH = "\u2013"
EXTRA_DIR = "_extra"
REPORT_NAME = "import-report.md"
POST_SUFFIXES = (".md", ".markdown", ".mkd", ".mkdn")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico")

_POST_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+)$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?P<text>(?:[ \t].*)?)$")
_ATX_NO_SPACE = re.compile(r"^(#{1,6})([^#\s].*)$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_SEPARATOR = re.compile(r"^[ \t]*--[ \t]*$")
_IAL_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$")
_IAL_INLINE = re.compile(r"(?<=[)\]*_`])\{:[^}\n]*\}")
_LINK_TRAILING_SPACE = re.compile(r"(\]\()[ \t]*([^()\s]+)[ \t]+\)")
_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<target><[^>\n]*>|[^()\s]+)(?P<title>[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)"
)
_IMG_TAG = re.compile(
    r"^[ \t]*(?:<(?P<wrap>p|center|div)\b[^>]*>[ \t]*)?<img\b(?P<attrs>[^>]*?)/?>"
    r"[ \t]*(?(wrap)</(?P=wrap)>)[ \t]*$",
    re.I,
)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_IFRAME = re.compile(
    r"^[ \t]*<iframe\b(?P<attrs>[^>]*)>(?P<inner>.*?)</iframe>[ \t]*$", re.I | re.S | re.M
)
_STRIPPED_BLOCK = re.compile(
    r"<(?P<tag>style|script)\b[^>]*>.*?</(?P=tag)\s*>[ \t]*\n?", re.I | re.S
)
_MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.I | re.M)
_LIQUID_SITE_URL = re.compile(r"\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}")
_LIQUID_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_LIQUID_HIGHLIGHT = re.compile(
    r"^[ \t]*\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)[^%]*-?%\}[ \t]*$", re.M
)
_LIQUID_ENDHIGHLIGHT = re.compile(r"^[ \t]*\{%-?\s*endhighlight\s*-?%\}[ \t]*$", re.M)
_LIQUID_POST_URL = re.compile(r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
_LIQUID_ANY = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HTML_TAG = re.compile(r"</?(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>\n]*>")
_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/[\w.-]+/[\w.-]+/?$")
_REPO_URL = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)"
    r"/[\w.-]+/[\w.-]+/?$"
)
_INLINE_LINK = re.compile(r"(?<!!)\[(?P<name>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)")
_HIGHLIGHTS_HEADING = re.compile(r"\bproject\s+highlights?\b", re.I)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATES = (
    rf"(?P<m1>{_MONTH})[ \t]+(?P<d1>{_DAY})"
    rf"(?:[ \t]*[-\u2013\u2014][ \t]*(?:(?P<m2>{_MONTH})[ \t]+)?(?P<d2>{_DAY}))?"
    r"(?:,?[ \t]+(?P<year>\d{4}))?"
)
# The European order: "9 April", "16 - 17 May", "30 May - 2 June 2019".
_DATES_DAY_FIRST = (
    rf"(?P<d1>{_DAY})(?:[ \t]+(?P<m1>{_MONTH}))?"
    rf"(?:[ \t]*[-\u2013\u2014][ \t]*(?P<d2>{_DAY}))?[ \t]+(?P<m2>{_MONTH})"
    r"(?:,?[ \t]+(?P<year>\d{4}))?"
)


def _event_patterns(dates: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    paragraph = re.compile(
        r"^(?:\*\*)?\[(?P<name>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)(?:\*\*)?[ \t]*,[ \t]*"
        rf"(?:(?P<location>[^:\n]+?)[ \t]*,[ \t]*)?{dates}[ \t]*:[ \t]*(?P<text>.*)\Z",
        re.S | re.I,
    )
    item = re.compile(
        rf"^[-*+][ \t]+\*\*(?P<name>[^*\n]+?),[ \t]*{dates}[ \t]*\*\*[ \t]*(?P<text>.*)\Z",
        re.S | re.I,
    )
    return paragraph, item


# Month first (the example blog's "Apr 29 - May 2") is tried before day first.
_EVENT_PARAGRAPHS, _EVENT_ITEMS = zip(
    _event_patterns(_DATES), _event_patterns(_DATES_DAY_FIRST), strict=True
)
_CARD_ITEM = re.compile(
    r"^[-*+][ \t]+(?P<outer>\*\*)?\[(?P<bold>\*\*)?(?P<name>[^\[\]*\n]+?)(?:\*\*)?\]"
    r"\((?P<url>[^()\s]+)\)(?(outer)\*\*)(?P<text>.*)\Z",
    re.S,
)
_TALK_ITEM = re.compile(
    r"^[-*+][ \t]+\[(?P<title>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)"
    r"[ \t]*[:\u2013\u2014-][ \t]*(?P<text>.*)\Z",
    re.S,
)
_EVENT_KINDS = (
    ("meetup", "meetup"),
    ("hackathon", "hackathon"),
    ("hack night", "hackathon"),
    ("workshop", "workshop"),
    ("webinar", "webinar"),
)


class ImportError_(Exception):
    """The site cannot be imported at all (no ``_posts`` folder, for instance)."""


# --- the report ----------------------------------------------------------------


@dataclass
class PostReport:
    """What happened to one Jekyll post."""

    source: str
    destination: str = ""
    title: str = ""
    redirect: str = ""
    copied: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: str = ""


@dataclass
class Plan:
    """Every file the import would write, and the report of how it got there."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Path relative to DOCS_DIR → content."""
    copies: dict[str, Path] = field(default_factory=dict)
    """Path relative to DOCS_DIR → the site file copied there."""
    posts: list[PostReport] = field(default_factory=list)
    extra_path_line: str = ""

    @property
    def warnings(self) -> list[str]:
        return [f"{post.source}: {message}" for post in self.posts for message in post.warnings]


def _count(items: list[str]) -> list[str]:
    """Collapse repeated report lines into ``line (N times)``, keeping first-seen order."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return [item if n == 1 else f"{item} ({n} times)" for item, n in counts.items()]


def render_report(plan: Plan, site_label: str) -> str:
    """The import report as MyST Markdown (deterministic: no dates, no run status)."""
    converted = [post for post in plan.posts if not post.skipped]
    copied = {dest for post in converted for _, dest in post.copied}
    missing = {dest for post in converted for _, dest in post.missing}
    redirects = [post for post in converted if post.redirect]
    lines = [
        "---",
        "orphan: true",
        "---",
        "",
        "# Jekyll import report",
        "",
        f"Imported from `{site_label}` by `sphinx-osblog import-jekyll`. This page is not part",
        "of the site: add `import-report.md` to `exclude_patterns` in `conf.py`, or delete it.",
        "",
        f"- Posts converted: {len(converted)}",
        f"- Posts skipped: {len(plan.posts) - len(converted)}",
        f"- Images copied: {len(copied)}",
        f"- Images missing: {len(missing)}",
        f"- Redirect pages: {len(redirects)}",
        "",
    ]
    if redirects or missing:
        lines += ["## Next steps", ""]
        if redirects:
            lines += [
                "Old permalinks keep working through redirect pages under "
                f"`{EXTRA_DIR}/`. Sphinx copies them into the site when `conf.py` has:",
                "",
                "```python",
                plan.extra_path_line,
                "```",
                "",
            ]
        if missing:
            lines += [
                "These images are referenced but were not found in the Jekyll site. The posts",
                "already point at the paths below; put the files there and rebuild:",
                "",
            ]
            lines += [f"- `{dest}`" for dest in sorted(missing)]
            lines.append("")
    lines += ["## Posts", ""]
    for post in plan.posts:
        if post.skipped:
            lines += [f"### `{post.source}` (skipped)", "", post.skipped, ""]
            continue
        lines += [f"### `{post.source}` → `{post.destination}`", "", f"Title: {post.title}", ""]
        if post.redirect:
            lines += [f"- Redirect: {post.redirect}"]
        for source, dest in post.copied:
            lines.append(f"- Image copied: `{source}` → `{dest}`")
        for source, dest in post.missing:
            lines.append(f"- Image **missing**: `{source}` (expected at `{dest}`)")
        for item in _count(post.converted):
            lines.append(f"- Converted: {item}")
        for item in _count(post.kept):
            lines.append(f"- Left as-is: {item}")
        for item in post.warnings:
            if not item.startswith("image missing"):
                lines.append(f"- Warning: {item}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- reading the site ----------------------------------------------------------


@dataclass
class SourcePost:
    path: Path
    relative: str
    draft: bool
    meta: dict[str, Any]
    body: str
    date: dt.date
    datetime_text: str
    """The front matter date as ISO 8601 when it carried a time of day, else ``""``."""
    slug: str
    docname: str = ""
    permalink: str = ""


def _load_site_config(site: Path) -> dict[str, Any]:
    config = site / "_config.yml"
    if not config.is_file():
        return {}
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """``(front matter, body, problem)`` of a Jekyll file; problem is ``""`` when fine."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, "no front matter"
    try:
        data = yaml.safe_load(match.group("body")) or {}
    except yaml.YAMLError as exc:
        return {}, text[match.end() :], f"front matter is not valid YAML ({exc.__class__.__name__})"
    if not isinstance(data, dict):
        return {}, text[match.end() :], "front matter is not a mapping"
    return {str(key): value for key, value in data.items()}, text[match.end() :], ""


def _parse_date(value: Any) -> tuple[dt.date, str] | None:
    """A Jekyll date (date, date-time, ``2019-03-17 10:00:00 +0100``) as (date, ISO text)."""
    if isinstance(value, dt.datetime):
        return value.date(), value.isoformat()
    if isinstance(value, dt.date):
        return value, ""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.fullmatch(
        r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?"
        r"(?:[ \t]*(Z|[+-]\d{2}:?\d{2}))?)?",
        text,
    )
    if not match:
        return None
    try:
        day = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    if not match.group(2):
        return day, ""
    clock = match.group(2)
    if clock.count(":") == 1:
        clock += ":00"
    if len(clock) == 7:
        clock = "0" + clock
    offset = match.group(3) or ""
    if offset and offset != "Z" and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    return day, f"{match.group(1)}T{clock}{offset}"


def _slugify(text: str) -> str:
    text = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.UNICODE)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def read_posts(site: Path, drafts: bool) -> tuple[list[SourcePost], list[PostReport]]:
    """The posts (and drafts) of *site*, oldest first, and reports of files skipped."""
    folders = [("_posts", False)] + ([("_drafts", True)] if drafts else [])
    posts: list[SourcePost] = []
    skipped: list[PostReport] = []
    for folder, is_draft in folders:
        root = site / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in POST_SUFFIXES:
                continue
            relative = path.relative_to(site).as_posix()
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                text = path.read_text(encoding="latin-1")
            meta, body, problem = split_front_matter(text)
            if problem:
                report = PostReport(relative, skipped=f"Not imported: {problem}.")
                report.warnings.append(f"skipped: {problem}")
                skipped.append(report)
                continue
            name = _POST_NAME.match(path.stem)
            stem = name.group("slug") if name else path.stem
            parsed = _parse_date(meta.get("date"))
            if parsed is None and name:
                parsed = _parse_date(name.group("date"))
            if parsed is None and is_draft:
                stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
                parsed = (stamp.date(), "")
            if parsed is None:
                report = PostReport(relative, skipped="Not imported: no usable date.")
                report.warnings.append("skipped: no usable date")
                skipped.append(report)
                continue
            posts.append(
                SourcePost(
                    path=path,
                    relative=relative,
                    draft=is_draft,
                    meta=meta,
                    body=body,
                    date=parsed[0],
                    datetime_text=parsed[1],
                    slug=_slugify(stem) or "post",
                )
            )
    posts.sort(key=lambda post: (post.date, post.relative))
    return posts, skipped


def _permalink(post: SourcePost, pattern: str) -> str:
    styles = {
        "date": "/:categories/:year/:month/:day/:title:output_ext",
        "pretty": "/:categories/:year/:month/:day/:title/",
        "ordinal": "/:categories/:year/:y_day/:title:output_ext",
        "none": "/:categories/:title:output_ext",
    }
    pattern = styles.get(pattern, pattern)
    explicit = post.meta.get("permalink")
    if isinstance(explicit, str) and explicit.strip():
        pattern = explicit.strip()
    categories = _words(post.meta.get("categories")) + _words(post.meta.get("category"))
    values = {
        "year": f"{post.date.year:04d}",
        "short_year": f"{post.date.year % 100:02d}",
        "month": f"{post.date.month:02d}",
        "i_month": str(post.date.month),
        "day": f"{post.date.day:02d}",
        "i_day": str(post.date.day),
        "y_day": f"{post.date.timetuple().tm_yday:03d}",
        "title": post.slug,
        "slug": post.slug,
        "categories": "/".join(_slugify(category) for category in categories),
        "output_ext": ".html",
    }
    url = re.sub(
        r":(short_year|output_ext|categories|i_month|i_day|y_day|year|month|day|title|slug)",
        lambda m: values[m.group(1)],
        pattern,
    )
    url = re.sub(r"/{2,}", "/", "/" + url)
    return url


def _redirect_file(permalink: str) -> str:
    path = permalink.strip("/")
    if not path:
        return ""
    if path.endswith((".html", ".htm")):
        return path
    return f"{path}/index.html"


def _words(value: Any) -> list[str]:
    """Jekyll tags and categories: a list, or a space-separated string."""
    if isinstance(value, str):
        return [word for word in value.split() if word]
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


# --- converting one post -------------------------------------------------------


@dataclass
class Context:
    site: Path
    post: SourcePost
    report: PostReport
    plan: Plan
    structure: bool
    by_name: dict[str, SourcePost]
    by_permalink: dict[str, SourcePost]
    site_urls: tuple[str, ...]


def _attrs(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(
            next(group for group in match.groups()[1:] if group is not None)
        )
        for match in _ATTR.finditer(text)
    }


def _local_asset(ctx: Context, target: str) -> str | None:
    """The site-relative path of a root-absolute link target, or ``None``."""
    for prefix in ctx.site_urls:
        if target.startswith(prefix):
            target = target[len(prefix) :] or "/"
            break
    if target.startswith("//") or not target.startswith("/"):
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(target).path)
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or parts[0].startswith(("_", ".")):
        return None
    return "/".join(parts)


def _import_asset(ctx: Context, relative: str, image: bool) -> str | None:
    """Copy a site file into ``_static/imported``; its new root-absolute path, or ``None``."""
    source = ctx.site / relative
    destination = f"{IMPORTED_STATIC}/{relative}"
    if source.is_file():
        ctx.plan.copies[destination] = source
        pair = ("/" + relative, destination)
        if pair not in ctx.report.copied:
            ctx.report.copied.append(pair)
        return "/" + destination
    if image or relative.lower().endswith(IMAGE_SUFFIXES):
        pair = ("/" + relative, destination)
        if pair not in ctx.report.missing:
            ctx.report.missing.append(pair)
            ctx.report.warnings.append(f"image missing: /{relative}")
        return "/" + destination
    return None


def _doc_link(ctx: Context, target: SourcePost, fragment: str = "") -> str:
    here = posixpath.dirname(ctx.post.docname)
    link = posixpath.relpath(target.docname + ".md", here or ".")
    return link + (f"#{fragment}" if fragment else "")


def _rewrite_link(ctx: Context, match: re.Match[str]) -> str:
    bang, text, target, title = (
        match.group("bang"),
        match.group("text"),
        match.group("target"),
        match.group("title") or "",
    )
    text = _MD_LINK.sub(lambda inner: _rewrite_link(ctx, inner), text)  # [![img](…)](…)
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    new_target = target
    split = urllib.parse.urlsplit(target)
    permalink_key = _local_asset(ctx, target)
    if permalink_key is not None:
        page = ctx.by_permalink.get("/" + permalink_key.strip("/") + "/")
        if page is not None and not bang:
            new_target = _doc_link(ctx, page, split.fragment)
            ctx.report.converted.append("link to another imported post → relative document link")
        elif "." in permalink_key.rsplit("/", 1)[-1]:
            imported = _import_asset(ctx, permalink_key, bool(bang))
            if imported is not None:
                new_target = imported
    if " " in new_target:
        new_target = f"<{new_target}>"
    return f"{bang}[{text}]({new_target}{title})"


def _img_tag_to_markdown(ctx: Context, line: str) -> str:
    match = _IMG_TAG.match(line)
    if not match:
        return line
    attrs = _attrs(match.group("attrs"))
    src = attrs.get("src", "").strip()
    if not src:
        return line
    alt = attrs.get("alt", "").replace("[", "(").replace("]", ")")
    ctx.report.converted.append("HTML <img> → Markdown image")
    return f"![{alt}]({src})"


def _video_url(src: str) -> tuple[str, int | None] | None:
    """A ``video`` argument for an iframe's ``src`` (YouTube and Vimeo), and a start time."""
    if src.startswith("//"):
        src = "https:" + src
    parts = urllib.parse.urlsplit(html.unescape(src))
    host = parts.netloc.lower()
    query = urllib.parse.parse_qs(parts.query)
    segments = [segment for segment in parts.path.split("/") if segment]
    start_values = query.get("start") or query.get("t") or []
    start = int(start_values[0]) if start_values and is_number(start_values[0]) else None
    if host in {
        "youtube.com",
        "www.youtube.com",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    }:
        playlist = (query.get("list") or [""])[0]
        if playlist and not PLAYLIST_ID.fullmatch(playlist):
            return None
        if segments == ["embed", "videoseries"] and playlist:
            return f"https://www.youtube.com/playlist?list={playlist}", start
        if len(segments) == 2 and segments[0] == "embed" and YOUTUBE_ID.fullmatch(segments[1]):
            params = [("v", segments[1])] + ([("list", playlist)] if playlist else [])
            return "https://www.youtube.com/watch?" + urllib.parse.urlencode(params), start
        return None
    if (
        host == "player.vimeo.com"
        and len(segments) == 2
        and segments[0] == "video"
        and is_number(segments[1])
    ):
        return f"https://vimeo.com/{segments[1]}", start
    return None


def _plain(markdown: str) -> str:
    """Readable text of a Markdown snippet (for titles)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split()).strip(" :,-\u2013")


# Blocks: the body is cut into blocks separated by blank lines. Each block is a
# list of lines, or a Directive made by the importer.


@dataclass
class Directive:
    name: str
    argument: str
    options: list[tuple[str, str]] = field(default_factory=list)
    body: list[Any] = field(default_factory=list)
    """Lines of Markdown, or nested Directives."""

    def depth(self) -> int:
        nested = [item.depth() for item in self.body if isinstance(item, Directive)]
        return 1 + max(nested, default=0)

    def render(self) -> list[str]:
        colons = ":" * (2 + self.depth())
        lines = [f"{colons}{{{self.name}}}" + (f" {self.argument}" if self.argument else "")]
        lines += [f":{key}: {value}" for key, value in self.options]
        if self.body:
            lines.append("")
        previous_directive = False
        for item in self.body:
            if isinstance(item, Directive):
                if lines[-1] != "":
                    lines.append("")
                lines += item.render()
                previous_directive = True
            else:
                if previous_directive and item != "":
                    lines.append("")
                lines.append(item)
                previous_directive = False
        while lines and lines[-1] == "":
            lines.pop()
        lines.append(colons)
        return lines


@dataclass
class Video:
    url: str
    title: str
    start: int | None


Block = list[str] | Directive | Video


def _split_blocks(lines: list[str]) -> list[Block]:
    """Cut lines into blocks at blank lines; fences and headings stand alone."""
    blocks: list[Block] = []
    current: list[str] = []
    fence = ""

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    for line in lines:
        if fence:
            current.append(line)
            stripped = line.strip()
            if (
                stripped.startswith(fence[0])
                and set(stripped) == {fence[0]}
                and len(stripped) >= len(fence)
            ):
                fence = ""
                flush()
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group("fence")
            current.append(line)
            continue
        if not line.strip():
            flush()
            continue
        if _ATX.match(line):
            flush()
            blocks.append([line])
            continue
        if (
            _SETEXT.match(line)
            and len(current) == 1
            and not _LIST_ITEM.match(current[0])
            and not current[0].lstrip().startswith((">", "|", "<"))
        ):
            level = 1 if line.strip().startswith("=") else 2
            blocks.append([f"{'#' * level} {current[0].strip()}"])
            current = []
            continue
        if _THEMATIC.match(line) and not current:
            blocks.append([line])
            continue
        current.append(line)
    flush()
    return blocks


def _heading(block: Block) -> tuple[int, str] | None:
    if isinstance(block, list) and len(block) == 1:
        match = _ATX.match(block[0])
        if match:
            text = re.sub(r"[ \t]+#+[ \t]*$", "", match.group("text")).strip()
            return len(match.group("marks")), text
    return None


def _is_fence(block: Block) -> bool:
    return isinstance(block, list) and bool(_FENCE.match(block[0]))


def _list_items(block: list[str]) -> list[list[str]] | None:
    """The items of a block that is a plain bullet list, or ``None``."""
    if not re.match(r"^[-*+][ \t]", block[0]):
        return None
    items: list[list[str]] = []
    for line in block:
        if re.match(r"^[-*+][ \t]", line):
            items.append([line])
        else:
            items[-1].append(line)
    return items


def _dedent_item(item: list[str]) -> str:
    first, rest = item[0], item[1:]
    return "\n".join([first] + [line.strip() for line in rest])


def _event_dates(match: re.Match[str], post_date: dt.date) -> tuple[dt.date, dt.date | None] | None:
    def month(name: str) -> int:
        return _MONTHS[name.lower().rstrip(".")]

    def day(text: str) -> int:
        return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]

    # Day-first dates may name the month once, at the end ("16 - 17 May").
    m1 = month(match.group("m1") or match.group("m2"))
    d1 = day(match.group("d1"))
    m2 = month(match.group("m2")) if match.group("m2") else m1
    d2 = day(match.group("d2")) if match.group("d2") else None
    try:
        if match.group("year"):
            year = int(match.group("year"))
            start = dt.date(year, m1, d1)
        else:
            candidates = []
            for year in (post_date.year - 1, post_date.year, post_date.year + 1):
                try:
                    candidates.append(dt.date(year, m1, d1))
                except ValueError:
                    continue
            if not candidates:
                return None
            start = min(candidates, key=lambda date: abs((date - post_date).days))
        if d2 is None:
            return start, None
        end = dt.date(start.year, m2, d2)
        if end < start:
            end = dt.date(start.year + 1, m2, d2)
    except ValueError:
        return None
    if end == start:
        return start, None
    return start, end


def _event_kind(name: str) -> str:
    lowered = name.lower()
    for word, kind in _EVENT_KINDS:
        if word in lowered:
            return kind
    return ""


def _event(ctx: Context, match: re.Match[str], url: str, location: str) -> Directive | None:
    dates = _event_dates(match, ctx.post.date)
    name = _plain(match.group("name"))
    if dates is None or not name:
        return None
    options = [("start", dates[0].isoformat())]
    if dates[1]:
        options.append(("end", dates[1].isoformat()))
    if location.strip():
        options.append(("location", " ".join(location.split())))
    if url:
        options.append(("url", url))
    kind = _event_kind(name)
    if kind:
        options.append(("kind", kind))
    text = match.group("text").strip()
    body = [line.strip() for line in text.split("\n")] if text else []
    return Directive("event", name, options, body)


def _first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    return next((m for m in (pattern.match(text) for pattern in patterns) if m), None)


def _try_event(ctx: Context, block: list[str]) -> Directive | None:
    match = _first_match(_EVENT_PARAGRAPHS, "\n".join(block))
    if match:
        return _event(ctx, match, match.group("url"), match.group("location") or "")
    return None


def _try_event_item(ctx: Context, item: list[str]) -> Directive | None:
    text = _dedent_item(item)
    match = _first_match(_EVENT_ITEMS, text)
    if match:
        return _event(ctx, match, "", "")
    return _try_event(ctx, [re.sub(r"^[-*+][ \t]+", "", text)])


def _try_talks(block: Block) -> list[Directive] | None:
    if not isinstance(block, list):
        return None
    items = _list_items(block)
    if not items:
        return None
    talks = []
    for item in items:
        match = _TALK_ITEM.match(_dedent_item(item))
        if not match:
            return None
        text = match.group("text").strip()
        talks.append(
            Directive(
                "talk",
                _plain(match.group("title")),
                [("url", match.group("url"))],
                [line.strip() for line in text.split("\n")] if text else [],
            )
        )
    return talks


def _card(item: list[str]) -> Directive | None:
    match = _CARD_ITEM.match(_dedent_item(item))
    if not match:
        return None
    url = match.group("url")
    is_repo = bool(_GITHUB_REPO.match(url))
    if not (match.group("bold") or match.group("outer") or is_repo):
        return None
    name = _plain(match.group("name"))
    if not name or not url.startswith(("http://", "https://")):
        return None
    text = re.sub(r"^[ \t]*[-\u2013\u2014:,][ \t]*", "", match.group("text").strip())
    option = "repo" if is_repo else "url"
    body = [line.strip() for line in text.split("\n")] if text else []
    return Directive("project-card", name, [(option, url.rstrip("/"))], body)


def _paragraph_card(block: list[str]) -> Directive | None:
    """A highlight written as a paragraph naming one repository: ``… [Name](repo) - text``."""
    repos = [m for m in _INLINE_LINK.finditer("\n".join(block)) if _REPO_URL.match(m["url"])]
    if len(repos) != 1:
        return None
    name = _plain(repos[0]["name"])
    if not name:
        return None
    body = [line.strip() for line in block]
    return Directive("project-card", name, [("repo", repos[0]["url"].rstrip("/"))], body)


def _structure(ctx: Context, blocks: list[Block]) -> list[Block]:
    """Recognise project highlights, events, talks and captioned images (``--structure``)."""
    result: list[Block] = []
    in_highlights = False
    highlights_level = 0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        heading = _heading(block)
        if heading:
            if in_highlights and heading[0] <= highlights_level:
                in_highlights = False
            if _HIGHLIGHTS_HEADING.search(heading[1]):
                in_highlights, highlights_level = True, heading[0]
            result.append(block)
            continue
        if not isinstance(block, list) or _is_fence(block):
            result.append(block)
            continue
        # an event paragraph, with the videos and talk lists that follow it
        event = _try_event(ctx, block)
        if event is not None:
            while index < len(blocks):
                following = blocks[index]
                if isinstance(following, Video):
                    event.body.append(_video_directive(following))
                    ctx.report.converted.append("video placed inside the event it follows")
                    index += 1
                    continue
                talks = _try_talks(following)
                if talks:
                    event.body.extend(talks)
                    ctx.report.converted += ["talk item `- [Title](url): text` → talk"] * len(talks)
                    index += 1
                    continue
                break
            ctx.report.converted.append("event line `[Name](url), City, Date: text` → event")
            result.append(event)
            continue
        items = _list_items(block)
        if items is not None:
            pending: list[str] = []
            made: list[Block] = []
            grid: Directive | None = None
            for item in items:
                event = _try_event_item(ctx, item)
                card = _card(item) if in_highlights and event is None else None
                if event is None and card is None:
                    pending.extend(item)
                    if in_highlights:
                        ctx.report.kept.append(
                            f"project highlight not in the `- [**Name**](url) text` form: "
                            f"“{_plain(item[0])[:60]}”"
                        )
                    grid = None
                    continue
                if pending:
                    made.append(pending)
                    pending = []
                if event is not None:
                    ctx.report.converted.append("event item `- **Name, Date**` → event")
                    made.append(event)
                    grid = None
                    continue
                assert card is not None
                ctx.report.converted.append("project highlight → project-card")
                if grid is None:
                    grid = Directive("project-grid", "")
                    made.append(grid)
                grid.body.append(card)
            if pending:
                made.append(pending)
            # consecutive grids (items separated by blank lines) become one grid
            for piece in made:
                last = result[-1] if result else None
                if (
                    isinstance(piece, Directive)
                    and piece.name == "project-grid"
                    and isinstance(last, Directive)
                    and last.name == "project-grid"
                ):
                    last.body.extend(piece.body)
                else:
                    result.append(piece)
            continue
        # an image followed by an italic caption paragraph → figure
        if (
            len(block) == 1
            and re.fullmatch(r"!\[[^\]]*\]\([^)]+\)", block[0].strip())
            and index < len(blocks)
        ):
            caption = blocks[index]
            if isinstance(caption, list) and not _is_fence(caption):
                joined = " ".join(line.strip() for line in caption)
                italic = re.fullmatch(r"([*_])(?!\1)(.+?)(?<!\s)\1", joined)
                if italic and not _heading(caption):
                    image = re.fullmatch(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)", block[0].strip())
                    if image:
                        options = [("alt", image.group(1))] if image.group(1) else []
                        caption_lines = [line.strip() for line in caption]
                        caption_lines[0] = caption_lines[0][1:]
                        caption_lines[-1] = caption_lines[-1][:-1]
                        result.append(Directive("figure", image.group(2), options, caption_lines))
                        ctx.report.converted.append("image with an italic caption → figure")
                        index += 1
                        continue
        card = _paragraph_card(block) if in_highlights else None
        if card is not None:
            ctx.report.converted.append("project highlight paragraph → project-card")
            last = result[-1] if result else None
            if isinstance(last, Directive) and last.name == "project-grid":
                last.body.append(card)
            else:
                result.append(Directive("project-grid", "", [], [card]))
            continue
        if (
            in_highlights
            and not _THEMATIC.match(block[0])
            and not re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", block[0].strip())
        ):
            ctx.report.kept.append(
                f"paragraph under Project Highlights kept as Markdown: “{_plain(block[0])[:60]}”"
            )
        result.append(block)
    return result


def _video_directive(video: Video) -> Directive:
    options = [("title", video.title)]
    if video.start:
        options.append(("start", str(video.start)))
    return Directive("video", video.url, options)


def _normalise_headings(blocks: list[Block]) -> list[Block]:
    """Nest headings under the title (``#``) without skipping a level."""
    stack: list[int] = []
    result: list[Block] = []
    for block in blocks:
        heading = _heading(block)
        if heading is None:
            result.append(block)
            continue
        level, text = heading
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        result.append([f"{'#' * min(6, len(stack) + 1)} {text}"])
    return result


def _video_title(blocks: list[Block], index: int, fallback: str) -> str:
    for previous in reversed(blocks[:index]):
        if isinstance(previous, Video) or not isinstance(previous, list):
            continue
        heading = _heading(previous)
        if heading:
            return _plain(heading[1]) or fallback
        if _is_fence(previous) or _SEPARATOR.match(previous[0]) or previous[0].strip() == EN_DASH:
            continue
        text = "\n".join(previous)
        link = re.search(r"(?<!!)\[([^\]]+)\]\(", text)
        if link and _plain(link.group(1)):
            return _plain(link.group(1))
        bold = re.search(r"\*\*([^*]+)\*\*", text)
        if bold and _plain(bold.group(1)):
            return _plain(bold.group(1))
        return fallback
    return fallback


def convert_body(ctx: Context, body: str, title: str) -> tuple[str, str]:
    """The MyST body of a post and a summary (``""`` to keep the default)."""
    report = ctx.report
    text = body.replace("\r\n", "\n").replace("\r", "\n")

    def drop_block(match: re.Match[str]) -> str:
        report.converted.append(f"<{match.group('tag').lower()}> block dropped")
        return ""

    text = _STRIPPED_BLOCK.sub(drop_block, text)
    text, count = _LIQUID_SITE_URL.subn("", text)
    if count:
        report.converted.append("{{ site.baseurl }} / {{ site.url }} removed")
    text, count = _LIQUID_RAW.subn("", text)
    if count:
        report.converted.append("{% raw %} markers removed")
    text, count = _LIQUID_HIGHLIGHT.subn(lambda m: "```" + m.group("lang"), text)
    text = _LIQUID_ENDHIGHLIGHT.sub("```", text)
    if count:
        report.converted.append("{% highlight %} → fenced code block")

    def post_url(match: re.Match[str]) -> str:
        target = ctx.by_name.get(match.group("name").strip())
        if target is None:
            report.kept.append(f"{{% post_url {match.group('name')} %}} (post not found)")
            return match.group(0)
        report.converted.append("{% post_url %} → relative document link")
        return _doc_link(ctx, target)

    text = _LIQUID_POST_URL.sub(post_url, text)
    separator = ctx.post.meta.get("excerpt_separator")
    if isinstance(separator, str) and separator.strip() and separator.strip() in text:
        text = text.replace(separator.strip(), "\n% more\n", 1)
        report.converted.append("excerpt separator → % more")
    text, count = _MORE.subn("% more", text)
    if count:
        report.converted.append("<!--more--> → % more")

    videos: list[Video] = []

    def iframe(match: re.Match[str]) -> str:
        attrs = _attrs(match.group("attrs"))
        found = _video_url(attrs.get("src", ""))
        if found is None:
            report.kept.append(
                f"<iframe> from {urllib.parse.urlsplit(attrs.get('src', '')).netloc}"
            )
            report.warnings.append(f"iframe not converted: {attrs.get('src', '')}")
            return match.group(0)
        videos.append(Video(found[0], " ".join(attrs.get("title", "").split()), found[1]))
        report.converted.append("YouTube/Vimeo <iframe> → video")
        return f"\n\n\x00video{len(videos) - 1}\x00\n\n"

    text = _IFRAME.sub(iframe, text)

    lines: list[str] = []
    fence = ""
    raw = text.split("\n")
    for number, line in enumerate(raw):
        if fence:
            lines.append(line)
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group("fence")
            lines.append(line)
            continue
        if _IAL_LINE.match(line):
            report.converted.append("kramdown attribute list `{: …}` removed")
            continue
        line, count = _IAL_INLINE.subn("", line)
        if count:
            report.converted.append("kramdown attribute list `{: …}` removed")
        no_space = _ATX_NO_SPACE.match(line)
        if no_space:
            line = f"{no_space.group(1)} {no_space.group(2)}"
            report.converted.append("heading without a space after `#` fixed")
        line, count = _LINK_TRAILING_SPACE.subn(r"\1\2)", line)
        if count:
            report.converted.append("space at the end of a link target removed")
        line = _img_tag_to_markdown(ctx, line)
        line = _MD_LINK.sub(lambda match: _rewrite_link(ctx, match), line)
        if _SEPARATOR.match(line):
            line = EN_DASH
            report.converted.append(
                "standalone `--` line → en dash paragraph (as kramdown shows it)"
            )
            if lines and lines[-1].strip():
                lines.append("")
            lines += [line, ""]
            continue
        stripped = line.rstrip()
        following = raw[number + 1] if number + 1 < len(raw) else ""
        if line.endswith("  ") and stripped and following.strip() and not _ATX.match(line):
            stripped += "\\"
            report.converted.append("two trailing spaces (line break) → backslash line break")
        for tag in _HTML_TAG.finditer(stripped):
            report.kept.append(f"raw HTML <{tag.group('tag').lower()}>")
        for liquid in _LIQUID_ANY.finditer(stripped):
            report.kept.append(f"Liquid `{liquid.group(0)[:40]}`")
        lines.append(stripped)

    blocks: list[Block] = []
    for block in _split_blocks(lines):
        if isinstance(block, list) and len(block) == 1:
            placeholder = re.fullmatch(r"\x00video(\d+)\x00", block[0])
            if placeholder:
                blocks.append(videos[int(placeholder.group(1))])
                continue
        blocks.append(block)

    summary = ""
    first = blocks[0] if blocks else None
    heading = _heading(first) if first is not None else None
    if heading and _plain(heading[1]).casefold() == _plain(title).casefold():
        blocks.pop(0)
        report.converted.append("first heading repeating the title dropped")
        first = blocks[0] if blocks else None
        heading = _heading(first) if first is not None else None
    if heading and not isinstance(ctx.post.meta.get("excerpt"), str):
        summary = _plain(heading[1])
    blocks = _normalise_headings(blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Video) and not block.title:
            block.title = _video_title(blocks, index, title)
            report.converted.append("video title taken from the text before the iframe")
    if ctx.structure:
        blocks = _structure(ctx, blocks)
    out: list[str] = [f"# {title}", ""]
    for block in blocks:
        if isinstance(block, Video):
            out += _video_directive(block).render()
        elif isinstance(block, Directive):
            out += block.render()
        else:
            out += block
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n", summary


def _yaml_scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def _front_matter(values: list[tuple[str, Any]]) -> str:
    lines = ["---"]
    for key, value in values:
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_yaml_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_yaml_scalar(item) for item in value)}]")
        elif isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")
        else:
            lines.append(f"{key}: {_yaml_scalar(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _banner(ctx: Context) -> dict[str, str] | None:
    meta = ctx.post.meta
    value = meta.get("banner", meta.get("image"))
    alt = ""
    if isinstance(value, dict):
        alt = str(value.get("alt") or value.get("caption") or "")
        value = value.get("image") or value.get("path") or value.get("feature")
    if not isinstance(value, str) or not value.strip():
        return None
    value = _LIQUID_SITE_URL.sub("", value.strip())
    if "://" in value or value.startswith("//"):
        ctx.report.kept.append(f"remote banner {value} (a banner must be a local image)")
        ctx.report.warnings.append(f"banner {value} is remote; not imported")
        return None
    if value.startswith("/"):
        relative = _local_asset(ctx, value)
    else:
        candidates = [f"{folder}/{value}" for folder in BANNER_DIRS]
        relative = next((c for c in candidates if (ctx.site / c).is_file()), candidates[0])
        ctx.report.converted.append(f"banner file name resolved to /{relative}")
    if relative is None:
        return None
    image = _import_asset(ctx, relative, image=True)
    if image is None:
        return None
    return {"image": image, "alt": " ".join((alt or str(meta.get("title") or "")).split())}


def convert_post(ctx: Context) -> str:
    """The MyST text of one post (front matter and body)."""
    post, meta = ctx.post, ctx.post.meta
    title = " ".join(str(meta.get("title") or post.slug.replace("-", " ").title()).split())
    ctx.report.title = title
    body, summary = convert_body(ctx, post.body, title)
    values: list[tuple[str, Any]] = [
        ("title", title),
        ("date", post.datetime_text or post.date),
    ]
    authors = meta.get("author", meta.get("authors"))
    if isinstance(authors, str) and authors.strip():
        values.append(("author", " ".join(authors.split())))
    elif isinstance(authors, list) and authors:
        values.append(("author", [" ".join(str(a).split()) for a in authors if str(a).strip()]))
    elif isinstance(authors, dict) and authors.get("name"):
        values.append(("author", " ".join(str(authors["name"]).split())))
    tags: list[str] = []
    for key in ("categories", "category", "tags"):
        for word in _words(meta.get(key)):
            if word not in tags:
                tags.append(word)
    if tags:
        values.append(("tags", tags))
    banner = _banner(ctx)
    if banner:
        values.append(("banner", banner))
    for key in ("excerpt", "description", "summary"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            summary = " ".join(meta[key].split())
            break
    if summary:
        values.append(("summary", summary))
    if isinstance(meta.get("last_modified_at"), (str, dt.date)):
        updated = _parse_date(meta["last_modified_at"])
        if updated:
            values.append(("updated", updated[1] or updated[0]))
    if post.draft or meta.get("published") is False:
        values.append(("draft", True))
        ctx.report.converted.append("draft (from _drafts/ or `published: false`) → draft: true")
    known = {
        "title", "date", "author", "authors", "categories", "category", "tags", "banner",
        "image", "excerpt", "description", "summary", "layout", "permalink", "published",
        "last_modified_at", "excerpt_separator",
    }  # fmt: skip
    dropped = sorted(set(meta) - known)
    if dropped:
        ctx.report.kept.append(f"front matter keys not carried over: {', '.join(dropped)}")
    return _front_matter(values) + "\n" + body


def redirect_page(title: str, target: str) -> str:
    """A static redirect: meta refresh and canonical link, no script."""
    url = html.escape(target, quote=True)
    name = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This post has moved: <a href="{url}">{name}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


# --- the whole import ----------------------------------------------------------


def plan_import(
    site: Path,
    docs: Path,
    *,
    drafts: bool = False,
    structure: bool = False,
    permalink: str | None = None,
    site_label: str | None = None,
) -> Plan:
    """Everything the import would write, computed without writing."""
    if not (site / "_posts").is_dir() and not (drafts and (site / "_drafts").is_dir()):
        raise ImportError_(f"{site} has no _posts folder; is it a Jekyll site?")
    config = _load_site_config(site)
    pattern = permalink or str(config.get("permalink") or DEFAULT_PERMALINK)
    site_url = str(config.get("url") or "").rstrip("/")
    base_url = str(config.get("baseurl") or "").rstrip("/")
    prefixes = [p for p in (site_url + base_url, base_url) if p]
    plan = Plan()
    posts, skipped = read_posts(site, drafts)
    plan.posts.extend(skipped)
    used: set[str] = set()
    for post in posts:
        name = f"updates/{post.date.year:04d}/{post.slug}"
        if name in used:
            name = f"updates/{post.date.year:04d}/{post.date.month:02d}-{post.slug}"
        counter = 2
        base = name
        while name in used:
            name = f"{base}-{counter}"
            counter += 1
        used.add(name)
        post.docname = name
        post.permalink = _permalink(post, pattern)
    by_name = {post.path.stem: post for post in posts}
    by_permalink = {"/" + post.permalink.strip("/") + "/": post for post in posts}
    for post in posts:
        report = PostReport(post.relative, destination=post.docname + ".md")
        ctx = Context(site, post, report, plan, structure, by_name, by_permalink, tuple(prefixes))
        plan.files[report.destination] = convert_post(ctx).encode("utf-8")
        redirect = _redirect_file(post.permalink)
        if redirect:
            target = posixpath.relpath(post.docname + ".html", posixpath.dirname(redirect))
            plan.files[f"{EXTRA_DIR}/{redirect}"] = redirect_page(report.title, target).encode()
            report.redirect = f"`{post.permalink}` → `{EXTRA_DIR}/{redirect}`"
        plan.posts.append(report)
    plan.posts.sort(key=lambda report: report.source)
    plan.extra_path_line = f'html_extra_path = ["{EXTRA_DIR}"]'
    label = site_label if site_label is not None else site.resolve().name
    plan.files[REPORT_NAME] = render_report(plan, label).encode("utf-8")
    return plan


@dataclass
class Outcome:
    path: str
    status: str  # "created" | "updated" | "unchanged"


def _status(path: Path, content: bytes) -> str:
    if not path.exists():
        return "created"
    try:
        return "unchanged" if path.read_bytes() == content else "updated"
    except OSError:
        return "updated"


def apply_plan(plan: Plan, docs: Path, *, dry_run: bool = False) -> list[Outcome]:
    """Write the plan's files under *docs* (only those that change) and say what happened."""
    outcomes: list[Outcome] = []
    contents: dict[str, bytes] = dict(plan.files)
    for destination, source in plan.copies.items():
        contents[destination] = source.read_bytes()
    for relative in sorted(contents):
        path = docs / relative
        status = _status(path, contents[relative])
        outcomes.append(Outcome(relative, status))
        if dry_run or status == "unchanged":
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(contents[relative])
    return outcomes


def extra_path_configured(docs: Path) -> bool:
    """Whether ``conf.py`` in *docs* already mentions the redirect folder."""
    conf = docs / "conf.py"
    if not conf.is_file():
        return False
    text = conf.read_text(encoding="utf-8", errors="replace")
    return "html_extra_path" in text and EXTRA_DIR in text
