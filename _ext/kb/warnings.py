"""Warning subtypes of the knowledge base extension (``type='kb'``)."""

from __future__ import annotations

from sphinx.util import logging

from subtypes import NamedSubtype

logger = logging.getLogger("kb")


class KBWarning(NamedSubtype):
    """Every problem ``kb`` reports, as ``[kb.<subtype>]``.

    Silence one with ``suppress_warnings = ['kb.<subtype>']``.
    """

    config = "a configuration value of the extension is invalid; the default is used"
    missing_field = "a {kb-article} lacks a required option (kb_required_fields)"
    unknown_topic = "a topic that is not in kb_topics"
    bad_date = "the :reviewed: date is not a real YYYY-MM-DD date"
    future_date = "the :reviewed: date lies after today (kb_today)"
    stale = "the article was reviewed longer ago than kb_max_review_age days"
    outside_folder = "a {kb-article} on a page outside kb_folder"
    not_an_article = "a page inside kb_folder without {kb-article} or {kb-index}"
    duplicate = "a second {kb-article} on the same page"
    placement = "{kb-article} is not right under the title and the page metadata directives"


def warn(subtype: KBWarning, msg: str, *args, location=None, once: bool = False) -> None:
    """Emit one located, typed warning."""
    logger.warning(msg, *args, location=location, type="kb", subtype=subtype.name, once=once)
