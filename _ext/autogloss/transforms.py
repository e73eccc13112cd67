"""Post-transforms: the glossary index, see-also fallbacks, hover text."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from nodewalk import find_all, find_blocks
from reuse import current_builder, rebase

from .config import AutoglossConfig
from .directives import (
    ATTR_ANCHORS,
    ATTR_DOCNAME,
    ATTR_NO_TIP,
    ATTR_SEE_ALSO_REF,
    ATTR_TERM,
    CLASS_BOX,
    see_also_paragraph,
    term_xref,
)
from .nodes import autogloss_index, autogloss_termref
from .text import letter_of, shorten, sort_key

ATTR_TIP = "autogloss-tip"
# Where MarkTermRefs leaves, on the document, the elements holding the term links it
# marked, so AddHoverText looks there instead of walking the whole page again.
TIP_PARENTS = "_autogloss_tip_parents"


class ExpandGlossaryIndex(SphinxPostTransform):
    """Replace ``{glossary-index}`` by the A to Z list; runs for every builder.

    Priority 5: before ``ReferencesResolver`` (10), so the links it emits are
    ordinary ``pending_xref`` nodes that every builder resolves its own way.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains["autogloss"]
        for placeholder in find_blocks(self.document, autogloss_index):
            placeholder.replace_self(self.build_index(placeholder, domain))

    # -- the index -------------------------------------------------------------

    def build_index(self, placeholder: autogloss_index, domain: Any) -> nodes.Node:
        cfg = AutoglossConfig.from_config(self.config)
        host = placeholder["host"]
        level = placeholder.get("heading_level", 2)
        here = self.env.current_document.docname

        rows: list[tuple[str, dict[str, Any], bool]] = []
        for entry in domain.all_entries():
            rows.append((entry["term"], entry, False))
            if cfg.index_aliases:
                rows.extend((alias, entry, True) for alias in entry["aliases"])
        rows.sort(key=lambda row: (sort_key(row[0]), row[2]))

        boxes = self.boxes_of(host)
        root = nodes.container(classes=["autogloss-index"])
        if not rows:
            root += nodes.paragraph("", "No terms are defined yet.")
            return root

        letters = [(letter, list(group)) for letter, group in groupby(rows, key=lambda r: letter_of(r[0]))]
        prefix = self.unique_prefix()
        bar = nodes.container(classes=["autogloss-letter-bar"])
        para = nodes.paragraph(classes=["autogloss-letters"])
        para += nodes.strong("Jump to letter:", "Jump to letter:")
        for letter, _group in letters:
            para += nodes.Text(" ")
            label = "Symbols and numbers"
            ref = nodes.reference("", "", internal=True, refid=f"{prefix}{self.letter_id(letter)}")
            ref += nodes.inline(letter, letter, classes=["autogloss-letter-link"])
            if letter == "#":
                ref["reftitle"] = label
            para += ref
        bar += para
        root += bar

        for letter, group in letters:
            title = "Symbols and numbers" if letter == "#" else letter
            # The anchor is a target, not an id on the rubric: the LaTeX writer
            # drops rubric ids, but turns a target into \label.
            root += nodes.target("", "", ids=[f"{prefix}{self.letter_id(letter)}"])
            rubric = nodes.rubric(title, title, classes=["autogloss-letter"])
            rubric["heading-level"] = level
            root += rubric
            dl = nodes.definition_list(classes=["glossary", "autogloss-index-list"])
            for name, entry, is_alias in group:
                if is_alias:
                    dl += self.alias_item(name, entry, here)
                elif (entry["docname"] == host and entry["anchors"][0] in boxes
                      and not self.holds(boxes[entry["anchors"][0]], placeholder)):
                    dl += self.move_item(boxes.pop(entry["anchors"][0]))
                else:
                    dl += self.copied_item(entry, here, link_back=entry["docname"] != host)
            root += dl
        return root

    def unique_prefix(self) -> str:
        """``glossary-`` unless the page already uses ids like ``glossary-a``."""
        base, n = "glossary-", 1
        wanted = [self.letter_id(chr(c)) for c in range(ord("A"), ord("Z") + 1)] + ["symbols"]
        while any(f"{base}{w}" in self.document.ids for w in wanted):
            n += 1
            base = f"glossary{n}-"
        return base

    @staticmethod
    def letter_id(letter: str) -> str:
        return "symbols" if letter == "#" else letter.lower()

    def boxes_of(self, host: str) -> dict[str, nodes.container]:
        """The definition boxes written on the host page, by main anchor."""
        return {
            box[ATTR_ANCHORS][0]: box
            for box in find_blocks(self.document, nodes.container)
            if ATTR_TERM in box and box.get(ATTR_DOCNAME) == host and CLASS_BOX in box["classes"]
        }

    @staticmethod
    def holds(box: nodes.Element, placeholder: nodes.Element) -> bool:
        """True if ``placeholder`` sits inside ``box`` (an index written in a definition).

        Moving that box into the index would make it its own ancestor; it is copied instead.
        """
        node = placeholder.parent
        while node is not None:
            if node is box:
                return True
            node = node.parent
        return False

    @staticmethod
    def move_item(box: nodes.container) -> nodes.definition_list_item:
        """A definition written on the glossary page appears once: in the index."""
        item = box[0][0]
        box[0].remove(item)
        box.parent.remove(box)
        return item

    def alias_item(self, alias: str, entry: dict[str, Any], here: str) -> nodes.definition_list_item:
        item = nodes.definition_list_item(classes=["autogloss-alias-entry"])
        item += nodes.term(alias, alias)
        para = nodes.paragraph()
        para += nodes.Text("See ")
        para += term_xref(entry["term"], here)
        para += nodes.Text(".")
        item += nodes.definition("", para)
        return item

    def copied_item(self, entry: dict[str, Any], here: str, link_back: bool) -> nodes.definition_list_item:
        item = nodes.definition_list_item()
        item += nodes.term(entry["term"], entry["term"], classes=["autogloss-term"])
        for alias in entry["aliases"]:
            item += nodes.term(alias, alias, classes=["autogloss-alias"])
        definition = nodes.definition()
        for child in entry["body"]:
            copy = child.deepcopy()
            rebase(copy, entry["docname"], here, current_builder(self.env))
            definition += copy
        if entry["see_also"]:
            definition += see_also_paragraph(entry["see_also"], here)
        if link_back:
            title_node = self.env.titles.get(entry["docname"])
            title = title_node.astext() if title_node is not None else entry["docname"]
            para = nodes.paragraph(classes=["autogloss-source"])
            para += nodes.Text("Defined in ")
            ref = term_xref(entry["term"], here, text=title)
            ref[ATTR_NO_TIP] = True
            para += ref
            definition += para
        item += definition
        return item


