"""Small text helpers."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
# A sentence ends at . ! or ? followed by white space and a capital letter, digit or quote.
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")


def first_sentence(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return ""
    return _END.split(text, maxsplit=1)[0]
