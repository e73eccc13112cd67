"""Run the Node side (js/check.cjs) with the pinned workspace."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from .model import Env

SCRIPT = Path(__file__).resolve().parent / "js" / "check.cjs"


def run_job(env: Env, job: dict) -> dict:
    env.workdir.mkdir(parents=True, exist_ok=True)
    job = {"workspace": str(env.node_modules.parent), "workdir": str(env.workdir), **job}
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=env.workdir,
                                     delete=False) as fh:
        json.dump(job, fh)
    try:
        proc = subprocess.run([str(env.node), str(SCRIPT), fh.name],
                              capture_output=True, text=True)
    finally:
        Path(fh.name).unlink()
    if proc.returncode != 0:
        raise RuntimeError(f"node {SCRIPT.name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def template_dir(env: Env) -> Path:
    """The pinned create-app's default template (installed in the workspace)."""
    return env.node_modules / "@backstage" / "create-app" / "templates" / "default-app"
