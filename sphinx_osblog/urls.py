"""The URL allow-list: only http(s), mailto and relative URLs ever become links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Control characters and white space are never legitimate inside a URL and are
# the classic way to smuggle ``java\tscript:`` past naive scheme checks.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\s<>\"'`\\]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_HOSTNAME = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*$"
)


class UnsafeURL(ValueError):
    """A URL that must not become a link; the message says why."""


def check_url(url: str, *, allow_relative: bool = True) -> str:
    """Return *url* stripped if it may become a link, else raise :class:`UnsafeURL`."""
    candidate = url.strip()
    if not candidate:
        raise UnsafeURL("the URL is empty")
    if _FORBIDDEN_CHARS.search(candidate):
        raise UnsafeURL(f"the URL {candidate!r} contains white space, quotes or control characters")
    scheme_match = _SCHEME.match(candidate)
    if scheme_match:
        scheme = scheme_match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            raise UnsafeURL(
                f"the URL scheme {scheme + ':'!r} is not allowed (only http, https and mailto)"
            )
        if scheme in {"http", "https"}:
            host = urlsplit(candidate).hostname or ""
            if not _HOSTNAME.match(host):
                raise UnsafeURL(f"the URL {candidate!r} has no valid host name")
        return candidate
    if candidate.startswith("//"):
        host = urlsplit(candidate).hostname or ""
        if not _HOSTNAME.match(host):
            raise UnsafeURL(f"the URL {candidate!r} has no valid host name")
        return candidate
    if not allow_relative:
        raise UnsafeURL(f"{candidate!r} is not an absolute http(s) URL")
    if ":" in candidate.split("/", 1)[0]:
        # "foo:bar" would be read by browsers as scheme "foo".
        raise UnsafeURL(f"the URL {candidate!r} looks like an unknown scheme")
    return candidate


def is_absolute_http(url: str) -> bool:
    """True when *url* is an absolute http(s) URL with a valid host."""
    try:
        checked = check_url(url, allow_relative=False)
    except UnsafeURL:
        return False
    return checked.lower().startswith(("http://", "https://"))


_LINK_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<url>[^<>]*)>\s*$", re.DOTALL)


def split_link_text(value: str) -> tuple[str, str | None]:
    """Split ``Text <url>`` into ``("Text", "url")``; plain text gives ``(text, None)``."""
    match = _LINK_TEXT.match(value.strip())
    if match:
        return match.group("text").strip(), match.group("url").strip()
    return value.strip(), None
