"""MkDocs and the TechDocs plugin for the live app's TechDocs builds (no Docker here).

A new app builds TechDocs on the backend in Docker (``techdocs.generator.runIn:
docker``). This machine has no Docker, so the app does what "Build on the backend
without Docker" tells readers (source/admin/features/techdocs/builder-and-generator.md):
``runIn: local``, with ``mkdocs`` and ``mkdocs-techdocs-core`` installed by pip.
They go into a virtual environment, ``.cache/live-app/mkdocs/``, whose ``bin`` the
app's backend finds first on its PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .env import home, run

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
    run([sys.executable, "-m", "venv", "--clear", str(folder)], cwd=folder.parent, log=log,
        timeout=900)
    run([str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", REQUIREMENT], cwd=folder.parent, log=log, timeout=900)
    (folder / STAMP).write_text(REQUIREMENT)
    return folder / "bin"


__all__ = ["REQUIREMENT", "bin_dir", "ensure", "venv"]
