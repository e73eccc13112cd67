"""Benchmark: the project's extensions against stock Sphinx on the same text.

Run it through ``bench.py`` (``make bench BENCH_ARGS="extensions"``) or on its own::

    python benchmarks/extensions.py                          # N = 250, 500, 1000, 2000
    python benchmarks/extensions.py --sizes 250,500 --runs 3
    python benchmarks/extensions.py --report                 # summarise recorded runs
    python benchmarks/extensions.py --instructions --sizes 250,1000   # count instructions

Two deterministic synthetic MyST corpora per size N, with the same text:

``project``
    Every page carries ``{audience}`` and ``{doc-type}``; every second content page defines a
    term with ``{define}`` (aliases, see-also), every page links six terms with ``{term}``;
    one page in ten is a knowledge-base article (``{kb-article}``); every content page has
    an image with alt text, every fifth a Mermaid diagram with ``:alt:`` and ``:caption:``,
    every eighth an audience callout; a glossary page (``{glossary-index}``), the knowledge
    base index (``{kb-index}``), role and doc-type index pages (``{audience-index}``,
    ``{doc-type-index}``), a ``{docmeta-matrix}`` page and an ``{adopters}`` wall. Loads
    docmeta, autogloss, kb, alttext, adopters and diagramtext.
``stock``
    The same text with stock Sphinx in place of those directives, written out by hand
    where the project's directives generate it: one glossary page with Sphinx's
    ``glossary`` directive holding every term A to Z (aliases, see-also links, "Defined
    in" links), each definition on its page as a definition list, the role and type pages
    as bullet lists with the same entries, the matrix as a table, the knowledge-base
    index as topic lists and a keyword index, each article's related articles, plain
    images, no metadata badges, a paragraph for the article metadata, an ``admonition``
    for each callout, a list for the adopters. Not repeated: the knowledge base's two
    domain index pages and the hover text (stock Sphinx has neither).

Both use the ``basic`` theme (Furo with fastnav would measure the theme's navigation as
well; see the ``nav`` scenario for that) and the same ``myst_parser`` and
``sphinxcontrib.mermaid`` settings. For each size and run, the two corpora alternate (order
reversed every run) and each one measures, each ``sphinx-build`` in a fresh child process
(wall time and peak RSS, see ``bench.py``):

1. ``full-j1``: a fresh full build (``-E``, new output folder);
2. ``nochange``: the same build again, nothing changed;
3. ``incremental``: after editing the first sentence of one definition;
4. ``full-j2``: a fresh full build with ``-j 2``.

Pages written by the rebuilds are counted from the HTML files whose modification time
changed (``genindex.html`` and ``search.html`` are counted apart: Sphinx writes them on
every build that writes anything).
"""

from __future__ import annotations

import argparse
import json
import posixpath
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import WORDS, _paragraph, _sentence  # noqa: E402

sys.path.insert(0, str(REPO / "_ext"))
from docmeta.text import first_sentence  # noqa: E402

WORK = HERE / "_work"
RESULTS = WORK / "results.jsonl"
SCENARIO = "extensions"
VARIANTS = ("project", "stock")
MEASURES = ("full-j1", "full-j2", "nochange", "incremental")
DEFAULT_SIZES = (250, 500, 1000, 2000)

ROLES = {"admin": "Administrator", "developer": "Developer", "integrator": "Integrator"}
TYPES = {"task": "Task", "conceptual": "Conceptual", "reference": "Reference"}
TOPICS = {"product": "Product", "catalog": "Catalog", "database": "Database",
          "deployment": "Deployment", "auth": "Authentication"}

CONF = '''\
"""Configuration of a generated benchmark corpus (benchmarks/extensions.py)."""

import sys

sys.path.insert(0, {ext!r})

project = "Extensions benchmark ({variant})"
author = "Benchmarks"
extensions = ["myst_parser", "sphinxcontrib.mermaid", *{extensions!r}]
html_theme = "basic"
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build", "_data"]
html_copy_source = False
mermaid_output_format = "raw"
show_warning_types = True
docmeta_roles = {roles!r}
docmeta_types = {types!r}
docmeta_reference_min_ratio = 0.2
kb_topics = {topics!r}
kb_folder = "reference/kb"
kb_today = "2026-11-25"
alttext_severity = "warning"
'''

PROJECT_EXTENSIONS = ["docmeta", "autogloss", "kb", "alttext", "adopters", "diagramtext"]

# A 1x1 PNG, the image every content page shows.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

SPECIALS = [
    "index", "reference/index", "reference/glossary", "reference/kb/index",
    *(f"reference/roles/{r}" for r in ROLES), *(f"reference/types/{t}" for t in TYPES),
    "reference/matrix", "reference/adopters",
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _fence(name: str, argument: str = "", options: dict | None = None, body: str = "") -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in (options or {}).items())
    return f"```{{{name}}} {argument}".rstrip() + f"\n{opts}{body}```\n"


