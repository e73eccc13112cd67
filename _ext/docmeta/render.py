"""Rendering: badges, role/type indexes and the matrix, and keeping them fresh.

The same *model* functions feed the post-transform that renders the placeholders and the
``env-get-updated`` hash, so a host page is rewritten exactly when what it shows changes.
"""

from __future__ import annotations

import hashlib
from fnmatch import fnmatchcase
from typing import Any

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from nodewalk import find_blocks
from reuse import current_builder

from .config import label_name, vocabulary
from .nodes import docmeta_index, docmeta_meta

LABELS_KEY = "\0labels"


# -- models (plain data) ---------------------------------------------------------------


def _title(env, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _under(docname: str, under: tuple[str, ...]) -> bool:
    if not under:
        return True
    return any(
        fnmatchcase(docname, u) if any(c in u for c in "*?[") else docname.startswith(u)
        for u in under
    )


def label_target(env, kind: str, value: str) -> tuple[str, str] | None:
    std = env.get_domain("std")
    name = label_name(kind, value)
    if name in std.labels:
        docname, labelid, _title = std.labels[name]
        return docname, labelid
    if name in std.anonlabels:
        return tuple(std.anonlabels[name])
    return None


def _sorted(entries):
    return sorted(entries, key=lambda e: (e[0].casefold(), e[1]) + tuple(e[2:]))


def model(env, host: str, spec: tuple) -> tuple:
    data = env.get_domain("docmeta").data
    pages, blocks = data["pages"], data["blocks"]
    kind, subject, filt, under = spec
    config = env.config
    if kind == "matrix":
        return _matrix_model(env, pages, under)
    # Group by the other vocabulary: an audience index by doc type and vice versa.
    mine, theirs = ("roles", "types") if kind == "audience" else ("types", "roles")
    other_kind = "doc-type" if kind == "audience" else "audience"
    groups = []
    for value, label in vocabulary(config, other_kind).items():
        if filt and value not in filt:
            continue
        entries = _sorted(
            (_title(env, doc), doc, page["first"])
            for doc, page in pages.items()
            if doc != host and subject in page[mine] and value in page[theirs]
            and _under(doc, under)
        )
        if entries:
            groups.append((value, label, entries))
    sections = []
    if kind == "audience":
        sections = _sorted(
            (_title(env, doc), doc, block["anchor"], block["first"])
            for doc, doc_blocks in blocks.items()
            if doc != host and _under(doc, under)
            and (not filt or set(filt) & set(pages.get(doc, {}).get("types", [])))
            for block in doc_blocks
            if subject in block["roles"]
        )
    return (kind, subject, groups, sections)


def _matrix_model(env, pages, under) -> tuple:
    config = env.config
    roles, types = config.docmeta_roles, config.docmeta_types
    rows = []
    for role, role_label in roles.items():
        counts = [
            sum(1 for doc, p in pages.items()
                if role in p["roles"] and t in p["types"] and _under(doc, under))
            for t in types
        ]
        total = sum(1 for doc, p in pages.items() if role in p["roles"] and _under(doc, under))
        rows.append((role, role_label, label_target(env, "audience", role), counts, total))
    columns = [(t, label, label_target(env, "doc-type", t)) for t, label in types.items()]
    totals = [
        sum(1 for doc, p in pages.items() if t in p["types"] and _under(doc, under))
        for t in types
    ]
    grand = sum(1 for doc, p in pages.items() if p["lines"] and _under(doc, under))
    return ("matrix", columns, rows, totals, grand)


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def env_get_updated(app, env) -> list[str]:
    """Return the pages whose rendered index, matrix or badges changed since the last build."""
    data = env.get_domain("docmeta").data
    old: dict[str, str] = getattr(env, "docmeta_hashes", {})
    new: dict[str, str] = {}
    for host, specs in data["hosts"].items():
        new[host] = _digest([model(env, host, spec) for spec in specs])
    config = env.config
    new[LABELS_KEY] = _digest([
        (kind, value, label_target(env, kind, value))
        for kind in ("audience", "doc-type")
        for value in vocabulary(config, kind)
    ])
    changed = [doc for doc, digest in new.items() if doc != LABELS_KEY and old.get(doc) != digest]
    if LABELS_KEY in old and old[LABELS_KEY] != new[LABELS_KEY]:
        changed.extend(doc for doc, page in data["pages"].items() if page["lines"])
    env.docmeta_hashes = new
    return sorted(set(changed))


# -- nodes -----------------------------------------------------------------------------


class _Linker:
    def __init__(self, builder, fromdoc: str):
        self.builder, self.fromdoc = builder, fromdoc

    def __call__(self, target: tuple[str, str | None] | None, child: nodes.Node) -> nodes.Node:
        if target is None:
            return child
        docname, anchor = target
        try:
            ref = make_refnode(self.builder, self.fromdoc, docname, anchor, child)
        except NoUri:
            return child
        uri = ref.get("refuri", "")
        if uri.count("#") > 1:
            # singlehtml: every page is an anchor already; keep the innermost one.
            ref["refuri"] = uri[uri.rindex("#"):]
        return ref


def _entry(link, title: str, target, first: str) -> nodes.list_item:
    para = nodes.paragraph()
    para += link(target, nodes.inline(title, title, classes=["docmeta-entry-title"]))
    if first:
        para += nodes.Text(" — " + first)
    return nodes.list_item("", para)


def render_index(env, link, model_: tuple) -> list[nodes.Node]:
    kind, subject, groups, sections = model_
    box = nodes.container(classes=["docmeta-index", f"docmeta-index-{kind}"])
    for _value, label, entries in groups:
        box += nodes.rubric(label, label, classes=["docmeta-index-group"])
        items = nodes.bullet_list()
        for title, doc, first in entries:
            items += _entry(link, title, (doc, None), first)
        box += items
    if sections:
        text = "Sections on other pages"
        box += nodes.rubric(text, text, classes=["docmeta-index-group"])
        items = nodes.bullet_list()
        for title, doc, anchor, first in sections:
            items += _entry(link, title, (doc, anchor), first)
        box += items
    if not groups and not sections:
        box += nodes.paragraph("No pages yet.", "No pages yet.", classes=["docmeta-empty"])
    return [box]


def render_matrix(env, link, model_: tuple) -> list[nodes.Node]:
    _kind, columns, rows, totals, grand = model_
    config = env.config
    ncols = len(columns) + 2
    table = nodes.table(classes=["docmeta-matrix"])
    group = nodes.tgroup(cols=ncols)
    table += group
    for _ in range(ncols):
        group += nodes.colspec(colwidth=1)

    def cell(content: nodes.Node | str) -> nodes.entry:
        if isinstance(content, str):
            content = nodes.Text(content)
        return nodes.entry("", nodes.paragraph("", "", content))

    head_row = nodes.row()
    corner = f"{config.docmeta_audience_caption} \\ {config.docmeta_type_caption}"
    head_row += cell(corner)
    for _t, label, target in columns:
        head_row += cell(link(target, nodes.inline(label, label)))
    head_row += cell("Total")
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for _role, label, target, counts, total in rows:
        row = nodes.row()
        row += cell(link(target, nodes.inline(label, label)))
        for count in counts:
            text = str(count)
            inner = nodes.inline(text, text, classes=["docmeta-count"] if count else
                                 ["docmeta-count", "docmeta-count-zero"])
            row += cell(link(target, inner) if count else inner)
        row += cell(str(total))
        body += row
    total_row = nodes.row()
    total_row += cell("Total")
    for count in totals:
        total_row += cell(str(count))
    total_row += cell(str(grand))
    body += total_row
    group += body
    return [table]


def render_badges(env, link, node: docmeta_meta) -> nodes.Node:
    kind = node["kind"]
    config = env.config
    caption = config.docmeta_audience_caption if kind == "audience" else config.docmeta_type_caption
    labels = vocabulary(config, kind)
    para = nodes.paragraph(classes=["docmeta-badges-line"])
    text = f"{caption}: "
    para += nodes.inline(text, text, classes=["docmeta-badge-caption"])
    for i, value in enumerate(node["values"]):
        if i:
            para += nodes.inline(", ", ", ", classes=["docmeta-sep"])
        label = labels.get(value, value)
        badge = nodes.inline(label, label, classes=["docmeta-badge", f"docmeta-{kind}-{value}"])
        para += link(label_target(env, kind, value), badge)
    # "no-search": the badges are on every page; Sphinx's search index leaves them out, so a
    # search for a role or page type finds pages about it, not every page.
    box = nodes.container("", para, classes=["docmeta-badges", f"docmeta-badges-{kind}", "no-search"])
    return box


_PLACEHOLDERS = (docmeta_meta, docmeta_index)


class DocmetaPostTransform(SphinxPostTransform):
    """Replace every placeholder, for every builder (priority 5: before references)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        env = self.env
        builder = current_builder(env)
        # One walk finds both kinds of placeholder; they are block-level, so the walk
        # does not look inside paragraphs.
        found = find_blocks(self.document, _PLACEHOLDERS)
        for node in found:
            if not isinstance(node, docmeta_meta):
                continue
            link = _Linker(builder, node.get("docname") or env.docname)
            node.replace_self(render_badges(env, link, node))
        for node in found:
            if not isinstance(node, docmeta_index):
                continue
            host = node.get("docname") or env.docname
            link = _Linker(builder, host)
            spec = tuple(node["spec"])
            data = model(env, host, spec)
            if spec[0] == "matrix":
                new = render_matrix(env, link, data)
            else:
                new = render_index(env, link, data)
            node.replace_self(new)
