"""What the pinned CLI and create-app accept, asked from the tools themselves.

``backstage-cli <cmd> --help`` (run in the verify workspace, whose
``package.json`` lists ``@backstage/cli-defaults`` like a generated app's
root) and ``backstage-create-app --help`` are parsed for their commands and
options; answers are cached per lock under ``.cache/verify/``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess

from .model import Env

SECTION = re.compile(r"^(Commands|Options|Arguments|COMMANDS|FLAGS|USAGE):\s*$")


def parse_help(text: str) -> dict:
    commands: dict[str, str] = {}
    options: set[str] = set()
    section = None
    for line in text.splitlines():
        head = SECTION.match(line)
        if head:
            section = {"COMMANDS": "Commands", "FLAGS": "Options"}.get(head[1], head[1])
            continue
        if not line.startswith("  ") or line.startswith("   " * 4):
            if line.strip() == "":
                continue
        entry = line.strip()
        if not entry:
            continue
        if section == "Commands" and re.match(r"^\s{2}\S", line):
            name = entry.split()[0]
            if name != "help":
                commands[name] = entry
        elif section == "Options" and re.match(r"^\s+-", line):
            spec = re.split(r"\s{2,}", entry)[0]
            for opt in re.findall(r"(--?[\w][\w-]*)", spec):
                options.add(opt)
                if opt.startswith("--no-"):
                    options.add("--" + opt[5:])
    return {"commands": commands, "options": sorted(options | {"-h", "--help"})}


class Facts:
    def __init__(self, env: Env):
        self.env = env
        lock = env.node_modules.parent / "package-lock.json"
        digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:16]
        self.cache_file = env.workdir.parent / f"cli-help-{digest}.json"
        self.cache = (json.loads(self.cache_file.read_text())
                      if self.cache_file.exists() else {})

    def _run(self, key: str, argv: list[str]) -> str:
        if key not in self.cache:
            proc = subprocess.run([str(self.env.node), *argv], capture_output=True, text=True,
                                  cwd=self.env.node_modules.parent,
                                  env={"PATH": f"{self.env.node.parent}:/usr/bin:/bin",
                                       "NO_COLOR": "1", "FORCE_COLOR": "0",
                                       "HOME": str(self.env.workdir)})
            if proc.returncode or "usage:" not in proc.stdout.lower():
                raise RuntimeError(f"{' '.join(argv[1:])} failed:\n{proc.stderr[-2000:]}")
            self.cache[key] = proc.stdout
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.cache_file.write_text(json.dumps(self.cache, indent=1))
        return self.cache[key]

    def cli(self, words: list[str]) -> dict:
        """Help of ``backstage-cli WORDS...``."""
        bin_ = self.env.node_modules / "@backstage" / "cli" / "bin" / "backstage-cli"
        try:
            return parse_help(self._run("cli " + " ".join(words),
                                        [str(bin_), *words, "--help"]))
        except RuntimeError:
            # A command whose module cannot load its tools here (repo test
            # needs Jest) exists, as its parent's list says; its options are
            # not checked.
            return {"commands": {}, "options": None}

    def create_app(self) -> dict:
        bin_ = self.env.node_modules / "@backstage" / "create-app" / "bin" / "backstage-create-app"
        return parse_help(self._run("create-app", [str(bin_), "--help"]))
