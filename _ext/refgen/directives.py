"""``{config-reference}`` and ``{action-reference}``: render the data files as standard nodes.

Both produce definition lists (and small tables for action inputs and outputs), so every
builder writes them without visitors of its own. Each entry's term carries the target id that
the domain records for ``{config}`` / ``{action}`` links.
"""

from __future__ import annotations

import json
import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .data import Descriptions, descriptions_paths, env_facts, facts_path, group_of, load_descriptions
from .warnings import RefgenWarning, warn

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def make_id(document: nodes.document, prefix: str, name: str) -> str:
    base = prefix + "-" + _UNSAFE.sub("-", name.replace("[]", "-items").replace("*", "-any")).strip("-")
    node_id, n = base, 1
    while node_id in document.ids:
        n += 1
        node_id = f"{base}-{n}"
    return node_id


def _value(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


class _RefDirective(SphinxDirective):
    optional_arguments = 50
    has_content = False

    def _load(self):
        self.env.note_dependency(str(facts_path(self.env)))
        for path in descriptions_paths(self.env):
            self.env.note_dependency(str(path))
        facts = env_facts(self.env)
        if facts is None:
            warn(RefgenWarning.data, "cannot read the facts file %r; run `make refdata`",
                 str(facts_path(self.env)), location=self.get_location())
        return facts

    def _text(self, text: str) -> list[nodes.Node]:
        inline, messages = self.parse_inline(text, lineno=self.lineno)
        return [*inline, *messages]

    def _facts_line(self, parts: list[tuple[str, list[nodes.Node]]]) -> nodes.paragraph:
        para = nodes.paragraph(classes=["refgen-facts"])
        for i, (label, value) in enumerate(parts):
            if i:
                para += nodes.Text("; ")
            para += nodes.emphasis(text=label)
            para += nodes.Text(": ")
            para.extend(value)
        para += nodes.Text(".")
        return para

    @staticmethod
    def _literals(values) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for i, value in enumerate(values):
            if i:
                out.append(nodes.Text(", "))
            out.append(nodes.literal(text=_value(value)))
        return out


class ConfigReference(_RefDirective):
    """Every key of the given top-level groups (all groups without arguments)."""

    def run(self) -> list[nodes.Node]:
        facts = self._load()
        if facts is None:
            return []
        descriptions = load_descriptions(descriptions_paths(self.env)[0]) or Descriptions("")
        available = facts.groups()
        groups = self.arguments or available
        for group in groups:
            if group not in available:
                warn(RefgenWarning.unknown_group, "no configuration key starts with %r; groups "
                     "are the top-level keys of the facts file", group, location=self.get_location())
        groups = [g for g in groups if g in available]
        domain = self.env.domains["refgen"]
        domain.data["groups"][self.env.docname] = groups
        result: list[nodes.Node] = []
        for group in groups:
            if len(groups) > 1:
                rubric = nodes.rubric(text=group, ids=[make_id(self.state.document, "config-group", group)])
                self.state.document.note_explicit_target(rubric)
                result.append(rubric)
            result.append(self._group(facts, descriptions, group, domain))
        return result

    def _group(self, facts, descriptions, group, domain) -> nodes.definition_list:
        dl = nodes.definition_list(classes=["refgen-config"])
        for path in sorted(p for p in facts.config if group_of(p) == group):
            entry = facts.config[path]
            node_id = make_id(self.state.document, "config", path)
            term = nodes.term("", "", ids=[node_id])
            term += nodes.literal(text=path)
            self.state.document.ids[node_id] = term
            domain.add("config", path, self.env.docname, node_id, self.get_location())
            definition = nodes.definition()
            text = descriptions.texts.get(path)
            if text:
                definition += nodes.paragraph("", "", *self._text(text))
            parts = [("Type", self._literals(entry.get("type") or ["any"]))]
            if entry.get("enum"):
                parts.append(("Allowed values", self._literals(entry["enum"])))
            if "default" in entry:
                parts.append(("Default", self._literals([entry["default"]])))
            parts.append(("Visibility", [nodes.Text(entry.get("visibility", "backend"))]))
            parts.append(("Declared by", self._literals(entry.get("packages", []))))
            definition += self._facts_line(parts)
            dl += nodes.definition_list_item("", term, definition)
        return dl


class ActionReference(_RefDirective):
    """Every scaffolder action (or those whose id starts with one of the arguments)."""

    def run(self) -> list[nodes.Node]:
        facts = self._load()
        if facts is None:
            return []
        descriptions = load_descriptions(descriptions_paths(self.env)[1]) or Descriptions("")
        domain = self.env.domains["refgen"]
        domain.data["actions_pages"][self.env.docname] = list(self.arguments)
        dl = nodes.definition_list(classes=["refgen-actions"])
        for action_id in sorted(facts.actions):
            if self.arguments and not any(action_id.startswith(a) for a in self.arguments):
                continue
            entry = facts.actions[action_id]
            node_id = make_id(self.state.document, "action", action_id)
            term = nodes.term("", "", ids=[node_id])
            term += nodes.literal(text=action_id)
            self.state.document.ids[node_id] = term
            domain.add("action", action_id, self.env.docname, node_id, self.get_location())
            definition = nodes.definition()
            text = descriptions.texts.get(action_id)
            if text:
                definition += nodes.paragraph("", "", *self._text(text))
            definition += self._facts_line([("Package", self._literals([entry["package"]]))])
            for label, fields in (("Input", entry.get("inputs", [])),
                                  ("Output", entry.get("outputs", []))):
                if fields:
                    definition += self._table(label, fields)
                else:
                    definition += nodes.paragraph(text=f"{label}: none.")
            dl += nodes.definition_list_item("", term, definition)
        return [dl]

    @staticmethod
    def _table(label: str, fields: list[dict]) -> nodes.table:
        table = nodes.table(classes=["refgen-fields"])
        table += nodes.title(text=f"{label}s")
        group = nodes.tgroup(cols=3)
        table += group
        for width in (40, 40, 20):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for title in (label, "Type", "Required"):
            row += nodes.entry("", nodes.paragraph(text=title))
        head += row
        tbody = nodes.tbody()
        group += tbody
        for field in fields:
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=field["name"])))
            row += nodes.entry("", nodes.paragraph(text=field.get("type") or "any"))
            row += nodes.entry("", nodes.paragraph(text="yes" if field.get("required") else "no"))
            tbody += row
        return table
