"""The logo wall in a real browser: axe-core, icon colours per colour scheme, forced
colours, reflow at 320 px and target sizes, on the adopters page and the home page strip.

Reuses test_browser.py's fixtures (one Chromium, the site served from 127.0.0.1) and skips
the same way when Chromium or axe-core is missing.
"""

from __future__ import annotations

import pytest

from test_browser import browser, served_site  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WALL = "community/adopters.html"
HOME = "index.html"
# The brief's tag set: WCAG 2.0, 2.1 and 2.2 A/AA plus axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# The page's own content (Furo's <article>, which holds the wall and the strip). Furo's
# frame around it (sidebars, the table of contents, the header buttons) is the same on
# every page and is checked by test_browser.py.
_AXE = """async tags => {
    const r = await axe.run({include: [['article']]},
                            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return r.violations.map(v => `${v.impact} ${v.id}: ${v.help} ` +
        JSON.stringify(v.nodes.slice(0, 3).map(n => n.target)));
}"""

# For every icon: its fill, the tile's background and the link's text colour, as computed.
_ICONS = """() => [...document.querySelectorAll('ul.adopters-wall svg.adopters-icon')].map(svg => {
    const tile = svg.closest('li.adopters-tile');
    const link = svg.closest('a');
    return {name: link.textContent.trim() || svg.getAttribute('aria-label'),
            fill: getComputedStyle(svg).fill,
            background: getComputedStyle(tile).backgroundColor,
            text: getComputedStyle(link).color};
})"""


def _rgb(css: str) -> tuple[int, int, int]:
    parts = css[css.index("(") + 1:css.index(")")].replace(",", " ").split()
    return tuple(round(float(p)) for p in parts[:3])  # type: ignore[return-value]


def _contrast(a, b) -> float:
    def lum(rgb):
        c = [x / 255 for x in rgb]
        c = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _set_scheme(page, scheme: str, how: str) -> None:
    """Dark mode either from the system preference (theme "auto") or Furo's switch."""
    page.emulate_media(color_scheme=scheme if how == "system" else "light")
    theme = "auto" if how == "system" else scheme
    page.evaluate("t => { document.body.dataset.theme = t; }", theme)


@pytest.fixture
def page(browser):  # noqa: F811 - the fixture imported above
    tab = browser.page
    yield tab
    tab.emulate_media(color_scheme="light", forced_colors="none")
    tab.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("path", [WALL, HOME])
@pytest.mark.parametrize("scheme,how", [("light", "system"), ("dark", "system"),
                                        ("dark", "switch")])
def test_no_axe_findings_in_either_scheme(browser, page, path, scheme, how):  # noqa: F811
    browser.open(path)
    _set_scheme(page, scheme, how)
    assert page.locator("article ul.adopters-wall svg.adopters-icon").count() >= 12
    assert page.evaluate(_AXE, TAGS) == []
    assert browser.blocked == []


@pytest.mark.parametrize("scheme,how", [("light", "system"), ("dark", "system"),
                                        ("dark", "switch")])
def test_every_icon_has_3_to_1_contrast_on_its_tile(browser, page, scheme, how):  # noqa: F811
    browser.open(WALL)
    _set_scheme(page, scheme, how)
    icons = page.evaluate(_ICONS)
    assert len(icons) >= 30
    brand = 0
    for icon in icons:
        fill, background = _rgb(icon["fill"]), _rgb(icon["background"])
        assert _contrast(fill, background) >= 3, icon
        brand += fill != _rgb(icon["text"])
    # Most icons keep their brand colour; the rest fall back to the text colour.
    assert brand >= len(icons) // 2, icons


def test_brand_colours_follow_the_scheme(browser, page):  # noqa: F811
    browser.open(WALL)
    fills = {}
    for scheme, how in [("light", "system"), ("dark", "system"), ("dark", "switch")]:
        _set_scheme(page, scheme, how)
        fills[scheme, how] = {i["name"]: (_rgb(i["fill"]), _rgb(i["text"]))
                              for i in page.evaluate(_ICONS)}
    light, dark, switch = fills.values()
    assert dark == switch
    # Spotify green is too light on the light tile: text colour there, green in dark.
    assert light["Spotify"][0] == light["Spotify"][1]
    assert dark["Spotify"][0] == (0x1E, 0xD7, 0x60)
    # Netflix red works in both.
    assert light["Netflix"][0] == dark["Netflix"][0] == (0xE5, 0x09, 0x14)


def test_forced_colours_keep_logos_visible(browser, page):  # noqa: F811
    browser.open(WALL)
    page.emulate_media(forced_colors="active")
    for icon in page.evaluate(_ICONS):
        # The icon takes the link colour the system chose, never a brand colour.
        assert icon["fill"] == icon["text"], icon
        assert _contrast(_rgb(icon["fill"]), _rgb(icon["background"])) >= 3, icon


@pytest.mark.parametrize("path", [WALL, HOME])
def test_tiles_reflow_at_320px_and_targets_are_large_enough(browser, page, path):  # noqa: F811
    page.set_viewport_size({"width": 320, "height": 640})
    browser.open(path)
    width = page.evaluate("() => document.documentElement.clientWidth")
    boxes = page.evaluate("""() => [...document.querySelectorAll('ul.adopters-wall a')]
        .map(a => { const r = a.getBoundingClientRect();
                    return {left: r.left, right: r.right, width: r.width, height: r.height}; })""")
    assert boxes
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= width + 0.5, box
        assert box["width"] >= 24 and box["height"] >= 24, box
    wall = page.locator("ul.adopters-wall").first
    assert wall.evaluate("w => w.scrollWidth <= w.clientWidth + 1")
