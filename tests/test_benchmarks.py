"""The ``extensions`` benchmark compares like with like.

Its stock corpus must show the reader the same lists the project's directives generate
(glossary, role and type pages, knowledge-base index, related articles); otherwise the
benchmark measures missing content instead of the cost of the extensions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import extensions  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both 60-page corpora, built with -W; returns a function reading a page's main part."""
    root = tmp_path_factory.mktemp("bench")
    corpus = extensions.Corpus(60)
    out = {}
    for variant in extensions.VARIANTS:
        src = root / f"src-{variant}"
        corpus.write(src, variant)
        html = root / f"html-{variant}"
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", str(src), str(html),
                             "-d", str(root / f"doctrees-{variant}")])
        assert status == 0, f"the {variant} corpus does not build cleanly"
        out[variant] = html

    def page(variant: str, docname: str) -> BeautifulSoup:
        text = (out[variant] / f"{docname}.html").read_text(encoding="utf-8")
        return BeautifulSoup(text, "lxml").select_one("div.body")

    return corpus, page


def _links(soup) -> list[str]:
    return sorted(a["href"].split("#")[0] for a in soup.select("li a[href]"))


def test_role_and_type_pages_list_the_same_pages(built):
    corpus, page = built
    for doc in ("reference/roles/admin", "reference/roles/developer", "reference/types/task",
                "reference/types/conceptual", "reference/types/reference"):
        project, stock = page("project", doc), page("stock", doc)
        assert _links(project) and _links(project) == _links(stock), doc
        # with the same lead sentences
        assert [li.get_text(" ", strip=True) for li in project.select("li")] == [
            li.get_text(" ", strip=True) for li in stock.select("li")], doc


def test_glossary_page_lists_the_same_terms_and_definitions(built):
    corpus, page = built
    project, stock = page("project", "reference/glossary"), page("stock", "reference/glossary")
    names = sorted(n for t in corpus.terms for n in [t["name"], *t["aliases"]])
    # (the project also repeats each alias under its term: compare the names shown)
    assert sorted({dt.get_text(strip=True) for dt in project.select("dl dt")}) == names
    assert sorted({dt.get_text(strip=True).rstrip("¶") for dt in stock.select("dl dt")}) == names
    for term in corpus.terms:
        assert term["definition"] in project.get_text() and term["definition"] in stock.get_text()


def test_knowledge_base_index_and_related_articles_match(built):
    corpus, page = built
    project, stock = page("project", "reference/kb/index"), page("stock", "reference/kb/index")
    assert set(_links(project)) == set(_links(stock))
    listed = 0
    for doc in corpus.articles:
        related = [_links(page(v, doc).select_one("p.rubric").find_next("ul"))
                   if page(v, doc).select_one("p.rubric") else [] for v in ("project", "stock")]
        assert related[0] == related[1], doc
        listed += bool(related[0])
    assert listed, "no article lists related articles"
