"""kinds ``catalog`` and ``template``: entity descriptors with the release's own validators.

Every YAML document with a ``backstage.io/*`` or ``scaffolder.backstage.io/*``
apiVersion goes through the entity policies the catalog applies
(``SchemaValid``, ``DefaultNamespace``, ``NoForeignRootFields``,
``FieldFormat``) and must be accepted by one of the catalog's built-in kind
validators or the ``scaffolder.backstage.io/v1beta3`` Template validator of
``@backstage/plugin-scaffolder-common``.  In a Template every ``action:`` must
be an action id of the release (see ``actions.py``).

``% verify: catalog fragment=Component`` checks a block that shows part of a
descriptor (``spec:`` or ``metadata:`` only): it is merged over a minimal valid
entity of that kind first.
"""

from __future__ import annotations

from .actions import allowed
from .model import Env, Failure, Sample
from .nodejob import run_job, template_dir


def check(samples: list[Sample], env: Env) -> list[Failure]:
    if not samples:
        return []
    items, failures = [], []
    pages: dict[str, str] = {}
    for i, sample in enumerate(samples):
        if sample.path not in pages:
            pages[sample.path] = (env.root / sample.path).read_text(encoding="utf-8")
        ids, modules, missing = allowed(env.node_modules, template_dir(env), pages[sample.path])
        for name in missing:
            failures.append(Failure(sample, 0, f"the page names {name}, which is not in the "
                                    "verify workspace (add it to "
                                    "tools/verify/node/extra-packages.txt)"))
        items.append({"id": i, "code": sample.code, "actions": ids,
                      "fragment": sample.options.get("fragment"),
                      "modules": [m.rsplit("/", 1)[-1] for m in modules]})
    for result in run_job(env, {"entities": items})["entities"]:
        sample = samples[result["id"]]
        for problem in result["problems"]:
            failures.append(Failure(sample, problem["line"], problem["message"]))
    return failures
