"""kind ``config``: app-config fragments against the release's config schema.

Like ``backstage-cli config:check --strict --lax``: the schema of every
``@backstage`` package of the workspace (``loadConfigSchema`` with
``noUndeclaredProperties``), the fragment merged over the create-app
template's own ``app-config.yaml``, ``${VAR}`` substitutions read by the
config-loader with unset variables as ``x``.
"""

from __future__ import annotations

import hashlib

from .model import Env, Failure, Sample
from .nodejob import run_job, template_dir


def check(samples: list[Sample], env: Env) -> list[Failure]:
    if not samples:
        return []
    lock = (env.node_modules.parent / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock).hexdigest()[:16]
    app_config = (template_dir(env) / "app-config.yaml.hbs").read_text(encoding="utf-8")
    job = {
        "schemaCache": str(env.workdir.parent / f"config-schema-{digest}.json"),
        "appConfig": app_config,
        "config": [{"id": i, "code": s.code} for i, s in enumerate(samples)],
    }
    failures = []
    for result in run_job(env, job)["config"]:
        sample = samples[result["id"]]
        for problem in result["problems"]:
            failures.append(Failure(sample, problem["line"], problem["message"]))
    return failures
