"""``sphinx-osblog import-jekyll`` on the real Jekyll posts of shared/examples/jekyll.

SOURCE.md there says what each post exercises; two images are absent on purpose.
The converted site is built with Sphinx to check it renders without surprises.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sphinx_osblog import jekyll
from sphinx_osblog.cli import main
from tests.helpers import SHARED, build, make_root

EXAMPLES = SHARED / "examples"
JEKYLL = EXAMPLES / "jekyll"
FEBRUARY = EXAMPLES / "000_729776bbb675c5aa.txt"
needs_examples = pytest.mark.skipif(
    not JEKYLL.is_dir(), reason="../shared/examples/jekyll is not available"
)

POSTS = {
    "updates/2018/october-updates.md": "_posts/2018-11-06-october-updates.md",
    "updates/2019/mar-updates.md": "_posts/2019-04-25-mar-updates.md",
    "updates/2019/jun-updates.md": "_posts/2019-07-15-jun-updates.md",
}
COPIED = [
    "assets/img/banners/octupdates.jpg",
    "assets/img/banners/mar-banner.jpg",
    "assets/img/hacktoberfest1.jpg",
    "assets/img/bootcamp1.jpg",
    "assets/img/oss-hong.jpg",
    "assets/img/ghu-per.jpg",
    "assets/img/codingserbia.jpeg",
]
MISSING = ["assets/img/banners/lights.jpg", "assets/img/shery1.jpeg"]
# What a build of the imported posts may still say: the two images absent from the
# examples (the posts point where they belong, so dropping them in fixes the build).
EXPECTED_WARNINGS = [
    "jun-updates.md:5: WARNING: banner image "
    "'/_static/imported/assets/img/banners/lights.jpg' not found",
    "WARNING: image file not readable: _static/imported/assets/img/shery1.jpeg",
]
CONF = 'html_baseurl = "https://example.org/"\nhtml_extra_path = ["_extra"]\n'
CONF += 'exclude_patterns = ["_build", "import-report.md"]\n'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, matter, body = text.split("---\n", 2)
    return yaml.safe_load(matter), body


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def site(tmp_path: Path) -> Path:
    if not JEKYLL.is_dir():
        pytest.skip("../shared/examples/jekyll is not available")
    return Path(shutil.copytree(JEKYLL, tmp_path / "site"))


def import_site(
    capsys: pytest.CaptureFixture[str], site: Path, docs: Path, *flags: str
) -> tuple[int, str, str]:
    return run(capsys, "import-jekyll", str(site), str(docs), *flags)


# --- plain conversion ---------------------------------------------------------------


@needs_examples
def test_posts_converted(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    code, out, err = import_site(capsys, site, docs)
    assert code == 0, err
    assert sorted(str(p.relative_to(docs)) for p in docs.glob("updates/**/*.md")) == sorted(POSTS)
    matter, body = read(docs / "updates/2018/october-updates.md")
    assert matter == {
        "title": "October Review - Hacktoberfest, new releases and more.",
        "date": dt.date(2018, 11, 6),
        "author": "Hong Phuc Dang",
        "banner": {
            "image": "/_static/imported/assets/img/banners/octupdates.jpg",
            "alt": "October Review - Hacktoberfest, new releases and more.",
        },
        "summary": "This is a recap of open source activities and development at Zalando "
        "in the month of October.",
    }
    assert body.lstrip().startswith("# October Review - Hacktoberfest, new releases and more.\n")
    # the <style> block is gone, and said so
    assert "<style" not in body and "background-position" not in body
    report = (docs / "import-report.md").read_text(encoding="utf-8")
    assert "<style> block dropped" in report
    # root-absolute image paths now point at the copies
    assert "![Hacktoberfest](/_static/imported/assets/img/hacktoberfest1.jpg)" in body
    assert "/assets/img/" not in body.replace("/_static/imported/assets/img/", "")
    # stdout lists the files, and the exact conf.py line for the redirects
    assert f"created: {docs / 'updates/2018/october-updates.md'}" in out
    assert 'html_extra_path = ["_extra"]' in out.splitlines()


@needs_examples
def test_images_copied_and_missing_reported(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    code, _, err = import_site(capsys, site, docs)
    assert code == 0  # absent images are not fatal
    for image in COPIED:
        copy = docs / "_static/imported" / image
        assert copy.read_bytes() == (site / image).read_bytes(), image
    for image in MISSING:
        assert not (docs / "_static/imported" / image).exists()
        assert f"image missing: /{image}" in err
    report = (docs / "import-report.md").read_text(encoding="utf-8")
    assert "- Images copied: 7" in report
    assert "- Images missing: 2" in report
    for image in MISSING:
        assert f"- Image **missing**: `/{image}`" in report
        assert f"- `_static/imported/{image}`" in report  # where to put it
    matter, _ = read(docs / "updates/2019/jun-updates.md")
    assert matter["banner"] == {
        "image": "/_static/imported/assets/img/banners/lights.jpg",
        "alt": "June Updates - New releases, continue to foster diversity and inclusion in tech",
    }
    # --strict: done, but with warnings
    assert import_site(capsys, site, tmp_path / "strict", "--strict")[0] == 1


@needs_examples
def test_iframes_become_videos(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    import_site(capsys, site, docs)
    _, march = read(docs / "updates/2019/mar-updates.md")
    _, june = read(docs / "updates/2019/jun-updates.md")
    assert "<iframe" not in march + june
    assert (
        ":::{video} https://www.youtube.com/watch?v=jePTtEFBgLI\n:title: GAIA Conference\n:::"
        in (march)
    )
    assert (
        ":::{video} https://www.youtube.com/watch?v=wPxn7lBSUnQ"
        "&list=PL28EP3RAJ4QC782oZPG6A4YQw-gFvCrNr\n:title: Data Engineering Meetup\n:::"
    ) in june
    assert ":::{video} https://www.youtube.com/watch?v=LpFApeaGv7A\n:title: ContainerDays" in june
    # the `--` lines after the iframes are separators (an en dash, as kramdown shows
    # them), not setext underlines turning the text above into a heading
    assert june.count("\n:::\n\n\u2013\n\n") == 2
    assert "\n--\n" not in march + june
    assert "\n\u2013\n" in march
    # a link target with a trailing space
    assert "(https://github.com/zalando-incubator/kube-ingress-aws-controller)" in june


# --- --structure --------------------------------------------------------------------


def events(text: str) -> dict[str, dict[str, str]]:
    found = {}
    for match in re.finditer(r"^:{3,}\{event\} (.+)\n((?::[\w-]+: .*\n)+)", text, re.M):
        found[match.group(1)] = dict(re.findall(r"^:([\w-]+): (.*)$", match.group(2), re.M))
    return found


@needs_examples
def test_structure(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    code, _, err = import_site(capsys, site, docs, "--structure")
    assert code == 0, err
    _, october = read(docs / "updates/2018/october-updates.md")
    _, march = read(docs / "updates/2019/mar-updates.md")
    _, june = read(docs / "updates/2019/jun-updates.md")

    assert october.count("::::{project-grid}") == 1
    cards = re.findall(r"^:::\{project-card\} (.+)\n:(repo|url): (.+)$", october, re.M)
    assert cards == [
        ("Connexion version 2.0", "repo", "https://github.com/zalando/connexion"),
        ("Postgres-Operator", "repo", "https://github.com/zalando-incubator/postgres-operator"),
        ("Flair", "repo", "https://github.com/zalandoresearch/flair"),
    ]
    assert "with OpenAPI 3 support is ready" in october
    june_cards = re.findall(r"^:::\{project-card\} (.+)$", june, re.M)
    assert june_cards == [
        "Kopf - Kubernetes Operator Pythonic Framework",
        "Skipper",
        "Kubernetes Ingress Controller for AWS",
    ]

    assert events(october) == {
        "PostgreSQL Conference Europe": {"start": "2018-10-23", "end": "2018-10-26"},
        "Open Source Summit Europe": {"start": "2018-10-22", "end": "2018-10-24"},
        "Github Universe USA": {"start": "2018-10-16", "end": "2018-10-17"},
    }
    assert "\nat the PGConf Europe, [Alexanders Kukushkin]" in october
    march_events = events(march)
    assert march_events["GAIA Conference"] == {
        "start": "2019-04-09",
        "location": "Göteborg",
        "url": "https://www.gaia.fish",
    }
    assert march_events["Strata Conference"] == {
        "start": "2019-04-29",
        "end": "2019-05-02",
        "location": "London",
        "url": "https://conferences.oreilly.com/strata/strata-eu",
    }
    assert march_events["Coding Serbia Conference"]["location"] == "Novi Sad"
    assert march_events["Coding Serbia Conference"]["start"] == "2019-05-15"
    assert march_events["GitHub Satellite"]["end"] == "2019-05-23"
    june_events = events(june)
    assert june_events["Data Engineering Meetup"]["kind"] == "meetup"
    assert june_events["ContainerDays"] == {
        "start": "2019-06-24",
        "end": "2019-06-26",
        "location": "Hamburg",
        "url": "https://www.containerdays.io/",
    }
    # the video after an event line goes inside the event
    assert re.search(
        r"::::\{event\} GAIA Conference\n(?:.*\n)*?:::\{video\}.*\n(?:.*\n)*?::::", march
    )
    # captioned images became figures; unrecognised text stays Markdown
    assert ":::{figure} /_static/imported/assets/img/hacktoberfest1.jpg" in october
    assert "- **The first Open Source Onboarding Training** was conducted" in october
    # Highlights written as paragraphs that name one repository became cards too.
    march_cards = re.findall(r"^:::\{project-card\} (.+)\n:repo: (.+)$", march, re.M)
    assert march_cards == [
        ("Elasticsearch Operator", "https://github.com/zalando-incubator/es-operator"),
        (
            "Kopf - Kubernetes Operator Pythonic Framework",
            "https://github.com/zalando-incubator/kopf",
        ),
    ]
    assert "A new operator is added to Zalando\u2019s list" in march
    # A paragraph without a repository link stays Markdown.
    assert "\n**Dedicated Open Source Time In The Zalando Cloud" in march
    report = (docs / "import-report.md").read_text(encoding="utf-8")
    assert "- Converted: project highlight → project-card (3 times)" in report
    assert "Left as-is: paragraph under Project Highlights kept as Markdown" in report


@needs_examples
def test_february_talks_and_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The February post: talks listed under an event, `---` rules, `--` after a heading."""
    if not FEBRUARY.is_file():
        pytest.skip("the February example is not available")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    shutil.copy(FEBRUARY, site / "_posts/2019-03-17-feb-updates.md")
    docs = tmp_path / "docs"
    assert import_site(capsys, site, docs, "--structure")[0] == 0
    _, body = read(docs / "updates/2019/feb-updates.md")
    kubecon = body[body.index("::::{event} KubeCon Europe") :]
    kubecon = kubecon[: kubecon.index("\n::::\n")]
    assert ":location: Barcelona" in kubecon and ":start: 2019-05-20" in kubecon
    assert kubecon.count(":::{talk}") == 2
    assert ":::{talk} Kubernetes Failure Stories and How to Crash Your Clusters" in kubecon
    assert events(body)["Devops Gathering"]["start"] == "2019-03-11"
    make_root(docs, {"index.md": "# Home\n"}, conf=CONF)
    result = build(docs)
    assert result.osblog_warnings("event") == []
    assert result.osblog_warnings("card") == []
    assert result.osblog_warnings("video") == []
    assert not [line for line in result.warning_lines() if "ERROR" in line], result.warnings


