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

# -- Project extensions: docmeta (audience and doc-type) ---------------------
# Options and warning subtypes: _ext/docmeta/README.md.

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
docmeta_next_steps_headings = ["Next steps"]
docmeta_require_next_steps = True
docmeta_task_min_steps = 2
docmeta_conceptual_max_steps = 5
docmeta_reference_min_ratio = 0.5

# -- Project extensions: autogloss (glossary) --------------------------------
# Define a term where it is explained with {define}; reference/glossary.md lists
# them all with {glossary-index}. Warning subtypes: _ext/autogloss/warnings.py.

# HTML: a term link shows the first sentence of its definition on hover and on
# keyboard focus, and screen readers announce it as the link's description.
autogloss_hover = True
# The hover text is cut at a word boundary after this many characters.
autogloss_tip_max_length = 240
# List aliases in the glossary index too, each pointing to its term.
autogloss_index_aliases = True

# -- Project extensions: kb (knowledge base) ---------------------------------

# Topics an article may list in its {kb-article} :topics: option (name -> label).
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
# Articles live here; a {kb-article} elsewhere warns (kb.outside_folder).
kb_folder = "reference/knowledge-base"
# An article reviewed longer ago than this warns (kb.stale) and shows a notice.
kb_max_review_age = 365
# "Today" for the review checks: '' = SOURCE_DATE_EPOCH if set, else the clock.
kb_today = ""
# How many related articles each article lists.
kb_related_max = 5
# Shown before the :applies-to: versions ("Applies to: Backstage 1.30+").
kb_product = "Backstage"

# -- Project extensions: alttext (alternative text) --------------------------

# Every image and diagram needs alt text that says what it shows. Problems are
# errors: the build fails even without -W. Mark a purely decorative image with
# the "decorative" class; it then gets alt="".
alttext_severity = "error"
alttext_max_length = 150
alttext_diagram_max_length = 300
alttext_decorative_classes = ["decorative"]

# -- Project extensions: adopters (logo wall) --------------------------------
# Icons come from simple-icons-pack (slug in the data file's "icon" key). A brand
# colour is used only where it has 3:1 contrast (WCAG 1.4.11) against the tile
# background, which is Furo's --color-background-secondary in each scheme.
adopters_icon_field = "icon"
adopters_icon_source = "simple_icons_pack"
adopters_min_contrast = 3.0
adopters_backgrounds = {"light": "#f8f9fb", "dark": "#1a1c1e"}

# -- Project extensions: fastnav (sidebar navigation) ------------------------

# Furo's full sidebar navigation is computed once per build and specialised for each
# page, with the same HTML as stock Furo (see _ext/fastnav). False: stock Furo.
fastnav_enabled = True
# Compare with stock Furo on one page per build; use stock Furo if they differ.
fastnav_verify = True

# -- Project extensions: refgen (generated configuration and action reference)
# Facts: source/_data/refdata.json (make refdata); our descriptions:
# source/_data/config-descriptions.yaml and action-descriptions.yaml (the defaults of
# refgen_facts, refgen_config_descriptions and refgen_action_descriptions).
# Roles {config} and {action}; warning subtypes: _ext/refgen/warnings.py.

# -- Project extensions: searchrank (site search) ------------------------------
# Ranking, role and page-type filters and result summaries for Sphinx's own search page
# (see _ext/searchrank/README.md). Reader words -> page words, kept as data:
searchrank_synonyms = "_data/search-synonyms.yaml"
