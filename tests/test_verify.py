"""``make verify``: code samples checked against the pinned Backstage release.

The extraction and classification tests need Python only.  The others need
the release workspace (Node 22 and the release's npm packages, installed into
``.cache/`` by ``make verify-install``): without npm they skip, saying why;
with ``DOCS_REQUIRE_VERIFY=1`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tools.verify.extract import extract, parse_marker  # noqa: E402

ROOTS = REPO / "tests" / "roots"
REQUIRED = os.environ.get("DOCS_REQUIRE_VERIFY", "") not in ("", "0")
SUMMARY = re.compile(r"^verify: \d+ TypeScript, \d+ config, \d+ catalog, \d+ template, "
                     r"\d+ command samples checked; \d+ exempt; (\d+) failed$", re.M)


def skip_or_fail(reason: str):
    if REQUIRED:
        pytest.fail(f"{reason} (DOCS_REQUIRE_VERIFY is set, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def workspace() -> Path:
    """Install Node 22 and the release's packages (once; later runs find the stamp)."""
    if not shutil.which("npm"):
        skip_or_fail("npm is not installed, so the samples cannot be verified "
                     "(on Debian: apt-get install npm)")
    proc = subprocess.run(["make", "-s", "verify-install"], cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode:
        pytest.fail(f"make verify-install failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return REPO / ".cache"


def run_verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.verify", *args], cwd=REPO,
                          capture_output=True, text=True)


def test_markers_parse():
    assert parse_marker("exempt: shows output") == ("exempt", {"reason": "shows output"})
    assert parse_marker("ts prelude=backend") == ("ts", {"prelude": "backend"})
    with pytest.raises(ValueError):
        parse_marker("exempt")
    with pytest.raises(ValueError):
        parse_marker("typo")


def test_extract_lines_and_kinds(tmp_path):
    page = tmp_path / "source" / "p.md"
    page.parent.mkdir()
    page.write_text("# P\n\n`````{tab-set}\n````{tab-item} A\n% verify: exempt: output\n"
                    "```text\nout\n```\n````\n`````\n\n```{code-block} yaml\n:caption: x\n\n"
                    "backend:\n  baseUrl: x\n```\n\n- item\n\n  ```console\n  $ yarn tsc\n  ```\n")
    samples, errors = extract(tmp_path)
    assert not errors
    got = [(s.line, s.kind, s.code.split("\n")[0]) for s in samples]
    assert got == [(7, "exempt", "out"), (15, "config", "backend:"),
                   (22, "command", "$ yarn tsc")]


def planted_reports(root: Path) -> list[str]:
    proc = run_verify("--root", str(root))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert SUMMARY.search(proc.stdout), proc.stdout
    return [line for line in proc.stdout.splitlines() if line.startswith("source/")]


def test_planted_mistakes_are_reported_at_their_line(workspace):
    lines = planted_reports(ROOTS / "verify-planted")
    def at(prefix: str, text: str) -> bool:
        return any(line.startswith(prefix) and text in line for line in lines)
    assert at("source/planted.md:9: [verify.config]", "locatons"), lines
    assert at("source/planted.md:19: [verify.catalog]", "owner"), lines
    assert at("source/planted.md:40: [verify.template]", "publish:githubb"), lines
    assert at("source/planted.md:46: [verify.command]", "biuld"), lines
    # Exported by the scaffolder backend, but not registered: a template cannot use it.
    assert at("source/planted.md:74: [verify.template]", "workspace:template"), lines
    assert len(lines) == 5, lines


@pytest.mark.skipif(not (REPO / "tools" / "verify" / "check_ts.py").exists(),
                    reason="the TypeScript checker (tools/verify/check_ts.py) is not here yet")
def test_planted_import_is_reported(workspace):
    lines = planted_reports(ROOTS / "verify-ts")
    assert any(line.startswith("source/import.md:4: [verify.ts]") and "createBackendPlugn"
               in line for line in lines), lines


def test_site_verifies(workspace):
    """Every sample of the site is checked or exempt, and none fails."""
    proc = run_verify()
    summary = SUMMARY.search(proc.stdout)
    assert summary, proc.stdout + proc.stderr
    assert proc.returncode == 0 and summary[1] == "0", proc.stdout
