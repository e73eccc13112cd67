"""The adopters logo wall: tiles, links, alt text, icons and their colours, and located
warnings for bad data."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from sphinx.util.parallel import parallel_available

from adopters.icons import contrast, parse_hex, scheme_colours, svg_markup
from conftest import warning_lines


def _tiles(app, page="index"):
    html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
    wall = BeautifulSoup(html, "html.parser").select_one("ul.adopters-wall")
    assert wall is not None, "no logo wall rendered"
    return wall.select("li.adopters-tile")


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_wall_renders_linked_tiles_sorted_by_name(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    tiles = _tiles(app)
    # Sorted case-insensitively. The logo tile shows its description as text
    # and its name as the logo's alt text.
    assert [tile.get_text(" ", strip=True) for tile in tiles] == [
        "alpha & <Co>",
        "Runs its portal on Backstage.",
    ]
    # Markup in a name is escaped, never injected.
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "alpha &amp; &lt;Co&gt;" in html
    links = [tile.select_one("a.adopters-link")["href"] for tile in tiles]
    assert links == ["https://alpha.example/", "https://zeta.example"]


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_logo_tile_uses_name_as_alt_and_text_tile_has_no_image(app):
    app.build()
    text_tile, logo_tile = _tiles(app)
    assert "adopters-tile-text" in text_tile["class"]
    assert text_tile.find("img") is None
    img = logo_tile.find("img")
    assert img["alt"] == "Zeta Systems"
    assert (app.outdir / img["src"]).is_file()
    assert logo_tile.select_one("p.adopters-description").get_text() == (
        "Runs its portal on Backstage."
    )


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_sort_none_keeps_file_order(app):
    app.build()
    tiles = _tiles(app, "file-order")
    assert [t.select_one("a")["href"] for t in tiles] == [
        "https://zeta.example",
        "https://alpha.example/",
    ]


@pytest.mark.sphinx("html", testroot="adopters-bad", freshenv=True)
def test_bad_data_warns_with_file_line_and_subtype(app, warning):
    app.build()
    assert warning_lines(app, warning) == sorted([
        "<src>/adopters.yaml:3: WARNING: adopter entry has no 'name'; every entry needs "
        "'name' and 'website' [adopters.entry]",
        "<src>/adopters.yaml:4: WARNING: adopter entry has no 'website'; every entry needs "
        "'name' and 'website' [adopters.entry]",
        "<src>/adopters.yaml:5: WARNING: website 'ftp://bad.example' of adopter 'Bad Site' is "
        "not an absolute http(s) URL [adopters.url]",
        "<src>/adopters.yaml:7: WARNING: logo file 'nowhere.png' of adopter 'Missing Logo' not "
        "found; showing a text tile [adopters.logo]",
        "<src>/adopters.yaml:10: WARNING: adopter 'good org' is listed twice (first at line 1) "
        "[adopters.duplicate]",
        "<src>/adopters.yaml:12: WARNING: adopter entry must be a mapping with 'name' and "
        "'website', not 'just a string' [adopters.entry]",
        "<src>/adopters.yaml:13: WARNING: unknown key 'colour' in adopter entry (known: name, "
        "website, icon, logo, description) [adopters.unknown_key]",
        "<src>/adopters.yaml:16: WARNING: unknown icon 'no-such-brand' for adopter 'Unknown "
        "Icon' (not in simple_icons_pack); showing the name [adopters.icon]",
        "<src>/adopters.yaml:19: WARNING: icon of adopter 'List Icon' must be an icon slug "
        "(text); showing the name [adopters.icon]",
        "<src>/adopters.yaml:25: WARNING: icon 'spotify' of adopter 'Spotify Again' is already "
        "used by 'Spotify' (line 22) [adopters.icon]",
        "<src>/adopters.yaml:25: WARNING: adopter 'Spotify Again' has both 'icon' and 'logo'; "
        "showing the icon [adopters.entry]",
        "<src>/adopters.yaml:29: WARNING: icon 'nixos' of adopter 'NixOS' is under "
        "'CC-BY-4.0', not an allowed licence (CC0-1.0); showing the name "
        "[adopters.icon_license]",
        "<src>/index.md:6: WARNING: adopters data file '<src>/missing.yaml' not found "
        "[adopters.file]",
        "<src>/notalist.yaml:1: WARNING: adopters data file must be a list of entries, not dict "
        "[adopters.file]",
        "<src>/broken.yaml:2: WARNING: adopters data file is not valid YAML: expected ',' or "
        "']', but got '<stream end>' [adopters.file]",
    ])
    # Valid entries still render; a missing logo or a bad icon degrades to a text tile.
    tiles = _tiles(app)
    names = [t.get_text(" ", strip=True) for t in tiles]
    assert names == ["Extra", "Good Org", "List Icon", "Missing Logo", "NixOS", "Spotify",
                     "Spotify Again", "Unknown Icon"]
    kinds = {t.get_text(strip=True): t["class"][1] for t in tiles}
    assert kinds["Unknown Icon"] == kinds["List Icon"] == kinds["NixOS"] == "adopters-tile-text"
    assert kinds["Spotify Again"] == "adopters-tile-icon"


@pytest.mark.parametrize("builder", ["text", "latex", "dirhtml", "singlehtml"])
def test_other_builders(make_app, rootdir, tmp_path, builder):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-adopters", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert app.statuscode == 0
    if builder == "text":
        text = (app.outdir / "index.txt").read_text(encoding="utf-8")
        assert "alpha & <Co>" in text


# -- icons ---------------------------------------------------------------------------------

def _styles(tile) -> dict[str, str]:
    """The --logo-<scheme> custom properties set on a tile's icon."""
    style = tile.select_one("svg.adopters-icon").get("style", "")
    return dict(part.split(":", 1) for part in style.split(";") if part)


