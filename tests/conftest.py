"""Shared fixtures: Sphinx's test fixtures, test roots, and one build of the real site."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))
# The repository's tools (tools.chromium, tools.liveapp, tools.verify) import as a package.
sys.path.insert(0, str(REPO))


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    They start threads (a local web server, Playwright's driver). Forking a
    process that has threads can leave the child stuck on a lock it inherited,
    and several tests fork through Sphinx's parallel builds; with the browser
    tests last, no fork happens while those threads exist.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    # The live-app tests come after everything else, so the app (started once for the
    # session, stopped at its end) does not take CPU from the other tests.
    items.sort(key=lambda item: item.get_closest_marker("liveapp") is not None)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its mini projects."""
    return REPO / "tests" / "roots"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def warning_lines(app, warning) -> list[str]:
    """The warnings and errors of a test build, sorted, with the source folder as ``<src>``."""
    from sphinx.util.console import strip_escape_sequences

    text = strip_escape_sequences(warning.getvalue()).replace(str(app.srcdir), "<src>")
    return sorted(line for line in text.splitlines() if "WARNING" in line or "ERROR" in line)


def body(app, page: str):
    """The body of a built page of a test project (theme 'basic'), parsed."""
    from bs4 import BeautifulSoup

    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("div.body")


class SiteBuild:
    """The result of one strict build of the real site."""

    def __init__(self, app, warnings: str, outdir: Path):
        self.app = app
        self.env = app.env
        self.warnings = warnings
        self.outdir = outdir


def build_site(outroot: Path, builder: str = "html", **overrides) -> SiteBuild:
    """Build ``source/`` with the top-level ``conf.py``, as ``make html`` does."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state
    from sphinx.util.console import strip_escape_sequences

    warnings = io.StringIO()
    saved_path = sys.path.copy()
    app = Sphinx(
        srcdir=REPO / "source",
        confdir=REPO,
        outdir=outroot / builder,
        doctreedir=outroot / "doctrees",
        buildername=builder,
        confoverrides={"nitpicky": True, **overrides},
        status=None,
        warning=warnings,
        freshenv=True,
        keep_going=True,
    )
    try:
        app.build()
    finally:
        # Forget the directives, roles and nodes this build registered with
        # docutils, as sphinx.testing does after each test app, so that the
        # next Sphinx application in this process starts clean.
        sys.path[:] = saved_path
        _clean_up_global_state()
    return SiteBuild(app, strip_escape_sequences(warnings.getvalue()), outroot / builder)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> SiteBuild:
    """One fresh HTML build of the whole site, shared by the tests that read it."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    yield result
    shutil.rmtree(out, ignore_errors=True)


# -- The live app of the pinned release (tools/liveapp) ---------------------------------

def live_app_unavailable(reason: str):
    """Skip, or fail when DOCS_REQUIRE_LIVEAPP=1 (CI must run the live-app tests)."""
    import os

    message = f"live app unavailable: {reason}"
    if os.environ.get("DOCS_REQUIRE_LIVEAPP") == "1":
        pytest.fail(message + " (DOCS_REQUIRE_LIVEAPP=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_app():
    """The app of the pinned release, running on 127.0.0.1 for the whole test session.

    Created and installed on first use (cached in .cache/live-app), started once,
    stopped at the end (an app already running on the same ports is reused and left
    running). Yields a ``tools.liveapp.server.LiveApp``: ``frontend_url``,
    ``backend_url``, ``app_dir``, ``request()``, ``guest_token()``. Ports:
    LIVE_APP_BACKEND_PORT (7007), LIVE_APP_FRONTEND_PORT (3000).
    """
    import subprocess

    if not shutil.which("npm"):
        live_app_unavailable("npm is not installed (on Debian: apt-get install npm)")
    proc = subprocess.run(["make", "-s", "live-app-node"], cwd=REPO, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        live_app_unavailable(f"make live-app-node failed: {proc.stderr[-1500:]}")
    from tools.liveapp import app, server
    from tools.liveapp.env import missing_tools

    why = missing_tools()
    if why:
        live_app_unavailable(why)
    try:
        app.setup()
    except Exception as err:  # noqa: BLE001 - reported as the reason
        live_app_unavailable(f"create or install failed: {err}")
    with server.running() as live:
        yield live
