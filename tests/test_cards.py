"""project-grid / project-card: rendering, registry defaults, bad input, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build, build_root, make_root, osblog_fragments

PROJECTS = """
osblog_projects = {
    "postgres-operator": {
        "name": "Postgres Operator",
        "repo": "https://github.com/zalando/postgres-operator",
        "team": "Database as a Service",
    },
}
"""


@pytest.fixture(scope="module")
def cards_build(tmp_path_factory: pytest.TempPathFactory):
    return build_root("cards", tmp_path_factory.mktemp("cards"))


def test_no_warnings(cards_build) -> None:
    assert cards_build.warning_lines() == []


def test_html_snapshot(cards_build, file_regression) -> None:
    fragment = osblog_fragments(
        cards_build.html("index"),
        ".osblog-project-grid, .osblog-project-card:not(.osblog-project-grid .osblog-project-card)",
    )
    file_regression.check(fragment, extension=".html")


def test_myst_and_rst_agree(cards_build) -> None:
    myst_card = cards_build.soup("index").select_one("#project-postgres-operator")
    rst_card = cards_build.soup("rst").select_one("#project-postgres-operator")
    assert myst_card is not None and rst_card is not None
    for selector in (".osblog-project-link", ".osblog-project-team", ".osblog-project-logo-image"):
        assert myst_card.select_one(selector) is not None
        assert rst_card.select_one(selector) is not None
    assert (
        myst_card.select_one(".osblog-project-link")["href"]
        == rst_card.select_one(".osblog-project-link")["href"]
    )


def test_registry_defaults_and_overrides(cards_build) -> None:
    soup = cards_build.soup("index")
    grid = soup.select_one(".osblog-project-grid")
    cards = grid.select(".osblog-project-card")
    assert [card.select_one(".osblog-project-name").get_text() for card in cards] == [
        "Postgres Operator",
        "Kube Metrics Adapter",
        "Introscope",
    ]
    first = cards[0]
    assert first.select_one(".osblog-project-link")["href"] == (
        "https://github.com/zalando/postgres-operator"
    )
    assert first.select_one(".osblog-project-team").get_text() == "Database as a Service"
    assert [b.get_text() for b in first.select(".osblog-badge")] == ["GSoC 2019", "mentor org"]
    cta = first.select_one(".osblog-cta-link")
    assert cta.get_text() == "Apply now"
    assert cta["href"] == "https://summerofcode.withgoogle.com/"
    assert first.select_one(".osblog-project-logo-image")["src"].startswith("_images/")
    # A display name with explicit options, and a bare-URL call to action.
    third = cards[2]
    assert third.select_one(".osblog-project-link")["href"].endswith("/introscope")
    assert third.select_one(".osblog-cta-link").get_text() == "Learn more"
    # The standalone card overrides the registry's team.
    standalone = soup.select("#project-postgres-operator-2")
    assert standalone and standalone[0].select_one(".osblog-project-team").get_text() == (
        "Overridden team"
    )
    row = grid.select_one(".osblog-project-grid-row")
    assert "sd-row-cols-md-3" in row["class"]


def test_every_element_has_osblog_class(cards_build) -> None:
    soup = cards_build.soup("index")
    for card in soup.select(".osblog-project-card"):
        for element in [card, *card.find_all(True)]:
            if element.find_parent(class_="osblog-project-card-body") is not None:
                continue  # the writer's own content
            if element.name in {"p", "div", "span", "a", "img", "strong"}:
                assert any(c.startswith("osblog-") for c in element.get("class", [])), element


def test_roles_link_to_generated_pages(cards_build) -> None:
    soup = cards_build.soup("index")
    project_link = soup.select_one("a.osblog-project-link[href$='postgres-operator.html']")
    assert project_link is not None
    assert project_link.get_text() == "Postgres Operator"
    person = soup.select_one("a.osblog-person-link")
    assert person["href"] == "blog/authors/henning-jacobs.html"
    page = cards_build.soup("blog/projects/postgres-operator")
    mentions = page.select(".osblog-mention-link")
    # Two cards in index (grid and standalone) and one in rst.
    assert [m["href"] for m in mentions] == [
        "../../index.html#project-postgres-operator",
        "../../index.html#project-postgres-operator-2",
        "../../rst.html#project-postgres-operator",
    ]
    assert page.select_one(".osblog-project-page-logo")["src"].startswith("../../_osblog/media/")
    assert (
        cards_build.outdir
        / page.select_one(".osblog-project-page-logo")["src"].replace("../../", "")
    ).is_file()
    author = cards_build.soup("blog/authors/henning-jacobs")
    assert author.select_one(".osblog-author-role").get_text() == "Head of Developer Productivity"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (":::{project-grid}\n:columns: five\n:::", ":columns: must be a whole number"),
        (":::{project-grid}\n:columns: 9\n:::", ":columns: must be a whole number"),
        (":::{project-grid}\n:columns: \u00b2\n:::", ":columns: must be a whole number"),
        ("```{project-card} no-such-project\nBody\n```", "unknown project key 'no-such-project'"),
        (
            "```{project-card} postgres-operator\n:repo: javascript:alert(1)\nBody\n```",
            "scheme 'javascript:' is not allowed",
        ),
        (
            "```{project-card} postgres-operator\n:cta: Go <data:text/html,hi>\nBody\n```",
            "scheme 'data:' is not allowed",
        ),
        (
            "```{project-card} postgres-operator\n:url: http://exa mple.com\nBody\n```",
            "white space",
        ),
        (":::{project-grid}\nJust a paragraph.\n:::", "only project-card blocks belong"),
    ],
)
def test_bad_input_warns_once_and_page_survives(tmp_path: Path, body: str, expected: str) -> None:
    source = f"# Page\n\nBefore.\n\n{body}\n\nAfter the block.\n"
    srcdir = make_root(tmp_path / "bad", {"index.md": source}, PROJECTS)
    result = build(srcdir)
    warnings = result.osblog_warnings()
    assert len(warnings) == 1, result.warnings
    assert expected in warnings[0]
    assert "index.md:" in warnings[0]
    line = int(warnings[0].split("index.md:")[1].split(":")[0])
    assert line == 5
    assert "Traceback" not in result.warnings
    html = result.html("index")
    assert "Before." in html and "After the block." in html
    assert "javascript:" not in html and "data:text" not in html


def test_unknown_role_key_warns_and_renders_text(tmp_path: Path) -> None:
    srcdir = make_root(
        tmp_path / "roles",
        {"index.md": "# Page\n\nSee {project}`nope` and {person}`nobody`.\n"},
        PROJECTS,
    )
    result = build(srcdir)
    warnings = result.osblog_warnings("registry")
    assert len(warnings) == 2
    assert "unknown project key 'nope'" in warnings[0] and "index.md:3" in warnings[0]
    assert "unknown person key 'nobody'" in warnings[1]
    soup = result.soup("index")
    assert [s.get_text() for s in soup.select(".osblog-ref-unknown")] == ["nope", "nobody"]


PAYLOAD = "\"><script>alert('x')</script><img src=x onerror=alert(1)>"


def test_writer_strings_are_escaped(tmp_path: Path) -> None:
    conf = f"""
osblog_projects = {{
    "evil": {{
        "name": {PAYLOAD!r},
        "team": {PAYLOAD!r},
        "description": {PAYLOAD!r},
        "repo": "https://example.org/?q=<script>",
    }},
}}
"""
    source = (
        "# Page\n\n"
        f"```{{project-card}} evil\n:badge: {PAYLOAD}\n:cta: {PAYLOAD} <https://example.org/a>\n\nBody\n```\n\n"
        f"```{{project-card}} {PAYLOAD}\nBody\n```\n\n"
        "{project}`evil`\n"
    )
    srcdir = make_root(tmp_path / "xss", {"index.md": source}, conf)
    result = build(srcdir)
    for page in ("index", "blog/projects/evil"):
        html = result.html(page)
        assert "<script>alert" not in html
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        soup = result.soup(page)
        assert soup.find("script", string=lambda s: s and "alert" in s) is None
        assert all(not attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    # The repository URL is rejected (it has "<"), so the title is not a link.
    assert result.osblog_warnings("config")