class Corpus:
    """The plan of one corpus: pages, terms and which pages link which term."""

    def __init__(self, pages: int, seed: int = 1):
        if pages < 60:
            raise ValueError("the corpus needs at least 60 pages")
        self.rng = random.Random(seed * 104729 + pages)
        rng = self.rng
        self.pages = pages
        nkb = pages // 10
        nsections = max(2, pages // 100)
        ncontent = pages - len(SPECIALS) - nkb - nsections
        self.sections = [f"section-{s:02d}/index" for s in range(nsections)]
        self.content = [f"section-{i % nsections:02d}/page-{i:04d}" for i in range(ncontent)]
        self.articles = [f"reference/kb/article-{i:04d}" for i in range(nkb)]
        # Terms: one on every second content page.
        self.terms: list[dict] = []
        for i, doc in enumerate(self.content[::2]):
            name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i:04d}"
            self.terms.append({
                "name": name, "doc": doc,
                "aliases": [f"{rng.choice(WORDS)} alias {i:04d}"] if i % 3 == 0 else [],
                "definition": f"{_sentence(rng, 12)} {_sentence(rng, 10)}",
            })
        for i, term in enumerate(self.terms):
            term["see_also"] = [self.terms[(i * 7 + 3) % len(self.terms)]["name"]]
        # Term references: six on every content page and article.
        self.refs: dict[str, list[dict]] = {}
        for doc in [*self.content, *self.articles]:
            self.refs[doc] = [rng.choice(self.terms) for _ in range(6)]
        assert len(self.docnames()) == pages

    def docnames(self) -> list[str]:
        return [*SPECIALS, *self.sections, *self.content, *self.articles]

    def edit_term(self) -> dict:
        """The definition the incremental build edits: the most linked term."""
        counts: dict[str, int] = {}
        for refs in self.refs.values():
            for term in refs:
                counts[term["name"]] = counts.get(term["name"], 0) + 1
        name = max(sorted(counts), key=lambda n: counts[n])
        return next(t for t in self.terms if t["name"] == name)

    # -- writing ----------------------------------------------------------------------------

    def write(self, outdir: Path, variant: str) -> None:
        project = variant == "project"
        if outdir.exists():
            shutil.rmtree(outdir)
        rng = random.Random(self.pages * 31 + 7)  # the same text for both variants
        # What each page shows in generated lists: title, lead sentence, role, type.
        self.info: dict[str, dict] = {}
        self.callouts: list[dict] = []
        texts: dict[str, str] = {}
        by_doc = {t["doc"]: t for t in self.terms}
        for i, doc in enumerate(self.content):
            texts[doc] = self._content_page(doc, i, by_doc.get(doc), rng, project)
        for i, doc in enumerate(self.articles):
            texts[doc] = self._article(doc, i, rng, project)
        if not project:  # what {kb-article} adds at the end of each article
            for doc in self.articles:
                texts[doc] += self._related(doc)
        for s, doc in enumerate(self.sections):
            children = [d for d in self.content if d.startswith(doc.rsplit("/", 1)[0] + "/")]
            title, lead = f"Section {s + 1}: {_words(rng, 2)}", _paragraph(rng)
            self._note(doc, title, lead, "admin", "conceptual")
            texts[doc] = (self._head(title, "admin", "conceptual", project)
                          + f"{lead}\n\n"
                          + "```{toctree}\n:maxdepth: 1\n\n"
                          + "\n".join(c.rsplit("/", 1)[1] for c in children) + "\n```\n"
                          + self._next_steps("index", "../index.md"))
        texts.update(self._specials(rng, project))
        for doc, text in texts.items():
            path = outdir / f"{doc}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (outdir / "img").mkdir(exist_ok=True)
        (outdir / "img" / "screen.png").write_bytes(PNG)
        if project:
            (outdir / "_data").mkdir(exist_ok=True)
            (outdir / "_data" / "adopters.yaml").write_text(self._adopters_yaml(), "utf-8")
        (outdir / "conf.py").write_text(CONF.format(
            ext=str(REPO / "_ext"), variant=variant,
            extensions=PROJECT_EXTENSIONS if project else [],
            roles=ROLES, types=TYPES, topics=TOPICS), encoding="utf-8")
        term = self.edit_term()
        (outdir / "bench-edit.json").write_text(json.dumps({
            "file": f"{term['doc']}.md", "old": term["definition"],
            "new": "Edited: " + term["definition"], "term": term["name"],
            "allowed": self.allowed(project), "docs": self.docnames(),
        }, indent=1), encoding="utf-8")

    def allowed(self, project: bool) -> list[str]:
        """The pages an edit of :meth:`edit_term`'s definition may rewrite."""
        term = self.edit_term()
        shown = {term["doc"]}
        if project:
            # The glossary, the pages linking the term and the definitions whose
            # see-also links it show its first sentence.
            shown.add("reference/glossary")
            shown |= {doc for doc, refs in self.refs.items() if term in refs}
            shown |= {t["doc"] for t in self.terms if term["name"] in t["see_also"]}
        # Sphinx itself also rewrites the page whose toctree lists a rewritten page.
        return sorted(shown | {self.parent(doc) for doc in shown})

    def parent(self, doc: str) -> str:
        """The page whose toctree lists ``doc``."""
        if doc in self.content:
            return doc.rsplit("/", 1)[0] + "/index"
        if doc in self.articles:
            return "reference/kb/index"
        if doc.startswith("reference/") and doc != "reference/index":
            return "reference/index"
        return "index"

    @staticmethod
    def _head(title: str, role: str, doc_type: str, project: bool) -> str:
        head = f"# {title}\n\n"
        if project:
            head += f"```{{audience}} {role}\n```\n\n```{{doc-type}} {doc_type}\n```\n\n"
        return head

    @staticmethod
    def _next_steps(_doc: str, link: str) -> str:
        return f"\n## Next steps\n\n- Go back to the [start]({link}).\n"

    def _term_links(self, doc: str) -> str:
        links = [f"{{term}}`{t['name']}`" if k % 2 else f"{{term}}`the term <{t['name']}>`"
                 for k, t in enumerate(self.refs[doc])]
        return "Related terms: " + ", ".join(links) + ".\n\n"

    def _content_page(self, doc: str, i: int, term: dict | None, rng: random.Random,
                      project: bool) -> str:
        role = list(ROLES)[i % len(ROLES)]
        task = i % 2 == 0
        title = f"Page {i}: {_words(rng, 3)}"
        out = [self._head(title, role, "task" if task else "conceptual", project)]
        lead = _paragraph(rng)
        self._note(doc, title, lead, role, "task" if task else "conceptual")
        out.append(f"{lead}\n\n")
        if term is not None:
            if project:
                opts = {"see-also": ", ".join(term["see_also"])}
                if term["aliases"]:
                    opts["aliases"] = ", ".join(term["aliases"])
                out.append(_fence("define", term["name"], opts, term["definition"] + "\n"))
            else:
                # The same text as a definition list; the term itself is defined once, on
                # the glossary page, as a Sphinx project with one glossary does.
                also = f" Also called: {', '.join(term['aliases'])}." if term["aliases"] else ""
                see = ", ".join(f"{{term}}`{name}`" for name in term["see_also"])
                out.append(f"{term['name']}\n: {term['definition']}{also} See also: {see}.\n")
            out.append("\n")
        out.append(self._term_links(doc))
        out.append(f"![The {_words(rng, 3)} screen with {_words(rng, 2)} "
                   f"settings {i}](/img/screen.png)\n\n")
        if task:
            out.append("".join(f"{n}. {_sentence(rng, 7)}\n" for n in range(1, 4)) + "\n")
        for s in range(2):
            out.append(f"## Section {s + 1}: {_words(rng, 2)}\n\n{_paragraph(rng)}\n\n")
            if s == 0:
                out.append("".join(f"- {_sentence(rng, 6)}\n" for _ in range(3)) + "\n")
        if i % 5 == 0:
            opts = {"alt": f"Flow from {_words(rng, 2)} to {_words(rng, 2)} for page {i}.",
                    "caption": f"How {_words(rng, 2)} works"}
            out.append(_fence("mermaid", "", opts, "graph LR\n  A[Start] --> B[End]\n") + "\n")
        if i % 8 == 0:
            body = _paragraph(rng)
            other = list(ROLES)[(i + 1) % len(ROLES)]
            self.callouts.append({"doc": doc, "role": other, "first": first_sentence(body),
                                  "type": "task" if task else "conceptual"})
            if project:
                out.append(f":::{{audience}} {other}\n{body}\n:::\n\n")
            else:
                out.append(f":::{{admonition}} Audience: {ROLES[other]}\n{body}\n:::\n\n")
        out.append(self._next_steps(doc, "../index.md"))
        return "".join(out)

    def _article(self, doc: str, i: int, rng: random.Random, project: bool) -> str:
        topics = sorted({list(TOPICS)[i % len(TOPICS)], list(TOPICS)[(i * 3 + 1) % len(TOPICS)]})
        keywords = [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(3)]
        title = f"Question {i}: why does {_words(rng, 2)} fail?"
        out = [self._head(title, "admin", "conceptual", project)]
        meta = {"topics": ", ".join(topics), "keywords": ", ".join(keywords),
                "applies-to": "1.47+", "reviewed": "2026-10-01"}
        if project:
            out.append(_fence("kb-article", "", meta) + "\n")
        else:
            out.append(f"Topics: {meta['topics']}. Keywords: {meta['keywords']}. Applies to: "
                       f"1.47+. Reviewed: 2026-10-01.\n\n")
        lead = _paragraph(rng)
        self._note(doc, title, lead, "admin", "conceptual", topics=topics, keywords=keywords)
        out.append(f"{lead}\n\n{self._term_links(doc)}")
        out.append(f"## What to check\n\n{_paragraph(rng)}\n")
        out.append(self._next_steps(doc, "index.md"))
        return "".join(out)

    # -- what the stock corpus writes by hand where the project's directives generate it --

    def _note(self, doc: str, title: str, lead: str, role: str, doc_type: str, **extra) -> None:
        self.info[doc] = {"title": title, "first": first_sentence(lead), "role": role,
                          "type": doc_type, **extra}

    @staticmethod
    def _link(fromdoc: str, todoc: str, text: str) -> str:
        rel = posixpath.relpath(todoc + ".md", posixpath.dirname(fromdoc) or ".")
        return f"[{text}]({rel})"

    @staticmethod
    def _rubric(text: str) -> str:
        return f"```{{rubric}} {text}\n```\n\n"

    def _entries(self, host: str, items) -> str:
        """A bullet list of links, each with a lead sentence, sorted by title like docmeta.

        *items* are docnames (shown with their own lead sentence) or (docname, sentence).
        """
        pairs = [(i, self.info[i]["first"]) if isinstance(i, str) else i for i in items]
        pairs.sort(key=lambda p: (self.info[p[0]]["title"].casefold(), p[0]))
        return "".join(f"- {self._link(host, d, self.info[d]['title'])} — {first}\n"
                       for d, first in pairs) + "\n"

    def _grouped(self, host: str, key: str, value: str, group_by: str, labels: dict) -> str:
        """The pages whose *key* is *value*, one list per *group_by* value (a rubric each)."""
        out = []
        for group, label in labels.items():
            docs = [d for d, i in self.info.items()
                    if d != host and i[key] == value and i[group_by] == group]
            if docs:
                out.append(self._rubric(label) + self._entries(host, docs))
        return "".join(out)

    def _role_index(self, host: str, role: str) -> str:
        out = self._grouped(host, "role", role, "type", TYPES)
        callouts = [(c["doc"], c["first"]) for c in self.callouts
                    if c["role"] == role and c["doc"] != host]
        if callouts:
            out += self._rubric("Sections on other pages") + self._entries(host, callouts)
        return out

    def _type_index(self, host: str, doc_type: str) -> str:
        return self._grouped(host, "type", doc_type, "role", ROLES)

    def _matrix(self, host: str) -> str:
        head = ["Audience \\ Page type",
                *(self._link(host, f"reference/types/{t}", label) for t, label in TYPES.items()),
                "Total"]
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for role, label in ROLES.items():
            counts = [sum(1 for i in self.info.values() if i["role"] == role and i["type"] == t)
                      for t in TYPES]
            rows.append("| " + " | ".join([self._link(host, f"reference/roles/{role}", label),
                                           *map(str, counts), str(sum(counts))]) + " |")
        totals = [sum(1 for i in self.info.values() if i["type"] == t) for t in TYPES]
        rows.append("| " + " | ".join(["Total", *map(str, totals), str(sum(totals))]) + " |")
        return "\n".join(rows) + "\n\n"

    def _glossary(self, host: str) -> str:
        """Every term A to Z in Sphinx's glossary directive, with what {glossary-index} shows."""
        rows = []
        for term in self.terms:
            rows.append((term["name"], term, False))
            rows.extend((alias, term, True) for alias in term["aliases"])
        rows.sort(key=lambda r: (r[0].casefold(), r[2]))
        letters: dict[str, list] = {}
        for row in rows:
            letters.setdefault(row[0][:1].upper() if row[0][:1].isalpha() else "#", []).append(row)
        out = ["Jump to letter: " + " ".join(letters) + "\n\n"]
        for letter, group in letters.items():
            out.append(self._rubric(letter) + "```{glossary}\n")
            for name, term, is_alias in group:
                if is_alias:
                    out.append(f"{name}\n   See {{term}}`{term['name']}`.\n\n")
                    continue
                see = ", ".join(f"{{term}}`{n}`" for n in term["see_also"])
                defined = self._link(host, term["doc"], self.info[term["doc"]]["title"])
                out.append(f"{name}\n   {term['definition']}\n\n   See also: {see}.\n\n"
                           f"   Defined in {defined}.\n\n")
            out.append("```\n\n")
        return "".join(out)

    def _kb_index(self, host: str) -> str:
        by_topic = {t: [d for d in self.articles if t in self.info[d]["topics"]] for t in TOPICS}
        out = ["**Topics:** " + " · ".join(f"{TOPICS[t]} ({len(d)})" for t, d in by_topic.items()
                                           if d) + "\n\n"]
        for topic, docs in by_topic.items():
            out.append(self._rubric(TOPICS[topic]) + self._entries(host, docs))
        keywords: dict[str, set[str]] = {}
        for doc in self.articles:
            for kw in self.info[doc]["keywords"]:
                keywords.setdefault(kw.lower(), set()).add(doc)
        letters: dict[str, list[str]] = {}
        for kw in sorted(keywords):
            letters.setdefault(kw[0].upper(), []).append(kw)
        out.append(self._rubric("Keywords A to Z") + " ".join(letters) + "\n\n")
        for letter, kws in letters.items():
            out.append(self._rubric(letter))
            for kw in kws:
                docs = sorted(keywords[kw], key=lambda d: (self.info[d]["title"].lower(), d))
                out.append(f"- **{kw}**: "
                           + "; ".join(self._link(host, d, self.info[d]["title"]) for d in docs)
                           + "\n")
            out.append("\n")
        return "".join(out)

    def _related(self, doc: str) -> str:
        """The list {kb-article} adds: articles sharing keywords (3 points) or topics (1)."""
        me = self.info[doc]
        mine = {k.lower() for k in me["keywords"]}
        scored = []
        for other in self.articles:
            if other == doc:
                continue
            art = self.info[other]
            score = 3 * len(mine & {k.lower() for k in art["keywords"]})
            score += len(set(me["topics"]) & set(art["topics"]))
            if score:
                scored.append((-score, art["title"].lower(), other))
        docs = [d for _, _, d in sorted(scored)[:5]]
        if not docs:
            return ""
        return ("\n" + self._rubric("Related articles")
                + "".join(f"- {self._link(doc, d, self.info[d]['title'])}\n" for d in docs))

    def _specials(self, rng: random.Random, project: bool) -> dict[str, str]:
        texts = {}
        leads = {"index": _paragraph(rng), "reference/index": _paragraph(rng)}
        self._note("index", "Extensions benchmark", leads["index"], "admin", "reference")
        self._note("reference/index", "Reference", leads["reference/index"], "admin", "reference")
        specials = {
            "reference/glossary": ("Glossary", "Every term of the documentation, A to Z."),
            "reference/kb/index": ("Knowledge base", "Short answers to common questions."),
            **{f"reference/roles/{r}": (f"Pages for the {label}",
                                        f"The pages written for the {label}.")
               for r, label in ROLES.items()},
            **{f"reference/types/{t}": (f"{label} pages", f"Every {label.lower()} page.")
               for t, label in TYPES.items()},
            "reference/matrix": ("Metadata matrix", "How many pages each role and page type has."),
            "reference/adopters": ("Adopters", "Organisations that use the product."),
        }
        for doc, (title, lead) in specials.items():
            self._note(doc, title, lead, "admin", "reference")

        def page(doc: str, generated: str, by_hand: str, back: str) -> str:
            title, lead = specials[doc]
            return (self._head(title, "admin", "reference", project) + f"{lead}\n\n"
                    + (generated if project else by_hand) + self._next_steps("", back))

        texts["index"] = (
            "# Extensions benchmark\n\n" + (
                "```{audience} admin\n```\n\n```{doc-type} reference\n```\n\n"
                if project else "")
            + f"{leads['index']}\n\n```{{toctree}}\n:maxdepth: 1\n\n"
            + "\n".join(self.sections) + "\nreference/index\n```\n"
            + "\n## Next steps\n\n- Read the [reference](reference/index.md).\n")
        ref_entries = ["glossary", "kb/index", *(f"roles/{r}" for r in ROLES),
                       *(f"types/{t}" for t in TYPES), "matrix", "adopters"]
        texts["reference/index"] = (
            self._head("Reference", "admin", "reference", project)
            + f"{leads['reference/index']}\n\n"
            + "```{toctree}\n\n" + "\n".join(ref_entries) + "\n```\n"
            + self._next_steps("", "../index.md"))
        texts["reference/glossary"] = page(
            "reference/glossary", "```{glossary-index}\n```\n",
            self._glossary("reference/glossary"), "index.md")
        toctree = "```{toctree}\n:hidden:\n:glob:\n\narticle-*\n```\n"
        texts["reference/kb/index"] = page(
            "reference/kb/index", "```{kb-index}\n```\n\n" + toctree,
            self._kb_index("reference/kb/index") + toctree, "../index.md")
        for role in ROLES:
            doc = f"reference/roles/{role}"
            texts[doc] = f"(audience-{role})=\n" + page(
                doc, f"```{{audience-index}} {role}\n```\n", self._role_index(doc, role),
                "../index.md")
        for doc_type in TYPES:
            doc = f"reference/types/{doc_type}"
            texts[doc] = f"(doc-type-{doc_type})=\n" + page(
                doc, f"```{{doc-type-index}} {doc_type}\n```\n",
                self._type_index(doc, doc_type), "../index.md")
        texts["reference/matrix"] = page(
            "reference/matrix", "```{docmeta-matrix}\n```\n", self._matrix("reference/matrix"),
            "index.md")
        texts["reference/adopters"] = page(
            "reference/adopters", "```{adopters} /_data/adopters.yaml\n```\n",
            "".join(f"- [{name}]({url})\n\n  Uses it.\n" for name, url in self._adopters()),
            "index.md")
        return texts

    def _adopters(self) -> list[tuple[str, str]]:
        return [(f"Org {w.capitalize()} {n}", f"https://{w}{n}.example") for n, w in
                enumerate(WORDS[:30])]

    def _adopters_yaml(self) -> str:
        return "".join(f"- name: {name}\n  website: {url}\n  description: Uses it.\n"
                       for name, url in self._adopters())


