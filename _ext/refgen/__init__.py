"""Generated reference: configuration keys and scaffolder actions of the pinned release.

Facts come from a committed JSON file written by ``make refdata`` (``tools/refdata``); the
meaning of keys and actions comes from two YAML files of our own. ``{config-reference}`` and
``{action-reference}`` render them; ``{config}`` and ``{action}`` link to the entries.
See ``_ext/refgen/README.md``. Only ``setup()`` and the consistency pass live here.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .data import descriptions_paths, env_facts, load_descriptions
from .directives import ActionReference, ConfigReference
from .domain import RefgenDomain, RefgenRole
from .warnings import RefgenWarning, warn

__version__ = "1.0"


def check_consistency(app: Sphinx, env) -> None:
    """Stale descriptions (located in the data file) and top-level keys no page renders."""
    domain = env.domains["refgen"]
    rendered = {g for groups in domain.data["groups"].values() for g in groups}
    uses_config = bool(domain.data["groups"])
    uses_actions = bool(domain.data["actions_pages"])
    if not (uses_config or uses_actions):
        return
    facts = env_facts(env)
    if facts is None:
        return
    config_path, action_path = descriptions_paths(env)
    for path, known, kind, used in ((config_path, facts.config, "configuration key", uses_config),
                                    (action_path, facts.actions, "scaffolder action", uses_actions)):
        descriptions = load_descriptions(path)
        if not used:
            continue
        if descriptions is None:
            if path.exists():
                warn(RefgenWarning.data, "cannot parse %r as a YAML mapping", str(path))
            continue
        for name, line in sorted(descriptions.lines.items(), key=lambda item: item[1]):
            if name not in known:
                warn(RefgenWarning.stale_description, "description of %s %r: the release has no "
                     "such %s; rename or remove the entry", kind, name, kind,
                     location=f"{path}:{line}")
    if uses_config:
        for group in facts.groups():
            if group not in rendered:
                warn(RefgenWarning.unrendered_group, "top-level key %r has facts but no "
                     "{config-reference} renders it; add it to a page", group)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("refgen_facts", "_data/refdata.json", "env", types=frozenset({str}),
                         description="facts file (relative to the source folder)")
    app.add_config_value("refgen_config_descriptions", "_data/config-descriptions.yaml", "env",
                         types=frozenset({str}), description="our descriptions of config keys")
    app.add_config_value("refgen_action_descriptions", "_data/action-descriptions.yaml", "env",
                         types=frozenset({str}), description="our descriptions of actions")
    app.add_domain(RefgenDomain)
    # Short role names for authors: {config}`app.baseUrl`, {action}`fetch:template`.
    app.add_role("config", RefgenRole("config"))
    app.add_role("action", RefgenRole("action"))
    app.add_directive("config-reference", ConfigReference)
    app.add_directive("action-reference", ActionReference)
    app.connect("env-check-consistency", check_consistency)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
