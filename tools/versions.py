"""The version map of the pinned Backstage release.

The site documents one Backstage release, set once in ``conf.py``
(``backstage_release`` and ``backstage_create_app``, the create-app version
that scaffolds that release). This script reads the exact version of every
core package and plugin from that create-app's own files in the npm registry
and writes them to ``tools/versions.json``, which ``make verify`` and the
other release tools use.

Packages that create-app does not list (provider modules and the like) belong
to the release at the newest non-prerelease version published no later than
create-app itself; ``resolve NAME`` prints that version.

    python3 tools/versions.py            # regenerate tools/versions.json
    python3 tools/versions.py resolve @backstage/plugin-catalog-backend-module-github
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tools" / "versions.json"


def conf_value(name: str) -> str:
    text = (ROOT / "conf.py").read_text(encoding="utf-8")
    match = re.search(rf'^{name}\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        sys.exit(f"conf.py must set {name} = \"...\"")
    return match.group(1)


def npm_json(*args: str):
    out = subprocess.run(["npm", "view", *args, "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def parse_time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def create_app_versions(version: str) -> dict[str, str]:
    """Run create-app's own version table (dist/lib/versions.cjs.js) with Node."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", f"@backstage/create-app@{version}"],
                       cwd=tmp, check=True, capture_output=True)
        with tarfile.open(Path(tmp) / f"backstage-create-app-{version}.tgz") as tar:
            tar.extractall(tmp, filter="data")
        script = ("console.log(JSON.stringify("
                  "require('./package/dist/lib/versions.cjs.js').packageVersions))")
        out = subprocess.run(["node", "-e", script], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout
    return json.loads(out)


def resolve(name: str, cutoff: datetime) -> str | None:
    """Newest non-prerelease version of NAME published no later than CUTOFF."""
    times = npm_json(name, "time")
    best = None
    for ver, stamp in times.items():
        if ver in ("created", "modified") or "-" in ver:
            continue
        when = parse_time(stamp)
        if when <= cutoff and (best is None or when > best[1]):
            best = (ver, when)
    return best[0] if best else None


def main(argv: list[str]) -> int:
    create_app = conf_value("backstage_create_app")
    release = conf_value("backstage_release")
    if argv[:1] == ["resolve"]:
        data = json.loads(OUT.read_text()) if OUT.exists() else {}
        cutoff = parse_time(data.get("published") or npm_json(
            f"@backstage/create-app@{create_app}", "time")[create_app])
        for name in argv[1:]:
            print(name, data.get("packages", {}).get(name) or resolve(name, cutoff))
        return 0
    versions = create_app_versions(create_app)
    root = versions.pop("root")
    if root != release:
        sys.exit(f"create-app {create_app} scaffolds release {root}, "
                 f"but conf.py says backstage_release = {release!r}")
    published = npm_json("@backstage/create-app", "time")[create_app]
    data = {
        "release": release,
        "create_app": create_app,
        "published": published,
        "packages": dict(sorted({"@backstage/create-app": create_app, **versions}.items())),
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: release {release}, {len(data['packages'])} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
