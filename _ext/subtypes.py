"""A base for an extension's warning subtypes: each member names one and describes it.

Used by the extensions' ``warnings`` modules (docmeta, searchrank). A member is
``NAME = ("subtype", "one-line description")``; it compares equal to the subtype
string (so ``suppress_warnings`` names and log records match it), and the
description is what the extension's README and the contributing guide list::

    class Subtype(DescribedSubtype):
        CONFIG = ("config", "a setting in conf.py has a malformed value")
"""

from __future__ import annotations

from enum import Enum


class DescribedSubtype(str, Enum):
    """One member per warning subtype; the value is the name used in ``suppress_warnings``."""

    description: str

    def __new__(cls, value: str, description: str) -> DescribedSubtype:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.description = description
        return obj
