"""Reading the data files: the release's facts (JSON) and our descriptions (YAML).

Each file is parsed once per process and cached by path and modification time, so the
directives of a large site share one parse. Descriptions keep the line of each entry, for
warnings that point into the data file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Facts:
    release: str
    config: dict[str, dict]          # path -> {type, enum, default, visibility, packages}
    actions: dict[str, dict]         # id -> {package, inputs, outputs}
    by_length: dict = field(default_factory=dict, compare=False, repr=False)  # see _index

    def groups(self) -> list[str]:
        return sorted({group_of(path) for path in self.config})

    def match_config(self, text: str) -> list[str]:
        """The schema paths a key as written in prose stands for, best first.

        Exact paths match themselves. Otherwise a name you chose matches a ``*`` segment
        (``auth.providers.github.development`` -> ``auth.providers.github.*``), an index
        matches ``[]`` (``integrations.github[0].token`` -> ``integrations.github[].token``)
        and a placeholder ``<provider>`` matches ``*`` or, failing that, any name. Of the
        matches, those naming the most segments literally win; one winner is a match,
        several are ambiguous, none is unknown.
        """
        if text in self.config:
            return [text]
        return _match(_index(self), _segments(text))


@dataclass(frozen=True)
class Descriptions:
    path: str
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


_cache: dict[tuple, object] = {}
_INDEX = re.compile(r"\[(\d*|\*)\]")


def _segments(path: str) -> list[tuple[str, str]]:
    """``a.b[0].<c>`` -> ``[('a', ''), ('b', '[]'), ('<c>', '')]`` (name, list suffix)."""
    out = []
    for part in path.split("."):
        name = _INDEX.sub("", part)
        out.append((name, "[]" * len(_INDEX.findall(part))))
    return out


def _index(facts: "Facts") -> dict[int, list[tuple[str, list[tuple[str, str]]]]]:
    """The facts' key paths as segments, by number of segments (built once per facts)."""
    if not facts.by_length:
        for path in facts.config:
            segments = _segments(path)
            facts.by_length.setdefault(len(segments), []).append((path, segments))
    return facts.by_length


def _match(index, query: list[tuple[str, str]]) -> list[str]:
    scored = []
    for path, segments in index.get(len(query), ()):
        literal = wild = 0
        for (qname, qlist), (pname, plist) in zip(query, segments):
            if qlist != plist:
                break
            placeholder = qname == "*" or (qname.startswith("<") and qname.endswith(">"))
            if qname == pname and not placeholder:
                literal += 1
            elif pname == "*":
                wild += placeholder
            elif not placeholder:
                break
        else:
            scored.append(((literal, wild), path))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return sorted(path for score, path in scored if score == best)


def group_of(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _key(path: Path) -> tuple:
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), None)


def load_facts(path: Path) -> Facts | None:
    key = ("facts", *_key(path))
    if key not in _cache:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        config = {entry["path"]: entry for entry in raw.get("config", {}).get("keys", [])}
        actions = {entry["id"]: entry for entry in raw.get("actions", [])}
        _cache[key] = Facts(raw.get("release", ""), config, actions)
    return _cache[key]  # type: ignore[return-value]


def load_descriptions(path: Path) -> Descriptions | None:
    """A flat YAML mapping ``key: text``, with the line of each key (1-based)."""
    key = ("desc", *_key(path))
    if key not in _cache:
        try:
            text = path.read_text(encoding="utf-8")
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            return None
        texts: dict[str, str] = {}
        lines: dict[str, int] = {}
        if isinstance(root, yaml.MappingNode):
            for knode, vnode in root.value:
                name = str(knode.value)
                texts[name] = " ".join(str(vnode.value).split()) if isinstance(
                    vnode, yaml.ScalarNode) else ""
                lines[name] = knode.start_mark.line + 1
        _cache[key] = Descriptions(str(path), texts, lines)
    return _cache[key]  # type: ignore[return-value]


def facts_path(env) -> Path:
    return Path(env.srcdir, env.config.refgen_facts)


def descriptions_paths(env) -> tuple[Path, Path]:
    return (Path(env.srcdir, env.config.refgen_config_descriptions),
            Path(env.srcdir, env.config.refgen_action_descriptions))


def env_facts(env) -> Facts | None:
    return load_facts(facts_path(env))
