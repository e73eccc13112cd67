"""The two corpora of the ``extensions`` benchmark: the plan and the content pages.

Owns what a corpus of N pages is (sections, content pages, knowledge-base articles, terms
and which page links which term, the page edited by the incremental measure and the pages
that edit may rewrite) and writes the content pages, articles and ``conf.py`` of either
variant (``project`` or ``stock``, the same text). The special pages that the project's
directives generate and the stock corpus writes by hand live in ``extensions_pages.py``.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "_ext"))

from corpus import WORDS, _paragraph, _sentence  # noqa: E402
from docmeta.text import first_sentence  # noqa: E402
from extensions_pages import ROLES, TOPICS, TYPES, SpecialPages, _words  # noqa: E402
from measure import WORK  # noqa: E402

SCENARIO = "extensions"
VARIANTS = ("project", "stock")
DEFAULT_SIZES = (250, 500, 1000, 2000)

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


def _fence(name: str, argument: str = "", options: dict | None = None, body: str = "") -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in (options or {}).items())
    return f"```{{{name}}} {argument}".rstrip() + f"\n{opts}{body}```\n"

class Corpus(SpecialPages):
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


def corpus_dir(pages: int, variant: str) -> Path:
    """The source folder of one corpus (generated once, then reused)."""
    path = WORK / f"corpus-{SCENARIO}-{variant}-{pages}"
    stamp = path / ".complete"
    if not stamp.exists():
        Corpus(pages).write(path, variant)
        stamp.write_text("ok\n")
    return path
