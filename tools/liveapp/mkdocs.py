"""MkDocs and the TechDocs plugin for the live app's TechDocs builds (no Docker here).

A new app builds TechDocs on the backend in Docker (``techdocs.generator.runIn:
docker``). This machine has no Docker, so the app does what "Build on the backend
without Docker" tells readers (source/admin/features/techdocs/builder-and-generator.md):
``runIn: local``, with ``mkdocs`` and ``mkdocs-techdocs-core`` installed by pip.
They go into a virtual environment, ``.cache/live-app/mkdocs/``, whose ``bin`` the
app's backend finds first on its PATH.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .env import home

# The TechDocs MkDocs plugin, pinned so builds are repeatable (PyPI's newest when pinned).
REQUIREMENT = "mkdocs-techdocs-core==1.7.1"
STAMP = "installed.txt"


def venv() -> Path:
    return home() / "mkdocs"


def bin_dir() -> Path | None:
    """The ``bin`` folder holding ``mkdocs``, or None when it is not installed."""
    folder = venv()
    if (folder / STAMP).is_file() and (folder / STAMP).read_text() == REQUIREMENT:
        return folder / "bin"
    return None


def ensure(log: Path | None = None) -> Path:
    """Create the virtual environment and install the plugin (once); returns ``bin``."""
    found = bin_dir()
    if found is not None:
        return found
    folder = venv()
    folder.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("a", encoding="utf-8") if log else subprocess.DEVNULL
    try:
        for cmd in ([sys.executable, "-m", "venv", "--clear", str(folder)],
                    [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet",
                     "--disable-pip-version-check", REQUIREMENT]):
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, timeout=900)
            if proc.returncode:
                raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode})"
                                   + (f"; see {log}" if log else ""))
    finally:
        if log:
            out.close()
    (folder / STAMP).write_text(REQUIREMENT)
    return folder / "bin"


__all__ = ["REQUIREMENT", "bin_dir", "ensure", "venv"]
