"""Warning subtypes of the ``searchrank`` extension.

Every problem is logged as ``path: WARNING: message [searchrank.<subtype>]`` and can be
silenced with ``suppress_warnings = ['searchrank.<subtype>']`` (or ``'searchrank.*'``).
"""

from __future__ import annotations

from enum import Enum

from sphinx.util import logging

logger = logging.getLogger("searchrank")

TYPE = "searchrank"


class Subtype(str, Enum):
    """One member per warning subtype; the value is the name used in ``suppress_warnings``."""

    description: str

    def __new__(cls, value: str, description: str) -> "Subtype":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.description = description
        return obj

    CONFIG = ("config", "a searchrank_* option in conf.py has a malformed value; the default is used")
    SYNONYMS = ("synonyms", "the synonym file is missing, is not valid YAML, or has a malformed entry")


def warn(subtype: Subtype, message: str, *args, location=None, once: bool = False) -> None:
    logger.warning(message, *args, location=location, type=TYPE, subtype=subtype.value, once=once)
