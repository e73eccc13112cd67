"""The whole site builds strictly, and its table of contents follows the role-based plan."""

from __future__ import annotations

SECTIONS = [
    ("overview/index", "Introduction"),
    ("getting-started/index", "Getting Started"),
    ("admin/index", "Administrator Guide"),
    ("developer/index", "Developer Guide"),
    ("integrator/index", "Integrator Guide"),
    ("reference/index", "Reference"),
    ("community/index", "Community"),
]


def test_site_builds_without_warnings(site):
    # Any warning (broken reference, orphan page, bad metadata, missing alt
    # text...) fails the build; show them all so the writer can fix them.
    assert site.warnings == "", "the site build warned:\n" + site.warnings
    assert site.app.statuscode == 0
    assert (site.outdir / "index.html").is_file()


def test_root_toctree_holds_the_seven_sections_in_order(site):
    from sphinx import addnodes

    env = site.env
    assert env.toctree_includes["index"] == [doc for doc, _ in SECTIONS]
    # One toctree per section, so each section is its own top-level sidebar entry.
    toctrees = list(env.get_doctree("index").findall(addnodes.toctree))
    assert [[doc for _, doc in t["entries"]] for t in toctrees] == [[d] for d, _ in SECTIONS]
    sidebar = (site.outdir / "index.html").read_text()
    positions = [sidebar.find(f'href="{doc}.html">{title}</a>') for doc, title in SECTIONS]
    assert -1 not in positions, "a section is missing from the sidebar"
    assert positions == sorted(positions), "sections are out of order in the sidebar"


def test_every_page_is_reachable_from_the_root(site):
    env = site.env
    seen, todo = set(), ["index"]
    while todo:
        doc = todo.pop()
        if doc in seen:
            continue
        seen.add(doc)
        todo.extend(env.toctree_includes.get(doc, []))
    orphans = sorted(set(env.found_docs) - seen)
    assert orphans == [], f"pages not reachable from the root table of contents: {orphans}"


def test_section_pages_are_titled_as_planned(site):
    for doc, caption in SECTIONS:
        assert site.env.titles[doc].astext() == caption


def test_site_polish_files_exist(site):
    out = site.outdir
    assert (out / "404.html").is_file(), "no 404 page"
    sitemap = (out / "sitemap.xml").read_text()
    assert "overview/" in sitemap
    index = (out / "index.html").read_text()
    assert 'property="og:title"' in index
    assert "copybutton" in index


def test_base_url_follows_read_the_docs_canonical_url(monkeypatch, repo):
    import runpy

    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://docs.example.org/ja/stable")
    conf = runpy.run_path(str(repo / "conf.py"))
    assert conf["html_baseurl"] == "https://docs.example.org/ja/stable/"
    assert conf["ogp_site_url"] == "https://docs.example.org/ja/stable/"
    # The 404 page uses absolute links under the same path.
    assert conf["notfound_urls_prefix"] == "/ja/stable/"

    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://docs.example.org/")
    conf = runpy.run_path(str(repo / "conf.py"))
    assert conf["notfound_urls_prefix"] == "/"


def test_404_sitemap_and_opengraph_use_the_base_url(site):
    base = site.app.config.html_baseurl
    prefix = site.app.config.notfound_urls_prefix
    not_found = (site.outdir / "404.html").read_text()
    assert f'href="{prefix}_static/' in not_found, "404 page assets are not absolute"
    assert f'href="{prefix}index.html"' in not_found
    sitemap = (site.outdir / "sitemap.xml").read_text()
    assert f"<loc>{base}index.html</loc>" in sitemap
    assert "404.html" not in sitemap
    page = (site.outdir / "community" / "contributing.html").read_text()
    assert f'<meta property="og:url" content="{base}community/contributing.html" />' in page
