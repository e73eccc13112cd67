"""Configuration values of ``docmeta`` and their validation (on ``config-inited``)."""

from __future__ import annotations

import re
from typing import Any

from .warnings import Subtype, warn

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# name -> (default, description). All are read while reading or rendering
# pages, so every change rebuilds the environment.
OPTIONS: dict[str, tuple[Any, str]] = {
    "docmeta_roles": ({}, "a dict mapping each role name to its display label"),
    "docmeta_types": (
        {"conceptual": "Conceptual", "task": "Task", "reference": "Reference"},
        "a dict mapping each doc-type name to its display label",
    ),
    "docmeta_aliases": ({}, "a dict mapping an alias to a configured role or doc-type name"),
    "docmeta_exempt": ([], "a list of glob patterns of document names"),
    "docmeta_audience_caption": ("Audience", "a non-empty string"),
    "docmeta_type_caption": ("Page type", "a non-empty string"),
    "docmeta_next_steps_headings": (["Next steps"], "a non-empty list of heading texts"),
    "docmeta_require_next_steps": (True, "True or False"),
    "docmeta_task_min_steps": (2, "an integer >= 0 (0 turns the check off)"),
    "docmeta_task_requires_next_steps": (True, "True or False"),
    "docmeta_conceptual_max_steps": (5, "an integer >= 0 (0 turns the check off)"),
    "docmeta_reference_min_ratio": (0.5, "a number from 0 to 1 (0 turns the check off)"),
}


def _is_vocab(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and _NAME.match(k) and isinstance(v, str) and v.strip()
        for k, v in value.items()
    )


def _is_str_list(value: Any, non_empty: bool = False) -> bool:
    ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value)
    return ok and (bool(value) or not non_empty)


def _check(name: str, value: Any) -> bool:
    if name in ("docmeta_roles", "docmeta_types"):
        return _is_vocab(value)
    if name == "docmeta_aliases":
        return isinstance(value, dict) and all(
            isinstance(k, str) and _NAME.match(k) and isinstance(v, str) for k, v in value.items()
        )
    if name == "docmeta_exempt":
        return _is_str_list(value)
    if name == "docmeta_next_steps_headings":
        return _is_str_list(value, non_empty=True)
    if name in ("docmeta_audience_caption", "docmeta_type_caption"):
        return isinstance(value, str) and bool(value.strip())
    if name in ("docmeta_require_next_steps", "docmeta_task_requires_next_steps"):
        return isinstance(value, bool)
    if name in ("docmeta_task_min_steps", "docmeta_conceptual_max_steps"):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if name == "docmeta_reference_min_ratio":
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        )
    return True


def validate_config(app, config) -> None:
    """Replace malformed values by their default, with a ``docmeta.config`` warning."""
    for name, (default, allowed) in OPTIONS.items():
        value = config[name]
        if not _check(name, value):
            warn(
                f"invalid value {value!r} for {name}: expected {allowed}; "
                f"using the default {default!r}",
                Subtype.CONFIG,
            )
            config[name] = default
    roles, types = config.docmeta_roles, config.docmeta_types
    for name in sorted(set(roles) & set(types)):
        warn(
            f"invalid value for docmeta_types: {name!r} is also a role in docmeta_roles; "
            "role and doc-type names must differ",
            Subtype.CONFIG,
        )
    aliases = {}
    known = ", ".join(sorted({*roles, *types})) or "none configured"
    for alias, target in config.docmeta_aliases.items():
        if alias in roles or alias in types:
            warn(
                f"invalid alias {alias!r} in docmeta_aliases: it is already a role or doc "
                "type; the alias is ignored",
                Subtype.CONFIG,
            )
        elif target not in roles and target not in types:
            warn(
                f"invalid alias {alias!r} -> {target!r} in docmeta_aliases: the target must "
                f"be a configured role or doc type ({known}); the alias is ignored",
                Subtype.CONFIG,
            )
        else:
            aliases[alias] = target
    if aliases != config.docmeta_aliases:
        config.docmeta_aliases = aliases


def resolve(config, kind: str, value: str) -> str | None:
    """Return the canonical name of *value* for *kind* ('audience' or 'doc-type')."""
    vocab = config.docmeta_roles if kind == "audience" else config.docmeta_types
    value = value.strip()
    if value in vocab:
        return value
    target = config.docmeta_aliases.get(value)
    if target in vocab:
        return target
    return None


def vocabulary(config, kind: str) -> dict[str, str]:
    return config.docmeta_roles if kind == "audience" else config.docmeta_types


def label_name(kind: str, value: str) -> str:
    """The label of the index page for a role (``audience-admin``) or type (``doc-type-task``)."""
    return f"{kind}-{value}"


def setup_config(app) -> None:
    for name, (default, _allowed) in OPTIONS.items():
        types: tuple[type, ...] = (type(default),)
        if isinstance(default, list):
            types = (list, tuple)
        elif isinstance(default, float):
            types = (int, float)
        app.add_config_value(name, default, "env", types=types, description=_allowed)
    app.connect("config-inited", validate_config, priority=400)
