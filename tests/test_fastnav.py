"""fastnav: Furo's navigation built once per build, byte for byte what stock Furo writes.

Every comparison below is of whole output folders, file by file, byte for byte, with
nothing removed: two builds of the same sources with and without the extension write
identical files (HTML pages, search index, inventory, static files, ``.buildinfo``).

The corpus builds use ``benchmarks/corpus.py`` (nested, hidden, captioned, numbered and
glob toctrees, ``self`` entries, external links, pages in many folders, plus the edge
cases of ``edge_cases=True``). ``FASTNAV_TEST_PAGES`` sets the size of the big corpus
(default 300).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402
import fastnav  # noqa: E402

PAGES = int(os.environ.get("FASTNAV_TEST_PAGES", "300"))


@contextmanager
def _extensions(names: str):
    old = os.environ.get("BENCH_EXTENSIONS")
    os.environ["BENCH_EXTENSIONS"] = names
    try:
        yield
    finally:
        if old is None:
            del os.environ["BENCH_EXTENSIONS"]
        else:
            os.environ["BENCH_EXTENSIONS"] = old


def build(src: Path, out: Path, *, fast: bool, builder: str = "html", parallel: int = 0,
          fresh: bool = True, **overrides):
    """Build a generated corpus in this process; return (app, warnings, outdir)."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state

    warnings = io.StringIO()
    with _extensions("fastnav" if fast else ""):
        # Each build registers Sphinx's and the extensions' nodes and directives in
        # docutils' global registries; start from a clean slate as sphinx.testing does.
        _clean_up_global_state()
        app = Sphinx(
            srcdir=src,
            confdir=src,
            outdir=out / builder,
            doctreedir=out / "doctrees",
            buildername=builder,
            confoverrides=overrides,
            status=None,
            warning=warnings,
            freshenv=fresh,
            parallel=parallel,
        )
        try:
            app.build()
        finally:
            # ...and leave a clean slate for the tests that follow.
            _clean_up_global_state()
    return app, warnings.getvalue(), out / builder


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths of files that are missing on one side or differ in any byte."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    diffs = sorted(str(p) + " (only one side)" for p in files_a ^ files_b)
    for rel in sorted(files_a & files_b):
        if (a / rel).read_bytes() != (b / rel).read_bytes():
            diffs.append(str(rel))
    return diffs


def served(app) -> tuple[list[str], list[str]]:
    state = fastnav.STATES[app]
    return state.served, state.stock


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("fastnav-corpus")
    src = corpus.generate(root / "src", PAGES, edge_cases=True)
    _, warnings, stock = build(src, root / "stock", fast=False)
    assert warnings == ""
    yield src, root, stock
    shutil.rmtree(root, ignore_errors=True)


def test_generated_corpus_html_is_identical(big_corpus):
    src, root, stock = big_corpus
    app, warnings, fast = build(src, root / "fast", fast=True)
    assert warnings == ""
    assert differences(stock, fast) == []
    ok, fallback = served(app)
    # Only the pages under the chapter with tocdepth metadata, the page with an
    # "only" block and the 404-style pages may need the stock path.
    assert len(ok) > 0.9 * PAGES, (len(ok), fallback)
    assert len(fallback) < 30, fallback
    assert "index" in ok


def test_parallel_build_equals_serial_stock_build(big_corpus):
    src, root, stock = big_corpus
    _, warnings, fast = build(src, root / "fast-j2", fast=True, parallel=2)
    assert warnings == ""
    assert differences(stock, fast) == []


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("fastnav-small")
    src = corpus.generate(root / "src", 80, edge_cases=True)
    yield src, root
    shutil.rmtree(root, ignore_errors=True)


def test_dirhtml_is_identical(small_corpus):
    src, root = small_corpus
    _, _, stock = build(src, root / "d-stock", fast=False, builder="dirhtml")
    app, _, fast = build(src, root / "d-fast", fast=True, builder="dirhtml")
    assert differences(stock, fast) == []
    assert len(served(app)[0]) > 50


