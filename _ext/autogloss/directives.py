"""``{define}`` and ``{glossary-index}``."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from .nodes import autogloss_index
from .stdterms import register_term
from .text import split_names
from .warnings import AutoglossWarning, warn

# Node attributes the directive leaves for the domain to collect.
ATTR_TERM = "autogloss-term"
ATTR_ALIASES = "autogloss-aliases"
ATTR_SEE_ALSO = "autogloss-see-also"
ATTR_ANCHORS = "autogloss-anchors"
ATTR_DOCNAME = "autogloss-docname"
ATTR_SEE_ALSO_REF = "autogloss-see-also-ref"
ATTR_NO_TIP = "autogloss-no-tip"

CLASS_BOX = "autogloss-define"
CLASS_SEE_ALSO = "autogloss-see-also"


def term_xref(target: str, docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A ``{term}`` reference built in Python: it resolves like the role's."""
    text = text or target
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="term",
        reftarget=target,
        refexplicit=text != target,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline(text, text, classes=["xref", "std", "std-term"])
    return ref


def see_also_paragraph(names: list[str], docname: str) -> nodes.paragraph:
    para = nodes.paragraph(classes=[CLASS_SEE_ALSO])
    para += nodes.strong("See also:", "See also:")
    para += nodes.Text(" ")
    for i, name in enumerate(names):
        if i:
            para += nodes.Text(", ")
        ref = term_xref(name, docname)
        ref[ATTR_SEE_ALSO_REF] = True
        para += ref
    return para


class DefineDirective(SphinxDirective):
    """Define a term (and its aliases) where the concept is explained.

    Renders a definition box (a ``glossary`` definition list in a container)
    and registers every name with the standard domain.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "aliases": directives.unchanged,
        "see-also": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        term = " ".join(self.arguments[0].split())
        aliases = [a for a in split_names(self.options.get("aliases")) if a != term]
        see_also = split_names(self.options.get("see-also"))
        source, line = self.get_source_info()
        docname = self.env.current_document.docname

        item = nodes.definition_list_item()
        anchors = []
        for i, name in enumerate([term, *aliases]):
            term_node = register_term(self.env, self.state.document, name, source, line)
            term_node["classes"].append("autogloss-alias" if i else "autogloss-term")
            anchors.append(term_node["ids"][0])
            item += term_node
        definition = nodes.definition()
        definition += self.parse_content_to_nodes()
        if see_also:
            definition += see_also_paragraph(see_also, docname)
        item += definition

        dl = nodes.definition_list(classes=["glossary", "autogloss-definition"])
        dl += item
        box = nodes.container(classes=[CLASS_BOX])
        box += dl
        box[ATTR_TERM] = term
        box[ATTR_ALIASES] = aliases
        box[ATTR_SEE_ALSO] = see_also
        box[ATTR_ANCHORS] = anchors
        box[ATTR_DOCNAME] = docname
        self.set_source_info(box)
        return [box]


def _heading_level(value: str) -> int:
    level = directives.positive_int(value)
    if not 2 <= level <= 6:
        raise ValueError("heading level must be between 2 and 6")
    return level


class GlossaryIndexDirective(SphinxDirective):
    """Render every defined term A to Z (expanded after reading)."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"heading-level": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        level = 2
        raw = self.options.get("heading-level")
        if raw is not None:
            try:
                level = _heading_level(raw)
            except ValueError:
                warn(
                    AutoglossWarning.bad_option,
                    "invalid :heading-level: %r; use a number from 2 to 6 (using 2)",
                    raw,
                    location=self.get_location(),
                )
        node = autogloss_index("")
        node["host"] = self.env.current_document.docname
        node["heading_level"] = level
        self.set_source_info(node)
        self.env.domains["autogloss"].note_host(node["host"], self.lineno)
        return [node]
