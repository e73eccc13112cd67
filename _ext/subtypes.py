"""Bases for an extension's warning subtypes: each member names one and describes it.

The extensions' ``warnings`` modules build on these, so every subtype has a
description that the extension's README and the contributing guide can list.

``DescribedSubtype`` (docmeta, searchrank): a member is
``NAME = ("subtype", "one-line description")`` and compares equal to the subtype
string, so ``suppress_warnings`` names and log records match it::

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


class NamedSubtype(str, Enum):
    """The other spelling (kb, refgen): the member's name is the subtype, its value the
    description::

        class KBWarning(NamedSubtype):
            stale = "the article was reviewed too long ago"
    """

    @property
    def description(self) -> str:
        return self.value
