"""Warning subtypes of the reference generator (``type='refgen'``)."""

from __future__ import annotations

from sphinx.util import logging

from subtypes import NamedSubtype

logger = logging.getLogger("refgen")


class RefgenWarning(NamedSubtype):
    """Every problem ``refgen`` reports, as ``[refgen.<subtype>]``.

    Silence one with ``suppress_warnings = ['refgen.<subtype>']``.
    """

    data = "a data file is missing or cannot be read"
    unknown_config = "a {config} link names a key the release's configuration schemas lack"
    ambiguous_config = "a {config} link with a placeholder matches several keys equally well"
    unknown_action = "an {action} link names an action id the release does not register"
    stale_description = "a description in a data file names a key or action the release no longer has"
    unknown_group = "a {config-reference} argument names a top-level key without facts"
    unrendered_group = "a top-level key with facts that no {config-reference} directive renders"
    duplicate = "a key or action rendered on two pages"


def warn(subtype: RefgenWarning, msg: str, *args, location=None, once: bool = False) -> None:
    """Emit one located, typed warning."""
    logger.warning(msg, *args, location=location, type="refgen", subtype=subtype.name, once=once)
