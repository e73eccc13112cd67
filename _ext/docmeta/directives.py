"""The directives: ``audience``, ``doc-type``, ``audience-index``, ``doc-type-index``,
``docmeta-matrix``."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from reuse import prose_text

from .config import resolve, vocabulary
from .nodes import docmeta_index, docmeta_meta
from .text import first_sentence
from .warnings import Subtype

SPLIT = re.compile(r"[\s,]+")
NOUN = {"audience": "audience", "doc-type": "doc type"}


def split_values(text: str | None) -> list[str]:
    return [v for v in SPLIT.split(text or "") if v]


def known(config, kind: str) -> str:
    names = sorted(vocabulary(config, kind))
    if not names:
        option = "docmeta_roles" if kind == "audience" else "docmeta_types"
        return f"none configured; set {option} in conf.py"
    return ", ".join(names)


class _DocmetaDirective(SphinxDirective):
    def domain(self):
        return self.env.get_domain("docmeta")

    def problem(self, subtype: Subtype, message: str, line: int | None = None) -> None:
        self.domain().note_problem(self.env.docname, line or self.lineno, subtype, message)

    def canonical(self, kind: str, raw: list[str]) -> list[str]:
        """Resolve aliases; report unknown values; drop duplicates, keep the order."""
        values: list[str] = []
        for value in raw:
            name = resolve(self.config, kind, value)
            if name is None:
                self.problem(
                    Subtype.UNKNOWN,
                    f"unknown {NOUN[kind]} {value!r} (known: {known(self.config, kind)})",
                )
            elif name not in values:
                values.append(name)
        return values


class MetaDirective(_DocmetaDirective):
    """``{audience} ROLE…`` / ``{doc-type} TYPE…``: page metadata under the title.

    ``{audience} ROLE`` with body content is a callout for that role instead.
    """

    kind = "audience"
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        raw = split_values(self.arguments[0] if self.arguments else "")
        if self.content and self.kind == "audience":
            return self.callout(raw)
        name = self.name
        page = self.domain().page(self.env.docname)
        if not raw:
            self.problem(
                Subtype.EMPTY,
                f"empty {{{name}}} directive; give one or more values "
                f"(known: {known(self.config, self.kind)})",
            )
            page["lines"].setdefault(self.kind, self.lineno)
            return []
        values = self.canonical(self.kind, raw)
        first = page["lines"].get(self.kind)
        if first is not None:
            self.problem(
                Subtype.DUPLICATE,
                f"duplicate {{{name}}} directive (first at line {first}); "
                "put all values in one directive",
            )
            return []
        page["lines"][self.kind] = self.lineno
        page["roles" if self.kind == "audience" else "types"] = values
        node = docmeta_meta(kind=self.kind, values=values, docname=self.env.docname)
        self.set_source_info(node)
        return [node]

    def callout(self, raw: list[str]) -> list[nodes.Node]:
        if not raw:
            self.problem(
                Subtype.EMPTY,
                "empty {audience} callout; name the role it is for "
                f"(known: {known(self.config, 'audience')})",
            )
        roles = self.canonical("audience", raw)
        body = self.parse_content_to_nodes()
        labels = [self.config.docmeta_roles[r] for r in roles]
        box = nodes.admonition(
            classes=["docmeta-callout", *(f"docmeta-audience-{r}" for r in roles)]
        )
        self.set_source_info(box)
        if labels:
            title = f"{self.config.docmeta_audience_caption}: {', '.join(labels)}"
            box += nodes.title(title, title)
        box += body
        if not roles:
            return [box]
        blocks = self.domain().data["blocks"].setdefault(self.env.docname, [])
        anchor = f"docmeta-{'-'.join(roles)}-{len(blocks) + 1}"
        target = nodes.target("", "", ids=[anchor])
        self.set_source_info(target)
        text = next((prose_text(p) for p in box.findall(nodes.paragraph)
                     if "admonition-title" not in p["classes"]), "")
        blocks.append(
            {"roles": roles, "anchor": anchor, "line": self.lineno, "first": first_sentence(text)}
        )
        # A separate target, so that LaTeX gets a label for the anchor too.
        return [target, box]


class DocTypeDirective(MetaDirective):
    kind = "doc-type"


def _under(text: str | None) -> tuple[str, ...]:
    return tuple(split_values(text))


class AudienceIndexDirective(_DocmetaDirective):
    """``{audience-index} ROLE`` (``:type:`` filter, ``:under:`` folder or glob)."""

    kind = "audience"
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"type": directives.unchanged, "under": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        other = "doc-type" if self.kind == "audience" else "audience"
        subject = self.canonical(self.kind, split_values(self.arguments[0]))[:1]
        filt = tuple(self.canonical(other, split_values(self.options.get(
            "type" if self.kind == "audience" else "audience"))))
        if not subject:
            return []
        spec = (self.kind, subject[0], filt, _under(self.options.get("under")))
        return [self.placeholder(spec)]

    def placeholder(self, spec: tuple) -> nodes.Node:
        self.domain().data["hosts"].setdefault(self.env.docname, []).append(spec)
        node = docmeta_index(spec=spec, docname=self.env.docname)
        self.set_source_info(node)
        return node


class DocTypeIndexDirective(AudienceIndexDirective):
    """``{doc-type-index} TYPE`` (``:audience:`` filter, ``:under:`` folder or glob)."""

    kind = "doc-type"
    option_spec = {"audience": directives.unchanged, "under": directives.unchanged}


class MatrixDirective(AudienceIndexDirective):
    """``{docmeta-matrix}``: roles × doc types, page counts with links."""

    required_arguments = 0
    option_spec = {"under": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        return [self.placeholder(("matrix", "", (), _under(self.options.get("under"))))]


def setup_directives(app) -> None:
    app.add_directive("audience", MetaDirective)
    app.add_directive("doc-type", DocTypeDirective)
    app.add_directive("audience-index", AudienceIndexDirective)
    app.add_directive("doc-type-index", DocTypeIndexDirective)
    app.add_directive("docmeta-matrix", MatrixDirective)