def _accessible_names(tile) -> list[str]:
    """What a screen reader announces for the tile's link: written text that is not
    hidden, plus the label of an SVG image. Every tile must announce exactly one name."""
    link = tile.select_one("a.adopters-link")
    names = []
    for svg in link.find_all("svg"):
        if svg.get("aria-hidden") == "true":
            assert svg.get("aria-label") is None and svg.get("role") is None
        else:
            assert svg.get("role") == "img"
            names.append(svg["aria-label"])
        assert svg.find("title") is None, "the icon's own title would be announced too"
    text = [s.strip() for s in link.find_all(string=True)
            if s.strip() and s.find_parent("svg") is None]
    return names + text


def test_contrast_follows_wcag():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(contrast(parse_hex("#777"), parse_hex("FFFFFF")), 2) == 4.48
    assert parse_hex("xyz") is None and parse_hex(None) is None
    # The threshold is inclusive, per scheme, and an unusable colour is simply left out.
    assert scheme_colours("000000", {"light": "#ffffff", "dark": "#000000"}, 3) == {
        "light": "#000000"}
    assert scheme_colours("777777", {"light": "#ffffff"}, 4.47) == {"light": "#777777"}
    assert scheme_colours("777777", {"light": "#ffffff"}, 4.49) == {}
    assert scheme_colours("not a colour", {"light": "#ffffff"}, 3) == {}


