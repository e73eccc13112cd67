# Build and test the Backstage documentation.
#
#   make html      build the site into _build/html (warnings are errors)
#   make test      run the whole test suite
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
SPHINXBUILD  = $(VENV)/bin/sphinx-build
STAMP        = $(VENV)/.installed

.DEFAULT_GOAL := help

help:
	@echo "Targets:"
	@echo "  html        build the HTML site into $(BUILDDIR)/html (strict)"
	@echo "  test        run the test suite (builds the site, browser tests when Chromium exists)"
	@echo "  livehtml    preview with live reload at http://127.0.0.1:8000"
	@echo "  linkcheck   check external links"
	@echo "  dirhtml singlehtml text latex latexpdf   other Sphinx builders"
	@echo "  bench       measure build time and memory of the project's extensions"
	@echo "  clean       remove build output"
	@echo "  distclean   also remove the virtual environment"

# The virtual environment is rebuilt when the lock file or pyproject.toml change.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r $(LOCK)
	@touch $(STAMP)

venv: $(STAMP)

html dirhtml singlehtml text latex linkcheck: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS) $(O)

latexpdf: $(STAMP)
	@command -v latexmk >/dev/null || { echo "latexpdf needs latexmk and a TeX distribution (for example Debian's latexmk and texlive-latex-extra)"; exit 2; }
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c . $(SPHINXOPTS) $(O)

livehtml: $(STAMP)
	$(VENV)/bin/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" -c . -n --watch _ext --watch _templates --watch conf.py $(O)

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

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
	rm -rf $(VENV)

.PHONY: help venv html dirhtml singlehtml text latex latexpdf linkcheck livehtml test bench lock clean distclean
