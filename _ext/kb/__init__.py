"""Knowledge base (placeholder until the full extension lands)."""

from __future__ import annotations

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


class _Article(SphinxDirective):
    option_spec = {
        "topics": directives.unchanged,
        "keywords": directives.unchanged,
        "applies-to": directives.unchanged,
        "reviewed": directives.unchanged,
    }

    def run(self):
        return []


class _Index(SphinxDirective):
    def run(self):
        return []


def setup(app):
    app.add_directive("kb-article", _Article)
    app.add_directive("kb-index", _Index)
    return {"version": "0.0", "parallel_read_safe": True, "parallel_write_safe": True}
