extensions = ["myst_parser", "sphinx_osblog"]
project = "Posts test"
version = "1.0"
copyright = "2026, osblog tests"
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/docs/"
osblog_today = "2019-08-01"
osblog_people = {
    "hong-phuc": {"name": "Hong Phuc Dang", "url": "https://example.org/hong"},
    "henning-jacobs": {"name": "Henning Jacobs"},
}
osblog_projects = {
    "skipper": {"name": "Skipper", "repo": "https://github.com/zalando/skipper"},
}
