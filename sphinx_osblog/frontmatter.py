"""Front matter of a document, as the writer typed it, with the line of each key.

MyST turns front matter into a docinfo field list whose values are strings
(lists and mappings JSON-encoded, bibliographic fields such as ``authors``
parsed as Markdown), so for Markdown sources the YAML block is read again from
the file. reST keys come from the docinfo field list at the top of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes

_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _TextDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so ``2019-02-30`` is ours to report."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


class _FastTextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on LibYAML's parser, when PyYAML has it: front matter is read for every post."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


def _load(body: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(body)
    try:
        # One parse gives both the node tree (for key lines) and the values.
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)


def clean_text(value: Any) -> Any:
    """Strings made whole: YAML's ``\\ud800\\udc00`` escapes give lone surrogates, which
    no file can hold; pairs are joined and strays replaced. Lists and mappings recurse."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): clean_text(item) for key, item in value.items()}
    return value


@dataclass
class FrontMatter:
    """Keys and values, with the source path and the line of each key."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    source: str = ""
    start_line: int = 1

    def location(self, key: str | None = None) -> tuple[str, int]:
        return (self.source, self.lines.get(key or "", self.start_line))


def _yaml_front_matter(text: str, source: str) -> FrontMatter | None:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    body = match.group("body")
    try:
        root, data = _load(body, _FastTextDatesLoader)
    except yaml.YAMLError:
        # LibYAML is stricter than PyYAML (escaped surrogates, for one); MyST reads with
        # PyYAML, so a document MyST accepts is read the same way here.
        try:
            root, data = _load(body, _TextDatesLoader)
        except yaml.YAMLError:
            return None  # MyST already reports malformed front matter
    if not isinstance(data, dict):
        return None
    lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key_node, _ in root.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = key_node.start_mark.line + 2
    return FrontMatter({str(k): clean_text(v) for k, v in data.items()}, lines, source, 1)


def docinfo_front_matter(doctree: nodes.document, source: str) -> FrontMatter:
    matter = FrontMatter(source=source)
    docinfo = next(iter(doctree.findall(nodes.docinfo)), None)
    if docinfo is None:
        return matter
    matter.start_line = docinfo.line or 1
    for child in docinfo.children:
        if isinstance(child, nodes.field):
            name = child[0].astext().strip()
            value: Any = child[1].astext().strip()
        elif isinstance(child, nodes.authors):
            name = "authors"
            value = [author.astext().strip() for author in child.children]
        elif isinstance(child, nodes.Element):
            name = child.tagname
            value = child.astext().strip()
        else:
            continue
        matter.values[name] = clean_text(value)
        if child.line:
            matter.lines[name] = child.line
    return matter


SOURCE_KEY = "osblog_source_head"


def remember_source(app: Any, docname: str, source: list[str]) -> None:
    """Keep the text being read (``source-read``), so front matter is never read twice."""
    app.env.temp_data[SOURCE_KEY] = (docname, source[0])


def read_front_matter(
    doctree: nodes.document, source_path: str | Path, text: str | None = None
) -> FrontMatter:
    """The document's front matter: raw YAML for Markdown, the docinfo for reST.

    *text* is the source as Sphinx read it; without it, the file is read again.
    """
    source = str(source_path)
    if source.endswith(".md"):
        if text is None:
            try:
                text = Path(source).read_text(encoding="utf-8-sig")
            except OSError:
                text = ""
        matter = _yaml_front_matter(text, source)
        if matter is not None:
            return matter
    return docinfo_front_matter(doctree, source)
