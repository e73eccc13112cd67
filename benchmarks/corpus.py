"""Deterministic synthetic MyST corpus for build benchmarks and tests.

``generate(outdir, pages=N)`` writes a small Sphinx project with exactly ``N`` pages:

* ``index.md`` with several toctrees: captions, a hidden toctree, an external link,
  a ``self`` entry and a generated page (``genindex``);
* parts in folders (``part-03/index.md``), chapters in sub-folders
  (``part-03/chapter-01/index.md``) and pages inside the chapters; some chapters use a
  numbered toctree, some a ``:titlesonly:`` or ``:maxdepth:`` option, some a hidden one;
* every page has a title, sections, paragraphs, lists, a table, a code block and
  cross-references to other pages, so the read and write phases do realistic work.

The same arguments always give the same files (the text comes from a seeded random
generator), so timings from different runs and machines compare.

The generated ``conf.py`` reads two environment variables so one corpus serves several
builds:

* ``BENCH_EXTENSIONS``: comma-separated extra extensions to load (for example
  ``fastnav``); the project's ``_ext/`` folder is on ``sys.path``.
* ``BENCH_THEME``: the HTML theme (default ``furo``).

Run ``python benchmarks/corpus.py OUTDIR --pages 300`` to write one by hand.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

WORDS = (
    "catalog entity component system domain resource api group user owner lifecycle "
    "plugin backend frontend service template scaffolder action provider processor "
    "location annotation label relation kind spec metadata namespace search index "
    "collator permission policy token session proxy database migration config secret "
    "deployment container cluster health readiness liveness request response route "
    "extension module package release upgrade dependency registry document page theme"
).split()

CONF_PY = '''\
"""Configuration of a generated benchmark corpus (see benchmarks/corpus.py)."""

import os
import sys

sys.path.insert(0, {ext!r})

project = "Synthetic corpus"
author = "Benchmarks"
extensions = ["myst_parser"] + [
    name for name in os.environ.get("BENCH_EXTENSIONS", "").split(",") if name
]
html_theme = os.environ.get("BENCH_THEME", "furo")
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2
exclude_patterns = ["_build"]
html_copy_source = False
'''


@dataclass
class Page:
    """One page of the corpus: its docname and the toctree entries it holds."""

    docname: str
    title: str
    children: list[str] = field(default_factory=list)
    kind: str = "page"  # "root", "part", "chapter" or "page"
    toctree_style: str = "plain"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(6, 16)) for _ in range(rng.randint(2, 5)))


def _title(rng: random.Random, prefix: str) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    return f"{prefix} {words}".strip()


def plan(pages: int, *, seed: int = 1) -> list[Page]:
    """The page tree for ``pages`` pages (root, parts, chapters, leaf pages)."""
    if pages < 8:
        raise ValueError("the corpus needs at least 8 pages")
    rng = random.Random(seed)
    # Roughly: a part per ~100 pages, chapters of ~12 pages.
    nparts = max(2, min(12, round(pages / 100)))
    root = Page("index", "Synthetic documentation", kind="root")
    result = [root]
    parts = []
    for p in range(nparts):
        part = Page(f"part-{p:02d}/index", _title(rng, f"Part {p + 1}:"), kind="part")
        parts.append(part)
        result.append(part)
    remaining = pages - len(result)
    # Distribute chapters and leaf pages round-robin over the parts.
    chapter_size = 12
    nchapters = max(nparts, remaining // (chapter_size + 1))
    chapters = []
    for c in range(nchapters):
        part = parts[c % nparts]
        number = len(part.children)
        style = ("plain", "numbered", "titlesonly", "hidden", "maxdepth", "caption")[c % 6]
        chapter = Page(
            f"{part.docname.rsplit('/', 1)[0]}/chapter-{number:02d}/index",
            _title(rng, f"Chapter {c + 1}:"),
            kind="chapter",
            toctree_style=style,
        )
        part.children.append(chapter.docname)
        chapters.append(chapter)
        result.append(chapter)
    remaining = pages - len(result)
    for i in range(remaining):
        chapter = chapters[i % nchapters]
        folder = chapter.docname.rsplit("/", 1)[0]
        leaf = Page(f"{folder}/page-{len(chapter.children):03d}", _title(rng, ""), kind="page")
        chapter.children.append(leaf.docname)
        result.append(leaf)
    # Every tenth chapter nests its last three pages under its first page.
    for c, chapter in enumerate(chapters):
        if c % 10 == 9 and len(chapter.children) >= 5:
            host = next(p for p in result if p.docname == chapter.children[0])
            host.children.extend(chapter.children[-3:])
            del chapter.children[-3:]
    assert len(result) == pages, (len(result), pages)
    return result


def _rel(src: str, dst: str) -> str:
    """Relative path from page ``src`` to the source file of page ``dst``."""
    import posixpath

    return posixpath.relpath(dst + ".md", posixpath.dirname(src) or ".")


def _toctree(entries: list[str], options: list[str]) -> str:
    lines = ["```{toctree}", *options, "", *entries, "```", ""]
    return "\n".join(lines)


def _render(page: Page, pages: dict[str, Page], docnames: list[str], rng: random.Random) -> str:
    out = [f"# {page.title}", "", _paragraph(rng), ""]
    if page.kind == "root":
        parts = list(page.children)
        half = max(1, len(parts) // 2)
        out.append(_toctree(["self", *[_short(page, p) for p in parts[:half]]],
                            [":caption: Guides", ":maxdepth: 2"]))
        out.append(_toctree([_short(page, p) for p in parts[half:]],
                            [":caption: Reference", ":titlesonly:"]))
        out.append(_toctree(["Backstage project <https://backstage.io>", "genindex"],
                            [":caption: Elsewhere"]))
    elif page.children:
        style = page.toctree_style
        opts = {
            "plain": [":maxdepth: 2"],
            "numbered": [":numbered:"],
            "titlesonly": [":titlesonly:"],
            "hidden": [":hidden:"],
            "maxdepth": [":maxdepth: 1"],
            "caption": [":caption: In this chapter"],
        }[style]
        entries = [_short(page, c) for c in page.children]
        if page.kind == "part":
            entries.insert(0, "Part overview <self>")
            entries.append("Related project <https://example.com/related>")
        out.append(_toctree(entries, opts))
        if style == "hidden":
            out.append("Pages of this chapter:\n")
            out.extend(f"- [{pages[c].title}]({_rel(page.docname, c)})" for c in page.children)
            out.append("")
    for s in range(rng.randint(2, 4)):
        out += [f"## {_title(rng, 'Section')} {s + 1}", "", _paragraph(rng), ""]
        if rng.random() < 0.5:
            out += [f"### {_title(rng, 'Detail')} {s + 1}", "", _paragraph(rng), ""]
        kind = rng.randrange(4)
        if kind == 0:
            out += [f"- {_sentence(rng, 6)}" for _ in range(rng.randint(2, 5))] + [""]
        elif kind == 1:
            out += ["| Name | Value |", "| --- | --- |"]
            out += [f"| `{rng.choice(WORDS)}` | {_sentence(rng, 5)} |" for _ in range(3)] + [""]
        elif kind == 2:
            out += ["```yaml", "app:", f"  title: {rng.choice(WORDS)}",
                    f"  baseUrl: http://localhost:{rng.randint(3000, 9000)}", "```", ""]
        else:
            out += [f"{rng.choice(WORDS)}", f": {_sentence(rng, 8)}", ""]
    targets = rng.sample(docnames, k=min(3, len(docnames)))
    out += ["## Next steps", ""]
    out += [f"- [{pages[t].title}]({_rel(page.docname, t)})" for t in targets]
    out.append("")
    return "\n".join(out)


def _short(page: Page, target: str) -> str:
    """A toctree entry for ``target`` written relative to ``page``."""
    return _rel(page.docname, target)[: -len(".md")]


def generate(
    outdir: Path | str,
    pages: int,
    *,
    seed: int = 1,
    clean: bool = True,
    edge_cases: bool = False,
) -> Path:
    """Write a corpus of ``pages`` pages into ``outdir`` and return it.

    ``edge_cases`` adds what navigation code tends to get wrong, for tests: a chapter
    with ``tocdepth`` metadata, a page with an ``only`` block holding a section, titles
    with ``&``, ``<`` and quotes, a file name with a space, a toctree entry with its own
    title, and a ``:glob:`` toctree.
    """
    outdir = Path(outdir)
    if clean and outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    layout = plan(pages, seed=seed)
    by_name = {p.docname: p for p in layout}
    root = by_name["index"]
    root.children = [p.docname for p in layout if p.kind == "part"]
    docnames = [p.docname for p in layout]
    rng = random.Random(seed * 7919 + pages)
    texts = {page.docname: _render(page, by_name, docnames, rng) for page in layout}
    if edge_cases:
        _add_edge_cases(layout, texts)
    for docname, text in texts.items():
        path = outdir / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (outdir / "conf.py").write_text(CONF_PY.format(ext=str(REPO / "_ext")), encoding="utf-8")
    return outdir


def _add_edge_cases(layout: list[Page], texts: dict[str, str]) -> None:
    chapters = [p for p in layout if p.kind == "chapter"]
    leaves = [p for p in layout if p.kind == "page"]
    # 1. tocdepth metadata on a chapter index (its pages' trees differ per page).
    first = chapters[0].docname
    texts[first] = "---\ntocdepth: 1\n---\n" + texts[first]
    # 2. An "only" block with a section in a page's table of contents.
    page = leaves[1].docname
    texts[page] += "\n:::{only} html\n\n## Only in HTML\n\nShown in HTML output.\n:::\n"
    # 3. Titles with characters that need escaping.
    page = leaves[2].docname
    texts[page] = "# Tips & tricks <for> \"quoted\" 'titles'\n" + texts[page].split("\n", 1)[1]
    # 4. A file name with a space, listed with its own title in a toctree.
    chapter = chapters[-1]
    folder = chapter.docname.rsplit("/", 1)[0]
    texts[f"{folder}/with space"] = "# Page with a space in its name\n\nSome text.\n"
    old = texts[chapter.docname]
    marker = "```{toctree}\n"
    head, rest = old.split(marker, 1)
    options, entries = rest.split("\n\n", 1)
    texts[chapter.docname] = (
        head + marker + options + "\n\nA custom entry title <with space>\n" + entries
    )
    # 5. A glob toctree listing the pages of a second chapter folder again is not
    # allowed (one parent per page), so glob over a folder of its own.
    glob_host = chapters[1].docname
    gfolder = glob_host.rsplit("/", 1)[0] + "/globbed"
    for i in range(3):
        texts[f"{gfolder}/g{i}"] = f"# Globbed page {i}\n\nText.\n\n## Part {i}\n\nMore.\n"
    texts[glob_host] += "\n```{toctree}\n:glob:\n:caption: Globbed\n\nglobbed/*\n```\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edge-cases", action="store_true")
    args = parser.parse_args(argv)
    generate(args.outdir, args.pages, seed=args.seed, edge_cases=args.edge_cases)
    print(f"wrote {args.pages} pages to {args.outdir}")


if __name__ == "__main__":
    main()
