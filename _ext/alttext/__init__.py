"""Alt-text enforcer: every image a reader can meet has meaningful alternative text.

Checks Markdown and reST images, figures, sphinx-design card images, raw HTML
``<img>`` tags and diagrams (Mermaid, Graphviz, PlantUML) while each page is
read; reports problems with file, line and a typed warning
(``[alttext.<subtype>]``, see :mod:`alttext.warnings`); gives images marked
decorative ``alt=""``; carries Mermaid alt text into the HTML; prints one
summary line at the end of the build. Configured in ``conf.py``:

``alttext_severity``            ``'warning'`` (default) or ``'error'`` (the build fails)
``alttext_max_length``          longest acceptable alt text (150)
``alttext_diagram_max_length``  longest acceptable diagram alt text (300)
``alttext_placeholders``        alt texts that say nothing (``image``, ``screenshot`` ...)
``alttext_redundant_prefixes``  openings to avoid (``image of`` ...)
``alttext_decorative_classes``  classes that mark a decorative image (``decorative``)
``alttext_diagram_nodes``       node names treated as diagrams (``mermaid`` ...)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from . import rules
from .checks import LateImageCheck, check_read_doctree, reset_late, summarise
from .diagrams import install_mermaid_names
from .domain import AltTextDomain
from .warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "1.0"
logger = logging.getLogger(__name__)


def _validate_config(app: Sphinx, config: Config) -> None:
    for problem in rules.Settings.from_config(config)[1]:
        logger.warning(problem, type=WARNING_TYPE, subtype=Subtype.CONFIG.value, once=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "alttext_severity", "warning", "env", types=frozenset({str}),
        description="'warning' or 'error'; in error mode any problem fails the build",
    )
    app.add_config_value(
        "alttext_max_length", rules.DEFAULT_MAX_LENGTH, "env", types=frozenset({int}),
        description="longest acceptable alt text, in characters",
    )
    app.add_config_value(
        "alttext_diagram_max_length", rules.DEFAULT_DIAGRAM_MAX_LENGTH, "env",
        types=frozenset({int}), description="longest acceptable diagram alt text",
    )
    app.add_config_value(
        "alttext_placeholders", list(rules.DEFAULT_PLACEHOLDERS), "env",
        types=frozenset({list, tuple}), description="alt texts that say nothing",
    )
    app.add_config_value(
        "alttext_redundant_prefixes", list(rules.DEFAULT_PREFIXES), "env",
        types=frozenset({list, tuple}), description="alt text openings such as 'image of'",
    )
    app.add_config_value(
        "alttext_decorative_classes", list(rules.DEFAULT_DECORATIVE_CLASSES), "env",
        types=frozenset({list, tuple}), description="classes that mark a decorative image",
    )
    app.add_config_value(
        "alttext_diagram_nodes", list(rules.DEFAULT_DIAGRAM_NODES), "env",
        types=frozenset({list, tuple}), description="doctree node names treated as diagrams",
    )
    app.add_domain(AltTextDomain)
    app.add_post_transform(LateImageCheck)
    app.connect("config-inited", _validate_config, priority=400)
    app.connect("builder-inited", reset_late)
    app.connect("builder-inited", install_mermaid_names)
    app.connect("doctree-read", check_read_doctree)
    app.connect("build-finished", summarise)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
