"""A corpus of hostile input through every directive, front matter key and registry field.

Bodies are Markdown, where raw HTML is MyST's own feature for trusted writers, so the
corpus goes through what osblog itself turns into markup: arguments, options, front
matter and registry fields.

Static checks parse every page; a real headless Chromium then loads every page and
asserts that no payload ran (no dialog, no marker set) and that osblog adds no
inline script to any page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import icalendar
import pytest
from bs4 import BeautifulSoup

from tests.browsing import BROWSER_MARKS, serve
from tests.helpers import Build, build, make_root

SCRIPT = '"><script>window.__xss=1</script>'
IMG = '<img src=x onerror="window.__xss=2">'
CLOSE = "</script><script>window.__xss=3</script>"
JS_URL = "javascript:window.__xss=4"
DATA_URL = "data:text/html,<script>window.__xss=5</script>"
QUOTE = "' onmouseover='window.__xss=6"
CRLF = "Evil\r\nBEGIN:VEVENT\r\nSUMMARY:Injected"
TEXTS = [SCRIPT, IMG, CLOSE, QUOTE]
URLS = [JS_URL, DATA_URL, "java\tscript:window.__xss=7", " JAVASCRIPT:window.__xss=8"]


def hostile_conf() -> str:
    projects = {
        f"p{index}": {
            "name": text,
            "description": text,
            "team": text,
            "repo": URLS[index % 4],
            "url": URLS[(index + 1) % 4],
            "logo": text,
        }
        for index, text in enumerate([*TEXTS, CRLF])
    }
    people = {
        f"u{index}": {
            "name": text,
            "role": text,
            "bio": text,
            "url": URLS[index % 4],
            "avatar": text,
            "socials": {"github": URLS[index % 4], "x": text},
        }
        for index, text in enumerate(TEXTS)
    }
    tags = {"t0": {"name": SCRIPT, "description": IMG}, "t1": {"name": CLOSE, "description": QUOTE}}
    return (
        f"osblog_projects = {projects!r}\nosblog_people = {people!r}\nosblog_tags = {tags!r}\n"
        "osblog_today = '2020-01-01'\nhtml_baseurl = 'https://example.org/'\n"
    )


def hostile_post(index: int, text: str, url: str) -> str:
    front = {
        "title": text,
        "date": f"2019-0{index + 1}-01",
        "author": [f"u{index}", text],
        "tags": ["t0", "t1", text],
        "summary": text,
        "canonical": url,
        "banner": {"image": text, "alt": text},
    }
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    one_line = text.replace("\r", " ").replace("\n", " ")
    # MyST reads option values as YAML: JSON strings keep hostile values intact.
    q = json.dumps(one_line)
    u = json.dumps(url)
    cta = json.dumps(f"{one_line} <{url}>")
    badges = json.dumps(f"{one_line}, ok")
    speakers = json.dumps(f"u{index}, {one_line} <{url}>, Plain {one_line}")
    return f"""---
{lines}---
# Post {index}

Intro paragraph.

::::{{project-grid}}
:columns: {q}
:::{{project-card}} p{index}
:badge: {badges}
:cta: {cta}
:repo: {u}
:url: {u}
:team: {q}
Card body.
:::
:::{{project-card}} {one_line}
:logo: {q}
Display-name card.
:::
::::

:::{{video}} https://www.youtube.com/watch?v=4QyecOoPsGU
:title: {q}
:start: {q}
:poster: {q}
Caption.
:::

:::{{video}} {url}
:title: bad url
:::

::::{{event}} {one_line}
:start: 2019-05-20
:end: 2019-05-21
:location: {q}
:online: {u}
:url: {u}
:register: {u}
:cfp: {u}
:tags: {q}
:projects: p{index}

Event body END:VEVENT BEGIN:VEVENT.

:::{{talk}} {one_line}
:speakers: {speakers}
:url: {u}
:slides: {u}
:video: {u}
Abstract.
:::

:::{{video}} https://www.youtube.com/watch?v=4QyecOoPsGU
:title: {q}
:::
::::

:::{{post-list}}
:author: {q}
:tags: {q}
:::

:::{{event-list}}
:when: all
:tags: {q}
:::

{{project}}`p{index}` {{person}}`u{index}` {{tag}}`t0`
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    files = {
        "index.md": (
            "# Home\n\n```{post-list}\n:excerpts:\n```\n\n```{event-list}\n:when: all\n```\n"
        )
    }
    for index, text in enumerate(TEXTS):
        files[f"updates/post{index}.md"] = hostile_post(index, text, URLS[index])
    srcdir = make_root(tmp_path_factory.mktemp("hostile") / "site", files, hostile_conf())
    return build(srcdir)


