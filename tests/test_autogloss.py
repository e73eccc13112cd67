"""autogloss: {define}, {glossary-index}, hover definitions, checks, -j and incremental builds."""

from __future__ import annotations

import os
import pickle
import re
import time
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences
from sphinx.util.parallel import parallel_available

from autogloss.nodes import autogloss_index
from autogloss.text import first_sentence, letter_of, shorten, split_names


def warnings_of(app, warning) -> list[str]:
    text = strip_escape_sequences(warning.getvalue()).replace(str(app.srcdir), "<src>")
    return sorted(line for line in text.splitlines() if line.strip())


def body(app, page: str) -> BeautifulSoup:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("div.body")


def glossary_entries(app) -> list[str]:
    """The <dt> texts of the glossary index, in page order."""
    index = body(app, "glossary.html").select_one("div.autogloss-index")
    return [dt.get_text() for dl in index.select("dl.autogloss-index-list") for dt in dl.find_all("dt")]


# -- unit helpers ---------------------------------------------------------------


def test_text_helpers():
    from docutils import nodes

    assert split_names(" a, b ,, a , Long  name ") == ["a", "b", "Long name"]
    para = nodes.paragraph(text="Node.js runs it, e.g. the backend. Then more. Even more.")
    assert first_sentence([nodes.comment(text="x"), para]) == "Node.js runs it, e.g. the backend."
    assert first_sentence([]) == ""
    assert shorten("one two three four", 12) == "one two…"
    assert letter_of("app-config.local.yaml") == "A"
    assert letter_of("@backstage/cli") == "B"
    assert letter_of("3scale") == "#"


