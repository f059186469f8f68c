"""Build-time benchmark: the same site built with plain Sphinx, sphinx-osblog and ABlog.

For each post count N, the script writes one site three ways (see ``bench/README.md``), then for
each variant measures a clean serial HTML build (wall time, peak RSS of the build process) and an
incremental rebuild after one post's body text is edited (wall time, documents re-read, HTML pages
written). It prints a Markdown table and writes ``bench/results/latest.json``.

Run it with an interpreter that has Sphinx, MyST-Parser, sphinx-osblog and ABlog installed::

    python bench/run.py --posts 100 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VARIANTS = ("plain", "plain-fm", "osblog-md", "osblog", "ablog")
BASEURL = "https://bench.example.org/"
TODAY = dt.date(2025, 6, 30)
SEED = 20250630

PEOPLE = {
    "alice-moreau": ("Alice Moreau", "https://example.org/people/alice"),
    "bram-de-vries": ("Bram de Vries", "https://example.org/people/bram"),
    "chen-wei": ("Chen Wei", "https://example.org/people/chen"),
    "dana-okafor": ("Dana Okafor", "https://example.org/people/dana"),
    "emil-novak": ("Emil Novak", "https://example.org/people/emil"),
}
TAGS = (
    "kubernetes",
    "python",
    "security",
    "community",
    "release",
    "mentoring",
    "observability",
    "databases",
    "frontend",
    "events",
)
PROJECT_KEYS = (
    "harbour-gate",
    "tidepool",
    "lantern",
    "quarry",
    "meadowlark",
    "ferrous",
    "driftwood",
    "saltmarsh",
    "kestrel",
    "bramble",
    "cinder",
    "osprey",
    "thicket",
    "larkspur",
    "pebble",
    "juniper",
    "marlin",
    "heron",
    "willow-db",
    "granite",
)
TEAMS = ("Platform", "Data", "Developer Experience", "Security", "Observability")
BADGES = ("new release", "newly open sourced", "mentoring", "community", "security fix")
WORD_TEXT = (
    "release contributors maintainers operator cluster policy review pipeline release notes "
    "upgrade migration documentation tutorial issue tracker pull request community meetup "
    "conference talk workshop roadmap feature support improvement performance memory latency "
    "database index query schema storage backup restore controller admission signature "
    "container image registry build cache test suite coverage benchmark profile plugin "
    "extension library package dependency security advisory patch vulnerability audit "
    "dashboard metrics tracing logging alert incident mentor mentee internship newcomers "
    "first-time contributors thank everyone who helped this month next quarter planning"
)
WORDS = tuple(WORD_TEXT.split())


# --- the site's content ----------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    key: str
    badge: str
    cta_label: str
    body: str


@dataclass(frozen=True)
class Post:
    index: int
    date: dt.date
    slug: str
    title: str
    author: str
    tags: tuple[str, ...]
    intro: str
    cards: tuple[Card, ...]
    video_id: str
    video_title: str
    closing: str

    @property
    def docname(self) -> str:
        return f"updates/{self.date:%Y}/{self.date:%m}/{self.slug}"


def project_name(key: str) -> str:
    return key.replace("-", " ").title()


def project_repo(key: str) -> str:
    return f"https://github.com/example-org/{key}"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def make_posts(count: int) -> list[Post]:
    """*count* posts, newest first, one every two days back from ``TODAY``; deterministic."""
    rng = random.Random(SEED)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    posts = []
    for index in range(count):
        date = TODAY - dt.timedelta(days=1 + 2 * index)
        keys = rng.sample(PROJECT_KEYS, rng.randint(2, 3))
        cards = tuple(
            Card(
                key,
                rng.choice(BADGES),
                rng.choice(("Try it", "Read the notes", "Join us")),
                paragraph(rng, 2),
            )
            for key in keys
        )
        lead = project_name(keys[0])
        posts.append(
            Post(
                index=index,
                date=date,
                slug=f"update-{index:05d}-{keys[0]}",
                title=f"Update {index:05d}: {lead} and friends, {date:%B %Y}",
                author=rng.choice(list(PEOPLE)),
                tags=tuple(rng.sample(TAGS, rng.randint(2, 3))),
                intro=paragraph(rng, 4),
                cards=cards,
                video_id="".join(rng.choice(alphabet) for _ in range(11)),
                video_title=f"Talk: {sentence(rng)[:-1]}",
                closing=paragraph(rng, 3),
            )
        )
    return posts


def video_url(post: Post) -> str:
    return f"https://www.youtube.com/watch?v={post.video_id}"


def highlights_rich(post: Post) -> list[str]:
    lines = ["::::{project-grid}"]
    for card in post.cards:
        lines += [
            f":::{{project-card}} {card.key}",
            f":badge: {card.badge}",
            f":cta: {card.cta_label} <{project_repo(card.key)}>",
            "",
            card.body,
            ":::",
            "",
        ]
    lines += ["::::"]
    return lines


def highlights_plain(post: Post) -> list[str]:
    lines: list[str] = []
    for card in post.cards:
        lines += [
            f"**[{project_name(card.key)}]({project_repo(card.key)})** · {card.badge}",
            "",
            card.body,
            "",
            f"[{card.cta_label}]({project_repo(card.key)})",
            "",
        ]
    return lines[:-1]


def video_rich(post: Post) -> list[str]:
    return [f":::{{video}} {video_url(post)}", f":title: {post.video_title}", ":::"]


def video_plain(post: Post) -> list[str]:
    return [f"▶ [{post.video_title}]({video_url(post)})"]


def yaml_text(value: str) -> str:
    return json.dumps(value)  # JSON strings are valid YAML scalars


def render_post(post: Post, variant: str) -> str:
    """The Markdown source of *post* for *variant*: same text and headings everywhere."""
    rich = variant == "osblog"
    author_name = PEOPLE[post.author][0]
    if variant in ("osblog", "osblog-md", "plain-fm"):
        front = [
            f"title: {yaml_text(post.title)}",
            f"date: {post.date.isoformat()}",
            f"author: {post.author}",
            f"tags: [{', '.join(post.tags)}]",
        ]
    elif variant == "ablog":
        front = [
            "blogpost: true",
            f"date: {post.date.isoformat()}",
            f"author: {post.author}",
            f"tags: {', '.join(post.tags)}",
        ]
    else:
        front = []
    lines = ["---", *front, "---", ""] if front else []
    lines += [f"# {post.title}", ""]
    if variant.startswith("plain"):
        # What sphinx-osblog's post header shows, written by hand.
        lines += [f"*{post.date.isoformat()} · by {author_name} · {', '.join(post.tags)}*", ""]
    lines += [post.intro, "", "## Project highlights", ""]
    lines += highlights_rich(post) if rich else highlights_plain(post)
    lines += ["", "## Talks", ""]
    lines += video_rich(post) if rich else video_plain(post)
    lines += ["", "## What's next", "", post.closing, ""]
    return "\n".join(lines)


def render_index(posts: Sequence[Post], variant: str) -> str:
    lines = [
        "# Open source updates",
        "",
        "The benchmark site: monthly updates of a fictional open source office.",
        "",
        "## Latest updates",
        "",
    ]
    if variant.startswith("osblog"):
        lines += ["```{post-list}", ":limit: 10", "```"]
    elif variant == "ablog":
        lines += ["```{postlist} 10", "```"]
    else:
        lines += [f"- [{post.title}](/{post.docname}.md) · {post.date}" for post in posts[:10]]
    lines += [
        "",
        "```{toctree}",
        ":glob:",
        ":reversed:",
        ":maxdepth: 1",
        ":caption: All updates",
        "",
        "updates/**",
        "```",
        "",
    ]
    return "\n".join(lines)


COMMON_CONF = f"""\
project = "Bench"
author = "Bench"
exclude_patterns = ["_build"]
source_suffix = {{".md": "markdown"}}
myst_enable_extensions = ["colon_fence"]
html_theme = "alabaster"
html_baseurl = {BASEURL!r}
# No whole-site navigation tree in every sidebar: that is O(N^2) output for any variant.
html_sidebars = {{"**": ["localtoc.html", "relations.html", "searchbox.html"]}}
"""


def render_conf(variant: str) -> str:
    if variant.startswith("plain"):
        return COMMON_CONF + 'extensions = ["myst_parser"]\n'
    if variant.startswith("osblog"):
        projects = {
            key: {
                "name": project_name(key),
                "repo": project_repo(key),
                "description": f"The {project_name(key)} project.",
                "team": TEAMS[index % len(TEAMS)],
                "tags": [TAGS[index % len(TAGS)]],
            }
            for index, key in enumerate(PROJECT_KEYS)
        }
        people = {key: {"name": name, "url": url} for key, (name, url) in PEOPLE.items()}
        return (
            COMMON_CONF
            + 'extensions = ["myst_parser", "sphinx_osblog"]\n'
            + f"osblog_today = {TODAY.isoformat()!r}\n"
            + f"osblog_projects = {projects!r}\n"
            + f"osblog_people = {people!r}\n"
        )
    authors = {key: (name, url) for key, (name, url) in PEOPLE.items()}
    return (
        COMMON_CONF
        + 'extensions = ["myst_parser", "ablog"]\n'
        + 'blog_path = "blog"\n'
        + f"blog_baseurl = {BASEURL!r}\n"
        + 'blog_title = "Open source updates"\n'
        + f"blog_authors = {authors!r}\n"
        + "blog_feed_length = 20\n"
        + 'post_date_format = "%Y-%m-%d"\n'
    )


def write_site(root: Path, posts: Sequence[Post], variant: str) -> None:
    if root.exists():
        shutil.rmtree(root)
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(render_conf(variant), encoding="utf-8")
    (src / "index.md").write_text(render_index(posts, variant), encoding="utf-8")
    for post in posts:
        path = src / f"{post.docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_post(post, variant), encoding="utf-8")


def edit_one_post(src: Path, post: Post, round_number: int) -> None:
    """A writer's one-post fix: one more sentence at the end of the closing paragraph."""
    path = src / f"{post.docname}.md"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(post.closing, post.closing + f" Edited ({round_number}).", 1)
    if edited == text:
        raise RuntimeError(f"could not edit {path}")
    path.write_text(edited, encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class BuildRun:
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    returncode: int
    load_before: float
    warnings: list[str] = field(default_factory=list)


_UPDATE_LINE = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")


def run_build(command: Sequence[str], log: Path) -> BuildRun:
    """Run one build in a fresh process: its wall time, CPU time and peak RSS (``wait4``).

    The build runs in the log's folder: ``python -m`` puts the working directory first on
    ``sys.path``, and a repository checkout there would shadow the installed package.
    """
    load_before = os.getloadavg()[0]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    markers = ("WARNING", "ERROR", "Traceback", "Exception occurred")
    warnings = [line for line in text.splitlines() if any(m in line for m in markers)]
    return BuildRun(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        returncode=process.returncode,
        load_before=load_before,
        warnings=warnings,
    )


def sphinx_command(python: str, root: Path, *, quiet: bool) -> list[str]:
    command = [python, "-m", "sphinx", "-b", "html"]
    if quiet:
        command.append("-q")
    command += ["-d", str(root / "doctrees"), str(root / "src"), str(root / "html")]
    return command


def mtimes(folder: Path, suffix: str) -> dict[str, int]:
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.stat().st_mtime_ns
        for path in folder.rglob(f"*{suffix}")
    }