def pages(result: Build) -> list[Path]:
    return sorted(result.outdir.rglob("*.html"))


def test_build_survives_and_every_warning_is_located(hostile_site: Build) -> None:
    assert "Traceback" not in hostile_site.warnings
    assert hostile_site.unlocated == []
    assert hostile_site.osblog_warnings()  # the corpus is rejected loudly, not silently


def test_no_payload_reaches_markup(hostile_site: Build) -> None:
    baseline = inline_scripts(BeautifulSoup(hostile_site.html("genindex"), "html.parser"))
    for path in pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (path, tag)
                if attribute in {"href", "src", "action", "formaction", "poster"}:
                    lowered = "".join(str(value).split()).lower()
                    assert not lowered.startswith(("javascript:", "data:")), (path, tag)
        for script in soup.find_all("script"):
            text = script.string or ""
            assert "__xss" not in text or script.get("type") == "application/ld+json", path
            if script.get("type") == "application/ld+json":
                json.loads(text)  # still valid JSON: nothing broke out of it
                assert "</script" not in text.lower()
        assert inline_scripts(soup) <= baseline, path


def inline_scripts(soup: BeautifulSoup) -> set[str]:
    return {
        script.string or ""
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type") != "application/ld+json"
    }


def test_calendars_and_feeds_stay_well_formed(hostile_site: Build) -> None:
    import feedparser

    calendar = icalendar.Calendar.from_ical((hostile_site.outdir / "blog/events.ics").read_bytes())
    events = calendar.walk("VEVENT")
    # MyST rejects option blocks whose values open a YAML quote, so count what rendered.
    rendered = sum(
        len(
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
                "article.osblog-event"
            )
        )
        for path in (hostile_site.outdir / "updates").glob("post*.html")
    )
    assert rendered == len(TEXTS)
    assert len(events) == rendered
    assert all(str(event.get("SUMMARY")) != "Injected" for event in events)
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse(hostile_site.outdir / "blog" / name)
        assert not feed.bozo, name
        assert len(feed.entries) == len(TEXTS)
    json.loads((hostile_site.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    json.loads((hostile_site.outdir / "blog/events.json").read_text(encoding="utf-8"))


@BROWSER_MARKS[0]
@BROWSER_MARKS[1]
def test_no_script_runs_in_a_real_browser(hostile_site: Build, browser: Any) -> None:
    fired: list[str] = []
    with serve(hostile_site.outdir) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(url) else route.abort()
                ),
            )
            for path in pages(hostile_site):
                relative = path.relative_to(hostile_site.outdir).as_posix()
                page.goto(f"{url}/{relative}", wait_until="load", timeout=10_000)
                # On the posts, hover osblog's elements too, for handlers needing a pointer.
                hoverable = page.locator("[class*=osblog]:visible").all()
                for element in hoverable[:25] if relative.startswith("updates/") else []:
                    try:
                        element.hover(timeout=100)
                    except Exception:
                        continue
                assert page.evaluate("typeof window.__xss") == "undefined", relative
        finally:
            context.close()
    assert fired == []


def test_names_too_long_for_a_file_system_still_build(tmp_path: Path) -> None:
    """Tags, registry keys and event titles name files; a 300-character one must not crash."""
    long_tag = "é" * 200
    long_key = "project-" + "x" * 300
    files = {
        "index.md": "# Home\n",
        "updates/a.md": (
            f"---\ndate: 2020-01-01\ntags: [{long_tag}]\n---\n# A\n\n"
            f"{{project}}`{long_key}`\n\n"
            f":::{{event}} {'Meetup ' * 60}\n:start: 2020-02-01\n:projects: {long_key}\n:::\n"
        ),
    }
    conf = (
        "html_baseurl = 'https://example.org/'\n"
        f"osblog_projects = {{{long_key!r}: {{'name': 'Long'}}}}\n"
    )
    result = build(make_root(tmp_path / "long", files, conf))
    assert "Traceback" not in result.warnings
    assert result.warning_lines() == [], result.warnings
    names = [path.name for path in result.outdir.rglob("*")]
    assert all(len(name.encode()) < 255 for name in names)
    post = result.soup("updates/a")

    def target(href: str) -> Path:
        return (result.outdir / "updates" / unquote(href)).resolve()

    tag_href = post.select_one("a.osblog-tag-link")["href"]
    assert target(tag_href).is_file()
    project_href = post.select_one("a.osblog-project-link")["href"]
    assert target(project_href).is_file()
    calendar_href = post.select_one("a.osblog-event-ics")["href"]
    assert target(calendar_href).is_file()
