"""The adopters logo wall: tiles, links, alt text, and located warnings for bad data."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

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
        "website, logo, description) [adopters.unknown_key]",
        "<src>/index.md:6: WARNING: adopters data file '<src>/missing.yaml' not found "
        "[adopters.file]",
        "<src>/notalist.yaml:1: WARNING: adopters data file must be a list of entries, not dict "
        "[adopters.file]",
        "<src>/broken.yaml:2: WARNING: adopters data file is not valid YAML: expected ',' or "
        "']', but got '<stream end>' [adopters.file]",
    ])
    # Valid entries still render; a missing logo degrades to a text tile.
    names = [t.get_text(" ", strip=True) for t in _tiles(app)]
    assert names == ["Extra", "Good Org", "Missing Logo"]


@pytest.mark.parametrize("builder", ["text", "latex", "dirhtml", "singlehtml"])
def test_other_builders(make_app, rootdir, tmp_path, builder):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-adopters", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    assert app.statuscode == 0
    if builder == "text":
        text = (app.outdir / "index.txt").read_text(encoding="utf-8")
        assert "alpha & <Co>" in text
