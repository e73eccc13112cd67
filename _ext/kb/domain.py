"""Domain ``kb``: storage for articles and index hosts, cross-references, domain indices."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from nodewalk import find_blocks
from reuse import prose_text

from .config import KBSettings, slug
from .nodes import kb_meta, kb_related
from .warnings import KBWarning, warn

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(\[])")


def refnode(builder, fromdoc, todoc, targetid, child, title=None):
    """``make_refnode``; on singlehtml every page is one document, so link to the anchor."""
    node = make_refnode(builder, fromdoc, todoc, targetid, child, title)
    if builder.name == "singlehtml" and targetid:
        node.attributes.pop("refid", None)
        node["refuri"] = "#" + targetid
    return node


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, 1)[0] if text else ""


class KBTopicIndex(Index):
    name = "topics"
    localname = "Knowledge base by topic"
    shortname = "topics"

    def generate(self, docnames=None):
        domain: KBDomain = self.domain  # type: ignore[assignment]
        settings = KBSettings.from_config(domain.env.config)
        content = []
        for topic, label in settings.topics.items():
            entries = [
                IndexEntry(domain.title(doc), 0, doc, art["anchor"],
                           f"applies to {art['applies_to']}" if art["applies_to"] else "",
                           "", art["summary"])
                for doc, art in domain.articles.items()
                if topic in art["topics"] and (docnames is None or doc in docnames)
            ]
            if entries:
                entries.sort(key=lambda e: (e.name.lower(), e.docname))
                # The heading becomes an HTML id ("cap-<heading>") in the index templates:
                # no ASCII spaces there.
                content.append((label.replace(" ", "\u00a0"), entries))
        return content, False


class KBKeywordIndex(Index):
    name = "keywords"
    localname = "Knowledge base by keyword"
    shortname = "keywords"

    def generate(self, docnames=None):
        domain: KBDomain = self.domain  # type: ignore[assignment]
        letters: dict[str, list[IndexEntry]] = defaultdict(list)
        for keyword, docs in domain.keyword_map(docnames).items():
            letter = keyword[0].upper() if keyword[0].isalpha() else "#"
            if len(docs) == 1:
                doc = docs[0]
                letters[letter].append(IndexEntry(
                    keyword, 0, doc, domain.articles[doc]["anchor"], "", "", domain.title(doc)))
            else:
                letters[letter].append(IndexEntry(keyword, 1, "", "", "", "", ""))
                for doc in docs:
                    letters[letter].append(IndexEntry(
                        domain.title(doc), 2, doc, domain.articles[doc]["anchor"], "", "", ""))
        return sorted(letters.items()), False


class KBDomain(Domain):
    """Knowledge base articles; data is keyed by docname so purge and merge are exact."""

    name = "kb"
    label = "Knowledge base"
    object_types = {"article": ObjType("article", "ref", "article")}
    roles = {"ref": XRefRole(innernodeclass=nodes.inline, warn_dangling=True)}
    indices = [KBTopicIndex, KBKeywordIndex]
    initial_data: dict[str, Any] = {"articles": {}, "hosts": {}}
    data_version = 1

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        return self.data["articles"]

    @property
    def hosts(self) -> dict[str, int]:
        return self.data["hosts"]

    def add_article(self, docname: str, data: dict[str, Any]) -> None:
        self.articles[docname] = data

    def add_host(self, docname: str, line: int) -> None:
        self.hosts.setdefault(docname, line)

    def title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else docname

    def keyword_map(self, docnames=None) -> dict[str, list[str]]:
        """Keyword (first spelling seen) -> sorted article docnames, case-insensitive."""
        spelled: dict[str, str] = {}
        docs: dict[str, set[str]] = defaultdict(set)
        for doc in sorted(self.articles):
            if docnames is not None and doc not in docnames:
                continue
            for kw in self.articles[doc]["keywords"]:
                key = kw.lower()
                spelled.setdefault(key, kw)
                docs[key].add(doc)
        return {
            spelled[key]: sorted(docs[key], key=lambda d: (self.title(d).lower(), d))
            for key in sorted(docs, key=lambda k: (k.lower(), k))
        }

    # -- storage ---------------------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self.articles.pop(docname, None)
        self.hosts.pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict[str, Any]) -> None:
        for key in ("articles", "hosts"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        """Store the summary and add the related-articles placeholder to each article."""
        article = self.articles.get(docname)
        if article is None:
            return
        main = next(iter(document.findall(nodes.section)), None)
        if main is None:
            return
        self.check_placement(docname, document, main)
        # The lead paragraph: the first paragraph directly under the title (the info line
        # is still wrapped in a kb_meta comment at this point).
        for child in main.children[1:]:
            if isinstance(child, nodes.paragraph):
                article["summary"] = first_sentence(prose_text(child))
                break
            if isinstance(child, nodes.section):
                break
        # Inside the last top-level section (normally "Next steps"): body elements may not
        # follow subsections in a docutils section.
        last = main[-1] if main.children and isinstance(main[-1], nodes.section) else main
        last += kb_related(docname=docname)

    @staticmethod
    def check_placement(docname: str, document: nodes.document, main: nodes.section) -> None:
        """The info line belongs right under the title and the page metadata directives."""
        for meta in find_blocks(document, kb_meta):
            ok = meta.parent is main
            if ok:
                for sibling in main.children[1 : main.index(meta)]:
                    if not (isinstance(sibling, (nodes.target, nodes.comment, addnodes.index))
                            or sibling.tagname.startswith("docmeta")):
                        ok = False
                        break
            if not ok:
                warn(KBWarning.placement, "{kb-article} is not right under the page title and "
                     "its {audience}/{doc-type} directives; move it up",
                     location=(docname, meta.get("line") or main.line or 1))

    # -- references ------------------------------------------------------------------------

    def find_article(self, target: str) -> str | None:
        target = target.strip().strip("/")
        target = target[:-3] if target.endswith((".md", ".rst")) else target
        if target in self.articles:
            return target
        matches = sorted(d for d in self.articles if d.rsplit("/", 1)[-1] == target)
        return matches[0] if len(matches) == 1 else None

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "topic":
            if not self.hosts:
                return contnode  # no landing page: the topic stays plain text
            host = sorted(self.hosts)[0]
            return refnode(builder, fromdocname, host, "kb-topic-" + slug(target),
                           contnode, f"Knowledge base articles about {contnode.astext()}")
        if typ in ("ref", "article"):
            doc = self.find_article(target)
            if doc is None:
                return None
            if not node.get("refexplicit"):
                contnode = nodes.inline("", self.title(doc), classes=contnode["classes"])
            return refnode(builder, fromdocname, doc, self.articles[doc]["anchor"],
                           contnode, self.title(doc))
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        ref = self.resolve_xref(env, fromdocname, builder, "ref", target, node, contnode)
        return [("kb:ref", ref)] if ref is not None else []

    def get_objects(self):
        for doc, art in sorted(self.articles.items()):
            yield doc, self.title(doc), "article", doc, art["anchor"], 1
