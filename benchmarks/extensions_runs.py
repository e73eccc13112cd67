"""Running the ``extensions`` benchmark: timed builds and instruction counts.

Owns how a measure is taken: each ``sphinx-build`` in a fresh child process through
``measure.py`` (wall time, CPU time, peak RSS), the four measures per corpus and run
(``full-j1``, ``nochange``, ``incremental`` after toggling one definition, ``full-j2``),
the corpora alternating run by run, pages written counted from file modification times,
every build appended to ``benchmarks/_work/results.jsonl``; and the instruction counts of
one full build per corpus under valgrind's cachegrind.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from extensions_corpus import SCENARIO, corpus_dir  # noqa: E402
from measure import RESULTS, WORK  # noqa: E402
from measure import measure as measure_in_wrapper  # noqa: E402

MEASURES = ("full-j1", "full-j2", "nochange", "incremental")


def measure(argv: list[str]) -> dict:
    """One command in a fresh wrapper process, so the peak RSS is its own.

    Returns its wall time, the CPU time (user + system) of it and its ``-j`` workers, which
    other work on a shared machine disturbs less than the wall time, and its peak RSS.
    """
    return measure_in_wrapper(argv)


def _mtimes(outdir: Path) -> dict[str, int]:
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
            for p in outdir.rglob("*.html")} if outdir.exists() else {}


def _written(before: dict[str, int], after: dict[str, int],
             docs: set[str]) -> tuple[list[str], list[str]]:
    """Pages of source documents written, and other HTML files written (indices, search)."""
    changed = sorted(k[: -len(".html")] for k, v in after.items() if before.get(k) != v)
    return [k for k in changed if k in docs], [k for k in changed if k not in docs]


def build(src: Path, out: Path, jobs: int = 1, fresh: bool = True) -> dict:
    docs = set(json.loads((src / "bench-edit.json").read_text(encoding="utf-8"))["docs"])
    sphinx_build = str(Path(sys.executable).with_name("sphinx-build"))
    argv = [sphinx_build, "-b", "html", str(src), str(out / "html"), "-d",
            str(out / "doctrees"), "-q"]
    if fresh:
        argv.append("-E")
    if jobs > 1:
        argv += ["-j", str(jobs)]
    before = _mtimes(out / "html")
    result = measure(argv)
    pages, extra = _written(before, _mtimes(out / "html"), docs)
    warnings = [line for line in result["stderr"].splitlines() if "WARNING" in line]
    return {"seconds": result["seconds"], "cpu": result["cpu_seconds"],
            "maxrss_mib": result["maxrss_mib"],
            "load_before": result.get("load_before"), "load_after": result.get("load_after"),
            "returncode": result["returncode"], "written": pages, "written_extra": extra,
            "warnings": len(warnings), "stderr": result["stderr"][-1500:]}


def _toggle_edit(src: Path) -> dict:
    edit = json.loads((src / "bench-edit.json").read_text(encoding="utf-8"))
    path = src / edit["file"]
    text = path.read_text(encoding="utf-8")
    if edit["new"] in text:
        text = text.replace(edit["new"], edit["old"], 1)
    else:
        text = text.replace(edit["old"], edit["new"], 1)
    path.write_text(text, encoding="utf-8")
    return edit


def run(sizes: list[int], runs: int, runs_large: int, large_from: int,
        variants: list[str], measures: tuple[str, ...] = MEASURES) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    for pages in sizes:
        count = runs if pages < large_from else runs_large
        for i in range(count):
            order = variants if i % 2 == 0 else list(reversed(variants))
            for variant in order:
                src = corpus_dir(pages, variant)
                out = WORK / f"out-{SCENARIO}-{variant}-{pages}"
                shutil.rmtree(out, ignore_errors=True)
                steps = [("full-j1", {"jobs": 1, "fresh": True}),
                         ("nochange", {"jobs": 1, "fresh": False}),
                         ("incremental", {"jobs": 1, "fresh": False}),
                         ("full-j2", {"jobs": 2, "fresh": True})]
                for measure_name, kwargs in steps:
                    if measure_name not in measures and not (
                            measure_name == "full-j1" and set(measures) & {"nochange",
                                                                          "incremental"}):
                        continue
                    edit = _toggle_edit(src) if measure_name == "incremental" else None
                    target = out / ("j2" if measure_name == "full-j2" else "j1")
                    result = build(src, target, **kwargs)
                    record = {"scenario": SCENARIO, "variant": variant, "pages": pages,
                              "measure": measure_name, "run": i, "time": time.time(),
                              **{k: v for k, v in result.items() if k != "stderr"}}
                    if edit is not None:
                        allowed = set(edit["allowed"])
                        record["allowed"] = len(allowed)
                        record["outside_allowed"] = sorted(set(result["written"]) - allowed)
                    record["written"] = len(result["written"])
                    record["written_extra"] = result["written_extra"]
                    with RESULTS.open("a") as f:
                        f.write(json.dumps(record) + "\n")
                    status = "ok" if result["returncode"] == 0 else "FAILED"
                    print(f"{SCENARIO} N={pages:<5} {variant:<8} {measure_name:<12} run "
                          f"{i + 1}/{count}: {result['seconds']:7.2f} s "
                          f"(CPU {result['cpu']:7.2f} s) "
                          f"{result['maxrss_mib']:6.0f} MiB  wrote {record['written']:>5} "
                          f"pages  {result['warnings']} warnings  load "
                          f"{result['load_before']}/{result['load_after']}  {status}",
                          flush=True)
                    if result["returncode"] != 0 or result["warnings"]:
                        print(result["stderr"], file=sys.stderr)
                shutil.rmtree(out, ignore_errors=True)


# -- instruction counts ------------------------------------------------------------------------

INSTRUCTIONS = "extensions-instructions"


def count_instructions(src: Path, out: Path) -> subprocess.Popen | None:
    """Start a fresh full build under valgrind's cachegrind, which counts instructions.

    The count is the same from run to run within a small fraction of a percent, where the
    time of the same build on a shared machine varies by a tenth or more, so it settles
    small differences that timing cannot. Returns None when valgrind is not installed.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    shutil.rmtree(out, ignore_errors=True)
    sphinx_build = str(Path(sys.executable).with_name("sphinx-build"))
    argv = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            sphinx_build, "-b", "html", str(src), str(out / "html"), "-d", str(out / "doctrees"),
            "-q", "-E"]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run_instructions(sizes: list[int], variants: list[str]) -> bool:
    """Count the instructions of a full build of each corpus, the variants side by side."""
    WORK.mkdir(parents=True, exist_ok=True)
    ok = True
    for pages in sizes:
        procs = {v: count_instructions(corpus_dir(pages, v), WORK / f"out-{INSTRUCTIONS}-{v}")
                 for v in variants}
        if any(p is None for p in procs.values()):
            print("instructions: valgrind is not installed (apt install valgrind); skipped")
            return False
        counts = {}
        for variant, proc in procs.items():
            _, stderr = proc.communicate()
            match = re.search(r"I\s+refs:\s+([\d,]+)", stderr)
            shutil.rmtree(WORK / f"out-{INSTRUCTIONS}-{variant}", ignore_errors=True)
            if proc.returncode != 0 or match is None:
                print(f"instructions N={pages} {variant}: build failed\n{stderr[-2000:]}",
                      file=sys.stderr)
                ok = False
                continue
            counts[variant] = int(match.group(1).replace(",", ""))
            with RESULTS.open("a") as f:
                f.write(json.dumps({"scenario": INSTRUCTIONS, "variant": variant, "pages": pages,
                                    "instructions": counts[variant], "time": time.time()}) + "\n")
        line = "  ".join(f"{v} {n / 1e9:.2f} G" for v, n in counts.items())
        ratio = (f"  ratio project/stock {counts['project'] / counts['stock']:.3f}"
                 if {"project", "stock"} <= set(counts) else "")
        print(f"instructions N={pages:<5} {line}{ratio}", flush=True)
    return ok


def report_instructions() -> None:
    """The latest instruction count of each size and variant, if any were recorded."""
    if not RESULTS.exists():
        return
    latest: dict[int, dict[str, int]] = {}
    for line in RESULTS.read_text().splitlines():
        r = json.loads(line)
        if r.get("scenario") == INSTRUCTIONS:
            latest.setdefault(r["pages"], {})[r["variant"]] = r["instructions"]
    if not latest:
        return
    print("\ninstructions executed by a full build (valgrind cachegrind; latest recorded)")
    for pages in sorted(latest):
        p, s = latest[pages].get("project"), latest[pages].get("stock")
        ratio = f"{p / s:.3f}" if p and s else "-"
        print(f"{pages:>5}  project {p / 1e9 if p else 0:7.2f} G  stock {s / 1e9 if s else 0:7.2f} G"
              f"  ratio {ratio}")
