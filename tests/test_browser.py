"""The built site in a real browser: accessibility (axe-core with WCAG 2.2 AA and best
practices at phone and desktop sizes, light and dark; reflow and text zoom; forced colours;
reduced motion), console errors, search, keyboard, diagrams.

The pages come from the test suite's build of the site, or from ``DOCS_BUILT_SITE`` (a
folder ``make html`` wrote; ``make a11y`` does that). ``DOCS_A11Y_FULL=1`` audits every page
instead of the sample.

Needs Chromium (``/usr/bin/chromium``, or ``DOCS_CHROMIUM``) and axe-core's ``axe.min.js``
(``make test`` fetches it from the npm registry into ``.cache/npm/``; or ``DOCS_AXE_JS``).
Without them these tests skip, saying why; with ``DOCS_REQUIRE_BROWSER=1`` (CI) they fail.

One browser is reused for every check, and the site is served over HTTP from 127.0.0.1
(an unknown address gets the 404 page, as on the published site); any request to another
host is blocked and recorded, so diagrams and search are proven to work with no network.
Every console error and uncaught exception is recorded and fails the test whose page caused
it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from serving import QuietHandler, serve_directory

from tools import chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("DOCS_REQUIRE_BROWSER", "") not in ("", "0")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
# Every page instead of the sample (`make a11y`).
FULL = os.environ.get("DOCS_A11Y_FULL", "") not in ("", "0")
SEARCH_WITH_RESULTS = "search.html?q=catalog"
MISSING_PAGE = "no/such/page.html"

# axe findings we accept, each with the reason. Keys are (rule id, page glob); "*"
# matches every page. Empty on purpose: fix findings in _templates/ or
# source/_static/css/, and add an entry only for a proven false positive.
ACCEPTED: dict[tuple[str, str], str] = {}


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"{reason} (DOCS_REQUIRE_BROWSER is set, so this is a failure)")
    pytest.skip(reason)


def require_chromium() -> None:
    """Debian's Chromium must be there: skip without it, or fail in CI."""
    missing = chromium.available()
    if missing:
        _unavailable(missing)


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


class _Handler(QuietHandler):
    """Serve the build under the URL prefix it is published at (the 404 page links there)."""

    prefix = "/"

    def translate_path(self, path):
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's 404 page with status 404, as on the published site."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


