"""Debian's Chromium, driven by Playwright with no network: one place for its path and flags.

Used by the site's browser tests (tests/test_browser.py), the live app's UI label test
and ``make screenshots`` (tools/liveapp/uibrowser.py). No browser is downloaded: the
executable is ``/usr/bin/chromium`` (Debian's ``chromium`` package) or ``DOCS_CHROMIUM``.
Every host name except the loopback names given fails to resolve, so a page that reaches
for the network shows it (a blocked request) instead of fetching anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

CHROMIUM = Path(os.environ.get("DOCS_CHROMIUM", "/usr/bin/chromium"))

# Quiet, headless and reproducible: no sandbox (CI runs as root), no GPU, no
# background fetches, updates, sync or first-run pages.
BASE_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def args(hosts: Iterable[str] = ("127.0.0.1",), extra: Iterable[str] = ()) -> list[str]:
    """Chromium's flags: only HOSTS resolve; EXTRA flags are added last."""
    rules = ", ".join(["MAP * ~NOTFOUND", *(f"EXCLUDE {host}" for host in hosts)])
    return [f"--host-resolver-rules={rules}", *BASE_ARGS, *extra]


def available() -> str | None:
    """None when Chromium is there; otherwise why not, with the fix."""
    if CHROMIUM.is_file():
        return None
    return f"Chromium not found at {CHROMIUM} (on Debian: apt-get install chromium)"


def launch(playwright, hosts: Iterable[str] = ("127.0.0.1",), extra: Iterable[str] = (),
           **launch_options):  # noqa: ANN001, ANN201 - Playwright's own types
    """The system Chromium, headless, resolving only HOSTS."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=args(hosts, extra), **launch_options)


__all__ = ["BASE_ARGS", "CHROMIUM", "args", "available", "launch"]
