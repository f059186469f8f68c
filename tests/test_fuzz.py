"""Hypothesis: random arguments, options and bodies never break a build.

Every directive and role gets random option values, arguments and bodies (empty,
huge, unicode, control characters, HTML, MyST syntax). The build must finish
without a traceback, and every osblog warning must carry a location. Profiles:
``fast`` (default, a few examples per test) and ``deep`` (``HYPOTHESIS_PROFILE=deep``).
"""

from __future__ import annotations

import os
from pathlib import Path

import myst_parser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_osblog.events import EventDirective, TalkDirective
from sphinx_osblog.listings import EventListDirective, PostListDirective
from sphinx_osblog.projects import ProjectCardDirective, ProjectGridDirective
from sphinx_osblog.video import VideoDirective, VimeoDirective, YouTubeDirective
from tests.helpers import build, make_root

settings.register_profile(
    "fast",
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

# MyST-Parser 2 reads directive options and front matter with PyYAML and lets its errors
# escape (a control character in an option value stops the build inside MyST itself), so
# random input would find MyST's crashes, not ours. MyST-Parser 3 reports them as warnings.
myst_reports_yaml_errors = pytest.mark.skipif(
    int(myst_parser.__version__.split(".")[0]) < 3,
    reason="MyST-Parser < 3 itself crashes on malformed option and front matter YAML",
)

CONF = """
osblog_today = "2020-01-01"
html_baseurl = "https://example.org/"
osblog_projects = {"skipper": {"name": "Skipper", "repo": "https://github.com/zalando/skipper"}}
osblog_people = {"ann": {"name": "Ann"}}
"""

NASTY = [
    "",
    " ",
    "skipper",
    "ann",
    "0",
    "-1",
    "99999999999999999999",
    "2019-02-30",
    "2019-05-20",
    "2019-05-20T25:61",
    "javascript:alert(1)",
    "data:text/html,<b>",
    "//evil.example",
    "https://example.org/a b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{project}`skipper`",
    "**bold**",
    ":::",
    "```",
    "\u202e\u0000\x07",
    "é" * 300,
    "a, b, , c",
    "Name <https://example.org>",
    "Name <javascript:alert(1)>",
    "youtube:xxxxxxxxxxx",
    "https://www.youtube.com/watch?v=4QyecOoPsGU",
    "vimeo:12345",
    "16:9",
    "0:0",
    "1m30s",
    "click-to-load",
    "Mars/Olympus",
    "Europe/Berlin",
    "cancelled",
    "conference",
    "cards",
]

text = st.one_of(
    st.sampled_from(NASTY),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r`:"),
        max_size=40,
    ),
)
line_text = text.map(lambda value: value.replace("\n", " ").replace("\r", " ").strip())
body = st.lists(line_text, max_size=3).map(lambda lines: "\n\n".join(lines))

DIRECTIVE_CLASSES = {
    "project-card": ProjectCardDirective,
    "project-grid": ProjectGridDirective,
    "video": VideoDirective,
    "youtube": YouTubeDirective,
    "vimeo": VimeoDirective,
    "event": EventDirective,
    "talk": TalkDirective,
    "post-list": PostListDirective,
    "event-list": EventListDirective,
}
# Every option each directive declares, so a new option is fuzzed without editing this file.
DIRECTIVES = {name: sorted(cls.option_spec) for name, cls in DIRECTIVE_CLASSES.items()}
ROLES = ["project", "person", "tag"]


@st.composite
def directive_block(draw: st.DrawFn, name: str) -> str:
    argument = draw(line_text)
    options = draw(
        st.dictionaries(
            st.sampled_from(DIRECTIVES[name]), line_text, max_size=len(DIRECTIVES[name])
        )
    )
    option_lines = "".join(f":{key}: {value}\n" for key, value in options.items())
    content = draw(body)
    return f"::::{{{name}}} {argument}\n{option_lines}\n{content}\n::::\n"


def check(tmp_path: Path, page: str, front_matter: str = "") -> None:
    srcdir = make_root(
        tmp_path,
        {
            "index.md": "# Home\n",
            "updates/fuzz.md": front_matter + "# Fuzz\n\n" + page + "\n\nThe end.\n",
        },
        CONF,
    )
    result = build(srcdir, fresh=True)
    for output in (result.warnings, result.status):
        assert "Traceback" not in output
        assert "Exception occurred" not in output
    assert result.unlocated == [], result.unlocated
    assert (result.outdir / "updates/fuzz.html").is_file()


@myst_reports_yaml_errors
@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_directive_never_breaks_the_build(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    @given(st.lists(directive_block(name), min_size=1, max_size=3))
    def run(blocks: list[str]) -> None:
        check(tmp_path_factory.mktemp(name), "\n".join(blocks))

    run()


@myst_reports_yaml_errors
@given(st.lists(st.tuples(st.sampled_from(ROLES), line_text), min_size=1, max_size=5))
def test_roles_never_break_the_build(tmp_path_factory: pytest.TempPathFactory, uses) -> None:
    page = " ".join(f"{{{role}}}`{value.replace('`', '') or 'x'}`" for role, value in uses)
    check(tmp_path_factory.mktemp("roles"), page)


FRONT_KEYS = [
    "title",
    "date",
    "updated",
    "author",
    "authors",
    "banner",
    "tags",
    "summary",
    "draft",
    "canonical",
    "post",
    "category",
]


@myst_reports_yaml_errors
@given(st.dictionaries(st.sampled_from(FRONT_KEYS), line_text, max_size=6))
def test_front_matter_never_breaks_the_build(
    tmp_path_factory: pytest.TempPathFactory, keys
) -> None:
    import json

    # JSON is valid YAML, so any string value stays a well-formed front matter block.
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in keys.items())
    check(tmp_path_factory.mktemp("front"), "Body.", f"---\n{lines}---\n")


def test_yaml_surrogate_escapes_regression(tmp_path: Path) -> None:
    """Found by the deep profile: a title written as a YAML surrogate pair escape."""
    front = '---\ntitle: "\\ud800\\udc00 and a stray \\ud800"\ndate: "2019-05-20"\n---\n'
    video = ':::{video} youtube:4QyecOoPsGU\n:title: "\\ud800 stray"\n:::\n'
    check(tmp_path / "surrogates", video, front)
