"""Knowledge base: ``{kb-article}`` metadata, ``{kb-index}`` and the ``kb`` domain.

See ``source/community/contributing.md`` for the authoring side and the design notes in the
project's extension style guide. Only ``setup()`` lives here.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .config import add_config_values, validate_config
from .directives import KBArticle, KBIndex
from .domain import KBDomain
from .nodes import kb_index, kb_meta, kb_notice, kb_related, unwrap_meta
from .transforms import KBIndexTitles, KBRender, add_css, check_consistency, copy_css, env_get_updated

__version__ = "1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    add_config_values(app)
    app.connect("config-inited", validate_config, priority=400)
    for node in (kb_index, kb_related, kb_notice, kb_meta):
        app.add_node(node)  # placeholders: always replaced by KBRender
    app.add_domain(KBDomain)
    app.add_directive("kb-article", KBArticle)
    app.add_directive("kb-index", KBIndex)
    app.add_transform(KBIndexTitles)
    app.add_post_transform(KBRender)
    app.connect("doctree-read", unwrap_meta)
    app.connect("env-get-updated", env_get_updated)
    app.connect("env-check-consistency", check_consistency)
    app.connect("builder-inited", copy_css)
    app.connect("html-page-context", add_css)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
