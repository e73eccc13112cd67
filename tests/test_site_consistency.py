"""The whole site builds the same way serially, in parallel and incrementally.

Two properties of the real site (``source/`` with the repository's ``conf.py``):

1. a ``-j 2`` build writes the same pages as a serial build;
2. after editing, adding and deleting pages, an incremental build writes the same pages as a
   fresh build of the same sources.

The builds run on a copy of ``source/`` in a temporary folder (the repository is never
touched), with the repository's ``conf.py`` (``confdir``). Every HTML page is compared after
these normalisations, and only these:

* "Last updated" dates are switched off (``sphinx_last_updated_by_git`` is not loaded and
  ``html_last_updated_fmt = None``): the copy is outside git, so the dates would come from
  file times and legitimately differ between builds.
* An incremental build leaves the HTML file of a deleted page in the output folder (Sphinx
  never deletes output files); pages are compared for the documents that exist.

Nothing else is normalised: navigation, hover definitions, indexes, related articles,
previous/next links and asset URLs must match byte for byte.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

TEMP_ARTICLE = "reference/knowledge-base/zz-consistency-temporary.md"
ADDED_PAGE = "community/consistency-added.md"


def _overrides() -> dict:
    import runpy

    conf = runpy.run_path(str(REPO / "conf.py"))
    extensions = [e for e in conf["extensions"] if e != "sphinx_last_updated_by_git"]
    return {"extensions": extensions, "html_last_updated_fmt": None, "nitpicky": True}


def build(srcdir: Path, outroot: Path, parallel: int = 0, fresh: bool = True):
    """Build ``srcdir`` with the repository's conf.py; return (app, warnings)."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state
    from sphinx.util.console import strip_escape_sequences

    warnings, status = io.StringIO(), io.StringIO()
    saved_path = sys.path.copy()
    try:
        app = Sphinx(
            srcdir=srcdir, confdir=REPO, outdir=outroot / "html",
            doctreedir=outroot / "doctrees", buildername="html",
            confoverrides=_overrides(), status=status, warning=warnings,
            freshenv=fresh, keep_going=True, parallel=parallel,
        )
        app.build()
    finally:
        sys.path[:] = saved_path
        _clean_up_global_state()
    return app, strip_escape_sequences(warnings.getvalue()), status.getvalue()


def pages(app) -> dict[str, str]:
    """The HTML of every page of the current documents (plus genindex, search, 404)."""
    out = Path(app.outdir)
    docs = {app.builder.get_target_uri(doc) for doc in app.env.found_docs}
    result = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if path.parent == out and rel in ("genindex.html", "search.html", "404.html"):
            docs.add(rel)
        if rel in docs:
            result[rel] = path.read_text(encoding="utf-8")
    return result


def assert_same_pages(left: dict[str, str], right: dict[str, str], what: str) -> None:
    assert sorted(left) == sorted(right), f"{what}: different sets of pages"
    differing = [name for name in left if left[name] != right[name]]
    if differing:
        name = differing[0]
        diff = "\n".join(list(difflib.unified_diff(
            left[name].splitlines(), right[name].splitlines(), lineterm="", n=1))[:60])
        pytest.fail(f"{what}: {len(differing)} of {len(left)} pages differ, "
                    f"e.g. {differing[:8]}; first diff ({name}):\n{diff}")


def _insert_after(path: Path, anchor: str, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert anchor in content, f"{anchor!r} not in {path}"
    path.write_text(content.replace(anchor, anchor + text, 1), encoding="utf-8")


def _temporary_article(src: Path) -> None:
    """A knowledge-base article to delete later (nothing else links to it by name)."""
    text = (src / "reference/knowledge-base/is-backstage-free.md").read_text(encoding="utf-8")
    text = text.replace("# Is Backstage free?", "# Which licence covers the plugins?", 1)
    text = text.replace(":keywords: licence,", ":keywords: plugin licence, licence,", 1)
    (src / TEMP_ARTICLE).write_text(text, encoding="utf-8")
    _insert_after(src / "reference/knowledge-base/index.md", ":hidden:\n\n",
                  "zz-consistency-temporary\n")


def _edit(src: Path) -> None:
    """Edit a definition, retitle a page, add a page, delete a page."""
    # 1. A definition's first sentence (its hover text on every page linking to it).
    _insert_after(src / "overview/technical-overview.md", ":see-also: Entity, Component, Owner\n",
                  "The Software Catalog keeps track of every component, checked by the "
                  "consistency test.\n")
    # 2. A page title (every sidebar shows it).
    page = src / "community/accessibility.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "# Accessibility\n", "# Accessibility of the documentation\n", 1), encoding="utf-8")
    # 3. A new page, linking a term, in a toctree.
    (src / ADDED_PAGE).write_text(
        "# Pages added later\n\n```{audience} all\n```\n\n```{doc-type} conceptual\n```\n\n"
        "This page tells you nothing new; it exists to test incremental builds.\n\n"
        "It mentions the {term}`Software Catalog`.\n\n"
        "## Next steps\n\n- Read the [accessibility page](accessibility.md).\n",
        encoding="utf-8")
    _insert_after(src / "community/index.md", "\naccessibility\n", "consistency-added\n")
    # 4. Delete the temporary article.
    (src / TEMP_ARTICLE).unlink()
    index = src / "reference/knowledge-base/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "zz-consistency-temporary\n", "", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("consistency")
    src = root / "source"
    shutil.copytree(REPO / "source", src, ignore=shutil.ignore_patterns("_build"))
    _temporary_article(src)
    serial, serial_warnings, _ = build(src, root / "serial")
    serial_pages = pages(serial)
    parallel, parallel_warnings, _ = build(src, root / "parallel", parallel=2)
    parallel_pages = pages(parallel)
    shutil.rmtree(root / "parallel")

    _edit(src)
    incremental, _, status = build(src, root / "serial", fresh=False)
    fresh, _, _ = build(src, root / "fresh", parallel=2)
    yield {
        "serial": (serial_pages, serial_warnings),
        "parallel": (parallel_pages, parallel_warnings),
        "incremental": (pages(incremental), status),
        "fresh": (pages(fresh), ""),
    }
    shutil.rmtree(root, ignore_errors=True)


def test_parallel_build_writes_the_same_pages_as_a_serial_build(builds):
    serial, serial_warnings = builds["serial"]
    parallel, parallel_warnings = builds["parallel"]
    assert len(serial) > 100
    assert_same_pages(serial, parallel, "serial vs -j 2")

    def normal(text: str) -> list[str]:
        return sorted(line for line in text.splitlines() if line.strip())

    assert normal(serial_warnings) == normal(parallel_warnings)


def test_incremental_build_writes_the_same_pages_as_a_fresh_build(builds):
    incremental, status = builds["incremental"]
    fresh, _ = builds["fresh"]
    # The edits happened: the new page exists, the deleted one is gone, the sources changed.
    assert ADDED_PAGE.replace(".md", ".html") in fresh
    assert TEMP_ARTICLE.replace(".md", ".html") not in fresh
    assert re.search(r"1 added, \d+ changed, 1 removed", status), status[-2000:]
    assert_same_pages(incremental, fresh, "incremental vs fresh")
    catalog = fresh["overview/technical-overview.html"]
    assert "checked by the consistency test" in catalog
