"""``python -m sphinx_osblog``: the same as the ``sphinx-osblog`` command."""

from sphinx_osblog.cli import main

raise SystemExit(main())