# Module scope: the server thread and Playwright's threads end with this module,
# so no later test forks (Sphinx's parallel builds) while they run.
class _BuiltSite:
    """A site built before the tests (``DOCS_BUILT_SITE``, e.g. ``_build/html``)."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        home = re.search(r'href="(/(?:[^"]*/)?)index.html"', (outdir / "404.html").read_text())
        self.prefix = home.group(1) if home else "/"


@pytest.fixture(scope="module")
def served_site(request):
    built = os.environ.get("DOCS_BUILT_SITE")
    if built:
        site = _BuiltSite(Path(built).resolve())
        prefix = site.prefix
    else:
        site = request.getfixturevalue("site")
        prefix = site.app.config.notfound_urls_prefix
    # Build warnings are test_site.py's business; here the output must exist.
    assert (site.outdir / "index.html").is_file()
    prefix = "/" + prefix.strip("/") + "/"
    prefix = prefix.replace("//", "/")
    handler = type("SiteHandler", (_Handler,), {"prefix": prefix})
    with serve_directory(site.outdir, handler) as base:
        yield site, base + prefix


class Browser:
    """One Chromium context; requests leaving 127.0.0.1 cannot resolve and are recorded,
    and so is every console error and uncaught exception of every tab."""

    def __init__(self, context, base: str, site):
        self.context = context
        self.base = base
        self.site = site
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        context.on("request", self._request)
        self.page = self._watch(context.new_page())
        self._tabs = [self.page]

    def _request(self, request):
        url = request.url
        if not url.startswith((self.base, "data:", "blob:", "about:")):
            self.blocked.append(url)

    def _watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.console_errors.append(
            f"{self._where(page)}: uncaught exception: {error}"))
        return page

    def _where(self, page) -> str:
        url = page.url
        return url[len(self.base):] if url.startswith(self.base) else url

    def _console(self, page, message):
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        # The browser reports the deliberate 404 of the missing-page check; that is
        # the page working, not an error.
        if source.endswith(MISSING_PAGE) and "status of 404" in message.text:
            return
        self.console_errors.append(f"{self._where(page)}: console error: {message.text}")

    def open(self, path: str, page=None):
        page = page or self.page
        page.goto(self.base + path, wait_until="load")
        return page

    def tabs(self, count: int) -> list:
        while len(self._tabs) < count:
            self._tabs.append(self._watch(self.context.new_page()))
        return self._tabs[:count]


@pytest.fixture(scope="module")
def browser(served_site):
    require_chromium()
    axe = _axe_script()
    if axe is None or not axe.is_file():
        _unavailable("axe-core's axe.min.js is not in .cache/npm/ (run `make assets`)")
    from playwright.sync_api import sync_playwright

    site, base = served_site
    with sync_playwright() as playwright:
        # No network: every host name except the local server fails to resolve.
        engine = chromium.launch(playwright)
        context = engine.new_context(
            viewport=VIEWPORTS["desktop"], color_scheme="light", service_workers="block"
        )
        context.add_init_script(script=axe.read_text(encoding="utf-8"))
        yield Browser(context, base, site)
        context.close()
        engine.close()


@pytest.fixture
def quiet_console(browser):
    """The test fails on any console error or uncaught exception its pages produce."""
    before = len(browser.console_errors)
    yield
    errors = browser.console_errors[before:]
    assert errors == [], "console errors:\n" + "\n".join(errors)


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


def _audited_pages(outdir: Path) -> list[str]:
    """What a reader can open: every page, search with results, and the 404 page as it
    is served for a missing address (not 404.html opened by name)."""
    pages = [p for p in _pages(outdir) if p not in ("404.html", "search.html")]
    return [*pages, SEARCH_WITH_RESULTS, MISSING_PAGE]


# Mermaid (sphinxcontrib-mermaid) draws the visible diagrams after load and marks
# the hidden ones (in closed tabs) data-mermaid-deferred, drawing them when shown.
# A page is ready when every diagram is drawn or deferred; one whose drawing
# failed is a finding.
_DIAGRAMS_SETTLED = """() => [...document.querySelectorAll('pre.mermaid')].every(p =>
    p.hasAttribute('data-mermaid-render-failed') || p.hasAttribute('data-mermaid-deferred')
    || (p.getAttribute('data-processed') === 'true' && p.querySelector('svg')))"""


def _wait_for_diagrams(page) -> list[str]:
    """Wait until every diagram of the page is drawn; return the ones that failed."""
    if not page.locator("pre.mermaid").count():
        return []
    page.wait_for_function(_DIAGRAMS_SETTLED, timeout=60_000)
    # one more frame, so styles applied with the drawing are in place
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    failed = page.locator("pre.mermaid[data-mermaid-render-failed]").count()
    return [f"{failed} diagram(s) failed to draw"] if failed else []


# Sphinx's search draws the results one by one, then fetches each result page for
# its summary: the page is ready when the status line says the search finished and
# no request is left.
_SEARCH_FINISHED = """() => {
    const status = document.querySelector('#search-results .search-summary');
    return !!status && /finished|did not match/i.test(status.textContent);
}"""


def _settle(page) -> list[str]:
    """Wait until the page has done what it does after load (diagrams, search results);
    return what failed."""
    failed = _wait_for_diagrams(page)
    if page.locator("#search-results").count():
        page.wait_for_function(_SEARCH_FINISHED, timeout=60_000)
        page.wait_for_load_state("networkidle")
    return failed


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


def _axe_findings(tab, path: str, label: str) -> list[str]:
    tab.wait_for_function("() => window.__axeResult !== undefined", timeout=120_000)
    result = tab.evaluate("() => window.__axeResult")
    if "error" in result:
        return [f"{path} [{label}]: axe-core failed: {result['error']}"]
    findings = []
    for violation in result["violations"]:
        impact = violation.get("impact") or "minor"
        if _accepted(violation["id"], path):
            continue
        targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
        findings.append(f"{path} [{label}]: {impact} {violation['id']} "
                        f"({len(violation['nodes'])}): {violation['help']} {targets}")
    return findings


def _progress(line: str) -> None:
    """One line per checked page, with the time, to the file DOCS_A11Y_PROGRESS names (if
    any): the whole-site run takes long enough to want to watch it."""
    target = os.environ.get("DOCS_A11Y_PROGRESS")
    if target:
        import time

        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{time.strftime('%H:%M:%S')} {line}\n")


def audit(browser, pages: list[str], size: str, scheme: str) -> tuple[list[str], int]:
    """Run axe-core with AXE_TAGS on each page at one viewport and colour scheme.

    Returns the findings and console errors (one line each) and the number of pages checked.
    """
    label = f"{size}, {scheme}"
    problems: list[str] = []
    checked = 0
    running: list[tuple[object, str]] = []
    free = browser.tabs(AXE_TABS)
    errors_before = len(browser.console_errors)
    for tab in free:
        tab.set_viewport_size(VIEWPORTS[size])
        tab.emulate_media(color_scheme=scheme, reduced_motion="no-preference",
                          forced_colors="none")

    def finish(tab, done):
        nonlocal checked
        found = _axe_findings(tab, done, label)
        problems.extend(found)
        checked += 1
        free.append(tab)
        _progress(f"{label}: {checked}/{len(pages)} {done}: {len(found)} finding(s)")

    for path in pages:
        if not free:
            finish(*running.pop(0))
        tab = free.pop()
        browser.open(path, tab)
        problems.extend(f"{path} [{label}]: {p}" for p in _settle(tab))
        dark = tab.evaluate("() => { const [r, g, b] = getComputedStyle(document.body)"
                            ".backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 200; }")
        if dark != (scheme == "dark"):
            problems.append(f"{path} [{label}]: the page is not in the {scheme} scheme")
        tab.evaluate(_START_AXE, AXE_TAGS)
        running.append((tab, path))
    for tab, done in running:
        finish(tab, done)
    for tab in free:  # back to what the other tests expect
        tab.set_viewport_size(VIEWPORTS["desktop"])
        tab.emulate_media(color_scheme="light")
    problems.extend(f"[{label}] {e}" for e in browser.console_errors[errors_before:])
    return problems, checked


# The sample `make test` audits at both sizes in both schemes: every page type
# and every template or directive with its own markup, found by what the built
# page contains, so a new feature page joins on its own. `make a11y` audits
# every page the same way (DOCS_A11Y_FULL=1).
SAMPLE_PAGES = [
    "index.html",                      # home: cards, grid
    SEARCH_WITH_RESULTS,               # search page with results drawn by JS
    MISSING_PAGE,                      # 404 as served in production
    "genindex.html",
    "kb-keywords.html", "kb-topics.html",
    "reference/glossary.html",         # autogloss glossary with its letter bar
    "reference/knowledge-base/index.html",  # KB keyword index with its letter bar
    "community/adopters.html",         # logo wall
    "community/accessibility.html",
    "admin/install/split-backend.html",  # Mermaid with edge labels
]
SAMPLE_FEATURES = {
    "a section index": 'class="toctree-wrapper',
    "a knowledge-base article": 'class="kb-info',
    "a case study": "case-studies/",
    "code": 'class="highlight',
    "a table": 'class="docutils align',
    "an admonition": 'class="admonition',
    "an audience callout": "docmeta-callout",
    "tabs": 'class="sd-tab-set',
    "cards": 'class="sd-card',
    "a diagram": 'class="mermaid',
    "two diagrams": None,
    "a hover definition": 'class="autogloss-term',
    "a task list": "task-list-item-checkbox",
    "a footnote": 'class="footnote',
    "an image": '<img ',
    "a figure": 'class="figure',
    "a version note": 'class="versionchanged',
    "keyboard keys": 'class="kbd',
    "a role index": 'class="docmeta-index',
    "the metadata matrix": "docmeta-matrix",
}


def _sample(outdir: Path) -> list[str]:
    pages = _pages(outdir)
    html = {p: (outdir / p).read_text(encoding="utf-8") for p in pages}
    sample = [p for p in SAMPLE_PAGES if p in pages or p in (SEARCH_WITH_RESULTS, MISSING_PAGE)]
    for name, marker in SAMPLE_FEATURES.items():
        if marker is None:
            found = [p for p in pages if html[p].count('class="mermaid') >= 2]
        elif marker.endswith("/"):
            found = [p for p in pages if p.startswith(f"community/{marker}")
                     and not p.endswith("index.html")]
        else:
            found = [p for p in pages if marker in html[p]]
        if found and not set(found) & set(sample):
            sample.append(found[0])
    return sample


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_pages_pass_axe(browser, size, scheme):
    """No axe-core finding of any impact (WCAG 2.2 AA and best practices) and no console
    error, on the sample pages (every page with DOCS_A11Y_FULL=1), phone and desktop, light
    and dark."""
    outdir = browser.site.outdir
    pages = _audited_pages(outdir) if FULL else _sample(outdir)
    assert len(pages) > 10, pages
    problems, checked = audit(browser, pages, size, scheme)
    assert checked == len(pages)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
    assert browser.blocked == [], f"pages tried to reach the network: {browser.blocked[:5]}"


def test_sample_covers_every_page_type(browser):
    """The sample holds each listed page and one page per feature that the site has."""
    outdir = browser.site.outdir
    sample = _sample(outdir)
    for page in SAMPLE_PAGES:
        assert page in sample, page
    assert any(p.startswith("community/case-studies/") for p in sample)
    assert len(sample) >= 15, sample


def test_console_errors_fail_the_tests(browser):
    """A planted console error and an uncaught exception are caught and reported."""
    page = browser.open("index.html")
    before = len(browser.console_errors)
    page.evaluate("() => console.error('planted error')")
    page.evaluate("() => setTimeout(() => { throw new Error('planted exception'); })")
    # what a search result with an empty summary did: appendChild(null) in a promise
    page.evaluate("() => { Promise.resolve().then(() => document.body.appendChild(null)); }")
    page.wait_for_timeout(300)
    caught = browser.console_errors[before:]
    del browser.console_errors[before:]
    assert any("planted error" in e for e in caught), caught
    assert any("planted exception" in e for e in caught), caught
    assert any("appendChild" in e for e in caught), caught
    assert all(e.startswith("index.html: ") for e in caught), caught


# -- what axe-core cannot see: reflow, forced colours, reduced motion ---------------------------

# Elements that stick out of the page to the right, outside boxes that scroll on
# their own (code blocks, wide tables, diagrams that pan). Empty when the page
# does not scroll sideways.
_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    const own = 'pre, div.highlight, .table-wrapper, pre.mermaid, [data-a11y-scroll]';
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest(own) && !el.matches(own)) continue;
        const box = el.getBoundingClientRect();
        if (box.width && box.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
            out.push((el.tagName.toLowerCase() + '.' + [...el.classList].join('.')).slice(0, 80)
                     + ' right=' + Math.round(box.right));
        }
        if (out.length >= 5) break;
    }
    return [`page is ${document.documentElement.scrollWidth}px wide`, ...out];
}"""

