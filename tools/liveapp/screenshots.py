"""``make screenshots``: the views the UI guide describes, captured from a live app.

Starts the app of the pinned release (tools/liveapp), signs in as guest in headless
Chromium, and captures each view below at 1440 x 900 pixels (device scale factor 1),
once with the light theme and once with the dark one, as WebP files in
``source/_static/ui/`` (``<view>-light.webp``, ``<view>-dark.webp``). The files are
regenerated, never edited by hand.

To keep runs comparable: the browser has no network beyond 127.0.0.1, the one outside
service the home page calls (a joke card) gets a fixed answer, animations and text
carets are switched off, the pointer rests outside the page, and each capture waits
until the view's labels are shown and no request or progress bar is pending. The
clock is not frozen (a frozen clock keeps the entity page's cards from loading), so
the world clocks on the home page show the time of the run.

    python -m tools.liveapp.screenshots                 # start the app, capture, stop it
    python -m tools.liveapp.screenshots --frontend-url http://127.0.0.1:3100
                                                        # use an app that is running
    python -m tools.liveapp.screenshots --only catalog  # some views only
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import chromium  # noqa: E402
from tools.liveapp import uibrowser  # noqa: E402

OUT = ROOT / "source" / "_static" / "ui"
SCHEMES = ("light", "dark")
WEBP_QUALITY = 82

# No moving parts in a capture: no animations or transitions, no text caret.
STILL_CSS = """
*, *::before, *::after {
  animation-duration: 0s !important; animation-delay: 0s !important;
  transition-duration: 0s !important; transition-delay: 0s !important;
  caret-color: transparent !important;
}
/* The dev server's overlay for uncaught errors is not part of the app. */
#webpack-dev-server-client-overlay { display: none !important; }
"""

# The home page's Random Joke card fetches a joke from a public web service, which the
# capture cannot reach; it gets this fixed one instead, so the card looks as it does
# with a network, the same on every run.
JOKE_SERVICE = "https://official-joke-api.appspot.com/**"
FIXED_JOKE = {
    "type": "programming",
    "setup": "Why did the new service register in the catalog?",
    "punchline": "So that someone would finally own it.",
}


@dataclass
class View:
    """One capture: a route, what must be shown before it is taken, and optional steps."""

    name: str
    route: str
    ready: list[str]
    steps: list[dict] = field(default_factory=list)


VIEWS = [
    View("home", "/home", ["Getting Started", "Toolkit"]),
    View("catalog", "/", ["Owned", "Kind", "Lifecycle", "example-website"]),
    View("entity-overview", "/catalog/default/component/example-website",
         ["About", "Relations", "Has subcomponents"]),
    View("entity-apis", "/catalog/default/component/example-website/apis",
         ["Provided APIs", "Consumed APIs"]),
    View("api-explorer", "/api-docs", ["example-grpc-api", "Lifecycle"]),
    View("api-definition", "/catalog/default/api/example-grpc-api/definition",
         ["Raw", 'syntax = "proto3";']),
    View("search", "/search?query=example", ["Result Type", "Software Catalog", "example-website"]),
    View("create", "/create", ["Example Node.js Template", "Choose"]),
    View("settings", "/settings", ["Profile", "Appearance", "Backstage Identity"]),
]


def capture(page, path: Path) -> int:
    """Write a WebP screenshot of the viewport (Chromium encodes it; no image library
    is needed) and return its size in bytes."""
    session = page.context.new_cdp_session(page)
    try:
        shot = session.send(
            "Page.captureScreenshot",
            {"format": "webp", "quality": WEBP_QUALITY, "captureBeyondViewport": False},
        )
    finally:
        session.detach()
    data = base64.b64decode(shot["data"])
    path.write_bytes(data)
    return len(data)


def _steps(page, steps: list[dict]) -> None:
    for step in steps:
        if "click" in step:
            target = step["click"]
            if isinstance(target, dict):
                page.get_by_role(target["role"], name=target["name"], exact=True).first.click()
            else:
                page.get_by_text(target, exact=True).first.click()
        elif "press" in step:
            page.keyboard.press(step["press"])


def shoot(frontend_url: str, views: list[View], out: Path = OUT) -> list[tuple[Path, int]]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    base = frontend_url.rstrip("/")
    written: list[tuple[Path, int]] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = uibrowser.launch(playwright)
        try:
            for scheme in SCHEMES:
                context = uibrowser.new_context(browser, color_scheme=scheme)
                context.route(JOKE_SERVICE, lambda route: route.fulfill(json=[FIXED_JOKE]))
                page = context.new_page()
                uibrowser.sign_in_as_guest(page, base)
                for view in views:
                    page.goto(base + view.route, wait_until="domcontentloaded")
                    page.add_style_tag(content=STILL_CSS)
                    _steps(page, view.steps)
                    missing = uibrowser.wait_for_labels(page, view.ready, timeout=120)
                    if missing:  # a lazily loaded part that never arrived: load again once
                        page.reload(wait_until="domcontentloaded")
                        page.add_style_tag(content=STILL_CSS)
                        _steps(page, view.steps)
                        missing = uibrowser.wait_for_labels(page, view.ready, timeout=120)
                    if missing:
                        problems.append(f"{view.name} ({scheme}): never showed {missing}")
                    uibrowser.settle(page)
                    page.mouse.move(VIEWPORT_CORNER[0], VIEWPORT_CORNER[1])
                    page.wait_for_timeout(300)
                    path = out / f"{view.name}-{scheme}.webp"
                    written.append((path, capture(page, path)))
                    print(f"  {path.relative_to(ROOT)}  {written[-1][1] // 1024} KiB", flush=True)
                context.close()
        finally:
            browser.close()
    if problems:
        raise SystemExit("screenshots: views not ready:\n  " + "\n  ".join(problems))
    return written


# The pointer rests on the page's bottom-right pixel, away from every control, so no
# tooltip or hover colour shows.
VIEWPORT_CORNER = (uibrowser.VIEWPORT["width"] - 1, uibrowser.VIEWPORT["height"] - 1)


@contextlib.contextmanager
def _running_app():
    """The live app (tools/liveapp): created and installed if needed, started unless it
    already runs on the configured ports, stopped afterwards if started here."""
    from tools.liveapp import app, server
    from tools.liveapp.env import missing_tools

    why = missing_tools()
    if why:
        raise SystemExit(f"screenshots: {why}")
    app.setup()
    with server.running() as live:
        yield live


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frontend-url", help="use an app that is already running")
    parser.add_argument("--only", nargs="+", metavar="VIEW",
                        help="capture these views only: " + ", ".join(v.name for v in VIEWS))
    args = parser.parse_args(argv)
    views = [v for v in VIEWS if not args.only or v.name in args.only]
    missing = chromium.available()
    if missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 2
    start = time.monotonic()
    if args.frontend_url:
        written = shoot(args.frontend_url, views)
    else:
        with _running_app() as app:
            print(f"app ready after {time.monotonic() - start:.0f} s", flush=True)
            written = shoot(app.frontend_url, views)
    total = sum(size for _, size in written)
    print(f"{len(written)} screenshots, {total / 1024:.0f} KiB, in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
