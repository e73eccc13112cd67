"""Audience and doc-type page metadata (placeholder until the full extension lands).

Accepts the contract's directives so pages build strictly; renders nothing for
page-level metadata and a plain container for audience callouts.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


class _Meta(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        if not self.content:
            return []
        box = nodes.container(classes=["docmeta-callout"])
        box += self.parse_content_to_nodes()
        return [box]


class _Index(SphinxDirective):
    required_arguments = 1
    option_spec = {"type": directives.unchanged}

    def run(self):
        return []


def setup(app):
    app.add_directive("audience", _Meta)
    app.add_directive("doc-type", _Meta)
    app.add_directive("audience-index", _Index)
    return {"version": "0.0", "parallel_read_safe": True, "parallel_write_safe": True}
