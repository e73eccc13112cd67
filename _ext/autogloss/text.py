"""Plain-text helpers: option lists, first sentences, sort keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from docutils import nodes

from reuse import prose_text

# A sentence ends at . ! or ? followed by a space and a capital, digit or
# opening mark, so "e.g. the" and "Node.js" do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[`])")
_SPACE = re.compile(r"\s+")


def split_names(value: str | None) -> list[str]:
    """``"a, b ,c"`` -> ``["a", "b", "c"]``, empty items and repeats dropped."""
    names: list[str] = []
    for raw in (value or "").split(","):
        name = _SPACE.sub(" ", raw).strip()
        if name and name not in names:
            names.append(name)
    return names


def first_sentence(body: Iterable[nodes.Node]) -> str:
    """The first sentence of the first block of prose of a definition, as plain text.

    Blocks that are not prose (code, raw HTML, diagrams, footnotes...) are skipped: see
    ``reuse.prose_text``.
    """
    for node in body:
        text = _SPACE.sub(" ", prose_text(node)).strip()
        if not text:
            continue
        match = _SENTENCE_END.search(text)
        return text[: match.start()].rstrip() if match else text
    return ""


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary so that it fits ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def sort_key(name: str) -> tuple[str, str]:
    """Case- and accent-insensitive order, ties broken by the exact name."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (folded.casefold().lstrip("@.`_-"), name)


def letter_of(name: str) -> str:
    """The index letter of a name: ``A`` to ``Z``, or ``#`` for anything else."""
    key = sort_key(name)[0]
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"
