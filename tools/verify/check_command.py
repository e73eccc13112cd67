"""kind ``command``: Backstage commands in shell and console blocks.

- ``yarn backstage-cli CMD [SUB] [--opts]`` (also ``npx backstage-cli``):
  the command and every option must be in the pinned CLI's own ``--help``;
- ``yarn new [--opts]``: the options of ``backstage-cli new``;
- ``npx @backstage/create-app[@V] [--opts]``: create-app's options, and V (if
  given) must be the pinned create-app version, not ``latest``;
- ``yarn SCRIPT``: a script of the create-app template's root
  ``package.json`` (after ``cd packages/X`` or ``cd plugins/X``: of that
  package), or a yarn command; when the script runs ``backstage-cli``, its
  arguments are checked as that CLI command's.

Each block also has to pass ``bash -n`` (see check_shell.py).
"""

from __future__ import annotations

import json
import re
import shlex

from .check_shell import console_commands, syntax_failures
from .clifacts import Facts
from .extract import shell_lines
from .model import Env, Failure, Sample
from .nodejob import template_dir

# Yarn's own commands (yarn 4, the version the template ships).
YARN_COMMANDS = {
    "add", "bin", "cache", "config", "constraints", "dedupe", "dlx", "exec", "explain",
    "info", "init", "install", "link", "node", "npm", "pack", "patch", "patch-commit",
    "plugin", "rebuild", "remove", "run", "search", "set", "stage", "unlink",
    "unplug", "up", "upgrade-interactive", "version", "why", "workspace", "workspaces",
    "--version", "-v", "--help", "-h",
}
SPLIT = re.compile(r"\s*(?:&&|\|\||;|\|)\s*")


def template_scripts(env: Env) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Script names per template package, and each script's command (root first)."""
    base = template_dir(env)
    out, commands = {}, {}
    for key, hbs in (("root", base / "package.json.hbs"),
                     ("packages/app", base / "packages/app/package.json.hbs"),
                     ("packages/backend", base / "packages/backend/package.json.hbs")):
        text = re.sub(r"\{\{[^}]*\}\}", "0", hbs.read_text(encoding="utf-8"))
        scripts = json.loads(text).get("scripts", {})
        out[key] = set(scripts)
        for name, command in scripts.items():
            commands.setdefault(f"{key}:{name}", command)
    return out, commands


class Checker:
    def __init__(self, env: Env):
        self.env = env
        self.facts = Facts(env)
        self.scripts, self.commands = template_scripts(env)
        self.pinned_create_app = env.versions["create_app"]

    def options(self, help_: dict, args: list[str], what: str) -> list[str]:
        bad = []
        if help_["options"] is None:
            return bad
        for arg in args:
            if arg.startswith("-") and arg != "-":
                name = arg.split("=", 1)[0]
                if name not in help_["options"]:
                    bad.append(f"{what} has no option {name} "
                               f"(options: {', '.join(help_['options'])})")
        return bad

    def backstage_cli(self, args: list[str]) -> list[str]:
        words: list[str] = []
        help_ = self.facts.cli([])
        while args and not args[0].startswith("-") and help_["commands"]:
            word = args[0]
            if word not in help_["commands"]:
                where = "backstage-cli " + " ".join(words) if words else "backstage-cli"
                return [f"{where} has no command '{word}' "
                        f"(commands: {', '.join(sorted(help_['commands']))})"]
            words.append(args.pop(0))
            help_ = self.facts.cli(words)
        return self.options(help_, args, "backstage-cli " + " ".join(words))

    def segment(self, argv: list[str], cwd: str) -> list[str]:
        while argv and re.match(r"^\w+=", argv[0]):
            argv = argv[1:]  # VAR=value prefixes
        if argv[:1] == ["yarn"]:
            flags = 1
            while flags < len(argv) and argv[flags] in ("--silent", "-s"):
                flags += 1
            argv = ["yarn", *argv[flags:]]
        if len(argv) >= 2 and argv[0] in ("yarn", "npx") and argv[1] == "backstage-cli":
            return self.backstage_cli(argv[2:])
        if argv[:3] == ["yarn", "run", "backstage-cli"]:
            return self.backstage_cli(argv[3:])
        if argv[:1] == ["npx"] and len(argv) > 1 and argv[1].startswith("@backstage/create-app"):
            problems = []
            version = argv[1][len("@backstage/create-app"):].lstrip("@")
            if version and version != self.pinned_create_app:
                problems.append(f"@backstage/create-app@{version} is not the pinned "
                                f"create-app {self.pinned_create_app} (release "
                                f"{self.env.versions['release']})")
            return problems + self.options(self.facts.create_app(), argv[2:],
                                           "@backstage/create-app")
        if argv[:1] == ["yarn"] and len(argv) > 1:
            script = argv[1]
            if script == "new":
                return self.options(self.facts.cli(["new"]), argv[2:], "yarn new")
            if script == "workspace" and len(argv) > 3:
                pkg = {"app": "packages/app", "backend": "packages/backend"}.get(argv[2])
                if pkg and argv[3] not in self.scripts[pkg] | YARN_COMMANDS:
                    return [f"package {argv[2]} of the template has no script '{argv[3]}'"]
                return []
            if script.startswith("-") or script in YARN_COMMANDS:
                return []
            scope = self.scripts.get(cwd) or (
                self.scripts["packages/backend"] | self.scripts["packages/app"]
                if cwd.startswith("plugins/") or cwd.startswith("packages/") else None)
            if scope is None:
                scope = self.scripts["root"]
            if script in scope:
                pkg = cwd if cwd in self.scripts else "root"
                command = self.commands.get(f"{pkg}:{script}", "").split()
                if command[:1] == ["backstage-cli"]:
                    # The script runs the CLI: its arguments go to that command.
                    return self.backstage_cli(command[1:] + argv[2:])
                return []
            if script not in scope:
                return [f"'yarn {script}': the create-app template has no script '{script}' "
                        f"in {cwd or 'the root package.json'} "
                        f"(scripts: {', '.join(sorted(scope))})"]
        return []

    def sample(self, sample: Sample) -> list[Failure]:
        failures = syntax_failures(sample)
        if failures:
            return failures
        cwd = ""
        lang = sample.lang.lower()
        lines = (console_commands(sample.code) if lang == "console"
                 else shell_lines(lang, sample.code))
        for offset, line in lines:
            line = line.replace("\\\n", " ")
            for part in SPLIT.split(line):
                try:
                    argv = shlex.split(part, comments=True)
                except ValueError:
                    continue
                if argv[:1] == ["cd"] and len(argv) > 1:
                    target = argv[1].strip("/")
                    cwd = "" if target in ("..", "../..", "~", "-") else (
                        f"{cwd}/{target}".strip("/") if cwd and "/" not in target else target)
                    m = re.match(r"^.*?((?:packages|plugins)/[^/]+)", cwd)
                    cwd = m[1] if m else cwd
                    continue
                for problem in self.segment(argv, cwd):
                    failures.append(Failure(sample, offset, problem))
        return failures


def check(samples: list[Sample], env: Env) -> list[Failure]:
    if not samples:
        return []
    checker = Checker(env)
    return [f for s in samples for f in checker.sample(s)]
