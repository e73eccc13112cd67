"""The built site in a real browser: accessibility (axe-core), search, keyboard, diagrams.

Needs Chromium (``/usr/bin/chromium``, or ``DOCS_CHROMIUM``) and axe-core's ``axe.min.js``
(``make test`` fetches it from the npm registry into ``.cache/npm/``; or ``DOCS_AXE_JS``).
Without them these tests skip, saying why; with ``DOCS_REQUIRE_BROWSER=1`` (CI) they fail.

One browser and one page are reused for every check, and the site is served over HTTP
from 127.0.0.1; any request to another host is blocked and recorded, so diagrams and
search are proven to work with no network.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("DOCS_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("DOCS_REQUIRE_BROWSER", "") not in ("", "0")
CHROMIUM_ARGS = [
    # No network: every host name except the local server fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# Moderate or minor axe findings we accept, each with the reason. Keys are
# (rule id, page glob); "*" matches every page. Serious and critical findings
# can never be accepted here: fix them in _templates/ or source/_static/css/.
ACCEPTED: dict[tuple[str, str], str] = {}


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"{reason} (DOCS_REQUIRE_BROWSER is set, so this is a failure)")
    pytest.skip(reason)


def _axe_script() -> Path | None:
    env = os.environ.get("DOCS_AXE_JS")
    if env:
        path = Path(env)
        return path if path.is_absolute() else REPO / path
    found = sorted(
        (REPO / ".cache" / "npm").glob("axe-core-*/axe.min.js"),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)],
    )
    return found[-1] if found else None


# -- serving the site and driving one browser ------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve the build under the URL prefix it is published at (the 404 page links there)."""

    prefix = "/"

    def translate_path(self, path):
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def log_message(self, *args):  # noqa: D102 - keep test output clean
        pass


# Module scope: the server thread and Playwright's threads end with this module,
# so no later test forks (Sphinx's parallel builds) while they run.
@pytest.fixture(scope="module")
def served_site(site):
    # Build warnings are test_site.py's business; here the output must exist.
    assert (site.outdir / "index.html").is_file()
    prefix = "/" + site.app.config.notfound_urls_prefix.strip("/") + "/"
    prefix = prefix.replace("//", "/")
    handler_class = type("SiteHandler", (_Handler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


class Browser:
    """One Chromium context; requests leaving 127.0.0.1 cannot resolve and are recorded."""

    def __init__(self, context, base: str, site):
        self.context = context
        self.base = base
        self.site = site
        self.blocked: list[str] = []
        context.on("request", self._request)
        self.page = context.new_page()
        self._tabs = [self.page]

    def _request(self, request):
        url = request.url
        if not url.startswith((self.base, "data:", "blob:", "about:")):
            self.blocked.append(url)

    def open(self, path: str, page=None):
        page = page or self.page
        page.goto(self.base + path, wait_until="load")
        return page

    def tabs(self, count: int) -> list:
        while len(self._tabs) < count:
            self._tabs.append(self.context.new_page())
        return self._tabs[:count]


@pytest.fixture(scope="module")
def browser(served_site):
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM} (on Debian: apt-get install chromium)")
    axe = _axe_script()
    if axe is None or not axe.is_file():
        _unavailable("axe-core's axe.min.js is not in .cache/npm/ (run `make assets`)")
    from playwright.sync_api import sync_playwright

    site, base = served_site
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme="light", service_workers="block"
        )
        context.add_init_script(script=axe.read_text(encoding="utf-8"))
        yield Browser(context, base, site)
        context.close()
        chromium.close()


def _pages(outdir: Path) -> list[str]:
    """Every HTML page of the site; redirect stubs for moved pages are not pages."""
    skip = ("_static/", "_images/", "_sources/", "_downloads/")
    pages = []
    for path in outdir.rglob("*.html"):
        relative = path.relative_to(outdir).as_posix()
        if relative.startswith(skip):
            continue
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        if 'http-equiv="refresh"' in head and "<article" not in head:
            continue
        pages.append(relative)
    return sorted(pages)


def _wait_for_diagrams(page) -> None:
    """Wait until every visible diagram is drawn (hidden ones, in closed tabs, draw later)."""
    if page.locator("pre.mermaid").count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('pre.mermaid')]"
            ".filter(p => p.offsetParent !== null || p.getClientRects().length > 0)"
            ".every(p => p.getAttribute('data-processed') === 'true' && p.querySelector('svg'))",
            timeout=30_000,
        )


def _accepted(rule: str, page: str) -> bool:
    from fnmatch import fnmatch

    return any(r == rule and fnmatch(page, glob) for (r, glob) in ACCEPTED)


# -- the checks --------------------------------------------------------------------------------


