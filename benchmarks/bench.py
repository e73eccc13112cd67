"""Build-time and memory benchmarks of the project's Sphinx extensions.

Usage (``make bench BENCH_ARGS="..."`` runs the same script)::

    python benchmarks/bench.py nav                       # default sizes and run counts
    python benchmarks/bench.py nav --sizes 250,500 --runs 5
    python benchmarks/bench.py nav --sizes 2000 --variants stock --runs 1
    python benchmarks/bench.py nav --report              # summarise recorded results

Each scenario builds a deterministic synthetic MyST corpus (``benchmarks/corpus.py``) at
several sizes with two or more variants of the configuration. Every build is a full,
fresh ``sphinx-build -E`` in its own subprocess, into an empty output folder; the wall
time and the peak resident memory of that subprocess (``ru_maxrss`` of the child, read by
a small wrapper process so each build is measured on its own) are recorded. Variants
alternate run by run (stock, fast, fast, stock, ...) so slow drifts of the machine hit
both. The summary uses medians.

Every measured build is appended to ``benchmarks/_work/results.jsonl``; ``--report``
summarises all recorded builds of a scenario without building (so a long run done in
the background, for example stock Furo at 2000 pages, can be combined with others).

Scenarios
---------

``nav``
    Furo's full sidebar navigation with the ``fastnav`` extension (``fastnav``) and
    without it (``stock``). Targets: at N=1000 at least 5 times faster than stock; build
    time per page with fastnav flat within 25 % between the smallest and the largest N;
    peak memory with fastnav no higher than stock at every N.

``extensions``
    The project's extensions against stock Sphinx on the same text: full builds (``-j 1``
    and ``-j 2``), no-change and one-definition rebuilds; see ``benchmarks/extensions.py``.

To add a scenario, subclass :class:`Scenario` (corpus, variants, targets) and register it
in :data:`SCENARIOS`. Scenarios measure through ``measure.py`` and never import this
module, which only registers and runs them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from measure import RESULTS, WORK, machine, measure  # noqa: E402



# -- scenarios ------------------------------------------------------------------


@dataclass
class Variant:
    name: str
    env: dict[str, str] = field(default_factory=dict)
    sphinx_args: list[str] = field(default_factory=list)


class Scenario:
    """A benchmark: a corpus per size, variants to compare, targets to check."""

    name = ""
    description = ""
    default_sizes: tuple[int, ...] = ()
    variants: tuple[Variant, ...] = ()
    builder = "html"

    def corpus(self, pages: int) -> Path:
        """The source folder for ``pages`` pages (generated once, then reused)."""
        path = WORK / f"corpus-{self.name}-{pages}"
        stamp = path / ".complete"
        if not stamp.exists():
            self.generate(path, pages)
            stamp.write_text("ok\n")
        return path

    def generate(self, path: Path, pages: int) -> None:
        corpus.generate(path, pages)

    def targets(
        self, summary: dict[int, dict[str, dict]], metric: str
    ) -> list[tuple[str, bool, str]]:
        return []


class NavScenario(Scenario):
    name = "nav"
    description = "Furo's full navigation: stock Furo vs the fastnav extension"
    default_sizes = (250, 500, 1000, 2000)
    variants = (
        Variant("stock", {"BENCH_EXTENSIONS": ""}),
        Variant("fastnav", {"BENCH_EXTENSIONS": "fastnav"}),
    )

    def targets(
        self, summary: dict[int, dict[str, dict]], metric: str
    ) -> list[tuple[str, bool, str]]:
        checks = []
        summary = {
            n: {k: e for k, e in v.items() if e.get(metric) is not None}
            for n, v in summary.items()
        }
        both = sorted(n for n, v in summary.items() if "stock" in v and "fastnav" in v)
        if 1000 in both:
            ratio = summary[1000]["stock"][metric] / summary[1000]["fastnav"][metric]
            checks.append(("N=1000: fastnav at least 5x faster than stock", ratio >= 5,
                           f"{ratio:.1f}x"))
        else:
            checks.append(("N=1000: fastnav at least 5x faster than stock", False,
                           "no measurement of both variants at N=1000"))
        fast = sorted(n for n, v in summary.items() if "fastnav" in v)
        if len(fast) >= 2:
            per_page = {n: summary[n]["fastnav"][metric] / n for n in fast}
            spread = max(per_page.values()) / min(per_page.values())
            detail = ", ".join(f"N={n}: {per_page[n] * 1000:.1f} ms" for n in fast)
            checks.append((f"fastnav time per page flat within 25 % (N={fast[0]}..{fast[-1]})",
                           spread <= 1.25, f"max/min {spread:.2f}; {detail}"))
        for n in both:
            s, f = summary[n]["stock"]["maxrss_mib"], summary[n]["fastnav"]["maxrss_mib"]
            checks.append((f"N={n}: fastnav peak memory no higher than stock", f <= s * 1.01,
                           f"{f:.0f} MiB vs {s:.0f} MiB"))
        return checks


from extensions import ExtensionsScenario  # noqa: E402  (its own runner: extensions.py)
# The registry imports its scenarios; no scenario imports this module (both measure
# through measure.py), so the dependency runs one way.

SCENARIOS: dict[str, Scenario] = {s.name: s for s in (NavScenario(), ExtensionsScenario())}


# -- running and reporting --------------------------------------------------------


def run(scenario: Scenario, sizes: list[int], variants: list[str], runs: int,
        runs_large: int, large_from: int, jobs: int) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    chosen = [v for v in scenario.variants if v.name in variants]
    sphinx_build = str(Path(sys.executable).with_name("sphinx-build"))
    for pages in sizes:
        src = scenario.corpus(pages)
        count = runs if pages < large_from else runs_large
        for i in range(count):
            order = chosen if i % 2 == 0 else list(reversed(chosen))
            for variant in order:
                out = WORK / f"out-{scenario.name}-{variant.name}-{pages}"
                shutil.rmtree(out, ignore_errors=True)
                argv = [sphinx_build, "-b", scenario.builder, str(src), str(out / "html"),
                        "-d", str(out / "doctrees"), "-E", "-q", *variant.sphinx_args]
                if jobs > 1:
                    argv += ["-j", str(jobs)]
                env = {**os.environ, **variant.env}
                result = measure(argv, env)
                record = {"scenario": scenario.name, "variant": variant.name,
                          "pages": pages, "jobs": jobs, "run": i,
                          "seconds": result["seconds"], "cpu_seconds": result["cpu_seconds"],
                          "maxrss_mib": result["maxrss_mib"],
                          "returncode": result["returncode"], "time": time.time()}
                with RESULTS.open("a") as f:
                    f.write(json.dumps(record) + "\n")
                status = "ok" if result["returncode"] == 0 else "FAILED"
                print(f"{scenario.name} N={pages:<5} {variant.name:<8} run {i + 1}/{count}: "
                      f"{result['seconds']:8.1f} s wall {result['cpu_seconds']:8.1f} s CPU "
                      f"{result['maxrss_mib']:8.0f} MiB  {status}",
                      flush=True)
                if result["returncode"] != 0:
                    print(result["stderr"], file=sys.stderr)
                shutil.rmtree(out, ignore_errors=True)


def summarise(scenario: Scenario, since: float | None, jobs: int) -> dict[int, dict[str, dict]]:
    records = []
    if RESULTS.exists():
        for line in RESULTS.read_text().splitlines():
            r = json.loads(line)
            if (r["scenario"] == scenario.name and r["returncode"] == 0
                    and r.get("jobs", 1) == jobs and (since is None or r["time"] >= since)):
                records.append(r)
    summary: dict[int, dict[str, dict]] = {}
    for r in records:
        summary.setdefault(r["pages"], {}).setdefault(r["variant"], {"runs": []})["runs"].append(r)
    for variants in summary.values():
        for entry in variants.values():
            entry["wall"] = statistics.median(r["seconds"] for r in entry["runs"])
            cpu = [r["cpu_seconds"] for r in entry["runs"] if "cpu_seconds" in r]
            entry["cpu"] = statistics.median(cpu) if cpu else None
            entry["maxrss_mib"] = statistics.median(r["maxrss_mib"] for r in entry["runs"])
    return summary


def report(scenario: Scenario, summary: dict[int, dict[str, dict]]) -> bool:
    names = [v.name for v in scenario.variants]
    print(f"\n{scenario.name}: {scenario.description}")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in machine().items()))
    ok = True
    for metric, label in (("wall", "wall-clock time"), ("cpu", "CPU time of the build process")):
        print(f"\nmedian {label} (s), ms per page, peak RSS (MiB), runs:")
        header = f"{'N':>6} " + " ".join(
            f"{n + ' s':>12} {'ms/page':>8} {'MiB':>6} {'runs':>4}" for n in names)
        if len(names) == 2:
            header += f" {'speed-up':>9}"
        print(header)
        for pages in sorted(summary):
            row = f"{pages:>6} "
            for n in names:
                e = summary[pages].get(n)
                if e and e.get(metric) is not None:
                    row += (f"{e[metric]:>12.1f} {e[metric] / pages * 1000:>8.1f} "
                            f"{e['maxrss_mib']:>6.0f} {len(e['runs']):>4} ")
                else:
                    row += f"{'-':>12} {'-':>8} {'-':>6} {'0':>4} "
            entries = [summary[pages].get(n) or {} for n in names]
            if len(names) == 2 and all(e.get(metric) for e in entries):
                row += f"{entries[0][metric] / entries[1][metric]:>8.1f}x"
            print(row)
        checks = scenario.targets(summary, metric)
        if checks:
            print(f"targets ({label}):")
        for text, passed, detail in checks:
            ok &= passed
            print(f"  [{'PASS' if passed else 'FAIL'}] {text}: {detail}")
    return ok


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", nargs="?", default="nav", choices=sorted(SCENARIOS))
    parser.add_argument("--sizes", help="comma-separated page counts (default: the scenario's)")
    parser.add_argument("--variants", help="comma-separated variants to build (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per variant and size")
    parser.add_argument("--runs-large", type=int, default=1,
                        help="runs per variant for sizes >= --large-from")
    parser.add_argument("--large-from", type=int, default=1000)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--report", action="store_true",
                        help="only summarise all recorded builds of the scenario")
    parser.add_argument("--all-records", action="store_true",
                        help="summarise all recorded builds, not only this invocation's")
    parser.add_argument("--measures", help="extensions: comma-separated subset of "
                        "full-j1,full-j2,nochange,incremental")
    parser.add_argument("--instructions", action="store_true",
                        help="extensions: count instructions under valgrind instead of timing")
    args = parser.parse_args(argv)
    scenario = SCENARIOS[args.scenario]
    if hasattr(scenario, "main_with"):  # a scenario that measures more than full builds
        return scenario.main_with(args)
    start = time.time()
    if not args.report:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else list(scenario.default_sizes))
        variants = (args.variants.split(",") if args.variants
                    else [v.name for v in scenario.variants])
        run(scenario, sizes, variants, args.runs, args.runs_large, args.large_from, args.jobs)
    since = None if (args.report or args.all_records) else start
    ok = report(scenario, summarise(scenario, since, args.jobs))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
