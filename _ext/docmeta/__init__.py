"""Audience and doc-type page metadata with generated role and type indexes.

See ``README.md`` in this folder for the directives, the options and the warning subtypes.
"""

from __future__ import annotations

from .config import setup_config
from .directives import setup_directives
from .domain import DocmetaDomain, check_consistency
from .nodes import setup_nodes
from .render import DocmetaPostTransform, env_get_updated

__version__ = "1.0"


def _add_css(app) -> None:
    if app.builder.format == "html" and app.config.docmeta_css:
        app.add_css_file(app.config.docmeta_css)


def setup(app):
    setup_config(app)
    app.add_config_value("docmeta_css", "css/docmeta.css", "html", types=(str,),
                         description="CSS file (under html_static_path) for badges and callouts")
    setup_nodes(app)
    setup_directives(app)
    app.add_domain(DocmetaDomain)
    app.add_post_transform(DocmetaPostTransform)
    app.connect("env-get-updated", env_get_updated)
    app.connect("env-check-consistency", check_consistency)
    app.connect("builder-inited", _add_css)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
