"""List the configuration keys and scaffolder action ids that guides mention in backticks.

    .venv/bin/python -m tools.refdata.mentions            # every mention, then the counts
    .venv/bin/python -m tools.refdata.mentions --missing  # only those that need a link
    .venv/bin/python -m tools.refdata.mentions --check    # exit 1 when any needs a link
    .venv/bin/python -m tools.refdata.mentions --fix      # link the plain key paths and ids
    .venv/bin/python -m tools.refdata.mentions --usage    # the keys the site sets most

A guide names a key with ``{config}`key.path``` and an action with ``{action}`id```, so the
reader reaches the generated reference instead of a second description. This tool reads the
guide pages (``GUIDES``), skips code blocks and comments, and sorts every inline-code span that
is a key of ``source/_data/refdata.json`` (as the ``{config}`` role matches it: exact, a name
you chose for ``*``, an index for ``[]``, a ``<placeholder>``) or a registered action id:

- ``linked``: written with the role;
- ``repeat``: plain code, but the same key or action is linked earlier in the same section
  (the rule is the first mention per section);
- ``allowed``: listed in ``ALLOWED`` below, with the reason;
- ``missing``: plain code that should be a link (``key: value`` spans count too: write
  ``set {config}`key` to `value```; so does a ``<placeholder>`` path that fits several keys:
  name one, or the part that fits one, such as ``auth.providers.<provider>``).

``--fix`` rewrites each ``missing`` span that is a bare key path or action id into the role
(``key: value`` spans and ambiguous paths stay for you to reword); review the diff: a span
that means something else (an entity field, an annotation) belongs in ``ALLOWED``.
Headings are not checked (a link in a heading is a link in every table of contents).

Single-segment names (``catalog``, ``backend``, ``auth``) are not checked: in prose they
mostly name a plugin or a package, not the top-level key. ``tests/test_refgen.py
::test_guides_link_config_keys_and_actions`` fails while any mention is ``missing``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "source"
# The guide sections (task, conceptual and troubleshooting pages) and the hand-written format
# references that name actions and keys. Left out: the generated reference and its
# introduction (configuration.md explains the path notation with example paths), the glossary
# (its definitions are copied into hover cards elsewhere) and the contributing guide, which
# shows the roles as markup.
GUIDES = ("admin", "getting-started", "developer", "integrator", "overview",
          "reference/knowledge-base", "reference/template-format.md",
          "reference/annotations.md", "reference/catalog-entities.md",
          "reference/relations.md")

# Deliberate plain mentions: (page relative to source/, text in backticks) -> reason.
_EVERY_PROVIDER = ("a pattern over every OAuth provider: the reference has one key per provider "
                   "(auth.providers.github.*.signIn.resolvers, ...), so no single link fits")
ALLOWED: dict[tuple[str, str], str] = {
    ("admin/sign-in/index.md", "auth.providers.<id>.<environment>.signIn.resolvers"):
        _EVERY_PROVIDER,
    ("admin/sign-in/resolvers.md", "auth.providers.<id>.<environment>.signIn.resolvers"):
        _EVERY_PROVIDER,
    ("reference/knowledge-base/supported-sign-in-providers.md",
     "auth.providers.<provider>.<environment>.signIn.resolvers"): _EVERY_PROVIDER,
}

# Fences whose content is code (everything else in braces holds prose, like {note}).
CODE_DIRECTIVES = {"code-block", "code", "sourcecode", "literalinclude", "mermaid", "math",
                   "raw", "eval-rst", "graphviz", "config-reference", "action-reference"}
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?(.*)$")
_HEADING = re.compile(r"^#{1,6}\s")
_ROLE = re.compile(r"\{(config|action)\}(`+)(.+?)\2")
_CODE = re.compile(r"(?<![`}])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_EXPLICIT = re.compile(r"^(.+?)\s+<([^<>]*?)>$")
_SETTING = re.compile(r"^([\w.\[\]<>*/-]+):\s+\S.*$")


@dataclass(frozen=True)
class Mention:
    page: str          # relative to source/
    line: int
    text: str          # as written between the backticks
    kind: str          # "config" or "action"
    target: str        # the schema path or action id it stands for
    status: str        # linked, repeat, allowed or missing

    def __str__(self) -> str:
        shown = self.text if self.text == self.target else f"{self.text} -> {self.target}"
        return f"source/{self.page}:{self.line}: {self.status:8} {self.kind:6} {shown}"


def load_facts():
    sys.path.insert(0, str(REPO / "_ext"))
    from refgen.data import load_facts as load

    facts = load(SOURCE / "_data" / "refdata.json")
    if facts is None:
        raise SystemExit("cannot read source/_data/refdata.json")
    return facts


def guide_pages(source: Path = SOURCE) -> list[Path]:
    return sorted(p for entry in GUIDES for p in (
        [source / entry] if entry.endswith(".md") else (source / entry).rglob("*.md")))


def _classify(facts, text: str) -> tuple[str, str, bool] | None:
    """(kind, target, fixable) when ``text`` names a key (two segments or more) or an action.

    A ``key: value`` span and a placeholder path that fits several keys are not fixable
    by a role alone; the target of the latter is ``several keys``.
    """
    if text in facts.actions:
        return "action", text, True
    setting = _SETTING.match(text)
    path = setting.group(1) if setting else text
    if "." not in path or " " in path:
        return None
    matches = facts.match_config(path)
    if len(matches) == 1:
        return "config", matches[0], not setting
    if len(matches) > 1 and "<" in path:
        return "config", f"several keys: {', '.join(matches[:3])}, ...", False
    return None


def prose_lines(text: str):
    """(line number, line) of the prose: no front matter, comments or code fences."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    stack: list[tuple[str, bool]] = []   # (fence marker, is code)
    for number, line in enumerate(lines[start:], start + 1):
        match = _FENCE.match(line)
        if match:
            marker, directive, rest = match.group(1), match.group(3), match.group(4).strip()
            if stack and marker[0] == stack[-1][0][0] and len(marker) >= len(stack[-1][0]) \
                    and not directive and not rest:
                stack.pop()
                continue
            if not (stack and stack[-1][1]):
                code = directive in CODE_DIRECTIVES if directive else marker[0] != ":"
                stack.append((marker, code))
                continue
        if any(code for _, code in stack):
            continue
        stripped = line.lstrip()
        if stripped.startswith("%") or re.match(r"^:[\w-]+:", stripped):
            continue   # a MyST comment or a directive option
        yield number, line


