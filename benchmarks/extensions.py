"""Benchmark: the project's extensions against stock Sphinx on the same text.

Run it through ``bench.py`` (``make bench BENCH_ARGS="extensions"``) or on its own::

    python benchmarks/extensions.py                          # N = 250, 500, 1000, 2000
    python benchmarks/extensions.py --sizes 250,500 --runs 3
    python benchmarks/extensions.py --report                 # summarise recorded runs
    python benchmarks/extensions.py --instructions --sizes 250,1000   # count instructions

Two deterministic synthetic MyST corpora per size N, with the same text:

``project``
    Every page carries ``{audience}`` and ``{doc-type}``; every second content page defines a
    term with ``{define}`` (aliases, see-also), every page links six terms with ``{term}``;
    one page in ten is a knowledge-base article (``{kb-article}``); every content page has
    an image with alt text, every fifth a Mermaid diagram with ``:alt:`` and ``:caption:``,
    every eighth an audience callout; a glossary page (``{glossary-index}``), the knowledge
    base index (``{kb-index}``), role and doc-type index pages (``{audience-index}``,
    ``{doc-type-index}``), a ``{docmeta-matrix}`` page and an ``{adopters}`` wall. Loads
    docmeta, autogloss, kb, alttext, adopters and diagramtext.
``stock``
    The same text with stock Sphinx in place of those directives, written out by hand
    where the project's directives generate it: one glossary page with Sphinx's
    ``glossary`` directive holding every term A to Z (aliases, see-also links, "Defined
    in" links), each definition on its page as a definition list, the role and type pages
    as bullet lists with the same entries, the matrix as a table, the knowledge-base
    index as topic lists and a keyword index, each article's related articles, plain
    images, no metadata badges, a paragraph for the article metadata, an ``admonition``
    for each callout, a list for the adopters. Not repeated: the knowledge base's two
    domain index pages and the hover text (stock Sphinx has neither).

Both use the ``basic`` theme (Furo with fastnav would measure the theme's navigation as
well; see the ``nav`` scenario for that) and the same ``myst_parser`` and
``sphinxcontrib.mermaid`` settings. For each size and run, the two corpora alternate (order
reversed every run) and each one measures, each ``sphinx-build`` in a fresh child process
(wall time and peak RSS, see ``measure.py``):

1. ``full-j1``: a fresh full build (``-E``, new output folder);
2. ``nochange``: the same build again, nothing changed;
3. ``incremental``: after editing the first sentence of one definition;
4. ``full-j2``: a fresh full build with ``-j 2``.

Pages written by the rebuilds are counted from the HTML files whose modification time
changed (``genindex.html`` and ``search.html`` are counted apart: Sphinx writes them on
every build that writes anything).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from extensions_corpus import DEFAULT_SIZES, SCENARIO, VARIANTS, Corpus, corpus_dir  # noqa: E402
from extensions_report import report, summarise  # noqa: E402
from extensions_runs import MEASURES, report_instructions, run, run_instructions  # noqa: E402

__all__ = ["Corpus", "VARIANTS", "MEASURES", "ExtensionsScenario", "main", "main_with"]



class ExtensionsScenario:
    """The ``extensions`` scenario of ``bench.py``, which hands its parsed arguments over."""

    name = SCENARIO
    description = "the project's extensions vs stock Sphinx"
    variants = ()

    def main_with(self, args) -> int:
        return main_with(args)



def main_with(args) -> int:
    """Run with parsed arguments (sizes, variants, runs, runs_large, large_from, report)."""
    start = time.time()
    if getattr(args, "instructions", False) and not args.report:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [250]
        variants = args.variants.split(",") if args.variants else list(VARIANTS)
        return 0 if run_instructions(sizes, variants) else 1
    if not args.report:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else list(DEFAULT_SIZES))
        variants = args.variants.split(",") if args.variants else list(VARIANTS)
        measures = (tuple(args.measures.split(",")) if getattr(args, "measures", None)
                    else MEASURES)
        run(sizes, args.runs, args.runs_large, args.large_from, variants, measures)
    since = None if (args.report or args.all_records) else start
    ok = report(summarise(since))
    if args.report:
        report_instructions()
    return 0 if ok else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", help="comma-separated page counts (default 250,500,1000,2000)")
    p.add_argument("--variants", help="comma-separated: project,stock (default both)")
    p.add_argument("--runs", type=int, default=3, help="runs per variant and size")
    p.add_argument("--runs-large", type=int, default=2,
                   help="runs per variant for sizes >= --large-from")
    p.add_argument("--large-from", type=int, default=2000)
    p.add_argument("--measures", help="comma-separated subset of: " + ",".join(MEASURES))
    p.add_argument("--instructions", action="store_true",
                   help="count instructions of one full build per variant under valgrind "
                        "(default size 250) instead of timing builds")
    p.add_argument("--report", action="store_true", help="only summarise recorded runs")
    p.add_argument("--all-records", action="store_true",
                   help="summarise all recorded runs, not only this invocation's")
    p.add_argument("--write", type=int, metavar="N",
                   help="only write the two corpora of N pages into benchmarks/_work")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.write:
        for variant in VARIANTS:
            print(corpus_dir(args.write, variant))
        return 0
    return main_with(args)


if __name__ == "__main__":
    sys.exit(main())
