"""kind ``shell``: the commands of shell and console blocks parse (``bash -n``).

In ``console`` blocks a ``$`` command that is incomplete on its own line (a
loop, an open quote) takes the following non-prompt lines until it parses.
Placeholders in angle brackets (``<your-app>``) are read as words, not as
redirections.
"""

from __future__ import annotations

import re
import subprocess

from .model import Env, Failure, Sample

PLACEHOLDER = re.compile(r"<[A-Za-z][\w .:/-]*>")
PROMPT = re.compile(r"^\s*[$#] ")


def bash_n(command: str) -> str | None:
    proc = subprocess.run(["bash", "-n"], input=PLACEHOLDER.sub("PLACEHOLDER", command),
                          capture_output=True, text=True)
    if not proc.returncode:
        return None
    return proc.stderr.strip() or "bash -n failed"


def console_commands(code: str) -> list[tuple[int, str]]:
    """(offset, command) of each ``$`` line, with the lines that complete it."""
    lines = code.split("\n")
    out = []
    for i, line in enumerate(lines):
        if not PROMPT.match(line):
            continue
        command = PROMPT.sub("", line, count=1)
        j = i + 1
        while j < len(lines) and not PROMPT.match(lines[j]) and \
                re.search(r"EOF|end of file", bash_n(command) or ""):
            command += "\n" + lines[j]
            j += 1
        out.append((i, command))
    return out


def syntax_failures(sample: Sample) -> list[Failure]:
    failures = []
    if sample.lang.lower() == "console":
        commands = console_commands(sample.code)
    else:
        commands = [(0, sample.code)]
    for offset, command in commands:
        error = bash_n(command)
        if error:
            msg = re.sub(r"^bash: (line \d+: )?", "", error.splitlines()[-1])
            line = re.search(r"line (\d+)", error)
            extra = int(line[1]) - 1 if line else 0
            failures.append(Failure(sample, offset + extra, f"bash -n: {msg}"))
    return failures


def check(samples: list[Sample], env: Env) -> list[Failure]:
    return [f for s in samples for f in syntax_failures(s)]
