"""Rendering (post-transform), freshness of aggregated output, and consistency checks."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file

from nodewalk import find_blocks

from .config import KBSettings, slug, today
from .nodes import kb_index, kb_notice, kb_related
from .warnings import KBWarning, warn

STATIC = Path(__file__).resolve().parent / "static"


# -- what the placeholders show ------------------------------------------------------------

def related_articles(domain, docname: str, limit: int) -> list[str]:
    """Articles sharing keywords (3 points each) or topics (1 point each), best first."""
    me = domain.articles.get(docname)
    if not me or limit <= 0:
        return []
    my_topics = set(me["topics"])
    my_keywords = {k.lower() for k in me["keywords"]}
    scored = []
    for doc, art in domain.articles.items():
        if doc == docname:
            continue
        score = 3 * len(my_keywords & {k.lower() for k in art["keywords"]})
        score += len(my_topics & set(art["topics"]))
        if score:
            scored.append((-score, domain.title(doc).lower(), doc))
    return [doc for _, _, doc in sorted(scored)[:limit]]


def review_age(env, article) -> int | None:
    """Days since the review when older than ``kb_max_review_age``, else None."""
    max_age = KBSettings.from_config(env.config).max_review_age
    if not max_age or not article["reviewed"]:
        return None
    age = (today(env.config) - _dt.date.fromisoformat(article["reviewed"])).days
    return age if age > max_age else None


def articles_by_topic(domain, settings) -> list[tuple[str, str, list[str]]]:
    """(topic, label, sorted docnames) for every configured topic, plus unfiled articles."""
    key = lambda d: (domain.title(d).lower(), d)  # noqa: E731
    groups = [
        (topic, label, sorted((d for d, a in domain.articles.items() if topic in a["topics"]),
                              key=key))
        for topic, label in settings.topics.items()
    ]
    unfiled = sorted((d for d, a in domain.articles.items() if not a["topics"]), key=key)
    if unfiled:
        groups.append(("other", "Other", unfiled))
    return groups


def render_state(env) -> dict[str, str]:
    """A hash of what each host page and each article renders from other pages' data."""
    domain = env.get_domain("kb")
    settings = KBSettings.from_config(env.config)
    articles = [
        (doc, domain.title(doc), art["summary"], art["topics"], art["keywords"],
         art["applies_to"], art["anchor"])
        for doc, art in sorted(domain.articles.items())
    ]
    hosts = sorted(domain.hosts)
    host_hash = _hash([articles, list(settings.topics.items())])
    state = {doc: host_hash for doc in hosts}
    for doc, art in domain.articles.items():
        related = [(d, domain.title(d)) for d in related_articles(domain, doc, settings.related_max)]
        state[doc] = _hash([related, review_age(env, art) is not None, art["reviewed"], hosts,
                            state.get(doc, "")])
    return state


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def env_get_updated(app, env) -> list[str]:
    """Rewrite host pages and articles whose generated parts changed (not re-read)."""
    new = render_state(env)
    old = getattr(env, "kb_render_hashes", {})
    env.kb_render_hashes = new
    return sorted(doc for doc, h in new.items() if old.get(doc) != h and doc in env.all_docs)


def check_consistency(app, env) -> None:
    """After the merge: stale reviews and pages in the folder that are not articles."""
    domain = env.get_domain("kb")
    settings = KBSettings.from_config(env.config)
    for doc in sorted(domain.articles):
        art = domain.articles[doc]
        age = review_age(env, art)
        if age is not None:
            warn(KBWarning.stale, "article last reviewed on %s, %d days ago (more than %d); "
                 "check it against the current release and update :reviewed:",
                 art["reviewed"], age, settings.max_review_age,
                 location=(doc, art["reviewed_line"]))
    if settings.folder:
        for doc in sorted(env.found_docs):
            if (doc.startswith(settings.folder + "/") and doc not in domain.articles
                    and doc not in domain.hosts):
                warn(KBWarning.not_an_article, "page in the knowledge-base folder has no "
                     "{kb-article} metadata; add it, or move the page", location=(doc, 1))


