"""The whole site also builds with Sphinx's other builders, strictly.

``make dirhtml``, ``make singlehtml``, ``make text`` and ``make latex`` are
part of the writer's toolbox: the project's extensions must degrade to plain
output there instead of failing.
"""

from __future__ import annotations

import pytest

from conftest import build_site


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex"])
def test_site_builds_with_builder(tmp_path, builder):
    result = build_site(tmp_path, builder)
    assert result.warnings == "", f"the {builder} build warned:\n{result.warnings}"
    assert result.app.statuscode == 0
    out = result.outdir
    expected = {
        "dirhtml": out / "overview" / "index.html",
        "singlehtml": out / "index.html",
        "text": out / "overview" / "index.txt",
        "latex": out / "backstage-docs.tex",
    }[builder]
    assert expected.is_file(), f"{builder} output {expected} missing"
