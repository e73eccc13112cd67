"""Procedures from the pages, run end to end in a live app of the pinned release.

Each test names the page whose steps and checks it runs. The app is the one
``make live-app`` creates (tools/liveapp); the session fixture ``live_app`` starts
it once. Tests that change files or need a restart work on a copy of the app
(``work_app`` below), so the shared app stays as create-app made it and runs stay
repeatable. Without npm every test here skips (DOCS_REQUIRE_LIVEAPP=1 makes that a
failure). ``make test`` runs the tests not marked ``heavy``; ``make live-app-test``
runs them all.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from serving import serve_directory

from tools.verify.extract import extract

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.liveapp
RELEASE = json.loads((REPO / "tools" / "versions.json").read_text())["release"]

STANDALONE = "source/getting-started/admin/standalone-install.md"
ADD_COMPONENT = "source/developer/manage/add-component.md"
INGESTION = "source/admin/features/catalog/ingestion.md"
FROM_TEMPLATE = "source/developer/manage/create-from-template.md"
GUEST = "source/admin/sign-in/guest.md"


def samples(page: str, lang: str | None = None) -> list[str]:
    """The code blocks of PAGE (optionally only those in LANG), in page order."""
    found, _ = extract(REPO, [REPO / page])
    return [s.code for s in found if lang is None or s.lang == lang]


def page_sample(page: str, lang: str, contains: str) -> str:
    matching = [code for code in samples(page, lang) if contains in code]
    assert matching, f"{page} has no {lang} block with {contains!r}"
    return matching[0]


def claims(payload: str) -> dict:
    """The claims of a Backstage token (a JWT; the signature is the backend's business)."""
    part = payload.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def wait_for(check, timeout: float = 120, every: float = 2):
    """Call CHECK until it returns something truthy; return that (or fail after TIMEOUT)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(every)
    pytest.fail(f"still not there after {timeout:.0f} s: {last!r}")


def catalog_entity(live_app, token: str, name: str, kind: str = "component",
                   namespace: str = "default") -> dict | None:
    """The entity as the catalog API returns it, or None while the catalog lacks it."""
    status, body = live_app.request(
        "GET", f"/api/catalog/entities/by-name/{kind}/{namespace}/{name}", token=token)
    return body if status == 200 else None


# -- Install Backstage locally ---------------------------------------------------------

def test_standalone_install_health_check(live_app):
    """standalone-install.md, "Check that it worked": the readiness endpoint answers 200, ok."""
    command = page_sample(STANDALONE, "console", "/.backstage/health/v1/readiness")
    path = re.search(r"http://localhost:7007(\S+)", command).group(1)
    status, body = live_app.request("GET", path)
    assert (status, body) == (200, {"status": "ok"})
    # health-check-endpoints.md names the liveness endpoint too.
    assert live_app.request("GET", "/.backstage/health/v1/liveness")[0] == 200


def test_standalone_install_what_you_have(live_app):
    """standalone-install.md: the files the page lists, the new frontend system, the release."""
    app = live_app.app_dir
    table = Path(REPO / STANDALONE).read_text().split("## What you have on disk", 1)[1]
    for path in re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE):
        assert (app / path).exists(), f"the page lists {path}, the new app has no such path"
    assert json.loads((app / "backstage.json").read_text())["version"] == RELEASE
    assert "@backstage/frontend-defaults" in (app / "packages/app/src/App.tsx").read_text()
    assert not (app / "app-config.local.yaml").exists()  # "The generator does not create it"
    config = yaml.safe_load((app / "app-config.yaml").read_text())
    # The defaults table: in-memory SQLite, guest sign-in, local URLs.
    assert config["backend"]["database"] == {"client": "better-sqlite3",
                                             "connection": ":memory:"}
    assert config["auth"]["providers"]["guest"] == {}
    assert config["app"]["baseUrl"] == "http://localhost:3000"
    assert config["backend"]["baseUrl"] == "http://localhost:7007"
    # "A new app serves the catalog at / (set in app.extensions)".
    assert {"page:catalog": {"config": {"path": "/"}}} in config["app"]["extensions"]


def test_standalone_install_first_sign_in(live_app):
    """standalone-install.md (choose the guest option) and guest.md: who the guest is."""
    status, session = live_app.request("GET", "/api/auth/guest/refresh")
    assert status == 200, session
    identity = session["backstageIdentity"]["identity"]
    # guest.md, "What a new app has": everyone becomes user:development/guest, and with no
    # such User entity in the catalog the guest owns only itself.
    assert identity["userEntityRef"] == "user:development/guest"
    assert identity["ownershipEntityRefs"] == ["user:development/guest"]
    assert claims(session["backstageIdentity"]["token"])["sub"] == "user:development/guest"
    status, html = live_app.request("GET", "/", base=live_app.frontend_url)
    assert status == 200 and "<html" in html.lower()


def test_standalone_install_example_entities(live_app):
    """standalone-install.md: the catalog lists the example components, such as example-website."""
    token = live_app.guest_token()
    entity = wait_for(lambda: catalog_entity(live_app, token, "example-website"))
    assert entity["spec"]["type"] == "website"


# -- Add a component to the catalog ------------------------------------------------------

@pytest.fixture()
def file_host(tmp_path):
    """A stand-in for a source-code host: serves TMP_PATH on 127.0.0.1 (a free port)."""
    with serve_directory(tmp_path) as base:
        yield tmp_path, base


def test_register_component_from_catalog_info(live_app, file_host):
    """add-component.md and ingestion.md: register the page's catalog-info.yaml, find it.

    The page registers the file's URL (the UI's Analyze and Import call the catalog
    API the same way); the file is served on 127.0.0.1, which the live app's config
    lets the catalog read (backend.reading.allow) as a source-code host would.
    """
    folder, base = file_host
    descriptor = page_sample(ADD_COMPONENT, "yaml", "kind: Component")
    name = yaml.safe_load(descriptor)["metadata"]["name"]
    (folder / "catalog-info.yaml").write_text(descriptor)
    target = f"{base}/catalog-info.yaml"
    token = live_app.guest_token()

    # Analyze: for the address of a YAML file, the register page asks the catalog for a
    # dry run, which reads the file and lists the entities it would add.
    status, analysis = live_app.request("POST", "/api/catalog/locations?dryRun=true",
                                        {"type": "url", "target": target}, token=token)
    assert status == 201, analysis
    assert [e["metadata"]["name"] for e in analysis["entities"]
            if e["kind"] == "Component"] == [name]

    # Import: register the location.
    status, created = live_app.request("POST", "/api/catalog/locations",
                                       {"type": "url", "target": target}, token=token)
    assert status == 201, created
    try:
        found = wait_for(lambda: catalog_entity(live_app, token, name))
        assert found["spec"]["owner"] == "group:team-payments"
        assert found["metadata"]["annotations"]["backstage.io/managed-by-location"] == \
            f"url:{target}"   # ingestion.md, "Check that it worked"
        # add-component.md: the catalog list (kind Component, All) has it.
        status, query = live_app.request(
            "GET", "/api/catalog/entities/by-query?filter=kind=component", token=token)
        assert status == 200
        assert name in [e["metadata"]["name"] for e in query["items"]]
        # Registering the same URL again is rejected (ingestion.md).
        status, _ = live_app.request("POST", "/api/catalog/locations",
                                     {"type": "url", "target": target}, token=token)
        assert status == 409
        # add-component.md, "Check that it worked": open Catalog, select All, type the name
        # in the search field; the component is listed.
        check = Path(REPO / ADD_COMPONENT).read_text().split("## Check that it worked")[1]
        assert "Open **Catalog**, select **All**" in check and f"type `{name}`" in check
        from tools.liveapp import uibrowser

        with guest_page(live_app) as page:
            page.goto(live_app.frontend_url + "/", wait_until="domcontentloaded")
            page.get_by_text("All", exact=True).first.click(timeout=90_000)
            page.get_by_placeholder("Search").first.fill(name)
            missing = uibrowser.wait_for_labels(page, [name], timeout=90)
        assert not missing, f"{ADD_COMPONENT}: {name} is not listed on the catalog page"
    finally:
        live_app.request("DELETE", f"/api/catalog/locations/{created['location']['id']}",
                         token=token)


# -- Publish documentation with TechDocs ---------------------------------------------------

TECHDOCS = "source/developer/manage/techdocs.md"
TECHDOCS_BUILDER = "source/admin/features/techdocs/builder-and-generator.md"


def test_techdocs_builds_on_the_backend_without_docker(live_app):
    """techdocs.md (add the documentation) and builder-and-generator.md (no Docker).

    The live app runs the generator locally, as "Build on the backend without Docker"
    says (tools/liveapp/mkdocs.py installs mkdocs-techdocs-core). The page's steps are
    done for the new app's example-website, whose descriptor is examples/entities.yaml
    (a file location, as a repository folder is): the page's mkdocs.yml and
    docs/index.md go next to it, and its annotation onto the component. Opening the
    docs builds the site on the backend; the files are restored afterwards.
    """
    from tools.liveapp.app import restore

    overlay = yaml.safe_load((live_app.app_dir / "app-config.live.yaml").read_text())
    wanted = yaml.safe_load(page_sample(TECHDOCS_BUILDER, "yaml", "runIn: local"))
    assert wanted["techdocs"]["generator"]["runIn"] == overlay["techdocs"]["generator"]["runIn"]

    folder = live_app.app_dir / "examples"
    descriptors = folder / "entities.yaml"
    fragment = yaml.safe_load(page_sample(TECHDOCS, "yaml", "backstage.io/techdocs-ref"))
    annotation = fragment["metadata"]["annotations"]
    assert annotation == {"backstage.io/techdocs-ref": "dir:."}
    mkdocs_yml = page_sample(TECHDOCS, "yaml", "site_name")
    index_md = page_sample(TECHDOCS, "markdown", "# ")
    heading = index_md.splitlines()[0].lstrip("# ").strip()
    entities = list(yaml.safe_load_all(descriptors.read_text()))
    website = next(e for e in entities if e["metadata"]["name"] == "example-website")
    website["metadata"].setdefault("annotations", {}).update(annotation)
    token = live_app.guest_token()
    ref = "component:default/example-website"
    entity = "default/component/example-website"

    def annotated() -> bool:
        found = catalog_entity(live_app, token, "example-website") or {}
        return found.get("metadata", {}).get("annotations", {}) \
            .get("backstage.io/techdocs-ref") == "dir:."

    try:
        descriptors.write_text(yaml.safe_dump_all(entities, sort_keys=False))
        (folder / "mkdocs.yml").write_text(mkdocs_yml)
        (folder / "docs").mkdir(exist_ok=True)
        (folder / "docs" / "index.md").write_text(index_md)
        # "Wait for the catalog to pick up the new annotation, or ask for a refresh".
        assert live_app.request("POST", "/api/catalog/refresh", {"entityRef": ref},
                                token=token)[0] == 200
        wait_for(annotated, timeout=180)
        # Opening the docs asks the backend to sync: with the local builder, it builds the
        # site first and streams its progress (the "first view shows build progress").
        status, events = live_app.request(
            "GET", f"/api/techdocs/sync/{entity}", token=token, timeout=600,
            headers={"Accept": "text/event-stream"})
        assert status == 200 and "event: finish" in str(events), events
        status, page = live_app.request(
            "GET", f"/api/techdocs/static/docs/{entity}/index.html", token=token)
        assert status == 200 and heading in page, str(page)[:500]
        status, meta = live_app.request(
            "GET", f"/api/techdocs/metadata/techdocs/{entity}", token=token)
        assert status == 200 and meta["site_name"] == yaml.safe_load(mkdocs_yml)["site_name"]
        # "Check that it worked": the component's page has the tab the page names, and it
        # shows the site.
        tab = re.search(r"documentation tab, \*\*([^*]+)\*\*", Path(REPO / TECHDOCS).read_text())
        assert tab, "techdocs.md no longer names the documentation tab"
        shown = entity_page_after_click(live_app, f"/catalog/{entity}", tab[1], heading)
        assert not shown, f"{TECHDOCS}: not shown on the entity page: {shown}"
    finally:
        restore(live_app.app_dir, "examples")
        live_app.request("POST", "/api/catalog/refresh", {"entityRef": ref}, token=token)


@contextlib.contextmanager
def guest_page(live_app):
    """A Chromium page signed in to the live app as the guest (Debian's Chromium;
    without it the test skips, or fails when DOCS_REQUIRE_BROWSER is set)."""
    from playwright.sync_api import sync_playwright
    from test_browser import require_chromium

    from tools.liveapp import uibrowser

    require_chromium()

    with sync_playwright() as playwright:
        browser = uibrowser.launch(playwright)
        try:
            page = uibrowser.new_context(browser).new_page()
            uibrowser.sign_in_as_guest(page, live_app.frontend_url)
            yield page
        finally:
            browser.close()


def entity_page_after_click(live_app, route: str, tab: str, expected: str) -> list[str]:
    """Open ROUTE as the guest, select the tab named TAB; what is not shown (the tab, or
    then the heading EXPECTED)."""
    from tools.liveapp import uibrowser

    with guest_page(live_app) as page:
        page.goto(live_app.frontend_url + route, wait_until="domcontentloaded")
        if uibrowser.wait_for_labels(page, [tab], timeout=90):
            return [f"tab {tab!r}"]
        # The entity page's tabs are links (one per route).
        page.get_by_role("link", name=tab, exact=True).first.click()
        # The docs render in a shadow root, which Playwright's locators see into.
        try:
            page.get_by_role("heading", name=expected).first.wait_for(timeout=90_000)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            return [f"heading {expected!r} after selecting {tab!r}"]
        return []


# -- Create a component from a software template -------------------------------------------

def test_create_from_template_dry_run(live_app):
    """create-from-template.md: the new app's example template, run through the scaffolder API.

    Publishing needs a GitHub account, so the run uses the scaffolder's dry-run
    endpoint (what the template editor uses): every step runs, publish:github and
    catalog:register only simulate their effect.
    """
    token = live_app.guest_token()
    app = live_app.app_dir
    template = catalog_entity(live_app, token, "example-nodejs-template", kind="template")
    assert template is not None

    # The page's template sample uses actions the app has (the Create page's Actions tab).
    status, actions = live_app.request("GET", "/api/scaffolder/v2/actions", token=token)
    assert status == 200
    installed = {a["id"] for a in actions}
    sample = yaml.safe_load(page_sample(FROM_TEMPLATE, "yaml", "kind: Template"))
    assert {s["action"] for s in sample["spec"]["steps"]} <= installed

    # The form: the page's "typical" questions are the name and where to publish.
    status, schema = live_app.request(
        "GET", "/api/scaffolder/v2/templates/default/template/example-nodejs-template/"
        "parameter-schema", token=token)
    assert status == 200, schema
    fields = {f for step in schema["steps"] for f in step["schema"]["properties"]}
    assert {"name", "repoUrl"} <= fields

    content = app / "examples" / "template"
    files = [{"path": p.relative_to(content).as_posix(),
              "base64Content": base64.b64encode(p.read_bytes()).decode()}
             for p in sorted(content.rglob("*")) if p.is_file()]
    status, result = live_app.request("POST", "/api/scaffolder/v2/dry-run", {
        "template": yaml.safe_load((content / "template.yaml").read_text()),
        "values": {"name": "my-new-service",
                   "repoUrl": "github.com?owner=example-org&repo=my-new-service"},
        "secrets": {},
        "directoryContents": files,
    }, token=token, timeout=180)
    assert status == 200, result
    steps = {s["id"]: s for s in result["steps"]}
    assert list(steps) == ["fetch-base", "publish", "register", "notify"]
    out = {f["path"]: base64.b64decode(f["base64Content"]).decode()
           for f in result["directoryContents"]}
    info = yaml.safe_load(out["catalog-info.yaml"])
    assert info["metadata"]["name"] == "my-new-service"   # the answer filled in
    log = "\n".join(entry["body"]["message"] for entry in result["log"])
    assert "error" not in {entry["body"].get("status") for entry in result["log"]}, log


def test_create_from_template_in_the_ui(live_app):
    """create-from-template.md, "Run a template", step by step in the browser.

    The run is real: the skeleton is fetched, then Publish stops because a new app has
    no GitHub token, the case the page's "If a step fails" paragraph describes. The
    progress page lists the steps, shows the log with the cause, and offers Start Over.
    """
    from tools.liveapp import uibrowser

    text = Path(REPO / FROM_TEMPLATE).read_text()
    for label in ("Create", "Choose", "Next", "Review", "Back", "Show Logs", "Start Over"):
        assert f"**{label}**" in text, f"{FROM_TEMPLATE} no longer names {label}"
    name = "ui-run-service"
    with guest_page(live_app) as page:
        page.goto(live_app.frontend_url + "/create", wait_until="domcontentloaded")
        page.get_by_role("button", name="Choose").first.click(timeout=90_000)
        page.get_by_label("Name").first.fill(name, timeout=60_000)
        page.get_by_role("button", name="Next", exact=True).click()
        # The repository picker takes its values as they are typed.
        for field, value in (("Owner", "acme"), ("Repository", name)):
            box = page.get_by_role("textbox", name=field)
            box.click()
            box.press_sequentially(value, delay=20)
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Review", exact=True).click()
        # The review page lists the answers, with Back and Create.
        assert not uibrowser.wait_for_labels(page, ["Back", "Create"], timeout=30)
        assert any(name in line for line in uibrowser.shown_text(page))
        page.get_by_role("button", name="Create", exact=True).click()
        page.wait_for_url("**/create/tasks/**", timeout=60_000)
        steps = ["Fetch Base", "Publish", "Register"]
        missing = uibrowser.wait_for_labels(page, [*steps, "Start Over", "Hide Logs"],
                                            timeout=180)
        assert not missing, f"not on the progress page: {missing}"
        shown = uibrowser.shown_text(page)
        assert any("No token available for host: github.com" in line for line in shown), \
            "the log does not name the cause of the failed Publish step"
        # The log opened by itself when the step failed; the button toggles it.
        page.get_by_role("button", name="Hide Logs").click()
        assert not uibrowser.wait_for_labels(page, ["Show Logs"], timeout=30)
        # Start Over opens the form again with the answers filled in.
        page.get_by_role("button", name="Start Over").click()
        field = page.get_by_label("Name").first
        field.wait_for(timeout=60_000)
        assert field.input_value() == name


# -- Plugins from yarn new, and a configuration change, in a copy of the app ---------------

INTEGRATORS = "source/getting-started/integrators.md"
BACKEND_PLUGIN = "source/integrator/backend-plugin.md"
heavy = pytest.mark.skipif(
    not os.environ.get("DOCS_LIVEAPP_ALL"),
    reason="heavy live-app procedure (yarn new, yarn install, yarn tsc, a second app): "
           "make live-app-test runs it")


@pytest.fixture(scope="module")
def work_app(live_app):
    """A copy of the app (.cache/live-app/work) for procedures that change files.

    Made once with ``cp -a`` (native modules then build once more for the new path),
    reset to the app's commit before each use: tracked files checked out, new packages
    removed, ``yarn install`` run again.
    """
    import shutil
    import subprocess

    from tools.liveapp import app as liveapp
    from tools.liveapp.env import home, run

    work = home() / "work"
    log = home() / "work.log"
    log.write_text("")
    if not (work / "node_modules" / liveapp.STAMP).exists():
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["nice", "-n", "19", "cp", "-a", str(live_app.app_dir), str(work)],
                       check=True)
    tracked = set(run(["git", "ls-files", "plugins", "packages"], cwd=work).stdout.split())
    for folder in ("plugins", "packages"):
        for child in (work / folder).iterdir():
            if child.is_dir() and not any(t.startswith(f"{folder}/{child.name}/")
                                          for t in tracked):
                shutil.rmtree(child)
    liveapp.restore(work)
    run(["yarn", "install"], cwd=work, log=log, timeout=3600)
    yield work, log


def yarn_new_command(page: str, kind: str) -> list[str]:
    """The non-interactive ``yarn new`` the page gives, or the prompts' answers as flags."""
    text = (REPO / page).read_text()
    match = re.search(rf"`(yarn new --select {kind} --option pluginId=[a-z-]+)`", text)
    if match:
        return match.group(1).split()
    plugin_id = re.search(r"plugin ID `([a-z-]+)`", text).group(1)
    return ["yarn", "new", "--select", kind, "--option", f"pluginId={plugin_id}"]