def corpus_dir(pages: int, variant: str) -> Path:
    """The source folder of one corpus (generated once, then reused)."""
    path = WORK / f"corpus-{SCENARIO}-{variant}-{pages}"
    stamp = path / ".complete"
    if not stamp.exists():
        Corpus(pages).write(path, variant)
        stamp.write_text("ok\n")
    return path


# -- measuring --------------------------------------------------------------------------------


def measure(argv: list[str]) -> dict:
    """One command in a fresh wrapper process (``bench.py``'s), so the peak RSS is its own.

    Returns its wall time, the CPU time (user + system) of it and its ``-j`` workers, which
    other work on a shared machine disturbs less than the wall time, and its peak RSS.
    """
    import os

    from bench import measure as measure_in_wrapper  # imported here: bench imports this module

    return measure_in_wrapper(argv, os.environ.copy())


def _mtimes(outdir: Path) -> dict[str, int]:
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
            for p in outdir.rglob("*.html")} if outdir.exists() else {}


def _written(before: dict[str, int], after: dict[str, int],
             docs: set[str]) -> tuple[list[str], list[str]]:
    """Pages of source documents written, and other HTML files written (indices, search)."""
    changed = sorted(k[: -len(".html")] for k, v in after.items() if before.get(k) != v)
    return [k for k in changed if k in docs], [k for k in changed if k not in docs]


