"""Print diagrams as their text description where they cannot be drawn.

Mermaid diagrams are drawn in the reader's browser for HTML output. Other
formats need the diagram rendered to an image at build time, which takes
the Mermaid command-line tool (``mmdc``) and a headless browser. Where that
tool is not installed, this extension replaces each diagram with its
alternative text (and keeps its caption), so LaTeX, PDF and Texinfo builds
still succeed and still tell the reader what the diagram shows.

Configuration:

``diagramtext_formats`` (default ``["latex", "texinfo"]``)
    Output formats in which diagrams are replaced.
``diagramtext_when`` (default ``"no-renderer"``)
    ``"no-renderer"``: replace only when ``mermaid_cmd`` cannot be run;
    ``"always"``: always replace; ``"never"``: keep the diagrams.
``diagramtext_label`` (default ``"Diagram"``)
    The label printed before the description.

A diagram with neither alternative text nor caption is replaced by the label
alone and reported as ``diagramtext.no_text``; the alt-text checks report it
for HTML too.
"""

from __future__ import annotations

import shutil
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

__version__ = "1.0.0"

logger = logging.getLogger(__name__)
WHEN = ("no-renderer", "always", "never")


def _renderer_available(config: Config) -> bool:
    command = getattr(config, "mermaid_cmd", "mmdc") or "mmdc"
    if isinstance(command, (list, tuple)):
        command = command[0] if command else "mmdc"
    return shutil.which(str(command).split()[0]) is not None


def _valid_formats(formats: object) -> bool:
    return isinstance(formats, (list, tuple)) and all(isinstance(f, str) for f in formats)


class DiagramToText(SphinxPostTransform):
    """Replace ``mermaid`` nodes with a paragraph holding their description."""

    default_priority = 5

    def is_supported(self) -> bool:
        config = self.config
        formats = config.diagramtext_formats
        if not _valid_formats(formats):
            formats = ("latex", "texinfo")
        if self.env._builder_cls.format not in formats:
            return False
        when = config.diagramtext_when if config.diagramtext_when in WHEN else "no-renderer"
        if when == "never":
            return False
        return when == "always" or not _renderer_available(config)

    def run(self, **kwargs: Any) -> None:
        label = self.config.diagramtext_label
        for node in list(self.document.findall(lambda n: n.tagname == "mermaid")):
            alt = str(node.get("alt", "")).strip()
            para = nodes.paragraph(classes=["diagram-text"])
            para.source, para.line = node.source, node.line
            para += nodes.strong(label, label)
            if alt:
                para += nodes.Text(": " + alt)
            elif not isinstance(node.parent, nodes.figure):
                logger.warning("diagram has no alternative text or caption to print in place "
                               "of the drawing; add :alt:", location=node,
                               type="diagramtext", subtype="no_text")
            node.replace_self(para)


def _check_config(app: Sphinx, config: Config) -> None:
    if config.diagramtext_when not in WHEN:
        logger.warning("diagramtext_when must be one of %s, not %r; using 'no-renderer'",
                       ", ".join(map(repr, WHEN)), config.diagramtext_when,
                       type="diagramtext", subtype="config", once=True)
    if not _valid_formats(config.diagramtext_formats):
        logger.warning("diagramtext_formats must be a list of output format names, not %r; "
                       "using ['latex', 'texinfo']", config.diagramtext_formats,
                       type="diagramtext", subtype="config", once=True)
    if not isinstance(config.diagramtext_label, str):
        logger.warning("diagramtext_label must be text (a string), not %r; using 'Diagram'",
                       config.diagramtext_label, type="diagramtext", subtype="config",
                       once=True)
        config.diagramtext_label = "Diagram"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("diagramtext_formats", ["latex", "texinfo"], "",
                         types=frozenset({list, tuple}),
                         description="Output formats in which diagrams become text.")
    app.add_config_value("diagramtext_when", "no-renderer", "", types=frozenset({str}),
                         description="'no-renderer', 'always' or 'never'.")
    app.add_config_value("diagramtext_label", "Diagram", "", types=frozenset({str}),
                         description="Label printed before a diagram's description.")
    app.add_post_transform(DiagramToText)
    app.connect("config-inited", _check_config, priority=400)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
