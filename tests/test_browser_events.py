"""Headless Chromium with a mocked clock: event lists stay true long after the build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browsing import BROWSER_MARKS, serve
from tests.helpers import build_root

pytestmark = BROWSER_MARKS

TIMEOUT_MS = 5_000


@pytest.fixture(scope="module")
def events_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    result = build_root("events", tmp_path_factory.mktemp("browser-events"))
    assert result.warning_lines() == [], result.warnings
    with serve(result.outdir) as url:
        yield url


def visible_names(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "div.osblog-event-list",
        """(lists, index) => Array.from(lists[index].querySelectorAll('li.osblog-event-entry'))
            .filter(li => !li.hidden)
            .map(li => li.querySelector('.osblog-event-name').textContent)""",
        index,
    )


def open_at(browser: Any, url: str, when: dt.datetime, zone: str = "Europe/Berlin") -> Any:
    context = browser.new_context(timezone_id=zone, locale="en-GB")
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    page.clock.install(time=when)
    page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function("document.readyState === 'complete'", timeout=TIMEOUT_MS)
    return context, page


def test_lists_as_built_when_the_clock_matches_the_build(browser: Any, events_site: str) -> None:
    context, page = open_at(browser, events_site + "/index.html", dt.datetime(2019, 5, 18, 12, 0))
    try:
        assert visible_names(page, 0) == ["KubeCon + CloudNativeCon Europe 2019", "A webinar"]
        assert visible_names(page, 1) == [
            "PostgreSQL Day Italy",
            "Cloud Native Bug Squashing Night",
        ]
    finally:
        context.close()


def test_upcoming_event_moves_to_past_months_later(browser: Any, events_site: str) -> None:
    later = dt.datetime(2019, 6, 10, 12, 0, tzinfo=dt.timezone.utc)
    context, page = open_at(browser, events_site + "/index.html", later)
    try:
        assert visible_names(page, 0) == []
        empty = page.locator("div.osblog-event-list").nth(0).locator(".osblog-event-list-empty")
        assert empty.is_visible()
        assert visible_names(page, 1) == [
            "A webinar",
            "KubeCon + CloudNativeCon Europe 2019",
            "PostgreSQL Day Italy",
            "Cloud Native Bug Squashing Night",
        ]
    finally:
        context.close()


def test_reader_local_time_is_added(browser: Any, events_site: str) -> None:
    context, page = open_at(
        browser, events_site + "/updates/feb.html", dt.datetime(2019, 5, 18, 12, 0), "Asia/Tokyo"
    )
    try:
        local = page.locator("#event-cloud-native-bug-squashing-night .osblog-local-time")
        assert local.count() == 1
        assert "2:00" in local.text_content() or "02:00" in local.text_content()
        # All-day events have no time of day to translate.
        assert (
            page.locator("#event-kubecon-cloudnativecon-europe-2019 .osblog-local-time").count()
            == 0
        )
    finally:
        context.close()
