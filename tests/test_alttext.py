"""The alttext extension: every image a reader can meet has meaningful alt text."""

from __future__ import annotations

import io
import os
import re

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.console import strip_escape_sequences
from sphinx.util.parallel import parallel_available

from alttext.rules import Settings, judge
from alttext.warnings import DESCRIPTIONS, Subtype

SUMMARY = re.compile(r"alt text: \d+ images? checked on \d+ pages?, \d+ problems? found")

EMPTY = (
    "has empty alt text; say what the image shows, or mark a purely decorative image with "
    "the 'decorative' class [alttext.empty]"
)
MISSING = (
    "has no alt text; add alt text that says what the image shows, or mark a purely "
    "decorative image with the 'decorative' class [alttext.missing]"
)

PROBLEMS = sorted([
    f"<src>/index.md:7: WARNING: image 'img/catalog.png' {EMPTY}",
    f"<src>/index.md:9: WARNING: image 'img/search.png' {MISSING}",
    "<src>/index.md:12: WARNING: image 'img/logo.png': placeholder alt text 'Screenshot'; "
    "say what it shows or what it is for [alttext.placeholder]",
    "<src>/index.md:14: WARNING: image 'img/catalog.png': alt text 'catalog.png' is a file "
    "name or URL; describe what it shows instead [alttext.filename]",
    "<src>/index.md:16: WARNING: image 'img/catalog.png': alt text 'Image of the catalog page "
    "listing components' starts with 'image of'; screen readers already announce an image, "
    "so start with what it shows [alttext.redundant_prefix]",
    "<src>/index.md:18: WARNING: image 'img/search.png': alt text is 166 characters long "
    "(maximum 150); keep the short description in the alt text and move the details into a "
    "caption or a long description next to the image [alttext.too_long]",
    "<src>/index.md:20: WARNING: image 'img/search.png': same alt text 'The catalog table' as "
    "image 'img/catalog.png' on line 20; give each image alt text that tells the reader what "
    "is different about it [alttext.duplicate]",
    "<src>/index.md:22: WARNING: image 'img/divider.png' is marked decorative but has alt "
    "text 'The Backstage logo'; remove the alt text, or remove the class if the image carries "
    "meaning [alttext.decorative]",
    f"<src>/index.md:24: WARNING: image 'img/logo.png' {MISSING}",
    f"<src>/index.md:24: WARNING: image 'img/search.png' {EMPTY}",
    "<src>/index.md:26: WARNING: mermaid diagram has no alt text or caption; add :alt: with "
    "one or two sentences saying what the diagram shows [alttext.diagram]",
    "<src>/index.md:31: WARNING: mermaid diagram: placeholder alt text 'Diagram'; say what it "
    "shows or what it is for [alttext.placeholder]",
    "<src>/index.md:38: WARNING: card image 'img/logo.png' has empty alt text; say what the "
    "image shows (the card's :img-alt: option), or mark a purely decorative image with the "
    "'decorative' class [alttext.empty]",
    "<src>/index.md:44: WARNING: HTML <img> 'img/divider.png' has no alt attribute; add "
    "alt=\"...\" saying what the image shows, or alt=\"\" with the 'decorative' class for a "
    "purely decorative image [alttext.raw_html]",
    "<src>/page.rst:4: WARNING: image 'img/logo.png' has no alt text (reST used the "
    "substitution name 'logo'); add alt text that says what the image shows, or mark a purely "
    "decorative image with the 'decorative' class [alttext.missing]",
    f"<src>/page.rst:8: WARNING: image 'img/search.png' {MISSING}",
    "<src>/page.rst:12: WARNING: image 'img/catalog.png': alt text "
    "'https://example.com/catalog.png' is a file name or URL; describe what it shows instead "
    "[alttext.filename]",
])

