"""The ``sphinx-osblog`` command line: ``new``, usage errors, ``--help``, ``python -m``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sphinx_osblog.cli import main, slugify
from tests.helpers import build, make_root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help and usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_new_creates_the_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "new",
        "March 2026: Kopf 2.0 & more",
        "--date",
        "2026-03-05",
        "--author",
        "hong-phuc",
        "--tags",
        "kubernetes, python",
        "--dir",
        str(tmp_path),
    )
    assert code == 0, err
    path = tmp_path / "updates/2026/03/march-2026-kopf-2-0-more.md"
    assert out.strip() == str(path)
    matter = front_matter(path)
    assert matter == {
        "title": "March 2026: Kopf 2.0 & more",
        "date": __import__("datetime").date(2026, 3, 5),
        "author": "hong-phuc",
        "tags": ["kubernetes", "python"],
    }
    text = path.read_text(encoding="utf-8")
    for piece in (
        "# March 2026: Kopf 2.0 & more",
        "% more",
        "## Project highlights",
        "::::{project-grid}",
        ":::{project-card}",
        "## Events",
        "::::{event}",
        ":start: 2026-03-05",
        ":::{talk}",
        ":::{video}",
        ":title:",
        "## More reading",
    ):
        assert piece in text


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("new", "June update", "--date", "2026-06-30", "--dir", str(tmp_path))
    assert run(capsys, *args)[0] == 0
    path = tmp_path / "updates/2026/06/june-update.md"
    path.write_text("my edits\n", encoding="utf-8")
    code, out, err = run(capsys, *args)
    assert code == 1
    assert out == ""
    assert "already exists" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == "my edits\n"


@pytest.mark.parametrize("bad", ["2026-13-01", "05.03.2026", "2026-02-30", "tomorrow"])
def test_new_bad_date_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, _out, err = run(capsys, "new", "T", "--date", bad, "--dir", str(tmp_path))
    assert code == 2
    assert "YYYY-MM-DD" in err or "not a valid date" in err
    assert not (tmp_path / "updates").exists()


def test_new_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Date defaults to today; the folder to ./docs when ./docs/conf.py exists, else '.'."""
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    today = dt.date.today()
    code, out, _ = run(capsys, "new", "Plain")
    assert code == 0
    assert Path(out.strip()) == Path(f"updates/{today:%Y}/{today:%m}/plain.md")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/conf.py").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "new", "Plain")
    assert code == 0
    assert Path(out.strip()) == Path(f"docs/updates/{today:%Y}/{today:%m}/plain.md")
    assert front_matter(Path(out.strip()))["date"] == today


def test_slugify() -> None:
    assert slugify("Übersicht: Mai 2026!") == "ubersicht-mai-2026"
    assert slugify("???") == "update"


@pytest.mark.parametrize("command", [(), ("new",), ("import-jekyll",)])
def test_help(capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "usage: sphinx-osblog" in out


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert (
        run(
            capsys,
        )[0]
        == 2
    )
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "new")[0] == 2
    assert run(capsys, "import-jekyll", str(tmp_path / "nowhere"), str(tmp_path / "d"))[0] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "import-jekyll", str(empty), str(tmp_path / "d"))
    assert code == 2 and "_posts" in err


def test_python_dash_m(tmp_path: Path) -> None:
    def module(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sphinx_osblog", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    result = module("new", "Via module", "--date", "2026-01-31")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "updates/2026/01/via-module.md").is_file()
    bad = module("new", "X", "--date", "2026-1-1")
    assert bad.returncode == 2
    assert "usage:" in bad.stderr


def test_scaffold_builds_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scaffold is valid for the build: no warnings at all, every directive rendered."""
    srcdir = make_root(
        tmp_path / "site",
        {"index.md": "# Home\n\n```{post-list}\n```\n\n```{event-list}\n:when: all\n```\n"},
        conf='html_baseurl = "https://example.org/"\nosblog_today = "2026-03-10"\n',
    )
    code, _out, err = run(
        capsys,
        "new",
        "March update",
        "--date",
        "2026-03-05",
        "--tags",
        "news",
        "--dir",
        str(srcdir),
    )
    assert code == 0, err
    result = build(srcdir)
    assert result.osblog_warnings() == []
    assert result.warning_lines() == [], result.warnings
    soup = result.soup("updates/2026/03/march-update")
    assert soup.select_one("h1").get_text().startswith("March update")
    for selector in (
        ".osblog-post-header",
        ".osblog-project-grid",
        ".osblog-project-card",
        ".osblog-event",
        ".osblog-talk",
        ".osblog-video",
    ):
        assert soup.select_one(selector) is not None, selector
    index = result.soup("index")
    assert "March update" in index.get_text()
    assert "Event name" in index.get_text()
