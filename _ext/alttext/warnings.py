"""The alt-text problems the extension reports, one warning subtype each.

Every problem is logged as ``path:line: WARNING: message [alttext.<subtype>]`` (or
``ERROR`` when ``alttext_severity = 'error'``) and can be silenced with
``suppress_warnings = ['alttext.<subtype>']``.
"""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "alttext"


class Subtype(str, Enum):
    """Warning subtypes, with the one-line description the contributing guide lists."""

    MISSING = "missing"
    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    FILENAME = "filename"
    REDUNDANT_PREFIX = "redundant_prefix"
    TOO_LONG = "too_long"
    DUPLICATE = "duplicate"
    RAW_HTML = "raw_html"
    DIAGRAM = "diagram"
    DECORATIVE = "decorative"
    CONFIG = "config"

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]


DESCRIPTIONS = {
    Subtype.MISSING: "an image has no alt text at all",
    Subtype.EMPTY: "an image has empty alt text but is not marked decorative",
    Subtype.PLACEHOLDER: "the alt text is a placeholder word such as 'image' or 'screenshot'",
    Subtype.FILENAME: "the alt text is the image's file name or a URL",
    Subtype.REDUNDANT_PREFIX: "the alt text starts with 'image of', 'picture of' and the like",
    Subtype.TOO_LONG: "the alt text is longer than alttext_max_length characters",
    Subtype.DUPLICATE: "two different images on one page have the same alt text",
    Subtype.RAW_HTML: "a raw HTML <img> has no alt attribute, or an empty one",
    Subtype.DIAGRAM: "a diagram has neither alt text nor a caption",
    Subtype.DECORATIVE: "an image marked decorative also has alt text",
    Subtype.CONFIG: "an alttext_* setting in conf.py has a bad value",
}
