"""Generate a realistic site of N monthly updates (cards, videos, events, talks).

Used by the build-equivalence tests; the benchmark has its own generator so the two
can evolve separately.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

PROJECTS = {
    f"project-{index}": {
        "name": f"Project {index}",
        "repo": f"https://github.com/example/project-{index}",
        "team": f"Team {index % 3}",
    }
    for index in range(6)
}
PEOPLE = {f"person-{index}": {"name": f"Person {index}"} for index in range(4)}
TAGS = ["kubernetes", "python", "community", "security", "data"]

CONF = f"""
osblog_projects = {PROJECTS!r}
osblog_people = {PEOPLE!r}
osblog_today = "2021-06-15"
html_baseurl = "https://example.org/docs/"
html_sidebars = {{"**": ["osblog/recent-posts.html", "osblog/upcoming-events.html",
                         "osblog/tags.html", "osblog/archives.html"]}}
"""


def post_text(index: int, start: dt.date) -> str:
    date = start + dt.timedelta(days=30 * index)
    event_day = date + dt.timedelta(days=20)
    projects = [f"project-{index % 6}", f"project-{(index + 1) % 6}"]
    return f"""---
title: Update {index}
date: {date.isoformat()}
author: person-{index % 4}
tags: [{TAGS[index % 5]}, {TAGS[(index + 2) % 5]}]
---
# Update {index}

What happened in update {index}, in a few words.

% more

## Highlights

::::{{project-grid}}
:::{{project-card}} {projects[0]}
:badge: new release
:cta: Try it <https://example.org/try/{index}>
Release notes for update {index}.
:::
:::{{project-card}} {projects[1]}
Community news.

```{{video}} youtube:4QyecOoPsGU
:title: Demo {index}
```
:::
::::

## Events

::::{{event}} Meetup {index}
:start: {event_day.isoformat()}T18:00
:end: {event_day.isoformat()}T21:00
:location: Berlin
:kind: meetup
:projects: {projects[0]}

:::{{talk}} Talk {index}
:speakers: person-{(index + 1) % 4}
:video: https://www.youtube.com/watch?v=4QyecOoPsGU
About update {index}.
:::
::::

:::{{video}} youtube:4QyecOoPsGU
:title: Recording {index}
:::
"""


def write_site(root: Path, count: int, start: dt.date = dt.date(2019, 1, 5)) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.md").write_text(
        "# Site\n\n```{toctree}\nevents\n```\n\n```{post-list}\n:limit: 5\n```\n",
        encoding="utf-8",
    )
    (root / "events.md").write_text(
        "# Events\n\n```{event-list}\n```\n\n```{event-list}\n:when: past\n:limit: 10\n```\n",
        encoding="utf-8",
    )
    for index in range(count):
        path = root / f"updates/{index:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post_text(index, start), encoding="utf-8")
    return root
