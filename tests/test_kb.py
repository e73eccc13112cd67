"""Tests of the knowledge base extension (``_ext/kb``)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences
from sphinx.util.parallel import parallel_available

from conftest import body, warning_lines
from kb.config import today
from kb.nodes import kb_index, kb_meta, kb_notice, kb_related

BASIC = pytest.mark.sphinx("html", testroot="kb-basic", freshenv=True)


def links(node) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in node.select("a")]


# -- rendering -------------------------------------------------------------------------------


@BASIC
def test_happy_path_has_no_warnings(app, warning):
    app.build()
    assert warning_lines(app, warning) == []


@BASIC
def test_info_line_under_title(app):
    app.build()
    page = body(app, "kb/postgres-timeouts.html")
    h1 = page.select_one("h1")
    info = h1.find_next_sibling()
    assert "kb-info" in info["class"]
    assert " ".join(info.get_text().split()) == (
        "Topics: Database, Product · Keywords: Postgres, connection pool, timeout · "
        "Applies to: Backstage 1.30+ · Reviewed: 2026-09-15"
    )
    assert links(info) == [
        ("Database", "index.html#kb-topic-database"),
        ("Product", "index.html#kb-topic-product"),
    ]
    # The topic anchors exist on the landing page.
    index = body(app, "kb/index.html")
    assert index.select_one("#kb-topic-database").find_next_sibling().get_text() == "Database"
    assert index.select_one("#kb-topic-product").find_next_sibling().get_text() == "Product"


@BASIC
def test_index_groups_by_topic_with_summaries(app):
    app.build()
    index = body(app, "kb/index.html")
    headings = [r.get_text() for r in index.select("p.kb-topic-heading")]
    assert headings == ["Product", "Database", "Auth"]  # configuration order
    lists = index.select("ul.kb-article-list")
    got = [[" ".join(li.get_text().split()) for li in ul.select("li")] for ul in lists]
    assert got == [
        ["Is it free? — Yes, it is free under the Apache licence.",
         "Why does the database connection time out? — The pool is too small for the plugins."],
        ["Can I use SQLite in production? — No: SQLite is for local development only.",
         "Why does the database connection time out? — The pool is too small for the plugins."],
        ["Why can I not sign in? — The sign-in provider is not configured."],
    ]
    assert links(lists[2]) == [("Why can I not sign in?", "sign-in.html")]


@BASIC
def test_keyword_index_a_to_z(app):
    app.build()
    box = body(app, "kb/index.html").select_one("div.kb-keyword-index")
    assert [a.get_text() for a in box.select("p.kb-letter-bar a")] == list("CGLPST")
    entries = [" ".join(li.get_text().split()) for li in box.select("ul.kb-keyword-list li")]
    assert entries == [
        "connection pool: Why does the database connection time out?",
        "cost: Is it free?; Why can I not sign in?",
        "GitHub: Why can I not sign in?",
        "licence: Is it free?",
        # "postgres" in one article and "Postgres" in another are one keyword.
        "Postgres: Can I use SQLite in production?; Why does the database connection time out?",
        "sign-in: Why can I not sign in?",
        "SQLite: Can I use SQLite in production?",
        "timeout: Why does the database connection time out?",
    ]


@BASIC
def test_domain_index_pages(app):
    app.build()
    topics = (Path(app.outdir) / "kb-topics.html").read_text(encoding="utf-8")
    keywords = (Path(app.outdir) / "kb-keywords.html").read_text(encoding="utf-8")
    assert "Knowledge base by topic" in topics
    assert 'href="kb/sign-in.html#kb-sign-in"' in topics
    assert "The sign-in provider is not configured." in topics  # the summary as description
    soup = BeautifulSoup(keywords, "lxml")
    assert [a.get_text() for a in soup.select("div.modindex-jumpbox a")] == list("CGLPST")
    assert 'href="kb/postgres-timeouts.html#kb-postgres-timeouts"' in keywords
    # The landing page links to both index pages (HTML only).
    more = body(app, "kb/index.html").select_one("p.kb-domain-index-links")
    assert [href for _, href in links(more)] == ["../kb-topics.html", "../kb-keywords.html"]


@BASIC
def test_keywords_in_general_index(app):
    app.build()
    soup = BeautifulSoup((Path(app.outdir) / "genindex.html").read_text(encoding="utf-8"), "lxml")
    text = " ".join(soup.select_one("div.body").get_text().split())
    # Each keyword, with the article titles as sub-entries.
    assert "cost Is it free? Why can I not sign in?" in text
    assert "SQLite Can I use SQLite in production?" in text
    hrefs = {a["href"] for a in soup.select("a")}
    assert "kb/sign-in.html#kb-sign-in" in hrefs
    assert "kb/postgres-timeouts.html#kb-postgres-timeouts" in hrefs


@BASIC
def test_related_articles_are_generated(app):
    app.build()

    def related(page):
        box = body(app, page).select_one("div.kb-related")
        return [a.get_text() for a in box.select("a")] if box else []

    # Shared keyword = 3 points, shared topic = 1 point.
    assert related("kb/postgres-timeouts.html") == ["Can I use SQLite in production?", "Is it free?"]
    assert related("kb/is-it-free.html") == [
        "Why can I not sign in?", "Why does the database connection time out?"]
    assert related("kb/sign-in.html") == ["Is it free?"]
    # The list sits in the last section ("Next steps"), after its own content.
    box = body(app, "kb/sign-in.html").select_one("div.kb-related")
    assert box.find_parent("section")["id"] == "next-steps"


@BASIC
def test_kb_ref_role(app):
    app.build()
    assert links(body(app, "index.html").select_one("p")) == [
        ("Is it free?", "kb/is-it-free.html#kb-is-it-free"),
        ("the SQLite answer", "kb/sqlite-in-production.html#kb-sqlite-in-production"),
    ]


@BASIC
def test_no_placeholder_survives(app):
    app.build()
    for doc in app.env.found_docs:
        tree = app.env.get_and_resolve_doctree(doc, app.builder)
        for cls in (kb_index, kb_related, kb_notice, kb_meta):
            assert not list(tree.findall(cls)), (doc, cls)


# -- warnings --------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="kb-warnings", freshenv=True)
def test_warnings_exact(app, warning):
    app.build()
    assert warning_lines(app, warning) == [
        "<src>/elsewhere/misplaced.md:3: WARNING: knowledge-base article outside 'kb/'; "
        "move the page into that folder [kb.outside_folder]",
        "<src>/kb/bad-date.md:7: WARNING: reviewed date '2026-02-30' is not a valid date; "
        "write YYYY-MM-DD [kb.bad_date]",
        "<src>/kb/colon-fence.md:7: WARNING: reviewed date '2026-13-01' is not a valid date; "
        "write YYYY-MM-DD [kb.bad_date]",
        "<src>/kb/duplicate.md:10: WARNING: second {kb-article} on this page (the first is on "
        "line 3); keep one [kb.duplicate]",
        "<src>/kb/future-date.md:7: WARNING: reviewed date '2027-01-05' is in the future "
        "(today is 2026-11-25); write the date you checked the article [kb.future_date]",
        "<src>/kb/misplaced-metadata.md:5: WARNING: {kb-article} is not right under the page "
        "title and its {audience}/{doc-type} directives; move it up [kb.placement]",
        "<src>/kb/missing-fields.md:3: WARNING: {kb-article} has no :applies-to: option; "
        "add it [kb.missing_field]",
        "<src>/kb/missing-fields.md:3: WARNING: {kb-article} has no :keywords: option; "
        "add it [kb.missing_field]",
        "<src>/kb/missing-fields.md:3: WARNING: {kb-article} has no :reviewed: option; "
        "add it [kb.missing_field]",
        "<src>/kb/plain-page.md:1: WARNING: page in the knowledge-base folder has no "
        "{kb-article} metadata; add it, or move the page [kb.not_an_article]",
        "<src>/kb/rst-article.rst:5: WARNING: unknown topic 'gardening'; use one of: product, "
        "database, auth [kb.unknown_topic]",
        "<src>/kb/rst-article.rst:8: WARNING: reviewed date '26-11-2026' is not a valid date; "
        "write YYYY-MM-DD [kb.bad_date]",
        "<src>/kb/stale.md:7: WARNING: article last reviewed on 2026-01-10, 319 days ago "
        "(more than 180); check it against the current release and update :reviewed: "
        "[kb.stale]",
        "<src>/kb/unknown-topic.md:4: WARNING: unknown topic 'cooking'; use one of: product, "
        "database, auth [kb.unknown_topic]",
    ]


@pytest.mark.sphinx("html", testroot="kb-warnings", freshenv=True)
def test_stale_article_shows_notice(app):
    app.build()
    notice = body(app, "kb/stale.html").select_one("div.kb-stale")
    assert notice.select_one(".admonition-title").get_text() == "This article may be out of date"
    assert "2026-01-10, 319 days ago" in notice.get_text()
    assert body(app, "kb/unknown-topic.html").select_one("div.kb-stale") is None
    # Unknown topics are shown, but not linked.
    info = body(app, "kb/unknown-topic.html").select_one("div.kb-info")
    assert [t for t, _ in links(info)] == ["Database"]
    assert "cooking" in info.get_text()


@pytest.mark.sphinx("html", testroot="kb-warnings", freshenv=True,
                    confoverrides={"kb_max_review_age": None, "suppress_warnings": ["kb.*"]})
def test_review_age_check_can_be_disabled(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    assert body(app, "kb/stale.html").select_one("div.kb-stale") is None


@pytest.mark.sphinx("html", testroot="kb-basic", freshenv=True,
                    confoverrides={"kb_max_review_age": -3, "kb_required_fields": ["colour"],
                                   "kb_today": "yesterday", "kb_product": ["Backstage"]})
def test_invalid_config_warns_and_uses_defaults(app, warning):
    app.build()
    got = [w.replace("<src>/", "") for w in warning_lines(app, warning)]
    assert got == [
        "WARNING: invalid kb_max_review_age -3: give a number of days >= 0, or None; "
        "using the default [kb.config]",
        "WARNING: invalid kb_product ['Backstage']: give the product name as a string, or ''; "
        "using the default [kb.config]",
        "WARNING: invalid kb_required_fields ['colour']: choose from topics, keywords, "
        "applies-to, reviewed; using the default [kb.config]",
        "WARNING: invalid kb_today 'yesterday': give a date as YYYY-MM-DD, or ''; using the "
        "default [kb.config]",
    ]
    # With no product name, the versions stand alone.
    info = body(app, "kb/postgres-timeouts.html").select_one("div.kb-info")
    assert " ".join(info.get_text().split()).endswith("Applies to: 1.30+ · Reviewed: 2026-09-15")
    assert app.config.kb_max_review_age == 365


def test_today_from_config_epoch_or_clock(monkeypatch):
    class Config:
        kb_today = "2026-03-04"

    assert today(Config) == dt.date(2026, 3, 4)
    Config.kb_today = ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert today(Config) == dt.date(2026, 1, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today(Config) == dt.datetime.now(dt.timezone.utc).date()


@pytest.mark.sphinx("html", testroot="kb-warnings", freshenv=True, confoverrides={"kb_today": ""})
def test_source_date_epoch_sets_today(app, warning, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc).timestamp())))
    app.build()
    got = warning_lines(app, warning)
    # On 2026-03-01 nothing is stale yet, and 2026-11-01 lies in the future.
    assert not [w for w in got if "kb.stale" in w]
    assert any("unknown-topic.md:7" in w and "kb.future_date" in w for w in got)


# -- parallel --------------------------------------------------------------------------------


def _snapshot(app, warning):
    domain = app.env.get_domain("kb")
    index = body(app, "kb/index.html")
    related = {doc: str(body(app, doc + ".html").select_one("div.kb-related"))
               for doc in sorted(domain.articles)}
    return ({k: dict(v) for k, v in domain.data.items() if k != "version"},
            str(index), related, warning_lines(app, warning))


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork")
def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    results = []
    for parallel in (0, 2):
        src = tmp_path / f"p{parallel}"
        shutil.copytree(rootdir / "test-kb-parallel", src)
        from io import StringIO

        warning = StringIO()
        app = make_app("html", srcdir=src, freshenv=True, parallel=parallel, warning=warning)
        merges = []
        app.connect("env-merge-info", lambda *args: merges.append(1))
        app.build()
        assert len(app.env.found_docs) >= 8
        assert bool(merges) == bool(parallel)
        results.append(_snapshot(app, warning))
        app.cleanup()
    assert results[0] == results[1]
    data, index, related, warnings = results[0]
    assert len(data["articles"]) == 10
    assert index.count("kb-article-list") == 3
    assert warnings == [
        "<src>/kb/article-05.md:4: WARNING: unknown topic 'nosuchtopic'; use one of: product, "
        "database, auth [kb.unknown_topic]",
        "<src>/kb/article-07.md:7: WARNING: article last reviewed on 2025-06-01, 542 days ago "
        "(more than 365); check it against the current release and update :reviewed: "
        "[kb.stale]",
    ]


# -- incremental -----------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    now = time.time()
    os.utime(path, (now, now))


@pytest.mark.sphinx("html", testroot="kb-basic", copy_test_root=True, freshenv=True)
def test_incremental_edit_and_delete(app, make_app, status):
    app.build()
    src = Path(app.srcdir)
    app.cleanup()

    # 1. Edit one article: new title and a keyword it now shares with another.
    _edit(src / "kb/is-it-free.md", "# Is it free?", "# Does it cost money?")
    _edit(src / "kb/is-it-free.md", ":keywords: licence, cost", ":keywords: licence, cost, SQLite")
    app2 = make_app("html", srcdir=src, freshenv=False, status=status)
    app2.build()
    log = strip_escape_sequences(status.getvalue())
    assert "1 changed" in log
    # The landing page and the articles whose related list changed are rewritten, not re-read.
    assert "looking for now-outdated files... 4 found" in log
    index = body(app2, "kb/index.html").get_text()
    assert "Does it cost money?" in index and "Is it free?" not in index
    sqlite_related = [a.get_text() for a in body(app2, "kb/sqlite-in-production.html")
                      .select("div.kb-related a")]
    assert sqlite_related == ["Why does the database connection time out?", "Does it cost money?"]
    app2.cleanup()

    # 2. Rebuild without changes: nothing is written.
    status.truncate(0)
    status.seek(0)
    app3 = make_app("html", srcdir=src, freshenv=False, status=status)
    app3.build()
    assert "no targets are out of date." in strip_escape_sequences(status.getvalue())
    app3.cleanup()

    # 3. Delete an article: the index and the related lists forget it.
    (src / "kb/sign-in.rst").unlink()
    status.truncate(0)
    status.seek(0)
    app4 = make_app("html", srcdir=src, freshenv=False, status=status)
    app4.build()
    assert "sign-in" not in app4.env.get_domain("kb").articles and "kb/sign-in" not in app4.env.get_domain("kb").articles
    index = body(app4, "kb/index.html")
    assert "Why can I not sign in?" not in index.get_text()
    assert index.select_one("#kb-topic-auth").find_next_sibling().find_next_sibling().get_text() == (
        "No articles on this topic yet.")
    free_related = [a.get_text() for a in body(app4, "kb/is-it-free.html")
                    .select("div.kb-related a")]
    assert free_related == ["Can I use SQLite in production?",
                            "Why does the database connection time out?"]
    app4.cleanup()


@pytest.mark.sphinx("html", testroot="kb-basic", freshenv=True,
                    confoverrides={"kb_topics": {"product": "Product questions", "database": "Database",
                                                 "auth": "Auth"}})
def test_topic_index_headings_make_valid_ids(app):
    app.build()
    soup = BeautifulSoup((Path(app.outdir) / "kb-topics.html").read_text(encoding="utf-8"), "lxml")
    ids = [tr["id"] for tr in soup.select("tr.cap")]
    assert ids == ["cap-Product\u00a0questions", "cap-Database", "cap-Auth"]
    assert all(" " not in i for i in ids)


def test_furo_smoke(make_app, rootdir, tmp_path):
    from io import StringIO

    warning = StringIO()
    app = make_app("html", srcdir=rootdir / "test-kb-basic", freshenv=True, warning=warning,
                   builddir=tmp_path / "_build", confoverrides={"html_theme": "furo"})
    app.build()
    assert warning_lines(app, warning) == []
    out = Path(app.outdir)
    page = BeautifulSoup((out / "kb/sign-in.html").read_text(encoding="utf-8"), "lxml")
    main = page.select_one("article[role=main]")
    assert main.select_one("div.kb-info a")["href"] == "index.html#kb-topic-auth"
    assert (out / "_static/kb.css").exists()
    # Linked with a checksum (the file is in place before pages are written), and only on
    # pages that show knowledge-base output.
    links = [link["href"] for link in page.select("link[rel=stylesheet]") if "kb.css" in link["href"]]
    assert len(links) == 1 and re.search(r"kb\.css\?v=[0-9a-f]{8}$", links[0]), links
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "kb.css" not in home
    kb_home = (out / "kb/index.html").read_text(encoding="utf-8")
    assert "_static/kb.css?v=" in kb_home
    topics = BeautifulSoup((out / "kb-topics.html").read_text(encoding="utf-8"), "lxml")
    assert topics.select_one("section.domainindex-section h1").get_text() == "Knowledge base by topic"
    assert len(topics.select("table.domainindex-table a")) == 5
    app.cleanup()


# -- other builders --------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex"])
def test_other_builders(make_app, rootdir, tmp_path, builder):
    from io import StringIO

    warning = StringIO()
    app = make_app(builder, srcdir=rootdir / "test-kb-basic", freshenv=True, warning=warning,
                   builddir=tmp_path / "_build")
    app.build()
    assert warning_lines(app, warning) == []
    out = Path(app.outdir)
    if builder == "dirhtml":
        index = BeautifulSoup((out / "kb/index.html").read_text(encoding="utf-8"), "lxml")
        hrefs = [a["href"] for a in index.select("ul.kb-article-list a")]
        assert hrefs[0] == "is-it-free/"
        assert (out / "kb-topics/index.html").exists()
        art = BeautifulSoup((out / "kb/sign-in/index.html").read_text(encoding="utf-8"), "lxml")
        assert [a["href"] for a in art.select("div.kb-info a")] == ["../#kb-topic-auth"]
    elif builder == "singlehtml":
        html = (out / "index.html").read_text(encoding="utf-8")
        assert not (out / "kb-topics.html").exists()
        soup = BeautifulSoup(html, "lxml")
        assert soup.select_one("p.kb-domain-index-links") is None  # no index pages to link
        assert [a["href"] for a in soup.select("div.kb-info a")][:1] == ["#kb-topic-product"]
        assert len(soup.select("div.kb-related")) == 4
    elif builder == "text":
        text = (out / "kb/postgres-timeouts.txt").read_text(encoding="utf-8")
        assert "**Topics:** Database, Product" in text
        assert "-[ Related articles ]-" in text
        assert "* Can I use SQLite in production?" in text
        index = (out / "kb/index.txt").read_text(encoding="utf-8")
        assert "* **cost**: Is it free?; Why can I not sign in?" in index
    else:
        tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\hyperref[\detokenize{kb/index:kb-topic-database}]" in tex
        assert r"\label{\detokenize{kb/index:kb-topic-database}}" in tex
        assert "Related articles" in tex
    app.cleanup()
