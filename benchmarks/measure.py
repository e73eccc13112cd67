"""Measuring one build: wall time, CPU time and peak memory of a command, and the machine.

Owns the low-level layer every benchmark scenario shares (``bench.py``'s ``nav`` and the
``extensions`` scenario): the results file, the wrapper process that runs one command as its
only child (so the peak resident memory it reads is that command's own), and a description
of the machine for reports. It imports no scenario and no runner.

Run as ``python benchmarks/measure.py -- COMMAND...`` it is that wrapper: it prints one JSON
line with the command's return code, wall time, CPU time (user + system, its workers
included), peak RSS and the tail of its standard error.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
RESULTS = WORK / "results.jsonl"


def _measure_child(argv: list[str]) -> None:
    """Run ``argv`` as the only child of this process; print its time and peak RSS."""
    env = os.environ.copy()
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    maxrss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    print(json.dumps({
        "returncode": proc.returncode,
        "seconds": elapsed,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_mib": maxrss_kib / 1024,
        "stderr": proc.stderr.decode(errors="replace")[-3000:],
    }))


def measure(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Time one command in a fresh wrapper process (so its max RSS is its own).

    Also records the machine's one-minute load average just before and just after the
    command (``load_before``, ``load_after``): on a shared machine it says how much the
    neighbours competed for the CPU during the measurement.
    """
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--", *argv]
    load_before = load_average()
    out = subprocess.run(wrapper, env=os.environ.copy() if env is None else env, check=True,
                         capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["load_before"] = load_before
    result["load_after"] = load_average()
    return result


def load_average() -> float | None:
    """The one-minute load average (None where the platform has none)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {}
    for module in ("sphinx", "furo", "myst_parser", "docutils", "bs4"):
        try:
            versions[module] = __import__(module).__version__
        except Exception:  # noqa: BLE001
            versions[module] = "?"
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "memory": mem,
            "python": platform.python_version(), **versions}


if __name__ == "__main__":
    _measure_child(sys.argv[sys.argv.index("--") + 1:])
