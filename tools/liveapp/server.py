"""Start, watch and stop the app on the loopback interface.

``yarn start`` (``backstage-cli repo start``) runs the backend and the frontend
dev server. It is started in a process group of its own with the template's
``app-config.yaml`` and the loopback overlay ``app-config.live.yaml``; stopping
signals the whole group, so no process outlives it. The group's id and the URLs
are written to ``run-<backend port>.json`` next to the app, so ``stop`` and
``status`` work from another process.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from . import mkdocs
from .app import LIVE_CONFIG, write_live_config
from .env import app_dir, home, node_env, ports

READINESS = "/.backstage/health/v1/readiness"
LIVENESS = "/.backstage/health/v1/liveness"


@dataclass
class LiveApp:
    """A running app: where it answers and where its files are."""

    frontend_url: str
    backend_url: str
    app_dir: Path
    pgid: int
    log: Path
    started_here: bool = True

    def request(self, method: str, path: str, body=None, token: str | None = None,
                base: str | None = None, timeout: float = 30,
                headers: dict[str, str] | None = None):
        """An HTTP request to the backend (or BASE); returns (status, parsed JSON or text).

        For a page of the frontend, pass ``headers={"Accept": "text/html"}``: the dev
        server answers app routes with index.html only to requests that accept HTML.
        """
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request((base or self.backend_url) + path, data=data,
                                     method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, raw = resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read().decode("utf-8", "replace")
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw

    def guest_token(self) -> str:
        """Sign in as guest through the auth API, as the sign-in page does."""
        status, body = self.request("GET", "/api/auth/guest/refresh")
        if status != 200:
            raise RuntimeError(f"guest sign-in failed: HTTP {status}: {body}")
        return body["backstageIdentity"]["token"]


def state_file(backend_port: int) -> Path:
    return home() / f"run-{backend_port}.json"


def log_file(backend_port: int) -> Path:
    return home() / f"run-{backend_port}.log"


def answers(url: str, timeout: float = 5) -> int | None:
    """The HTTP status URL answers with, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code
    except (OSError, ValueError):
        return None


def port_busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state(backend_port: int | None = None) -> LiveApp | None:
    """The app recorded as running on BACKEND_PORT, if its processes still exist."""
    path = state_file(backend_port or ports()[0])
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    app = LiveApp(**{**data, "app_dir": Path(data["app_dir"]), "log": Path(data["log"]),
                     "started_here": False})
    if not group_alive(app.pgid):
        path.unlink(missing_ok=True)
        return None
    return app


def ready(app: LiveApp) -> bool:
    return (answers(app.backend_url + READINESS) == 200
            and answers(app.frontend_url + "/") == 200)


def start(timeout: float = 600, app: Path | None = None,
          backend_port: int | None = None, frontend_port: int | None = None,
          configs: tuple[str, ...] = ()) -> LiveApp:
    """Start the installed app and wait until backend and frontend answer.

    APP (default: the cached app), the ports (default: from the environment) and
    extra config files (CONFIGS, paths relative to the app, loaded last) let tests
    run a changed copy of the app next to the shared one.
    """
    default_backend, default_frontend = ports()
    backend_port = backend_port or default_backend
    frontend_port = frontend_port or default_frontend
    existing = read_state(backend_port)
    if existing:
        raise RuntimeError(f"an app already runs on port {backend_port} "
                           f"(process group {existing.pgid}); stop it first")
    for port in (backend_port, frontend_port):
        if port_busy(port):
            raise RuntimeError(f"port {port} on 127.0.0.1 is in use")
    app = app or app_dir()
    write_live_config(app)
    log = log_file(backend_port)
    env = node_env({"LIVE_APP_BACKEND_PORT": str(backend_port),
                    "LIVE_APP_FRONTEND_PORT": str(frontend_port)})
    tools = mkdocs.bin_dir()  # TechDocs' local generator runs the mkdocs it finds first
    if tools is not None:
        env["PATH"] = os.pathsep.join([str(tools), env["PATH"]])
    configs = [arg for name in ("app-config.yaml", LIVE_CONFIG, *configs)
               for arg in ("--config", str(app / name))]
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(["nice", "-n", "19", "yarn", "start", *configs], cwd=app,
                                env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    live = LiveApp(frontend_url=f"http://127.0.0.1:{frontend_port}",
                   backend_url=f"http://127.0.0.1:{backend_port}",
                   app_dir=app, pgid=proc.pid, log=log)
    record = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(live).items()
              if k != "started_here"}
    state_file(backend_port).write_text(json.dumps(record, indent=2))
    try:
        wait_ready(live, proc, timeout)
    except BaseException:
        stop(live)
        raise
    return live


def wait_ready(live: LiveApp, proc: subprocess.Popen | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"yarn start exited with {proc.returncode}; log "
                               f"{live.log}:\n{live.log.read_text()[-4000:]}")
        if ready(live):
            return
        time.sleep(1)
    raise RuntimeError(f"the app was not ready after {timeout:.0f} s; log {live.log}:\n"
                       f"{live.log.read_text()[-4000:]}")


def stop(live: LiveApp | None = None, grace: float = 20) -> bool:
    """Stop the app's whole process group (TERM, then KILL); False if none was running."""
    live = live or read_state()
    if live is None:
        return False
    for sig, wait in ((signal.SIGINT, grace), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(live.pgid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and group_alive(live.pgid):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(-live.pgid, os.WNOHANG)
            time.sleep(0.2)
        if not group_alive(live.pgid):
            break
    port = int(live.backend_url.rsplit(":", 1)[1])
    state_file(port).unlink(missing_ok=True)
    return True


@contextlib.contextmanager
def running(timeout: float = 600):
    """The app, running: reused when already up on the configured ports, else started
    here and stopped on exit."""
    live = read_state()
    if live is not None and ready(live):
        yield live
        return
    live = start(timeout)
    try:
        yield live
    finally:
        stop(live)