PARALLEL_PROBLEMS = sorted(
    [f"<src>/page{i:02d}.md:5: WARNING: image 'img/search.png' {EMPTY}" for i in (2, 4, 6, 8, 10)]
    + [
        f"<src>/page{i:02d}.md:{line}: WARNING: image 'img/logo.png': placeholder alt text "
        "'screenshot'; say what it shows or what it is for [alttext.placeholder]"
        for i, line in ((3, 5), (6, 7), (9, 5))
    ]
)


def warnings_of(app, warning: io.StringIO) -> list[str]:
    text = strip_escape_sequences(warning.getvalue())
    text = text.replace(str(app.srcdir) + os.sep, "<src>/")
    return sorted(line for line in text.splitlines() if line.strip())


def summary_of(status: io.StringIO) -> str:
    found = SUMMARY.findall(strip_escape_sequences(status.getvalue()))
    assert len(found) == 1, status.getvalue()
    return found[0]


def body(app, page: str) -> BeautifulSoup:
    html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("div.body")


# -- every problem, with file, line and type ------------------------------------------------


@pytest.mark.sphinx("html", testroot="alttext-problems", freshenv=True)
def test_every_problem_is_reported_with_file_line_and_subtype(app, status, warning):
    app.build()
    assert warnings_of(app, warning) == PROBLEMS
    assert summary_of(status) == "alt text: 18 images checked on 2 pages, 17 problems found"
    # warning mode: the build itself succeeds (make html adds -W)
    assert app.statuscode == 0
    # every subtype the extension knows is exercised by this root (except config)
    seen = {re.search(r"\[alttext\.(\w+)\]", w).group(1) for w in PROBLEMS}
    assert seen == {s.value for s in Subtype} - {"config"}


@pytest.mark.sphinx(
    "html", testroot="alttext-problems", freshenv=True,
    confoverrides={"alttext_severity": "error"},
)
def test_error_mode_reports_errors_and_fails_the_build(app, status, warning):
    app.build()
    lines = warnings_of(app, warning)
    assert lines == [w.replace(": WARNING: ", ": ERROR: ") for w in PROBLEMS]
    assert app.statuscode == 1


def test_error_mode_fails_sphinx_build(rootdir, tmp_path):
    from sphinx.cmd.build import build_main

    src = str(rootdir / "test-alttext-problems")
    common = ["-b", "text", "-E", "-q", src]
    assert build_main([*common, str(tmp_path / "warn")]) == 0
    assert build_main([*common, str(tmp_path / "err"), "-D", "alttext_severity=error"]) == 1


@pytest.mark.sphinx(
    "html", testroot="alttext-problems", freshenv=True,
    confoverrides={"suppress_warnings": ["alttext.empty", "alttext.missing"]},
)
def test_suppressed_subtypes_are_neither_shown_nor_counted(app, status, warning):
    app.build()
    expected = [w for w in PROBLEMS if "[alttext.empty]" not in w and "[alttext.missing]" not in w]
    assert warnings_of(app, warning) == expected
    assert summary_of(status) == (
        f"alt text: 18 images checked on 2 pages, {len(expected)} problems found"
    )


@pytest.mark.sphinx(
    "html", testroot="alttext-problems", freshenv=True,
    confoverrides={
        "alttext_max_length": 200,
        "alttext_placeholders": ["picture"],
        "alttext_redundant_prefixes": [],
        "alttext_decorative_classes": ["presentational"],
    },
)
def test_rules_come_from_conf_py(app, status, warning):
    app.build()
    found = "\n".join(warnings_of(app, warning))
    assert "[alttext.too_long]" not in found
    assert "'Screenshot'" not in found  # no longer a placeholder
    assert "[alttext.redundant_prefix]" not in found
    # 'decorative' is no longer the marker: that image is judged like any other
    assert "[alttext.decorative]" not in found
    assert "mark a purely decorative image with the 'presentational' class" in found