# -- rendering -----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_basic_site_builds_without_warnings(app, warning):
    app.build()
    assert warnings_of(app, warning) == []


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_define_renders_a_definition_box_in_place(app):
    app.build()
    box = body(app, "concepts.html").select_one("div.autogloss-define")
    assert box is not None
    dl = box.select_one("dl.glossary")
    assert [dt.get_text() for dt in dl.find_all("dt")] == ["Entity", "Widget", "Thing"]
    assert [dt["id"] for dt in dl.find_all("dt")] == ["term-Entity", "term-Widget", "term-Thing"]
    assert dl.find("dt")["class"] == ["autogloss-term"]
    assert "Anything the catalog stores." in dl.find("dd").get_text()
    see_also = [a.get_text() for a in box.select("p.autogloss-see-also a")]
    assert see_also == ["Component", "Scaffolder"]
    # The box sits where it was written: after the first paragraph.
    assert box.find_previous_sibling("p").get_text() == "Some text before the definition."


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_terms_and_aliases_resolve_with_the_standard_term_role(app):
    app.build()
    links = {a.get_text(): a["href"] for a in body(app, "index.html").select("a.reference")}
    assert links["Entity"] == "concepts.html#term-Entity"
    assert links["widget"] == "concepts.html#term-Widget"  # alias, lower case
    assert links["components"] == "nested/more.html#term-Component"  # defined in reST, nested
    assert links["scaffolder"] == "glossary.html#term-Scaffolder"  # defined on the glossary page
    # Standard domain, general index and objects.inv list every name.
    std = app.env.domains.standard_domain
    for name, doc in [("Entity", "concepts"), ("Widget", "concepts"), ("Component", "nested/more")]:
        assert std.objects["term", name][0] == doc
    genindex = (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8")
    assert 'href="concepts.html#term-Widget"' in genindex
    inventory = (Path(app.outdir) / "objects.inv").read_bytes()
    decoded = zlib.decompress(inventory.split(b"\n", 4)[4]).decode()
    assert "Widget std:term -1 concepts.html#term-$ -" in decoded


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_glossary_index_lists_every_term_a_to_z_with_letter_bar(app):
    app.build()
    page = body(app, "glossary.html")
    assert page.find(class_="autogloss-index") is not None
    letters = [a.get_text() for a in page.select(".autogloss-letter-bar a")]
    assert letters == ["A", "C", "E", "S", "T", "W"]
    for a in page.select(".autogloss-letter-bar a"):
        target = page.find(id=a["href"].lstrip("#"))
        heading = target.find_next_sibling()
        assert heading.name == "h2" and heading.get_text() == a.get_text()
    assert glossary_entries(app) == [
        "app-config.yaml",
        "Component",
        "Entity", "Widget", "Thing",
        "Scaffolder", "Software Templates backend",
        "Software Templates backend",  # alias entry
        "Thing",  # alias entry
        "Widget",  # alias entry
    ]
    # The letter headings are real headings, and the page keeps its own sections.
    assert [h.get_text() for h in page.select("h2.autogloss-letter")] == letters
    assert page.select_one("section#next-steps") is not None


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_glossary_index_links_back_to_the_defining_page(app):
    app.build()
    page = body(app, "glossary.html")
    entity = next(dt for dt in page.select("dl.autogloss-index-list dt") if dt.get_text() == "Entity")
    dd = entity.find_next_sibling("dd")
    source = dd.select_one("p.autogloss-source a")
    assert source.get_text() == "Concepts"
    assert source["href"] == "concepts.html#term-Entity"
    assert "Anything the catalog stores." in dd.get_text()
    # Links inside a copied definition resolve from the glossary page.
    assert dd.select_one("a.reference[href='nested/more.html']") is not None
    component_dd = next(
        dt for dt in page.select("dt") if dt.get_text() == "Component"
    ).find_next_sibling("dd")
    assert component_dd.select_one("a[href='concepts.html']").get_text() == "Concepts"
    # Terms defined on the glossary page itself: shown once, in the index, with
    # their anchors, and with no "Defined in" link to the page itself.
    scaffolder = page.find(id="term-Scaffolder")
    assert scaffolder.find_parent("div", class_="autogloss-index") is not None
    assert scaffolder.find_next_sibling("dd").select_one("p.autogloss-source") is None
    assert page.select("div.autogloss-define") == []
    # Alias entries point to their term.
    widget = [dt for dt in page.select("dt") if dt.get_text() == "Widget"][-1]
    assert widget.find_next_sibling("dd").select_one("a")["href"] == "concepts.html#term-Entity"


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_term_link_carries_its_definition_for_assistive_technology(app):
    app.build()
    page = body(app, "index.html")
    link = next(a for a in page.select("a.reference") if a.get_text() == "widget")
    # The accessible name stays the term; the description is the first sentence.
    assert link.get_text() == "widget"
    tip = page.find(id=link["aria-describedby"])
    assert tip is not None
    assert tip["role"] == "tooltip"
    assert tip.get_text() == "Anything the catalog stores."
    assert tip not in link.descendants
    # Hover and keyboard focus both reveal it (CSS), and Escape dismisses it (JS).
    wrapper = link.parent
    assert "autogloss-ref" in wrapper["class"] and tip.parent is wrapper
    css = (Path(app.outdir) / "_static" / "autogloss" / "autogloss.css").read_text()
    assert ".autogloss-ref:hover > .autogloss-tip" in css
    assert ".autogloss-ref:focus-within > .autogloss-tip" in css
    html = (Path(app.outdir) / "index.html").read_text()
    assert "_static/autogloss/autogloss.css" in html and "_static/autogloss/autogloss.js" in html
    # Tip ids are unique on a page.
    ids = [t["id"] for t in page.select("[role=tooltip]")]
    assert len(ids) == len(set(ids)) == 4
    # The hover text is not indexed as page text by the search.
    assert "catalog stores" not in (Path(app.outdir) / "searchindex.js").read_text()


@pytest.mark.sphinx(
    "html", testroot="autogloss-basic", freshenv=True, confoverrides={"autogloss_hover": False}
)
def test_hover_can_be_switched_off(app):
    app.build()
    page = body(app, "index.html")
    assert page.select("[role=tooltip]") == []
    assert next(a for a in page.select("a") if a.get_text() == "widget")["href"]


@pytest.mark.sphinx(
    "html",
    testroot="autogloss-basic",
    freshenv=True,
    confoverrides={"autogloss_tip_max_length": 40, "autogloss_index_aliases": False},
)
def test_tip_length_and_alias_entries_follow_the_config(app):
    app.build()
    page = body(app, "index.html")
    tips = [t.get_text() for t in page.select("[role=tooltip]")]
    assert "A unit of software, such as a service…" in tips
    assert glossary_entries(app) == [
        "app-config.yaml", "Component", "Entity", "Widget", "Thing", "Scaffolder",
        "Software Templates backend",
    ]


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_doctree_holds_a_placeholder_until_post_transforms(app):
    app.build()
    read = app.env.get_doctree("glossary")
    assert len(list(read.findall(autogloss_index))) == 1
    resolved = app.env.get_and_resolve_doctree("glossary", app.builder)
    assert list(resolved.findall(autogloss_index)) == []
    # Every node of the expanded page has a parent (no half-moved definitions).
    assert all(node.parent is not None for node in resolved.findall() if node is not resolved)


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_saved_environment_holds_definitions_not_whole_pages(app):
    # Each stored definition is a detached copy: had it kept docutils' reference to its
    # page, pickling the environment (after every read, and per chunk with -j) would
    # pickle the whole page with it.
    app.build()
    entries = [e for doc in app.env.domains["autogloss"].data["entries"].values() for e in doc]
    assert entries
    for entry in entries:
        for part in entry["body"]:
            assert all(node.document is None for node in part.findall()), entry["term"]
        # what the glossary page shows is still there
        assert entry["first_sentence"] and "".join(p.astext() for p in entry["body"])
    saved = pickle.dumps(app.env.domains["autogloss"].data, pickle.HIGHEST_PROTOCOL)
    assert len(saved) < 1500 * len(entries), len(saved)


def _root(name: str) -> Path:
    return Path(__file__).parent / "roots" / f"test-{name}"


# -- warnings ----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="autogloss-warnings", freshenv=True)
def test_every_check_warns_with_file_line_and_subtype(app, warning):
    app.build()
    also = "; define each term once and link other mentions with {term} [autogloss.duplicate]"
    assert warnings_of(app, warning) == [
        "<src>/a.md:3: WARNING: duplicate glossary term 'Alpha', also defined at b.md:5" + also,
        "<src>/a.md:3: WARNING: duplicate glossary term 'Beta' (alias of 'Alpha'), also defined at "
        "b.md:9 (alias of 'Gamma')" + also,
        "<src>/a.md:3: WARNING: see-also of 'Alpha' names an undefined term 'Missing Term'; "
        "define it or remove it from :see-also: [autogloss.undefined_see_also]",
        "<src>/a.md:9: WARNING: glossary term 'Empty' has an empty definition; write at least one "
        "sentence in the {define} block [autogloss.empty]",
        "<src>/b.md:5: WARNING: duplicate glossary term 'alpha', also defined at a.md:3" + also,
        "<src>/b.md:9: WARNING: duplicate glossary term 'Beta' (alias of 'Gamma'), also defined at "
        "a.md:3 (alias of 'Alpha')" + also,
        "<src>/glossary.rst:4: WARNING: invalid :heading-level: '9'; use a number from 2 to 6 "
        "(using 2) [autogloss.bad_option]",
        "<src>/index.md:3: WARNING: term not in glossary: 'Nowhere' [ref.term]",
    ]
    # The undefined see-also name is plain text, not a broken link.
    see_also = body(app, "a.html").select_one("p.autogloss-see-also")
    assert [a.get_text() for a in see_also.select("a")] == ["Gamma"]
    assert "Missing Term" in see_also.get_text()


@pytest.mark.sphinx(
    "html",
    testroot="autogloss-basic",
    freshenv=True,
    confoverrides={"autogloss_tip_max_length": 10, "autogloss_hover": 2},
)
def test_invalid_config_warns_and_falls_back_to_defaults(app, warning):
    app.build()
    assert warnings_of(app, warning) == [
        "WARNING: invalid value 10 for autogloss_tip_max_length; using the default 240 "
        "(longest hover text in characters (at least 40); longer sentences are shortened) "
        "[autogloss.config]",
        "WARNING: invalid value 2 for autogloss_hover; using the default True (HTML: show a "
        "term's first sentence when a reader hovers or focuses a term link) [autogloss.config]",
    ]
    assert app.config.autogloss_tip_max_length == 240
    assert body(app, "index.html").select("[role=tooltip]")


# -- parallel ------------------------------------------------------------------------


def _build_parallel_root(make_app, app_params, parallel: int, outname: str):
    from io import StringIO

    args, kwargs = app_params
    warning = StringIO()
    kwargs = {
        **kwargs,
        "srcdir": _root("autogloss-parallel"),
        "builddir": Path(kwargs["srcdir"]).parent / outname,
        "warning": warning,
        "parallel": parallel,
        "freshenv": True,
    }
    app = make_app("html", **kwargs)
    merges = []
    app.connect("env-merge-info", lambda *a: merges.append(1))
    app.build()
    data = app.env.domains["autogloss"].data
    entries = {doc: [(e["term"], e["aliases"], e["line"], e["first_sentence"]) for e in es]
               for doc, es in data["entries"].items()}
    std_terms = {k: v for k, v in app.env.domains.standard_domain.objects.items() if k[0] == "term"}
    result = {
        "entries": entries,
        "refs": data["refs"],
        "hosts": data["hosts"],
        "std_terms": std_terms,
        "index": glossary_entries(app),
        "warnings": warnings_of(app, warning),
        "merges": len(merges),
    }
    app.cleanup()
    return result


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork()")
def test_parallel_build_equals_serial_build(make_app, app_params, tmp_path):
    app_params.kwargs["srcdir"] = tmp_path / "unused"
    serial = _build_parallel_root(make_app, app_params, 1, "serial")
    parallel = _build_parallel_root(make_app, app_params, 2, "parallel")
    assert serial["merges"] == 0
    assert parallel["merges"] > 0, "the -j 2 build did not read in parallel"
    for key in ("entries", "refs", "hosts", "index", "warnings"):
        assert parallel[key] == serial[key], key
    # The duplicate term resolves somewhere in both builds; every other term agrees.
    dup = ("term", "Term 01a")
    assert {k: v for k, v in parallel["std_terms"].items() if k != dup} == {
        k: v for k, v in serial["std_terms"].items() if k != dup
    }
    assert len(serial["entries"]) == 10
    assert serial["warnings"] == [
        "<src>/page01.md:3: WARNING: duplicate glossary term 'Term 01a', also defined at "
        "page09.md:15; define each term once and link other mentions with {term} "
        "[autogloss.duplicate]",
        "<src>/page05.md:15: WARNING: see-also of 'Lonely' names an undefined term 'Not Defined "
        "Anywhere'; define it or remove it from :see-also: [autogloss.undefined_see_also]",
        "<src>/page09.md:15: WARNING: duplicate glossary term 'Term 01a', also defined at "
        "page01.md:3; define each term once and link other mentions with {term} "
        "[autogloss.duplicate]",
    ]


# -- incremental builds --------------------------------------------------------------


def _touch_and_write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # A newer modification time than the last build's reading time, even on
    # file systems with coarse timestamps.
    now = time.time()
    os.utime(path, (now, now))


@pytest.mark.sphinx("html", testroot="autogloss-basic", copy_test_root=True, freshenv=True)
def test_incremental_edit_and_delete_update_the_glossary_page(app, make_app, status):
    app.build()
    srcdir, builddir = Path(app.srcdir), Path(app.outdir).parent
    assert "Anything the catalog stores." in body(app, "glossary.html").get_text()
    app.cleanup()

    # 1. Edit one definition: only concepts is re-read, the glossary page and
    #    the pages that link to the term are rewritten.
    concepts = srcdir / "concepts.md"
    _touch_and_write(
        concepts,
        concepts.read_text().replace("Anything the catalog stores.", "Everything the catalog holds."),
    )
    app2 = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=False, status=status)
    status.truncate(0)
    status.seek(0)
    app2.build()
    log = strip_escape_sequences(status.getvalue())
    assert "1 changed" in log
    assert re.search(r"looking for now-outdated files\.\.\. [1-9]\d* found", log)
    glossary = body(app2, "glossary.html")
    assert "Everything the catalog holds." in glossary.get_text()
    assert "Anything the catalog stores." not in glossary.get_text()
    tips = [t.get_text() for t in body(app2, "index.html").select("[role=tooltip]")]
    assert "Everything the catalog holds." in tips
    app2.cleanup()

    # 2. A rebuild without changes writes nothing.
    status.truncate(0)
    status.seek(0)
    app3 = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=False, status=status)
    app3.build()
    assert "no targets are out of date." in strip_escape_sequences(status.getvalue())
    app3.cleanup()

    # 3. Rename a defining page: the "Defined in" link on the glossary page follows.
    _touch_and_write(concepts, concepts.read_text().replace("# Concepts", "# Core ideas"))
    app_rename = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=False, status=status)
    app_rename.build()
    sources = [a.get_text() for a in body(app_rename, "glossary.html").select("p.autogloss-source a")]
    assert sources == ["More concepts", "Core ideas"]
    app_rename.cleanup()

    # 4. Delete the page that defines Component: it leaves the glossary page.
    (srcdir / "nested" / "more.rst").unlink()
    index = srcdir / "index.md"
    _touch_and_write(index, index.read_text().replace("nested/more\n", ""))
    status.truncate(0)
    status.seek(0)
    app4 = make_app("html", srcdir=srcdir, builddir=builddir, freshenv=False, status=status)
    app4.build()
    entries = glossary_entries(app4)
    assert "Component" not in entries and "Entity" in entries
    assert "nested/more" not in app4.env.domains["autogloss"].data["entries"]
    app4.cleanup()


