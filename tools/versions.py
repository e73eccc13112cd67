"""The version map of the pinned Backstage release.

The site documents one Backstage release, set once in ``conf.py``
(``backstage_release`` and ``backstage_create_app``, the create-app version
that scaffolds that release). This script reads the exact version of every
core package and plugin from that create-app's own files in the npm registry
and writes them to ``tools/versions.json``, which ``make verify`` and the
other release tools use.

Packages that create-app does not list (provider modules, and the packages the
listed ones depend on) belong to the release at the newest non-prerelease
version that fits the release: every ``@backstage`` package already in the map
accepts it (its dependency range includes it), its own ``@backstage``
dependencies accept the versions in the map, and the registry has a version in
the range of each of its other ``@backstage`` dependencies. The packages the listed ones need
are worked out first, from the listed ones alone, and fixed; then the packages
asked for, and what they need, to a fixed point. Among the versions that fit, the
highest published within two weeks of create-app (releases are a month apart) is
preferred, else the highest. Publish dates alone are not enough: copies of the
registry can carry dates that are days off, or one time for a whole day's versions.
``resolve NAME...`` prints those versions.

    python3 tools/versions.py            # regenerate tools/versions.json
    python3 tools/versions.py resolve @backstage/plugin-catalog-backend-module-github
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import lru_cache
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


# -- Semantic-version ranges (the forms npm packages of Backstage use) ---------

Version = tuple[int, int, int]


def parse_version(text: str) -> Version | None:
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)", text.strip())
    return tuple(int(g) for g in match.groups()) if match else None  # type: ignore[return-value]


def _comparator(term: str):
    """One comparator of a range as (low, high) bounds: low inclusive, high exclusive."""
    term = term.strip()
    if term in ("", "*", "x", "latest"):
        return (0, 0, 0), None
    op, rest = re.match(r"(\^|~|>=|<=|>|<|=)?(.*)", term).groups()
    parts = [p for p in rest.lstrip("v").split("-", 1)[0].split(".")]
    nums = [int(p) for p in parts if p.isdigit()]
    nums += [0] * (3 - len(nums))
    given = len([p for p in parts if p.isdigit()])
    base = tuple(nums[:3])
    if op == "^":
        if base[0] > 0 or given == 1:
            return base, (base[0] + 1, 0, 0)
        if base[1] > 0 or given == 2:
            return base, (0, base[1] + 1, 0)
        return base, (0, 0, base[2] + 1)
    if op == "~":
        return base, ((base[0] + 1, 0, 0) if given == 1 else (base[0], base[1] + 1, 0))
    if op == ">=":
        return base, None
    if op == ">":
        return (base[0], base[1], base[2] + 1), None
    if op == "<":
        return (0, 0, 0), base
    if op == "<=":
        return (0, 0, 0), (base[0], base[1], base[2] + 1)
    if given == 1:  # "1" or "1.x"
        return base, (base[0] + 1, 0, 0)
    if given == 2:
        return base, (base[0], base[1] + 1, 0)
    return base, (base[0], base[1], base[2] + 1)


def satisfies(version: str, spec: str) -> bool:
    """Does VERSION fall in the npm range SPEC? (workspace:, npm: and URL ranges never do.)"""
    ver = parse_version(version)
    if ver is None or ":" in spec or "/" in spec:
        return False
    for alternative in spec.split("||"):
        text = re.sub(r"\s+-\s+", " - ", alternative.strip())
        if " - " in text:
            low, high = text.split(" - ", 1)
            terms = [f">={low}", f"<={high}"]
        else:
            terms = re.sub(r"(>=|<=|>|<|=)\s+", r"\1", text).split()
        if all(_bounds_hold(ver, _comparator(t)) for t in terms or [""]):
            return True
    return False


def _bounds_hold(ver: Version, bounds) -> bool:
    low, high = bounds
    return ver >= low and (high is None or ver < high)


# -- The registry --------------------------------------------------------------

@lru_cache(maxsize=None)
def registry() -> str:
    out = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True)
    return (out.stdout.strip() or "https://registry.npmjs.org/").rstrip("/") + "/"


@lru_cache(maxsize=None)
def packument(name: str) -> dict:
    """The registry's document of NAME: every version with its dependencies and times."""
    url = registry() + urllib.parse.quote(name, safe="@")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return {"versions": {}, "time": {}}
        raise