def test_singlehtml_uses_the_stock_path(small_corpus):
    src, root = small_corpus
    _, _, stock = build(src, root / "s-stock", fast=False, builder="singlehtml")
    app, _, fast = build(src, root / "s-fast", fast=True, builder="singlehtml")
    assert differences(stock, fast) == []
    assert not fastnav.STATES[app].active


def test_switched_off_from_conf(small_corpus):
    src, root = small_corpus
    app, _, _ = build(src, root / "off", fast=True, fastnav_enabled=False)
    state = fastnav.STATES[app]
    assert not state.active
    assert state.served == []


def test_incremental_builds_update_every_sidebar(tmp_path):
    """A new, renamed or deleted page shows in every page, as in a fresh build.

    Stock Sphinx rewrites only changed pages and their toctree parents, so the other
    pages keep the old sidebar; with fastnav, a changed navigation tree rewrites all.
    """
    src = corpus.generate(tmp_path / "src", 40)
    out = tmp_path / "incr"
    build(src, out, fast=True)
    chapter = src / "part-00" / "chapter-00" / "index.md"

    def add_entry(entry: str) -> None:
        text = chapter.read_text()
        start = text.index("```{toctree}")
        end = text.index("```", start + 5)
        chapter.write_text(text[:end] + entry + "\n" + text[end:])

    steps = []

    def new_page():
        (src / "part-00" / "chapter-00" / "brand-new.md").write_text("# Brand new page\n\nText.\n")
        add_entry("brand-new")

    def rename_page():
        (src / "part-00" / "chapter-00" / "brand-new.md").rename(
            src / "part-00" / "chapter-00" / "renamed.md")
        chapter.write_text(chapter.read_text().replace("brand-new\n", "renamed\n"))

    def retitle_page():
        page = src / "part-00" / "chapter-00" / "renamed.md"
        page.write_text(page.read_text().replace("# Brand new page", "# A better title"))

    def delete_page():
        (src / "part-00" / "chapter-00" / "renamed.md").unlink()
        chapter.write_text(chapter.read_text().replace("renamed\n", ""))

    steps = [new_page, rename_page, retitle_page, delete_page]
    for number, step in enumerate(steps):
        step()
        _, warnings, incremental = build(src, out, fast=True, fresh=False)
        assert warnings == ""
        _, _, fresh = build(src, tmp_path / f"fresh-{number}", fast=False)
        # Compare the HTML pages that exist in both. Not compared, because stock
        # Sphinx's incremental builds differ there from fresh builds whatever the
        # navigation: the HTML file of a deleted or renamed page stays behind (Sphinx
        # does not delete output), and searchindex.js keeps terms of an old title.
        diffs = [
            d for d in differences(incremental, fresh)
            if d.endswith(".html") and not d.endswith("(only one side)")
        ]
        assert diffs == [], f"after {step.__name__}: {diffs}"


