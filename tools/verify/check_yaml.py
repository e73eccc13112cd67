"""kind ``yaml``: YAML that parses; Kubernetes manifests carry the fields the API needs.

A document with ``apiVersion`` and ``kind`` is taken as a Kubernetes-style
manifest: it needs ``metadata.name`` (or ``metadata.generateName``), and the
common workload kinds need their required ``spec`` fields.
"""

from __future__ import annotations

import yaml

from .model import Env, Failure, Sample

REQUIRED_SPEC = {
    "Deployment": ("selector", "template"),
    "StatefulSet": ("selector", "template"),
    "DaemonSet": ("selector", "template"),
    "ReplicaSet": ("selector", "template"),
    "Job": ("template",),
    "CronJob": ("schedule", "jobTemplate"),
    "Service": ("ports",),
    "Ingress": (),
    "Pod": ("containers",),
}


def doc_problems(doc, where: int) -> list[tuple[int, str]]:
    if not isinstance(doc, dict) or "kind" not in doc and "apiVersion" not in doc:
        return []
    out = []
    for field in ("apiVersion", "kind"):
        if not doc.get(field):
            out.append((where, f"manifest without {field}"))
    meta = doc.get("metadata") or {}
    if doc.get("kind") != "List" and not (meta.get("name") or meta.get("generateName")):
        out.append((where, f"{doc.get('kind')} without metadata.name"))
    spec = doc.get("spec")
    for field in REQUIRED_SPEC.get(doc.get("kind"), ()):
        if not isinstance(spec, dict) or field not in spec:
            out.append((where, f"{doc.get('kind')} without spec.{field}"))
    if doc.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "Job") and \
            isinstance(spec, dict) and isinstance(spec.get("template"), dict):
        pod = (spec["template"].get("spec") or {})
        for c in pod.get("containers") or [None]:
            if not isinstance(c, dict) or not c.get("name") or not c.get("image"):
                out.append((where, f"{doc.get('kind')}: every container needs name and image"))
    return out


def check(samples: list[Sample], env: Env) -> list[Failure]:
    failures = []
    for sample in samples:
        try:
            nodes = list(yaml.compose_all(sample.code))
            docs = list(yaml.safe_load_all(sample.code))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            failures.append(Failure(sample, mark.line if mark else 0, f"YAML: {exc}"))
            continue
        starts = [n.start_mark.line for n in nodes if n is not None]
        for doc, start in zip([d for d in docs if d is not None], starts):
            for offset, message in doc_problems(doc, start):
                failures.append(Failure(sample, offset, message))
    return failures
