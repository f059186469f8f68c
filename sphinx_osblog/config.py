"""Configuration (SPEC §5): declared once with types and defaults, validated at ``config-inited``.

Every value is a :class:`ConfigField`; :func:`register` adds them to Sphinx, and
:func:`validate` turns the raw values into one frozen :class:`OsblogConfig`. A bad
value is a located ``osblog.config`` warning and falls back to its default. The
docs build their configuration table from :data:`FIELDS`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sphinx_osblog.dates import BadDate, build_now, parse_datetime, zone
from sphinx_osblog.registry import Registries, load_registries
from sphinx_osblog.urls import is_absolute_http
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

VIDEO_PRIVACY_MODES = ("click-to-load", "nocookie", "direct")


def _is_str_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def _is_registry(value: object) -> bool:
    return isinstance(value, (Mapping, str, Path))


def _is_positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_zone(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        zone(value)
    except BadDate:
        return False
    return True


def _is_today(value: object) -> bool:
    if value is None or isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, str):
        try:
            parse_datetime(value, ZoneInfo("UTC"))
        except BadDate:
            return False
        return True
    return False


@dataclass(frozen=True)
class ConfigField:
    """One ``conf.py`` value: name, default, what it accepts, what it means."""

    name: str
    default: Any
    types: tuple[type, ...]
    accepts: str
    help: str
    check: Callable[[object], bool]


FIELDS: tuple[ConfigField, ...] = (
    ConfigField(
        "osblog_posts",
        ["updates/**"],
        (list, tuple),
        "list of glob patterns",
        "Documents matching these globs (and having a date) are posts.",
        _is_str_list,
    ),
    ConfigField(
        "osblog_title",
        "",
        (str,),
        "text",
        "The feeds' title; empty means the project's name.",
        lambda v: isinstance(v, str),
    ),
    ConfigField(
        "osblog_baseurl",
        "",
        (str,),
        "absolute http(s) URL or empty",
        "Absolute site URL for feeds, calendars and JSON-LD; empty falls back to "
        "html_baseurl, then Read the Docs' READTHEDOCS_CANONICAL_URL.",
        lambda v: isinstance(v, str) and (not v or is_absolute_http(v)),
    ),
    ConfigField(
        "osblog_projects",
        {},
        (dict, str),
        "dict, or path to a YAML/TOML file",
        "The project registry: key to {name, repo, url, description, logo, team, tags}.",
        _is_registry,
    ),
    ConfigField(
        "osblog_people",
        {},
        (dict, str),
        "dict, or path to a YAML/TOML file",
        "The people registry: key to {name, url, role, avatar, bio, socials}.",
        _is_registry,
    ),
    ConfigField(
        "osblog_tags",
        {},
        (dict, str),
        "dict, or path to a YAML/TOML file",
        "Optional tag registry: key to {name, description}; when set, unknown tags warn.",
        _is_registry,
    ),
    ConfigField(
        "osblog_feed_length",
        20,
        (int,),
        "positive integer",
        "How many of the newest posts each feed carries.",
        _is_positive_int,
    ),
    ConfigField(
        "osblog_video_privacy",
        "click-to-load",
        (str,),
        " | ".join(VIDEO_PRIVACY_MODES),
        "Default privacy mode of video embeds.",
        lambda v: v in VIDEO_PRIVACY_MODES,
    ),
    ConfigField(
        "osblog_timezone",
        "UTC",
        (str,),
        "IANA zone name",
        "Zone for dates and times given without one.",
        _is_zone,
    ),
    ConfigField(
        "osblog_today",
        None,
        (type(None), str, dt.date, dt.datetime),
        "None, a date, a date-time or an ISO string",
        "The build's 'now' for upcoming/past and scheduled posts; None uses "
        "SOURCE_DATE_EPOCH, else the clock.",
        _is_today,
    ),
    ConfigField(
        "osblog_show_drafts",
        False,
        (bool,),
        "True or False",
        "List drafts and scheduled posts too.",
        lambda v: isinstance(v, bool),
    ),
    ConfigField(
        "osblog_page_size",
        30,
        (int,),
        "positive integer",
        "Entries per archive page.",
        _is_positive_int,
    ),
)


@dataclass(frozen=True)
class OsblogConfig:
    """The validated configuration, resolved once per build."""

    posts: tuple[str, ...]
    title: str
    baseurl: str
    registries: Registries
    feed_length: int
    video_privacy: str
    timezone: ZoneInfo
    now: dt.datetime
    show_drafts: bool
    page_size: int

    @property
    def projects(self) -> Mapping[str, Any]:
        return self.registries.projects

    @property
    def people(self) -> Mapping[str, Any]:
        return self.registries.people


_ATTRIBUTE = "_osblog_config"


def register(app: Sphinx) -> None:
    """Declare every config value to Sphinx."""
    for spec in FIELDS:
        app.add_config_value(spec.name, spec.default, "env", types=spec.types)
    app.connect("config-inited", validate, priority=400)


def _conf_location(app: Sphinx, name: str) -> tuple[str, int | None]:
    conf = Path(app.confdir) / "conf.py"
    line = None
    try:
        for number, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), start=1):
            if text.lstrip().startswith(name) and "=" in text:
                line = number
                break
    except OSError:
        pass
    return (str(conf), line)


def enable_colon_fence(config: Config) -> None:
    """Let writers use the ``:::`` fences the SPEC's examples use, as sphinx-design advises."""
    if "myst_enable_extensions" not in config:
        return
    enabled = config.myst_enable_extensions
    if "colon_fence" in enabled:
        return
    if isinstance(enabled, set):
        config.myst_enable_extensions = {*enabled, "colon_fence"}
    else:
        config.myst_enable_extensions = [*enabled, "colon_fence"]


