"""searchrank: page-level ranking and role/type filters for Sphinx's built-in search.

The search stays Sphinx's own: the same ``searchindex.js``, the same ``search.html`` and
stemmer, offline, on any static host. This extension

- adds what the site already knows to the index when it is written (``index.py``): page
  roles and types, pages that only list other pages, knowledge-base keywords, defined terms,
  and the synonym file;
- ships ``static/searchrank.js`` on the search page only. It replaces ``Search.query``: one
  result per page, ranked by the rules in ``README.md``; filters by audience and page type,
  kept in the URL; badges on each result; summaries taken from the page's own text.

Works with the ``html`` and ``dirhtml`` builders (``singlehtml`` has no search page).
Options: ``config.py``; warnings: ``warnings.py``; rules and data format: ``README.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

from .config import add_config_values, validate_config
from .index import RankedIndexFormat

__version__ = "1.0"
STATIC = Path(__file__).parent / "static"
ASSETS = ("searchrank.js", "searchrank.css")


def _active(app: Sphinx) -> bool:
    builder = app.builder
    return (
        app.config.searchrank_enabled
        and builder.format == "html"
        and getattr(builder, "search", False)
        and hasattr(builder, "indexer_format")
        # singlehtml inherits search = True but writes neither a search page nor an index
        and builder.name != "singlehtml"
    )


def builder_inited(app: Sphinx) -> None:
    """Wrap the index format and copy the assets before any page is written."""
    if not _active(app):
        return
    builder = app.builder
    if not isinstance(builder.indexer_format, RankedIndexFormat):
        builder.indexer_format = RankedIndexFormat(builder.indexer_format, app)
    if not getattr(builder.load_indexer, "searchrank_memo", False):
        original = builder.load_indexer

        def load_indexer(docnames: Any) -> None:
            # Called right after the indexer is made, before any page is fed to it.
            memoize_stem(builder.indexer.lang)
            original(docnames)

        load_indexer.searchrank_memo = True  # type: ignore[attr-defined]
        builder.load_indexer = load_indexer
    dest = Path(builder.outdir) / "_static" / "searchrank"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        copy_asset_file(STATIC / name, dest, force=True)


def memoize_stem(lang: Any) -> None:
    """Stem each word once per build.

    Sphinx remembers stems only within one page, and its English stemmer is pure Python
    (about a fifth of the time of writing a page). A stem depends on the word alone, so
    the index is the same.
    """
    stem = lang.stem
    if getattr(stem, "searchrank_memo", False):
        return
    cache: dict[str, str] = {}

    def cached(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            result = cache[word] = stem(word)
            return result

    cached.searchrank_memo = True  # type: ignore[attr-defined]
    lang.stem = cached


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Link the script and style sheet on the search page only."""
    if templatename == "search.html" and _active(app):
        app.add_css_file("searchrank/searchrank.css")
        # Deferred: runs after searchtools.js and searchindex.js, before Search.init.
        app.add_js_file("searchrank/searchrank.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    add_config_values(app)
    app.connect("config-inited", validate_config, priority=400)
    app.connect("builder-inited", builder_inited)
    app.connect("html-page-context", page_context)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