# axe-core's colour-contrast rule takes most of the time, and most of that goes into
# the thousands of highlighted tokens in code blocks. So every page gets every rule,
# but colour contrast skips code blocks there; the code colours are the same CSS on
# every page and are checked once, for every token class in both colour schemes,
# by test_code_highlighting_has_enough_contrast. Several tabs of the one browser
# (separate renderer processes) work side by side.
AXE_TABS = int(os.environ.get("DOCS_AXE_TABS", "2"))
_START_AXE = """tags => {
    window.__axeResult = undefined;
    const only = {type: 'tag', values: tags};
    axe.run(document, {runOnly: only, resultTypes: ['violations'],
                       rules: {'color-contrast': {enabled: false}}})
      .then(all => axe.run({exclude: [['div.highlight']]},
                           {runOnly: {type: 'rule', values: ['color-contrast']},
                            resultTypes: ['violations']})
        .then(contrast => { all.violations.push(...contrast.violations); return all; }))
      .then(r => { window.__axeResult = r; }, e => { window.__axeResult = {error: String(e)}; });
}"""


def _axe_findings(tab, path: str) -> list[str]:
    tab.wait_for_function("() => window.__axeResult !== undefined", timeout=120_000)
    result = tab.evaluate("() => window.__axeResult")
    if "error" in result:
        return [f"{path}: axe-core failed: {result['error']}"]
    findings = []
    for violation in result["violations"]:
        impact = violation.get("impact") or "minor"
        if impact not in BLOCKING_IMPACTS and _accepted(violation["id"], path):
            continue
        targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
        findings.append(f"{path}: {impact} {violation['id']}: {violation['help']} {targets}")
    return findings


def test_every_page_passes_axe_wcag21_aa(browser):
    pages = _pages(browser.site.outdir)
    assert len(pages) > 10, pages
    problems: list[str] = []
    checked = 0
    running: list[tuple[object, str]] = []
    free = browser.tabs(AXE_TABS)
    for path in pages:
        if not free:
            tab, done = running.pop(0)
            problems += _axe_findings(tab, done)
            checked += 1
            free.append(tab)
        tab = free.pop()
        browser.open(path, tab)
        _wait_for_diagrams(tab)
        tab.evaluate(_START_AXE, AXE_TAGS)
        running.append((tab, path))
    for tab, done in running:
        problems += _axe_findings(tab, done)
        checked += 1
    assert checked == len(pages)
    assert problems == [], "accessibility violations:\n" + "\n".join(problems)
    assert browser.blocked == [], f"pages tried to reach the network: {browser.blocked[:5]}"


# Pages showing each kind of content, for the dark colour scheme check.
DARK_FEATURES = ["div.highlight", "table.docutils", "div.admonition", "div.sd-card",
                 "pre.mermaid", "dl.glossary", "input.task-list-item-checkbox"]


def test_dark_colour_scheme_has_enough_contrast(browser):
    """Furo follows the reader's dark preference: check contrast there too, on the home
    page, the search and 404 pages, every section index and one page per kind of content."""
    outdir = browser.site.outdir
    pages = _pages(outdir)
    sample = {"index.html", "search.html", "404.html"}
    sample |= {p for p in pages if p.count("/") == 1 and p.endswith("/index.html")}
    html = {p: (outdir / p).read_text(encoding="utf-8") for p in pages}
    for feature in DARK_FEATURES:
        tag, cls = feature.split(".")
        marker = f'class="{cls}' if tag != "input" else cls
        found = [p for p in pages if marker in html[p]]
        if found:
            sample.add(found[0])
    page = browser.page
    page.emulate_media(color_scheme="dark")
    problems = []
    try:
        for path in sorted(sample & set(pages)):
            browser.open(path)
            _wait_for_diagrams(page)
            background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            rgb = [int(n) for n in re.findall(r"\d+", background)[:3]]
            assert sum(rgb) < 200, f"{path}: not in the dark scheme (background {background})"
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']},"
                " resultTypes: ['violations']})"
            )
            for violation in result["violations"]:
                targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['impact']} {violation['id']} {targets}")
    finally:
        page.emulate_media(color_scheme="light")
    assert problems == [], "dark scheme contrast problems:\n" + "\n".join(problems)


