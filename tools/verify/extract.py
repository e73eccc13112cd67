"""Find every code block of the site's MyST pages and classify it.

A block is a fenced code block (```` ``` ```` or ``~~~``), also when it sits
inside a directive whose body is Markdown (tab sets, admonitions, cards), or a
``{code-block}``/``{code}`` directive.  Directives whose body is not Markdown
(``{mermaid}``, ``{toctree}``, the docmeta directives) hold no samples.

A MyST comment line directly above the fence steers the check:

    % verify: exempt: <short reason>
    % verify: <kind> [key=value ...]
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .model import Sample

KINDS = ("ts", "config", "catalog", "template", "command", "yaml", "json", "shell",
         "dockerfile")
CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
# Directives whose body is parsed as Markdown, so fences inside them are samples.
MARKDOWN_DIRECTIVES = {
    "note", "tip", "warning", "important", "caution", "danger", "attention", "hint",
    "error", "seealso", "admonition", "versionadded", "versionchanged", "deprecated",
    "tab-set", "tab-item", "dropdown", "grid", "grid-item", "grid-item-card", "card",
    "topic", "sidebar", "rubric", "div", "container", "define", "kb-article", "figure",
    "only", "margin", "epigraph", "highlights", "pull-quote", "tab-set-code",
}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
MARKER = re.compile(r"^\s*%\s*verify:\s*(?P<body>.*?)\s*$")
TS_LANGS = {"ts", "tsx", "typescript", "js", "jsx", "javascript", "mjs", "cjs"}
SHELL_LANGS = {"console", "bash", "sh", "shell", "shell-session", "zsh"}
COMMAND = re.compile(r"(^|[\s;&|(])(yarn|npx|npm exec)\s")


class MarkerError(ValueError):
    pass


def parse_marker(body: str) -> tuple[str, dict[str, str]]:
    if body.startswith("exempt"):
        reason = body[len("exempt"):].lstrip(":").strip()
        if not reason:
            raise MarkerError("an exemption needs a reason: % verify: exempt: <reason>")
        return "exempt", {"reason": reason}
    words = body.split()
    if not words:
        raise MarkerError("empty % verify: marker")
    kind, options = words[0], {}
    if "=" in kind:
        kind, words = "", words
    else:
        words = words[1:]
    for word in words:
        key, eq, value = word.partition("=")
        if not eq:
            raise MarkerError(f"marker option {word!r} is not key=value")
        options[key] = value
    if kind and kind not in KINDS:
        raise MarkerError(f"unknown verify kind {kind!r} (one of {', '.join(KINDS)})")
    return kind, options


def shell_lines(lang: str, code: str) -> list[tuple[int, str]]:
    """The command lines of a shell block as (offset, command) pairs.

    In ``console`` blocks only ``$ `` lines are commands (the rest is output);
    a trailing backslash joins the next line.
    """
    out: list[tuple[int, str]] = []
    lines = code.split("\n")
    i = 0
    while i < len(lines):
        line, start = lines[i], i
        if lang == "console":
            if not re.match(r"^\s*[$#] ", line):
                i += 1
                continue
            line = re.sub(r"^\s*[$#] ", "", line)
        while line.endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line[:-1] + " " + lines[i].strip()
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((start, line))
        i += 1
    return out


def yaml_docs(code: str) -> list | None:
    try:
        return [d for d in yaml.safe_load_all(code) if d is not None]
    except yaml.YAMLError:
        return None


def classify(lang: str, code: str) -> str:
    lang = lang.lower()
    if lang in TS_LANGS:
        return "ts"
    if lang in ("yaml", "yml"):
        docs = yaml_docs(code)
        if docs is None:
            return "yaml"  # the yaml checker reports the parse error
        versions = [str(d.get("apiVersion", "")) for d in docs if isinstance(d, dict)]
        if any(v.startswith("scaffolder.backstage.io/") for v in versions):
            return "template"
        if any(v.startswith("backstage.io/") for v in versions):
            return "catalog"
        if any(versions):
            return "yaml"  # Kubernetes and other manifests
        if docs and all(isinstance(d, dict) for d in docs):
            return "config"
        return "yaml"
    if lang in ("json", "jsonc", "json5"):
        return "json"
    if lang in SHELL_LANGS:
        if any(COMMAND.search(cmd) for _, cmd in shell_lines(lang, code)):
            return "command"
        return "shell"
    if lang in ("dockerfile", "docker"):
        return "dockerfile"
    return "unclassified"


def directive_body(lines: list[str]) -> tuple[int, list[str]]:
    """Skip the option block (``:key: value`` lines or a ``---`` YAML block)."""
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        return i + 1, lines[i + 1:]
    while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):
        i += 1
    if i and i < len(lines) and not lines[i].strip():
        i += 1
    return i, lines[i:]


def scan(path: str, lines: list[str], first: int, samples: list[Sample],
         errors: list[tuple[str, int, str]]) -> None:
    """Scan Markdown ``lines`` (``first`` = 1-based line of lines[0])."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = len(m["indent"]), m["fence"], m["info"].strip()
        close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        body = [ln[indent:] if ln[:indent].strip() == "" else ln.lstrip()
                for ln in lines[i + 1:j]]
        marker = None
        if i > 0:
            mm = MARKER.match(lines[i - 1])
            if mm:
                marker = mm["body"]
        d = re.match(r"^\{([\w:-]+)\}\s*(.*)$", info)
        if d:
            name, arg = d[1], d[2].strip()
            if name in CODE_DIRECTIVES:
                skip, code_lines = directive_body(body)
                add(path, first + i + 1 + skip, arg or "", code_lines, marker, samples, errors)
            elif name in MARKDOWN_DIRECTIVES:
                skip, inner = directive_body(body)
                scan(path, inner, first + i + 1 + skip, samples, errors)
        elif fence[0] != ":":
            add(path, first + i + 1, info.split()[0] if info else "", body, marker,
                samples, errors)
        i = j + 1


def add(path: str, line: int, lang: str, body: list[str], marker: str | None,
        samples: list[Sample], errors: list[tuple[str, int, str]]) -> None:
    code = "\n".join(body)
    kind, options = "", {}
    if marker is not None:
        try:
            kind, options = parse_marker(marker)
        except MarkerError as exc:
            errors.append((path, line - 2, str(exc)))
    if not kind:
        kind = classify(lang, code)
    samples.append(Sample(path, line, lang, code, kind, options))


def extract(root: Path, files: list[Path] | None = None):
    """Return (samples, marker errors) for every page under ``root/source``."""
    samples: list[Sample] = []
    errors: list[tuple[str, int, str]] = []
    for page in files or sorted((root / "source").rglob("*.md")):
        rel = page.relative_to(root).as_posix()
        scan(rel, page.read_text(encoding="utf-8").split("\n"), 1, samples, errors)
    return samples, errors
