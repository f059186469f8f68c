"""Sphinx configuration of the sphinx-osblog documentation.

The site dogfoods the extension: the example update under ``updates/`` uses the
registries in ``_data/``, and the reference pages render their tables and
examples from the package's own code through the local ``osblog_docs`` extension.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx_osblog

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

# -- Project ------------------------------------------------------------------
project = "sphinx-osblog"
author = "the sphinx-osblog developers"
copyright = "2026, the sphinx-osblog developers"
version = sphinx_osblog.__version__
release = sphinx_osblog.__version__

# -- General ------------------------------------------------------------------
extensions = ["myst_parser", "sphinx_osblog", "osblog_docs"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "requirements.txt"]
templates_path: list[str] = []
nitpicky = True
# Outside the HTML builders there are no generated pages: a {person} without a
# url, a {project} without repo or url, or a post's tag renders as plain text by
# design, which nitpicky mode would otherwise report as a missing target.
nitpick_ignore_regex = [(r"osblog:.*", r".*")]
# Without -d, Sphinx keeps its doctrees in OUTDIR/.doctrees, and the epub builder
# then warns about each of them ("unknown mimetype ... ignoring") as it skips them.
suppress_warnings = ["epub.unknown_project_files"]

# -- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3
# The example update carries its title in front matter, as every update will.
myst_title_to_header = True

# -- sphinx-osblog --------------------------------------------------------------
# The registries behind the example update and the examples on the reference
# pages. The organisation, its people and its projects are fictional.
osblog_projects = "_data/projects.yaml"
osblog_people = "_data/people.yaml"
osblog_tags = "_data/tags.toml"
# osblog_today stays unset: the build's "now" is SOURCE_DATE_EPOCH, else the clock.

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = f"sphinx-osblog {release}"
html_baseurl = "https://sphinx-osblog.readthedocs.io/en/latest/"
html_static_path = ["_static"]
html_css_files = ["osblog-docs.css"]
# Furo's own sidebar, with the newest updates and the upcoming events added
# below the page tree (see reference/sidebars.md).
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "osblog/recent-posts.html",
        "osblog/upcoming-events.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
html_last_updated_fmt = None

# -- LaTeX --------------------------------------------------------------------
latex_documents = [
    ("index", "sphinx-osblog.tex", "sphinx-osblog", author, "manual"),
]
# Posts are in no toctree, and a LaTeX build only contains documents reachable
# from one. Appending the example updates, newest first, puts them in the PDF,
# and gives the titles in its post lists something to link to.
latex_appendices = sorted(
    (path.relative_to(HERE).with_suffix("").as_posix() for path in HERE.glob("updates/*/*/*.md")),
    reverse=True,
)
