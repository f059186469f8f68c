"""Generated pages: one per registry project and one per person (HTML builders only).

Pages are written through ``html-collect-pages`` at the end of every build, from
the domain's records, so they always reflect the whole site, incremental build
or not. Bodies are built here with every writer-supplied value escaped.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_osblog.config import get_config
from sphinx_osblog.domain import get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.pages import page_name, pages_available
from sphinx_osblog.warnings import OsblogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinx_osblog.registry import Person, Project

PAGE_TEMPLATE = "page.html"
MEDIA_FOLDER = "_osblog/media"
_BADGE_START = '<span class="osblog-badge sd-badge sd-bg-info sd-bg-text-info">'


class PageWriter:
    """Builds the HTML body of one generated page, with links relative to it."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
        self.pagename = pagename

    def doc_link(self, docname: str, anchor: str = "") -> str:
        uri = self.builder.get_relative_uri(self.pagename, docname)
        return f"{uri}#{anchor}" if anchor else uri

    def media(self, source: str, owner: str, config_name: str) -> str | None:
        """Copy a registry image into the output; its URI relative to this page."""
        srcdir = Path(self.app.srcdir)
        path = (srcdir / source.lstrip("/")).resolve()
        if not path.is_file() or srcdir.resolve() not in path.parents:
            warn(
                OsblogWarning.REGISTRY,
                f"{config_name}[{owner!r}]: image {source!r} not found in the source folder",
                None,
            )
            return None
        digest = hashlib.sha1(str(path.relative_to(srcdir.resolve())).encode()).hexdigest()[:8]
        target_name = f"{digest}-{path.name}"
        target = Path(self.app.outdir) / MEDIA_FOLDER / target_name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_mtime < path.stat().st_mtime:
            shutil.copyfile(path, target)
        depth = self.builder.get_target_uri(self.pagename).count("/")
        return "../" * depth + f"{MEDIA_FOLDER}/{target_name}"


def _link(url: str, text: str, css: str) -> str:
    return f'<a class="{css}" href="{escape(url)}">{escape(text)}</a>'


def project_page(app: Sphinx, project: Project) -> tuple[str, dict[str, Any], str]:
    pagename = page_name("project", project.key)
    writer = PageWriter(app, pagename)
    env = app.env
    parts = [f'<section class="osblog-page osblog-project-page" id="{escape(project.key)}">']
    parts.append(f'<h1 class="osblog-page-title">{escape(project.name)}</h1>')
    if project.logo:
        logo = writer.media(project.logo, project.key, "osblog_projects")
        if logo:
            parts.append(f'<img class="osblog-project-page-logo" src="{escape(logo)}" alt="">')
    if project.description:
        parts.append(f'<p class="osblog-project-description">{escape(project.description)}</p>')
    facts = []
    if project.team:
        facts.append((str(_("Team")), escape(project.team)))
    if project.repo:
        facts.append(
            (str(_("Repository")), _link(project.repo, project.repo, "osblog-project-repo"))
        )
    if project.url:
        facts.append((str(_("Website")), _link(project.url, project.url, "osblog-project-url")))
    if facts:
        parts.append('<dl class="osblog-facts">')
        for label, value in facts:
            parts.append(f'<dt class="osblog-fact-label">{escape(label)}</dt>')
            parts.append(f'<dd class="osblog-fact-value">{value}</dd>')
        parts.append("</dl>")
    mentions = list(get_domain(env).mentions_of(project.key))
    parts.append(f'<h2 class="osblog-page-section">{escape(str(_("Highlights")))}</h2>')
    if mentions:
        parts.append('<ul class="osblog-mentions">')
        for mention in mentions:
            title = env.titles[mention.docname].astext() if mention.docname in env.titles else ""
            href = writer.doc_link(mention.docname, mention.anchor)
            link = _link(href, title or mention.docname, "osblog-mention-link")
            item = [f'<li class="osblog-mention">{link}']
            item.extend(f" {_BADGE_START}{escape(label)}</span>" for label in mention.badges)
            if mention.summary:
                item.append(f'<p class="osblog-mention-summary">{escape(mention.summary)}</p>')
            item.append("</li>")
            parts.append("".join(item))
        parts.append("</ul>")
    else:
        parts.append(f'<p class="osblog-empty">{escape(str(_("No highlights yet.")))}</p>')
    parts.append("</section>")
    # Templates insert "title" as HTML (document titles arrive rendered), so escape it.
    return pagename, {"title": escape(project.name), "body": "\n".join(parts)}, PAGE_TEMPLATE


def person_page(app: Sphinx, person: Person) -> tuple[str, dict[str, Any], str]:
    pagename = page_name("person", person.key)
    writer = PageWriter(app, pagename)
    parts = [f'<section class="osblog-page osblog-author-page" id="{escape(person.key)}">']
    parts.append(f'<h1 class="osblog-page-title">{escape(person.name)}</h1>')
    if person.avatar:
        avatar = writer.media(person.avatar, person.key, "osblog_people")
        if avatar:
            parts.append(f'<img class="osblog-avatar" src="{escape(avatar)}" alt="">')
    if person.role:
        parts.append(f'<p class="osblog-author-role">{escape(person.role)}</p>')
    if person.bio:
        parts.append(f'<p class="osblog-author-bio">{escape(person.bio)}</p>')
    links = []
    if person.url:
        links.append((str(_("Website")), person.url))
    links.extend((network.capitalize(), url) for network, url in person.socials)
    if links:
        parts.append('<ul class="osblog-socials">')
        for label, url in links:
            parts.append(
                f'<li class="osblog-social">{_link(url, label, "osblog-social-link")}</li>'
            )
        parts.append("</ul>")
    parts.append("</section>")
    return pagename, {"title": escape(person.name), "body": "\n".join(parts)}, PAGE_TEMPLATE


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not pages_available(app.builder):
        return
    settings = get_config(app.env)
    for project in settings.projects.values():
        yield project_page(app, project)
    for person in settings.people.values():
        yield person_page(app, person)


def setup_archives(app: Sphinx) -> None:
    """Register the generated pages."""
    app.connect("html-collect-pages", collect_pages)