# --- permalinks, idempotency, dry run -----------------------------------------------


@needs_examples
def test_redirects(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    import_site(capsys, site, docs)
    page = docs / "_extra/blog/2019/04/mar-updates/index.html"
    text = page.read_text(encoding="utf-8")
    target = "../../../../updates/2019/mar-updates.html"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in text
    assert f'<link rel="canonical" href="{target}">' in text
    assert "<script" not in text.lower()
    redirects = sorted(p.relative_to(docs / "_extra").as_posix() for p in docs.rglob("index.html"))
    assert redirects == [
        "blog/2018/11/october-updates/index.html",
        "blog/2019/04/mar-updates/index.html",
        "blog/2019/07/jun-updates/index.html",
    ]


@needs_examples
@pytest.mark.parametrize("flags", [(), ("--structure",)])
def test_idempotent(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    docs = tmp_path / "docs"
    assert import_site(capsys, site, docs, *flags)[0] == 0
    first = tree(docs)
    stamps = {path: path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}
    code, out, _ = import_site(capsys, site, docs, *flags)
    assert code == 0
    assert tree(docs) == first
    assert {path: path.stat().st_mtime_ns for path in stamps} == stamps  # nothing rewritten
    statuses = {line.split(":", 1)[0] for line in out.splitlines() if ": " in line}
    assert statuses == {"unchanged"}


@needs_examples
def test_dry_run_writes_nothing(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    code, out, err = import_site(capsys, site, docs, "--dry-run", "--structure")
    assert code == 0
    assert not docs.exists()
    assert out.startswith("---\norphan: true\n---\n\n# Jekyll import report")
    assert "- Posts converted: 3" in out
    assert "nothing was written" in err
    before = tree(site)
    import_site(capsys, site, docs, "--structure")
    assert tree(site) == before  # the site is only read
    assert (docs / "import-report.md").read_text(encoding="utf-8").startswith(out[:200])


# --- building the result ------------------------------------------------------------


@needs_examples
@pytest.mark.parametrize("flags", [(), ("--structure",)])
def test_imported_site_builds(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    docs = tmp_path / "docs"
    assert import_site(capsys, site, docs, *flags)[0] == 0
    make_root(
        docs,
        {"index.md": "# Home\n\n```{post-list}\n```\n\n```{event-list}\n:when: all\n```\n"},
        conf=CONF,
    )
    result = build(docs)
    lines = result.warning_lines()
    assert not [line for line in lines if "ERROR" in line], result.warnings
    unexpected = [line for line in lines if not any(e in line for e in EXPECTED_WARNINGS)]
    assert unexpected == [], result.warnings
    assert len(lines) == len(EXPECTED_WARNINGS)

    index = result.soup("index")
    titles = [a.get_text() for a in index.select(".osblog-post-list a")]
    assert any("June Updates" in title for title in titles)
    march = result.soup("updates/2019/mar-updates")
    assert march.select_one("h1").get_text().startswith("March Updates")
    assert march.select_one("img.osblog-post-banner")["src"].endswith("mar-banner.jpg")
    assert len(march.select(".osblog-video")) == 1
    assert (result.outdir / "_images/codingserbia.jpeg").is_file() or any(
        result.outdir.rglob("codingserbia*.jpeg")
    )
    june = result.soup("updates/2019/jun-updates")
    assert len(june.select(".osblog-video")) == 2
    assert "#" not in june.select_one("h1").get_text()[:1]
    assert (result.outdir / "blog/2019/07/jun-updates/index.html").is_file()
    if flags:
        assert len(march.select(".osblog-event")) == 4
        assert len(result.soup("updates/2018/october-updates").select(".osblog-project-card")) == 3
        assert "Novi Sad" in index.get_text()


# --- rules on a synthetic site ------------------------------------------------------


def test_event_dates_around_the_new_year() -> None:
    pattern = re.compile(jekyll._DATES, re.I)

    def dates(text: str, post: dt.date) -> tuple[dt.date, dt.date | None] | None:
        match = pattern.fullmatch(text)
        assert match, text
        return jekyll._event_dates(match, post)

    assert dates("Apr 29 - May 2", dt.date(2019, 4, 25)) == (
        dt.date(2019, 4, 29),
        dt.date(2019, 5, 2),
    )
    assert dates("Dec 30 - Jan 2", dt.date(2019, 12, 5)) == (
        dt.date(2019, 12, 30),
        dt.date(2020, 1, 2),
    )
    assert dates("December 12", dt.date(2020, 1, 10)) == (dt.date(2019, 12, 12), None)
    assert dates("January 20th", dt.date(2019, 12, 20)) == (dt.date(2020, 1, 20), None)
    assert dates("October 23 - 26, 2018", dt.date(2019, 11, 6)) == (
        dt.date(2018, 10, 23),
        dt.date(2018, 10, 26),
    )
    assert dates("Feb 30", dt.date(2019, 3, 1)) is None


def test_event_dates_day_first() -> None:
    pattern = re.compile(jekyll._DATES_DAY_FIRST, re.I)

    def dates(text: str, post: dt.date) -> tuple[dt.date, dt.date | None] | None:
        match = pattern.fullmatch(text)
        assert match, text
        return jekyll._event_dates(match, post)

    assert dates("9 April", dt.date(2019, 4, 25)) == (dt.date(2019, 4, 9), None)
    assert dates("16 - 17 May", dt.date(2019, 4, 25)) == (
        dt.date(2019, 5, 16),
        dt.date(2019, 5, 17),
    )
    assert dates("30 May \u2013 2 June 2019", dt.date(2019, 7, 1)) == (
        dt.date(2019, 5, 30),
        dt.date(2019, 6, 2),
    )
    assert dates("30 Dec - 2 Jan", dt.date(2019, 12, 5)) == (
        dt.date(2019, 12, 30),
        dt.date(2020, 1, 2),
    )
    assert dates("31 June", dt.date(2019, 6, 1)) is None


SYNTHETIC_POST = """---
layout: post
title: "Synthetic: liquid & friends"
author: [Ana, Bo]
date: 2020-01-15 09:30:00 +0100
categories: news
tags: [kubernetes, python]
---
Intro paragraph with a [link]({{ site.baseurl }}/news/2019/older.html){:target="_blank"}.

<!--more-->

#Heading without space

{% highlight python %}
print("hi")
{% endhighlight %}

<iframe src="https://player.vimeo.com/video/76979871" title="A Vimeo talk"></iframe>

<iframe src="https://maps.example.org/embed?x=1"></iframe>

See {% post_url 2019-12-01-older %} and {% include note.html %}.
"""


def test_synthetic_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_drafts").mkdir()
    (site / "_config.yml").write_text("permalink: /news/:year/:title.html\n", encoding="utf-8")
    (site / "_posts/2020-01-15-synthetic.markdown").write_text(SYNTHETIC_POST, encoding="utf-8")
    (site / "_posts/2019-12-01-older.md").write_text(
        "---\ntitle: Older\n---\nOld text.\n", encoding="utf-8"
    )
    (site / "_drafts/upcoming.md").write_text(
        "---\ntitle: Upcoming\ndate: 2020-02-01\n---\nSoon.\n", encoding="utf-8"
    )
    docs = tmp_path / "docs"
    code, _, err = run(capsys, "import-jekyll", str(site), str(docs), "--drafts", "--strict")
    assert code == 1  # the maps iframe is a warning
    assert "iframe not converted" in err
    matter, body = read(docs / "updates/2020/synthetic.md")
    assert matter == {
        "title": "Synthetic: liquid & friends",
        "date": "2020-01-15T09:30:00+01:00",
        "author": ["Ana", "Bo"],
        "tags": ["news", "kubernetes", "python"],
    }
    assert "[link](../2019/older.md)" in body  # a permalink of an imported post
    assert "{:" not in body
    assert "\n% more\n" in body
    assert "\n## Heading without space\n" in body
    assert '```python\nprint("hi")\n```' in body
    assert ":::{video} https://vimeo.com/76979871\n:title: A Vimeo talk\n:::" in body
    assert '<iframe src="https://maps.example.org/embed?x=1"></iframe>' in body
    assert "See ../2019/older.md and {% include note.html %}." in body
    drafted, _ = read(docs / "updates/2020/upcoming.md")
    assert drafted["draft"] is True
    assert (docs / "_extra/news/2020/synthetic.html").is_file()
    report = (docs / "import-report.md").read_text(encoding="utf-8")
    assert "Left as-is: Liquid `{% include note.html %}`" in report
    assert "front matter keys not carried over" not in report


def test_day_first_event_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts/2020-02-10-feb.md").write_text(
        "---\ntitle: February\n---\n## Around the world\n\n"
        "[**PGDay Nordic**](https://pgday.example/), Helsinki, 24 - 25 March 2020: two talks.\n\n"
        "[Rust Meetup](https://rust.example/), Berlin, 3 March: a lightning talk.\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    code, _, err = run(capsys, "import-jekyll", str(site), str(docs), "--structure")
    assert code == 0, err
    _, body = read(docs / "updates/2020/feb.md")
    assert events(body) == {
        "PGDay Nordic": {
            "start": "2020-03-24",
            "end": "2020-03-25",
            "location": "Helsinki",
            "url": "https://pgday.example/",
        },
        "Rust Meetup": {
            "start": "2020-03-03",
            "location": "Berlin",
            "url": "https://rust.example/",
            "kind": "meetup",
        },
    }
