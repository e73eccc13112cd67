"""Diagrams become their text description where they cannot be drawn."""

from __future__ import annotations

import pytest

from conftest import warning_lines


@pytest.mark.sphinx("latex", testroot="diagramtext", freshenv=True)
def test_latex_prints_descriptions_instead_of_failing(app, warning):
    app.build()
    tex = (app.outdir / "diagrams.tex").read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Diagram}: The frontend calls the backend, which reads the " \
        "database." in tex
    # A captioned diagram keeps its caption as the description.
    assert "Request flow through the proxy" in tex
    # No attempt to run the missing renderer; only the diagram with no text warns.
    assert warning_lines(app, warning) == [
        "<src>/index.md:17: WARNING: diagram has no alternative text or caption to print in "
        "place of the drawing; add :alt: [diagramtext.no_text]"
    ]


@pytest.mark.sphinx("html", testroot="diagramtext", freshenv=True)
def test_html_keeps_the_diagrams(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('class="mermaid"') == 3
    assert "diagram-text" not in html


@pytest.mark.sphinx("latex", testroot="diagramtext", freshenv=True,
                    confoverrides={"diagramtext_when": "never"})
def test_switched_off_leaves_the_diagrams_to_the_renderer(app, warning):
    app.build()
    tex = (app.outdir / "diagrams.tex").read_text(encoding="utf-8")
    assert "The frontend calls the backend" not in tex
    assert "diagramtext" not in warning.getvalue()


@pytest.mark.sphinx("latex", testroot="diagramtext", freshenv=True,
                    confoverrides={"diagramtext_when": "sometimes"})
def test_bad_setting_is_reported(app, warning):
    app.build()
    assert ("WARNING: diagramtext_when must be one of 'no-renderer', 'always', 'never', not "
            "'sometimes'; using 'no-renderer' [diagramtext.config]") in warning.getvalue()
