"""The navigation tree of one build, resolved once for no page in particular.

Owns the page-independent half of fastnav: the arguments Furo passes to the ``toctree``
helper, the stand-in builder that turns every link into a placeholder token, the global
toctree resolved with it (the "neutral" tree, no entry current), the same tree with every
entry current, and the documents whose place in the tree depends on the page being
written (``tocdepth`` or ``only`` in their table of contents).
"""

from __future__ import annotations

import logging as _logging
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging

#: The arguments Furo passes to the ``toctree`` helper for the sidebar.
FURO_ARGS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: A docname no page can have: the tree resolved for it marks nothing as current.
NEUTRAL = "\x00fastnav-neutral"
TOKEN_RE = re.compile(r"fastnav-9f1c-(\d+)-")
# Link targets that Sphinx's and BeautifulSoup's attribute escaping leave unchanged.
SAFE_URI = re.compile(r"""[^&<>"'@\t\n\r\f\v]*\Z""")
PIECES_RE = re.compile(r"(<[^>]*>)")
TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
CLASS_ATTR_RE = re.compile(r'class="([^"]*)"')
VOID_TAGS = frozenset({"input", "br", "img", "hr", "meta", "link", "wbr", "source"})
FOLDER_CACHE_SIZE = 16


def token(index: int) -> str:
    return f"fastnav-9f1c-{index}-"


class _TokenBuilder:
    """Stands in for the builder while the neutral tree is resolved.

    Every relative link becomes a placeholder token naming its target; everything else
    is the real builder's.
    """

    def __init__(self, real: Builder) -> None:
        self._real = real
        self.targets: list[str] = []
        self._index: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        index = self._index.get(to)
        if index is None:
            index = self._index[to] = len(self.targets)
            self.targets.append(to)
        return token(index)


def neutral_tree(app: Sphinx) -> tuple[nodes.Element | None, list[str], bool]:
    """The global toctree as Furo asks for it, resolved for no page in particular.

    Returns the tree (links are tokens), the token targets, and whether Sphinx logged a
    warning while resolving it (then the stock path must run so the warnings repeat as
    they do without this extension).
    """
    builder = app.builder
    proxy = _TokenBuilder(builder)
    with logging.suppress_logging() as memory:
        tree = global_toctree_for_doc(
            app.env, NEUTRAL, proxy, tags=builder.tags, **FURO_ARGS  # type: ignore[arg-type]
        )
    warned = any(record.levelno >= _logging.WARNING for record in memory.buffer)
    return tree, proxy.targets, warned


def sensitive_docs(env: BuildEnvironment) -> set[str]:
    """Documents whose place in the tree changes with the page being written.

    Sphinx copies the table of contents of a page's toctree ancestors in full, and
    the others through a filter that applies ``tocdepth`` and ``only`` tags. The two
    copies differ only for documents with a ``tocdepth`` or an ``only`` node.
    """
    from sphinx import addnodes

    sensitive = set()
    for docname, toc in env.tocs.items():
        if "tocdepth" in env.metadata.get(docname, {}):
            sensitive.add(docname)
        elif any(True for _ in toc.findall(addnodes.only)):
            sensitive.add(docname)
    return sensitive


def mark_all_current(tree: nodes.Element) -> None:
    """Give every internal entry and all its ancestors the ``current`` class.

    This is what Sphinx does for the entries of the page being written; doing it for
    all entries at once gives the "current" variant of every tag.
    """
    for reference in list(tree.findall(nodes.reference)):
        if reference.get("anchorname") or not TOKEN_RE.fullmatch(
            reference.get("refuri", "")
        ):
            continue
        node: nodes.Element | None = reference
        while node is not None:
            if "current" not in node["classes"]:
                node["classes"].append("current")
            node = node.parent  # type: ignore[assignment]
