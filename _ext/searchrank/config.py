"""Configuration values of ``searchrank`` and their validation (on ``config-inited``)."""

from __future__ import annotations

from typing import Any

from .warnings import Subtype, warn

# name -> (default, rebuild, description). The values only shape the search index and the
# results page, both written at the end of every HTML build, so none needs a re-read.
OPTIONS: dict[str, tuple[Any, str, str]] = {
    "searchrank_enabled": (True, "html", "True or False"),
    "searchrank_synonyms": (
        "", "html",
        "a path to a YAML file of reader words -> page words, relative to the source folder "
        "('' = none)",
    ),
    "searchrank_hub_pages": (
        [], "html",
        "a list of glob patterns of document names that list other pages (ranked lower); "
        "pages with a role, type, glossary or knowledge-base index are found on their own",
    ),
    "searchrank_filters": (True, "html", "True or False: audience and page-type filters"),
}


def add_config_values(app) -> None:
    for name, (default, rebuild, description) in OPTIONS.items():
        app.add_config_value(name, default, rebuild, description=description)


def _valid(name: str, value: Any) -> bool:
    default = OPTIONS[name][0]
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def validate_config(app, config) -> None:
    for name, (default, _rebuild, description) in OPTIONS.items():
        value = config[name]
        if not _valid(name, value):
            warn(Subtype.CONFIG, "%s = %r is not valid; expected %s", name, value, description,
                 once=True)
            config[name] = default
