"""Placeholder nodes of ``kb``.

They are registered without visitors: the post-transform in ``transforms.py`` replaces every
one of them with standard docutils nodes before any writer runs, for every builder.
"""

from __future__ import annotations

from docutils import nodes

from nodewalk import find_blocks


class kb_index(nodes.General, nodes.Element):  # noqa: N801
    """Where ``{kb-index}`` renders the topic list and the keyword index."""


class kb_related(nodes.General, nodes.Element):  # noqa: N801
    """Where an article lists its related articles (attribute ``docname``)."""


class kb_notice(nodes.General, nodes.Element):  # noqa: N801
    """Where an article shows "may be out of date" when its review is too old."""


class kb_meta(nodes.comment):  # noqa: N801
    """Holds the info line and notice while the page is read.

    A comment subclass, so other extensions that look for the page's lead paragraph right
    after the metadata directives skip it, as they skip the metadata itself. ``unwrap_meta``
    (on ``doctree-read``, after every domain has processed the page) puts the children in its
    place.
    """


def unwrap_meta(app, doctree) -> None:
    for node in find_blocks(doctree, kb_meta):
        node.replace_self(node.children[:])
