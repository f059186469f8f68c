extensions = ["myst_parser", "sphinx_osblog"]
project = "Cards test"
exclude_patterns = ["_build"]
osblog_projects = "projects.yaml"
osblog_people = {
    "henning-jacobs": {
        "name": "Henning Jacobs",
        "url": "https://twitter.com/try_except_",
        "role": "Head of Developer Productivity",
    },
}
version = "1.0"
copyright = "2026, osblog tests"
