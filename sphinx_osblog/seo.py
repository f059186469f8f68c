"""Social metadata for posts (SPEC §4): JSON-LD ``BlogPosting`` and OpenGraph.

When ``sphinxext.opengraph`` is loaded it owns the ``og:*`` tags: we feed it
through the page's metadata fields (which it passes through) and emit only what
it drops, ``article:published_time``. JSON-LD is serialised by ``json.dumps``
from validated values, with ``<``, ``>`` and ``&`` escaped so no string can
close the script element.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx_osblog.config import get_config
from sphinx_osblog.domain import PostRecord, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OPENGRAPH_EXTENSION = "sphinxext.opengraph"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def absolute(app: Sphinx, path: str) -> str:
    return get_config(app.env).baseurl + path


def blog_posting(app: Sphinx, post: PostRecord, page_url: str, image_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": post.date.isoformat(),
        "dateModified": (post.updated or post.date).isoformat(),
    }
    if page_url:
        data["url"] = page_url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page_url}
    if post.authors:
        data["author"] = [
            {
                "@type": "Person",
                "name": a.name,
                **({"url": a.url} if a.url.startswith("http") else {}),
            }
            for a in post.authors
        ]
    if image_url:
        data["image"] = image_url
    if post.tags:
        data["keywords"] = [name for _key, name in post.tags]
    if post.summary:
        data["description"] = post.summary
    if post.words:
        data["wordCount"] = post.words
    return data


def add_post_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    post = get_domain(app.env).posts.get(pagename)
    if post is None:
        return
    settings = get_config(app.env)
    baseurl = settings.baseurl
    page_url = baseurl + app.builder.get_target_uri(pagename) if baseurl else ""
    image_url = ""
    if post.banner and post.banner in app.env.images and baseurl:
        image_url = f"{baseurl}{app.builder.imagedir}/{app.env.images[post.banner][1]}"
    if post.canonical:
        # Cross-posted: search engines should credit the original.
        context["pageurl"] = post.canonical
    tags = [
        '<script type="application/ld+json" class="osblog-jsonld">'
        + json_for_script(blog_posting(app, post, post.canonical or page_url, image_url))
        + "</script>",
        _meta("article:published_time", post.date.isoformat()),
    ]
    if post.updated:
        tags.append(_meta("article:modified_time", post.updated.isoformat()))
    if OPENGRAPH_EXTENSION in app.extensions:
        meta = context.get("meta") or {}
        meta.setdefault("og:type", "article")
        if image_url:
            meta.setdefault("og:image", image_url)
            if post.banner_alt:
                meta.setdefault("og:image:alt", post.banner_alt)
        context["meta"] = meta
    else:
        tags[1:1] = [
            _meta("og:title", post.title),
            _meta("og:type", "article"),
        ]
        if page_url:
            tags.append(_meta("og:url", post.canonical or page_url))
        if image_url:
            tags.append(_meta("og:image", image_url))
            if post.banner_alt:
                tags.append(_meta("og:image:alt", post.banner_alt))
        if post.summary:
            tags.append(_meta("og:description", post.summary[:300]))
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def _meta(prop: str, content: str) -> str:
    return f'<meta property="{escape(prop)}" content="{escape(content)}" class="osblog-meta">'


def setup_seo(app: Sphinx) -> None:
    # Before sphinxext.opengraph's handler (priority 500), so it sees our fields.
    app.connect("html-page-context", add_post_metadata, priority=400)
