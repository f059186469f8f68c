"""``python -m sphinx_osblog``: the same as the ``sphinx-osblog`` command."""

from sphinx_osblog.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
