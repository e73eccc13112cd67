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
from tools.verify.extract import extract
from tools.verify.model import Env

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "verify-ts"
PAGES = ("backend.md", "fragments.md", "plugin.md")  # import.md is the runner's own test (test_verify.py)


def workspace() -> tuple[Path, Path] | None:
    modules = Path(os.environ.get("VERIFY_NODE_MODULES", REPO / ".cache/verify/node_modules"))
    node = REPO / ".cache/node/bin/node"
    node = node if node.exists() else Path(shutil.which("node") or "node")
    if not (modules / "typescript").is_dir() or not node.exists():
        return None
    return node, modules


def copy_tree(tmp: Path) -> Path:
    if workspace() is None:
        pytest.skip("the Node workspace of make verify is not installed "
                    "(.cache/verify/node_modules); run make verify once")
    shutil.copytree(ROOT, tmp / "site")
    return tmp / "site"


def run(tree: Path) -> list[str]:
    node, modules = workspace()  # type: ignore[misc]
    samples, errors = extract(tree, [tree / "source" / page for page in PAGES])
    assert not errors
    env = Env(tree, node, modules, {}, tree / ".cache/verify/work")
    return sorted(f.report() for f in check_ts.check(samples, env))


def plant(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> list[str]:
    """One tsc run over a copy of the mini site with four mistakes planted."""
    tree = copy_tree(tmp_path_factory.mktemp("planted"))
    backend, plugin = tree / "source/backend.md", tree / "source/plugin.md"
    # a misspelled import in a whole file
    plant(backend, "import { createBackend } from", "import { createBakend } from")
    # a misspelled name in a fragment checked with a prelude
    plant(backend, "throw new NotFoundError('no app section');",
          "throw new NotFoundEror('no app section');")
    # a wrong option name in one file of a two-file project
    plant(plugin, "    path: '/p',", "    pathname: '/p',")
    # a prelude that does not exist
    plant(backend, "% verify: ts prelude=backend\n", "% verify: ts prelude=bakend\n")
    # a syntax error: tsc then reports nothing else, so the checker runs it again
    plant(tree / "source/fragments.md", "{ allow: ['user'] });", "{ allow: ['user'] );")
    return run(tree)


def test_clean_tree_passes(tmp_path):
    assert run(copy_tree(tmp_path)) == []


def test_misspelled_import_is_reported_at_its_line(planted):
    # the import (line 6 of the page) and the use of the name (line 8)
    assert any(re.match(r"source/backend\.md:6: \[verify\.ts\] TS2\d+: .*createBakend", l)
               for l in planted), planted
    assert any(l.startswith("source/backend.md:8: [verify.ts] TS2") for l in planted), planted


def test_fragment_with_prelude_maps_to_page_lines(planted):
    lines = [l for l in planted if "NotFoundEror" in l]
    assert len(lines) == 1 and lines[0].startswith("source/backend.md:28: [verify.ts] TS2"), planted


def test_wrong_option_in_a_project_file(planted):
    lines = [l for l in planted if l.startswith("source/plugin.md:")]
    assert lines and all(l.startswith("source/plugin.md:17: [verify.ts] TS2") for l in lines), planted
    assert "pathname" in lines[0]


def test_unknown_prelude_is_a_failure(planted):
    assert ("source/backend.md:17: [verify.ts] unknown prelude 'bakend' "
            "(no tools/verify/preludes/bakend.ts or .tsx)") in planted


def test_syntax_error_does_not_hide_the_type_errors(planted):
    assert any(l.startswith("source/fragments.md:7: [verify.ts] TS1") for l in planted), planted
    # ...and the type errors of the other pages are still there (tests above)


def test_nothing_else_is_reported(planted):
    places = {l.split(": [")[0] for l in planted}
    assert places == {"source/backend.md:6", "source/backend.md:8", "source/backend.md:17",
                      "source/backend.md:28", "source/plugin.md:17",
                      "source/fragments.md:7"}, planted