def build(src: Path, out: Path, jobs: int = 1, fresh: bool = True) -> dict:
    docs = set(json.loads((src / "bench-edit.json").read_text(encoding="utf-8"))["docs"])
    sphinx_build = str(Path(sys.executable).with_name("sphinx-build"))
    argv = [sphinx_build, "-b", "html", str(src), str(out / "html"), "-d",
            str(out / "doctrees"), "-q"]
    if fresh:
        argv.append("-E")
    if jobs > 1:
        argv += ["-j", str(jobs)]
    before = _mtimes(out / "html")
    result = measure(argv)
    pages, extra = _written(before, _mtimes(out / "html"), docs)
    warnings = [line for line in result["stderr"].splitlines() if "WARNING" in line]
    return {"seconds": result["seconds"], "cpu": result["cpu_seconds"],
            "maxrss_mib": result["maxrss_mib"],
            "returncode": result["returncode"], "written": pages, "written_extra": extra,
            "warnings": len(warnings), "stderr": result["stderr"][-1500:]}


def _toggle_edit(src: Path) -> dict:
    edit = json.loads((src / "bench-edit.json").read_text(encoding="utf-8"))
    path = src / edit["file"]
    text = path.read_text(encoding="utf-8")
    if edit["new"] in text:
        text = text.replace(edit["new"], edit["old"], 1)
    else:
        text = text.replace(edit["old"], edit["new"], 1)
    path.write_text(text, encoding="utf-8")
    return edit


