"""The ``sphinx-osblog`` command (SPEC §7): ``new`` and ``import-jekyll``.

Exit codes: 0 done, 1 done with warnings under ``--strict`` (or a refusal, such
as an existing file ``new`` will not overwrite), 2 usage error. Messages go to
stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from sphinx_osblog import __version__

EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_USAGE = 2


def _message(text: str) -> None:
    print(f"sphinx-osblog: {text}", file=sys.stderr)


# --- new -------------------------------------------------------------------------


def _date(value: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a valid date ({exc})") from None


def slugify(title: str) -> str:
    """A file name for *title*: ASCII, lower case, words joined by ``-``."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80].rstrip("-") or "update"


def _yaml_text(value: str) -> str:
    """*value* as a YAML scalar, quoted only when it has to be."""
    import yaml

    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").strip()


def scaffold(title: str, date: dt.date, author: str = "", tags: Sequence[str] = ()) -> str:
    """The text of a new monthly update: front matter and section templates."""
    title = " ".join(title.split())
    matter = ["---", f"title: {_yaml_text(title)}", f"date: {date.isoformat()}"]
    if author:
        matter.append(f"author: {_yaml_text(author)}")
    if tags:
        matter.append(f"tags: [{', '.join(_yaml_text(tag) for tag in tags)}]")
    matter.append("---")
    day = date.isoformat()
    body = f"""
# {title}

% Everything above the "more" comment is the summary shown in post lists and
% feeds. Replace the placeholders below and delete the sections you do not need.

A recap of what happened in our open source projects this month.

% more

## Project highlights

% One project-card per project. The argument is a key of osblog_projects
% (name, repo and logo then come from the registry) or a display name.

::::{{project-grid}}
:::{{project-card}} Project name
:repo: https://github.com/OWNER/REPO

What changed this month: a release, a milestone, a new maintainer.
:::
::::

## Events

% One event block per event; talks given there go inside it.

::::{{event}} Event name
:start: {day}
:end: {day}
:location: City, Country
:url: https://example.org/event
:kind: conference

Who went, and what happened there.

:::{{talk}} Talk title
:speakers: Speaker Name
:url: https://example.org/event/talk

What the talk is about.
:::
::::

:::{{video}} https://www.youtube.com/watch?v=VIDEO_ID_XX
:title: Recording of the talk

A sentence about the recording.
:::

## More reading

- [An article worth reading](https://example.org/article)
"""
    return "\n".join(matter) + "\n" + body


def _default_docs_dir() -> Path:
    return Path("docs") if Path("docs/conf.py").is_file() else Path()


def command_new(args: argparse.Namespace) -> int:
    date: dt.date = args.date or dt.date.today()
    docs = Path(args.dir) if args.dir is not None else _default_docs_dir()
    tags = [tag.strip() for tag in (args.tags or "").split(",") if tag.strip()]
    path = docs / "updates" / f"{date.year:04d}" / f"{date.month:02d}" / f"{slugify(args.title)}.md"
    if path.exists():
        _message(f"{path} already exists; not overwriting it (choose another title or --date)")
        return EXIT_WARNINGS
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(scaffold(args.title, date, args.author or "", tags))
    print(path)
    return EXIT_OK


# --- import-jekyll -----------------------------------------------------------------


def command_import_jekyll(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sphinx_osblog import jekyll

    site, docs = Path(args.site_dir), Path(args.docs_dir)
    if not site.is_dir():
        parser.error(f"SITE_DIR {str(site)!r} is not a folder")
    if docs.exists() and not docs.is_dir():
        parser.error(f"DOCS_DIR {str(docs)!r} is not a folder")
    try:
        plan = jekyll.plan_import(
            site,
            docs,
            drafts=args.drafts,
            structure=args.structure,
            permalink=args.permalink,
        )
    except jekyll.ImportError_ as exc:
        parser.error(str(exc))
    outcomes = jekyll.apply_plan(plan, docs, dry_run=args.dry_run)
    for warning in plan.warnings:
        _message(f"warning: {warning}")
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    if args.dry_run:
        sys.stdout.write(plan.files[jekyll.REPORT_NAME].decode("utf-8"))
        for outcome in outcomes:
            verb = outcome.status if outcome.status == "unchanged" else f"would be {outcome.status}"
            _message(f"{verb}: {docs / outcome.path}")
        _message("dry run: nothing was written")
    else:
        for outcome in outcomes:
            print(f"{outcome.status}: {docs / outcome.path}")
    converted = sum(1 for post in plan.posts if not post.skipped)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    _message(f"{converted} post(s) converted; files: {summary or 'none'}")
    if not args.dry_run:
        _message(f"report: {docs / jekyll.REPORT_NAME}")
    has_redirects = any(path.startswith(jekyll.EXTRA_DIR + "/") for path in plan.files)
    if has_redirects and not jekyll.extra_path_configured(docs):
        _message("add this line to conf.py so the redirect pages for old permalinks are served:")
        print(plan.extra_path_line)
    if plan.warnings and args.strict:
        return EXIT_WARNINGS
    return EXIT_OK


# --- the parser --------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-osblog",
        description="Tools for sphinx-osblog sites: scaffold updates, import a Jekyll blog.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new",
        help="scaffold the next monthly update",
        description=(
            "Create DOCS/updates/YYYY/MM/<slug>.md with front matter and section templates "
            "(highlights, events, a video, more reading). Never overwrites an existing file."
        ),
    )
    new.add_argument("title", metavar="TITLE", help="the post's title (also gives the file name)")
    new.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="the post's date (default: today)"
    )
    new.add_argument("--author", metavar="KEY", help="a key of osblog_people, or a name")
    new.add_argument("--tags", metavar="T,…", help="comma-separated tags")
    new.add_argument(
        "--dir",
        metavar="DOCS",
        help="the Sphinx source folder (default: docs if ./docs/conf.py exists, else .)",
    )

    jekyll_parser = commands.add_parser(
        "import-jekyll",
        help="convert a Jekyll blog into sphinx-osblog posts",
        description=(
            "Convert SITE_DIR/_posts into MyST posts under DOCS_DIR/updates/YYYY/, copy the "
            "images they use into DOCS_DIR/_static/imported/, write redirect pages for the "
            "old permalinks under DOCS_DIR/_extra/ and a report in DOCS_DIR/import-report.md. "
            "Running it again rewrites nothing that is unchanged."
        ),
    )
    jekyll_parser.add_argument("site_dir", metavar="SITE_DIR", help="the Jekyll site")
    jekyll_parser.add_argument("docs_dir", metavar="DOCS_DIR", help="the Sphinx source folder")
    jekyll_parser.add_argument(
        "--drafts", action="store_true", help="import _drafts/ too, as draft: true"
    )
    jekyll_parser.add_argument(
        "--structure",
        action="store_true",
        help="turn recognised project highlights, events, talks and captioned images "
        "into project-card, event, talk and figure directives",
    )
    jekyll_parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing; print the report to stdout",
    )
    jekyll_parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when there were warnings"
    )
    jekyll_parser.add_argument(
        "--permalink",
        metavar="PATTERN",
        help="the Jekyll permalink pattern for redirects (default: _config.yml's permalink, "
        "else /blog/:year/:month/:slug/)",
    )
    jekyll_parser.set_defaults(subparser=jekyll_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "new":
        return command_new(args)
    return command_import_jekyll(args, args.subparser)


if __name__ == "__main__":
    raise SystemExit(main())