def scan_page(path: Path, facts, source: Path = SOURCE, fix: bool = False) -> list[Mention]:
    """The mentions of one page; with ``fix``, rewrite the page with the fixable ones linked."""
    page = path.relative_to(source).as_posix()
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found: list[Mention] = []
    linked: set[str] = set()      # targets linked in the current section
    for number, line in prose_lines(text):
        if _HEADING.match(line):
            linked = set()
            continue
        spans = []
        for match in _ROLE.finditer(line):
            role_text = match.group(3)
            explicit = _EXPLICIT.match(role_text)
            target = explicit.group(2) if explicit else role_text
            spans.append((match.start(), match.end(), "role", match.group(1), target))
        masked = _ROLE.sub(lambda m: " " * len(m.group(0)), line)
        for match in _CODE.finditer(masked):
            spans.append((match.start(), match.end(), "code", None, match.group(2).strip()))
        edits = []
        for start, end, how, role, span in sorted(spans):
            if how == "role":
                if role == "action":
                    kind, target = "action", span
                else:
                    matches = facts.match_config(span)
                    kind, target = "config", (matches[0] if len(matches) == 1 else span)
                linked.add(target)
                found.append(Mention(page, number, span, kind, target, "linked"))
                continue
            hit = _classify(facts, span)
            if hit is None:
                continue
            kind, target, fixable = hit
            if (page, span) in ALLOWED:
                status = "allowed"
            elif target in linked:
                status = "repeat"
            elif fix and fixable:
                status = "linked"
                edits.append((start, kind))
                linked.add(target)
            else:
                status = "missing"
            found.append(Mention(page, number, span, kind, target, status))
        for start, kind in reversed(edits):
            line = f"{line[:start]}{{{kind}}}{line[start:]}"
        if edits:
            ending = lines[number - 1][len(lines[number - 1].rstrip("\r\n")):]
            lines[number - 1] = line.rstrip("\r\n") + ending
    if fix and "".join(lines) != text:
        path.write_text("".join(lines), encoding="utf-8")
    return found


