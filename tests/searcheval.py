"""Relevance of the site search, measured through the real results page in Chromium.

Used by ``tests/test_search.py`` and on its own, against any build folder::

    .venv/bin/python tests/searcheval.py _build/html            # the report
    .venv/bin/python tests/searcheval.py _build/dirhtml --json out.json

Each query of ``tests/search_queries.yaml`` is typed into ``search.html?q=...`` (the same
page the search box submits to); the result links, in the order shown, are mapped back to
document names and the first one among the expected pages gives the query's rank.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent / "search_queries.yaml"

# Times Search.query (ranking and the first result drawn) in the page. Registered before
# the page's own scripts, so this DOMContentLoaded listener runs before Sphinx's Search.init.
TIMING_SCRIPT = """
document.addEventListener('DOMContentLoaded', () => {
  if (typeof Search === 'undefined' || !Search.query) return;
  const original = Search.query;
  window.__searchTimes = [];
  Search.query = (...args) => {
    const start = performance.now();
    try { return original(...args); }
    finally { window.__searchTimes.push(performance.now() - start); }
  };
});
"""

RESULT_LINKS = """() => [...document.querySelectorAll('#search-results ul.search > li')]
  .filter(li => !li.hidden && li.offsetParent !== null)
  .map(li => li.querySelector('a').href)"""


@dataclass
class Outcome:
    query: str
    expect: list[str]
    source: str
    rank: int | None
    top: list[str]
    millis: float


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    index_bytes: int = 0
    index_gzip_bytes: int = 0
    console_errors: list[str] = field(default_factory=list)

    def _share(self, limit: int) -> float:
        hits = sum(1 for o in self.outcomes if o.rank is not None and o.rank <= limit)
        return hits / len(self.outcomes)

    @property
    def top1(self) -> float:
        return self._share(1)

    @property
    def top3(self) -> float:
        return self._share(3)

    @property
    def mrr(self) -> float:
        return statistics.fmean(1 / o.rank if o.rank else 0.0 for o in self.outcomes)

    @property
    def median_millis(self) -> float:
        return statistics.median(o.millis for o in self.outcomes)

    @property
    def max_millis(self) -> float:
        return max(o.millis for o in self.outcomes)

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} queries: top-1 {self.top1:.1%}, top-3 {self.top3:.1%}, "
            f"MRR {self.mrr:.3f}; query time median {self.median_millis:.1f} ms, "
            f"max {self.max_millis:.1f} ms; index {self.index_bytes / 1024:.0f} KiB "
            f"({self.index_gzip_bytes / 1024:.0f} KiB gzipped)"
        )

    def misses(self, limit: int = 3) -> list[str]:
        lines = []
        for o in self.outcomes:
            if o.rank is None or o.rank > limit:
                shown = ", ".join(o.top[:3]) or "no results"
                lines.append(f"  {o.query!r}: rank {o.rank or '-'} (want {o.expect[0]}); top: {shown}")
        return lines

    def as_dict(self) -> dict:
        return {
            "queries": len(self.outcomes),
            "top1": round(self.top1, 4),
            "top3": round(self.top3, 4),
            "mrr": round(self.mrr, 4),
            "median_query_ms": round(self.median_millis, 2),
            "max_query_ms": round(self.max_millis, 2),
            "index_bytes": self.index_bytes,
            "index_gzip_bytes": self.index_gzip_bytes,
            "outcomes": [o.__dict__ for o in self.outcomes],
        }


def load_queries(path: Path = QUERIES) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["queries"]


def docname_of(href: str, base: str, docnames: set[str]) -> str:
    """The document a result link points to, for html (``a/b.html``) and dirhtml (``a/b/``)."""
    path = urlsplit(href).path
    base_path = urlsplit(base).path
    if path.startswith(base_path):
        path = path[len(base_path):]
    path = path.strip("/")
    if path.endswith(".html"):
        path = path[: -len(".html")]
    for candidate in (path, f"{path}/index" if path else "index"):
        if candidate in docnames:
            return candidate
    return path


def wait_for_results(page, timeout: float = 15_000) -> None:
    """Wait until the results page says the search finished."""
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim().length > 0; }",
        timeout=timeout,
    )


def run_query(page, base: str, query: str, docnames: set[str]) -> tuple[list[str], float]:
    page.goto(f"{base}search.html?q={quote(query)}", wait_until="load")
    wait_for_results(page)
    links = page.evaluate(RESULT_LINKS)
    millis = page.evaluate("() => (window.__searchTimes || [0]).slice(-1)[0]")
    return [docname_of(href, base, docnames) for href in links], float(millis)


def evaluate(page, base: str, outdir: Path, docnames: set[str], queries=None) -> Report:
    import gzip

    report = Report()
    index = (outdir / "searchindex.js").read_bytes()
    report.index_bytes = len(index)
    report.index_gzip_bytes = len(gzip.compress(index, 9))
    for entry in queries or load_queries():
        shown, millis = run_query(page, base, entry["q"], docnames)
        rank = next((i + 1 for i, doc in enumerate(shown) if doc in entry["expect"]), None)
        report.outcomes.append(
            Outcome(entry["q"], entry["expect"], entry.get("from", ""), rank, shown[:5], millis)
        )
    return report


def docnames_of(outdir: Path) -> set[str]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(text[text.index("(") + 1 : text.rindex(")")])["docnames"])


def main(argv: list[str]) -> int:
    import argparse

    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parent)]
    from serving import serve_directory
    from test_browser import _Handler

    from tools import chromium

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="a built site: _build/html or _build/dirhtml")
    parser.add_argument("--json", type=Path, help="also write the full report here")
    parser.add_argument("--cpu-slowdown", type=float, default=1,
                        help="CPU throttling factor for the timing (4 = a mid-range phone)")
    args = parser.parse_args(argv)
    outdir = args.outdir.resolve()
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    with serve_directory(outdir, _Handler) as base, sync_playwright() as playwright:
        engine = chromium.launch(playwright)
        context = engine.new_context(service_workers="block")
        context.add_init_script(script=TIMING_SCRIPT)
        page = context.new_page()
        if args.cpu_slowdown > 1:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu_slowdown})
        report = evaluate(page, base + "/", outdir, docnames_of(outdir))
        engine.close()
    print(report.summary())
    print("\n".join(report.misses()))
    print(f"({time.monotonic() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
