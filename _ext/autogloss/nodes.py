"""autogloss nodes.

``autogloss_index`` is a placeholder with no visitors: a post-transform
replaces it for every builder. ``autogloss_termref`` is a resolved term link
that carries its hover text; it subclasses ``reference``, so any builder
without a visitor of its own renders it as a plain link.
"""

from __future__ import annotations

from docutils import nodes


class autogloss_index(nodes.General, nodes.Element):  # noqa: N801 (docutils style)
    """Where ``{glossary-index}`` renders the A to Z list."""


class autogloss_termref(nodes.reference):  # noqa: N801
    """A term link; ``tip`` and ``tip_id`` hold the hover text and its element id."""


def visit_termref_html(self, node: autogloss_termref) -> None:
    # <span class="autogloss-ref"><a aria-describedby=ID>term</a><span role=tooltip id=ID>...</span></span>
    # The tooltip sits outside the link, so the link's accessible name stays
    # the term; aria-describedby makes screen readers announce the sentence.
    self.body.append('<span class="autogloss-ref">')
    atts = {"class": "reference internal"}
    if "refuri" in node:
        atts["href"] = node["refuri"] or "#"
    else:
        atts["href"] = "#" + node["refid"]
    atts["aria-describedby"] = node["tip_id"]
    self.body.append(self.starttag(node, "a", "", **atts))


def depart_termref_html(self, node: autogloss_termref) -> None:
    self.body.append("</a>")
    self.body.append(
        '<span class="autogloss-tip" role="tooltip" id="%s">%s</span></span>'
        % (node["tip_id"], self.encode(node["tip"]))
    )


def visit_as_reference(self, node: nodes.Element) -> None:
    self.visit_reference(node)


def depart_as_reference(self, node: nodes.Element) -> None:
    self.depart_reference(node)


PASSTHROUGH = (visit_as_reference, depart_as_reference)
