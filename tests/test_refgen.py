"""refgen: the generated configuration and scaffolder-action reference.

Small roots with a hand-made facts file; the last test (marked like the verify tests) regenerates
the site's facts from the pinned release and compares them with the committed file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import body, warning_lines
from sphinx.util.parallel import parallel_available

REPO = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("DOCS_REQUIRE_VERIFY", "") not in ("", "0")


@pytest.mark.sphinx("html", testroot="refgen-basic", freshenv=True)
def test_basic_html(app, warning):
    app.build()
    assert warning_lines(app, warning) == []
    guide = body(app, "guide.html")
    links = {a.get_text(): a["href"] for a in guide.select("a.reference.internal")}
    assert links == {
        "app.baseUrl": "config.html#config-app-baseUrl",
        "backend.listen.port": "config.html#config-backend-listen-port",
        "integrations.github[].token": "more.html#config-integrations-github-items-token",
        "the proxy": "more.html#config-proxy-endpoints-any",
        "fetch:template": "actions.html#action-fetch-template",
        "publish:github": "actions.html#action-publish-github",
        # a name you choose, a placeholder and an index link to the pattern's entry
        "proxy.endpoints./api": "more.html#config-proxy-endpoints-any",
        "proxy.endpoints.<path>": "more.html#config-proxy-endpoints-any",
        "integrations.github[0].token": "more.html#config-integrations-github-items-token",
    }
    config = body(app, "config.html")
    term = config.select_one("#config-backend-listen-port")
    assert term.name == "dt" and term.get_text() == "backend.listen.port"
    text = term.find_next_sibling("dd").get_text(" ", strip=True)
    assert "The port the backend server listens on." in text
    assert "Default : 7007" in text and "Visibility : backend" in text
    client = config.select_one("#config-backend-database-client").find_next_sibling("dd")
    assert "Allowed values : better-sqlite3 , pg" in client.get_text(" ", strip=True)
    # a rubric per group when one directive renders several groups
    assert [r.get_text() for r in config.select("p.rubric")] == ["app", "backend"]
    actions = body(app, "actions.html")
    rows = actions.select_one("#action-fetch-template").find_next_sibling("dd").select("tbody tr")
    assert [[td.get_text(strip=True) for td in tr.select("td")] for tr in rows] == [
        ["url", "string", "yes"], ["values", "object", "no"]]
    domain = app.env.domains["refgen"]
    assert domain.data["config"]["proxy.endpoints.*"] == ("more", "config-proxy-endpoints-any")
    assert {name for name, *_ in domain.get_objects()} >= {"debug:log", "app.title"}
    rest = body(app, "rest.html")
    assert [a.get_text() for a in rest.select("a.reference")] == ["backend.database.client",
                                                                  "debug:log"]


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text", "latex"])
def test_builders(make_app, app_params, builder):
    args, kwargs = app_params
    kwargs.update(buildername=builder, freshenv=True)
    from io import StringIO
    kwargs["warning"] = warning = StringIO()
    app = make_app(*args, **kwargs)
    app.build()
    assert warning_lines(app, warning) == []
    if builder == "text":
        text = (Path(app.outdir) / "config.txt").read_text()
        assert '"backend.listen.port"\n   The port the backend server listens on.' in text
        assert '*Default*: "7007"' in text
    app.cleanup()


test_builders = pytest.mark.sphinx(testroot="refgen-basic")(test_builders)


@pytest.mark.sphinx("html", testroot="refgen-warnings", freshenv=True)
def test_removed_key_renamed_action_and_unknown_targets(app, warning):
    """A removed key and a renamed action are caught in the data files and in links."""
    app.build()
    data = "<src>/_data/"
    assert warning_lines(app, warning) == sorted([
        f"{data}action-descriptions.yaml:3: WARNING: description of scaffolder action "
        "'publish:github-repo': the release has no such scaffolder action; rename or remove the "
        "entry [refgen.stale_description]",
        f"{data}config-descriptions.yaml:4: WARNING: description of configuration key "
        "'app.removedKey': the release has no such configuration key; rename or remove the "
        "entry [refgen.stale_description]",
        "<src>/config.md:3: WARNING: no configuration key starts with 'nosuchgroup'; groups are "
        "the top-level keys of the facts file [refgen.unknown_group]",
        "<src>/index.md:8: WARNING: configuration key 'app.nothere' is not in the release's "
        "configuration schemas [refgen.unknown_config]",
        "<src>/index.md:8: WARNING: scaffolder action 'publish:github-repo' is not registered "
        "by the release [refgen.unknown_action]",
        "<src>/index.md:10: WARNING: configuration key 'backend.listen.<setting>' matches 2 keys "
        "(backend.listen.host, backend.listen.port); name one, for example "
        "{config}`text <backend.listen.host>` [refgen.ambiguous_config]",
        "WARNING: top-level key 'integrations' has facts but no {config-reference} renders it; "
        "add it to a page [refgen.unrendered_group]",
        "WARNING: top-level key 'proxy' has facts but no {config-reference} renders it; add it "
        "to a page [refgen.unrendered_group]",
    ])
    # an unknown target stays readable code, not a broken link
    index = body(app, "index.html")
    assert [c.get_text() for c in index.select("p code")] == [
        "app.nothere", "publish:github-repo", "backend.listen.<setting>"]
    assert index.select("p a.reference.internal") == []


def _summary(app, warning):
    domain = app.env.domains["refgen"].data
    return ({k: dict(v) for k, v in domain.items() if k != "version"},
            warning_lines(app, warning))


@pytest.mark.skipif(not parallel_available, reason="parallel builds need fork")
def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    from io import StringIO
    results = []
    for parallel in (0, 4):
        warning = StringIO()
        app = make_app("html", srcdir=rootdir / "test-refgen-parallel", freshenv=True,
                       warning=warning, parallel=parallel,
                       builddir=tmp_path / f"build-{parallel}")
        merged = []
        app.connect("env-merge-info", lambda *a: merged.append(1))
        app.build()
        if parallel:
            assert merged, "the parallel build did not merge (so it did not run in parallel)"
        results.append(_summary(app, warning))
        app.cleanup()
    serial, parallel = results
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1] == [
        "<src>/guide3.md:3: WARNING: configuration key 'missing.key3' is not in the release's "
        "configuration schemas [refgen.unknown_config]"]
    assert serial[0]["config"]["backend.listen.port"][0] == "config-backend"


@pytest.mark.sphinx("html", testroot="refgen-basic", copy_test_root=True, freshenv=True)
def test_incremental_data_file(make_app, app_params):
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    srcdir = Path(app.srcdir)
    app.cleanup()
    desc = srcdir / "_data" / "config-descriptions.yaml"
    desc.write_text(desc.read_text().replace("The port the backend", "The TCP port the backend"))
    import time
    time.sleep(0.01)
    os.utime(desc)  # now: newer than the first read, older than the next
    from io import StringIO
    status = StringIO()
    app2 = make_app(*args, **{**kwargs, "freshenv": False, "status": status})
    app2.build()
    from sphinx.util.console import strip_escape_sequences
    out = strip_escape_sequences(status.getvalue())
    # the three pages with a directive depend on the data files
    assert "0 added, 3 changed, 0 removed" in out, out
    assert "The TCP port the backend" in (Path(app2.outdir) / "config.html").read_text()
    app2.cleanup()
    status3 = StringIO()
    app3 = make_app(*args, **{**kwargs, "freshenv": False, "status": status3})
    app3.build()
    assert "no targets are out of date." in strip_escape_sequences(status3.getvalue())
    app3.cleanup()


def test_site_descriptions_name_real_keys():
    """Every key of our description files exists in the committed facts (fast, Python only)."""
    sys.path.insert(0, str(REPO / "_ext"))
    from refgen.data import load_descriptions, load_facts

    data = REPO / "source" / "_data"
    facts = load_facts(data / "refdata.json")
    config = load_descriptions(data / "config-descriptions.yaml")
    actions = load_descriptions(data / "action-descriptions.yaml")
    assert sorted(set(config.texts) - set(facts.config)) == []
    assert sorted(set(actions.texts) - set(facts.actions)) == []
    assert len(config.texts) >= 150
    assert sorted(actions.texts) == sorted(facts.actions), "one line of our own per action"


def test_guides_link_config_keys_and_actions():
    """Guides name configuration keys and action ids with {config} / {action}, not plain code.

    The first mention per section must be the role (``tools/refdata/mentions.py``; run it to
    list the mentions, ``--fix`` to link them); deliberate exceptions are in its ``ALLOWED``.
    """
    sys.path.insert(0, str(REPO))
    from tools.refdata import mentions

    found = mentions.scan()
    missing = [str(m) for m in found if m.status == "missing"]
    assert missing == [], "link these with {config} / {action}:\n" + "\n".join(missing)
    assert mentions.unused_allowances(found) == [], "remove the unused ALLOWED entries"
    assert sum(m.status == "linked" for m in found) > 200


def test_mentions_scanner(tmp_path):
    """The scanner skips code, comments and headings and knows the section rule."""
    sys.path.insert(0, str(REPO))
    from tools.refdata import mentions

    facts = mentions.load_facts()
    page = tmp_path / "admin" / "page.md"
    page.parent.mkdir()
    page.write_text("""# Title `app.title`