def test_retitle_swaps_the_navigation_and_matches_a_fresh_build(tmp_path):
    """A retitle or a reordered toctree: most pages get only their sidebar swapped.

    Pages that show the changed title elsewhere (a ``{doc}`` link, toctrees in the body,
    previous/next links) or whose neighbours changed are written in full; every other page
    gets the new navigation swapped into its HTML file. Every file of the output folder
    (pages, search index, inventory) must be byte for byte what a fresh build writes, with
    serial and parallel incremental builds; the one exception is stock Sphinx's own: its
    incremental search index keeps words no page holds any more, with no pages.
    """
    src = corpus.generate(tmp_path / "src", 40)
    target = src / "part-01" / "chapter-00" / "page-005.md"
    linker = src / "part-00" / "chapter-00" / "page-003.md"
    linker.write_text(linker.read_text() + "\nSee {doc}`/part-01/chapter-00/page-005`.\n")
    chapter = src / "part-00" / "chapter-00" / "index.md"
    out = tmp_path / "incr"
    build(src, out, fast=True)
    title = target.read_text().splitlines()[0]

    def retitle():
        target.write_text(target.read_text().replace(title, "# A title nobody had before", 1))

    def reorder():
        text = chapter.read_text()
        chapter.write_text(text.replace("page-001\npage-002\n", "page-002\npage-001\n", 1))

    def retitle_back():
        target.write_text(target.read_text().replace("# A title nobody had before", title, 1))

    # The reordered chapter index is read again; its pages link to it, so fewer are swapped.
    steps = ((retitle, 0, 30), (reorder, 2, 15), (retitle_back, 0, 30))
    for number, (step, parallel, swapped) in enumerate(steps):
        step()
        app, warnings, incremental = build(src, out, fast=True, fresh=False,
                                           parallel=parallel)
        assert warnings == ""
        state = fastnav.STATES[app]
        assert len(state.swapped) > swapped, (step.__name__, state.swapped)
        if step is not reorder:
            assert "part-00/chapter-00/page-003" not in state.swapped  # it links the page
            assert "part-01/chapter-00/page-005" not in state.swapped  # read again
        _, _, fresh = build(src, tmp_path / f"fresh-{number}", fast=False)
        diffs = differences(incremental, fresh)
        if "searchindex.js" in diffs:
            # Stock Sphinx: an incremental build keeps the words no page holds any more
            # (here, of the title retitled away) with an empty list of pages.
            assert _index_without_empty_words(incremental) == _index_without_empty_words(
                fresh), step.__name__
            diffs.remove("searchindex.js")
        assert diffs == [], step.__name__
        page = (incremental / "part-00" / "chapter-00" / "page-003.html").read_text()
        if step is retitle:
            assert "A title nobody had before" in page
        if step is reorder:
            assert "part-00/chapter-00/page-001" not in state.swapped  # new neighbours
            assert "part-00/chapter-00/page-002" not in state.swapped


def _index_without_empty_words(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {word: docs for word, docs in data[key].items() if docs != []}
    return data


def _site_build(root: Path, out: Path, **overrides):
    """Build the site copied to ``root`` (``source/`` with the top-level ``conf.py``)."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import _clean_up_global_state

    _clean_up_global_state()
    saved_path = sys.path.copy()
    try:
        app = Sphinx(
            srcdir=root / "source",
            confdir=root,
            outdir=out / "html",
            doctreedir=out / "doctrees",
            buildername="html",
            confoverrides={"nitpicky": True, **overrides},
            status=None,
            warning=io.StringIO(),
            freshenv=True,
            keep_going=True,
        )
        app.build()
    finally:
        sys.path[:] = saved_path
        _clean_up_global_state()
    return app, out / "html"


def test_real_site_is_identical(tmp_path):
    """The whole site, with the project's other extensions, with and without fastnav.

    Both builds read one copy of the site (conf.py, source/, _ext/, _templates/), so
    edits made to the working tree while the test runs cannot make them differ. The
    copy is not a git checkout, so "last updated" dates are absent from both.
    """
    snap = tmp_path / "site"
    snap.mkdir()
    shutil.copy2(REPO / "conf.py", snap / "conf.py")
    for name in ("source", "_ext", "_templates"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, snap / name,
                            ignore=shutil.ignore_patterns("__pycache__", "_build"))
    app, fast = _site_build(snap, tmp_path / "fast")
    assert fastnav.STATES[app].active
    assert len(fastnav.STATES[app].served) > 20
    _, stock = _site_build(snap, tmp_path / "stock", fastnav_enabled=False)
    assert differences(fast, stock) == []


def test_extension_metadata():
    from sphinx.application import Sphinx  # noqa: F401

    class App:
        def __init__(self):
            self.calls = []

        def add_config_value(self, *args, **kwargs):
            self.calls.append(args[0])

        def connect(self, *args, **kwargs):
            pass

    app = App()
    meta = fastnav.setup(app)
    assert meta["parallel_read_safe"] and meta["parallel_write_safe"]
    assert {"fastnav_enabled", "fastnav_verify"} <= set(app.calls)
