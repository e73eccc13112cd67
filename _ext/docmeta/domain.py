"""Domain ``docmeta``: per-document storage, page analysis and the consistency pass."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

from nodewalk import find_blocks
from reuse import prose_text

from .config import label_name
from .nodes import docmeta_index, docmeta_meta
from .text import first_sentence
from .warnings import Subtype, warn

STRUCTURED = (
    nodes.table,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.field_list,
    nodes.option_list,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.line_block,
)
# A generated index, toctree or another extension's placeholder counts as this many
# characters of structured content (it has no text while the page is read).
GENERATED_WEIGHT = 400
SKIP = (nodes.target, nodes.comment, nodes.system_message, nodes.substitution_definition,
        nodes.raw, nodes.image, nodes.figure, addnodes.index, nodes.meta, docmeta_meta)


def _line(node: nodes.Node) -> int:
    """The line of *node*, else of its first descendant or nearest ancestor that has one."""
    for candidate in node.findall(nodes.Element):
        if candidate.line:
            return candidate.line
    parent = node.parent
    while parent is not None:
        if parent.line:
            return parent.line
        parent = parent.parent
    return 1


def _is_generated(node: nodes.Node) -> bool:
    if isinstance(node, docmeta_index):
        return True
    if isinstance(node, addnodes.toctree):
        return not node.get("hidden")
    module = type(node).__module__
    return (
        isinstance(node, nodes.Element)
        and not module.startswith(("docutils.", "sphinx."))
        and not node.astext().strip()
    )


def _heading(section: nodes.section) -> str:
    return section[0].astext().strip() if section.children else ""


class DocmetaDomain(Domain):
    """Storage only: ``pages``, ``blocks``, ``hosts`` and ``problems``, keyed by docname."""

    name = "docmeta"
    label = "Page metadata"
    data_version = 1
    initial_data: dict[str, Any] = {"pages": {}, "blocks": {}, "hosts": {}, "problems": {}}
    KEYS = ("pages", "blocks", "hosts", "problems")

    def page(self, docname: str) -> dict[str, Any]:
        return self.data["pages"].setdefault(
            docname, {"roles": [], "types": [], "lines": {}, "title_line": 1, "first": ""}
        )

    def note_problem(self, docname: str, line: int, subtype: Subtype, message: str) -> None:
        self.data["problems"].setdefault(docname, []).append((line, subtype.value, message))

    def clear_doc(self, docname: str) -> None:
        for key in self.KEYS:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict[str, Any]) -> None:
        for key in self.KEYS:
            theirs = otherdata.get(key, {})
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    # -- reading ---------------------------------------------------------------

    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        page = self.page(docname)
        config = env.config
        main = next((s for s in document.children if isinstance(s, nodes.section)), None)
        if main is not None:
            page["title_line"] = _line(main[0]) if main.children else 1
        self._check_positions(docname, document, main)
        lead = self._lead_paragraph(main)
        page["first"] = first_sentence(prose_text(lead)) if lead is not None else ""
        if main is None or self.is_exempt(config, docname):
            return
        headings = {h.strip().casefold() for h in config.docmeta_next_steps_headings}
        shown = config.docmeta_next_steps_headings[0]
        types = page["types"]
        type_line = page["lines"].get("doc-type", page["title_line"])

        subsections = [c for c in main.children if isinstance(c, nodes.section)]
        ends_well = bool(subsections) and _heading(subsections[-1]).casefold() in headings
        reported_end = False
        if config.docmeta_require_next_steps and not ends_well:
            line = _line(subsections[-1][0]) if subsections else page["title_line"]
            self.note_problem(
                docname, line, Subtype.NEXT_STEPS,
                f"page does not end with a {shown!r} section; add a last section "
                f"'## {shown}' with links to what to read next",
            )
            reported_end = True

        lists = find_blocks(main, nodes.enumerated_list)
        if "task" in types:
            need = config.docmeta_task_min_steps
            if need and not any(len(lst.children) >= need for lst in lists):
                self.note_problem(
                    docname, type_line, Subtype.TASK_PROCEDURE,
                    f"task page has no numbered procedure (a numbered list of at least {need} "
                    "steps); write the steps as '1.' items, or change the doc type",
                )
            if config.docmeta_task_requires_next_steps and not reported_end:
                has = any(_heading(s).casefold() in headings for s in find_blocks(main, nodes.section))
                if not has:
                    self.note_problem(
                        docname, type_line, Subtype.TASK_NEXT_STEPS,
                        f"task page has no {shown!r} section; add '## {shown}' with links",
                    )
        if "conceptual" in types and config.docmeta_conceptual_max_steps:
            limit = config.docmeta_conceptual_max_steps
            for lst in lists:
                if len(lst.children) > limit:
                    self.note_problem(
                        docname, _line(lst), Subtype.CONCEPTUAL_PROCEDURE,
                        f"conceptual page has a numbered procedure of {len(lst.children)} steps "
                        f"(at most {limit}); move the procedure to a task page",
                    )
        ratio_needed = config.docmeta_reference_min_ratio
        if "reference" in types and ratio_needed:
            structured, total = self._weigh(main, lead, headings)
            if total and structured / total < ratio_needed:
                self.note_problem(
                    docname, type_line, Subtype.REFERENCE_RATIO,
                    f"reference page is {structured / total:.0%} tables, lists, definition "
                    f"lists and code (at least {ratio_needed:.0%} expected); structure the "
                    "content, or move the prose to a conceptual page",
                )

    @staticmethod
    def is_exempt(config, docname: str) -> bool:
        return any(fnmatchcase(docname, pattern) for pattern in config.docmeta_exempt)

    @staticmethod
    def _lead_paragraph(main: nodes.section | None) -> nodes.paragraph | None:
        if main is None:
            return None
        for child in main.children[1:]:
            if isinstance(child, SKIP):
                continue
            return child if isinstance(child, nodes.paragraph) else None
        return None

    def _check_positions(self, docname: str, document, main) -> None:
        for node in find_blocks(document, docmeta_meta):
            ok = node.parent is main
            if ok:
                for sibling in main.children[1 : main.index(node)]:
                    if not isinstance(sibling, (docmeta_meta, nodes.target, nodes.comment)):
                        ok = False
                        break
            if not ok:
                directive = node["kind"]
                self.note_problem(
                    docname, _line(node), Subtype.POSITION,
                    f"{{{directive}}} is not directly under the page title; move it right "
                    "after the '# Title' line, before any other content",
                )

    def _weigh(self, node: nodes.Element, lead, headings) -> tuple[int, int]:
        structured = total = 0
        for child in node.children:
            if child is lead or isinstance(child, (nodes.title, *SKIP)):
                continue
            if isinstance(child, nodes.section) and _heading(child).casefold() in headings:
                continue
            if isinstance(child, STRUCTURED):
                size = len(child.astext())
                structured += size
                total += size
            elif _is_generated(child):
                structured += GENERATED_WEIGHT
                total += GENERATED_WEIGHT
            elif isinstance(child, (nodes.TextElement, nodes.Text)):
                total += len(child.astext())
            elif isinstance(child, nodes.Element):
                s, t = self._weigh(child, lead, headings)
                structured += s
                total += t
        return structured, total


# -- consistency pass (after the merge, so identical with and without -j) ---------------


def check_consistency(app, env) -> None:
    domain = env.get_domain("docmeta")
    config = env.config
    found: list[tuple[str, int, Subtype, str]] = []
    pages = domain.data["pages"]
    for docname in sorted(pages):
        page = pages[docname]
        if not DocmetaDomain.is_exempt(config, docname):
            for kind, caption in (("audience", "audience"), ("doc-type", "doc type")):
                if kind not in page["lines"]:
                    found.append((
                        docname, page["title_line"], Subtype.MISSING,
                        f"page declares no {caption}; add a {{{kind}}} directive right under "
                        "the title",
                    ))
        for line, subtype, message in domain.data["problems"].get(docname, []):
            found.append((docname, line, Subtype(subtype), message))

    std = env.get_domain("std")
    first_use: dict[tuple[str, str], tuple[str, int]] = {}
    for docname in sorted(pages):
        page = pages[docname]
        for kind, key in (("audience", "roles"), ("doc-type", "types")):
            for value in page[key]:
                first_use.setdefault((kind, value), (docname, page["lines"].get(kind, 1)))
    for docname in sorted(domain.data["blocks"]):
        for block in domain.data["blocks"][docname]:
            for role in block["roles"]:
                first_use.setdefault(("audience", role), (docname, block["line"]))
    for (kind, value), (docname, line) in sorted(first_use.items()):
        label = label_name(kind, value)
        if label not in std.labels and label not in std.anonlabels:
            found.append((
                docname, line, Subtype.NO_INDEX_PAGE,
                f"no index page for {kind} {value!r}; add a page with the label "
                f"'({label})=' and an index directive",
            ))

    found.sort(key=lambda item: (str(env.doc2path(item[0])), item[1], item[2].value, item[3]))
    for docname, line, subtype, message in found:
        warn(message, subtype, location=(docname, line))
