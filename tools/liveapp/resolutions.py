"""The whole ``@backstage`` closure of the app, pinned to the release.

Caret ranges in a new app do not give the release: newer plugins resolve
against older core packages. The app's root ``package.json`` therefore gets a
Yarn ``resolutions`` entry for every ``@backstage`` package the app, and the
packages ``yarn new`` adds, can reach, at the release's version.

The map is computed from the same table as ``make verify`` (``tools/versions.json``)
with ``versions.resolve_closure``, which walks the registry metadata: every
``@backstage`` dependency of a pinned package is resolved to the newest version
that fits the release, to a fixed point. The names asked for are the
``@backstage`` packages that the templates of the pinned ``@backstage/cli-module-new``
(the ``yarn new`` templates) name, plus any name an installed app's ``yarn.lock``
holds. The result is committed as ``resolutions.json`` so ``make live-app`` needs
no registry walk; ``python -m tools.liveapp resolutions --check`` regenerates and compares.
"""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .env import app_dir, versions

DATA = Path(__file__).with_name("resolutions.json")
NAME = re.compile(r"@backstage/[a-z0-9][a-z0-9._-]*")


def release_table() -> dict:
    """``tools/versions.json``: release, create-app version, publish time, package table."""
    return json.loads(versions.OUT.read_text(encoding="utf-8"))


def template_names(cli_module_new: str) -> set[str]:
    """The ``@backstage`` names in the ``yarn new`` templates of CLI_MODULE_NEW (a version)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "--silent", f"@backstage/cli-module-new@{cli_module_new}"],
                       cwd=tmp, check=True, capture_output=True)
        tgz = next(Path(tmp).glob("*.tgz"))
        names: set[str] = set()
        with tarfile.open(tgz) as tar:
            for member in tar.getmembers():
                if member.isfile() and "/templates/" in member.name \
                        and member.name.endswith("package.json.hbs"):
                    names |= set(NAME.findall(tar.extractfile(member).read().decode()))
    return names


def lock_versions(lock_text: str) -> dict[str, set[str]]:
    """``@backstage`` package -> versions installed, from a Yarn 4 ``yarn.lock``."""
    found: dict[str, set[str]] = {}
    entry = None
    for line in lock_text.splitlines():
        if line and not line.startswith(" "):
            first = line.strip('":').split(",")[0].strip().strip('"')
            match = re.match(r"(@backstage/[^@]+)@", first)
            entry = match.group(1) if match else None
        elif entry and line.strip().startswith("version:"):
            found.setdefault(entry, set()).add(line.split(":", 1)[1].strip().strip('"'))
    return found


def compute(names: set[str], table: dict | None = None) -> dict[str, str]:
    """The release version of every package of the table, of NAMES, and of what they need."""
    table = table or release_table()
    pinned = dict(table["packages"])
    cutoff = versions.parse_time(table["published"])
    extra = sorted(set(names) - set(pinned))
    found = versions.resolve_closure(pinned, extra, cutoff)
    missing = sorted(n for n in extra if not found.get(n))
    if missing:
        raise RuntimeError(f"no version of release {table['release']} fits: {', '.join(missing)}")
    return dict(sorted({**pinned, **{n: v for n, v in found.items() if v}}.items()))


def generate() -> dict:
    """Compute the map from the registry (what ``resolutions.json`` holds)."""
    table = release_table()
    first = compute(set(), table)
    names = template_names(first["@backstage/cli-module-new"])
    lock = app_dir() / "yarn.lock"
    if lock.exists():
        names |= set(lock_versions(lock.read_text(encoding="utf-8")))
    if DATA.exists():
        names |= set(json.loads(DATA.read_text(encoding="utf-8"))["resolutions"])
    names.discard("@backstage/create-app")
    return {"release": table["release"], "create_app": table["create_app"],
            "resolutions": compute(names, table)}


def load() -> dict[str, str]:
    """The committed map; it must belong to the release ``tools/versions.json`` pins."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    table = release_table()
    if (data["release"], data["create_app"]) != (table["release"], table["create_app"]):
        raise RuntimeError(f"{DATA.name} is for release {data['release']}, not "
                           f"{table['release']}: run python -m tools.liveapp resolutions")
    return data["resolutions"]


def write(data: dict) -> None:
    DATA.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def floating(lock_text: str, pins: dict[str, str]) -> dict[str, list[str]]:
    """``@backstage`` packages of a lock that are not at their pinned version (or unpinned)."""
    return {name: sorted(vers) for name, vers in sorted(lock_versions(lock_text).items())
            if vers != {pins.get(name)}}
