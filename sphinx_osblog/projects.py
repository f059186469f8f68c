"""``project-grid`` and ``project-card`` (SPEC §3): project highlights.

The directives emit osblog nodes whose children are ordinary docutils nodes
(paragraphs, references, images). HTML renders them as sphinx-design cards in a
responsive grid, so they follow the theme; the other builders render the
children in order: the title linked to the repository, the team, the badges in
brackets, the body and the call to action as a link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from sphinx_osblog.directives import OsblogDirective, is_number, split_list, text_option
from sphinx_osblog.domain import ProjectContext, ProjectMention, get_domain
from sphinx_osblog.i18n import _
from sphinx_osblog.registry import Project
from sphinx_osblog.render import PASSTHROUGH, SKIP, add_osblog_node, non_html, osblog_node
from sphinx_osblog.urls import UnsafeURL, check_url, split_link_text
from sphinx_osblog.warnings import OsblogWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class project_grid(osblog_node, nodes.General):
    """A responsive grid of project cards."""


class project_card(osblog_node, nodes.General):
    """One project highlight."""


class project_card_header(osblog_node, nodes.General):
    """Logo, linked title, team and badges."""


class project_card_body(osblog_node, nodes.General):
    """The writer's text."""


class project_card_footer(osblog_node, nodes.General):
    """The call to action."""


class project_logo(osblog_node, nodes.General):
    """Holds the logo image; shown in HTML only (a logo at full size spoils a PDF)."""


class badge(osblog_node, nodes.inline):
    """A short label such as "new release"."""


MIN_COLUMNS, MAX_COLUMNS, DEFAULT_COLUMNS = 1, 4, 2
_KEY_LIKE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def registry_path(path: str) -> str:
    """Registry image paths are relative to the source root, wherever the card stands."""
    if not path or path.startswith("/") or "://" in path:
        return path
    return "/" + path


class ProjectGridDirective(OsblogDirective):
    """``project-grid``: lays out the ``project-card`` blocks it contains."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"columns": text_option, "class": text_option}
    warning_subtype = OsblogWarning.CARD

    def run(self) -> list[nodes.Node]:
        columns = DEFAULT_COLUMNS
        raw = self.options.get("columns")
        if raw:
            if is_number(raw) and MIN_COLUMNS <= int(raw) <= MAX_COLUMNS:
                columns = int(raw)
            else:
                self.warn(
                    f":columns: must be a whole number from {MIN_COLUMNS} to {MAX_COLUMNS}, "
                    f"not {raw!r}; using {DEFAULT_COLUMNS}"
                )
        grid = project_grid("", columns=columns, classes=["osblog-project-grid"])
        grid["classes"].extend(split_list(self.options.get("class", "").replace(" ", ",")))
        self.set_source_info(grid)
        self.parse_body(grid)
        for child in list(grid.children):
            if isinstance(child, project_card):
                continue
            if isinstance(child, (nodes.comment, nodes.target, nodes.system_message)):
                continue
            self.warn(
                "only project-card blocks belong in a project-grid; "
                f"a {child.tagname} was kept below the grid"
            )
        strays = [
            child
            for child in grid.children
            if not isinstance(child, (project_card, nodes.comment, nodes.target))
        ]
        for child in strays:
            grid.remove(child)
        return [grid, *strays]


class ProjectCardDirective(OsblogDirective):
    """``project-card KEY-OR-NAME``: one project highlight."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "repo": text_option,
        "url": text_option,
        "logo": text_option,
        "team": text_option,
        "badge": text_option,
        "cta": text_option,
        "class": text_option,
    }
    warning_subtype = OsblogWarning.CARD

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0].strip()
        self.note_registry("projects")
        project = self.settings.projects.get(argument)
        if project is None and _KEY_LIKE.match(argument) and "-" in argument:
            self.warn(
                f"unknown project key {argument!r} (not in osblog_projects); "
                "shown as a display name",
                OsblogWarning.REGISTRY,
            )
        name = project.name if project else argument
        repo = self.checked_url("repo") or (project.repo if project else "")
        homepage = self.checked_url("url") or (project.url if project else "")
        logo = self.options.get("logo") or (registry_path(project.logo) if project else "")
        team = self.options.get("team") or (project.team if project else "")
        badges = split_list(self.options.get("badge", ""))

        card = project_card(
            "", project=project.key if project else "", classes=["osblog-project-card"]
        )
        card["classes"].extend(self.options.get("class", "").split())
        self.set_source_info(card)
        anchor = self.assign_id(card, f"project-{project.key if project else argument}")

        card += self._header(name, repo or homepage, logo, team, badges, project)
        body = project_card_body("", classes=["osblog-project-card-body"])
        self.parse_body(body, ProjectContext((project.key,)) if project else None)
        card += body
        cta = self._call_to_action()
        if cta is not None:
            footer = project_card_footer("", classes=["osblog-project-card-footer"])
            footer += cta
            card += footer

        if project is not None:
            summary = body.astext().strip().split("\n\n", 1)[0]
            get_domain(self.env).add_mention(
                ProjectMention(
                    project=project.key,
                    docname=self.env.docname,
                    anchor=anchor,
                    kind="card",
                    line=self.lineno,
                    badges=tuple(badges),
                    summary=summary[:500],
                )
            )
        return [card]

    def _header(
        self,
        name: str,
        link: str,
        logo: str,
        team: str,
        badges: list[str],
        project: Project | None,
    ) -> project_card_header:
        header = project_card_header("", classes=["osblog-project-card-header"])
        if logo:
            holder = project_logo("", classes=["osblog-project-logo"])
            image = nodes.image("", uri=logo, alt="", classes=["osblog-project-logo-image"])
            self.set_source_info(image)
            holder += image
            header += holder
        title = nodes.paragraph("", classes=["osblog-project-card-title"])
        if link:
            reference = nodes.reference(
                "", "", refuri=link, internal=False, classes=["osblog-project-link"]
            )
            reference += nodes.strong(name, name, classes=["osblog-project-name"])
            title += reference
        else:
            title += nodes.strong(name, name, classes=["osblog-project-name"])
        header += title
        meta_parts: list[nodes.Node] = []
        if team:
            meta_parts.append(nodes.inline(team, team, classes=["osblog-project-team"]))
        if badges:
            badge_line = nodes.inline("", classes=["osblog-badges"])
            for index, label in enumerate(badges):
                if index:
                    badge_line += nodes.Text(" ")
                badge_line += badge(label, label, classes=["osblog-badge"])
            meta_parts.append(badge_line)
        if meta_parts:
            meta = nodes.paragraph("", classes=["osblog-project-card-meta"])
            for index, part in enumerate(meta_parts):
                if index:
                    meta += nodes.Text(" ")
                meta += part
            header += meta
        return header

    def _call_to_action(self) -> nodes.paragraph | None:
        raw = self.options.get("cta", "")
        if not raw:
            return None
        label, target = split_link_text(raw)
        if target is None:
            target, label = label, ""
        try:
            target = check_url(target)
        except UnsafeURL as exc:
            self.warn(f":cta: {exc}; the call to action is left out")
            return None
        label = label or str(_("Learn more"))
        paragraph = nodes.paragraph("", classes=["osblog-cta"])
        reference = nodes.reference(
            "",
            label,
            refuri=target,
            internal=False,
            classes=["osblog-cta-link", "sd-btn", "sd-btn-primary"],
        )
        paragraph += reference
        return paragraph


