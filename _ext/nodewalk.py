"""Fast, ordered searches of a doctree, shared by the project's extensions.

``Node.findall()`` nests one generator per level of the tree, so every node it yields
passes through all the generators above it, and it visits the inside of every paragraph.
A page's post-transforms each walk the page, so on a large site these walks add up.
The two functions here do the same job with one explicit stack, in document order:

``find_all(tree, classes)``
    Every node of *classes* (a class or a tuple of classes), ``tree`` included, as
    ``list(tree.findall(classes))`` would return them.
``find_blocks(tree, classes)``
    The same, without looking inside text elements (paragraphs, titles, terms, literal
    blocks...). Use it for block-level nodes, such as the placeholders a directive leaves:
    they can sit in sections, containers, lists or ``only`` blocks, never inside a
    paragraph. It skips most of the page.

Both return a list, so the caller may replace or remove what they found. Subclasses count,
as with ``isinstance``.
"""

from __future__ import annotations

from docutils import nodes

Classes = type | tuple[type, ...]


def find_all(tree: nodes.Node, classes: Classes) -> list:
    """Every node of *classes* in *tree* (itself included), in document order."""
    found = []
    append = found.append
    stack = [tree]
    pop, extend = stack.pop, stack.extend
    element = nodes.Element
    while stack:
        node = pop()
        if isinstance(node, classes):
            append(node)
        if isinstance(node, element) and node.children:
            extend(reversed(node.children))
    return found


def find_blocks(tree: nodes.Node, classes: Classes) -> list:
    """Nodes of *classes* in *tree* that are not inside a text element, in document order."""
    found = []
    append = found.append
    stack = [tree]
    pop, extend = stack.pop, stack.extend
    element, text_element = nodes.Element, nodes.TextElement
    while stack:
        node = pop()
        if isinstance(node, classes):
            append(node)
        if isinstance(node, element) and not isinstance(node, text_element) and node.children:
            extend(reversed(node.children))
    return found
