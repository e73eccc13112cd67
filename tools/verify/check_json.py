"""kind ``json``: JSON that parses (``...`` placeholders are not JSON).

``% verify: json fragment=members`` checks a block that shows some members of
an object (a part of a ``package.json``): it must parse inside ``{ }`` (a
trailing comma, where more members would follow, is allowed).
"""

from __future__ import annotations

import json

from .model import Env, Failure, Sample


def check(samples: list[Sample], env: Env) -> list[Failure]:
    failures = []
    for sample in samples:
        code = sample.code
        if sample.options.get("fragment") == "members":
            code = "{" + code.rstrip().rstrip(",") + "}"
        try:
            json.loads(code)
        except json.JSONDecodeError as exc:
            failures.append(Failure(sample, exc.lineno - 1, f"JSON: {exc.msg}"))
    return failures
