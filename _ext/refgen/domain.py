"""The ``refgen`` domain: storage of config-key and action targets, and the two roles.

``data['config'][path]`` and ``data['action'][id]`` map each target to ``(docname, node id)``;
``data['groups'][docname]`` lists the top-level keys a page renders and
``data['actions_pages']`` the pages that render actions. Per-document data is dropped in
``clear_doc`` and merged by docname after parallel reads.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .data import env_facts
from .warnings import RefgenWarning, warn


class RefgenRole(XRefRole):
    """``{config}`key.path``` and ``{action}`id```: a code-styled link to the generated entry.

    An explicit target needs a space before ``<`` (``{config}`the port <backend.listen.port>```),
    so a placeholder segment such as ``auth.providers.<provider>`` stays part of the key.
    """

    explicit_title_re = re.compile(r"^(.+?)\s+(?<!\x00)<([^<>]*?)>$", re.DOTALL)

    def __init__(self, objtype: str) -> None:
        super().__init__(innernodeclass=nodes.literal, warn_dangling=False)
        self.objtype = objtype

    def run(self):
        self.refdomain, self.reftype = "refgen", self.objtype
        self.classes = ["xref", "refgen", f"refgen-{self.objtype}"]
        return self.create_xref_node()


class RefgenDomain(Domain):
    name = "refgen"
    label = "Backstage reference"
    object_types = {
        "config": ObjType("configuration key", "config"),
        "action": ObjType("scaffolder action", "action"),
    }
    roles = {"config": RefgenRole("config"), "action": RefgenRole("action")}
    initial_data: dict[str, Any] = {"config": {}, "action": {}, "groups": {}, "actions_pages": {}}
    data_version = 1

    # -- storage ---------------------------------------------------------------
    def add(self, objtype: str, name: str, docname: str, node_id: str, location) -> None:
        table = self.data[objtype]
        if name in table and table[name][0] != docname:
            warn(RefgenWarning.duplicate, "%s %r is also rendered in %r; link targets go to the "
                 "first", objtype, name, table[name][0], location=location)
            return
        table.setdefault(name, (docname, node_id))

    def clear_doc(self, docname: str) -> None:
        for objtype in ("config", "action"):
            table = self.data[objtype]
            for name in [n for n, (doc, _) in table.items() if doc == docname]:
                del table[name]
        self.data["groups"].pop(docname, None)
        self.data["actions_pages"].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        for objtype in ("config", "action"):
            for name, (doc, node_id) in otherdata[objtype].items():
                if doc in docnames:
                    self.add(objtype, name, doc, node_id, location=doc)
        for key in ("groups", "actions_pages"):
            for doc, value in otherdata[key].items():
                if doc in docnames:
                    self.data[key][doc] = value

    # -- resolution ----------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        target = target.strip()
        entry = self.data.get(typ, {}).get(target)
        facts = None
        if entry is None and typ == "config":
            # a key as written in a guide: a name you chose, an index or a <placeholder>
            facts = env_facts(env)
            matches = facts.match_config(target) if facts is not None else []
            if len(matches) > 1:
                shown = ", ".join(matches[:4]) + (", ..." if len(matches) > 4 else "")
                warn(RefgenWarning.ambiguous_config, "configuration key %r matches %d keys (%s); "
                     "name one, for example {config}`text <%s>`", target, len(matches), shown,
                     matches[0], location=node)
                return contnode
            if matches:
                target = matches[0]
                entry = self.data["config"].get(target)
        if entry is None:
            facts = facts or env_facts(env)
            known = facts is not None and target in (
                facts.config if typ == "config" else facts.actions)
            subtype = RefgenWarning.unknown_config if typ == "config" else RefgenWarning.unknown_action
            if known:
                msg = "%s %r exists in the release but no page renders it"
            elif typ == "config":
                msg = "configuration key %r is not in the release's configuration schemas"
            else:
                msg = "scaffolder action %r is not registered by the release"
            args = (typ, target) if known else (target,)
            warn(subtype, msg, *args, location=node)
            return contnode
        docname, node_id = entry
        return make_refnode(builder, fromdocname, docname, node_id, contnode, target)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        results = []
        for typ in ("config", "action"):
            entry = self.data[typ].get(target)
            if entry:
                results.append((f"refgen:{typ}", make_refnode(
                    builder, fromdocname, entry[0], entry[1], contnode, target)))
        return results

    def get_objects(self):
        for typ in ("config", "action"):
            for name, (docname, node_id) in sorted(self.data[typ].items()):
                yield name, name, typ, docname, node_id, 1
