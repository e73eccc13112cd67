"""Data shared by the extractor, the checkers and the report of ``make verify``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    path: str  # the page, relative to the repository root: source/x/y.md
    line: int  # 1-based line in the page of the first line of ``code``
    lang: str
    code: str
    kind: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class Failure:
    sample: Sample
    offset: int  # 0-based line within sample.code
    message: str


@dataclass
class Env:
    root: Path
    node: Path  # the node binary
    node_modules: Path
    versions: dict
    workdir: Path  # scratch folder under .cache/verify/work