REFLOW_CASES = {
    # WCAG 1.4.10: content reflows at 320 CSS px (1280 px at 400 % zoom).
    "320 px": ({"width": 320, "height": 640}, 1),
    # WCAG 1.4.4: text alone at 200 % (the browser's font-size setting, which also
    # moves the theme's em-based breakpoints), on a phone and on a desktop.
    "phone, text 200 %": (VIEWPORTS["phone"], 2),
    "desktop, text 200 %": (VIEWPORTS["desktop"], 2),
}
DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}


def _text_zoom(session, factor: float) -> None:
    """Set the browser's default font sizes, as a reader's text-size setting does (the
    setting lasts while the DevTools session stays attached)."""
    session.send("Page.setFontSizes", {"fontSizes": {
        name: round(size * factor) for name, size in DEFAULT_FONT_SIZES.items()}})


@pytest.mark.parametrize("case", list(REFLOW_CASES))
def test_pages_reflow_without_sideways_scrolling(browser, case, quiet_console):
    """At 320 CSS px, and with text at 200 %, the page never scrolls sideways (code blocks
    and wide tables scroll inside their own box)."""
    viewport, text_zoom = REFLOW_CASES[case]
    outdir = browser.site.outdir
    pages = _audited_pages(outdir) if FULL else _sample(outdir)
    page = browser.page
    page.set_viewport_size(viewport)
    session = page.context.new_cdp_session(page)
    _text_zoom(session, text_zoom)
    problems = []
    try:
        for path in pages:
            browser.open(path)
            _settle(page)
            if text_zoom != 1:
                size = page.evaluate("() => getComputedStyle(document.body).fontSize")
                assert float(size.rstrip("px")) >= 30, f"text zoom not applied ({size})"
            overflow = page.evaluate(_OVERFLOW)
            if overflow:
                problems.append(f"{path} [{case}]: " + "; ".join(overflow))
            _progress(f"reflow {case}: {path}: {'; '.join(overflow) or 'ok'}")
    finally:
        _text_zoom(session, 1)
        session.detach()
        page.set_viewport_size(VIEWPORTS["desktop"])
    assert problems == [], "pages scroll sideways:\n" + "\n".join(problems)


