extensions = ["myst_parser", "sphinx_osblog"]
project = "Events test"
version = "1.0"
copyright = "2026, osblog tests"
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/docs/"
osblog_today = "2019-05-18"
osblog_timezone = "Europe/Berlin"
osblog_people = {
    "henning-jacobs": {"name": "Henning Jacobs", "url": "https://twitter.com/try_except_"},
}
osblog_projects = {
    "postgres-operator": {"name": "Postgres Operator", "repo": "https://github.com/zalando/postgres-operator"},
    "skipper": {"name": "Skipper", "repo": "https://github.com/zalando/skipper"},
}
