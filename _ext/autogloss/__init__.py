"""autogloss: define terms on any page, list them all on one glossary page.

- ``{define} Term`` (options ``:aliases:`` and ``:see-also:``) renders a
  definition box and registers the term and its aliases with Sphinx's
  standard domain, so ``{term}``, the general index and ``objects.inv`` work.
- ``{glossary-index}`` renders every term A to Z with a letter bar.
- In HTML, a term link shows the definition's first sentence on hover and on
  keyboard focus, and exposes it to screen readers (``aria-describedby``).

Warnings are typed ``autogloss.<subtype>``; the subtypes and what they mean
are listed in ``autogloss.warnings.AutoglossWarning``. Settings: ``config.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

from .config import setup_config
from .directives import DefineDirective, GlossaryIndexDirective
from .domain import AutoglossDomain, check_consistency, env_get_updated, store_bodies
from .nodes import PASSTHROUGH, autogloss_index, autogloss_termref, depart_termref_html, visit_termref_html
from .transforms import AddHoverText, ExpandGlossaryIndex, MarkTermRefs

__version__ = "1.0"
STATIC = Path(__file__).parent / "static"
ASSETS = ("autogloss.css", "autogloss.js")


def add_static_assets(app: Sphinx) -> None:
    """HTML builders only: copy the stylesheet and script, and link them."""
    if app.builder.format != "html":
        return
    dest = Path(app.builder.outdir) / "_static" / "autogloss"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        copy_asset_file(STATIC / name, dest, force=True)
    app.add_css_file("autogloss/autogloss.css")
    app.add_js_file("autogloss/autogloss.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    app.add_domain(AutoglossDomain)
    app.add_node(autogloss_index)
    app.add_node(
        autogloss_termref,
        html=(visit_termref_html, depart_termref_html),
        latex=PASSTHROUGH,
        text=PASSTHROUGH,
        man=PASSTHROUGH,
        texinfo=PASSTHROUGH,
    )
    app.add_directive("define", DefineDirective)
    app.add_directive("glossary-index", GlossaryIndexDirective)
    app.add_post_transform(ExpandGlossaryIndex)
    app.add_post_transform(MarkTermRefs)
    app.add_post_transform(AddHoverText)
    # After the environment collectors (priority 500) and alttext's check.
    app.connect("doctree-read", store_bodies, priority=900)
    app.connect("env-get-updated", env_get_updated)
    app.connect("env-check-consistency", check_consistency)
    app.connect("builder-inited", add_static_assets)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
