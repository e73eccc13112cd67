"""Give Mermaid diagrams an accessible name in HTML.

sphinxcontrib-mermaid keeps ``:alt:`` on its node, but its default client-side
output (``<pre class="mermaid">``, replaced by an SVG in the browser) drops it.
We wrap its HTML visitor and add ``role="img"`` and ``aria-label`` (the alt
text, else the caption) to that ``<pre>``. The fullscreen button the Mermaid
script adds is a sibling of the ``<pre>``, so it stays focusable. Build-time
PNG/SVG output already uses the alt text and is left alone.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes

from .checks import diagram_caption

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def accessible_name(node: nodes.Element) -> str:
    return " ".join(((node.get("alt") or "").strip() or diagram_caption(node)).split())


def _wrap(original):
    def visit_mermaid(self, node: nodes.Element) -> None:
        start = len(self.body)
        try:
            original(self, node)
        finally:
            name = accessible_name(node)
            if name and self.config.mermaid_output_format == "raw":
                for index in range(start, len(self.body)):
                    chunk = self.body[index]
                    if chunk.lstrip().startswith("<pre ") and 'class="mermaid' in chunk:
                        label = html.escape(name, quote=True)
                        self.body[index] = chunk.replace(
                            "<pre ", f'<pre role="img" aria-label="{label}" ', 1
                        )
                        break

    visit_mermaid.alttext_wrapped = True
    return visit_mermaid


def install_mermaid_names(app: Sphinx) -> None:
    """``builder-inited``: wrap the Mermaid HTML visitor when that extension is loaded."""
    if "sphinxcontrib.mermaid" not in app.extensions or app.builder.format != "html":
        return
    from sphinxcontrib import mermaid as mm  # only when the project uses it

    visit, depart = app.registry.translation_handlers.get("html", {}).get(
        "mermaid", (mm.html_visit_mermaid, None)
    )
    if getattr(visit, "alttext_wrapped", False):
        return
    app.add_node(mm.mermaid, override=True, html=(_wrap(visit), depart))