def backstage_deps(manifest: dict) -> dict[str, str]:
    """The @backstage dependencies of one version's manifest (required peers included)."""
    deps = dict(manifest.get("dependencies") or {})
    optional = manifest.get("peerDependenciesMeta") or {}
    for name, spec in (manifest.get("peerDependencies") or {}).items():
        if not optional.get(name, {}).get("optional"):
            deps.setdefault(name, spec)
    return {n: s for n, s in deps.items() if n.startswith("@backstage/")}


RELEASE_WINDOW = timedelta(days=14)


def published(name: str, spec: str) -> bool:
    """Is some version of NAME in the registry inside the range SPEC?"""
    return any(satisfies(ver, spec) for ver in packument(name).get("versions", {}))


def pick(name: str, pinned: dict[str, str], cutoff: datetime) -> str | None:
    """The newest version of NAME that fits the versions in PINNED (see the module doc)."""
    doc = packument(name)
    wanted = [spec for pkg, ver in pinned.items() if pkg != name
              for spec in [backstage_deps(packument(pkg)["versions"].get(ver, {})).get(name)]
              if spec]
    fitting = []
    for ver, manifest in doc.get("versions", {}).items():
        parsed = parse_version(ver)
        if parsed is None or not all(satisfies(ver, spec) for spec in wanted):
            continue
        own = backstage_deps(manifest)
        if all(satisfies(pinned[d], spec) if d in pinned else published(d, spec)
               for d, spec in own.items()):
            stamp = doc.get("time", {}).get(ver)
            on_time = stamp is not None and parse_time(stamp) <= cutoff + RELEASE_WINDOW
            fitting.append((on_time, parsed, ver))
    return max(fitting)[2] if fitting else None


def resolve_closure(pinned: dict[str, str], names: list[str],
                    cutoff: datetime) -> dict[str, str | None]:
    """Versions of NAMES and of every @backstage package they (transitively) need.

    PINNED is the release's own table (create-app); it is never changed. The result
    maps every package that was added to its version (None where nothing fits).
    """
    core = _fixed_point(pinned, [], cutoff)
    extra = _fixed_point({**pinned, **{n: v for n, v in core.items() if v}}, names, cutoff)
    return {**core, **extra}


def _fixed_point(pinned: dict[str, str], names: list[str],
                 cutoff: datetime) -> dict[str, str | None]:
    chosen: dict[str, str | None] = {}
    todo = [n for n in names if n not in pinned]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(packument, [*pinned, *todo]))
        for _ in range(20):
            current = {**pinned, **{n: v for n, v in chosen.items() if v}}
            list(pool.map(packument, todo))
            changed = False
            for name in sorted(set(todo) | set(chosen)):
                ver = pick(name, {k: v for k, v in current.items() if k != name}, cutoff)
                if chosen.get(name, "-") != ver:
                    chosen[name] = ver
                    current = {**pinned, **{n: v for n, v in chosen.items() if v}}
                    changed = True
            needed = {d for pkg, ver in current.items()
                      for d in backstage_deps(packument(pkg)["versions"].get(ver, {}))}
            todo = sorted(needed - set(pinned) - set(chosen))
            if not todo and not changed:
                break
    return chosen


def resolve(name: str, cutoff: datetime) -> str | None:
    """The release version of one package NAME (see the module doc)."""
    data = json.loads(OUT.read_text()) if OUT.exists() else {"packages": {}}
    pinned = data["packages"]
    if name in pinned:
        return pinned[name]
    return resolve_closure(pinned, [name], cutoff).get(name)


def main(argv: list[str]) -> int:
    create_app = conf_value("backstage_create_app")
    release = conf_value("backstage_release")
    if argv[:1] == ["resolve"]:
        data = json.loads(OUT.read_text()) if OUT.exists() else {}
        cutoff = parse_time(data.get("published") or npm_json(
            f"@backstage/create-app@{create_app}", "time")[create_app])
        pinned = data.get("packages", {})
        found = resolve_closure(pinned, argv[1:], cutoff)
        for name in argv[1:]:
            print(name, pinned.get(name) or found.get(name))
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
