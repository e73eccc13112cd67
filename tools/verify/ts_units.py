"""The files ``make verify`` writes for TypeScript samples (see ``check_ts.py``).

A sample becomes a :class:`Unit`: its own leading imports, then the code of its
prelude (``tools/verify/preludes/``) around it, and a map from every line of the
file back to the sample line or prelude line it came from. ``seed_template``
writes what ``yarn new`` would generate from the pinned ``@backstage/cli-module-new``
template, so a sample that excerpts generated code is checked in place.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Sample

PRELUDES = Path(__file__).resolve().parent / "preludes"
SNIPPET = "/*SNIPPET*/"

IMPORT_START = re.compile(r"^\s*import\s+(?!\()")
IMPORT_END = re.compile(r"""(\bfrom\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"])\s*;?\s*(//.*)?$""")

def slug(text: str) -> str:
    text = re.sub(r"\.md$", "", text)
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "sample"


def split_imports(lines: list[str]) -> int:
    """Number of leading lines of ``lines`` that are imports, comments or blank."""
    i = 0
    end = 0
    in_import = False
    in_comment = False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if in_comment:
            if "*/" in stripped:
                in_comment = False
        elif in_import:
            if IMPORT_END.search(line):
                in_import = False
                end = i + 1
        elif not stripped or stripped.startswith("//"):
            pass
        elif stripped.startswith("/*"):
            in_comment = "*/" not in stripped
        elif IMPORT_START.match(line):
            if IMPORT_END.search(line):
                end = i + 1
            else:
                in_import = True
        else:
            break
        i += 1
    return end


def imported_names(text: str) -> set[str]:
    names: set[str] = set()
    flat = re.sub(r"\s+", " ", re.sub(r"//[^\n]*", "", text))
    for m in re.finditer(r"import (?:type )?(.*?) from ['\"]", flat):
        clause = m.group(1)
        braces = re.search(r"\{(.*)\}", clause)
        if braces:
            for part in braces.group(1).split(","):
                part = part.strip()
                if part.startswith("type "):
                    part = part[5:]
                if part:
                    names.add(part.split(" as ")[-1].strip())
            clause = clause[: braces.start()]
        for part in clause.split(","):
            part = part.strip()
            if part.startswith("* as "):
                names.add(part[5:].strip())
            elif part and re.fullmatch(r"[A-Za-z_$][\w$]*", part):
                names.add(part)
    return names


def drop_names(line: str, names: set[str]) -> str:
    """Remove NAMES from a one-line prelude import; blank it if nothing is left."""
    m = re.match(r"^(\s*import\s+(?:type\s+)?)\{([^}]*)\}(\s*from\s*['\"][^'\"]+['\"]\s*;?\s*)$", line)
    if m:
        keep = [p.strip() for p in m.group(2).split(",")
                if p.strip() and p.strip().removeprefix("type ").split(" as ")[-1].strip() not in names]
        return f"{m.group(1)}{{ {', '.join(keep)} }}{m.group(3)}" if keep else ""
    m = re.match(r"^\s*import\s+(?:type\s+)?(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\b", line)
    if m and m.group(1) in names:
        return ""
    return line


class Prelude:
    def __init__(self, name: str):
        self.name = name
        self.path = None
        for ext in (".tsx", ".ts"):
            cand = PRELUDES / f"{name}{ext}"
            if cand.exists():
                self.path = cand
        if self.path is None:
            raise FileNotFoundError(name)
        text = self.path.read_text(encoding="utf-8").rstrip("\n")
        lines = text.split("\n")
        at = next((i for i, l in enumerate(lines) if l.strip() == SNIPPET), None)
        if at is None:
            self.before, self.after = lines, []
        else:
            self.before, self.after = lines[:at], lines[at + 1:]
        self.wraps = at is not None
        self.tsx = self.path.suffix == ".tsx"


class Unit:
    """One generated file: its text and, per line, the sample offset or a prelude line."""

    def __init__(self, sample: Sample, rel: str):
        self.sample = sample
        self.rel = rel
        self.lines: list[str] = []
        self.origin: list[tuple[str, int]] = []  # ("sample", offset) | ("prelude", line)
        self.prelude: Prelude | None = None

    def build(self, prelude: Prelude | None) -> None:
        self.prelude = prelude
        code = self.sample.code.rstrip("\n").split("\n")
        if prelude is None:
            self.add(code, "sample", 0)
            return
        head = split_imports(code)
        names = imported_names("\n".join(code[:head]))
        self.add(code[:head], "sample", 0)
        self.add([drop_names(l, names) for l in prelude.before], "prelude", 1)
        self.add(code[head:], "sample", head)
        self.add(prelude.after, "prelude", len(prelude.before) + 2)

    def add(self, lines: list[str], what: str, start: int) -> None:
        for i, line in enumerate(lines):
            self.lines.append(line)
            self.origin.append((what, start + i))


HELPERS = {
    "camelCase": lambda v: re.sub(r"[-_ ]+(.)", lambda m: m.group(1).upper(), v[:1].lower() + v[1:]),
    "upperFirst": lambda v: v[:1].upper() + v[1:],
    "lowerFirst": lambda v: v[:1].lower() + v[1:],
    "kebabCase": lambda v: re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\\1", v).replace("_", "-").lower(),
}


def render(text: str, values: dict[str, str]) -> str:
    """The handlebars subset cli-module-new's templates use: values and helpers."""
    def expr(tokens: list[str]) -> str:
        tok = tokens.pop(0)
        if tok == "(":
            val = expr(tokens)
            tokens.pop(0)  # ")"
            return val
        if tok in HELPERS:
            return HELPERS[tok](expr(tokens))
        if tok[:1] in "'\"":
            return tok[1:-1]
        return values.get(tok, "")

    def one(m: re.Match) -> str:
        tokens = re.findall(r"\(|\)|'[^']*'|\"[^\"]*\"|[^\s()]+", m.group(1))
        if not tokens or tokens[0] in ("versionQuery", "version") or tokens[0][:1] in "#/":
            return m.group(0)
        return expr(tokens)
    return re.sub(r"\{\{\s*(.*?)\s*\}\}", one, text)


def seed_template(name: str, opts: dict[str, str], pdir: Path, node_modules: Path) -> list[Path] | str:
    """Write the .ts/.tsx files of cli-module-new's template NAME into PDIR.

    Returns the files written, or why there are none."""
    base = node_modules / "@backstage" / "cli-module-new" / "templates" / name
    if not base.is_dir():
        return f"no template {name!r} in @backstage/cli-module-new of the workspace"
    written: list[Path] = []
    values = {k: v for k, v in opts.items()}
    meta = (base / "portable-template.yaml").read_text(encoding="utf-8")
    block = re.search(r"^values:\n((?:[ \t]+.*\n?)*)", meta, re.M)
    for line in (block.group(1).splitlines() if block else []):
        key, _, raw = line.strip().partition(":")
        raw = raw.strip().strip("'\"")
        if key and key not in opts:
            values[key] = render(raw, values)
    for src in base.rglob("*"):
        rel = str(src.relative_to(base))
        plain = rel.removesuffix(".hbs")
        if not src.is_file() or not plain.endswith((".ts", ".tsx")):
            continue
        dest = pdir / render(plain, values)
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        dest.write_text(render(text, values) if rel.endswith(".hbs") else text, encoding="utf-8")
        written.append(dest.resolve())
    return written