# --- HTML -----------------------------------------------------------------

_CARD_CLASSES = "sd-card sd-sphinx-override sd-w-100 sd-shadow-sm"


def _columns_classes(columns: int) -> str:
    small = min(columns, 2)
    return (
        f"sd-row sd-row-cols-1 sd-row-cols-xs-1 sd-row-cols-sm-{small} "
        f"sd-row-cols-md-{columns} sd-row-cols-lg-{columns} sd-g-3"
    )


def visit_grid_html(self: Any, node: project_grid) -> None:
    self.body.append(
        self.starttag(node, "div", CLASS="sd-container-fluid sd-sphinx-override sd-mb-4")
    )
    self.body.append(f'<div class="osblog-project-grid-row {_columns_classes(node["columns"])}">\n')


def depart_grid_html(self: Any, node: project_grid) -> None:
    self.body.append("</div>\n</div>\n")


def visit_card_html(self: Any, node: project_card) -> None:
    if isinstance(node.parent, project_grid):
        self.body.append('<div class="osblog-project-grid-item sd-col sd-d-flex-row">\n')
    self.body.append(self.starttag(node, "div", CLASS=_CARD_CLASSES))


def depart_card_html(self: Any, node: project_card) -> None:
    self.body.append("</div>\n")
    if isinstance(node.parent, project_grid):
        self.body.append("</div>\n")


def _html_div(extra: str) -> tuple[Any, Any]:
    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, "div", CLASS=extra))

    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append("</div>\n")

    return visit, depart


def visit_badge_html(self: Any, node: badge) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="sd-badge sd-bg-info sd-bg-text-info"))


def depart_badge_html(self: Any, node: badge) -> None:
    self.body.append("</span>")


# --- other builders -------------------------------------------------------


def visit_badge_text(self: Any, node: badge) -> None:
    self.add_text("[")


def depart_badge_text(self: Any, node: badge) -> None:
    self.add_text("]")


def visit_badge_bracketed(self: Any, node: badge) -> None:
    self.body.append("[")


def depart_badge_bracketed(self: Any, node: badge) -> None:
    self.body.append("]")


def setup_projects(app: Sphinx) -> None:
    """Register the project card nodes and directives."""
    add_osblog_node(project_grid, html=(visit_grid_html, depart_grid_html), **non_html(PASSTHROUGH))
    add_osblog_node(project_card, html=(visit_card_html, depart_card_html), **non_html(PASSTHROUGH))
    add_osblog_node(project_card_header, html=_html_div("sd-card-header"), **non_html(PASSTHROUGH))
    add_osblog_node(project_card_body, html=_html_div("sd-card-body"), **non_html(PASSTHROUGH))
    add_osblog_node(project_card_footer, html=_html_div("sd-card-footer"), **non_html(PASSTHROUGH))
    add_osblog_node(project_logo, html=_html_div(""), **non_html(SKIP))
    add_osblog_node(
        badge,
        html=(visit_badge_html, depart_badge_html),
        latex=(visit_badge_bracketed, depart_badge_bracketed),
        text=(visit_badge_text, depart_badge_text),
        man=(visit_badge_bracketed, depart_badge_bracketed),
        texinfo=(visit_badge_bracketed, depart_badge_bracketed),
    )
    app.add_directive("project-grid", ProjectGridDirective)
    app.add_directive("project-card", ProjectCardDirective)
