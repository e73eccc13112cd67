"""The special pages of the ``extensions`` benchmark corpora, in both variants.

Owns the pages the project's directives generate (``project`` variant: a directive each)
and the same text written out by hand with stock Sphinx (``stock`` variant): the home and
reference pages, the glossary, the role and doc-type lists, the metadata matrix, the
knowledge-base index and each article's related articles, and the adopters wall. A mixin
of ``extensions_corpus.Corpus``, whose plan (pages, terms, titles and leads) it reads.
"""

from __future__ import annotations

import posixpath
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "_ext"))

from corpus import WORDS, _paragraph  # noqa: E402
from docmeta.text import first_sentence  # noqa: E402


# The vocabulary of both corpora (conf.py of the project variant, lists of the stock one).
ROLES = {"admin": "Administrator", "developer": "Developer", "integrator": "Integrator"}
TYPES = {"task": "Task", "conceptual": "Conceptual", "reference": "Reference"}
TOPICS = {"product": "Product", "catalog": "Catalog", "database": "Database",
          "deployment": "Deployment", "auth": "Authentication"}


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


class SpecialPages:
    """Generated pages (project) and their hand-written equivalents (stock)."""


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