_TOKEN_SAMPLE = """() => {
    // Every Pygments token class the site's style sheets colour, as one code block.
    const classes = new Set();
    for (const sheet of document.styleSheets) {
        let rules;
        try { rules = sheet.cssRules; } catch (e) { continue; }
        const walk = list => { for (const rule of list) {
            if (rule.cssRules) walk(rule.cssRules);
            for (const m of (rule.selectorText || '').matchAll(/\\.highlight\\s+\\.([\\w-]+)/g))
                classes.add(m[1]);
        } };
        walk(rules);
    }
    const block = document.createElement('div');
    block.className = 'highlight-text notranslate';
    block.id = 'token-sample';
    const inner = document.createElement('div');
    inner.className = 'highlight';
    const pre = document.createElement('pre');
    classes.delete('w');  // Text.Whitespace: only spaces, nothing to read
    for (const name of [...classes].sort()) {
        const span = document.createElement('span');
        span.className = name;
        span.textContent = 'sample_' + name + ' ';
        pre.appendChild(span);
        pre.appendChild(document.createTextNode('\\n'));
    }
    inner.appendChild(pre);
    block.appendChild(inner);
    document.querySelector('article').appendChild(block);
    return classes.size;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_highlighting_has_enough_contrast(browser, scheme):
    """Every token colour of the code highlighting, against the code background."""
    page = browser.page
    page.emulate_media(color_scheme=scheme)
    try:
        pages = _pages(browser.site.outdir)
        html = next(p for p in pages if 'class="highlight' in
                    (browser.site.outdir / p).read_text(encoding="utf-8"))
        browser.open(html)
        count = page.evaluate(_TOKEN_SAMPLE)
        assert count > 20, f"found only {count} token classes in the style sheets"
        result = page.evaluate(
            "() => axe.run({include: [['#token-sample']]}, {runOnly: {type: 'rule', values:"
            " ['color-contrast']}, resultTypes: ['violations', 'passes']})"
        )
        problems = [
            f"{node['target']}: {node.get('failureSummary', '').splitlines()[-1]}"
            for violation in result["violations"] for node in violation["nodes"]
        ]
        assert problems == [], f"code colours too faint in the {scheme} scheme:\n" + "\n".join(
            problems)
        passed = sum(len(p["nodes"]) for p in result["passes"])
        assert passed > 20, "axe did not check the sample tokens"
    finally:
        page.emulate_media(color_scheme="light")


def test_accepted_findings_have_reasons():
    for key, reason in ACCEPTED.items():
        assert len(reason.split()) >= 5, f"give a real reason for accepting {key}"


def test_search_finds_a_backstage_term(browser):
    page = browser.open("search.html?q=catalog")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    links = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any("catalog" in (href or "") for href in links), links


def test_keyboard_reaches_main_content_through_the_skip_link(browser):
    page = browser.open("index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused["text"].lower().startswith("skip to"), focused
    target = focused["href"]
    assert target and target.startswith("#")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "id => document.getElementById(id).contains(document.activeElement)", target[1:]
    )
    assert inside, "Tab after the skip link did not land in the main content"
    main_has_h1 = page.evaluate(
        "id => !!document.getElementById(id).closest('main, [role=main]') "
        "|| !!document.getElementById(id).querySelector('h1')",
        target[1:],
    )
    assert main_has_h1


def test_keyboard_reaches_the_search_box(browser):
    page = browser.open("index.html")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('name') === 'q'"):
            break
    else:
        pytest.fail("30 presses of Tab never reached the search box")
    page.keyboard.type("catalog")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=catalog"))
    page.locator("#search-results ul.search li").first.wait_for(timeout=15_000)


def test_mermaid_diagrams_render_offline_with_an_accessible_name(browser):
    outdir = browser.site.outdir
    with_diagrams = [p for p in _pages(outdir) if 'class="mermaid"' in (outdir / p).read_text()]
    if not with_diagrams:
        pytest.fail("no page of the site has a Mermaid diagram to check")
    html = (outdir / with_diagrams[0]).read_text()
    assert "_static/mermaid/mermaid.esm.min.mjs" in html, (
        "Mermaid is not served by the site (run `make assets`, then rebuild)"
    )
    assert "cdn.jsdelivr.net" not in html
    from playwright.sync_api import expect

    blocked_before = len(browser.blocked)
    for path in with_diagrams[:5]:
        page = browser.open(path)
        _wait_for_diagrams(page)
        diagrams = page.locator("pre.mermaid")
        for index in range(diagrams.count()):
            diagram = diagrams.nth(index)
            label = diagram.get_attribute("aria-label")
            assert label, f"{path}: diagram {index} has no accessible name"
            expect(diagram).to_have_role("img")
            expect(diagram).to_have_accessible_name(label)
            box = diagram.locator("svg").bounding_box()
            assert box and box["width"] > 50 and box["height"] > 20, f"{path}: empty diagram"
    assert browser.blocked[blocked_before:] == []
    # the accessibility tree, as a screen reader gets it, names the diagram
    snapshot = page.locator("article").first.aria_snapshot()
    assert f'img "{label}"' in snapshot, snapshot


def test_missing_browser_skips_locally_and_fails_in_ci(monkeypatch):
    module = __import__(__name__)
    monkeypatch.setattr(module, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match="DOCS_REQUIRE_BROWSER"):
        _unavailable("Chromium not found")
    monkeypatch.setattr(module, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        _unavailable("Chromium not found")
