"""One page's navigation HTML, assembled from the build's template.

Owns the page-dependent half of fastnav: the template made of the two rendered variants of
the neutral tree (no entry current, every entry current) split into tag pieces, where each
page's entries and their ancestors sit, the links filled in per output folder (a small
cache), and ``render(pagename)``, which swaps in the current tags of the page's branch and
its own links. The result is byte for byte what stock Furo writes.
"""

from __future__ import annotations

from collections import OrderedDict

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .tree import (
    CLASS_ATTR_RE,
    FOLDER_CACHE_SIZE,
    PIECES_RE,
    SAFE_URI,
    TAG_NAME_RE,
    TOKEN_RE,
    VOID_TAGS,
)


class Template:
    """The navigation of one build, ready to be specialised for each page."""

    def __init__(
        self,
        builder: StandaloneHTMLBuilder,
        env: BuildEnvironment,
        plain: str,
        current: str,
        targets: list[str],
    ) -> None:
        self.builder = builder
        self.targets = targets
        self.plain = PIECES_RE.split(plain)
        current_pieces = PIECES_RE.split(current)
        if len(current_pieces) != len(self.plain):
            raise ValueError("the two variants of the navigation differ in structure")
        # Tag pieces that change when their entry is current.
        self.current: dict[int, str] = {}
        last_current_page = None
        for index, (a, b) in enumerate(zip(self.plain, current_pieces)):
            if a == b:
                continue
            if index % 2 == 0:  # text between tags never changes
                raise ValueError("the two variants of the navigation differ in text")
            classes = CLASS_ATTR_RE.search(b)
            if classes and "current-page" in classes.group(1).split():
                last_current_page = index
            self.current[index] = b
        if last_current_page is not None:
            # Furo marks only the last current <li> as the current page.
            tag = self.current[last_current_page]
            self.current[last_current_page] = tag.replace(" current-page", "", 1)
        # Token templates: pieces holding links, split at the tokens.
        self.linked: dict[int, list[str]] = {}
        self.linked_current: dict[int, list[str]] = {}
        self.pieces_of_target: dict[int, list[int]] = {}
        for index in range(1, len(self.plain), 2):
            for source, store in ((self.plain, self.linked), (self.current, self.linked_current)):
                text = source.get(index) if isinstance(source, dict) else source[index]
                if text is None or "fastnav-9f1c-" not in text:
                    continue
                parts = TOKEN_RE.split(text)
                store[index] = parts
                for target in parts[1::2]:
                    pieces = self.pieces_of_target.setdefault(int(target), [])
                    if index not in pieces:
                        pieces.append(index)
        # Where each page's own entries are, and the tags to swap when they are current.
        self.marks: dict[str, tuple[list[int], int | None]] = {}
        self._index_marks()
        # URIs of the targets; links to a page's own URI are filled in per page.
        self.uris = [builder.get_target_uri(target) for target in targets]
        self.safe = all(SAFE_URI.match(uri) for uri in self.uris)
        self.uri_owners: dict[str, list[int]] = {}
        for index, uri in enumerate(self.uris):
            self.uri_owners.setdefault(uri, []).append(index)
        self.folders: OrderedDict[str, tuple[list[str], dict[int, str], list[str]]] = (
            OrderedDict()
        )

    def _index_marks(self) -> None:
        """Find, for every target, the tags on the branch of each of its entries."""
        stack: list[tuple[str, int]] = []  # open elements: (tag name, piece index)
        li_inputs: dict[int, int] = {}  # <li> piece -> its own checkbox <input> piece
        branches: dict[int, list[int]] = {}  # target -> tags to swap
        last_li: dict[int, int] = {}
        for index in range(1, len(self.plain), 2):
            tag = self.plain[index]
            match = TAG_NAME_RE.match(tag)
            if not match:
                continue
            closing, name = match.group(1), match.group(2).lower()
            if closing:
                while stack:
                    open_name, _ = stack.pop()
                    if open_name == name:
                        break
                continue
            if name == "input" and stack and stack[-1][0] == "li":
                li_inputs[stack[-1][1]] = index
            if name == "a" and index in self.linked:
                parts = self.linked[index]
                # An entry of a page: a single token with no anchor after it.
                if len(parts) == 3 and parts[2].startswith('"') and parts[1].isdigit():
                    target = int(parts[1])
                    branch = branches.setdefault(target, [])
                    branch.append(index)
                    for open_name, open_index in stack:
                        branch.append(open_index)
                        if open_name == "li":
                            last_li[target] = max(last_li.get(target, -1), open_index)
            if name not in VOID_TAGS and not tag.endswith("/>"):
                stack.append((name, index))
        for target, branch in branches.items():
            swap = set()
            for index in branch:
                if index in self.current:
                    swap.add(index)
                if index in li_inputs and li_inputs[index] in self.current:
                    swap.add(li_inputs[index])
            self.marks[self.targets[target]] = (sorted(swap), last_li.get(target))

    def _folder(self, key: str) -> tuple[list[str], dict[int, str], list[str]]:
        """Pieces with the links of pages in one output folder filled in."""
        cached = self.folders.get(key)
        if cached is not None:
            self.folders.move_to_end(key)
            return cached
        base = f"{key}/\x00" if key else "\x00"
        rels = [relative_uri(base, uri) for uri in self.uris]
        pieces = list(self.plain)
        for index, parts in self.linked.items():
            pieces[index] = fill(parts, rels)
        current = dict(self.current)
        for index, parts in self.linked_current.items():
            current[index] = fill(parts, rels)
        cached = (pieces, current, rels)
        self.folders[key] = cached
        if len(self.folders) > FOLDER_CACHE_SIZE:
            self.folders.popitem(last=False)
        return cached

    def render(self, pagename: str) -> str | None:
        """The navigation HTML of one page, or None to let the stock path do it."""
        if not self.safe:
            return None
        uri = self.builder.get_target_uri(pagename)
        key = uri.rsplit("/", 1)[0] if "/" in uri else ""
        pieces, current, folder_rels = self._folder(key)
        out = list(pieces)
        swap, last_li = self.marks.get(pagename, ((), None))
        for index in swap:
            out[index] = current[index]
        if last_li is not None:
            out[last_li] = CLASS_ATTR_RE.sub(
                lambda m: f'class="{m.group(1)} current-page"', out[last_li], count=1
            )
        # Links to the page's own URI: relative_uri() gives '' there (rendered as '#').
        owners = self.uri_owners.get(uri, ())
        if owners:
            rels = {target: self.builder.get_relative_uri(pagename, self.targets[target])
                    for target in owners}
            for target in owners:
                for index in self.pieces_of_target.get(target, ()):
                    source = self.linked_current if index in swap else self.linked
                    parts = source.get(index) or self.linked[index]
                    text = fill(parts, folder_rels, rels)
                    if index == last_li:
                        text = CLASS_ATTR_RE.sub(
                            lambda m: f'class="{m.group(1)} current-page"', text, count=1
                        )
                    out[index] = text
        return "".join(out)


def fill(parts: list[str], rels: list[str], override: dict[int, str] | None = None) -> str:
    """Put relative links in place of the tokens of one tag."""
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        target = int(parts[i])
        if override is not None and target in override:
            rel = override[target]
        else:
            rel = rels[target]
        rest = parts[i + 1]
        if not rel and rest.startswith('"'):
            rel = "#"  # Sphinx writes href="#" for an empty link
        out.append(rel)
        out.append(rest)
    return "".join(out)
