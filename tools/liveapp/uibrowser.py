"""Drive Debian's Chromium against a live app: sign in as guest, wait for labels, read the page.

Shared by the UI label test (tests/test_liveapp_ui.py) and ``make screenshots``
(tools/liveapp/screenshots.py). Playwright drives the system Chromium
(``/usr/bin/chromium`` or ``DOCS_CHROMIUM``); no browser is downloaded. Every host
name except the loopback ones fails to resolve, so the app is seen as it is with no
network, and nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import time

from tools import chromium

# The app's frontend calls its backend by the host name in app-config (127.0.0.1 or
# localhost); fonts render without hinting so screenshots do not depend on the machine.
HOSTS = ("127.0.0.1", "localhost")
EXTRA_ARGS = ("--font-render-hinting=none",)
VIEWPORT = {"width": 1440, "height": 900}

# Every piece of text a reader can see or a screen reader announces: the visible lines
# of the page (innerText leaves out hidden elements), and the accessible names given by
# aria-label, title and placeholder on visible elements.
_SHOWN_TEXT = """() => {
  const lines = new Set();
  for (const line of document.body.innerText.split('\\n')) {
    const text = line.replace(/\\s+/g, ' ').trim();
    if (text) lines.add(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width && !box.height) continue;
    if (style.visibility === 'hidden') continue;
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const value = (el.getAttribute(attr) || '').replace(/\\s+/g, ' ').trim();
      if (value) lines.add(value);
    }
  }
  return [...lines];
}"""


def launch(playwright, **launch_options):
    """The system Chromium, headless, with the loopback-only resolver."""
    return chromium.launch(playwright, hosts=HOSTS, extra=EXTRA_ARGS, **launch_options)


def new_context(browser, color_scheme: str = "light"):
    """A fresh context at the fixed viewport; the app's theme follows ``color_scheme``
    (the app's Auto theme reads prefers-color-scheme when no theme is chosen)."""
    context = browser.new_context(
        viewport=VIEWPORT,
        device_scale_factor=1,
        color_scheme=color_scheme,
        reduced_motion="reduce",
        locale="en-US",
        timezone_id="UTC",
        service_workers="block",
    )
    # The dev server serves large bundles; on a busy machine a first load takes a while.
    context.set_default_navigation_timeout(180_000)
    context.set_default_timeout(30_000)
    return context


def shown_text(page) -> set[str]:
    return set(page.evaluate(_SHOWN_TEXT))


def wait_for_labels(page, labels, timeout: float = 20.0) -> list[str]:
    """Wait until every label is shown (as a whole line of text or an accessible name);
    return the ones still missing when ``timeout`` seconds have passed.

    Case does not count: the app shows some labels in capitals through CSS (table
    headings), and visible text is read as shown."""
    deadline = time.monotonic() + timeout
    while True:
        shown = {text.casefold() for text in shown_text(page)}
        missing = [label for label in labels if label.casefold() not in shown]
        if not missing or time.monotonic() > deadline:
            return missing
        page.wait_for_timeout(250)


def sign_in_as_guest(page, frontend_url: str, timeout: float = 60.0) -> None:
    """Open the app and select **Enter** on the sign-in page's Guest card.

    The app remembers the choice in the context's local storage, so later pages of
    the same context open signed in."""
    page.goto(frontend_url.rstrip("/") + "/", wait_until="domcontentloaded")
    enter = page.get_by_role("button", name="Enter")
    enter.wait_for(state="visible", timeout=timeout * 1000)
    enter.click()
    enter.wait_for(state="detached", timeout=timeout * 1000)


def settle(page, timeout: float = 10.0) -> None:
    """Wait until the page has no requests in flight and no progress bar showing, so a
    screenshot or a label check sees the finished page."""
    try:
        page.wait_for_load_state("networkidle", timeout=timeout * 1000)
    except Exception:  # noqa: BLE001 - a page that keeps polling still gets checked
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = page.evaluate(
            "() => document.querySelectorAll('[role=progressbar]:not([aria-valuenow])').length"
        )
        if not busy:
            break
        page.wait_for_timeout(200)
