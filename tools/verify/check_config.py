"""kind ``config``: app-config fragments against the release's config schema.

Like ``backstage-cli config:check --strict --lax``: the schema of every
``@backstage`` package of the workspace (``loadConfigSchema`` with
``noUndeclaredProperties``), the fragment merged over the create-app
template's own ``app-config.yaml``, ``${VAR}`` substitutions read by the
config-loader with unset variables as ``x``.

A package that a new app does not have (one of ``node/extra-packages.txt``
outside the release's create-app table) adds its schema only to the samples of
a page that names it: some modules make their own keys required (the email
processor requires ``notifications.processors.email``), which is true only in
an app that installs them. ``% verify: config app=new`` checks a sample
against a new app's schemas alone, for settings shown before the page installs
a module.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from .model import Env, Failure, Sample

REPO = Path(__file__).resolve().parents[2]
from .nodejob import run_job, template_dir


PACKAGE = re.compile(r"@backstage/[a-z0-9-]+")


def optional_packages(env: Env) -> set[str]:
    """The @backstage extras of the workspace that a new app does not have.

    A new app has the packages of create-app's table and everything they depend
    on (read from the workspace's lock); the other extras are optional.
    """
    extras = REPO / "tools" / "verify" / "node" / "extra-packages.txt"
    names = {m.group(0) for line in extras.read_text(encoding="utf-8").splitlines()
             for m in [PACKAGE.match(line.split("#", 1)[0].strip())] if m}
    table = json.loads((REPO / "tools" / "versions.json").read_text())["packages"]
    lock = json.loads((REPO / "tools" / "verify" / "node" / "package-lock.json")
                      .read_text())["packages"]
    seen, todo = set(), [n for n in table if n != "@backstage/create-app"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        entry = lock.get(f"node_modules/{name}", {})
        todo.extend(d for d in {**entry.get("dependencies", {}),
                                **entry.get("peerDependencies", {})} if d.startswith("@backstage/"))
    return names - seen


@lru_cache(maxsize=None)
def named_on(page: Path) -> frozenset[str]:
    return frozenset(PACKAGE.findall(page.read_text(encoding="utf-8")))


def check(samples: list[Sample], env: Env) -> list[Failure]:
    if not samples:
        return []
    optional = optional_packages(env)
    lock = (env.node_modules.parent / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock).hexdigest()[:16]
    app_config = (template_dir(env) / "app-config.yaml.hbs").read_text(encoding="utf-8")
    job = {
        "schemaCache": str(env.workdir.parent / f"config-schema-{digest}.json"),
        "appConfig": app_config,
        "optional": sorted(optional),
        "config": [{"id": i, "code": s.code,
                    "packages": [] if s.options.get("app") == "new"
                    else sorted(optional & named_on(env.root / s.path))}
                   for i, s in enumerate(samples)],
    }
    failures = []
    for result in run_job(env, job)["config"]:
        sample = samples[result["id"]]
        for problem in result["problems"]:
            failures.append(Failure(sample, problem["line"], problem["message"]))
    return failures
