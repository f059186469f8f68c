"""Configuration and registries: validation with located warnings, files, rebuilds."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from sphinx_osblog.config import FIELDS, get_config
from tests.helpers import build, make_root


def conf_line(srcdir: Path, name: str) -> int:
    lines = (srcdir / "conf.py").read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(name))


PAGE = {"index.md": "# Page\n\nSee {project}`skipper`.\n"}


def test_every_spec_config_value_is_declared() -> None:
    names = {field.name for field in FIELDS}
    assert names == {
        "osblog_posts",
        "osblog_title",
        "osblog_baseurl",
        "osblog_projects",
        "osblog_people",
        "osblog_feed_length",
        "osblog_video_privacy",
        "osblog_timezone",
        "osblog_today",
        "osblog_show_drafts",
        "osblog_tags",
        "osblog_page_size",
    }


def test_defaults(tmp_path: Path) -> None:
    result = build(make_root(tmp_path / "d", {"index.md": "# Page\n"}))
    settings = get_config(result.app.config)
    assert settings.posts == ("updates/**",)
    assert settings.title == "t"
    assert settings.feed_length == 20
    assert settings.video_privacy == "click-to-load"
    assert str(settings.timezone) == "UTC"
    assert settings.show_drafts is False
    assert settings.page_size == 30
    assert result.warning_lines() == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("osblog_feed_length = -3", "osblog_feed_length"),
        ("osblog_video_privacy = 'sometimes'", "osblog_video_privacy"),
        ("osblog_timezone = 'Mars/Olympus'", "osblog_timezone"),
        ("osblog_today = 'yesterday-ish'", "osblog_today"),
        ("osblog_baseurl = 'javascript:alert(1)'", "osblog_baseurl"),
        ("osblog_posts = 'updates/**'", "osblog_posts"),
        ("osblog_page_size = True", "osblog_page_size"),
        ("osblog_projects = 42", "osblog_projects"),
    ],
)
def test_bad_config_value_warns_with_conf_line(tmp_path: Path, line: str, name: str) -> None:
    srcdir = make_root(tmp_path / "c", {"index.md": "# Page\n\nStill built.\n"}, f"\n{line}\n")
    result = build(srcdir)
    warnings = result.osblog_warnings("config")
    assert len(warnings) == 1, result.warnings
    assert name in warnings[0]
    assert f"conf.py:{conf_line(srcdir, name)}" in warnings[0]
    assert "Still built." in result.html("index")


def test_today_and_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    srcdir = make_root(
        tmp_path / "t", {"index.md": "# Page\n"}, "osblog_timezone = 'Europe/Berlin'\n"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552780800")  # 2019-03-17T00:00:00Z
    settings = get_config(build(srcdir).app.config)
    assert settings.now == dt.datetime(2019, 3, 17, 1, 0, tzinfo=settings.timezone)
    srcdir2 = make_root(tmp_path / "t2", {"index.md": "# Page\n"}, "osblog_today = '2020-01-02'\n")
    assert get_config(build(srcdir2).app.config).now.date() == dt.date(2020, 1, 2)


def test_baseurl_fallbacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://proj.readthedocs.io/en/latest")
    srcdir = make_root(tmp_path / "b", {"index.md": "# Page\n"})
    assert get_config(build(srcdir).app.config).baseurl == "https://proj.readthedocs.io/en/latest/"
    srcdir2 = make_root(
        tmp_path / "b2", {"index.md": "# Page\n"}, "html_baseurl = 'https://a.example/docs'\n"
    )
    assert get_config(build(srcdir2).app.config).baseurl == "https://a.example/docs/"


YAML_REGISTRY = """\
skipper:
  name: Skipper
  repo: https://github.com/zalando/skipper
broken:
  repo: javascript:alert(1)
  colour: blue
"""


def test_yaml_registry_problems_are_located(tmp_path: Path) -> None:
    srcdir = make_root(
        tmp_path / "y",
        {**PAGE, "data/projects.yaml": YAML_REGISTRY},
        "osblog_projects = 'data/projects.yaml'\n",
    )
    result = build(srcdir)
    warnings = result.osblog_warnings("config")
    registry = str(srcdir / "data" / "projects.yaml")
    assert any(f"{registry}:4" in w and "has no 'name'" in w for w in warnings), warnings
    assert any(f"{registry}:5" in w and "'javascript:' is not allowed" in w for w in warnings)
    assert any(f"{registry}:6" in w and "unknown field 'colour'" in w for w in warnings)
    assert len(warnings) == 3
    projects = get_config(result.app.config).projects
    assert projects["skipper"].repo == "https://github.com/zalando/skipper"
    assert projects["broken"].name == "broken" and projects["broken"].repo == ""


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    srcdir = make_root(
        tmp_path / "s",
        {"index.md": "# Page\n", "projects.yaml": "a:\n  name: A\n b: [\n"},
        "osblog_projects = 'projects.yaml'\n",
    )
    warnings = build(srcdir).osblog_warnings("config")
    assert len(warnings) == 1 and "invalid YAML" in warnings[0]
    assert "projects.yaml:" in warnings[0]


def test_toml_registry_and_missing_file(tmp_path: Path) -> None:
    toml = (
        '[skipper]\nname = "Skipper"\nrepo = "https://github.com/zalando/skipper"\n'
        '\n[nameless]\nteam = "x"\n'
    )
    srcdir = make_root(
        tmp_path / "toml",
        {**PAGE, "people.toml": toml},
        "osblog_projects = 'people.toml'\nosblog_people = 'missing.yaml'\n",
    )
    result = build(srcdir)
    warnings = result.osblog_warnings("config")
    assert any("people.toml:5" in w and "has no 'name'" in w for w in warnings), warnings
    assert any(
        "cannot read registry file 'missing.yaml'" in w
        and f"conf.py:{conf_line(srcdir, 'osblog_people')}" in w
        for w in warnings
    )
    assert get_config(result.app.config).projects["skipper"].name == "Skipper"


def test_editing_registry_file_rebuilds_the_pages_using_it(tmp_path: Path) -> None:
    srcdir = make_root(
        tmp_path / "r",
        {
            "index.md": "# Page\n\n```{toctree}\nother\n```\n\nSee {project}`skipper`.\n",
            "other.md": "# Other\n\nNo registry here.\n",
            "projects.yaml": "skipper:\n  name: Skipper\n",
        },
        "osblog_projects = 'projects.yaml'\n",
    )
    first = build(srcdir)
    assert "Skipper" in first.html("index")
    other_mtime = None
    registry = srcdir / "projects.yaml"
    registry.write_text("skipper:\n  name: Skipper Proxy\n", encoding="utf-8")
    future = time.time() + 5
    os.utime(registry, (future, future))
    second = build(srcdir)
    assert "Skipper Proxy" in second.html("index")
    assert "Skipper Proxy" in second.html("blog/projects/skipper")
    assert first.read_docs == ["index", "other"]
    assert second.read_docs == ["index"]
    assert "Skipper" not in second.html("other")
    del other_mtime