# Under forced colours every colour is the system's, and backgrounds are gone: each
# of these must still be told apart by a border or an underline.
_FORCED_COLOURS = """() => {
    const css = el => getComputedStyle(el);
    const border = el => { const s = css(el); return ['Top', 'Right', 'Bottom', 'Left'].every(
        side => s['border' + side + 'Style'] !== 'none' && parseFloat(s['border' + side + 'Width']) >= 1
                && s['border' + side + 'Color'] !== css(el.parentElement).backgroundColor); };
    const visible = el => { const b = el.getBoundingClientRect(); const s = css(el);
        return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0'
               && s.color !== s.backgroundColor; };
    const out = {};
    const check = (name, selector, test) => {
        const els = [...document.querySelectorAll(selector)];
        if (els.length) out[name] = els.filter(el => !test(el)).length === 0;
    };
    check('badge', '.docmeta-badge', el => visible(el) && border(el));
    check('callout', 'div.admonition', el => visible(el) && border(el));
    check('callout icon', 'div.admonition > .admonition-title', el => {
        const s = getComputedStyle(el, '::before');
        return s.content === 'none' || (s.backgroundColor !== 'rgba(0, 0, 0, 0)'
               && s.backgroundColor !== css(el).backgroundColor);
    });
    check('card', '.sd-card', el => visible(el) && border(el));
    check('letter bar link', '.autogloss-letters a, .kb-letter-bar a',
          el => visible(el) && border(el));
    check('logo tile', 'li.adopters-tile', el => visible(el) && border(el));
    check('logo', 'li.adopters-tile img', el => visible(el));
    check('hover definition', '.autogloss-ref', el => {
        const s = css(el); const link = el.querySelector('a') || el;
        return visible(el) && (s.textDecorationLine !== 'none'
               || css(link).textDecorationLine !== 'none');
    });
    return out;
}"""
_SHOW_TIP = """() => {
    const ref = document.querySelector('.autogloss-ref');
    if (!ref) return null;
    const target = ref.querySelector('a, [tabindex]') || ref;
    target.focus();
    const tip = ref.querySelector('.autogloss-tip');
    if (!tip) return null;
    const s = getComputedStyle(tip);
    return {shown: s.display !== 'none', border: s.borderTopStyle !== 'none'
            && parseFloat(s.borderTopWidth) >= 1, text: tip.textContent.trim().length > 0};
}"""


