"""The UI labels the pages name exist in a live app of the pinned release.

tests/ui_labels.yaml lists, view by view (a route of the app, and optionally the
clicks that open a menu or dialog on it), every label that the UI guide and the
developer pages tell readers to look for or select, with the pages that name it. This
test signs in to the live app (the shared ``live_app`` fixture) as guest in one
headless Chromium, opens each view and checks that each label is shown: as a whole
line of visible text, or as the accessible name of a visible control. A failure names
the label, the view and the pages to correct.

Without Node/npm or Chromium the live-app part skips, saying why; the check that the
list agrees with the pages runs always.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_browser import require_chromium

from tools.liveapp import uibrowser

REPO = Path(__file__).resolve().parent.parent

LABELS_FILE = REPO / "tests" / "ui_labels.yaml"
SOURCE = REPO / "source"


def _views() -> list[dict]:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))["views"]


VIEWS = _views()


def _view_id(view: dict) -> str:
    return view["name"]


# -- the list agrees with the pages (no app needed) --------------------------------------------


def test_every_view_is_well_formed():
    names = [view["name"] for view in VIEWS]
    assert len(names) == len(set(names)), "two views share a name"
    for view in VIEWS:
        assert view["route"].startswith("/"), view["name"]
        assert view["labels"], f"view {view['name']!r} lists no labels"
        for label, pages in view["labels"].items():
            assert isinstance(label, str) and pages, (view["name"], label)


@pytest.mark.parametrize("view", VIEWS, ids=_view_id)
def test_every_named_page_names_the_label(view):
    """Each page a label lists still names it in bold (**Label**), or as a diagram node
    (``x["Label"]``); a label
    that a page no longer names is removed from the list rather than checked for nothing."""
    stale = []
    for label, pages in view["labels"].items():
        for page in pages:
            path = SOURCE / page
            assert path.is_file(), f"{page} (listed for {label!r}) does not exist"
            text = path.read_text(encoding="utf-8")
            named = f"**{label}**" in text or f'["{label}"]' in text
            if not named:
                stale.append(f"{page} does not name {label!r}")
    assert not stale, "\n".join(stale)


# -- the labels exist in the live app ----------------------------------------------------------


@pytest.fixture(scope="module")
def app_page(request):
    require_chromium()
    try:
        live_app = request.getfixturevalue("live_app")
    except pytest.FixtureLookupError:
        pytest.skip("no live_app fixture: tests/conftest.py does not start a live app")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = uibrowser.launch(playwright)
        context = uibrowser.new_context(browser)
        page = context.new_page()
        uibrowser.sign_in_as_guest(page, live_app.frontend_url)
        yield page, live_app.frontend_url.rstrip("/")
        context.close()
        browser.close()


def _do(page, step: dict) -> None:
    """One interaction before the check: click a control found by role and name, or by text."""
    if "click" in step:
        target = step["click"]
        if isinstance(target, dict):
            locator = page.get_by_role(target["role"], name=target["name"], exact=True)
        else:
            locator = page.get_by_text(target, exact=True)
        locator.first.click(timeout=15000)
    elif "press" in step:
        page.keyboard.press(step["press"])
    elif "wait" in step:
        missing = uibrowser.wait_for_labels(page, [step["wait"]], timeout=20)
        assert not missing, f"{step['wait']!r} never appeared"
    else:
        raise ValueError(f"unknown step {step!r}")


@pytest.mark.liveapp
@pytest.mark.parametrize("view", VIEWS, ids=_view_id)
def test_labels_are_shown(app_page, view):
    page, base = app_page
    page.goto(base + view["route"], wait_until="domcontentloaded")
    for step in view.get("steps", []):
        _do(page, step)
    labels = list(view["labels"])
    missing = uibrowser.wait_for_labels(page, labels, timeout=view.get("timeout", 60))
    report = [
        f"{label!r} is not shown at {view['route']} ({view['name']}); named by "
        + ", ".join(f"source/{p}" for p in view["labels"][label])
        for label in missing
    ]
    assert not report, "\n".join(report)