class MarkTermRefs(SphinxPostTransform):
    """Before resolution, one pass over the page's cross-references, for every builder.

    - A see-also name that is not a term becomes plain text (the consistency check
      warns about it once).
    - HTML: each term link gets its hover text, noted on its text node, which the
      resolved link keeps.
    """

    default_priority = 9

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains["autogloss"]
        hover = self.config.autogloss_hover and self.env._builder_cls.format == "html"
        names = domain.names() if hover else {}
        limit = self.config.autogloss_tip_max_length
        known = None
        parents: dict[int, nodes.Element] = {}
        for ref in find_all(self.document, addnodes.pending_xref):
            if ref.get(ATTR_SEE_ALSO_REF):
                if known is None:
                    known = domain.known_names(self.env)
                if ref["reftarget"].lower() not in known:
                    ref.replace_self(nodes.inline(ref.astext(), ref.astext()))
                    continue
            if not hover or ref.get("refdomain") != "std" or ref.get("reftype") != "term":
                continue
            if ref.get(ATTR_NO_TIP):
                continue
            entry = names.get(ref["reftarget"].lower())
            if entry and entry["first_sentence"] and len(ref) and isinstance(ref[0], nodes.Element):
                ref[0][ATTR_TIP] = shorten(entry["first_sentence"], limit)
                parents.setdefault(id(ref.parent), ref.parent)
        if parents:
            setattr(self.document, TIP_PARENTS, list(parents.values()))


class AddHoverText(SphinxPostTransform):
    """HTML: after resolution, turn marked term links into ``autogloss_termref``."""

    default_priority = 11
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        parents = self.document.__dict__.pop(TIP_PARENTS, None)
        if parents is None:
            return
        # The resolver replaced each marked pending_xref, in place, by a reference
        # around a copy of its text node; only the children of these parents can hold
        # one. (A parent replaced meanwhile is no longer in the page: skipped.)
        marked = []
        for parent in parents:
            for child in parent.children:
                if not isinstance(child, nodes.Element):
                    continue
                if (isinstance(child, nodes.reference) and child.children
                        and isinstance(child[0], nodes.Element) and ATTR_TIP in child[0].attributes):
                    marked.append(child)
                elif ATTR_TIP in child.attributes:
                    del child[ATTR_TIP]  # unresolved: the term stays plain text
        count = 0
        for ref in marked:
            tip = ref[0].attributes.pop(ATTR_TIP)
            if isinstance(ref, autogloss_termref):
                continue
            count += 1
            new = autogloss_termref(ref.rawsource, "", *ref.children, **ref.attributes)
            new["tip"] = tip
            new["tip_id"] = f"autogloss-tip-{count}"
            new.source, new.line = ref.source, ref.line
            ref.replace_self(new)