# -- other builders --------------------------------------------------------------


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex", "dummy"])
def test_other_builders_link_or_print_plain_text(make_app, app_params, builder, tmp_path):
    args, kwargs = app_params
    from io import StringIO

    warning = StringIO()
    app = make_app(
        builder,
        srcdir=_root("autogloss-basic"),
        builddir=tmp_path / builder,
        freshenv=True,
        warning=warning,
    )
    app.build()
    assert warnings_of(app, warning) == []
    out = Path(app.outdir)
    if builder == "dirhtml":
        page = BeautifulSoup((out / "glossary" / "index.html").read_text(), "html.parser")
        source = page.select_one("p.autogloss-source a")
        assert source["href"] == "../concepts/#term-Entity" or source["href"].startswith("../")
        assert page.select("[role=tooltip]")
    elif builder == "singlehtml":
        page = BeautifulSoup((out / "index.html").read_text(), "html.parser")
        assert page.select_one("div.autogloss-index") is not None
        ids = [t["id"] for t in page.select("[role=tooltip]")]
        assert ids and len(ids) == len(set(ids))
    elif builder == "text":
        text = (out / "glossary.txt").read_text()
        assert "Jump to letter: A C E S T W" in text.replace("**", "")
        assert "Defined in *Concepts*" in text
        assert "aria-describedby" not in text and "Anything the catalog stores." in text
        index = (out / "index.txt").read_text()
        assert "An *Entity* is described" in index  # the term is emphasised text, no tip
    elif builder == "latex":
        tex = next(out.glob("*.tex")).read_text()
        assert r"\hyperref[\detokenize{concepts:term-Entity}]" in tex
        assert "Defined in" in tex
        # Letter links point to labels that exist.
        assert r"\hyperref[\detokenize{glossary:glossary-e}]" in tex
        assert r"\label{\detokenize{glossary:glossary-e}}" in tex
        assert "autogloss-tip" not in tex
    app.cleanup()


