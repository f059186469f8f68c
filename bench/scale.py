"""Scale: one osblog site at N = 100, 1,000 and 10,000 posts, timed phase by phase.

Builds the benchmark's osblog site (``run.py``'s generator: cards and a video in every
post) plus an event with a talk in every fourth post, in a fresh process per N, with a
small timing extension that records the clock and peak memory at Sphinx's events:

- read: ``env-before-read-docs`` to ``env-updated`` (parsing, front matter, records);
- resolve+write: ``env-updated`` to ``html-collect-pages`` (consistency, references,
  post-lists, event-lists, previous/next, the documents' HTML);
- generated pages: ``html-collect-pages`` to the start of ``build-finished`` (archive,
  tag, author and project pages, static files, search index);
- feeds+calendars: sphinx-osblog's ``build-finished`` handlers.

Prints a table with the cost per post of each phase: constant per-post cost means linear
growth. Writes ``bench/results/scale.json``.

    python bench/scale.py --posts 100 1000 10000
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    HERE,
    machine,
    make_posts,
    run_build,
    sphinx_command,
    versions,
    write_site,
)

PHASES_EXTENSION = '''
"""Benchmark timing: the clock and peak memory at the build's phases."""
import json, resource, time
from pathlib import Path

MARKS = []


def mark(name):
    MARKS.append((name, time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def setup(app):
    mark("start")
    app.connect("env-before-read-docs", lambda app, env, docnames: mark("read"), priority=1)
    app.connect("env-updated", lambda app, env: mark("resolve+write"), priority=999)
    app.connect("html-collect-pages", lambda app: mark("generated pages") or [], priority=1)
    app.connect("build-finished", lambda app, exc: mark("feeds+calendars"), priority=1)

    def finish(app, exc):
        mark("end")
        Path(app.outdir).parent.joinpath("phases.json").write_text(json.dumps(MARKS))

    app.connect("build-finished", finish, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

EVENT = """

## Community

::::{{event}} Community meetup {index}
:start: {day}T18:00
:end: {day}T21:00
:location: Berlin
:kind: meetup
:projects: {project}

:::{{talk}} What is new in update {index}
:speakers: alice-moreau
Ten minutes on the month's news.
:::
::::
"""


def add_events(src: Path, posts: Sequence) -> None:
    for post in posts:
        if post.index % 4:
            continue
        path = src / f"{post.docname}.md"
        project = post.cards[0].key if post.cards else ""
        text = EVENT.format(index=post.index, day=post.date.isoformat(), project=project)
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def phases(marks: list[list]) -> dict[str, dict[str, float]]:
    result = {}
    for (name, start, _), (_next_name, end, rss) in itertools.pairwise(marks):
        if name in {"start", "end"}:
            continue
        result[name] = {"seconds": round(end - start, 3), "peak_rss_mib": round(rss / 1024, 1)}
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workdir", type=Path, default=HERE / "_work" / "scale")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "scale.json")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument(
        "--no-toctree",
        action="store_true",
        help="leave out the index's glob toctree of every post (posts need none with osblog)",
    )
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()  # builds run from their own log folder

    rows = []
    for count in args.posts:
        posts = make_posts(count)
        root = args.workdir / f"n{count}"
        write_site(root, posts, "osblog")
        add_events(root / "src", posts)
        if args.no_toctree:
            index = root / "src" / "index.md"
            text = index.read_text(encoding="utf-8")
            index.write_text(text[: text.index("```{toctree}")], encoding="utf-8")
        (root / "src" / "_bench_phases.py").write_text(PHASES_EXTENSION, encoding="utf-8")
        conf = root / "src" / "conf.py"
        conf.write_text(
            "import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parent))\n"
            + conf.read_text(encoding="utf-8")
            + 'extensions.append("_bench_phases")\n',
            encoding="utf-8",
        )
        (root / "logs").mkdir(exist_ok=True)
        print(f"osblog N={count}: full build ...", flush=True)
        run = run_build(sphinx_command(args.python, root, quiet=True), root / "logs" / "full.log")
        marks = json.loads((root / "phases.json").read_text(encoding="utf-8"))
        row = {
            "posts": count,
            "seconds": round(run.seconds, 2),
            "cpu_seconds": round(run.cpu_seconds, 2),
            "peak_rss_mib": round(run.peak_rss_mib, 1),
            "warnings": run.warnings[:5],
            "phases": phases(marks),
        }
        rows.append(row)
        print(json.dumps(row, indent=1), flush=True)

    names = ["read", "resolve+write", "generated pages", "feeds+calendars"]
    print(
        "\n| posts | total s | peak MiB | " + " | ".join(f"{n} s (ms/post)" for n in names) + " |"
    )
    print("|---:|---:|---:|" + "---:|" * len(names))
    for row in rows:
        cells = []
        for name in names:
            seconds = row["phases"][name]["seconds"]
            cells.append(f"{seconds:.1f} ({1000 * seconds / row['posts']:.2f})")
        print(
            f"| {row['posts']} | {row['seconds']:.1f} | {row['peak_rss_mib']:.0f} | "
            + " | ".join(cells)
            + " |"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {"machine": machine(), "versions": versions(args.python, HERE), "rows": rows},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
