"""Placeholder nodes. None has visitors: the post-transform replaces every one of them."""

from __future__ import annotations

from docutils import nodes


class docmeta_meta(nodes.General, nodes.Element):  # noqa: N801
    """Page-level metadata; attributes ``kind`` ('audience'/'doc-type') and ``values``."""


class docmeta_index(nodes.General, nodes.Element):  # noqa: N801
    """An ``{audience-index}``/``{doc-type-index}``/``{docmeta-matrix}``; attribute ``spec``."""


PLACEHOLDERS = (docmeta_meta, docmeta_index)


def setup_nodes(app) -> None:
    for node in PLACEHOLDERS:
        app.add_node(node)
