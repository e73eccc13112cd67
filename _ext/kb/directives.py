"""The ``{kb-article}`` and ``{kb-index}`` directives."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .config import KBSettings, parse_date, today
from .nodes import kb_index, kb_meta, kb_notice
from .warnings import KBWarning, warn


def split_list(text: str | None) -> list[str]:
    """Comma-separated values (topics may also be separated by spaces)."""
    out: list[str] = []
    for part in (text or "").split(","):
        part = " ".join(part.split())
        if part and part.lower() not in {o.lower() for o in out}:
            out.append(part)
    return out


class KBArticle(SphinxDirective):
    """Article metadata; renders the info line under the page title."""

    has_content = False
    option_spec = {
        "topics": directives.unchanged,
        "keywords": directives.unchanged,
        "applies-to": directives.unchanged,
        "reviewed": directives.unchanged,
    }

    def option_line(self, name: str) -> int:
        """The source line of option ``:name:`` (the directive's line if not found).

        The first line of the block text is the directive's own line, in MyST (the fence)
        and in reST (``.. kb-article::``).
        """
        for offset, line in enumerate(self.block_text.splitlines()):
            if re.match(rf"\s*:{re.escape(name)}:", line):
                return self.lineno + offset
        return self.lineno

    def run(self) -> list[nodes.Node]:
        env = self.env
        docname = env.current_document.docname
        settings = KBSettings.from_config(self.config)
        domain = env.get_domain("kb")
        if docname in domain.articles:
            warn(KBWarning.duplicate, "second {kb-article} on this page (the first is on line "
                 "%d); keep one", domain.articles[docname]["line"],
                 location=(docname, self.lineno))
            return []

        for field in settings.required_fields:
            if not (self.options.get(field) or "").strip():
                warn(KBWarning.missing_field, "{kb-article} has no :%s: option; add it", field,
                     location=(docname, self.lineno))

        topics = [t.lower() for t in split_list((self.options.get("topics") or "").replace(" ", ","))]
        for topic in topics:
            if topic not in settings.topics:
                warn(KBWarning.unknown_topic, "unknown topic %r; use one of: %s", topic,
                     ", ".join(settings.topics), location=(docname, self.option_line("topics")))
        keywords = split_list(self.options.get("keywords"))
        applies_to = " ".join((self.options.get("applies-to") or "").split())

        reviewed_text = (self.options.get("reviewed") or "").strip()
        reviewed = parse_date(reviewed_text) if reviewed_text else None
        reviewed_line = self.option_line("reviewed")
        if reviewed_text and reviewed is None:
            warn(KBWarning.bad_date, "reviewed date %r is not a valid date; write YYYY-MM-DD",
                 reviewed_text, location=(docname, reviewed_line))
        elif reviewed and reviewed > today(self.config):
            warn(KBWarning.future_date, "reviewed date %r is in the future (today is %s); "
                 "write the date you checked the article", reviewed_text,
                 today(self.config).isoformat(), location=(docname, reviewed_line))
            reviewed = None

        if settings.folder and not docname.startswith(settings.folder + "/"):
            warn(KBWarning.outside_folder, "knowledge-base article outside %r; move the page "
                 "into that folder", settings.folder + "/", location=(docname, self.lineno))

        # One anchor per site (singlehtml puts every page in one document), kept inside the
        # info paragraph so docutils does not move it onto a container LaTeX cannot target.
        anchor = make_id(env, self.state.document, "kb", docname.rsplit("/", 1)[-1])
        target = nodes.target("", "", ids=[anchor])
        self.state.document.note_explicit_target(target)

        # KBIndexTitles (a read transform) adds the article title as sub-entry.
        index = addnodes.index(entries=[("single", kw, anchor, "", None) for kw in keywords],
                               kb_keywords=True)
        domain.add_article(docname, {
            "topics": [t for t in topics if t in settings.topics],
            "keywords": keywords,
            "applies_to": applies_to,
            "reviewed": reviewed.isoformat() if reviewed else "",
            "reviewed_line": reviewed_line,
            "anchor": anchor,
            "line": self.lineno,
            "summary": "",
        })

        info = nodes.container(classes=["kb-info"])
        para = nodes.paragraph(classes=["kb-info-line"])
        info += para
        para += target
        items: list[list[nodes.Node]] = []
        if topics:
            item: list[nodes.Node] = [nodes.strong("Topics:", "Topics:"), nodes.Text(" ")]
            for i, topic in enumerate(topics):
                if i:
                    item.append(nodes.Text(", "))
                label = settings.topics.get(topic, topic)
                text = nodes.inline(label, label, classes=["kb-topic"])
                if topic in settings.topics:
                    ref = addnodes.pending_xref(
                        "", text, refdomain="kb", reftype="topic", reftarget=topic,
                        refexplicit=True, refwarn=False, refdoc=docname,
                    )
                    item.append(ref)
                else:
                    item.append(text)
            items.append(item)
        if keywords:
            items.append([nodes.strong("Keywords:", "Keywords:"),
                          nodes.Text(" " + ", ".join(keywords))])
        if applies_to:
            items.append([nodes.strong("Applies to:", "Applies to:"),
                          nodes.Text(" " + " ".join(filter(None, (self.config.kb_product.strip(),
                                                                   applies_to))))])
        if reviewed_text:
            items.append([nodes.strong("Reviewed:", "Reviewed:"), nodes.Text(" " + reviewed_text)])
        for i, item in enumerate(items):
            if i:
                para += nodes.Text(" · ")
            span = nodes.inline("", "", classes=["kb-info-item"])
            span.extend(item)
            para += span
        self.set_source_info(info)
        self.set_source_info(para)

        meta = kb_meta(line=self.lineno)
        meta += [info, kb_notice(docname=docname)]
        return [index, meta]


class KBIndex(SphinxDirective):
    """The knowledge base landing page: articles by topic and a keyword index A to Z."""

    has_content = False
    option_spec = {"no-keywords": directives.flag}

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        self.env.get_domain("kb").add_host(docname, self.lineno)
        node = kb_index(docname=docname, keywords="no-keywords" not in self.options)
        self.set_source_info(node)
        return [node]