def test_svg_markup_has_one_name_or_none():
    svg = '<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg">' \
          '<title>Brand</title><path d="M0 0h1"/></svg>'
    hidden = svg_markup(svg, "", {})
    assert hidden.startswith('<svg viewBox="0 0 24 24"')
    assert 'aria-hidden="true"' in hidden and "<title>" not in hidden and "role=" not in hidden
    named = svg_markup(svg, 'A "B" & <C>', {"light": "#000000"})
    assert 'role="img" aria-label="A &quot;B&quot; &amp; &lt;C&gt;"' in named
    assert 'style="--logo-light:#000000"' in named
    assert named.count("role=") == 1 and "<title>" not in named


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_icon_tiles_inline_the_svg_with_the_name_written_once(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    tiles = _tiles(app, "icons")
    assert [t["class"][1] for t in tiles] == ["adopters-tile-icon"] * 4 + ["adopters-tile-text"]
    for tile in tiles:
        assert len(_accessible_names(tile)) == 1, tile
    spotify = tiles[0]
    assert _accessible_names(spotify) == ["Spotify"]
    svg = spotify.select_one("a.adopters-link > svg.adopters-icon")
    assert svg["aria-hidden"] == "true" and svg["focusable"] == "false"
    assert svg.find("path") is not None
    assert spotify.select_one("span.adopters-name").get_text() == "Spotify"
    # Inlined, so nothing is fetched: no image or icon file in the output.
    html = (app.outdir / "icons.html").read_text(encoding="utf-8")
    assert "<img" not in html and "viewBox=" in html


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_brand_colour_only_where_it_has_3_to_1_contrast_per_scheme(app):
    app.build()
    spotify, roku, netflix, box, _ = _tiles(app, "icons")
    # Spotify green: 1.8:1 on the light tile, 8.9:1 on the dark one.
    assert _styles(spotify) == {"--logo-dark": "#1ED760"}
    # Roku purple: 8.5:1 light, 1.9:1 dark.
    assert _styles(roku) == {"--logo-light": "#662D91"}
    assert _styles(netflix) == {"--logo-light": "#E50914", "--logo-dark": "#E50914"}
    # Box blue is 2.99:1 on the dark tile: just short, so the text colour there.
    assert _styles(box) == {"--logo-light": "#0061D5"}


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True, confoverrides={
    "adopters_min_contrast": 1, "adopters_backgrounds": {"light": "#ffffff", "sepia": "#704214"},
})
def test_thresholds_and_schemes_come_from_the_configuration(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    spotify = _tiles(app, "icons")[0]
    assert _styles(spotify) == {"--logo-light": "#1ED760", "--logo-sepia": "#1ED760"}


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_stylesheet_switches_colour_per_scheme_and_in_forced_colours(app):
    app.build()
    css_path = app.outdir / "_static" / "adopters" / "adopters.css"
    css = css_path.read_text(encoding="utf-8")
    html = (app.outdir / "icons.html").read_text(encoding="utf-8")
    assert "_static/adopters/adopters.css" in html
    compact = re.sub(r"\s+", " ", css)
    assert "fill: var(--logo-light, currentColor)" in compact
    assert 'body[data-theme="dark"] ul.adopters-wall svg.adopters-icon { fill: var(--logo-dark, ' \
           "currentColor)" in compact
    assert '@media (prefers-color-scheme: dark) { body:not([data-theme="light"]) ' \
           "ul.adopters-wall svg.adopters-icon { fill: var(--logo-dark, currentColor)" in compact
    assert "@media (forced-colors: active)" in compact
    assert "minmax(min(11rem, 100%), 1fr)" in compact


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True)
def test_compact_strip_shows_logos_only_named_by_the_icon(app):
    app.build()
    wall = BeautifulSoup((app.outdir / "strip.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("ul.adopters-wall")
    assert "adopters-compact" in wall["class"]
    tiles = wall.select("li.adopters-tile")
    assert len(tiles) == 3  # :limit: 3 of four logos; the wordmark tile is left out
    assert [_accessible_names(t) for t in tiles] == [["Spotify"], ["Roku"], ["Netflix"]]
    for tile in tiles:
        svg = tile.select_one("svg.adopters-icon")
        assert svg["role"] == "img" and "aria-hidden" not in svg.attrs
        assert tile.select_one(".adopters-name, .adopters-description") is None


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True,
                    confoverrides={"adopters_icon_field": "brand"})
def test_icon_field_name_is_configurable(app, warning):
    app.build()
    lines = warning_lines(app, warning)
    # Four entries with an icon, on two pages.
    assert len(lines) == 8 and all("unknown key 'icon'" in line for line in lines)
    assert "(known: name, website, brand, logo, description)" in lines[0]
    assert all("adopters-tile-text" in t["class"] for t in _tiles(app, "icons"))


@pytest.mark.sphinx("html", testroot="adopters", freshenv=True, confoverrides={
    "adopters_icon_source": "no_such_icon_package", "adopters_min_contrast": 50,
    "adopters_backgrounds": {"Light": "white"}, "adopters_icon_field": "logo",
    "adopters_icon_licenses": ["CC0-1.0", 3],
})
def test_bad_settings_warn_once_and_fall_back(app, warning):
    app.build()
    text = "\n".join(warning_lines(app, warning))
    for option in ("adopters_icon_source", "adopters_min_contrast", "adopters_backgrounds",
                   "adopters_icon_field", "adopters_icon_licenses"):
        assert option in text
    assert text.count("[adopters.config]") == 5
    # Without the icon package every tile shows the name; nothing crashes.
    assert all("adopters-tile-text" in t["class"] for t in _tiles(app, "icons"))


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_icons_degrade_to_names_without_html(make_app, rootdir, tmp_path, builder):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-adopters", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert app.statuscode == 0
    if builder == "text":
        icons = (app.outdir / "icons.txt").read_text(encoding="utf-8")
        assert icons.count("Spotify") == 1 and "Wordmark Co" in icons
        strip = (app.outdir / "strip.txt").read_text(encoding="utf-8")
        assert [n for n in ("Spotify", "Roku", "Netflix", "Box") if n in strip] == [
            "Spotify", "Roku", "Netflix"]
        assert "<svg" not in icons + strip
    else:
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert "Netflix" in tex and "<svg" not in tex and "viewBox" not in tex


def test_editing_the_data_file_rebuilds_the_wall(make_app, rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-adopters", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    data = src / "data" / "icons.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("icon: roku", "icon: peloton"),
                    encoding="utf-8")
    app2 = make_app("html", srcdir=src)
    app2.build()
    html = (app2.outdir / "icons.html").read_text(encoding="utf-8")
    assert "--logo-light:#181A1D" in html and "#662D91" not in html


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork")
def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    from io import StringIO

    outputs = []
    for parallel in (0, 2):
        src = tmp_path / f"p{parallel}"
        shutil.copytree(rootdir / "test-adopters", src)
        extra = [f"page{i}" for i in range(8)]
        for name in extra:
            (src / f"{name}.md").write_text(
                f"# {name}\n\n```{{adopters}} data/icons.yaml\n:compact:\n```\n",
                encoding="utf-8")
        index = src / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "strip\n", "strip\n" + "\n".join(extra) + "\n"), encoding="utf-8")
        warning = StringIO()
        app = make_app("html", srcdir=src, freshenv=True, parallel=parallel, warning=warning)
        app.build()
        pages = {name: str(BeautifulSoup((app.outdir / f"{name}.html").read_text(
            encoding="utf-8"), "html.parser").select_one("ul.adopters-wall"))
            for name in ["icons", "strip", *extra]}
        outputs.append((pages, warning_lines(app, warning)))
        app.cleanup()
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == []


def test_site_data_file_has_enough_adopters_with_real_logos(repo):
    """The site's wall: at least 40 adopters, at least 30 with an icon that exists."""
    import yaml
    from simple_icons_pack import get_icon

    entries = yaml.safe_load((repo / "source" / "_data" / "adopters.yaml").read_text(
        encoding="utf-8"))
    icons = [e["icon"] for e in entries if "icon" in e]
    assert len(entries) >= 40
    assert len(icons) >= 30 and len(set(icons)) == len(icons)
    for slug in icons:
        icon = get_icon(slug)
        assert icon is not None and icon.license in (None, "CC0-1.0"), slug
    # The home page strip takes the first 12 logos in file order.
    assert all("icon" in e for e in entries[:12])
