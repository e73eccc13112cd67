"""Scaffolder action ids of the installed release: the ones a template can really use.

The built-in actions of ``@backstage/plugin-scaffolder-backend``, the modules
the create-app template's backend installs, the modules a page names, and the
actions a page writes itself with ``createTemplateAction``.

A package exports more actions than it registers (the scaffolder backend ships
``workspace:template`` but does not register it). So the ids come from
``source/_data/refdata.json`` (``make refdata``), which records what each package
registers, when it describes the installed version of the scaffolder backend and
the package is one it covers. Otherwise, each file of the package's ``dist``
that calls ``createTemplateAction`` is scanned for the id it declares
(``id: "x:y"``, ``const id = "x:y"`` or ``const SOME_ID = "x:y"``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

ID = re.compile(r"""(?:\bid\s*[:=]\s*|_ID\s*=\s*)["']([a-z][\w-]*(?::[\w-]+)+)["']""")
BACKEND = "@backstage/plugin-scaffolder-backend"
MODULE_PREFIX = "@backstage/plugin-scaffolder-backend-module-"
REFDATA = Path(__file__).resolve().parents[2] / "source" / "_data" / "refdata.json"


@lru_cache(maxsize=None)
def registered(node_modules: Path) -> dict[str, frozenset[str]]:
    """Package name -> the action ids it registers, from the reference data.

    Empty when the data is missing or describes another scaffolder backend version
    than the one installed (then ``make refdata`` is due, and its test says so).
    """
    try:
        facts = json.loads(REFDATA.read_text(encoding="utf-8"))
        backend = json.loads((node_modules / BACKEND / "package.json").read_text())
    except (OSError, ValueError):
        return {}
    scaffolder = facts.get("scaffolder", {})
    if scaffolder.get("backend") != f"{BACKEND}@{backend.get('version')}":
        return {}
    ids: dict[str, set[str]] = {name: set() for name in [BACKEND, *scaffolder.get("modules", [])]}
    for action in facts.get("actions", []):
        ids.setdefault(action["package"], set()).add(action["id"])
    return {name: frozenset(found) for name, found in ids.items()}


def package_actions(node_modules: Path, name: str) -> frozenset[str]:
    """The action ids package NAME registers (or, where the data lacks it, declares)."""
    known = registered(node_modules)
    return known[name] if name in known else declared_actions(node_modules, name)


@lru_cache(maxsize=None)
def declared_actions(node_modules: Path, name: str) -> frozenset[str]:
    found: set[str] = set()
    dist = node_modules / name / "dist"
    for js in dist.rglob("*.js"):
        if "dryrun" in js.parts:
            continue
        text = js.read_text(encoding="utf-8", errors="replace")
        if "createTemplateAction" in text:
            found.update(ID.findall(text))
    return frozenset(found)


def default_modules(template: Path) -> list[str]:
    """Scaffolder modules the create-app template's backend depends on."""
    text = (template / "packages" / "backend" / "package.json.hbs").read_text()
    return sorted(set(re.findall(r'"(@backstage/plugin-scaffolder-backend-module-[\w-]+)"',
                                 text)))


def installed_modules(node_modules: Path) -> list[str]:
    return sorted(f"@backstage/{p.name}" for p in (node_modules / "@backstage").glob(
        "plugin-scaffolder-backend-module-*") if (p / "package.json").exists())


def allowed(node_modules: Path, template: Path, page_text: str):
    """(action ids, modules counted, modules named but not installed) for a page."""
    named = set(re.findall(r"@backstage/plugin-scaffolder-backend-module-[\w-]+", page_text))
    installed = set(installed_modules(node_modules))
    modules = sorted((set(default_modules(template)) | named) & installed)
    ids = set(package_actions(node_modules, BACKEND))
    # Actions the page itself writes (createTemplateAction in its code samples).
    if "createTemplateAction" in page_text:
        ids |= set(ID.findall(page_text))
    for module in modules:
        ids |= package_actions(node_modules, module)
    return sorted(ids), modules, sorted(named - installed)


def main() -> None:
    import sys
    nm = Path(sys.argv[1])
    for name in [BACKEND, *installed_modules(nm)]:
        print(name, json.dumps(sorted(package_actions(nm, name))))
        unregistered = declared_actions(nm, name) - package_actions(nm, name)
        if unregistered:
            print("  declared, not registered:", json.dumps(sorted(unregistered)))


if __name__ == "__main__":
    main()