def run(sizes: list[int], runs: int, runs_large: int, large_from: int,
        variants: list[str], measures: tuple[str, ...] = MEASURES) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    for pages in sizes:
        count = runs if pages < large_from else runs_large
        for i in range(count):
            order = variants if i % 2 == 0 else list(reversed(variants))
            for variant in order:
                src = corpus_dir(pages, variant)
                out = WORK / f"out-{SCENARIO}-{variant}-{pages}"
                shutil.rmtree(out, ignore_errors=True)
                steps = [("full-j1", {"jobs": 1, "fresh": True}),
                         ("nochange", {"jobs": 1, "fresh": False}),
                         ("incremental", {"jobs": 1, "fresh": False}),
                         ("full-j2", {"jobs": 2, "fresh": True})]
                for measure_name, kwargs in steps:
                    if measure_name not in measures and not (
                            measure_name == "full-j1" and set(measures) & {"nochange",
                                                                          "incremental"}):
                        continue
                    edit = _toggle_edit(src) if measure_name == "incremental" else None
                    target = out / ("j2" if measure_name == "full-j2" else "j1")
                    result = build(src, target, **kwargs)
                    record = {"scenario": SCENARIO, "variant": variant, "pages": pages,
                              "measure": measure_name, "run": i, "time": time.time(),
                              **{k: v for k, v in result.items() if k != "stderr"}}
                    if edit is not None:
                        allowed = set(edit["allowed"])
                        record["allowed"] = len(allowed)
                        record["outside_allowed"] = sorted(set(result["written"]) - allowed)
                    record["written"] = len(result["written"])
                    record["written_extra"] = result["written_extra"]
                    with RESULTS.open("a") as f:
                        f.write(json.dumps(record) + "\n")
                    status = "ok" if result["returncode"] == 0 else "FAILED"
                    print(f"{SCENARIO} N={pages:<5} {variant:<8} {measure_name:<12} run "
                          f"{i + 1}/{count}: {result['seconds']:7.2f} s "
                          f"{result['maxrss_mib']:6.0f} MiB  wrote {record['written']:>5} "
                          f"pages  {result['warnings']} warnings  {status}", flush=True)
                    if result["returncode"] != 0 or result["warnings"]:
                        print(result["stderr"], file=sys.stderr)
                shutil.rmtree(out, ignore_errors=True)