def validate(app: Sphinx, config: Config) -> None:
    """Check every value once; a bad one warns and reverts to its default."""
    enable_colon_fence(config)
    values: dict[str, Any] = {}
    for spec in FIELDS:
        value = config[spec.name]
        if not spec.check(value):
            warn(
                OsblogWarning.CONFIG,
                f"{spec.name} = {value!r} is invalid (expected {spec.accepts}); "
                f"using the default {spec.default!r}",
                _conf_location(app, spec.name),
            )
            value = spec.default
            config[spec.name] = value
        values[spec.name] = value

    timezone = zone(values["osblog_timezone"])
    baseurl = values["osblog_baseurl"] or getattr(config, "html_baseurl", "") or ""
    if not baseurl:
        baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    if baseurl and not is_absolute_http(baseurl):
        warn(
            OsblogWarning.CONFIG,
            f"the site's base URL {baseurl!r} is not an absolute http(s) URL; ignored",
            _conf_location(app, "html_baseurl"),
        )
        baseurl = ""
    if baseurl and not baseurl.endswith("/"):
        baseurl += "/"

    registries = load_registries(
        values["osblog_projects"], values["osblog_people"], values["osblog_tags"], Path(app.confdir)
    )
    settings = OsblogConfig(
        posts=tuple(values["osblog_posts"]),
        title=values["osblog_title"] or config.project,
        baseurl=baseurl,
        registries=registries,
        feed_length=values["osblog_feed_length"],
        video_privacy=values["osblog_video_privacy"],
        timezone=timezone,
        now=build_now(values["osblog_today"], timezone),
        show_drafts=values["osblog_show_drafts"],
        page_size=values["osblog_page_size"],
    )
    # Underscore attributes are not pickled with the environment, so the
    # resolved settings never leak into the cache nor into config comparisons.
    setattr(config, _ATTRIBUTE, settings)


def get_config(source: BuildEnvironment | Config) -> OsblogConfig:
    """The validated settings, from an environment or a config object."""
    config = getattr(source, "config", source)
    return getattr(config, _ATTRIBUTE)