def changed_files(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, stamp in after.items() if before.get(name) != stamp)


@dataclass
class Incremental:
    run: BuildRun
    reported: dict[str, int]
    reread: list[str]
    written: list[str]
    html_pages: int


@dataclass
class VariantResult:
    variant: str
    posts: int
    documents: int
    html_pages: int
    full_seconds: list[float]
    full_cpu_seconds: list[float]
    full_peak_rss_mib: list[float]
    full_load_before: list[float]
    full_seconds_median: float
    full_cpu_seconds_median: float
    full_peak_rss_mib_median: float
    incremental_seconds_all: list[float]
    incremental_seconds: float
    incremental_cpu_seconds: float
    incremental_peak_rss_mib: float
    incremental_reported: dict[str, int]
    incremental_doctrees_rewritten: int
    incremental_reread_sample: list[str]
    incremental_pages_written: int
    incremental_pages_written_share: float
    incremental_pages_sample: list[str]
    warnings: list[str]
    returncodes: list[int]


def full_build(root: Path, variant: str, count: int, attempt: int, python: str) -> BuildRun:
    for folder in ("html", "doctrees"):
        shutil.rmtree(root / folder, ignore_errors=True)
    print(f"  {variant:6} N={count}: full build {attempt} ...", flush=True)
    run = run_build(sphinx_command(python, root, quiet=True), root / "logs" / f"full-{attempt}.log")
    print(
        f"    {run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s), {run.peak_rss_mib:.0f} MiB, "
        f"rc={run.returncode}, load before {run.load_before:.2f}",
        flush=True,
    )
    return run