def _first_with(outdir: Path, marker: str) -> str:
    return next(p for p in _pages(outdir)
                if marker in (outdir / p).read_text(encoding="utf-8"))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_forced_colours_keep_every_part_visible(browser, scheme, quiet_console):
    """Windows high contrast (forced-colors: active): badges, callouts, cards, letter bars,
    logo tiles and hover definitions keep a visible outline in the system colours."""
    outdir = browser.site.outdir
    pages = {
        _first_with(outdir, 'class="docmeta-badge'), _first_with(outdir, 'class="admonition'),
        "index.html", "reference/glossary.html", "reference/knowledge-base/index.html",
        "community/adopters.html", _first_with(outdir, 'class="autogloss-ref'),
    }
    page = browser.page
    page.emulate_media(color_scheme=scheme, forced_colors="active")
    seen: dict[str, bool] = {}
    problems = []
    try:
        for path in sorted(pages):
            browser.open(path)
            assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
            for name, ok in page.evaluate(_FORCED_COLOURS).items():
                seen[name] = seen.get(name, True) and ok
                if not ok:
                    problems.append(f"{path}: {name} not distinguishable")
            tip = page.evaluate(_SHOW_TIP)
            if tip is not None:
                seen["hover definition text"] = True
                if not all(tip.values()):
                    problems.append(f"{path}: hover definition on focus {tip}")
    finally:
        page.emulate_media(color_scheme="light", forced_colors="none")
    # (tiles show logos once the wall has them; then "logo" is checked as well)
    expected = {"badge", "callout", "callout icon", "card", "letter bar link", "logo tile",
                "hover definition", "hover definition text"}
    assert expected <= set(seen), f"not found on the checked pages: {expected - set(seen)}"
    assert problems == [], "\n".join(problems)


