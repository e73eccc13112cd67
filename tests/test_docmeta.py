"""Tests of the page metadata extension (``_ext/docmeta``)."""

from __future__ import annotations

import json
import os
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences
from sphinx.util.parallel import parallel_available

from conftest import body, warning_lines

ROOTS = Path(__file__).resolve().parent / "roots"

BASIC = pytest.mark.sphinx("html", testroot="docmeta-basic", freshenv=True)
WARNINGS = pytest.mark.sphinx("html", testroot="docmeta-warnings", freshenv=True)


def text(node) -> str:
    return " ".join(node.get_text().split())


def index_groups(page) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(group heading, [(title, href, whole entry text)]) for a generated index."""
    box = page.select_one("div.docmeta-index")
    groups = []
    for rubric in box.select("p.rubric"):
        entries = []
        for li in rubric.find_next_sibling("ul").select("li"):
            a = li.select_one("a")
            entries.append((text(a), a["href"], text(li)))
        groups.append((text(rubric), entries))
    return groups


def build(tmp_path: Path, make_app, root: str, name: str = "src", **kwargs):
    """Build a private copy of a test root (for tests that edit sources or compare builds)."""
    src = tmp_path / name
    if not src.exists():
        shutil.copytree(ROOTS / f"test-{root}", src)
    warning = StringIO()
    status = StringIO()
    before = kwargs.pop("before", None)
    app = make_app(
        kwargs.pop("buildername", "html"),
        srcdir=src,
        builddir=tmp_path / f"{name}-build-{kwargs.pop('tag', 'x')}",
        status=status,
        warning=warning,
        **kwargs,
    )
    if before is not None:
        before(app)
    app.build()
    return app, status.getvalue(), warning


# -- rendering -------------------------------------------------------------------------------


@BASIC
def test_happy_path_has_no_warnings(app, warning):
    app.build()
    assert warning_lines(app, warning) == []


@BASIC
def test_badges_under_the_title_link_to_index_pages(app):
    app.build()
    page = body(app, "guide/install.html")
    badges = page.select("div.docmeta-badges")
    # Right under the title, and the role and type written out in words.
    assert page.select_one("h1").find_next_sibling() is badges[0]
    assert [text(b) for b in badges] == ["Audience: Administrator", "Page type: Task"]
    links = [(text(a), a["href"]) for b in badges for a in b.select("a")]
    assert links == [
        ("Administrator", "../roles/admin.html#audience-admin"),
        ("Task", "../types/task.html#doc-type-task"),
    ]
    # The alias "operator" was written on the page; readers see the canonical role.
    assert "operator" not in page.get_text()


@BASIC
def test_badges_stay_out_of_the_search_index(app):
    # guide/install says "Task" and "Administrator" only in its badges: a search for
    # either word must not list every page that merely carries the badge.
    app.build()
    raw = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])

    def pages_with(stem: str) -> set[str]:
        hits = index["terms"].get(stem, [])
        return {index["docnames"][i] for i in ([hits] if isinstance(hits, int) else hits)}

    assert "guide/install" in pages_with("download")  # the page's own text is indexed
    assert "guide/install" not in pages_with("task")
    assert "guide/install" not in pages_with("administr")


@BASIC
def test_several_roles_are_separated_for_readers(app):
    app.build()
    badges = body(app, "guide/concepts.html").select_one("div.docmeta-badges-audience")
    assert text(badges) == "Audience: Administrator, Developer"
    assert [text(a) for a in badges.select("a")] == ["Administrator", "Developer"]


@BASIC
def test_audience_callout_is_labelled_and_listed_in_the_role_index(app):
    app.build()
    callout = body(app, "guide/install.html").select_one("div.docmeta-callout")
    assert text(callout.select_one(".admonition-title")) == "Audience: Developer"
    assert callout["id"] == "docmeta-developer-1"
    assert "container image" in text(callout)
    groups = dict(index_groups(body(app, "roles/developer.html")))
    assert groups["Sections on other pages"] == [(
        "Install the server",
        "../guide/install.html#docmeta-developer-1",
        "Install the server — Developers can skip the installer and use the container "
        "image instead.",
    )]


@BASIC
def test_audience_index_groups_by_type_with_first_sentences(app):
    app.build()
    groups = index_groups(body(app, "roles/admin.html"))
    assert groups == [
        ("Conceptual", [(
            "How the server works", "../guide/concepts.html",
            "How the server works — The server keeps a catalog of everything you own.",
        )]),
        ("Task", [(
            "Install the server", "../guide/install.html",
            "Install the server — Install the server on one machine.",
        )]),
        ("Reference", [
            ("Administrator tasks in the guide", "../filtered.html",
             "Administrator tasks in the guide — Only the task pages for administrators "
             "under the guide folder."),
            ("Server settings", "../guide/settings.html",
             "Server settings — Every setting the server reads at start-up."),
        ]),
    ]


@BASIC
def test_audience_index_type_and_folder_filters(app):
    app.build()
    groups = index_groups(body(app, "filtered.html"))
    assert [(g, [e[0] for e in entries]) for g, entries in groups] == [
        ("Task", ["Install the server"]),
    ]


@BASIC
def test_doc_type_index_groups_by_role(app):
    app.build()
    groups = index_groups(body(app, "types/reference.html"))
    assert [(g, [e[0] for e in entries]) for g, entries in groups] == [
        ("Administrator", ["Administrator tasks in the guide", "Pages for the Administrator role",
                           "Server settings"]),
        ("Developer", ["Pages for the Developer role", "Release notes"]),
        ("Everyone", ["Conceptual pages", "Metadata matrix", "Pages for the Everyone role",
                      "Task pages"]),
    ]


@BASIC
def test_matrix_counts_and_links(app):
    app.build()
    table = body(app, "matrix.html").select_one("table.docmeta-matrix")
    rows = [[text(c) for c in tr.select("th, td")] for tr in table.select("tr")]
    assert rows == [
        ["Audience \\ Page type", "Conceptual", "Task", "Reference", "Total"],
        ["Administrator", "1", "1", "3", "5"],
        ["Developer", "1", "0", "2", "3"],
        ["Everyone", "1", "0", "5", "6"],
        ["Total", "2", "1", "10", "13"],
    ]
    admin_row = table.select("tbody tr")[0]
    assert [a["href"] for a in admin_row.select("a")] == ["roles/admin.html#audience-admin"] * 4
    # A gap is marked in text and class, not by colour alone, and is not a link.
    zero = table.select("tbody tr")[1].select("td")[2]
    assert zero.select_one("a") is None
    assert zero.select_one(".docmeta-count-zero")


@BASIC
def test_css_is_added_for_html(app):
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="_static/css/docmeta.css' in html


# -- warnings --------------------------------------------------------------------------------


@WARNINGS
def test_every_check_is_a_located_typed_warning(app, warning):
    app.build()
    assert warning_lines(app, warning) == [
        "<src>/conceptual.md:17: WARNING: conceptual page has a numbered procedure of 6 steps "
        "(at most 5); move the procedure to a task page [docmeta.conceptual_procedure]",
        "<src>/developer.md:3: WARNING: no index page for audience 'developer'; add a page "
        "with the label '(audience-developer)=' and an index directive "
        "[docmeta.no_index_page]",
        "<src>/duplicate.md:9: WARNING: duplicate {audience} directive (first at line 3); "
        "put all values in one directive [docmeta.duplicate]",
        "<src>/empty.md:11: WARNING: empty {audience} callout; name the role it is for "
        "(known: admin, all, developer) [docmeta.empty]",
        "<src>/empty.md:3: WARNING: empty {audience} directive; give one or more values "
        "(known: admin, all, developer) [docmeta.empty]",
        "<src>/missing.md:1: WARNING: page declares no audience; add a {audience} directive "
        "right under the title [docmeta.missing]",
        "<src>/missing.md:1: WARNING: page declares no doc type; add a {doc-type} directive "
        "right under the title [docmeta.missing]",
        "<src>/position.md:5: WARNING: {audience} is not directly under the page title; move "
        "it right after the '# Title' line, before any other content [docmeta.position]",
        "<src>/position.md:8: WARNING: {doc-type} is not directly under the page title; move "
        "it right after the '# Title' line, before any other content [docmeta.position]",
        "<src>/reference.md:6: WARNING: reference page is 7% tables, lists, definition lists "
        "and code (at least 50% expected); structure the content, or move the prose to a "
        "conceptual page [docmeta.reference_ratio]",
        "<src>/task.md:14: WARNING: page does not end with a 'Next steps' section; add a last "
        "section '## Next steps' with links to what to read next [docmeta.next_steps]",
        "<src>/task.md:6: WARNING: task page has no numbered procedure (a numbered list of at "
        "least 2 steps); write the steps as '1.' items, or change the doc type "
        "[docmeta.task_procedure]",
        "<src>/unknown.md:3: WARNING: unknown audience 'admn' (known: admin, all, developer) "
        "[docmeta.unknown]",
        "<src>/unknown.md:6: WARNING: unknown doc type 'tsk' (known: conceptual, reference, "
        "task) [docmeta.unknown]",
    ]


@pytest.mark.sphinx(
    "html", testroot="docmeta-warnings", freshenv=True,
    confoverrides={
        "docmeta_require_next_steps": False,
        "docmeta_conceptual_max_steps": 6,
        "docmeta_reference_min_ratio": 0.05,
        "docmeta_task_min_steps": 0,
        "suppress_warnings": ["docmeta.unknown", "docmeta.missing", "docmeta.empty",
                              "docmeta.position", "docmeta.duplicate", "docmeta.no_index_page"],
    },
)
def test_shape_rules_are_configurable_and_suppressible(app, warning):
    app.build()
    # With the page-end rule off, the task page still needs a "Next steps" section.
    assert warning_lines(app, warning) == [
        "<src>/task.md:6: WARNING: task page has no 'Next steps' section; add '## Next steps' "
        "with links [docmeta.task_next_steps]",
    ]


@pytest.mark.sphinx(
    "html", testroot="docmeta-warnings", freshenv=True,
    confoverrides={"docmeta_exempt": ["generated/*", "missing"]},
)
def test_exempt_pages_need_no_metadata(app, warning):
    app.build()
    assert not [w for w in warning_lines(app, warning) if "missing.md" in w]


@pytest.mark.sphinx("html", testroot="docmeta-config", freshenv=True)
def test_malformed_config_warns_and_falls_back(app, warning):
    app.build()
    assert warning_lines(app, warning) == [
        "<src>/index.md:3: WARNING: no index page for audience 'admin'; add a page with the "
        "label '(audience-admin)=' and an index directive [docmeta.no_index_page]",
        "<src>/index.md:6: WARNING: no index page for doc-type 'task'; add a page with the "
        "label '(doc-type-task)=' and an index directive [docmeta.no_index_page]",
        "WARNING: invalid alias 'boss' -> 'ceo' in docmeta_aliases: the target must be a "
        "configured role or doc type (admin, task); the alias is ignored [docmeta.config]",
        "WARNING: invalid value '' for docmeta_type_caption: expected a non-empty string; "
        "using the default 'Page type' [docmeta.config]",
        "WARNING: invalid value 'generated/*' for docmeta_exempt: expected a list of glob "
        "patterns of document names; using the default [] [docmeta.config]",
        "WARNING: invalid value -1 for docmeta_task_min_steps: expected an integer >= 0 (0 "
        "turns the check off); using the default 2 [docmeta.config]",
        "WARNING: invalid value 2 for docmeta_reference_min_ratio: expected a number from 0 "
        "to 1 (0 turns the check off); using the default 0.5 [docmeta.config]",
        "WARNING: invalid value for docmeta_types: 'admin' is also a role in docmeta_roles; "
        "role and doc-type names must differ [docmeta.config]",
    ]
    # The defaults apply: the page passes the task rules (2 steps needed), and the
    # alias that is valid still works.
    assert app.config.docmeta_task_min_steps == 2
    assert app.config.docmeta_aliases == {"operator": "admin"}
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Page type: " in html


# -- builders --------------------------------------------------------------------------------


@pytest.mark.sphinx("text", testroot="docmeta-basic", freshenv=True)
def test_text_builder_writes_badges_and_indexes_as_plain_text(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    install = (Path(app.outdir) / "guide" / "install.txt").read_text(encoding="utf-8")
    assert "Audience: Administrator" in install
    assert "Page type: Task" in install
    assert "Audience: Developer" in install  # the callout's label
    admin = (Path(app.outdir) / "roles" / "admin.txt").read_text(encoding="utf-8")
    assert "* Install the server — Install the server on one machine." in admin


@pytest.mark.sphinx("latex", testroot="docmeta-basic", freshenv=True)
def test_latex_builder_links_badges_and_entries(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # Badges: the caption in words, then a link to the index page's label.
    assert (r"{Audience: }{\hyperref[\detokenize{roles/admin:audience-admin}]"
            r"{\sphinxcrossref{\DUrole{docmeta-badge}{\DUrole{docmeta-audience-admin}"
            r"{Administrator}}}}}") in tex
    assert r"\label{\detokenize{roles/admin:audience-admin}}" in tex
    # Index entries link to pages, and to the callout, which has a label of its own.
    assert r"\hyperref[\detokenize{guide/install::doc}]" in tex
    assert r"\hyperref[\detokenize{guide/install:docmeta-developer-1}]" in tex
    assert r"\label{\detokenize{guide/install:docmeta-developer-1}}" in tex
    assert r"\begin{sphinxadmonition}{note}{Audience: Developer}" in tex


@pytest.mark.parametrize("buildername", ["dirhtml", "singlehtml", "dummy"])
def test_other_html_builders(tmp_path, make_app, buildername):
    app, _status, warning = build(tmp_path, make_app, "docmeta-basic", buildername=buildername,
                                  freshenv=True)
    assert warning_lines(app, warning) == []
    if buildername == "dirhtml":
        page = body(app, "guide/install/index.html")
        hrefs = [a["href"] for a in page.select("div.docmeta-badges a")]
        assert hrefs == ["../../roles/admin/#audience-admin", "../../types/task/#doc-type-task"]
    elif buildername == "singlehtml":
        page = body(app, "index.html")
        hrefs = {a["href"] for a in page.select("div.docmeta-index a")}
        assert "#document-guide/install" in hrefs
        assert "#docmeta-developer-1" in hrefs


# -- parallel and incremental builds ---------------------------------------------------------


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork()")
@pytest.mark.parametrize("root", ["docmeta-basic", "docmeta-warnings"])
def test_parallel_build_equals_serial_build(tmp_path, make_app, root):
    results = []
    for parallel in (0, 2):
        merges: list[str] = []
        app, _status, warning = build(
            tmp_path, make_app, root, tag=str(parallel), freshenv=True, parallel=parallel,
            before=lambda app: app.connect(
                "env-merge-info", lambda *args: merges.append("merged")),
        )
        assert len(app.env.found_docs) >= 8
        if parallel:
            assert merges, "the parallel build read serially"
        pages = ["index.html", "matrix.html"] if root == "docmeta-basic" else ["index.html"]
        pages += [p for p in ("roles/admin.html", "types/reference.html")
                  if (Path(app.outdir) / p).exists()]
        results.append((
            app.env.get_domain("docmeta").data,
            [str(body(app, p)) for p in pages],
            warning_lines(app, warning),
        ))
        app.cleanup()
    assert results[0] == results[1]


def written(status: str) -> list[str]:
    lines = strip_escape_sequences(status).splitlines()
    return sorted(line.split("] ", 1)[1].strip() for line in lines
                  if line.startswith("writing output... [") and "] " in line)


def _touch(path: Path, content: str) -> None:
    # Written after the last build read it: newer than what the environment holds.
    time.sleep(0.01)
    path.write_text(content, encoding="utf-8")
    now = time.time()
    os.utime(path, (now, now))


def test_incremental_edit_and_delete_update_indexes_and_matrix(tmp_path, make_app):
    app, status, warning = build(tmp_path, make_app, "docmeta-basic", freshenv=True)
    assert warning_lines(app, warning) == []
    app.cleanup()
    src = tmp_path / "src"

    # 1. Edit one page: new title, new first sentence, new role.
    concepts = src / "guide" / "concepts.md"
    _touch(concepts, concepts.read_text(encoding="utf-8")
           .replace("# How the server works", "# How the catalog works")
           .replace("```{audience} admin, developer", "```{audience} admin")
           .replace("The server keeps a catalog", "The catalog holds a record"))
    app, status, warning = build(tmp_path, make_app, "docmeta-basic")
    assert warning_lines(app, warning) == []
    assert "looking for now-outdated files... 4 found" in strip_escape_sequences(status)
    # The edited page and exactly the index pages and the matrix that show it.
    assert written(status) == ["guide/concepts", "index", "matrix", "roles/admin", "roles/developer",
                               "types/conceptual"]
    admin = index_groups(body(app, "roles/admin.html"))
    assert admin[0] == ("Conceptual", [(
        "How the catalog works", "../guide/concepts.html",
        "How the catalog works — The catalog holds a record of everything you own.",
    )])
    developer = [g for g, _ in index_groups(body(app, "roles/developer.html"))]
    assert "Conceptual" not in developer
    rows = [[text(c) for c in tr.select("td")]
            for tr in body(app, "matrix.html").select("table.docmeta-matrix tbody tr")]
    assert rows[1] == ["Developer", "0", "0", "2", "2"]
    app.cleanup()

    # 2. Delete a page (and its toctree entry).
    (src / "guide" / "settings.md").unlink()
    index = src / "index.md"
    _touch(index, index.read_text(encoding="utf-8").replace("guide/settings\n", ""))
    app, status, warning = build(tmp_path, make_app, "docmeta-basic")
    assert warning_lines(app, warning) == []
    admin = dict(index_groups(body(app, "roles/admin.html")))
    assert [e[0] for e in admin["Reference"]] == ["Administrator tasks in the guide"]
    rows = [[text(c) for c in tr.select("td")]
            for tr in body(app, "matrix.html").select("table.docmeta-matrix tbody tr")]
    assert rows[0] == ["Administrator", "1", "1", "2", "4"]
    app.cleanup()

    # 3. Add a page.
    (src / "guide" / "upgrade.md").write_text(
        "# Upgrade the server\n\n```{audience} admin\n```\n\n```{doc-type} task\n```\n\n"
        "Move the server to a newer release. Plan ten minutes.\n\n1. Stop it.\n2. Update it.\n\n"
        "## Next steps\n\n- [Settings](../index.md).\n",
        encoding="utf-8",
    )
    _touch(index, index.read_text(encoding="utf-8").replace("guide/concepts\n",
                                                            "guide/concepts\nguide/upgrade\n"))
    app, status, warning = build(tmp_path, make_app, "docmeta-basic")
    assert warning_lines(app, warning) == []
    admin = dict(index_groups(body(app, "roles/admin.html")))
    assert [e[0] for e in admin["Task"]] == ["Install the server", "Upgrade the server"]
    assert admin["Task"][1][2] == "Upgrade the server — Move the server to a newer release."
    assert [e[0] for e in index_groups(body(app, "filtered.html"))[0][1]] == [
        "Install the server", "Upgrade the server"]
    rows = [[text(c) for c in tr.select("td")]
            for tr in body(app, "matrix.html").select("table.docmeta-matrix tbody tr")]
    assert rows[0] == ["Administrator", "1", "2", "2", "5"]
    app.cleanup()

    # 4. Nothing changed: nothing is read or written.
    app, status, warning = build(tmp_path, make_app, "docmeta-basic")
    assert "no targets are out of date." in strip_escape_sequences(status)
    assert written(status) == []
    assert warning_lines(app, warning) == []


def test_every_warning_subtype_is_documented(repo):
    from docmeta.warnings import Subtype

    readme = (repo / "_ext" / "docmeta" / "README.md").read_text(encoding="utf-8")
    undocumented = [s.value for s in Subtype if f"| `{s.value}` |" not in readme]
    assert undocumented == []
    assert all(s.description for s in Subtype)
