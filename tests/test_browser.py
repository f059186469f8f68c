"""Headless Chromium: click-to-load videos request no video host until the reader asks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browsing import BROWSER_MARKS, serve
from tests.helpers import Build, build_root

VIDEO_HOSTS = re.compile(
    r"youtube|youtu\.be|ytimg|googlevideo|vimeo|vimeocdn|framatube|peertube", re.IGNORECASE
)
TIMEOUT_MS = 5_000

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    """The test root built to HTML and served on 127.0.0.1."""
    result = build_root("video", tmp_path_factory.mktemp("browser"))
    assert result.warning_lines() == [], result.warnings
    with serve(result.outdir) as url:
        yield result, url


class Recorder:
    """Every request the page makes; anything not on 127.0.0.1 is aborted."""

    def __init__(self, page: Any) -> None:
        self.urls: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())

    def video_host_requests(self) -> list[str]:
        return [url for url in self.urls if VIDEO_HOSTS.search(_host(url))]


def _host(url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#]*)", url, re.IGNORECASE)
    return match.group(1) if match else ""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_no_request_before_activation_then_enter_loads(
    site: tuple[Build, str], page: Any, tmp_path: Path
) -> None:
    _build, base = site
    recorder = Recorder(page)
    page.goto(f"{base}/index.html", wait_until="load")
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    assert recorder.urls, "the page made no request at all"
    assert recorder.video_host_requests() == []
    assert page.locator("iframe").count() == 0

    buttons = page.locator("button.osblog-video-play")
    assert buttons.count() == 9
    first = buttons.nth(0)
    # The script enables the buttons (they are disabled without JavaScript).
    page.wait_for_function(
        "() => [...document.querySelectorAll('button.osblog-video-play')].every(b => !b.disabled)"
    )
    ratio = page.locator("[data-osblog-aspect]").first.evaluate("e => e.style.aspectRatio")
    assert ratio.replace(" ", "") == "5/3"

    first.focus()
    assert page.evaluate("document.activeElement.classList.contains('osblog-video-play')")
    page.screenshot(path=str(tmp_path / "before.png"))
    page.keyboard.press("Enter")

    iframe = page.locator(".osblog-video iframe").first
    iframe.wait_for(state="attached")
    src = iframe.get_attribute("src") or ""
    assert src.startswith("https://www.youtube-nocookie.com/embed/4QyecOoPsGU?")
    assert "autoplay=1" in src
    assert "start=90" in src
    assert iframe.get_attribute("title") == (
        "Ensuring Kubernetes Cost Efficiency across (many) Clusters"
    )
    assert iframe.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert iframe.get_attribute("allowfullscreen") is not None
    assert "encrypted-media" in (iframe.get_attribute("allow") or "")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    # Only the activated video reached out (and was aborted by the route).
    requested = recorder.video_host_requests()
    assert requested, "activating the video made no request"
    assert all(_host(url) == "www.youtube-nocookie.com" for url in requested), requested
    assert buttons.count() == 8
    page.screenshot(path=str(tmp_path / "after.png"), full_page=False)
    assert (tmp_path / "before.png").stat().st_size > 0
    assert recorder.console_errors == [] or all(
        "net::ERR_FAILED" in error or "Failed to load resource" in error
        for error in recorder.console_errors
    ), recorder.console_errors


def test_space_activates_a_second_video(site: tuple[Build, str], page: Any) -> None:
    _build, base = site
    recorder = Recorder(page)
    page.goto(f"{base}/index.html", wait_until="load")
    button = page.locator("button.osblog-video-play").nth(1)
    page.wait_for_function(
        "() => !document.querySelectorAll('button.osblog-video-play')[1].disabled"
    )
    button.focus()
    page.keyboard.press("Space")
    iframe = page.locator("#video-a-short-link-with-a-start-time iframe")
    iframe.wait_for(state="attached")
    src = iframe.get_attribute("src") or ""
    assert src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?")
    assert iframe.get_attribute("title") == "A short link with a start time"
    assert iframe.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    # The first video was not touched.
    assert (
        page.locator(
            "#video-ensuring-kubernetes-cost-efficiency-across-many-clusters iframe"
        ).count()
        == 0
    )
    assert all(_host(url) == "www.youtube-nocookie.com" for url in recorder.video_host_requests())


def test_local_video_page_makes_no_third_party_request(site: tuple[Build, str], page: Any) -> None:
    _build, base = site
    recorder = Recorder(page)
    page.goto(f"{base}/talks/local.html", wait_until="load")
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    assert page.locator("video.osblog-video-player").count() == 2
    assert all(url.startswith(base) for url in recorder.urls), recorder.urls
