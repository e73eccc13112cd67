"""Furo's full sidebar navigation, computed once per build instead of once per page.

Stock Furo renders the whole site's navigation tree for every page: Sphinx resolves the
global toctree for the page, renders it to HTML, and Furo re-parses that HTML with
BeautifulSoup to add the expand/collapse checkboxes. Each page costs time proportional to
the size of the site, so a build costs pages x pages.

Only three things in that HTML depend on the page:

1. the relative links (they depend on the folder of the page's output file; the link to
   the page itself is ``#``);
2. which entries carry the ``current`` class: the page's own entries and all their
   ancestors (``<a>``, ``<li>``, ``<ul>``), and so which checkboxes are ``checked``;
3. which ``<li>`` gets Furo's ``current-page`` class (the last current one).

This extension renders the tree once per build with placeholder links, through the very
code paths stock Sphinx and Furo use, in two variants: no entry current, and every entry
current. Each page's HTML is then assembled from those two variants by swapping in the
"current" tags of the page's own entries and their ancestors, and by filling in the
links (computed once per output folder). The result is byte for byte what stock Furo
produces, and the extension checks that on one page per build before it serves any.

Anything the fast path cannot reproduce exactly goes the stock way: builders other than
``html`` and ``dirhtml`` (``singlehtml``), themes other than Furo, ``toctree`` helpers
replaced by another extension (the 404 page), pages whose toctree ancestors have a
``tocdepth`` or ``only`` directive in their table of contents, link targets with
characters that need escaping, and builds whose toctrees produce warnings.

Configuration (``conf.py``):

``fastnav_enabled`` (default ``True``)
    ``False`` leaves every page to stock Furo.
``fastnav_verify`` (default ``True``)
    Compare the fast result with the stock one on one page per build (the page with the
    deepest navigation branch) and use the stock path for the whole build if they differ.

Parallel builds (``-j``): the template is built in the main process while it writes the
first page, before Sphinx forks its writer processes, which inherit it; each process keeps
its own small cache of links per output folder. Nothing is shared between processes, so
the extension is parallel read and write safe.

Incremental builds: when the navigation tree changes, every sidebar must show the new
tree (stock Sphinx rewrites only the changed pages and their parents and leaves the other
sidebars stale). When pages are added, removed or renamed, every page is written again.
When only titles or the order of entries changed (a page retitled, a toctree reordered),
the pages that show the change elsewhere than in the sidebar (links to the pages read
again, changed previous/next neighbours) are written again, and every other page gets the
new navigation swapped into its HTML file in place of the previous build's; the files are
byte for byte those of a fresh build.

Modules: ``tree`` (the neutral tree and its tokens), ``template`` (one page's navigation
from the template), ``state`` (when the fast path applies, serving pages, Sphinx events),
``patch`` (what a build remembers of its navigation, and the sidebar swap of incremental
builds). This module registers the settings and the event handlers.
"""

from __future__ import annotations

import weakref
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .state import FastNav

__version__ = "1.0"

logger = logging.getLogger(__name__)

#: The state of each Sphinx application that loaded the extension (for tests).
STATES: weakref.WeakKeyDictionary[Sphinx, FastNav] = weakref.WeakKeyDictionary()


def _check_config(app: Sphinx, config: Any) -> None:
    for name in ("fastnav_enabled", "fastnav_verify"):
        value = getattr(config, name, True)
        if not isinstance(value, bool):
            logger.warning("%s must be True or False, not %r; using True", name, value,
                           type="fastnav", subtype="config", once=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("fastnav_enabled", True, "", types=frozenset({bool}))
    app.add_config_value("fastnav_verify", True, "", types=frozenset({bool}))
    app.connect("config-inited", _check_config, priority=400)
    state = STATES[app] = FastNav(app)
    app.connect("builder-inited", state.builder_inited)
    app.connect("env-before-read-docs", state.before_read)
    app.connect("env-get-updated", state.env_get_updated)
    app.connect("write-started", state.reset)
    app.connect("build-finished", state.build_finished)
    # Furo's own handler runs at the default priority, 500.
    app.connect("html-page-context", state.before_furo, priority=499)
    app.connect("html-page-context", state.after_furo, priority=501)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