# Every running or pending transition and animation of the page, as the longest
# duration in seconds per element (pseudo-elements included).
_MOTION = """() => {
    const longest = value => Math.max(...value.split(',').map(v => parseFloat(v) *
                                     (v.trim().endsWith('ms') ? 0.001 : 1)));
    const out = [];
    for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const transition = s.transitionProperty !== 'none' ? longest(s.transitionDuration) : 0;
            const animation = s.animationName !== 'none' ? longest(s.animationDuration) : 0;
            if (Math.max(transition, animation) > 0.02)
                out.push(el.tagName.toLowerCase() + (pseudo || '') + '.' + [...el.classList].join('.')
                         + ': ' + Math.max(transition, animation) + 's');
        }
    }
    return {moving: out, smooth: getComputedStyle(document.documentElement).scrollBehavior};
}"""


def test_reduced_motion_stops_every_animation(browser, quiet_console):
    """With prefers-reduced-motion: reduce, no transition or animation runs (and without it,
    the theme's transitions are there, so the check measures something)."""
    outdir = browser.site.outdir
    pages = ["index.html", "reference/glossary.html", "admin/install/split-backend.html",
             "community/adopters.html", SEARCH_WITH_RESULTS]
    page = browser.page
    try:
        page.emulate_media(reduced_motion="no-preference")
        browser.open("index.html")
        assert page.evaluate(_MOTION)["moving"], "found no transition to stop"
        page.emulate_media(reduced_motion="reduce")
        problems = []
        for path in pages:
            browser.open(path)
            _wait_for_diagrams(page)
            found = page.evaluate(_MOTION)
            if found["moving"]:
                problems.append(f"{path}: " + "; ".join(found["moving"][:5]))
            if found["smooth"] == "smooth":
                problems.append(f"{path}: smooth scrolling")
    finally:
        page.emulate_media(reduced_motion="no-preference")
    assert problems == [], "\n".join(problems)


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


def test_search_finds_a_backstage_term(browser, quiet_console):
    page = browser.open("search.html?q=catalog")
    results = page.locator("#search-results ul.search li")
    _settle(page)
    assert results.count() >= 3
    links = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any("catalog" in (href or "") for href in links), links


def test_keyboard_reaches_main_content_through_the_skip_link(browser, quiet_console):
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


def test_keyboard_reaches_the_search_box(browser, quiet_console):
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


def test_mermaid_diagrams_render_offline_with_an_accessible_name(browser, quiet_console):
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
