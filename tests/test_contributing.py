"""The contributing page lists every warning the project's extensions can emit."""

from __future__ import annotations

import importlib
import re

from conftest import REPO

CONTRIBUTING = REPO / "source" / "community" / "contributing.md"

# Extension -> (module, enum class) holding its warning subtypes.
ENUMS = {
    "docmeta": ("docmeta.warnings", "Subtype"),
    "autogloss": ("autogloss.warnings", "AutoglossWarning"),
    "kb": ("kb.warnings", "KBWarning"),
    "alttext": ("alttext.warnings", "Subtype"),
    "refgen": ("refgen.warnings", "RefgenWarning"),
    "searchrank": ("searchrank.warnings", "Subtype"),
}
# Extensions that pass their subtypes as literals in one module.
DOCSTRINGS = ["adopters", "diagramtext", "fastnav"]


def _subtypes_from_enum(module: str, name: str) -> set[str]:
    enum = getattr(importlib.import_module(module), name)
    # Either NAME = "subtype" (with a description attribute) or subtype = "description".
    return {m.name if m.name.islower() else m.value for m in enum}


def _listed() -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", CONTRIBUTING.read_text(), re.M))


def test_every_enum_subtype_is_listed():
    listed = _listed()
    for ext, (module, name) in ENUMS.items():
        expected = {f"{ext}.{sub}" for sub in _subtypes_from_enum(module, name)}
        assert expected <= listed, f"not on the contributing page: {sorted(expected - listed)}"


def test_subtypes_emitted_in_code_are_listed():
    # Small extensions pass the subtype as a literal: find every one in the code.
    listed = _listed()
    for ext in DOCSTRINGS:
        code = (REPO / "_ext" / ext / "__init__.py").read_text()
        emitted = set(re.findall(r'subtype="([a-z_]+)"', code))
        emitted |= set(re.findall(r'_warn\("([a-z_]+)"', code))
        assert emitted, f"{ext} emits no typed warnings?"
        missing = {f"{ext}.{s}" for s in emitted} - listed
        assert not missing, f"not on the contributing page: {sorted(missing)}"


def test_nothing_listed_that_does_not_exist():
    known = set()
    for ext, (module, name) in ENUMS.items():
        known |= {f"{ext}.{sub}" for sub in _subtypes_from_enum(module, name)}
    listed = _listed()
    project = {w for w in listed if w.split(".")[0] in ENUMS}
    assert project <= known, f"listed but not emitted: {sorted(project - known)}"
