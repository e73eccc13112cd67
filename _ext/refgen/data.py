"""Reading the data files: the release's facts (JSON) and our descriptions (YAML).

Each file is parsed once per process and cached by path and modification time, so the
directives of a large site share one parse. Descriptions keep the line of each entry, for
warnings that point into the data file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Facts:
    release: str
    config: dict[str, dict]          # path -> {type, enum, default, visibility, packages}
    actions: dict[str, dict]         # id -> {package, inputs, outputs}

    def groups(self) -> list[str]:
        return sorted({group_of(path) for path in self.config})


@dataclass(frozen=True)
class Descriptions:
    path: str
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


_cache: dict[tuple, object] = {}


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
