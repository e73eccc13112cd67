"""kind ``dockerfile``: Dockerfiles parsed with ``dockerfile-parse``.

Every instruction must be a Dockerfile instruction, the first one (after
``ARG``s) must be ``FROM``, and each needs an argument.
"""

from __future__ import annotations

import io

from .model import Env, Failure, Sample

INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
    "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
    "HEALTHCHECK", "SHELL",
}


def check(samples: list[Sample], env: Env) -> list[Failure]:
    from dockerfile_parse import DockerfileParser

    failures = []
    for sample in samples:
        parser = DockerfileParser(fileobj=io.BytesIO(sample.code.encode()), env_replace=False)
        seen_from = False
        for item in parser.structure:
            instruction, line = item["instruction"].upper(), item["startline"]
            if instruction == "COMMENT":
                continue
            if instruction not in INSTRUCTIONS:
                failures.append(Failure(sample, line, f"unknown instruction {instruction}"))
            elif not item["value"].strip():
                failures.append(Failure(sample, line, f"{instruction} without arguments"))
            elif not seen_from and instruction not in ("ARG", "FROM"):
                failures.append(Failure(sample, line, f"{instruction} before the first FROM"))
            seen_from = seen_from or instruction == "FROM"
        if not seen_from:
            failures.append(Failure(sample, 0, "no FROM instruction"))
    return failures
