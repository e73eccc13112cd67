"""Warning subtypes of the ``docmeta`` extension.

Every problem is logged as ``path:line: WARNING: message [docmeta.<subtype>]`` and can be
silenced with ``suppress_warnings = ['docmeta.<subtype>']`` (or ``'docmeta.*'``).
"""

from __future__ import annotations

from sphinx.util import logging

from subtypes import DescribedSubtype

logger = logging.getLogger("docmeta")

TYPE = "docmeta"


class Subtype(DescribedSubtype):
    """One member per warning subtype; the value is the name used in ``suppress_warnings``."""

    CONFIG = ("config", "a docmeta_* option in conf.py has a malformed value; the default is used")
    MISSING = ("missing", "a page declares no audience or no doc type")
    UNKNOWN = ("unknown", "a role or doc type that is not in the configured vocabulary")
    DUPLICATE = ("duplicate", "a page-level directive appears twice on one page")
    POSITION = ("position", "a page-level directive is not directly under the page title")
    EMPTY = ("empty", "a directive has no value")
    NO_INDEX_PAGE = ("no_index_page", "a role or type is in use but no page carries its index label")
    TASK_PROCEDURE = ("task_procedure", "a task page has no numbered procedure")
    TASK_NEXT_STEPS = ("task_next_steps", "a task page has no 'Next steps' section")
    CONCEPTUAL_PROCEDURE = (
        "conceptual_procedure",
        "a conceptual page has a numbered procedure longer than allowed",
    )
    REFERENCE_RATIO = (
        "reference_ratio",
        "a reference page is mostly prose rather than tables, lists and code",
    )
    NEXT_STEPS = ("next_steps", "a page does not end with a 'Next steps' section")


def warn(msg: str, subtype: Subtype, location=None, **kwargs) -> None:
    logger.warning(msg, location=location, type=TYPE, subtype=subtype.value, **kwargs)