@heavy
def test_yarn_new_plugins_guest_identity_and_static_token(live_app, work_app, tmp_path):
    """integrators.md, backend-plugin.md (yarn new, yarn tsc, curl the plugin) and guest.md.

    In the copy: a frontend and a backend plugin from ``yarn new`` as the pages give it,
    ``yarn install`` and ``yarn tsc``; then the copy starts on other ports with two config
    changes the pages describe (guest.md: the guest identity; backend-plugin.md: a static
    token for command-line calls), and the plugins answer.
    """
    from tools.liveapp import server
    from tools.liveapp.env import run

    work, log = work_app
    # integrators.md: yarn new (frontend-plugin, hello-world).
    run(yarn_new_command(INTEGRATORS, "frontend-plugin"), cwd=work, log=log, timeout=1800)
    plugin = json.loads((work / "plugins/hello-world/package.json").read_text())
    assert plugin["name"] == "@internal/backstage-plugin-hello-world"
    member = page_sample(INTEGRATORS, "json", "@internal/backstage-plugin-hello-world")
    name, spec = json.loads("{" + member + "}").popitem()
    assert json.loads((work / "packages/app/package.json").read_text())["dependencies"][name] \
        == spec
    source = (work / "plugins/hello-world/src/plugin.tsx").read_text()
    assert "createFrontendPlugin" in source and "path: '/hello-world'" in source

    # backend-plugin.md: yarn new (backend-plugin, hello-world).
    run(yarn_new_command(BACKEND_PLUGIN, "backend-plugin"), cwd=work, log=log, timeout=1800)
    backend = json.loads((work / "plugins/hello-world-backend/package.json").read_text())
    assert backend["name"] == "@internal/backstage-plugin-hello-world-backend"
    assert backend["backstage"]["role"] == "backend-plugin"
    assert backend["backstage"]["pluginId"] == "hello-world"
    line = page_sample(BACKEND_PLUGIN, "ts", "backend.add(import(").strip()
    assert line in (work / "packages/backend/src/index.ts").read_text()

    # Both pages: install and type-check from the root folder.
    run(["yarn", "install"], cwd=work, log=log, timeout=3600)
    run(["yarn", "tsc"], cwd=work, log=log, timeout=3600)

    # The configuration changes, as an extra config file of the copy.
    guest = yaml.safe_load(page_sample(GUEST, "yaml", "userEntityRef"))
    token = "live-app-static-token-0123456789abcdef"
    static = yaml.safe_load(page_sample(BACKEND_PLUGIN, "yaml", "externalAccess")
                            .replace("<the generated value>", token))
    config = {"auth": guest["auth"], "backend": static["backend"]}
    (work / "app-config.changes.yaml").write_text(yaml.safe_dump(config))

    live = server.start(app=work, backend_port=live_app_port(live_app, 200),
                        frontend_port=live_app_port(live_app, 200, frontend=True),
                        configs=("app-config.changes.yaml",))
    try:
        # backend-plugin.md: a protected endpoint answers 401 without a token, 200 with the
        # static token (the generated plugin's route is /todos).
        assert live.request("GET", "/api/hello-world/todos")[0] == 401
        status, todos = live.request("GET", "/api/hello-world/todos", token=token)
        assert status == 200, todos
        # guest.md: the guest signs in as the configured entity; jane.doe is not in the
        # catalog, so ownershipEntityRefs applies.
        status, session = live.request("GET", "/api/auth/guest/refresh")
        assert status == 200, session
        identity = session["backstageIdentity"]["identity"]
        wanted = guest["auth"]["providers"]["guest"]
        assert identity["userEntityRef"] == wanted["userEntityRef"]
        assert sorted(identity["ownershipEntityRefs"]) == sorted(wanted["ownershipEntityRefs"])
        # integrators.md: the app serves /hello-world and its bundle holds the plugin.
        status, html = live.request("GET", "/hello-world", base=live.frontend_url,
                                    headers={"Accept": "text/html"})
        assert status == 200, html
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
        bundle = "".join(str(live.request("GET", "/" + src.lstrip("/"),
                                          base=live.frontend_url)[1]) for src in scripts)
        assert scripts and "hello-world" in bundle, scripts
    finally:
        server.stop(live)


def live_app_port(live_app, offset: int, frontend: bool = False) -> int:
    url = live_app.frontend_url if frontend else live_app.backend_url
    return int(url.rsplit(":", 1)[1]) + offset