# -- instruction counts ------------------------------------------------------------------------

INSTRUCTIONS = "extensions-instructions"


def count_instructions(src: Path, out: Path) -> subprocess.Popen | None:
    """Start a fresh full build under valgrind's cachegrind, which counts instructions.

    The count is the same from run to run within a small fraction of a percent, where the
    time of the same build on a shared machine varies by a tenth or more, so it settles
    small differences that timing cannot. Returns None when valgrind is not installed.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    shutil.rmtree(out, ignore_errors=True)
    sphinx_build = str(Path(sys.executable).with_name("sphinx-build"))
    argv = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            sphinx_build, "-b", "html", str(src), str(out / "html"), "-d", str(out / "doctrees"),
            "-q", "-E"]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run_instructions(sizes: list[int], variants: list[str]) -> bool:
    """Count the instructions of a full build of each corpus, the variants side by side."""
    WORK.mkdir(parents=True, exist_ok=True)
    ok = True
    for pages in sizes:
        procs = {v: count_instructions(corpus_dir(pages, v), WORK / f"out-{INSTRUCTIONS}-{v}")
                 for v in variants}
        if any(p is None for p in procs.values()):
            print("instructions: valgrind is not installed (apt install valgrind); skipped")
            return False
        counts = {}
        for variant, proc in procs.items():
            _, stderr = proc.communicate()
            match = re.search(r"I\s+refs:\s+([\d,]+)", stderr)
            shutil.rmtree(WORK / f"out-{INSTRUCTIONS}-{variant}", ignore_errors=True)
            if proc.returncode != 0 or match is None:
                print(f"instructions N={pages} {variant}: build failed\n{stderr[-2000:]}",
                      file=sys.stderr)
                ok = False
                continue
            counts[variant] = int(match.group(1).replace(",", ""))
            with RESULTS.open("a") as f:
                f.write(json.dumps({"scenario": INSTRUCTIONS, "variant": variant, "pages": pages,
                                    "instructions": counts[variant], "time": time.time()}) + "\n")
        line = "  ".join(f"{v} {n / 1e9:.2f} G" for v, n in counts.items())
        ratio = (f"  ratio project/stock {counts['project'] / counts['stock']:.3f}"
                 if {"project", "stock"} <= set(counts) else "")
        print(f"instructions N={pages:<5} {line}{ratio}", flush=True)
    return ok


def report_instructions() -> None:
    """The latest instruction count of each size and variant, if any were recorded."""
    if not RESULTS.exists():
        return
    latest: dict[int, dict[str, int]] = {}
    for line in RESULTS.read_text().splitlines():
        r = json.loads(line)
        if r.get("scenario") == INSTRUCTIONS:
            latest.setdefault(r["pages"], {})[r["variant"]] = r["instructions"]
    if not latest:
        return
    print("\ninstructions executed by a full build (valgrind cachegrind; latest recorded)")
    for pages in sorted(latest):
        p, s = latest[pages].get("project"), latest[pages].get("stock")
        ratio = f"{p / s:.3f}" if p and s else "-"
        print(f"{pages:>5}  project {p / 1e9 if p else 0:7.2f} G  stock {s / 1e9 if s else 0:7.2f} G"
              f"  ratio {ratio}")


# -- reporting --------------------------------------------------------------------------------


def summarise(since: float | None) -> dict:
    summary: dict = {}
    if not RESULTS.exists():
        return summary
    for line in RESULTS.read_text().splitlines():
        r = json.loads(line)
        if r.get("scenario") != SCENARIO or r["returncode"] != 0:
            continue
        if since is not None and r["time"] < since:
            continue
        summary.setdefault(r["pages"], {}).setdefault(r["variant"], {}).setdefault(
            r["measure"], []).append(r)
    for pages, variants in summary.items():
        for variant, measures in variants.items():
            for name, recs in list(measures.items()):
                measures[name] = {
                    "runs": len(recs),
                    "seconds": statistics.median(r["seconds"] for r in recs),
                    "cpu": statistics.median(r.get("cpu", r["seconds"]) for r in recs),
                    "maxrss_mib": statistics.median(r["maxrss_mib"] for r in recs),
                    "written": max(r["written"] for r in recs),
                    "outside_allowed": sorted({d for r in recs
                                               for d in r.get("outside_allowed", [])}),
                    "allowed": max((r.get("allowed", 0) for r in recs), default=0),
                }
                if name == "incremental":
                    # Judge against the current definition of what may be rewritten.
                    allowed = set(Corpus(pages).allowed(variant == "project"))
                    measures[name]["outside_allowed"] = [
                        d for d in measures[name]["outside_allowed"] if d not in allowed]
                    measures[name]["allowed"] = len(allowed)
    return summary


def _get(summary, pages, variant, name, key):
    return summary.get(pages, {}).get(variant, {}).get(name, {}).get(key)


def report(summary: dict) -> bool:
    from bench import machine

    print(f"\n{SCENARIO}: the project's extensions vs stock Sphinx (basic theme)")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in machine().items()))
    print(f"{'N':>5} {'measure':<12} {'project s':>10} {'stock s':>9} {'ratio':>6} "
          f"{'cpu ratio':>9} {'project MiB':>12} {'stock MiB':>10} {'ratio':>6} "
          f"{'written p/s':>12} {'runs':>5}")
    for pages in sorted(summary):
        for name in MEASURES:
            p = summary[pages].get("project", {}).get(name)
            s = summary[pages].get("stock", {}).get(name)
            if not p and not s:
                continue
            def cell(e, key, fmt):
                return format(e[key], fmt) if e else "-"
            ratio = f"{p['seconds'] / s['seconds']:.2f}" if p and s else "-"
            mratio = f"{p['maxrss_mib'] / s['maxrss_mib']:.2f}" if p and s else "-"
            cratio = f"{p['cpu'] / s['cpu']:.2f}" if p and s else "-"
            written = f"{cell(p, 'written', 'd')}/{cell(s, 'written', 'd')}"
            runs = f"{cell(p, 'runs', 'd')}/{cell(s, 'runs', 'd')}"
            print(f"{pages:>5} {name:<12} {cell(p, 'seconds', '.2f'):>10} "
                  f"{cell(s, 'seconds', '.2f'):>9} {ratio:>6} {cratio:>9} "
                  f"{cell(p, 'maxrss_mib', '.0f'):>12} "
                  f"{cell(s, 'maxrss_mib', '.0f'):>10} {mratio:>6} {written:>12} {runs:>5}")
    checks = targets(summary)
    print("\ntargets:")
    ok = True
    for label, passed, detail in checks:
        ok &= passed
        print(f"  [{'PASS' if passed else 'FAIL'}] {label}: {detail}")
    return ok


def targets(summary: dict) -> list[tuple[str, bool, str]]:
    checks = []
    if 1000 in summary:
        p = _get(summary, 1000, "project", "full-j1", "seconds")
        s = _get(summary, 1000, "stock", "full-j1", "seconds")
        if p and s:
            pc = _get(summary, 1000, "project", "full-j1", "cpu")
            sc = _get(summary, 1000, "stock", "full-j1", "cpu")
            checks.append(("N=1000: full build time project/stock <= 1.05", p / s <= 1.05,
                           f"{p / s:.3f} ({p:.1f} s / {s:.1f} s; CPU time {pc / sc:.3f})"))
        p = _get(summary, 1000, "project", "full-j1", "maxrss_mib")
        s = _get(summary, 1000, "stock", "full-j1", "maxrss_mib")
        if p and s:
            checks.append(("N=1000: peak memory project/stock <= 1.10", p / s <= 1.10,
                           f"{p / s:.3f} ({p:.0f} MiB / {s:.0f} MiB)"))
    else:
        checks.append(("N=1000 measured", False, "no measurement at N=1000"))
    for pages in sorted(summary):
        written = _get(summary, pages, "project", "nochange", "written")
        if written is not None:
            checks.append((f"N={pages}: no-change rebuild writes 0 pages", written == 0,
                           f"{written} pages"))
        entry = summary[pages].get("project", {}).get("incremental")
        if entry:
            outside = entry["outside_allowed"]
            checks.append((
                f"N={pages}: one-definition edit rewrites only the defining page, the "
                "glossary and the pages linking the term", not outside,
                f"{entry['written']} written, {entry['allowed']} allowed"
                + (f"; also {outside[:5]}" if outside else "")))
    sizes = [n for n in sorted(summary) if _get(summary, n, "project", "full-j1", "seconds")]
    if len(sizes) >= 2:
        per_page = {n: _get(summary, n, "project", "full-j1", "seconds") / n for n in sizes}
        spread = max(per_page.values()) / min(per_page.values())
        detail = ", ".join(f"N={n}: {v * 1000:.1f} ms" for n, v in per_page.items())
        checks.append((f"project time per page flat within 20 % (N={sizes[0]}..{sizes[-1]})",
                       spread <= 1.20, f"max/min {spread:.2f}; {detail}"))
        # The same with CPU time, which neighbours on a shared machine disturb less.
        cpu = {n: _get(summary, n, "project", "full-j1", "cpu") / n for n in sizes}
        spread = max(cpu.values()) / min(cpu.values())
        detail = ", ".join(f"N={n}: {v * 1000:.1f} ms" for n, v in cpu.items())
        checks.append((f"project CPU time per page flat within 20 % (N={sizes[0]}.."
                       f"{sizes[-1]})", spread <= 1.20, f"max/min {spread:.2f}; {detail}"))
    for pages in sorted(summary):
        p = _get(summary, pages, "project", "full-j1", "cpu")
        s = _get(summary, pages, "stock", "full-j1", "cpu")
        if p and s and pages != 1000:
            checks.append((f"N={pages}: (for information) full build CPU time project/stock",
                           True, f"{p / s:.3f} ({p:.1f} s / {s:.1f} s)"))
    for pages in sorted(summary):
        j1 = _get(summary, pages, "project", "full-j1", "seconds")
        j2 = _get(summary, pages, "project", "full-j2", "seconds")
        if j1 and j2:
            checks.append((f"N={pages}: -j 2 full build faster than -j 1", j2 < j1,
                           f"{j2:.1f} s vs {j1:.1f} s ({j1 / j2:.2f}x)"))
    return checks


# -- entry points -----------------------------------------------------------------------------


class ExtensionsScenario:
    """The ``extensions`` scenario of ``bench.py``, which hands its parsed arguments over."""

    name = SCENARIO
    description = "the project's extensions vs stock Sphinx"
    variants = ()

    def main_with(self, args) -> int:
        return main_with(args)



def main_with(args) -> int:
    """Run with parsed arguments (sizes, variants, runs, runs_large, large_from, report)."""
    start = time.time()
    if getattr(args, "instructions", False) and not args.report:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [250]
        variants = args.variants.split(",") if args.variants else list(VARIANTS)
        return 0 if run_instructions(sizes, variants) else 1
    if not args.report:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else list(DEFAULT_SIZES))
        variants = args.variants.split(",") if args.variants else list(VARIANTS)
        measures = (tuple(args.measures.split(",")) if getattr(args, "measures", None)
                    else MEASURES)
        run(sizes, args.runs, args.runs_large, args.large_from, variants, measures)
    since = None if (args.report or args.all_records) else start
    ok = report(summarise(since))
    if args.report:
        report_instructions()
    return 0 if ok else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", help="comma-separated page counts (default 250,500,1000,2000)")
    p.add_argument("--variants", help="comma-separated: project,stock (default both)")
    p.add_argument("--runs", type=int, default=3, help="runs per variant and size")
    p.add_argument("--runs-large", type=int, default=2,
                   help="runs per variant for sizes >= --large-from")
    p.add_argument("--large-from", type=int, default=2000)
    p.add_argument("--measures", help="comma-separated subset of: " + ",".join(MEASURES))
    p.add_argument("--instructions", action="store_true",
                   help="count instructions of one full build per variant under valgrind "
                        "(default size 250) instead of timing builds")
    p.add_argument("--report", action="store_true", help="only summarise recorded runs")
    p.add_argument("--all-records", action="store_true",
                   help="summarise all recorded runs, not only this invocation's")
    p.add_argument("--write", type=int, metavar="N",
                   help="only write the two corpora of N pages into benchmarks/_work")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.write:
        for variant in VARIANTS:
            print(corpus_dir(args.write, variant))
        return 0
    return main_with(args)


if __name__ == "__main__":
    sys.exit(main())
