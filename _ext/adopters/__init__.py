"""Adopters logo wall (placeholder until the full extension lands)."""

from sphinx.util.docutils import SphinxDirective


class _Wall(SphinxDirective):
    optional_arguments = 1

    def run(self):
        return []


def setup(app):
    app.add_directive("adopters", _Wall)
    return {"version": "0.0", "parallel_read_safe": True, "parallel_write_safe": True}
