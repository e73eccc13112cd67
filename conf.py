"""Sphinx configuration for the Backstage documentation.

The configuration lives at the top of the repository; the pages live in
``source/``. Build with ``make html`` (which runs ``sphinx-build -c .``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "_ext"))

# -- Project -----------------------------------------------------------------

project = "Backstage documentation"
author = "The Backstage documentation contributors"
copyright = "2026, The Backstage documentation contributors. Backstage is a CNCF project"
language = "en"

# Where the documentation's own repository lives ("edit this page" links).
docs_repository = os.environ.get("DOCS_REPOSITORY", "https://github.com/backstage/backstage-docs")
docs_branch = os.environ.get("DOCS_BRANCH", "main")

# The public address of the site. Read the Docs provides the canonical URL of
# the version being built; elsewhere the default address is used.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://backstage-docs.readthedocs.io/en/latest/"
)
if not html_baseurl.endswith("/"):
    html_baseurl += "/"

# -- Extensions --------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    "sphinx_copybutton",
    "sphinx_sitemap",
    "notfound.extension",
    "sphinxext.opengraph",
    "sphinx_reredirects",
    "sphinx_last_updated_by_git",
    # The project's own extensions (in _ext/).
    "docmeta",
    "autogloss",
    "kb",
    "alttext",
    "adopters",
    "diagramtext",
    "fastnav",
    "refgen",
    "searchrank",
]

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**/_snippets/**"]
templates_path = ["_templates"]

# Strictness: every reference must resolve.
nitpicky = True
show_warning_types = True

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = [
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "fieldlist",
    "html_image",
    "substitution",
    "tasklist",
]
myst_heading_anchors = 3
# The one Backstage release these documents describe, and the create-app
# version that scaffolds it. Change both to move the docs to a new release,
# then run `make verify-lock` and `make verify` (see the contributing page).
backstage_release = "1.55.0"
backstage_create_app = "0.9.2"

myst_substitutions = {
    "backstage_release": backstage_release,
    "node_versions": "22 or 24",
}

# -- HTML output (Furo) ------------------------------------------------------

html_theme = "furo"
html_title = "Backstage documentation"
html_static_path = ["source/_static"]
html_css_files = ["css/site.css"]
html_last_updated_fmt = "%Y-%m-%d"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "source_repository": docs_repository,
    "source_branch": docs_branch,
    "source_directory": "source/",
    "navigation_with_keys": True,
    "top_of_page_buttons": ["view", "edit"],
}

# Copy buttons: do not copy shell prompts or console output markers.
copybutton_prompt_text = r"\$ |> "
copybutton_prompt_is_regexp = True
copybutton_exclude = ".linenos, .gp, .go"

# Sitemap: one URL per page, under html_baseurl.
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# 404 page: absolute links, so it works at any depth of the site.
notfound_urls_prefix = "/" + html_baseurl.split("://", 1)[-1].split("/", 1)[-1].strip("/") + "/"
if notfound_urls_prefix == "//":
    notfound_urls_prefix = "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>"
        "<p>The page you asked for does not exist in this version of the Backstage "
        "documentation. It may have moved when the documentation was reorganised by role.</p>"
        "<p>Try the search box, or start again from the <a href=\"" + notfound_urls_prefix
        + "index.html\">home page</a>.</p>"
    ),
}

# OpenGraph: titles, descriptions and URLs for link previews.
ogp_site_url = html_baseurl
ogp_site_name = "Backstage documentation"
ogp_type = "website"
ogp_enable_meta_description = True
# Social preview images need matplotlib; the site uses the logo instead.
ogp_social_cards = {"enable": False}

# Redirects for moved pages: old path (without suffix) -> new page (relative).
# The map lives in source/_data/redirects.py so it can be tested on its own.
sys.path.insert(0, str(ROOT / "source" / "_data"))
try:
    from redirects import REDIRECTS as redirects  # noqa: E402
finally:
    sys.path.pop(0)

# Last updated dates from git.
git_last_updated_timezone = "UTC"
git_untracked_check_dependencies = False

# -- Mermaid -----------------------------------------------------------------

mermaid_output_format = "raw"
# Diagrams render in the reader's browser with this Mermaid release, served by
# the site itself rather than a CDN. `make html` (and `make test`) fetch it from
# the npm registry into .cache/npm/ (see the Makefile); a bare sphinx-build
# without that copy falls back to the CDN.
mermaid_version = "11.12.1"
_mermaid_local = f".cache/npm/mermaid-{mermaid_version}"
if (ROOT / _mermaid_local / "mermaid" / "mermaid.esm.min.mjs").is_file():
    html_static_path = [*html_static_path, _mermaid_local]
    mermaid_use_local = "mermaid/mermaid.esm.min.mjs"

# -- Other builders ----------------------------------------------------------

latex_engine = "xelatex"
latex_documents = [
    (root_doc, "backstage-docs.tex", "Backstage documentation", author, "manual"),
]

# -- Project extensions -----------------------------------------------------
# Only this site's choices; every other setting keeps the extension's default.
# Options, defaults and warning subtypes: _ext/docmeta/README.md,
# _ext/autogloss/README.md, and the module docstrings of _ext/kb, _ext/alttext
# and _ext/fastnav.

# docmeta: the roles and page types a page declares with {audience} and {doc-type}.
docmeta_roles = {
    "evaluator": "Evaluator",
    "user": "User",
    "developer": "Developer",
    "admin": "Administrator",
    "integrator": "Integrator",
    "contributor": "Contributor",
    "all": "Everyone",
}
docmeta_types = {
    "conceptual": "Conceptual",
    "task": "Task",
    "reference": "Reference",
    "marketing": "Marketing",
}
# Backstage's maintainers call administrators "operators" and integrators "builders".
docmeta_aliases = {"operator": "admin", "builder": "integrator"}
# Pages that need no metadata (document names, glob patterns): generated pages.
docmeta_exempt = ["_generated/*", "**/_generated/*"]

# kb: the topics an article may list in its {kb-article} :topics: option (name -> label),
# and the product named before the :applies-to: versions ("Applies to: Backstage 1.30+").
# Articles live in reference/knowledge-base/ (the default kb_folder).
kb_topics = {
    "product": "Product",
    "catalog": "Software Catalog",
    "deployment": "Deployment",
    "database": "Database",
    "plugins": "Plugins",
    "upgrades": "Upgrades",
    "auth": "Authentication",
    "techdocs": "TechDocs",
    "search": "Search",
    "troubleshooting": "Troubleshooting",
    "configuration": "Configuration",
}
kb_product = "Backstage"

# alttext: problems with alternative text are errors here (the build fails even
# without -W). Mark a purely decorative image with the "decorative" class.
alttext_severity = "error"

# adopters: logos from simple-icons-pack, brand colours only where they have 3:1
# contrast against the tile (defaults: _ext/adopters/README.md).
# refgen: the generated configuration and action reference, from
# source/_data/refdata.json (make refdata) and our descriptions in source/_data/.

# searchrank: reader words -> page words, kept as data (_ext/searchrank/README.md).
searchrank_synonyms = "_data/search-synonyms.yaml"
