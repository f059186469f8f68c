"""Wiring only: each concern registers itself through its ``setup_*`` function."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_osblog import config
from sphinx_osblog.archives import setup_archives
from sphinx_osblog.calendar import setup_calendar
from sphinx_osblog.domain import OsblogDomain
from sphinx_osblog.events import setup_events
from sphinx_osblog.feeds import setup_feeds
from sphinx_osblog.i18n import LOCALE_DIR, MESSAGE_CATALOG
from sphinx_osblog.listings import setup_event_lists, setup_listings
from sphinx_osblog.posts import setup_posts
from sphinx_osblog.projects import setup_projects
from sphinx_osblog.render import setup_rendering
from sphinx_osblog.roles import setup_roles
from sphinx_osblog.seo import setup_seo
from sphinx_osblog.sidebars import setup_sidebars
from sphinx_osblog.video import setup_video

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "osblog.css"


def add_static_path(app: Sphinx, config: Config) -> None:
    """Add our static folder before Sphinx compares configurations, so no build sees a change."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def add_static_assets(app: Sphinx) -> None:
    """Ship our CSS and JS as files (never inline), for HTML-format builders only."""
    if app.builder.format != "html":
        return
    app.add_css_file(CSS_FILE)


def setup_extension(app: Sphinx) -> None:
    """Register everything sphinx-osblog provides."""
    app.setup_extension("sphinx_design")
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    config.register(app)
    app.add_domain(OsblogDomain)
    setup_rendering(app)
    setup_roles(app)
    setup_projects(app)
    setup_posts(app)
    setup_listings(app)
    setup_events(app)
    setup_event_lists(app)
    setup_video(app)
    setup_archives(app)
    setup_feeds(app)
    setup_seo(app)
    setup_calendar(app)
    setup_sidebars(app)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_static_assets)
