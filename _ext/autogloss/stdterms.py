"""The one place autogloss touches Sphinx's standard domain.

``sphinx.domains.std.make_glossary_term`` is what Sphinx's own ``glossary``
directive uses; it is public by name but undocumented, so every call goes
through here and ``tests/test_autogloss.py`` covers what it must do: ``{term}``
resolves, case-insensitively; the general index and ``objects.inv`` list the
term.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.domains.std import make_glossary_term
from sphinx.environment import BuildEnvironment


def register_term(
    env: BuildEnvironment, document: nodes.document, name: str, source: str, line: int
) -> nodes.term:
    """Return a ``term`` node with an anchor, registered as a ``std:term``.

    The standard domain warns (without a type, and only about documents read
    in the same process) when a term is noted twice. autogloss reports
    duplicates itself after the parallel merge, so the earlier registration
    is dropped first to keep that second warning out of serial builds.
    """
    env.domains.standard_domain.objects.pop(("term", name), None)
    return make_glossary_term(env, [nodes.Text(name)], None, source, line, None, document)


def std_term_names(env: BuildEnvironment) -> set[str]:
    """Lower-cased names of every ``std:term`` (ours and Sphinx glossaries')."""
    objects = env.domains.standard_domain.objects
    return {name.lower() for (objtype, name) in objects if objtype == "term"}