Set `app.baseUrl` and `backend.listen.port: 7007`; run `publish:github` later. Then
`app.baseUrl` again, and {config}`backend.baseUrl` then `backend.baseUrl`, a generic
`auth.providers.<id>` and a plain `catalog`, `metadata.name` and `publish:azure`.

% a comment with `app.title`

```yaml
app:
  title: `app.title`
```

````{note}
Prose in a note: `techdocs.builder`.

```text
`techdocs.builder` in code
```
````

## Next

`app.baseUrl` in a new section.
""")
    got = [(m.line, m.text, m.target, m.status) for m in mentions.scan_page(page, facts, tmp_path)]
    assert got == [
        (3, "app.baseUrl", "app.baseUrl", "missing"),
        (3, "backend.listen.port: 7007", "backend.listen.port", "missing"),
        (3, "publish:github", "publish:github", "missing"),
        (4, "app.baseUrl", "app.baseUrl", "missing"),
        (4, "backend.baseUrl", "backend.baseUrl", "linked"),
        (4, "backend.baseUrl", "backend.baseUrl", "repeat"),
        (5, "auth.providers.<id>", "auth.providers.*", "missing"),
        (15, "techdocs.builder", "techdocs.builder", "missing"),
        (24, "app.baseUrl", "app.baseUrl", "missing"),
    ]
    fixed = [(m.line, m.status) for m in mentions.scan_page(page, facts, tmp_path, fix=True)]
    assert [s for _, s in fixed].count("missing") == 1      # the key: value span
    text = page.read_text()
    assert "Set {config}`app.baseUrl` and `backend.listen.port: 7007`; run {action}`publish:github`" \
        in text
    assert "\n`app.baseUrl` again" in text                  # a repeat stays plain
    assert "a generic\n{config}`auth.providers.<id>`" in text
    assert "# Title `app.title`" in text and "title: `app.title`" in text


def test_descriptions_cover_the_keys_the_site_uses_most():
    """The 150 keys the site sets most (config samples and guide links) have a description of ours.

    ``python -m tools.refdata.mentions --usage`` lists the ones that lack one.
    """
    sys.path.insert(0, str(REPO))
    from tools.refdata import mentions

    facts = mentions.load_facts()
    from refgen.data import load_descriptions

    described = load_descriptions(REPO / "source" / "_data" / "config-descriptions.yaml").texts
    top = mentions.most_used(mentions.key_usage(facts=facts), 150)
    assert len(top) == 150
    assert [key for key in top if key not in described] == []


def test_built_in_actions_page_links_every_action_and_repeats_no_inputs():
    """The task page links each action to the reference and leaves inputs to it."""
    import re

    page = (REPO / "source" / "integrator" / "templates" / "built-in-actions.md").read_text()
    facts = json.loads((REPO / "source" / "_data" / "refdata.json").read_text(encoding="utf-8"))
    linked = set(re.findall(r"\{action\}`([^`<]+)`", page))
    assert linked == {a["id"] for a in facts["actions"]}
    headers = [line for line in page.splitlines() if re.match(r"\s*\|.*\|\s*$", line)
               and re.search(r"\|\s*(Input|Inputs|Required|Type)\s*\|", line)]
    assert headers == [], "input tables belong to reference/scaffolder-actions.md"


def test_template_samples_use_inputs_the_actions_declare():
    """Every step of a template sample passes inputs its action's schema has, and the required ones.

    ``make verify`` checks that each action id exists; this adds the input names, from the same
    facts the actions reference shows (Python only, no Node).
    """
    import yaml

    sys.path.insert(0, str(REPO))
    from tools.verify.extract import extract

    facts = json.loads((REPO / "source" / "_data" / "refdata.json").read_text(encoding="utf-8"))
    declared = {a["id"]: {i["name"] for i in a["inputs"]} for a in facts["actions"]}
    required = {a["id"]: {i["name"] for i in a["inputs"] if i.get("required")}
                for a in facts["actions"]}
    # catalog:register's schema is a union of two forms; the flattened facts list both
    # forms' inputs as optional, which is what this check can use.
    problems, steps = [], 0
    samples, _ = extract(REPO)
    for sample in samples:
        if sample.kind != "template":
            continue
        for doc in yaml.safe_load_all(sample.code):
            for step in ((doc or {}).get("spec") or {}).get("steps") or []:
                action, given = step.get("action"), set(step.get("input") or {})
                if action not in declared:
                    continue
                steps += 1
                where = f"{sample.path}:{sample.line} step {step.get('id')!r} ({action})"
                if given - declared[action]:
                    problems.append(f"{where}: no input {sorted(given - declared[action])}")
                if required[action] - given:
                    problems.append(f"{where}: missing {sorted(required[action] - given)}")
    assert problems == []
    assert steps >= 20


def _skip_or_fail(reason: str):
    if REQUIRED:
        pytest.fail(f"{reason} (DOCS_REQUIRE_VERIFY is set, so this is a failure)")
    pytest.skip(reason)


def test_committed_facts_match_release():
    """Regenerate the facts with the pinned Node and packages; the committed file must match."""
    if not shutil.which("npm"):
        _skip_or_fail("npm is not installed, so the facts cannot be regenerated "
                      "(on Debian: apt-get install npm)")
    proc = subprocess.run(["make", "-s", "verify-install"], cwd=REPO, capture_output=True,
                          text=True)
    if proc.returncode:
        pytest.fail(f"make verify-install failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    sys.path.insert(0, str(REPO))
    from tools.refdata.__main__ import OUTPUT, generate

    fresh = json.loads(generate())
    committed = json.loads(OUTPUT.read_text(encoding="utf-8"))
    removed = sorted({k["path"] for k in committed["config"]["keys"]}
                     - {k["path"] for k in fresh["config"]["keys"]})
    added = sorted({k["path"] for k in fresh["config"]["keys"]}
                   - {k["path"] for k in committed["config"]["keys"]})
    assert (removed, added) == ([], []), "configuration keys changed; run make refdata"
    assert [a["id"] for a in committed["actions"]] == [a["id"] for a in fresh["actions"]]
    assert committed == fresh, "source/_data/refdata.json differs from the release; run make refdata"