@pytest.mark.sphinx("html", testroot="autogloss-basic", freshenv=True)
def test_environment_pickles_with_the_glossary_data(app):
    app.build()
    with open(Path(app.doctreedir) / "environment.pickle", "rb") as f:
        env = pickle.load(f)
    data = env.domaindata["autogloss"]
    assert data["entries"]["concepts"][0]["term"] == "Entity"
    assert data["hosts"] == {"glossary": [5]}
    assert data["snapshot"]["digest"]


# -- the real site (Furo) ------------------------------------------------------------

CORE_TERMS = {
    "software catalog", "entity", "kind", "entity descriptor", "annotation", "relation",
    "component", "api", "system", "domain", "resource", "group", "user", "location",
    "software template", "techdocs", "plugin", "package role", "backend system",
    "backend plugin", "backend module", "service", "extension point", "frontend system",
    "extension", "frontend plugin", "utility api", "app config", "entity provider", "processor",
    "owner", "lifecycle", "search",
}


def test_site_glossary_content_and_rendering(site):
    assert "[autogloss." not in site.warnings, site.warnings
    domain = site.env.domains["autogloss"]
    entries = domain.all_entries()
    assert len(entries) >= 90
    here = [e for e in entries if e["docname"] == "reference/glossary"]
    assert len(here) >= 60
    # Core concepts are defined where they are explained, never on the glossary page.
    assert not CORE_TERMS & {n.lower() for e in here for n in (e["term"], *e["aliases"])}
    # Both role vocabularies resolve.
    names = domain.names()
    for role, term in [("operator", "Administrator"), ("builder", "Integrator")]:
        assert names[role]["term"] == term
    for role in ("evaluator", "developer", "contributor"):
        assert role in names
    # Every hover text is one complete, self-contained sentence.
    for entry in entries:
        sentence = entry["first_sentence"]
        assert len(sentence) >= 30 and sentence[-1] in ".!?", (entry["term"], sentence)
    # The Furo page: letter bar, every term listed, links back for terms defined elsewhere.
    page = BeautifulSoup(
        (site.outdir / "reference" / "glossary.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("article[role=main]")
    listed = page.select("dl.autogloss-index-list > dt.autogloss-term")
    assert len(listed) == len(entries)
    assert len(page.select("p.autogloss-source")) == len(entries) - len(here)
    assert len(page.select(".autogloss-letter-bar a")) >= 15
    for link in page.select("a[aria-describedby]"):
        assert page.find(id=link["aria-describedby"])["role"] == "tooltip"
