"""Showing content of one page on another page, shared by the project's extensions.

Several extensions show what a writer wrote on one page somewhere else: the glossary index
repeats each definition's body (autogloss), term links carry the definition's first sentence
as hover text (autogloss), the role and type indexes and the audience callout lists quote a
page's or a callout's first sentence (docmeta), and the knowledge-base index and the
related-article lists quote an article's summary (kb). Writers may put any valid content in
those places: images and figures, Mermaid diagrams, code, tables, admonitions, footnotes,
nested directives, cross-references, substitutions, raw HTML. This module owns the rules
that keep every one of them valid on the other page:

``prose_text(nodes)``
    The reader-facing prose of some nodes as plain text, for one-line summaries and hover
    text. Leaves out what is not prose: code and literal blocks, raw HTML, diagrams,
    images (an inline image counts as its alt text), math blocks, footnote and citation
    markers, comments, targets, substitution definitions and system messages.
``portable_copy(node, drop=...)``
    A deep copy of a block to store and show on another page, made *after* the page's
    environment collectors ran (so images carry their resolved path and ``candidates``,
    download links their file name). It is detached from its document (the stored copy
    does not drag the page into the pickled environment) and carries no ids or names (no
    duplicate anchors). Left out on purpose, because they only make sense where they were
    written: anchors (``target``), footnote and citation markers and bodies (their text
    lives at the end of the defining page), index entries (the defining page holds them),
    toctrees (they would repeat the defining page's children in the other page's
    navigation), substitution definitions, comments, system messages, docutils
    ``pending`` nodes, every node class of the project's extensions (placeholders, badges,
    knowledge-base metadata: each belongs to its own page), and whatever ``drop`` matches.
    Math blocks lose their equation number and label (numbered once, where defined).
``rebase(copy, fromdoc, here, builder)``
    Before the copy is resolved on page ``here``: cross-references resolve as if written
    there (relative ``{doc}`` targets made absolute), and links to anchors of the defining
    page (``reference`` with ``refid``, MyST's ``[text](#anchor)``) point to that page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.util import docname_join

from nodewalk import find_all

# The project's extensions (their node classes live in these packages).
PROJECT_PACKAGES = frozenset({"autogloss", "docmeta", "kb", "alttext", "adopters",
                              "diagramtext", "fastnav"})

# Never shown on another page (see the module docstring).
LEFT_OUT = (
    nodes.target,
    nodes.footnote,
    nodes.citation,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_definition,
    nodes.comment,
    nodes.system_message,
    nodes.pending,
    addnodes.index,
    addnodes.toctree,
)

# Not prose: skipped (with everything inside them) by prose_text.
NOT_PROSE = (
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.math_block,
    nodes.comment,
    nodes.target,
    nodes.footnote,
    nodes.citation,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.pending,
    addnodes.index,
    addnodes.toctree,
)

# Diagram nodes are recognised by name, so that no diagram package must be imported.
DIAGRAM_TAGNAMES = frozenset({"mermaid", "graphviz", "plantuml"})


def is_project_node(node: nodes.Node) -> bool:
    """True for nodes of the project's own classes (placeholders, badges, metadata)."""
    return type(node).__module__.split(".", 1)[0] in PROJECT_PACKAGES


def _not_prose(node: nodes.Node) -> bool:
    return (isinstance(node, NOT_PROSE) or node.tagname in DIAGRAM_TAGNAMES
            or is_project_node(node))


def prose_text(items: nodes.Node | Iterable[nodes.Node]) -> str:
    """The prose in ``items`` (a node or several), as plain text."""
    roots = [items] if isinstance(items, nodes.Node) else list(items)
    parts: list[str] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            parts.append(str(node))
            continue
        if _not_prose(node):
            continue
        if isinstance(node, nodes.image):
            parts.append(node.get("alt", ""))
            continue
        if isinstance(node, nodes.Element):
            if isinstance(node, nodes.TextElement) or not node.children:
                pass
            else:
                parts.append(" ")  # blocks are separated
            stack.extend(reversed(node.children))
    return "".join(parts)


def portable_copy(node: nodes.Node,
                  drop: Callable[[nodes.Node], bool] | None = None) -> nodes.Node | None:
    """A copy of ``node`` that can be stored and shown on another page (None: left out)."""

    def left_out(part: nodes.Node) -> bool:
        return (isinstance(part, LEFT_OUT) or is_project_node(part)
                or isinstance(part, nodes.compound) and "toctree-wrapper" in part["classes"]
                or (drop is not None and drop(part)))

    if left_out(node):
        return None
    copy = node.deepcopy()
    for part in find_all(copy, nodes.Node):
        if part is not copy and left_out(part) and part.parent is not None:
            part.parent.remove(part)
    for part in find_all(copy, nodes.Node):
        part.document = None
        if isinstance(part, nodes.Element):
            part["ids"] = []
            part["names"] = []
            if "backrefs" in part:
                part["backrefs"] = []
            if isinstance(part, nodes.math_block):
                part["number"] = None
                part["label"] = None
    return copy


def current_builder(env):  # noqa: ANN001, ANN201
    """The builder writing now, for a post-transform that needs its URIs.

    Sphinx 9 deprecates ``SphinxTransform.app``; Sphinx's own post-transforms read
    ``env._app.builder``, and this is the one place the extensions do the same.
    """
    app = getattr(env, "_app", None)
    return app.builder if app is not None else env.app.builder


def rebase(copy: nodes.Node, fromdoc: str, here: str, builder) -> None:  # noqa: ANN001
    """Make a copy from ``fromdoc`` resolve on ``here`` (call before references resolve)."""
    if not isinstance(copy, nodes.Element):
        return
    for ref in find_all(copy, (addnodes.pending_xref, nodes.reference)):
        if fromdoc != here and (
                "reflocalid" in ref  # MyST's [text](#anchor) to a heading of the page
                or isinstance(ref, nodes.reference) and (
                    "refid" in ref and "refuri" not in ref  # docutils' link to an anchor
                    or ref.get("refuri", "").startswith("#"))):  # MyST's id link
            anchor = (ref.get("reflocalid") or ref.get("refid")
                      or ref["refuri"][1:])
            children = [child.deepcopy() for child in ref.children] or [
                nodes.Text(ref.astext())]
            if isinstance(ref, addnodes.pending_xref) and len(children) == 1 and \
                    isinstance(children[0], nodes.Element):
                children = children[0].children[:] or children  # the inline inside
            try:
                uri = builder.get_relative_uri(here, fromdoc)
            except NoUri:
                ref.replace_self(children)
                continue
            link = nodes.reference("", "", *children, internal=True,
                                   refuri=f"{uri}#{anchor}")
            ref.replace_self(link)
            continue
        if isinstance(ref, addnodes.pending_xref):
            refdoc = ref.get("refdoc", fromdoc)
            if ref.get("reftype") == "doc" and ref.get("refdomain") == "std":
                target = ref["reftarget"]
                if not target.startswith("/"):
                    ref["reftarget"] = "/" + docname_join(refdoc, target)
            ref["refdoc"] = here
