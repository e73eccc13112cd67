"""Data shared by the extractor, the runner and the checkers of ``make verify``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    """One code block of a page.

    ``line`` is the 1-based line in the .md file of the first line of ``code``;
    ``kind`` is the checker that handles it (or ``exempt``); ``options`` holds the
    ``key=value`` pairs of its ``% verify:`` marker (``reason`` for an exemption).
    """

    path: str
    line: int
    lang: str
    code: str
    kind: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class Failure:
    """A problem in a sample; ``offset`` is the 0-based line within ``sample.code``."""

    sample: Sample
    offset: int
    message: str

    def report(self) -> str:
        return (f"{self.sample.path}:{self.sample.line + self.offset}: "
                f"[verify.{self.sample.kind}] {self.message}")


@dataclass
class Env:
    root: Path          # the repository
    node: Path          # the Node 22 binary
    node_modules: Path  # the installed release workspace (.cache/verify/node_modules)
    versions: dict      # tools/versions.json
    workdir: Path       # scratch space under .cache/verify/work
