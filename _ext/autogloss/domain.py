"""Domain ``autogloss``: storage of every definition, checks, freshness.

The domain is used as storage only (like ``sphinx.ext.todo``). The anchors
themselves live in the standard domain (see ``stdterms``).

``data["entries"][docname]``  list of definitions on that page (dicts, below)
``data["hosts"][docname]``    lines of the ``{glossary-index}`` directives there
``data["refs"][docname]``     lower-cased ``{term}`` targets the page links to
``data["snapshot"]``          what the last build rendered (see ``env_get_updated``)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from nodewalk import find_all
from reuse import portable_copy

from .directives import (
    ATTR_ALIASES,
    ATTR_ANCHORS,
    ATTR_DOCNAME,
    ATTR_SEE_ALSO,
    ATTR_TERM,
    CLASS_SEE_ALSO,
)
from .stdterms import std_term_names
from .text import first_sentence, sort_key
from .warnings import AutoglossWarning, warn

PER_DOC_KEYS = ("entries", "hosts", "refs")


def _is_definition_box(node: nodes.Node) -> bool:
    """A nested ``{define}`` box: left out of the copy (the term has its own entry)."""
    return isinstance(node, nodes.Element) and ATTR_TERM in node.attributes


def store_bodies(app: Any, doctree: nodes.document) -> None:
    """``doctree-read``, after the environment collectors: store copies of the bodies.

    The copies are taken after the image and download collectors ran, so an image in a
    definition carries its resolved path and candidates wherever the copy is shown (taken
    earlier, in ``process_doc``, it crashed the writer of the glossary page). See
    ``reuse.portable_copy`` for what a copy leaves out.
    """
    domain: AutoglossDomain = app.env.domains["autogloss"]
    pending = domain.__dict__.pop("_pending_bodies", None)
    if not pending:
        return
    for entry, body in pending:
        copies = (portable_copy(child, drop=_is_definition_box) for child in body)
        entry["body"] = [copy for copy in copies if copy is not None]


class AutoglossDomain(Domain):
    name = "autogloss"
    label = "Glossary"
    data_version = 1
    initial_data: dict[str, Any] = {"entries": {}, "hosts": {}, "refs": {}, "snapshot": {}}

    # -- storage -----------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self._views = {}
        for key in PER_DOC_KEYS:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Reader processes carry everything the parent held when they forked:
        # copy only the documents this process actually read.
        self._views = {}
        for key in PER_DOC_KEYS:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def note_host(self, docname: str, line: int) -> None:
        self.data["hosts"].setdefault(docname, []).append(line)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self._views = {}
        entries = []
        refs = set()
        pending = []
        # One walk finds the definition boxes and the term links.
        for node in find_all(document, (nodes.container, addnodes.pending_xref)):
            if isinstance(node, addnodes.pending_xref):
                if node.get("refdomain") == "std" and node.get("reftype") == "term":
                    refs.add(node["reftarget"].lower())
                continue
            box = node
            if ATTR_TERM not in box or box.get(ATTR_DOCNAME) != docname:
                continue
            definition = box[0][0][-1]
            body = [
                child
                for child in definition.children
                if not (isinstance(child, nodes.paragraph) and CLASS_SEE_ALSO in child["classes"])
            ]
            entries.append(
                {
                    "term": box[ATTR_TERM],
                    "aliases": list(box[ATTR_ALIASES]),
                    "see_also": list(box[ATTR_SEE_ALSO]),
                    "anchors": list(box[ATTR_ANCHORS]),
                    "docname": docname,
                    "line": box.line or 0,
                    "first_sentence": first_sentence(body),
                    "body": [],  # filled by store_bodies, after the collectors
                }
            )
            pending.append((entries[-1], body))
        # The nodes themselves, until doctree-read (same process, same page).
        self.__dict__["_pending_bodies"] = pending
        if entries:
            self.data["entries"][docname] = entries
        if refs:
            self.data["refs"][docname] = sorted(refs)

    # -- no cross-references of its own: {term} is the standard domain's ----

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):  # noqa: ANN001
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []

    # -- views ---------------------------------------------------------------

    def all_entries(self) -> list[dict[str, Any]]:
        """Every definition, ordered by term."""
        entries = [e for doc in sorted(self.data["entries"]) for e in self.data["entries"][doc]]
        return sorted(entries, key=lambda e: (sort_key(e["term"]), e["docname"], e["line"]))

    def _view(self, key: str, compute: Any) -> Any:
        """A view of the data, computed once until a document is read or cleared.

        Term links on every page need the name table; computing it per page made the
        write phase grow with pages x terms. Callers must not change the result.
        """
        views = self.__dict__.setdefault("_views", {})
        if key not in views:
            views[key] = compute()
        return views[key]

    def names(self) -> dict[str, dict[str, Any]]:
        """Lower-cased term or alias -> its definition (first one on duplicates)."""
        return self._view("names", self._names)

    def known_names(self, env: BuildEnvironment) -> frozenset[str]:
        """Lower-cased names of our terms and aliases and of every ``std:term``."""
        std = env.domains.standard_domain.objects
        return self._view(f"known-{len(std)}",
                          lambda: frozenset(self.names()) | std_term_names(env))

    def _names(self) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {}
        for entry in self._in_source_order():
            for name in (entry["term"], *entry["aliases"]):
                result.setdefault(name.lower(), entry)
        return result

    def hosts(self) -> list[str]:
        return sorted(self.data["hosts"])

    def _in_source_order(self) -> list[dict[str, Any]]:
        return [
            entry
            for doc in sorted(self.data["entries"])
            for entry in sorted(self.data["entries"][doc], key=lambda e: e["line"])
        ]


# -- consistency checks (after the parallel merge) ----------------------------


def check_consistency(app: Any, env: BuildEnvironment) -> None:
    """Cross-document checks over the merged data, reported in path/line order."""
    domain: AutoglossDomain = env.domains["autogloss"]
    problems: list[tuple[str, int, AutoglossWarning, str, tuple[Any, ...]]] = []

    def where(entry: dict[str, Any]) -> str:
        return f"{env.doc2path(entry['docname'], False)}:{entry['line']}"

    seen: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for entry in domain._in_source_order():
        for name in (entry["term"], *entry["aliases"]):
            seen.setdefault(name.lower(), []).append((entry, name))

    def describe(entry: dict[str, Any], name: str) -> str:
        return "" if name == entry["term"] else f" (alias of {entry['term']!r})"

    for occurrences in seen.values():
        if len(occurrences) < 2:
            continue
        for entry, name in occurrences:
            others = "; ".join(
                f"{where(other)}{describe(other, other_name)}"
                for other, other_name in occurrences
                if other is not entry or other_name != name
            )
            problems.append(
                (
                    entry["docname"],
                    entry["line"],
                    AutoglossWarning.duplicate,
                    "duplicate glossary term %r%s, also defined at %s; "
                    "define each term once and link other mentions with {term}",
                    (name, describe(entry, name), others),
                )
            )

    known = set(seen) | std_term_names(env)
    for entry in domain._in_source_order():
        for name in entry["see_also"]:
            if name.lower() not in known:
                problems.append(
                    (
                        entry["docname"],
                        entry["line"],
                        AutoglossWarning.undefined_see_also,
                        "see-also of %r names an undefined term %r; "
                        "define it or remove it from :see-also:",
                        (entry["term"], name),
                    )
                )
        if not entry["first_sentence"]:
            problems.append(
                (
                    entry["docname"],
                    entry["line"],
                    AutoglossWarning.empty,
                    "glossary term %r has an empty definition; "
                    "write at least one sentence in the {define} block",
                    (entry["term"],),
                )
            )

    problems.sort(key=lambda p: (str(env.doc2path(p[0], False)), p[1], p[2].name, p[3], p[4]))
    for docname, line, subtype, msg, args in problems:
        warn(subtype, msg, *args, location=(docname, line))


# -- incremental builds --------------------------------------------------------


def _render_state(env: BuildEnvironment, domain: AutoglossDomain) -> tuple[str, dict[str, str]]:
    """A hash of what the glossary index shows, and each name's link + hover text."""
    digest = hashlib.sha256()
    for entry in domain.all_entries():
        title = env.titles.get(entry["docname"])
        parts = [
            entry["term"],
            "\x1f".join(entry["aliases"]),
            "\x1f".join(entry["see_also"]),
            entry["docname"],
            "\x1f".join(entry["anchors"]),
            title.astext() if title is not None else "",
            "\x1e".join(node.pformat() for node in entry["body"]),
        ]
        digest.update("\x1d".join(parts).encode())
        digest.update(b"\x1c")
    tips = {}
    for name, entry in domain.names().items():
        tips[name] = "\x1f".join((entry["docname"], entry["anchors"][0], entry["first_sentence"]))
    return digest.hexdigest(), tips


def env_get_updated(app: Any, env: BuildEnvironment) -> list[str]:
    """Pages to rewrite although they were not re-read.

    Glossary index pages when any definition or defining page title changed;
    pages linking to a term whose target or hover text changed. The snapshot
    is stored in the domain data, which is pickled right after this event.
    """
    domain: AutoglossDomain = env.domains["autogloss"]
    old = domain.data["snapshot"]
    digest, tips = _render_state(env, domain)
    outdated: set[str] = set()
    if digest != old.get("digest"):
        outdated.update(domain.hosts())
    old_tips = old.get("tips", {})
    changed = {name for name in set(tips) | set(old_tips) if tips.get(name) != old_tips.get(name)}
    if changed:
        for docname, refs in domain.data["refs"].items():
            if changed.intersection(refs):
                outdated.add(docname)
    domain.data["snapshot"] = {"digest": digest, "tips": tips}
    return sorted(d for d in outdated if d in env.all_docs)