# -- reading -------------------------------------------------------------------------------

class KBIndexTitles(SphinxTransform):
    """Make the article title the sub-entry of each keyword in the general index.

    Runs before the index domain collects entries (850); MyST directives cannot see the
    enclosing section, so the title is filled in here.
    """

    default_priority = 840

    def apply(self, **kwargs) -> None:
        main = next(iter(self.document.findall(nodes.section)), None)
        if main is None or not main.children or not isinstance(main[0], nodes.title):
            return
        title = main[0].astext()
        # The keyword entries come from {kb-article}: block-level index nodes.
        for index in find_blocks(self.document, addnodes.index):
            if index.get("kb_keywords") and not index.get("kb_titled"):
                index["entries"] = [(kind, f"{value}; {title}", *rest)
                                    for kind, value, *rest in index["entries"]]
                index["kb_titled"] = True


# -- rendering -----------------------------------------------------------------------------

def doc_link(fromdoc: str, todoc: str, text: str, classes=()) -> addnodes.pending_xref:
    """A link to a page that works in every builder (resolved by Sphinx at priority 10)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + todoc,
                                refexplicit=True, refwarn=True, refdoc=fromdoc)
    ref += nodes.inline(text, text, classes=list(classes))
    return ref


# Set on a document when KBRender rendered something, so its HTML page links kb.css.
NEEDS_CSS = "kb_needs_css"


class KBRender(SphinxPostTransform):
    """Replace every ``kb`` placeholder with standard nodes, for every builder."""

    default_priority = 5  # before ReferencesResolver (10), so our pending_xrefs resolve

    def run(self, **kwargs) -> None:
        domain = self.env.get_domain("kb")
        settings = KBSettings.from_config(self.config)
        # One walk (the placeholders are block-level), then each kind in turn.
        found = find_blocks(self.document, (kb_notice, kb_related, kb_index))
        if found:
            setattr(self.document, NEEDS_CSS, True)
        for node in found:
            if isinstance(node, kb_notice):
                node.replace_self(self.notice(domain, node["docname"]))
        for node in found:
            if isinstance(node, kb_related):
                node.replace_self(self.related(domain, settings, node["docname"]))
        for serial, node in enumerate(n for n in found if isinstance(n, kb_index)):
            node.replace_self(self.index(domain, settings, node, serial))

    def notice(self, domain, docname: str) -> list[nodes.Node]:
        art = domain.articles.get(docname)
        age = review_age(self.env, art) if art else None
        if age is None:
            return []
        box = nodes.admonition(classes=["kb-stale", "caution"])
        box += nodes.title("", "This article may be out of date")
        box += nodes.paragraph("", (
            f"It was last checked on {art['reviewed']}, {age} days ago, so details may have "
            "changed since: compare it with the release notes of the version you run."))
        return [box]

    def related(self, domain, settings, docname: str) -> list[nodes.Node]:
        docs = related_articles(domain, docname, settings.related_max)
        if not docs:
            return []
        # Navigation, not content: "no-search" keeps other articles' titles out of this
        # page's search index entry.
        box = nodes.container(classes=["kb-related", "no-search"])
        box += nodes.rubric("", "Related articles")
        items = nodes.bullet_list()
        for doc in docs:
            items += nodes.list_item("", nodes.paragraph("", "", doc_link(docname, doc,
                                                                           domain.title(doc))))
        box += items
        return [box]

    def index(self, domain, settings, node, serial: int) -> list[nodes.Node]:
        host = node["docname"]
        prefix = "" if serial == 0 else f"{serial}-"
        out: list[nodes.Node] = []
        if not domain.articles:
            out.append(nodes.paragraph("", "The knowledge base has no articles yet."))
            return out

        groups = articles_by_topic(domain, settings)
        topics = nodes.container(classes=["kb-index-topics"])
        nav = nodes.paragraph(classes=["kb-topic-bar"])
        nav += nodes.strong("Topics:", "Topics:")
        for i, (topic, label, docs) in enumerate(g for g in groups if g[2]):
            nav += nodes.Text(" · " if i else " ")
            nav += nodes.reference("", f"{label} ({len(docs)})",
                                   refid=f"{prefix}kb-topic-{slug(topic)}")
        topics += nav
        for topic, label, docs in groups:
            # Anchors are separate targets: LaTeX ignores ids on rubrics.
            topics += nodes.target("", "", ids=[f"{prefix}kb-topic-{slug(topic)}"])
            topics += nodes.rubric("", label, classes=["kb-topic-heading"])
            if not docs:
                topics += nodes.paragraph("", "No articles on this topic yet.")
                continue
            items = nodes.bullet_list(classes=["kb-article-list"])
            for doc in docs:
                para = nodes.paragraph("", "", doc_link(host, doc, domain.title(doc)))
                summary = domain.articles[doc]["summary"]
                if summary:
                    para += nodes.Text(" — " + summary)
                items += nodes.list_item("", para)
            topics += items
        out.append(topics)

        builder = self.env._builder_cls
        if (builder.format == "html" and builder.name != "singlehtml"
                and self.config.html_domain_indices):
            para = nodes.paragraph(classes=["kb-domain-index-links"])
            para += nodes.Text("Also as index pages: ")
            for i, (name, text) in enumerate((("kb-topics", "articles by topic"),
                                              ("kb-keywords", "articles by keyword"))):
                if i:
                    para += nodes.Text(", ")
                ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=name,
                                            refexplicit=True, refwarn=True, refdoc=host)
                ref += nodes.inline(text, text)
                para += ref
            para += nodes.Text(".")
            out.append(para)

        if not node.get("keywords", True):
            return out
        keywords = domain.keyword_map()
        if not keywords:
            return out
        box = nodes.container(classes=["kb-keyword-index"])
        box += nodes.target("", "", ids=[f"{prefix}kb-keyword-index"])
        box += nodes.rubric("", "Keyword index A to Z")
        letters: dict[str, list[str]] = {}
        for kw in keywords:
            letters.setdefault(kw[0].upper() if kw[0].isalpha() else "#", []).append(kw)
        bar = nodes.paragraph(classes=["kb-letter-bar"])
        for i, letter in enumerate(letters):
            if i:
                bar += nodes.Text(" ")
            bar += nodes.reference("", letter, refid=f"{prefix}kb-letter-{slug(letter)}")
        box += bar
        for letter, kws in letters.items():
            box += nodes.target("", "", ids=[f"{prefix}kb-letter-{slug(letter)}"])
            box += nodes.rubric("", letter, classes=["kb-letter"])
            items = nodes.bullet_list(classes=["kb-keyword-list"])
            for kw in kws:
                para = nodes.paragraph("", "")
                para += nodes.strong(kw, kw)
                para += nodes.Text(": ")
                for i, doc in enumerate(keywords[kw]):
                    if i:
                        para += nodes.Text("; ")
                    para += doc_link(host, doc, domain.title(doc))
                items += nodes.list_item("", para)
            box += items
        out.append(box)
        return out


# -- HTML assets ---------------------------------------------------------------------------

def copy_css(app) -> None:
    """``builder-inited``: copy the stylesheet before any page is written.

    Sphinx adds a checksum of each linked asset to its URL (``kb.css?v=...``) so browsers
    fetch a changed stylesheet; it can only do so for files already in the output.
    """
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        copy_asset_file(STATIC / "kb.css", static, force=True)


def add_css(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: link the stylesheet on the pages that show knowledge-base output."""
    if doctree is not None and getattr(doctree, NEEDS_CSS, False):
        app.add_css_file("kb.css")
