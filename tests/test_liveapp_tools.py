"""tools/liveapp without a running app: the @backstage closure and the lock check.

The closure test uses a fake registry (packuments in memory), shaped like the
problem the pins solve: the CLI asks for ``cli-defaults@^0.1.6``, whose newer
0.1.8 (a later release) pulls a ``cli-module-new`` whose templates need a core
package the release does not have. The regeneration check against the real
registry runs when npm is installed (as ``make verify``'s tests do).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import live_app_unavailable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tools.liveapp import resolutions  # noqa: E402
from tools.liveapp.env import versions  # noqa: E402

RELEASE_DAY = "2026-09-18T00:00:00.000Z"
LATER = "2026-11-20T00:00:00.000Z"


def manifest(deps=None, peers=None):
    return {"dependencies": deps or {}, "peerDependencies": peers or {}}


FAKE = {
    "@backstage/cli": {
        "versions": {"0.36.6": manifest({"@backstage/cli-defaults": "^0.1.6"})},
        "time": {"0.36.6": RELEASE_DAY}},
    "@backstage/cli-defaults": {
        "versions": {"0.1.6": manifest({"@backstage/cli-module-new": "^0.1.7"}),
                     "0.1.8": manifest({"@backstage/cli-module-new": "^0.1.9"})},
        "time": {"0.1.6": RELEASE_DAY, "0.1.8": LATER}},
    "@backstage/cli-module-new": {
        "versions": {"0.1.7": manifest({"@backstage/core": "^1.2.0"}),
                     "0.1.9": manifest({"@backstage/core": "^1.3.0",
                                        "@backstage/frontend-dev-utils": "^1.0.0"})},
        "time": {"0.1.7": RELEASE_DAY, "0.1.9": LATER}},
    "@backstage/core": {
        "versions": {"1.2.0": manifest(), "1.3.0": manifest()},
        "time": {"1.2.0": RELEASE_DAY, "1.3.0": LATER}},
    "@backstage/frontend-dev-utils": {
        "versions": {"0.1.6": manifest({"@backstage/core": "^1.2.0"})},
        "time": {"0.1.6": RELEASE_DAY}},
    "@backstage/plugin-extra": {
        "versions": {"2.0.0": manifest({"@backstage/types": "^1.0.0"})},
        "time": {"2.0.0": RELEASE_DAY}},
    "@backstage/types": {
        "versions": {"1.0.0": manifest(), "1.1.0": manifest()},
        "time": {"1.0.0": RELEASE_DAY, "1.1.0": RELEASE_DAY}},
}

TABLE = {"release": "1.55.0", "create_app": "0.9.2", "published": RELEASE_DAY,
         "packages": {"@backstage/cli": "0.36.6", "@backstage/core": "1.2.0"}}


@pytest.fixture()
def fake_registry(monkeypatch):
    def packument(name):
        return FAKE.get(name, {"versions": {}, "time": {}})
    monkeypatch.setattr(versions, "packument", packument)


def test_closure_pins_transitive_packages_to_the_release(fake_registry):
    pins = resolutions.compute({"@backstage/plugin-extra", "@backstage/frontend-dev-utils"},
                               TABLE)
    assert pins == {
        "@backstage/cli": "0.36.6",
        "@backstage/cli-defaults": "0.1.6",       # not the later release's 0.1.8
        "@backstage/cli-module-new": "0.1.7",     # whose 0.1.9 needs core 1.3
        "@backstage/core": "1.2.0",
        "@backstage/frontend-dev-utils": "0.1.6",
        "@backstage/plugin-extra": "2.0.0",
        "@backstage/types": "1.1.0",              # a dependency of an asked-for package
    }


def test_closure_fails_when_nothing_fits(fake_registry):
    with pytest.raises(RuntimeError, match="@backstage/missing"):
        resolutions.compute({"@backstage/missing"}, TABLE)


LOCK = '''\
__metadata:
  version: 8

"@backstage/cli-defaults@npm:0.1.6":
  version: 0.1.6
  resolution: "@backstage/cli-defaults@npm:0.1.6"

"@backstage/cli-module-new@npm:0.1.9, @backstage/cli-module-new@npm:^0.1.7":
  version: 0.1.9
  resolution: "@backstage/cli-module-new@npm:0.1.9"

"@backstage/theme@npm:0.7.3":
  version: 0.7.3

"app@workspace:packages/app":
  version: 0.0.0-use.local

"react@npm:^18.0.2":
  version: 18.3.1
'''


def test_lock_versions_and_floating_packages():
    assert resolutions.lock_versions(LOCK) == {
        "@backstage/cli-defaults": {"0.1.6"},
        "@backstage/cli-module-new": {"0.1.9"},
        "@backstage/theme": {"0.7.3"},
    }
    pins = {"@backstage/cli-defaults": "0.1.6", "@backstage/cli-module-new": "0.1.7"}
    assert resolutions.floating(LOCK, pins) == {
        "@backstage/cli-module-new": ["0.1.9"],   # off its pin
        "@backstage/theme": ["0.7.3"],            # not pinned at all
    }


def test_committed_map_extends_the_release_table():
    """resolutions.json holds every package of tools/versions.json at the same version."""
    data = json.loads(resolutions.DATA.read_text())
    table = json.loads(versions.OUT.read_text())
    assert (data["release"], data["create_app"]) == (table["release"], table["create_app"])
    pins = data["resolutions"]
    assert {n: pins.get(n) for n in table["packages"]} == table["packages"]
    # The transitive packages of the problem the pins solve.
    assert pins["@backstage/cli-defaults"] == "0.1.6"
    assert pins["@backstage/cli-module-new"] == "0.1.7"
    assert pins["@backstage/frontend-dev-utils"] == "0.1.6"
    assert all(name.startswith("@backstage/") for name in pins)


def test_committed_map_is_up_to_date():
    """Recompute resolutions.json from the registry (needs npm and the network)."""
    if not shutil.which("npm"):
        live_app_unavailable("npm is not installed, so resolutions.json cannot be recomputed")
    proc = subprocess.run([sys.executable, "-m", "tools.liveapp", "resolutions", "--check"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
