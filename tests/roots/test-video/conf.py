extensions = ["myst_parser", "sphinx_osblog"]
project = "Video test"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
version = "1.0"
copyright = "2026, the sphinx-osblog developers"
