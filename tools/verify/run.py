"""``make verify``: check every code sample of the site against the pinned release.

    python3 -m tools.verify [PAGE.md ...] [--root DIR]

Prints one line per failure, ``source/x.md:LINE: [verify.<kind>] message``,
then the summary line and the exemptions by reason.  Exit status 1 when
anything failed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

from .extract import KINDS, extract
from .model import Env, Failure, Sample

REPO = Path(__file__).resolve().parents[2]
SUMMARY_KINDS = (("ts", "TypeScript"), ("config", "config"), ("catalog", "catalog"),
                 ("template", "template"), ("command", "command"))
OTHER_KINDS = (("yaml", "YAML"), ("json", "JSON"), ("shell", "shell"),
               ("dockerfile", "Dockerfile"))


def make_env(root: Path, cache: Path) -> Env:
    return Env(root=root, node=cache / "node" / "bin" / "node",
               node_modules=cache / "verify" / "node_modules",
               versions=json.loads((REPO / "tools" / "versions.json").read_text()),
               workdir=cache / "verify" / "work")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.verify", description=__doc__.split("\n")[1])
    ap.add_argument("pages", nargs="*", type=Path, help="pages to check (default: all)")
    ap.add_argument("--root", type=Path, default=REPO,
                    help="docs tree with a source/ folder (default: this repository)")
    ap.add_argument("--cache", type=Path, default=REPO / ".cache",
                    help="where Node and the workspace are installed")
    ap.add_argument("-v", "--verbose", action="store_true", help="print timings per kind")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    env = make_env(root, args.cache.resolve())
    if not env.node.exists() or not env.node_modules.exists():
        print(f"verify: the release workspace is not installed in {args.cache}; "
              "run `make verify` (it installs it)", file=sys.stderr)
        return 2
    files = [p.resolve() for p in args.pages] or None
    samples, marker_errors = extract(root, files)
    failures: list[Failure] = []
    for path, line, message in marker_errors:
        failures.append(Failure(Sample(path, line, "", "", "marker"), 0, message))
    by_kind: dict[str, list[Sample]] = {k: [] for k in KINDS}
    checked: Counter = Counter()
    for sample in samples:
        if sample.kind == "exempt":
            continue
        if sample.kind == "unclassified":
            failures.append(Failure(sample, -1, (
                f"```{sample.lang or ''} block that no checker handles: mark it "
                "`% verify: <kind>` or `% verify: exempt: <reason>`")))
            continue
        by_kind[sample.kind].append(sample)
    for kind, group in by_kind.items():
        if not group:
            continue
        try:
            module = importlib.import_module(f"{__package__}.check_{kind}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.check_{kind}":
                raise
            print(f"note: tools/verify/check_{kind}.py is not present: "
                  f"{len(group)} {kind} samples not checked", file=sys.stderr)
            continue
        start = time.monotonic()
        failures.extend(module.check(group, env))
        checked[kind] += len(group)
        if args.verbose:
            print(f"  {kind}: {len(group)} samples in {time.monotonic() - start:.1f} s",
                  file=sys.stderr)
    failures.sort(key=lambda f: (f.sample.path, f.sample.line + f.offset))
    for failure in failures:
        print(failure.report())
    exempt = Counter(s.options.get("reason", "") for s in samples if s.kind == "exempt")
    failed_samples = {(f.sample.path, f.sample.line) for f in failures}
    print("verify: " + ", ".join(f"{checked[k]} {label}" for k, label in SUMMARY_KINDS)
          + f" samples checked; {sum(exempt.values())} exempt; {len(failed_samples)} failed")
    others = [f"{checked[k]} {label}" for k, label in OTHER_KINDS if checked[k]]
    if others:
        print("  also checked: " + ", ".join(others))
    for reason, count in sorted(exempt.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  exempt {count:3d}: {reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
