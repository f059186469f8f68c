"""Checks on files that writers name (banners, posters, registry images, video files)."""

from __future__ import annotations

import os
from pathlib import Path


def is_file(path: str | os.PathLike[str]) -> bool:
    """Whether *path* names a regular file; ``False`` for a name the OS refuses.

    ``Path.is_file`` raises ``OSError`` for a name that is too long, and these names come
    straight from writers: such a name is simply "not found".
    """
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False
