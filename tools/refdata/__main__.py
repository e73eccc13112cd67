"""``make refdata``: write the release's facts for the generated reference.

Runs ``extract.cjs`` with the pinned Node 22 over the release workspace that
``make verify-install`` installs into ``.cache/verify`` and writes
``source/_data/refdata.json``. ``--check`` writes nothing and exits 1 when the
committed file differs from what the installed packages say.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / ".cache" / "node" / "bin" / "node"
WORKSPACE = REPO / ".cache" / "verify"
OUTPUT = REPO / "source" / "_data" / "refdata.json"
SCRIPT = Path(__file__).resolve().parent / "extract.cjs"


def release() -> str:
    match = re.search(r'^backstage_release = "([^"]+)"', (REPO / "conf.py").read_text(), re.M)
    return match.group(1) if match else ""


def generate(node: Path = NODE, workspace: Path = WORKSPACE) -> str:
    """The facts as JSON text (raises CalledProcessError with Node's message on failure)."""
    proc = subprocess.run([str(node), str(SCRIPT), str(workspace / "node_modules")],
                          capture_output=True, text=True, check=False,
                          env={"PATH": f"{node.parent}:/usr/bin:/bin", "BACKSTAGE_RELEASE": release(),
                               "HOME": str(REPO / ".cache")})
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, proc.args, proc.stdout, proc.stderr)
    return proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(prog="make refdata", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    for path, what in ((NODE, "Node 22"), (WORKSPACE / "node_modules", "the release workspace")):
        if not path.exists():
            print(f"{what} is missing ({path}); run `make verify-install`", file=sys.stderr)
            return 2
    start = time.monotonic()
    try:
        text = generate()
    except subprocess.CalledProcessError as err:
        print(err.stderr, file=sys.stderr)
        return 1
    took = time.monotonic() - start
    if args.check:
        old = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if old != text:
            diff = difflib.unified_diff(old.splitlines(), text.splitlines(), "committed",
                                        "release", lineterm="", n=1)
            print("\n".join(list(diff)[:80]), file=sys.stderr)
            print(f"{OUTPUT.relative_to(REPO)} differs from the release; run `make refdata`",
                  file=sys.stderr)
            return 1
        print(f"refdata: {OUTPUT.relative_to(REPO)} matches the release ({took:.1f} s)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    import json
    data = json.loads(text)
    print(f"refdata: {len(data['config']['keys'])} configuration keys from "
          f"{len(data['config']['packages'])} schemas, {len(data['actions'])} scaffolder actions "
          f"-> {OUTPUT.relative_to(REPO)} ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
