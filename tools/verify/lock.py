"""Generate the verification workspace: tools/verify/node/package.json + lock.

    python3 -m tools.verify.lock        (what ``make verify-lock`` runs)

1. ``tools/versions.py`` rewrites ``tools/versions.json`` from the create-app
   version that ``conf.py`` pins.
2. The workspace depends on every package of that version table plus the
   extra packages in ``node/extra-packages.txt`` (``@backstage/*`` at the
   release's version, other packages at the range the create-app template
   gives them).
3. Every ``@backstage/*`` package anywhere in the dependency tree is pinned to
   the release with npm ``overrides``: the lock is resolved, new
   ``@backstage/*`` names are looked up and added, and this repeats until no
   new name appears.  The install is then exactly the release's closure.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import versions  # noqa: E402

NODE_DIR = ROOT / "tools" / "verify" / "node"
EXTRAS = NODE_DIR / "extra-packages.txt"


def read_extras() -> list[tuple[str, str | None]]:
    out = []
    for line in EXTRAS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        at = line.rfind("@")
        out.append((line[:at], line[at + 1:]) if at > 0 else (line, None))
    return out


def template_ranges(create_app: str) -> dict[str, str]:
    """Dependency ranges of create-app's default template (root, app, backend)."""
    ranges: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", f"@backstage/create-app@{create_app}"],
                       cwd=tmp, check=True, capture_output=True)
        with tarfile.open(Path(tmp) / f"backstage-create-app-{create_app}.tgz") as tar:
            tar.extractall(tmp, filter="data")
        base = Path(tmp) / "package" / "templates" / "default-app"
        for hbs in [base / "package.json.hbs", *base.glob("packages/*/package.json.hbs")]:
            text = re.sub(r"\{\{[^}]*\}\}", "0.0.0", hbs.read_text(encoding="utf-8"))
            data = json.loads(text)
            for field in ("dependencies", "devDependencies"):
                for name, rng in data.get(field, {}).items():
                    ranges.setdefault(name, rng)
    return ranges


def resolve_all(names: list[str], cutoff, required: bool = True) -> dict[str, str]:
    """Release versions of NAMES and of the @backstage packages they need (tools/versions.py).

    With REQUIRED false (names seeded from the previous lock, which may no longer
    be needed), a name that no release version fits is left out.
    """
    table = json.loads((ROOT / "tools" / "versions.json").read_text())["packages"]
    found = versions.resolve_closure(table, names, cutoff)
    missing = [n for n in names if not found.get(n)]
    if missing and required:
        sys.exit(f"no version of the release fits for: {', '.join(missing)}")
    return {n: v for n, v in found.items() if v}


def lock_names(lock: dict) -> set[str]:
    names = set()
    for key in lock.get("packages", {}):
        match = re.search(r"node_modules/(@backstage/[^/]+)$", key)
        if match:
            names.add(match.group(1))
    return names


def npm_lock(workdir: Path, manifest: dict) -> dict:
    # A fresh resolve each round: npm keeps nodes of an existing lock that a
    # new override should replace.
    (workdir / "package-lock.json").unlink(missing_ok=True)
    (workdir / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    shutil.copy(NODE_DIR / ".npmrc", workdir / ".npmrc")
    subprocess.run(["npm", "install", "--package-lock-only", "--ignore-scripts",
                    "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=workdir, check=True)
    return json.loads((workdir / "package-lock.json").read_text())


def main() -> int:
    subprocess.run([sys.executable, str(ROOT / "tools" / "versions.py")], check=True)
    data = json.loads((ROOT / "tools" / "versions.json").read_text())
    cutoff = versions.parse_time(data["published"])
    pinned: dict[str, str] = dict(data["packages"])
    extras = read_extras()
    ranges = template_ranges(data["create_app"])
    deps: dict[str, str] = dict(pinned)
    pinned.update(resolve_all([n for n, r in extras if n.startswith("@backstage/")
                               and n not in pinned], cutoff))
    # Start from the @backstage closure of the previous lock: usually one round.
    previous = NODE_DIR / "package-lock.json"
    if previous.exists():
        names = lock_names(json.loads(previous.read_text())) - set(pinned)
        pinned.update(resolve_all(sorted(names), cutoff, required=False))
    for name, rng in extras:
        if name.startswith("@backstage/"):
            deps[name] = pinned[name]
        elif rng or name in ranges:
            deps[name] = rng or ranges[name]
        else:
            sys.exit(f"{EXTRAS.name}: give a range for {name} (name@range)")
    manifest = {
        "name": "backstage-docs-verify",
        "private": True,
        "description": f"Backstage {data['release']} packages for make verify (generated "
                       "by make verify-lock; do not edit)",
        "engines": {"node": "22"},
        "dependencies": dict(sorted(deps.items())),
        "overrides": {},
    }
    work = ROOT / ".cache" / "verify" / "lock-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if True:
        for round_ in range(1, 10):
            manifest["overrides"] = dict(sorted(pinned.items()))
            lock = npm_lock(work, manifest)
            new = sorted(lock_names(lock) - set(pinned))
            print(f"round {round_}: {len(lock['packages'])} packages, "
                  f"{len(new)} new @backstage names", flush=True)
            if not new:
                break
            pinned.update(resolve_all(new, cutoff))
        else:
            sys.exit("the @backstage closure did not settle")
        wrong = {n: lock["packages"][k]["version"] for k in lock["packages"]
                 for n in [k.rsplit("node_modules/", 1)[-1]]
                 if n in pinned and lock["packages"][k].get("version") != pinned[n]}
        if wrong:
            sys.exit(f"lock has @backstage packages off the release: {wrong} "
                     f"(see {work.relative_to(ROOT)}/package-lock.json)")
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "package.json", NODE_DIR / "package.json")
        shutil.copy(work / "package-lock.json", NODE_DIR / "package-lock.json")
        shutil.rmtree(work)
    print(f"wrote tools/verify/node/package.json and package-lock.json: "
          f"{len(deps)} direct dependencies, {len(pinned)} @backstage packages pinned "
          f"to release {data['release']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
