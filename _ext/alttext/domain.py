"""Storage for the per-page counts behind the end-of-build summary.

A domain used only as storage (like ``sphinx.ext.todo``): data keyed by docname,
purged per page and merged per page, so ``-j`` builds and incremental builds
give the same totals as a fresh serial build.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.domains import Domain


class AltTextDomain(Domain):
    name = "alttext"
    label = "Alt text"
    data_version = 1
    initial_data: dict[str, Any] = {
        # docname -> number of images, raw <img> tags and diagrams checked
        "images": {},
        # docname -> [(line, subtype), ...] problems reported (not suppressed)
        "problems": {},
    }

    def note_page(self, docname: str, checked: int, problems: Iterable[tuple[int, str]]) -> None:
        self.data["images"][docname] = checked
        self.data["problems"][docname] = sorted(problems)

    def clear_doc(self, docname: str) -> None:
        self.data["images"].pop(docname, None)
        self.data["problems"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("images", "problems"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def totals(self) -> tuple[int, int, int]:
        """(images checked, problems found, pages with at least one image)."""
        images = self.data["images"]
        checked = sum(images.values())
        problems = sum(len(p) for p in self.data["problems"].values())
        pages = sum(1 for count in images.values() if count)
        return checked, problems, pages

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: D102
        return []
