"""Placeholder nodes of ``kb``.

They are registered without visitors: the post-transform in ``transforms.py`` replaces every
one of them with standard docutils nodes before any writer runs, for every builder.
"""

from __future__ import annotations

from docutils import nodes


class kb_index(nodes.General, nodes.Element):  # noqa: N801
    """Where ``{kb-index}`` renders the topic list and the keyword index."""


class kb_related(nodes.General, nodes.Element):  # noqa: N801
    """Where an article lists its related articles (attribute ``docname``)."""


class kb_notice(nodes.General, nodes.Element):  # noqa: N801
    """Where an article shows "may be out of date" when its review is too old."""
