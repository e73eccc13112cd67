"""Distributed glossary (placeholder until the full extension lands).

``{define} TERM`` registers the term and its aliases with Sphinx's standard
domain, so ``{term}`` references resolve; ``{glossary-index}`` renders nothing.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective


class _Define(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"aliases": directives.unchanged, "see-also": directives.unchanged}

    def run(self):
        names = [self.arguments[0]] + [
            a.strip() for a in self.options.get("aliases", "").split(",") if a.strip()
        ]
        source, line = self.get_source_info()
        item = nodes.definition_list_item()
        for name in names:
            textnodes = [nodes.Text(name)]
            item += make_glossary_term(
                self.env, textnodes, "", source, line, node_id=None, document=self.state.document
            )
        definition = nodes.definition()
        definition += self.parse_content_to_nodes()
        item += definition
        dl = nodes.definition_list(classes=["glossary"])
        dl += item
        return [dl]


class _Index(SphinxDirective):
    def run(self):
        return []


def setup(app):
    app.add_directive("define", _Define)
    app.add_directive("glossary-index", _Index)
    return {"version": "0.0", "parallel_read_safe": True, "parallel_write_safe": True}
