"""The writer's loop on the real site: how long a rebuild takes after a typical edit.

Usage::

    python benchmarks/writer_loop.py                  # -j 1 and -j auto, 3 runs each
    python benchmarks/writer_loop.py --jobs auto --runs 5

Copies ``source/`` into ``benchmarks/_work/writer-loop/`` (the repository is never touched),
builds it once with the repository's ``conf.py`` as ``make html`` does, then measures
incremental rebuilds with no change and after two edits, each edit undone by the next
build so every such rebuild sees a change:

``nochange``
    nothing changed (the floor: start-up, loading the environment, the pages Sphinx
    writes on every build such as the search page, the index and the search index);
``text``
    one sentence added to a paragraph of one page (the page is read and written again);
``retitle``
    the title of one page changed (every sidebar shows it: the pages that show the title
    elsewhere are written again, every other page gets its new sidebar swapped in; see
    ``_ext/fastnav/patch.py``).

Each rebuild is a ``sphinx-build`` in its own process, measured by ``measure.py``: wall time
and CPU time (user + system, worker processes included). On a busy shared machine the CPU
time says more than the wall time. The job counts alternate run by run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from measure import RESULTS, WORK, measure  # noqa: E402

PAGE = "admin/database/backup-and-restore.md"
TEXT_OLD = "This page shows you what in a Backstage instance needs a backup,"
TEXT_NEW = "This page (edited) shows you what in a Backstage instance needs a backup,"
TITLE_OLD = "# Back up and restore your databases\n"
TITLE_NEW = "# Back up and restore the databases\n"


def sphinx_build(src: Path, out: Path, jobs: str) -> list[str]:
    exe = str(Path(sys.executable).with_name("sphinx-build"))
    argv = [exe, "-b", "html", str(src), str(out / "html"), "-d", str(out / "doctrees"),
            "-c", str(REPO), "-W", "--keep-going", "-n", "-q"]
    return argv + (["-j", jobs] if jobs != "1" else [])


def toggle(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old in text:
        text = text.replace(old, new, 1)
    else:
        text = text.replace(new, old, 1)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", default="1,auto", help="comma-separated -j values")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    jobs_list = args.jobs.split(",")
    root = WORK / "writer-loop"
    shutil.rmtree(root, ignore_errors=True)
    src = root / "source"
    shutil.copytree(REPO / "source", src)
    results: dict[tuple[str, str], list[dict]] = {}
    for jobs in jobs_list:
        first = measure(sphinx_build(src, root / f"out-j{jobs}", jobs))
        if first["returncode"] != 0:
            print(first["stderr"], file=sys.stderr)
            return 1
        print(f"-j {jobs}: full build {first['seconds']:.1f} s (CPU {first['cpu_seconds']:.1f} s)",
              flush=True)
    for run in range(args.runs):
        order = jobs_list if run % 2 == 0 else list(reversed(jobs_list))
        for edit, (old, new) in (("nochange", ("", "")), ("text", (TEXT_OLD, TEXT_NEW)),
                                 ("retitle", (TITLE_OLD, TITLE_NEW))):
            for jobs in order:
                # Each output folder sees the same edit once: toggle, build, toggle back.
                if old:
                    toggle(src / PAGE, old, new)
                result = measure(sphinx_build(src, root / f"out-j{jobs}", jobs))
                if old:
                    toggle(src / PAGE, old, new)
                    again = measure(sphinx_build(src, root / f"out-j{jobs}", jobs))
                else:
                    again = result
                for r in ((result, again) if old else (result,)):
                    if r["returncode"] != 0:
                        print(r["stderr"], file=sys.stderr)
                        return 1
                    results.setdefault((edit, jobs), []).append(r)
                    record = {"scenario": "writer-loop", "edit": edit, "jobs": jobs,
                              "run": run, "time": time.time(),
                              **{k: v for k, v in r.items() if k != "stderr"}}
                    with RESULTS.open("a") as f:
                        f.write(json.dumps(record) + "\n")
                print(f"run {run + 1} {edit:<8} -j {jobs:<5} {result['seconds']:6.2f} s "
                      f"(CPU {result['cpu_seconds']:6.2f} s), undo {again['seconds']:6.2f} s "
                      f"(CPU {again['cpu_seconds']:6.2f} s); load {result['load_before']}"
                      f"/{again['load_after']}", flush=True)
    print(f"\n{'edit':<8} {'-j':<5} {'median s':>9} {'median CPU s':>13} {'builds':>7} "
          f"{'load':>11}")
    for (edit, jobs), rs in sorted(results.items()):
        loads = [x for r in rs for x in (r["load_before"], r["load_after"]) if x is not None]
        load = f"{min(loads):.1f}-{max(loads):.1f}" if loads else "-"
        print(f"{edit:<8} {jobs:<5} {statistics.median(r['seconds'] for r in rs):9.2f} "
              f"{statistics.median(r['cpu_seconds'] for r in rs):13.2f} {len(rs):7d} {load:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
