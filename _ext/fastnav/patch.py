"""Incremental builds: pages whose only change is the navigation get a new sidebar in place.

Owns what a build remembers of its navigation for the next one (``NAV_FILE`` in the
doctree folder: the two rendered variants of the tree and what they depend on, its link
targets, the documents and their previous/next relations; a build with the same tree
reuses the variants instead of rendering them again), and the sidebar swap: when a build changes the navigation
tree without adding or removing documents (a page retitled, a toctree reordered), every
page's sidebar changes, but most pages change nowhere else. Writing them again means
loading, resolving and rendering every doctree and feeding the search index again; instead,
the navigation of the previous build is cut out of the page's HTML file and the new one put
in its place. Everything else in those files is what a full write would produce, because
nothing else in them depends on the change:

* a page that links to a document read again in this build (its title or sections may
  show in the link text: body toctrees, ``{doc}`` and section references, previous/next
  links, generated lists) is written in full: any ``href`` outside the sidebar that points
  at such a document counts;
* a page whose previous, next or parent document changed is written in full;
* a page whose old file is missing, or does not hold the old navigation exactly once, or
  that the fast path does not serve (``tocdepth``/``only`` ancestors), is written in full;
* the search index keeps the entries of the pages not written (Sphinx drops and feeds
  again only the entries of the pages it writes), and those pages' text did not change.

Pages Sphinx writes anyway for other reasons (changed sources, their toctree parents, other
extensions' ``env-get-updated``) are written in full and not swapped. The result is the
same set of bytes as a fresh build (``tests/test_fastnav.py``).
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote
from typing import Any

from sphinx.environment import BuildEnvironment

NAV_FILE = "fastnav-navigation.json"
FORMAT = 1
HREF_RE = re.compile(r'href="([^"#]*)')


def nav_file(app: Any) -> Path:
    return Path(app.doctreedir) / NAV_FILE


def relations(env: BuildEnvironment) -> dict[str, list[str | None]]:
    return {doc: list(rel) for doc, rel in env.collect_relations().items()}


def save(app: Any, plain: str, current: str, targets: list[str], key: str) -> None:
    """Remember the navigation this build writes, for the next incremental build.

    ``key`` names what the rendered variants depend on; a build whose key is the same
    reuses them instead of rendering the tree again.
    """
    env = app.env
    data = {
        "format": FORMAT,
        "key": key,
        "builder": app.builder.name,
        "plain": plain,
        "current": current,
        "targets": targets,
        "docs": sorted(env.found_docs),
        "relations": relations(env),
    }
    path = nav_file(app)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def forget(app: Any) -> None:
    """The navigation written by this build is not known: no swap next time."""
    try:
        nav_file(app).unlink()
    except OSError:
        pass


def load(app: Any) -> dict | None:
    try:
        data = json.loads(nav_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("builder") != app.builder.name:
        return None
    return data


def links_to(html: str, nav: str, uris: set[str]) -> bool:
    """Whether the page (outside its sidebar) links to any of ``uris`` (relative URIs)."""
    start = html.find(nav)
    rest = html[:start] + html[start + len(nav):] if start >= 0 else html
    return any(
        match.group(1) in uris or unquote(html_lib.unescape(match.group(1))) in uris
        for match in HREF_RE.finditer(rest)
    )


def plan(app: Any, old: dict, old_template: Any, new_template: Any, eligible: Any,
         reread: set[str]) -> tuple[set[str], set[str]]:
    """Split the documents into pages to write in full and pages to swap.

    The navigation HTML is rendered again when swapping rather than kept: it grows with
    the site (about 0.6 MB a page at 2000 pages).
    """
    env = app.env
    builder = app.builder
    full: set[str] = set()
    swaps: set[str] = set()
    old_rel = old.get("relations", {})
    new_rel = relations(env)
    for doc in sorted(env.found_docs):
        if doc in reread:
            full.add(doc)
            continue
        rel = new_rel.get(doc)
        if (list(rel) if rel is not None else None) != old_rel.get(doc) or (
            rel is not None and any(r in reread for r in rel if r)
        ):
            full.add(doc)
            continue
        if not eligible(doc):
            full.add(doc)
            continue
        old_nav = old_template.render(doc)
        new_nav = new_template.render(doc)
        path = Path(builder.get_outfilename(doc))
        try:
            html = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            full.add(doc)
            continue
        if old_nav is None or new_nav is None or html.count(old_nav) != 1:
            full.add(doc)
            continue
        uris = {builder.get_relative_uri(doc, other) for other in reread}
        if links_to(html, old_nav, uris):
            full.add(doc)
            continue
        swaps.add(doc)
    return full, swaps


def swap(app: Any, docs: set[str], old_template: Any, new_template: Any) -> list[str]:
    """Put the new navigation into each page's file; return the pages changed."""
    builder = app.builder
    done = []
    for doc in sorted(docs):
        old_nav = old_template.render(doc)
        new_nav = new_template.render(doc)
        path = Path(builder.get_outfilename(doc))
        html = path.read_text(encoding="utf-8")
        if old_nav is None or new_nav is None or html.count(old_nav) != 1:
            # Checked when planned; only a file changed meanwhile gets here.
            raise RuntimeError(f"fastnav: cannot swap the navigation of {doc}")
        if old_nav != new_nav:
            path.write_text(html.replace(old_nav, new_nav, 1), encoding="utf-8")
        done.append(doc)
    _sitemap(app, done)
    return done


def _sitemap(app: Any, docs: list[str]) -> None:
    """sphinx-sitemap lists the pages written by a build: list the swapped ones too.

    Its queue is put back in document order, the order of a fresh build.
    """
    if not docs or "sphinx_sitemap" not in app.extensions:
        return
    links = getattr(getattr(app.env, "app", None), "sitemap_links", None)
    if links is None:
        return
    import queue

    import sphinx_sitemap

    for doc in docs:
        sphinx_sitemap.add_html_link(app, doc, "page.html", {}, None)
    items = []
    while True:
        try:
            items.append(links.get_nowait())
        except queue.Empty:
            break
    order = {}
    for doc in sorted(app.env.found_docs):
        order[app.builder.get_target_uri(doc)] = len(order)
    items.sort(key=lambda item: order.get(item[0], len(order)))
    for item in items:
        links.put(item)