@pytest.mark.sphinx(
    "html", testroot="alttext-clean", freshenv=True,
    confoverrides={"alttext_severity": "loud", "alttext_max_length": 0},
)
def test_bad_settings_warn_and_fall_back(app, status, warning):
    app.build()
    lines = warnings_of(app, warning)
    assert any("alttext_severity must be 'warning' or 'error', not 'loud'" in w
               and w.endswith("[alttext.config]") for w in lines), lines
    assert any("alttext_max_length must be a positive integer" in w for w in lines), lines
    assert len(lines) == 2


# -- the happy path: decorative images, diagrams, HTML output ----------------------------------


@pytest.mark.sphinx("html", testroot="alttext-clean", freshenv=True)
def test_clean_root_builds_without_warnings(app, status, warning):
    app.build()
    assert warnings_of(app, warning) == []
    assert summary_of(status) == "alt text: 10 images checked on 2 pages, 0 problems found"


@pytest.mark.sphinx("html", testroot="alttext-clean", freshenv=True)
def test_decorative_images_get_empty_alt_in_html(app, status, warning):
    app.build()
    images = {img["src"]: img for img in body(app, "index").find_all("img")}
    # Markdown ![](...){.decorative} and {image} :class: decorative (no :alt: at all)
    for src in ("_images/divider.png", "_images/logo.png"):
        assert images[src].has_attr("alt") and images[src]["alt"] == "", images[src]
        assert "decorative" in images[src]["class"]
    assert images["_images/catalog.png"]["alt"].startswith("The catalog table")
    assert images["_images/search.png"]["alt"] == (
        "The search page with results for the word catalog"
    )


@pytest.mark.sphinx("html", testroot="alttext-clean", freshenv=True)
def test_mermaid_alt_text_becomes_the_accessible_name(app, status, warning):
    app.build()
    pres = body(app, "index").select("pre.mermaid")
    assert [(p.get("role"), p.get("aria-label")) for p in pres] == [
        ("img", "The frontend calls the backend, which reads the catalog database."),
        # no :alt:, so the caption names the diagram
        ("img", "How an entity moves from a YAML file into the catalog."),
    ]


@pytest.mark.sphinx("html", testroot="alttext-clean", freshenv=True)
def test_images_added_by_post_transforms_are_checked_too(app, status, warning):
    class AddLogo(SphinxPostTransform):
        default_priority = 500

        def run(self, **kwargs):
            if self.env.current_document.docname == "index":
                section = next(self.document.findall(nodes.section))
                section += nodes.image(uri="img/logo.png", candidates={"*": "img/logo.png"})

    app.add_post_transform(AddLogo)
    app.build()
    lines = warnings_of(app, warning)
    assert len(lines) == 1 and lines[0].startswith("<src>/index.md:1: WARNING: image ")
    assert lines[0].endswith("[alttext.missing]")
    assert summary_of(status) == "alt text: 11 images checked on 2 pages, 1 problem found"


# -- parallel, text and latex ------------------------------------------------------------------


def _build(make_app, srcdir, outdir, builder="html", parallel=0):
    status, warning = io.StringIO(), io.StringIO()
    app = make_app(
        builder, srcdir=srcdir, builddir=outdir, freshenv=True, parallel=parallel,
        status=status, warning=warning,
    )
    merges = []
    app.connect("env-merge-info", lambda *args: merges.append(1))
    app.build()
    result = {
        "warnings": warnings_of(app, warning),
        "summary": summary_of(status),
        "data": {k: dict(v) for k, v in app.env.domains["alttext"].data.items() if k != "version"},
        "merges": len(merges),
        "outdir": app.outdir,
        "statuscode": app.statuscode,
    }
    app.cleanup()
    return result


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork()")
def test_parallel_build_equals_serial_build(make_app, rootdir, tmp_path):
    src = rootdir / "test-alttext-parallel"
    serial = _build(make_app, src, tmp_path / "serial")
    parallel = _build(make_app, src, tmp_path / "parallel", parallel=2)
    assert parallel["merges"] > 0, "the parallel build did not read in parallel"
    assert serial["merges"] == 0
    assert serial["warnings"] == PARALLEL_PROBLEMS
    assert parallel["warnings"] == serial["warnings"]
    assert serial["summary"] == "alt text: 21 images checked on 11 pages, 8 problems found"
    assert parallel["summary"] == serial["summary"]
    assert parallel["data"] == serial["data"]
    assert len(serial["data"]["images"]) == 11


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_text_and_latex_builds_report_the_same_problems(make_app, rootdir, tmp_path, builder):
    result = _build(make_app, rootdir / "test-alttext-parallel", tmp_path / builder, builder)
    assert result["warnings"] == PARALLEL_PROBLEMS
    assert result["summary"] == "alt text: 21 images checked on 11 pages, 8 problems found"
    if builder == "text":
        assert "Owners of component number 3" in (result["outdir"] / "page03.txt").read_text()
    else:
        assert list(result["outdir"].glob("*.tex"))