def scan(source: Path = SOURCE, facts=None, fix: bool = False) -> list[Mention]:
    facts = facts or load_facts()
    return [m for page in guide_pages(source) for m in scan_page(page, facts, source, fix)]


def unused_allowances(mentions: list[Mention]) -> list[tuple[str, str]]:
    used = {(m.page, m.text) for m in mentions if m.status == "allowed"}
    return sorted(set(ALLOWED) - used)


def key_usage(source: Path = SOURCE, facts=None) -> Counter:
    """How often the site uses each configuration key: in config samples and in guide links.

    A key counts once per config sample that sets it (every level of the path, so setting
    ``backend.database.client`` counts ``backend`` and ``backend.database`` too) and once per
    ``{config}`` link in a guide. It is the site's own measure of the keys people set most.
    """
    import yaml

    sys.path.insert(0, str(REPO))
    from tools.verify.extract import extract

    facts = facts or load_facts()
    counts: Counter = Counter()

    def walk(node, prefix: str, seen: set[str]) -> None:
        items = (node.items() if isinstance(node, dict) else
                 ((f"[{i}]", v) for i, v in enumerate(node)) if isinstance(node, list) else ())
        for key, value in items:
            path = f"{prefix}{key}" if str(key).startswith("[") else (
                f"{prefix}.{key}" if prefix else str(key))
            matches = facts.match_config(path)
            if len(matches) == 1:
                seen.add(matches[0])
            walk(value, path, seen)

    samples, _ = extract(source.parent)
    for sample in samples:
        if sample.kind != "config":
            continue
        seen: set[str] = set()
        try:
            for doc in yaml.safe_load_all(sample.code):
                walk(doc, "", seen)
        except yaml.YAMLError:
            continue
        counts.update(seen)
    counts.update(m.target for m in scan(source, facts)
                  if m.kind == "config" and m.status == "linked" and m.target in facts.config)
    return counts


def most_used(counts: Counter, n: int) -> list[str]:
    return sorted(counts, key=lambda key: (-counts[key], key))[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.refdata.mentions",
                                     description=__doc__.split("\n\n")[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--missing", action="store_true", help="list only mentions to link")
    parser.add_argument("--check", action="store_true", help="exit 1 when a mention lacks a link")
    parser.add_argument("--fix", action="store_true", help="link the fixable mentions in place")
    parser.add_argument("--usage", type=int, nargs="?", const=150, metavar="N",
                        help="the N keys the site uses most (default 150) and which lack a "
                             "description of ours")
    args = parser.parse_args(argv)
    if args.usage:
        load_facts()
        from refgen.data import load_descriptions

        described = load_descriptions(SOURCE / "_data" / "config-descriptions.yaml").texts
        counts = key_usage()
        top = most_used(counts, args.usage)
        for key in top:
            if key not in described:
                print(f"no description: {key} (used {counts[key]} times)")
        print(f"{len(counts)} keys used; of the {len(top)} used most, "
              f"{sum(k in described for k in top)} have a description of ours "
              f"({len(described)} descriptions in all)")
        return 0
    mentions = scan(fix=args.fix)
    for mention in mentions:
        if not (args.missing or args.check) or mention.status == "missing":
            print(mention)
    counts = Counter((m.kind, m.status) for m in mentions)
    print(f"\n{len(guide_pages())} guide pages; " + "; ".join(
        f"{kind}: " + ", ".join(f"{counts[kind, s]} {s}" for s in
                                ("linked", "repeat", "allowed", "missing"))
        for kind in ("config", "action")))
    stale = unused_allowances(mentions)
    for page, text in stale:
        print(f"ALLOWED entry no longer used: {page} `{text}`", file=sys.stderr)
    missing = counts["config", "missing"] + counts["action", "missing"]
    return 1 if args.check and (missing or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
