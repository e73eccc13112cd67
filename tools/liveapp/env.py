"""Where the live app lives and the environment its commands run in.

Everything is under ``.cache/live-app/`` (git-ignored; ``LIVE_APP_HOME`` moves it):

- ``yarn1/``: Yarn 1.x from the npm registry, for a ``yarn`` on the PATH (the app
  itself runs the Yarn 4 release it ships, through ``yarnPath``);
- ``backstage/``: the app, created by the pinned ``@backstage/create-app``;
- ``mkdocs/``: MkDocs and the TechDocs plugin, for the app's TechDocs builds;
- ``run-<backend port>.json`` and ``.log``: the state and output of a running app.

Node 22 (binary and C headers) is ``.cache/node``, fetched by the Makefile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import versions  # noqa: E402

APP_NAME = "backstage"
NODE_DIR = ROOT / ".cache" / "node"


def home() -> Path:
    """The folder that holds the app, Yarn 1 and the run state."""
    return Path(os.environ.get("LIVE_APP_HOME") or ROOT / ".cache" / "live-app").resolve()


def app_dir() -> Path:
    return home() / APP_NAME


def yarn1_dir() -> Path:
    return home() / "yarn1"


def ports() -> tuple[int, int]:
    """(backend, frontend) ports: LIVE_APP_BACKEND_PORT and LIVE_APP_FRONTEND_PORT."""
    return (int(os.environ.get("LIVE_APP_BACKEND_PORT") or 7007),
            int(os.environ.get("LIVE_APP_FRONTEND_PORT") or 3000))


def create_app_version() -> str:
    return versions.conf_value("backstage_create_app")


def missing_tools() -> str | None:
    """Why the live app cannot run here, or None when it can."""
    if not shutil.which("npm"):
        return "npm is not installed (on Debian: apt-get install npm)"
    if not (NODE_DIR / "bin" / "node").exists():
        return "Node 22 is not in .cache/node (make live-app fetches it)"
    if not (NODE_DIR / "include" / "node" / "node_version.h").exists():
        return "the Node C headers are not in .cache/node/include (make live-app fetches them)"
    for tool in ("git", "make", "g++", "python3"):
        if not shutil.which(tool):
            return f"{tool} is not installed (better-sqlite3 builds from source)"
    return None


@lru_cache(maxsize=None)
def registry() -> str:
    return versions.registry()


def node_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every app command: Node 22 and Yarn 1 first on the PATH."""
    env = dict(os.environ)
    path = [str(NODE_DIR / "bin"), str(yarn1_dir() / "bin"), env.get("PATH", "")]
    env.update({
        "PATH": os.pathsep.join(path),
        # Native modules (better-sqlite3) build against these headers.
        "npm_config_nodedir": str(NODE_DIR),
        # Yarn 4 (the app's yarnPath) must use the same registry as npm.
        "YARN_NPM_REGISTRY_SERVER": registry().rstrip("/"),
        "YARN_ENABLE_TELEMETRY": "0",
        "YARN_ENABLE_PROGRESS_BARS": "0",
        "YARN_ENABLE_INLINE_BUILDS": "0",
        # On CI (CI=true) Yarn 4 refuses to write yarn.lock; a new app has to write it,
        # and the pinning step changes it.
        "YARN_ENABLE_IMMUTABLE_INSTALLS": "false",
        "BACKSTAGE_APP_NAME": APP_NAME,
        # The dev server must not try to open a browser.
        "BROWSER": "none",
    })
    env.update(extra or {})
    return env


def run(cmd: list[str], cwd: Path, log: Path | None = None, check: bool = True,
        timeout: float | None = None, env: dict[str, str] | None = None,
        input: str | None = None) -> subprocess.CompletedProcess:
    """Run CMD at low priority in the app's environment; output to LOG or captured."""
    cmd = ["nice", "-n", "19", *cmd] if shutil.which("nice") else cmd
    kwargs = dict(cwd=cwd, env=env or node_env(), text=True, timeout=timeout, input=input)
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(cmd)}\n")
            out.flush()
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, **kwargs)
    else:
        proc = subprocess.run(cmd, capture_output=True, **kwargs)
    if check and proc.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-3000:] if log else (proc.stdout + proc.stderr)[-3000:]
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode}) in {cwd}:\n{tail}")
    return proc
