"""Warning subtypes of the ``searchrank`` extension.

Every problem is logged as ``path: WARNING: message [searchrank.<subtype>]`` and can be
silenced with ``suppress_warnings = ['searchrank.<subtype>']`` (or ``'searchrank.*'``).
"""

from __future__ import annotations

from sphinx.util import logging

from subtypes import DescribedSubtype

logger = logging.getLogger("searchrank")

TYPE = "searchrank"


class Subtype(DescribedSubtype):
    """One member per warning subtype; the value is the name used in ``suppress_warnings``."""

    CONFIG = ("config", "a searchrank_* option in conf.py has a malformed value; the default is used")
    SYNONYMS = ("synonyms", "the synonym file is missing, is not valid YAML, or has a malformed entry")


def warn(subtype: Subtype, message: str, *args, location=None, once: bool = False) -> None:
    logger.warning(message, *args, location=location, type=TYPE, subtype=subtype.value, once=once)