def incremental_build(
    root: Path, variant: str, post: Post, count: int, attempt: int, python: str
) -> Incremental:
    html_before = mtimes(root / "html", ".html")
    doctrees_before = mtimes(root / "doctrees", ".doctree")
    time.sleep(0.05)  # distinct mtimes even on coarse clocks
    edit_one_post(root / "src", post, attempt)
    print(f"  {variant:6} N={count}: one-post edit {attempt} ...", flush=True)
    log = root / "logs" / f"incremental-{attempt}.log"
    run = run_build(sphinx_command(python, root, quiet=False), log)
    html_after = mtimes(root / "html", ".html")
    written = changed_files(html_before, html_after)
    reread = changed_files(doctrees_before, mtimes(root / "doctrees", ".doctree"))
    match = _UPDATE_LINE.search(log.read_text(encoding="utf-8"))
    reported = (
        dict(zip(("added", "changed", "removed"), map(int, match.groups()), strict=True))
        if match
        else {}
    )
    print(
        f"    {run.seconds:.1f} s, re-read {len(reread)} (Sphinx says {reported}), "
        f"wrote {len(written)}/{len(html_after)} pages",
        flush=True,
    )
    return Incremental(run, reported, reread, written, len(html_after))


def measure(
    variants: Sequence[str], posts: list[Post], workdir: Path, repeat: int, python: str
) -> list[VariantResult]:
    """Every variant at one N. Builds are interleaved (plain, osblog, ablog, plain, …) so
    that background load on a shared machine spreads over the variants alike."""
    count = len(posts)
    roots = {variant: workdir / f"n{count}" / variant for variant in variants}
    for variant, root in roots.items():
        write_site(root, posts, variant)
        (root / "logs").mkdir()
    fulls: dict[str, list[BuildRun]] = {variant: [] for variant in variants}
    for attempt in range(1, repeat + 1):
        for variant in variants:
            fulls[variant].append(full_build(roots[variant], variant, count, attempt, python))
    incrementals: dict[str, list[Incremental]] = {variant: [] for variant in variants}
    edited = posts[count // 2]
    for attempt in range(1, repeat + 1):
        for variant in variants:
            incrementals[variant].append(
                incremental_build(roots[variant], variant, edited, count, attempt, python)
            )
    results = []
    for variant in variants:
        runs = fulls[variant]
        edits = incrementals[variant]
        last = edits[-1]
        every = [*runs, *(edit.run for edit in edits)]
        results.append(
            VariantResult(
                variant=variant,
                posts=count,
                documents=count + 1,
                html_pages=last.html_pages,
                full_seconds=[round(run.seconds, 3) for run in runs],
                full_cpu_seconds=[round(run.cpu_seconds, 3) for run in runs],
                full_peak_rss_mib=[round(run.peak_rss_mib, 1) for run in runs],
                full_load_before=[round(run.load_before, 2) for run in runs],
                full_seconds_median=round(statistics.median(r.seconds for r in runs), 3),
                full_cpu_seconds_median=round(statistics.median(r.cpu_seconds for r in runs), 3),
                full_peak_rss_mib_median=round(statistics.median(r.peak_rss_mib for r in runs), 1),
                incremental_seconds_all=[round(edit.run.seconds, 3) for edit in edits],
                incremental_seconds=round(statistics.median(e.run.seconds for e in edits), 3),
                incremental_cpu_seconds=round(
                    statistics.median(e.run.cpu_seconds for e in edits), 3
                ),
                incremental_peak_rss_mib=round(max(e.run.peak_rss_mib for e in edits), 1),
                incremental_reported=last.reported,
                incremental_doctrees_rewritten=len(last.reread),
                incremental_reread_sample=last.reread[:5],
                incremental_pages_written=len(last.written),
                incremental_pages_written_share=round(
                    len(last.written) / max(1, last.html_pages), 4
                ),
                incremental_pages_sample=sample_paths(last.written),
                warnings=sorted({line for run in every for line in run.warnings})[:50],
                returncodes=[run.returncode for run in every],
            )
        )
    return results


def sample_paths(paths: list[str], limit: int = 12) -> list[str]:
    """A few written pages, grouped by top folder, to show *what* an edit rewrites."""
    groups: dict[str, int] = {}
    for path in paths:
        top = path.split("/", 1)[0] if "/" in path else path
        groups[top] = groups.get(top, 0) + 1
    summary = [f"{top}: {count}" for top, count in sorted(groups.items(), key=lambda kv: -kv[1])]
    return summary[:limit]


def profile_build(posts: list[Post], workdir: Path, python: str, top: int) -> dict[str, Any]:
    """One osblog clean build under cProfile; the osblog functions by cumulative time."""
    root = workdir / f"n{len(posts)}" / "osblog-profile"
    write_site(root, posts, "osblog")
    stats_file = root / "build.pstats"
    command = [
        python,
        "-m",
        "cProfile",
        "-o",
        str(stats_file),
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-d",
        str(root / "doctrees"),
        str(root / "src"),
        str(root / "html"),
    ]
    print(f"  osblog N={len(posts)}: profiled build ...", flush=True)
    run = run_build(command, root / "profile.log")
    stats = pstats.Stats(str(stats_file))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max(entry[3] for entry in raw.values())
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in raw.items():
        if "sphinx_osblog" not in filename.replace("\\", "/"):
            continue
        module = filename.replace("\\", "/").rsplit("sphinx_osblog/", 1)[-1]
        rows.append(
            {
                "function": f"{module}:{line}({name})",
                "calls": calls,
                "tottime": round(tottime, 3),
                "cumtime": round(cumtime, 3),
                "cum_share": round(cumtime / total, 4),
            }
        )
    rows.sort(key=lambda row: row["cumtime"], reverse=True)
    return {
        "posts": len(posts),
        "profiled_seconds": round(run.seconds, 2),
        "total_cumtime": round(total, 2),
        "stats_file": str(stats_file),
        "top_osblog": rows[:top],
    }


# --- reporting ----------------------------------------------------------------------------------


def versions(python: str, cwd: Path) -> dict[str, str]:
    """Versions of the packages as the build interpreter sees them, and where osblog lives."""
    probe = (
        "import json, platform, sys\n"
        "from importlib import metadata\n"
        "result = {'python': platform.python_version()}\n"
        "for dist in ('sphinx', 'docutils', 'myst-parser', 'sphinx-design', 'sphinx-osblog',"
        " 'ablog'):\n"
        "    try:\n"
        "        result[dist] = metadata.version(dist)\n"
        "    except metadata.PackageNotFoundError:\n"
        "        result[dist] = 'not installed'\n"
        "try:\n"
        "    import sphinx_osblog\n"
        "    result['sphinx_osblog_path'] = sphinx_osblog.__file__\n"
        "except ImportError:\n"
        "    pass\n"
        "print(json.dumps(result))\n"
    )
    output = subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    result: dict[str, str] = json.loads(output)
    path = result.get("sphinx_osblog_path")
    if path:
        git = subprocess.run(
            ["git", "-C", str(Path(path).parent), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
        )
        if git.returncode == 0:
            result["sphinx_osblog_git"] = git.stdout.strip()
    return result


def machine() -> dict[str, Any]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text().splitlines()[0]
        memory = f"{int(first.split()[1]) / 1024 / 1024:.1f} GiB"
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "platform": platform.platform(),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def markdown_table(results: Iterable[VariantResult]) -> str:
    header = (
        "| N | variant | full build (s) | full build CPU (s) | peak RSS (MiB) | incremental (s) "
        "| re-read | pages written |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    rows = [
        f"| {r.posts} | {r.variant} | {r.full_seconds_median:.1f} | "
        f"{r.full_cpu_seconds_median:.1f} | "
        f"{r.full_peak_rss_mib_median:.0f} | {r.incremental_seconds:.1f} | "
        f"{r.incremental_doctrees_rewritten} | {r.incremental_pages_written} / {r.html_pages} "
        f"({100 * r.incremental_pages_written_share:.1f} %) |"
        for r in results
    ]
    return "\n".join([header, *rows])


def ratios(results: list[VariantResult]) -> list[dict[str, Any]]:
    by_key = {(r.posts, r.variant): r for r in results}
    rows = []
    for count in sorted({r.posts for r in results}):
        osblog = by_key.get((count, "osblog"))
        if osblog is None:
            continue
        row: dict[str, Any] = {"posts": count}
        for other in ("plain", "plain-fm", "ablog"):
            base = by_key.get((count, other))
            if base is None:
                continue
            row[f"osblog/{other}"] = {
                "full_time": ratio(osblog.full_seconds_median, base.full_seconds_median),
                "full_cpu": ratio(osblog.full_cpu_seconds_median, base.full_cpu_seconds_median),
                "peak_rss": ratio(osblog.full_peak_rss_mib_median, base.full_peak_rss_mib_median),
                "incremental_time": ratio(osblog.incremental_seconds, base.incremental_seconds),
            }
        rows.append(row)
    return rows


def ratios_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| N | ratio | full build time | full build CPU | peak RSS | incremental time |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        for name in ("osblog/plain", "osblog/plain-fm", "osblog/ablog"):
            if name in row:
                values = row[name]
                lines.append(
                    f"| {row['posts']} | {name} | {values['full_time']:.2f} | "
                    f"{values['full_cpu']:.2f} | "
                    f"{values['peak_rss']:.2f} | {values['incremental_time']:.2f} |"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--posts",
        type=int,
        nargs="+",
        default=[100, 1000],
        help="post counts to build (default: 100 1000; 10000 works too)",
    )
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="clean builds and one-post edits per variant and N; medians are reported",
    )
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter that runs the builds (default: this one)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one osblog clean build at the largest N (cProfile)",
    )
    parser.add_argument("--profile-top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.repeat < 1 or min(args.posts) < 1:
        parser.error("--repeat and --posts must be positive")
    args.workdir.mkdir(parents=True, exist_ok=True)
    installed = versions(args.python, args.workdir)
    if "ablog" in args.variants and installed["ablog"] == "not installed":
        parser.error("ablog is not installed for the build interpreter (pip install ablog)")
    print("Versions:", ", ".join(f"{name} {value}" for name, value in installed.items()))
    results: list[VariantResult] = []
    started = time.perf_counter()
    for count in args.posts:
        posts = make_posts(count)
        results.extend(measure(args.variants, posts, args.workdir, args.repeat, args.python))
    profile = None
    if args.profile and "osblog" in args.variants:
        profile = profile_build(
            make_posts(max(args.posts)), args.workdir, args.python, args.profile_top
        )

    ratio_rows = ratios(results)
    report = {
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]),
        "machine": machine(),
        "versions": installed,
        "repeat": args.repeat,
        "benchmark_seconds": round(time.perf_counter() - started, 1),
        "results": [asdict(result) for result in results],
        "ratios": ratio_rows,
        "profile": profile,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print()
    print(markdown_table(results))
    print()
    print(ratios_table(ratio_rows))
    if profile:
        print()
        print(
            f"Top sphinx-osblog functions by cumulative time (N={profile['posts']}, "
            f"whole build {profile['total_cumtime']} s under cProfile):"
        )
        print()
        print("| function | calls | cumulative (s) | share of build |")
        print("| --- | ---: | ---: | ---: |")
        for row in profile["top_osblog"]:
            print(
                f"| `{row['function']}` | {row['calls']} | {row['cumtime']:.2f} | "
                f"{100 * row['cum_share']:.1f} % |"
            )
    problems = [r for r in results if r.warnings or any(r.returncodes)]
    for r in problems:
        print(
            f"\n{r.variant} N={r.posts}: return codes {r.returncodes}, "
            f"{len(r.warnings)} distinct warning/error lines, e.g.:"
        )
        for line in r.warnings[:5]:
            print(f"  {line}")
    print(f"\nResults written to {args.output}")
    return 1 if any(code for r in results for code in r.returncodes) else 0


if __name__ == "__main__":
    sys.exit(main())
