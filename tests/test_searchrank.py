"""searchrank: the data it adds to Sphinx's search index, per builder (no browser needed).

The ranking itself is checked in Chromium against the real site in ``test_search.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import warning_lines


def _index(app) -> dict:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    return json.loads(text[len("Search.setIndex("):-1])


@pytest.mark.sphinx("html", testroot="searchrank-basic", freshenv=True)
def test_index_carries_roles_types_hubs_keywords_and_synonyms(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    index = _index(app)
    data = index["searchrank"]
    docs = list(index["docnames"])
    number = {d: i for i, d in enumerate(docs)}

    assert data["roles"] == [["admin", "Administrator"], ["developer", "Developer"],
                             ["all", "Everyone"]]
    assert [t for t, _ in data["types"]] == ["conceptual", "task", "reference"]
    assert data["aud"][number["kb/postgres"]] == [0, 1]
    assert data["typ"][number["install"]] == [1]
    assert data["aud"][number["index"]] == [2]
    # the role index lists other pages; the knowledge-base article is one
    assert data["hubs"] == [number["roles"]]
    assert data["kb"] == [number["kb/postgres"]]
    # keywords and defined terms (with aliases), stemmed like the rest of the index
    assert data["kw"]["econnrefus"] == [number["kb/postgres"]]
    assert data["kw"]["kubernet"] == [number["install"]]
    assert data["kw"]["kube"] == [number["install"]]
    assert data["phrases"]["connect pool"] == [number["kb/postgres"]]
    # numbers: only from three digits ("2.0" would match every "0" typed)
    assert data["kw"]["5432"] == [number["kb/postgres"]]
    assert "0" not in data["kw"] and "2" not in data["kw"]
    assert data["syn"] == {"k8s": ["kubernetes"], "sign on": ["sign-in"]}
    assert "how" in data["lang"]["filler"] and "error" in data["lang"]["problem"]
    assert data["captions"] == ["Audience", "Page type"]
    # Sphinx's own keys are untouched, and the script is linked from the search page only
    assert {"docnames", "terms", "titleterms", "alltitles"} <= set(index)
    search = (Path(app.outdir) / "search.html").read_text(encoding="utf-8")
    assert "_static/searchrank/searchrank.js" in search
    assert "defer" in search.split("searchrank.js")[0].rsplit("<script", 1)[1]
    assert "searchrank.js" not in (Path(app.outdir) / "install.html").read_text(encoding="utf-8")
    assert (Path(app.outdir) / "_static" / "searchrank" / "searchrank.css").is_file()


@pytest.mark.sphinx("html", testroot="searchrank-basic", freshenv=True)
def test_incremental_build_keeps_the_ranking_data(make_app, app_params, tmp_path):
    args, kwargs = app_params
    kwargs["srcdir"] = tmp_path / "src"
    import shutil

    shutil.copytree(Path(__file__).parent / "roots" / "test-searchrank-basic", kwargs["srcdir"])
    first = make_app(*args, **kwargs)
    first.build()
    before = _index(first)["searchrank"]
    first.cleanup()
    page = kwargs["srcdir"] / "install.md"
    page.write_text(page.read_text(encoding="utf-8").replace("```{audience} admin",
                                                             "```{audience} developer"))
    second = make_app(*args, **{**kwargs, "freshenv": False})
    second.build()
    after = _index(second)["searchrank"]
    docs = list(_index(second)["docnames"])
    assert after["aud"][docs.index("install")] == [1]
    assert after["kw"] == before["kw"] and after["syn"] == before["syn"]


@pytest.mark.sphinx("dirhtml", testroot="searchrank-basic", freshenv=True)
def test_dirhtml_gets_the_same_data(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    assert _index(app)["searchrank"]["kb"]
    assert "searchrank.js" in (Path(app.outdir) / "search" / "index.html").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("builder", ["singlehtml", "text", "latex", "dummy"])
def test_other_builders_are_left_alone(builder, make_app, rootdir, tmp_path):
    from io import StringIO

    warning = StringIO()
    app = make_app(builder, srcdir=rootdir / "test-searchrank-basic",
                   builddir=tmp_path / "_build", freshenv=True, warning=warning)
    app.build()
    assert warning_lines(app, warning) == []
    assert not (Path(app.outdir) / "_static" / "searchrank").exists()
    assert not (Path(app.outdir) / "searchindex.js").exists()


@pytest.mark.sphinx("html", testroot="searchrank-basic", freshenv=True,
                    confoverrides={"searchrank_synonyms": "_data/missing.yaml"})
def test_a_missing_synonym_file_warns(app, warning):
    app.build()
    assert warning_lines(app, warning) == [
        "WARNING: cannot read the synonym file <src>/_data/missing.yaml: No such file or "
        "directory; set searchrank_synonyms to a file in the source folder [searchrank.synonyms]"
    ]
    assert _index(app)["searchrank"]["syn"] == {}


def test_malformed_settings_warn_and_use_the_default(caplog):
    from searchrank.config import validate_config

    config = {"searchrank_enabled": "yes", "searchrank_synonyms": 3,
              "searchrank_hub_pages": ["ok", 4], "searchrank_filters": True}
    with caplog.at_level("WARNING"):
        validate_config(None, config)
    assert config == {"searchrank_enabled": True, "searchrank_synonyms": "",
                      "searchrank_hub_pages": [], "searchrank_filters": True}
    assert len([r for r in caplog.records if "is not valid" in r.getMessage()]) == 3


@pytest.mark.sphinx("html", testroot="searchrank-basic", freshenv=True,
                    confoverrides={"searchrank_enabled": False})
def test_can_be_switched_off(app):
    app.build()
    assert "searchrank" not in _index(app)
    assert "searchrank.js" not in (Path(app.outdir) / "search.html").read_text(encoding="utf-8")


def test_synonym_entries_are_checked(tmp_path, caplog):
    from types import SimpleNamespace

    from searchrank.index import load_synonyms

    (tmp_path / "syn.yaml").write_text(
        "K8s: kubernetes\nDark  Mode: [Theme]\nbad: [3]\nempty: []\n", encoding="utf-8")
    app = SimpleNamespace(srcdir=tmp_path, config=SimpleNamespace(searchrank_synonyms="syn.yaml"))
    with caplog.at_level("WARNING"):
        assert load_synonyms(app) == {"k8s": ["kubernetes"], "dark mode": ["theme"]}
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert "synonym entry 'bad'" in messages[0] and "synonym entry 'empty'" in messages[1]
    (tmp_path / "syn.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level("WARNING"):
        assert load_synonyms(app) == {}
    assert "must map reader words" in caplog.records[0].getMessage()