def test_text_build_of_diagrams_and_cards(make_app, rootdir, tmp_path):
    result = _build(make_app, rootdir / "test-alttext-clean", tmp_path / "text", "text")
    assert result["warnings"] == []
    assert result["statuscode"] == 0


# -- the rules on their own ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alt", "uri", "expected"),
    [
        ("The catalog page with three components", "img/catalog.png", []),
        ("Image 2", "x.png", [Subtype.PLACEHOLDER]),
        ("The screenshot", "x.png", [Subtype.PLACEHOLDER]),
        ("logo.", "x.png", [Subtype.PLACEHOLDER]),
        ("backstage-logo", "img/backstage-logo.svg", [Subtype.FILENAME]),
        ("backstage logo", "img/backstage-logo.svg", [Subtype.FILENAME]),
        ("img/backstage-logo.svg", "img/backstage-logo.svg", [Subtype.FILENAME]),
        ("Spotify", "/_static/adopters/spotify.svg", []),
        ("diagram.svg", "x.png", [Subtype.FILENAME]),
        ("www.example.com", "x.png", [Subtype.FILENAME]),
        ("A picture of the search page", "x.png", [Subtype.REDUNDANT_PREFIX]),
        ("Imagery from the launch event", "x.png", []),
        ("x" * 151, "x.png", [Subtype.TOO_LONG]),
        ("x" * 150, "x.png", []),
    ],
)
def test_judge(alt, uri, expected):
    assert [subtype for subtype, _ in judge(alt, uri, Settings())] == expected


def test_every_subtype_is_described():
    assert set(DESCRIPTIONS) == set(Subtype)


def test_diagrams_have_their_own_length_limit():
    settings = Settings()
    assert judge("y" * 300, "", settings, diagram=True) == []
    assert [s for s, _ in judge("y" * 301, "", settings, diagram=True)] == [Subtype.TOO_LONG]
    assert [s for s, _ in judge("y" * 300, "x.png", settings)] == [Subtype.TOO_LONG]


def test_no_change_rebuild_keeps_the_counts_and_the_failure(make_app, rootdir, tmp_path):
    """Problems of pages that are not re-read still count, so error mode keeps failing."""
    src = rootdir / "test-alttext-problems"
    overrides = {"alttext_severity": "error"}
    results = []
    for fresh in (True, False):
        status, warning = io.StringIO(), io.StringIO()
        app = make_app("html", srcdir=src, builddir=tmp_path, freshenv=fresh,
                       confoverrides=overrides, status=status, warning=warning)
        app.build()
        results.append((summary_of(status), app.statuscode, warnings_of(app, warning),
                        status.getvalue()))
        app.cleanup()
    (first, code1, warned1, _), (second, code2, warned2, log2) = results
    assert first == second == "alt text: 18 images checked on 2 pages, 17 problems found"
    assert code1 == code2 == 1
    assert len(warned1) == 17
    assert "0 added, 0 changed, 0 removed" in log2
    assert warned2 == []  # nothing was re-read, so nothing is repeated
