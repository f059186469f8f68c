"""Test configuration: Sphinx's testing fixtures and the osblog build helper."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir():  # type: ignore[no-untyped-def]
    from tests.helpers import sphinx_path

    return sphinx_path(ROOTS)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """A headless Chromium for one test module.

    Module scope, not session: Playwright keeps threads alive while a browser is open, and
    the parallel-build tests fork; forking a process with those threads can hang the child.
    """
    from tests.browsing import chromium

    with chromium() as instance:
        yield instance
