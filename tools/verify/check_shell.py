"""kind ``shell``: the commands of shell and console blocks parse (``bash -n``)."""

from __future__ import annotations

import re
import subprocess

from .extract import shell_lines
from .model import Env, Failure, Sample


def syntax_failures(sample: Sample) -> list[Failure]:
    failures = []
    commands = shell_lines(sample.lang.lower(), sample.code)
    if sample.lang.lower() != "console":
        commands = [(0, sample.code)]
    for offset, command in commands:
        proc = subprocess.run(["bash", "-n"], input=command, capture_output=True, text=True)
        if proc.returncode:
            msg = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "bash -n failed"
            msg = re.sub(r"^bash: (line \d+: )?", "", msg)
            line = re.search(r"line (\d+)", proc.stderr)
            extra = int(line[1]) - 1 if line and sample.lang.lower() != "console" else 0
            failures.append(Failure(sample, offset + extra, f"bash -n: {msg}"))
    return failures


def check(samples: list[Sample], env: Env) -> list[Failure]:
    return [f for s in samples for f in syntax_failures(s)]
