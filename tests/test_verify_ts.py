"""The TypeScript checker of ``make verify`` (tools/verify/check_ts.py).

It needs the pinned Node workspace (``.cache/verify/node_modules``, installed by
``make verify``); without it the tests are skipped with a message.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tools.verify import check_ts
from tools.verify.model import Env

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "verify-ts"


def workspace() -> tuple[Path, Path] | None:
    modules = Path(os.environ.get("VERIFY_NODE_MODULES", REPO / ".cache/verify/node_modules"))
    node = REPO / ".cache/node/bin/node"
    node = node if node.exists() else Path(shutil.which("node") or "node")
    if not (modules / "typescript").is_dir() or not node.exists():
        return None
    return node, modules


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    found = workspace()
    if found is None:
        pytest.skip("the Node workspace of make verify is not installed "
                    "(.cache/verify/node_modules); run make verify once")
    shutil.copytree(ROOT, tmp_path / "site")
    return tmp_path / "site"


def run(tree: Path) -> list[str]:
    node, modules = workspace()  # type: ignore[misc]
    samples = [s for page in sorted((tree / "source").glob("*.md"))
               for s in check_ts.extract(page, tree)]
    env = Env(tree, node, modules, {}, tree / ".cache/verify/work")
    return sorted(f"{f.sample.path}:{f.sample.line + f.offset}: [verify.ts] {f.message}"
                  for f in check_ts.check(samples, env))


def plant(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_tree_passes(tree):
    assert run(tree) == []


def test_misspelled_import_is_reported_at_its_line(tree):
    plant(tree / "source/backend.md", "import { createBackend } from",
          "import { createBakend } from")
    lines = run(tree)
    # the import (line 6 of the page) and the use of the name (line 8)
    assert any(re.match(r"source/backend\.md:6: \[verify\.ts\] TS2\d+: .*createBakend", l)
               for l in lines), lines
    assert any(l.startswith("source/backend.md:8: [verify.ts] ") for l in lines), lines
    assert all(l.startswith("source/backend.md:") for l in lines), lines


def test_fragment_with_prelude_maps_to_page_lines(tree):
    plant(tree / "source/backend.md", "throw new NotFoundError('no app section');",
          "throw new NotFoundEror('no app section');")
    lines = run(tree)
    assert len(lines) == 1 and lines[0].startswith("source/backend.md:28: [verify.ts] TS2"), lines
    assert "NotFoundEror" in lines[0]


def test_wrong_option_in_a_project_file(tree):
    plant(tree / "source/plugin.md", "    path: '/p',", "    pathname: '/p',")
    lines = run(tree)
    assert lines and lines[0].startswith("source/plugin.md:17: [verify.ts] TS2"), lines


def test_unknown_prelude_is_a_failure(tree):
    plant(tree / "source/backend.md", "prelude=backend\n", "prelude=bakend\n")
    lines = run(tree)
    assert lines == ["source/backend.md:17: [verify.ts] unknown prelude 'bakend' "
                     "(no tools/verify/preludes/bakend.ts or .tsx)"], lines
