"""Create and install the app of the pinned release, as a new reader would.

1. Yarn 1.x from the npm registry into ``yarn1/`` (a ``yarn`` on the PATH).
2. ``npx @backstage/create-app@<conf.py's backstage_create_app> --skip-install``, the
   app name given through ``BACKSTAGE_APP_NAME``.
3. Every ``@backstage`` package pinned with Yarn ``resolutions`` (``resolutions.json``),
   an ``app-config.live.yaml`` that keeps both servers on 127.0.0.1.
4. ``yarn install`` (Yarn 4 through the app's ``yarnPath``), then a check that the
   lock holds the release's versions only, and a git commit of the result, which
   the procedure tests restore the app to.
5. MkDocs with the TechDocs plugin in a virtual environment (``mkdocs.py``): the
   overlay sets ``techdocs.generator.runIn: local``, since there is no Docker here.

Each step is skipped when its result is already there, so a second run is fast.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from . import mkdocs, resolutions
from .env import APP_NAME, app_dir, create_app_version, home, run, yarn1_dir

LIVE_CONFIG = "app-config.live.yaml"
STAMP = ".live-app-installed"
GIT = ["git", "-c", "user.name=Live app", "-c", "user.email=live-app@localhost",
       "-c", "commit.gpgsign=false"]

# Loopback only: the backend listens on 127.0.0.1 and the frontend dev server too
# (the CLI takes its host and port from app.baseUrl). The ports come from the
# environment, so two copies of the app can run side by side.
LIVE_CONFIG_TEXT = """\
# Keeps the app on the loopback interface; ports from LIVE_APP_BACKEND_PORT and
# LIVE_APP_FRONTEND_PORT (written by tools/liveapp, not part of the template).
app:
  baseUrl: http://127.0.0.1:${LIVE_APP_FRONTEND_PORT}
backend:
  baseUrl: http://127.0.0.1:${LIVE_APP_BACKEND_PORT}
  listen:
    host: 127.0.0.1
    port: ${LIVE_APP_BACKEND_PORT}
  cors:
    origin: http://127.0.0.1:${LIVE_APP_FRONTEND_PORT}
  # Files the tests serve on the loopback interface stand in for a source-code
  # host: the catalog may read catalog-info.yaml files from there.
  reading:
    allow:
      - host: 127.0.0.1:1024-65535
# No Docker on this machine: TechDocs runs MkDocs on the backend's PATH, where
# tools/liveapp puts a virtual environment with mkdocs-techdocs-core.
techdocs:
  generator:
    runIn: local
"""


def log_path() -> Path:
    return home() / "setup.log"


def ensure_yarn1() -> Path:
    """Yarn 1.x from the npm registry, unpacked into ``yarn1/``; returns its bin folder."""
    target = yarn1_dir()
    if (target / "bin" / "yarn").exists():
        return target / "bin"
    home().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=home()) as tmp:
        subprocess.run(["npm", "pack", "--silent", "yarn@1"], cwd=tmp, check=True,
                       capture_output=True)
        with tarfile.open(next(Path(tmp).glob("yarn-*.tgz"))) as tar:
            tar.extractall(tmp, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        Path(tmp, "package").rename(target)
    return target / "bin"


def create(log: Path | None = None) -> bool:
    """Scaffold the app with the pinned create-app; False when it already exists."""
    app = app_dir()
    if (app / "package.json").exists():
        return False
    ensure_yarn1()
    if app.exists():  # a half-created app from an interrupted run
        shutil.rmtree(app)
    version = create_app_version()
    run(["npx", "--yes", f"@backstage/create-app@{version}", "--skip-install"],
        cwd=home(), log=log or log_path(), timeout=900)
    if not (app / "package.json").exists():
        raise RuntimeError(f"create-app did not create {app}")
    return True


def pin(app: Path) -> None:
    """Write the resolutions into the root package.json and the loopback config."""
    manifest_path = app / "package.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    pins = resolutions.load()
    merged = {k: v for k, v in manifest.get("resolutions", {}).items()
              if not k.startswith("@backstage/")}
    merged.update(pins)
    manifest["resolutions"] = merged
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    write_live_config(app)


def write_live_config(app: Path) -> None:
    """The loopback overlay (rewritten at each start, so an older app gets the current one)."""
    path = app / LIVE_CONFIG
    if not path.exists() or path.read_text(encoding="utf-8") != LIVE_CONFIG_TEXT:
        path.write_text(LIVE_CONFIG_TEXT, encoding="utf-8")


def installed(app: Path | None = None) -> bool:
    app = app or app_dir()
    stamp = app / "node_modules" / STAMP
    return stamp.exists() and stamp.read_text() == _stamp_text()


def _stamp_text() -> str:
    return json.dumps(resolutions.load(), sort_keys=True)


def install(log: Path | None = None, force: bool = False) -> bool:
    """Pin, ``yarn install`` and commit; False when already installed with these pins."""
    app = app_dir()
    if not force and installed(app):
        return False
    log = log or log_path()
    pin(app)
    run(["yarn", "install"], cwd=app, log=log, timeout=3600)
    check_lock(app)
    commit(app, "Pinned to the release and installed")
    (app / "node_modules" / STAMP).write_text(_stamp_text())
    return True


def check_lock(app: Path) -> None:
    """Fail when some @backstage package of the lock is not at the release's version."""
    off = resolutions.floating((app / "yarn.lock").read_text(encoding="utf-8"),
                               resolutions.load())
    if off:
        raise RuntimeError("packages off the release in yarn.lock (add them with "
                           f"python -m tools.liveapp resolutions): {off}")


def commit(app: Path, message: str) -> None:
    """Make APP its own git repository (it sits inside this one) and commit everything."""
    if not (app / ".git").exists():
        run([*GIT, "init", "-q"], cwd=app)
    run([*GIT, "add", "-A"], cwd=app)
    status = run([*GIT, "status", "--porcelain"], cwd=app).stdout
    if status.strip():
        run([*GIT, "commit", "-q", "-m", message], cwd=app)


def restore(app: Path | None = None, *paths: str) -> None:
    """Put the app's files (or those under PATHS) back as the last commit has them
    (node_modules untouched)."""
    app = app or app_dir()
    paths = paths or (".",)
    run([*GIT, "checkout", "-q", "--", *paths], cwd=app)
    run([*GIT, "clean", "-q", "-fd", "--", *paths], cwd=app)


def setup(log: Path | None = None) -> dict[str, float]:
    """Create and install as needed; returns the seconds each step took (0 when cached)."""
    times = {}
    start = time.monotonic()
    ensure_yarn1()
    create(log)
    times["create"] = time.monotonic() - start
    start = time.monotonic()
    install(log)
    times["install"] = time.monotonic() - start
    start = time.monotonic()
    mkdocs.ensure(log or log_path())
    times["mkdocs"] = time.monotonic() - start
    return times


__all__ = ["APP_NAME", "create", "install", "setup", "restore", "pin", "commit"]
