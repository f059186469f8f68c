"""Every label follows the project's language through the message catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.helpers import build_root

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_osblog"
LOCALES = PACKAGE / "locales"


def source_messages() -> set[str]:
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_german_build(tmp_path: Path) -> None:
    result = build_root("posts", tmp_path, confoverrides={"language": "de"})
    header = result.soup("updates/2019/02/feb").select_one(".osblog-post-header")
    assert header.select_one(".osblog-reading-time").get_text() == "1 Min. Lesezeit"
    assert header.select_one("time").get_text() == "17. März 2019"
    assert header.select_one(".osblog-post-by").get_text().strip() == "Von"
    nav = result.soup("news/rst-post").select_one(".osblog-post-next .osblog-nav-label")
    assert nav.get_text().startswith("Nächster")
    assert result.soup("blog/archive").select_one("h1").get_text() == "Archiv"


def test_catalogs_cover_every_message() -> None:
    messages = source_messages()
    with (LOCALES / "sphinx_osblog.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == messages, "run: pybabel extract (see CONTRIBUTING in the docs)"
    for po in LOCALES.glob("*/LC_MESSAGES/sphinx_osblog.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        translated = {m.id: m.string for m in catalog if m.id}
        assert set(translated) == messages, po
        assert all(translated.values()), po
        with po.with_suffix(".mo").open("rb") as handle:
            compiled = {m.id: m.string for m in read_mo(handle) if m.id}
        assert compiled == translated, f"{po} is newer than its .mo: run pybabel compile"


@pytest.mark.parametrize(
    ("language", "reading", "date", "by", "archive"),
    [
        ("fr", "1 min de lecture", "17 mars 2019", "Par", "Archives"),
        ("es", "1 min de lectura", "17 de marzo de 2019", "Por", "Archivo"),
    ],
)
def test_french_and_spanish_builds(
    tmp_path: Path, language: str, reading: str, date: str, by: str, archive: str
) -> None:
    result = build_root("posts", tmp_path, confoverrides={"language": language})
    header = result.soup("updates/2019/02/feb").select_one(".osblog-post-header")
    assert header.select_one(".osblog-reading-time").get_text() == reading
    assert header.select_one("time").get_text() == date
    assert header.select_one(".osblog-post-by").get_text().strip() == by
    assert result.soup("blog/archive").select_one("h1").get_text() == archive
