"""Type-check the TypeScript samples of the site with ``tsc`` (kind ``ts``).

Every sample becomes its own module in a scratch tree under ``env.workdir``;
one generated ``tsconfig.json`` lists them all and ONE ``tsc`` run checks
everything against the pinned release's packages in ``env.node_modules``.
Each diagnostic is mapped back to the Markdown line it came from.

Marker options (``% verify: ts key=value ...`` above the fence):

``prelude=NAME``
    ``tools/verify/preludes/NAME.ts`` (or ``.tsx``) supplies the code around a
    fragment. Its text goes before the sample, or around it when it holds a
    ``/*SNIPPET*/`` line. The sample's own leading ``import`` lines are moved
    to the top of the file, and prelude imports of the same names are dropped.
``project=NAME``
    The notional package the sample belongs to (default: its page). Samples of
    one project share a folder, so ``import ... from './plugin'`` reaches the
    sample written as ``file=src/plugin.tsx``. Several pages may name the same
    project (a tutorial that continues over pages).
``file=PATH``
    The sample's path inside its project, e.g. ``src/plugin.tsx``.
``package=NAME``
    The npm name of the project (``@internal/backstage-plugin-x``); other
    samples may import it, which resolves to the project's ``src/index``.
``template=NAME`` (with ``pluginId=``/``moduleId=``)
    Seeds the project with the files ``yarn new`` generates from the pinned
    ``@backstage/cli-module-new`` template NAME, so an excerpt of generated
    code is checked against the generated code around it. Samples given with
    ``file=`` replace the generated file of that path.

Unused variables and imports are allowed (samples declare things to show
them); everything else the Backstage CLI's own ``tsconfig`` enforces applies.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from .model import Env, Failure, Sample
from .ts_units import Prelude, Unit, seed_template, slug

KIND = "ts"
LANGS = {"ts": ".ts", "typescript": ".ts", "tsx": ".tsx", "jsx": ".jsx",
         "js": ".js", "javascript": ".js", "mjs": ".mjs", "cjs": ".cjs"}

# tsc's own options beyond the Backstage CLI's shared tsconfig (which the
# generated config extends when the workspace has @backstage/cli).
OVERRIDES = {
    "noEmit": True,
    "declaration": False,
    "emitDeclarationOnly": False,
    "incremental": True,  # with tsBuildInfoFile in the work folder: a cached run re-checks only what changed
    "noUnusedLocals": False,
    "noUnusedParameters": False,
    "jsx": "react-jsx",
    "checkJs": True,
    "moduleDetection": "force",
    "skipLibCheck": True,
    "pretty": False,
}
# Used when the workspace has no @backstage/cli: the same options inline.
BASE = {
    "allowImportingTsExtensions": True,
    "allowJs": True,
    "esModuleInterop": True,
    "forceConsistentCasingInFileNames": True,
    "isolatedModules": True,
    "lib": ["DOM", "DOM.Iterable", "DOM.AsyncIterable", "ScriptHost", "ES2023"],
    "module": "ES2020",
    "moduleResolution": "bundler",
    "noFallthroughCasesInSwitch": True,
    "noImplicitAny": True,
    "noImplicitReturns": True,
    "noImplicitThis": True,
    "resolveJsonModule": True,
    "strict": True,
    "target": "ES2022",
    "useDefineForClassFields": True,
}
TYPES = ["node", "jest", "webpack-env"]

DIAG = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\): (?:error|warning) (?P<code>TS\d+): (?P<msg>.*)$")
GLOBAL_DIAG = re.compile(r"^(?:error|warning) (?P<code>TS\d+): (?P<msg>.*)$")


def _ext(sample: Sample, prelude: Prelude | None) -> str:
    ext = LANGS.get(sample.lang.lower(), ".ts")
    if prelude is not None and prelude.tsx and ext == ".ts":
        ext = ".tsx"
    return ext


def tsc_command(env: Env, tsconfig: Path) -> list[str]:
    tsc = env.node_modules / "typescript" / "bin" / "tsc"
    return [str(env.node), str(tsc), "-p", str(tsconfig)]


def check(samples: list[Sample], env: Env) -> list[Failure]:
    samples = [s for s in samples if s.kind == KIND]
    if not samples:
        return []
    tsc = Path(env.node_modules) / "typescript" / "bin" / "tsc"
    if not tsc.exists():
        return [Failure(samples[0], 0, f"TypeScript is not installed in the workspace ({tsc} "
                        "is missing): run make verify-install")]
    failures: list[Failure] = []
    scratch = Path(env.workdir) / "ts"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    node_modules = Path(env.node_modules).resolve()
    (scratch / "node_modules").symlink_to(node_modules, target_is_directory=True)

    units: dict[Path, Unit] = {}
    projects: dict[str, Path] = {}
    packages: dict[str, str] = {}
    templates: dict[str, tuple[Sample, dict[str, str]]] = {}
    generated: list[Path] = []
    for sample in samples:
        opts = sample.options or {}
        prelude = None
        if opts.get("prelude"):
            try:
                prelude = Prelude(opts["prelude"])
            except FileNotFoundError:
                failures.append(Failure(sample, 0, f"unknown prelude {opts['prelude']!r} "
                                        f"(no tools/verify/preludes/{opts['prelude']}.ts or .tsx)"))
                continue
        project = opts.get("project") or sample.path
        pdir = scratch / slug(project)
        projects[project] = pdir
        rel = opts.get("file") or f"sample-L{sample.line}{_ext(sample, prelude)}"
        if not Path(rel).suffix:
            rel += _ext(sample, prelude)
        target = (pdir / rel).resolve()
        if not str(target).startswith(str(pdir.resolve())):
            failures.append(Failure(sample, 0, f"file={rel} leaves the project folder"))
            continue
        if target in units:
            other = units[target].sample
            failures.append(Failure(sample, 0, f"file={rel} of project {project!r} is already "
                                    f"given by {other.path}:{other.line}"))
            continue
        if opts.get("package"):
            packages[opts["package"]] = project
        if opts.get("template") and project not in templates:
            templates[project] = (sample, opts)
        unit = Unit(sample, rel)
        unit.build(prelude)
        units[target] = unit

    for project, pdir in projects.items():
        pdir.mkdir(parents=True, exist_ok=True)
        if project in templates:
            sample, opts = templates[project]
            seeded = seed_template(opts["template"], opts, pdir, node_modules)
            if isinstance(seeded, str):
                failures.append(Failure(sample, 0, seeded))
            else:
                # the generated files are checked too (not their tests, which
                # need test-only packages); samples replace the ones they name
                generated.extend(p for p in seeded if ".test." not in p.name)
        name = next((p for p, proj in packages.items() if proj == project), slug(project))
        (pdir / "package.json").write_text(json.dumps(
            {"name": name, "version": "0.0.0", "private": True}, indent=2) + "\n")
    for target, unit in units.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(unit.lines) + "\n", encoding="utf-8")

    options = dict(OVERRIDES)
    config: dict = {"compilerOptions": options}
    cli_config = node_modules / "@backstage" / "cli" / "config" / "tsconfig.json"
    if cli_config.exists():
        config["extends"] = str(cli_config)
    else:
        options.update(BASE)
    options["tsBuildInfoFile"] = str(Path(env.workdir).resolve() / "ts.tsbuildinfo")
    options["types"] = [t for t in TYPES if (node_modules / "@types" / t).is_dir()]
    options["typeRoots"] = [str(node_modules / "@types")]
    paths = {}
    for name, project in packages.items():
        pdir = projects[project]
        index = next((c for c in ("src/index.ts", "src/index.tsx", "index.ts")
                      if (pdir / c).exists()), "src/index.ts")
        paths[name] = ["./" + str((pdir / index).relative_to(scratch))]
    if paths:
        options["paths"] = paths
    owners = {pdir: next(u.sample for t, u in units.items() if pdir in t.parents)
              for pdir in projects.values() if any(pdir in t.parents for t in units)}

    # tsc reports only syntax errors while any file has one. A file that does
    # not parse is reported with its syntax errors, replaced by an empty
    # module, and tsc runs again for the type errors of all the others.
    broken: dict[Path, list[Failure]] = {}
    found: list[tuple[Path | None, Failure]] = []
    for _ in range(4):
        config["files"] = sorted({str(t.relative_to(scratch)) for t in units if t not in broken}
                                 | {str(t.relative_to(scratch)) for t in generated if t not in units})
        tsconfig = scratch / "tsconfig.json"
        tsconfig.write_text(json.dumps(config, indent=2) + "\n")
        proc = subprocess.run(tsc_command(env, tsconfig), cwd=scratch,
                              capture_output=True, text=True)
        if proc.returncode not in (0, 1, 2):
            failures.append(Failure(samples[0], 0, f"tsc could not run (exit {proc.returncode}): "
                                    f"{(proc.stderr or proc.stdout).strip()[:500]}"))
            return failures
        found = parse_output(proc.stdout + proc.stderr, scratch, units, owners, samples[0])
        codes = [int(f.message[2:6]) for _, f in found if re.match(r"TS\d{4}\b", f.message)]
        if not codes or any(c >= 2000 for c in codes):
            break
        syntax = {t for t, f in found if t in units and t not in broken}
        if not syntax:
            break
        for target in syntax:
            broken[target] = [f for t, f in found if t == target]
            target.write_text("export {};\n", encoding="utf-8")
    for items in broken.values():
        failures.extend(items)
    failures.extend(f for t, f in found if t not in broken)
    return failures


def parse_output(output: str, scratch: Path, units: dict[Path, Unit],
                 owners: dict[Path, Sample], first: Sample) -> list[tuple[Path | None, Failure]]:
    found: list[tuple[Path | None, Sample, int, str]] = []
    for raw in output.splitlines():
        if not raw.strip():
            continue
        m = DIAG.match(raw)
        g = None if m else GLOBAL_DIAG.match(raw)
        if raw.startswith(" ") and found:
            target, sample, offset, msg = found[-1]
            found[-1] = (target, sample, offset, msg + " " + raw.strip())
            continue
        if g:
            found.append((None, first, 0, f"{g['code']}: {g['msg']} (tsc, not tied to one sample)"))
            continue
        if not m:
            found.append((None, first, 0, f"tsc: {raw.strip()}"))
            continue
        target = (scratch / m["file"]).resolve()
        unit = units.get(target)
        if unit is None:
            owner = next((s for d, s in owners.items() if d in target.parents), first)
            found.append((target, owner, 0, f"{m['code']} in {m['file']}:{m['line']} "
                          f"(a file of the sample's project): {m['msg']}"))
            continue
        what, where = unit.origin[min(int(m["line"]), len(unit.origin)) - 1]
        if what == "sample":
            found.append((target, unit.sample, where, f"{m['code']}: {m['msg']}"))
        else:
            assert unit.prelude is not None
            found.append((target, unit.sample, 0, f"{m['code']} in prelude {unit.prelude.name!r} "
                          f"(line {where}): {m['msg']}"))
    return [(t, Failure(s, o, msg)) for t, s, o, msg in found]
