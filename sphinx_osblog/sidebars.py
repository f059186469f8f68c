"""Sidebar templates for ``html_sidebars`` (SPEC §4): recent posts, upcoming events,
tags and archives.

The templates live in ``templates/osblog/``; the data they show is put into every
page's context as ``osblog``. Because a sidebar appears on every page, a site that
uses one gets every page rewritten whenever posts or events change (see
:func:`uses_sidebars`), so incremental builds stay equal to clean builds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_osblog.config import get_config
from sphinx_osblog.dates import display_range
from sphinx_osblog.domain import get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import PAGE_ROOT, page_name, pages_available
from sphinx_osblog.posts import listed_posts

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES_DIR = Path(__file__).parent / "templates"
RECENT_POSTS = 5
SIDEBAR_EVENTS = 5


@dataclass(frozen=True)
class SidebarData:
    recent_posts: list[Any]
    sidebar_events: list[dict[str, Any]]
    sidebar_events_empty: bool
    sidebar_limit: int
    tags: list[dict[str, Any]]
    years: list[dict[str, Any]]
    has_pages: bool
    labels: dict[str, str]


def uses_sidebars(config: Config) -> bool:
    """Whether ``html_sidebars`` names one of our templates."""
    sidebars = getattr(config, "html_sidebars", None) or {}
    return any(
        str(name).startswith("osblog/")
        for names in sidebars.values()
        for name in ([names] if isinstance(names, str) else names)
    )


def sidebar_data(app: Sphinx) -> SidebarData:
    env = app.env
    settings = get_config(env)
    posts = listed_posts(env)
    language = app.config.language
    events = []
    shown = 0
    for record in get_domain(env).all_events():
        if record.ends <= settings.now - dt.timedelta(days=366):
            continue  # long past: the script would hide it anyway
        upcoming = record.upcoming(settings.now)
        hidden = not upcoming or shown >= SIDEBAR_EVENTS
        shown += 0 if hidden else 1
        events.append(
            {
                "docname": record.docname,
                "anchor": record.anchor,
                "name": record.name,
                "when": display_range(record.start, record.end, record.all_day, language),
                "ends": record.ends.astimezone(dt.timezone.utc).isoformat(),
                "hidden": hidden,
            }
        )
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for post in posts:
        for key, name in post.tags:
            counts[key] += 1
            names.setdefault(key, name)
    tags = [
        {"name": names[key], "page": page_name("tag", key), "count": counts[key]}
        for key in sorted(counts, key=lambda k: names[k].lower())
    ]
    year_counts = Counter(post.date.year for post in posts)
    per_page = settings.page_size
    years = []
    seen = 0
    for year in sorted(year_counts, reverse=True):
        page_number = seen // per_page + 1
        base = f"{PAGE_ROOT}/archive"
        years.append(
            {
                "year": year,
                "count": year_counts[year],
                "page": base if page_number == 1 else f"{base}/page-{page_number}",
            }
        )
        seen += year_counts[year]
    return SidebarData(
        recent_posts=posts[:RECENT_POSTS],
        sidebar_events=events,
        sidebar_events_empty=shown == 0,
        sidebar_limit=SIDEBAR_EVENTS,
        tags=tags,
        years=years,
        has_pages=pages_available(app.builder),
        labels={
            "recent": str(_("Recent updates")),
            "upcoming": str(_("Upcoming events")),
            "tags": str(_("Tags")),
            "archives": str(_("Archives")),
            "no_events": str(_("No events.")),
        },
    )


def add_sidebar_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    context["osblog"] = get_domain(app.env).derived("sidebar", lambda: sidebar_data(app))


def add_templates_path(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES_DIR))


def setup_sidebars(app: Sphinx) -> None:
    app.connect("config-inited", add_templates_path)
    app.connect("html-page-context", add_sidebar_context)
