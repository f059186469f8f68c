"""Registries of projects, people and tags (SPEC §2): loading, validation, lookup.

A registry is a dict in ``conf.py`` or a path (relative to ``conf.py``) to a YAML
or TOML file holding that dict. Loading happens once, at ``config-inited``; every
problem becomes a located ``osblog.config`` warning and the offending field (or
entry) is dropped, never a traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from sphinx_osblog.frontmatter import clean_text
from sphinx_osblog.urls import UnsafeURL, check_url, split_link_text
from sphinx_osblog.warnings import OsblogWarning, warn

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class Project:
    """One entry of ``osblog_projects``."""

    key: str
    name: str
    repo: str = ""
    url: str = ""
    description: str = ""
    logo: str = ""
    team: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """One entry of ``osblog_people``."""

    key: str
    name: str
    url: str = ""
    role: str = ""
    avatar: str = ""
    bio: str = ""
    socials: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Tag:
    """One entry of ``osblog_tags``."""

    key: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Registries:
    """The three registries, plus the files they came from (for dependencies)."""

    projects: Mapping[str, Project] = field(default_factory=dict)
    people: Mapping[str, Person] = field(default_factory=dict)
    tags: Mapping[str, Tag] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    """Registry kind (``projects``/``people``/``tags``) to the absolute file it was read from."""

    def dependency_for(self, kind: str) -> str | None:
        """The file a document using a *kind* entry depends on, if any."""
        return self.files.get(kind)


class _Source:
    """Where a registry came from, to locate warnings on the right line."""

    def __init__(self, label: str, text: str | None, key_lines: dict[tuple[str, ...], int]):
        self.label = label
        self.text = text
        self.key_lines = key_lines

    def location(self, *path: str) -> tuple[str, int | None]:
        for depth in range(len(path), 0, -1):
            line = self.key_lines.get(tuple(path[:depth]))
            if line is not None:
                return (self.label, line)
        return (self.label, None)


def _yaml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map each key path of a YAML document to its 1-based line."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(node: yaml.Node, prefix: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    path = (*prefix, str(key_node.value))
                    lines[path] = key_node.start_mark.line + 1
                    walk(value_node, path)

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if root is not None:
        walk(root, ())
    return lines


def _toml_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Best-effort key lines for TOML: ``[key]`` tables and ``key = …`` lines."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*$")
    assignment = re.compile(r"^\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_\-]+)\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if match := header.match(line):
            table = tuple(part.strip().strip("\"'") for part in match.group(1).split("."))
            lines.setdefault(table, number)
        elif match := assignment.match(line):
            lines.setdefault((*table, match.group(1).strip("\"'")), number)
    return lines


def _conf_line(confdir: Path, name: str) -> int | None:
    conf = confdir / "conf.py"
    try:
        text = conf.read_text(encoding="utf-8")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(name)}\s*[:=]", line):
            return number
    return None


def read_registry_source(
    value: object, config_name: str, confdir: Path
) -> tuple[dict[str, Any], _Source, str | None]:
    """Turn a config value (dict or path) into a raw dict and a source for locating warnings.

    Returns the dict, the source and the absolute file path (``None`` for a dict).
    """
    conf_location = (str(confdir / "conf.py"), _conf_line(confdir, config_name))
    if isinstance(value, Mapping):
        return dict(value), _Source(conf_location[0], None, {}), None
    if isinstance(value, (str, Path)):
        path = (confdir / value).resolve()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            warn(
                OsblogWarning.CONFIG,
                f"{config_name}: cannot read registry file {str(value)!r}: {exc.strerror}",
                conf_location,
            )
            return {}, _Source(conf_location[0], None, {}), None
        source_label = str(path)
        try:
            if path.suffix.lower() == ".toml":
                data: object = tomllib.loads(text)
                key_lines = _toml_key_lines(text)
            elif path.suffix.lower() in {".yaml", ".yml"}:
                data = yaml.safe_load(text)
                key_lines = _yaml_key_lines(text)
            else:
                warn(
                    OsblogWarning.CONFIG,
                    f"{config_name}: registry file {str(value)!r} must end in .yaml, .yml or .toml",
                    conf_location,
                )
                return {}, _Source(conf_location[0], None, {}), None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = (
                " ".join(
                    str(part)
                    for part in (getattr(exc, "context", None), getattr(exc, "problem", None))
                    if part
                )
                or str(exc).splitlines()[0]
            )
            warn(
                OsblogWarning.CONFIG,
                f"{config_name}: invalid YAML: {problem}",
                (source_label, line),
            )
            return {}, _Source(source_label, text, {}), str(path)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            warn(OsblogWarning.CONFIG, f"{config_name}: invalid TOML: {exc}", (source_label, line))
            return {}, _Source(source_label, text, {}), str(path)
        if data is None:
            data = {}
        data = clean_text(data)
        if not isinstance(data, Mapping):
            warn(
                OsblogWarning.CONFIG,
                f"{config_name}: the registry file must hold a mapping of keys to entries, "
                f"not {type(data).__name__}",
                (source_label, 1),
            )
            return {}, _Source(source_label, text, key_lines), str(path)
        return dict(data), _Source(source_label, text, key_lines), str(path)
    warn(
        OsblogWarning.CONFIG,
        f"{config_name} must be a dict or a path to a YAML/TOML file, not {type(value).__name__}",
        conf_location,
    )
    return {}, _Source(conf_location[0], None, {}), None


class _EntryReader:
    """Reads one registry entry's fields, warning about (and dropping) bad ones."""

    def __init__(self, config_name: str, key: str, raw: Mapping[str, Any], source: _Source):
        self.config_name = config_name
        self.key = key
        self.raw = raw
        self.source = source

    def _warn(self, message: str, *path: str) -> None:
        warn(
            OsblogWarning.CONFIG,
            f"{self.config_name}[{self.key!r}]: {message}",
            self.source.location(self.key, *path),
        )

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if value is None:
            return ""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip()
        self._warn(f"{name!r} must be text, not {type(value).__name__}; ignored", name)
        return ""

    def url(self, name: str) -> str:
        value = self.text(name)
        if not value:
            return ""
        try:
            return check_url(value)
        except UnsafeURL as exc:
            self._warn(f"{name!r}: {exc}; ignored", name)
            return ""

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        self._warn(f"{name!r} must be a list of text or a comma-separated string; ignored", name)
        return ()

    def url_mapping(self, name: str) -> tuple[tuple[str, str], ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self._warn(f"{name!r} must be a mapping such as {{github: URL}}; ignored", name)
            return ()
        result = []
        for network, link in value.items():
            if not isinstance(link, str):
                self._warn(f"{name}.{network} must be a URL; ignored", name, str(network))
                continue
            try:
                result.append((str(network), check_url(link)))
            except UnsafeURL as exc:
                self._warn(f"{name}.{network}: {exc}; ignored", name, str(network))
        return tuple(result)

    def required_name(self) -> str:
        name = self.text("name")
        if not name:
            self._warn("has no 'name'; the key is shown instead")
            return self.key
        return name

    def check_unknown(self, known: set[str]) -> None:
        for name in self.raw:
            if name not in known:
                self._warn(f"unknown field {name!r}; ignored", str(name))


def _read_project(reader: _EntryReader) -> Project:
    reader.check_unknown({"name", "repo", "url", "description", "logo", "team", "tags"})
    return Project(
        key=reader.key,
        name=reader.required_name(),
        repo=reader.url("repo"),
        url=reader.url("url"),
        description=reader.text("description"),
        logo=reader.text("logo"),
        team=reader.text("team"),
        tags=reader.text_list("tags"),
    )


def _read_person(reader: _EntryReader) -> Person:
    reader.check_unknown({"name", "url", "role", "avatar", "bio", "socials"})
    return Person(
        key=reader.key,
        name=reader.required_name(),
        url=reader.url("url"),
        role=reader.text("role"),
        avatar=reader.text("avatar"),
        bio=reader.text("bio"),
        socials=reader.url_mapping("socials"),
    )


def _read_tag(reader: _EntryReader) -> Tag:
    reader.check_unknown({"name", "description"})
    return Tag(
        key=reader.key,
        name=reader.text("name") or reader.key,
        description=reader.text("description"),
    )


_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
Entry = TypeVar("Entry", Project, Person, Tag)


def load_registry(
    value: object,
    config_name: str,
    confdir: Path,
    read_entry: Callable[[_EntryReader], Entry],
) -> tuple[dict[str, Entry], str | None]:
    """Load one registry; returns the entries by key and the file read (if any)."""
    raw, source, path = read_registry_source(value, config_name, confdir)
    entries: dict[str, Entry] = {}
    for key, fields in raw.items():
        key_text = str(key)
        if not _KEY.match(key_text):
            warn(
                OsblogWarning.CONFIG,
                f"{config_name}: key {key_text!r} must be letters, digits, '-', '_' or '.'; "
                "entry ignored",
                source.location(key_text),
            )
            continue
        if isinstance(fields, str) and read_entry is not _read_project:
            fields = {"name": fields}
        if not isinstance(fields, Mapping):
            warn(
                OsblogWarning.CONFIG,
                f"{config_name}[{key_text!r}] must be a mapping of fields; entry ignored",
                source.location(key_text),
            )
            continue
        entries[key_text] = read_entry(_EntryReader(config_name, key_text, fields, source))
    return dict(sorted(entries.items())), path


def load_registries(projects: object, people: object, tags: object, confdir: Path) -> Registries:
    """Load and validate the three registries (called once, at ``config-inited``)."""
    files: dict[str, str] = {}
    project_entries, path = load_registry(projects, "osblog_projects", confdir, _read_project)
    if path:
        files["projects"] = path
    person_entries, path = load_registry(people, "osblog_people", confdir, _read_person)
    if path:
        files["people"] = path
    tag_entries, path = load_registry(tags, "osblog_tags", confdir, _read_tag)
    if path:
        files["tags"] = path
    return Registries(project_entries, person_entries, tag_entries, files)


_KEY_LIKE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def person_ref(entry: str, people: Mapping[str, Person]) -> tuple[Any, list[str]]:
    """A post author or talk speaker from a registry key, ``Name <url>`` or a plain name.

    Returns the :class:`~sphinx_osblog.domain.PersonRef` and the problems to report: an
    unsafe URL, or (when a people registry exists) a key-like name that is not in it.
    """
    from sphinx_osblog.domain import PersonRef

    person = people.get(entry)
    if person is not None:
        return PersonRef(person.key, person.name, person.url), []
    name, url = split_link_text(entry)
    problems = []
    safe_url = ""
    if url:
        try:
            safe_url = check_url(url)
        except UnsafeURL as exc:
            problems.append(f"{name!r}: {exc}")
    elif people and _KEY_LIKE.match(entry) and "-" in entry:
        problems.append(f"unknown person key {entry!r} (not in osblog_people)")
    return PersonRef("", name, safe_url), problems
