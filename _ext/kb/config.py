"""Configuration values of ``kb``, their validation and derived settings."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

from .warnings import KBWarning, warn

FIELDS = ("topics", "keywords", "applies-to", "reviewed")
DEFAULT_TOPICS = {
    "product": "Product",
    "troubleshooting": "Troubleshooting",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_config_values(app) -> None:
    app.add_config_value(
        "kb_topics", DEFAULT_TOPICS, "env", types=frozenset({dict, list, tuple}),
        description="allowed topics: a list of names or a dict name -> label",
    )
    app.add_config_value(
        "kb_folder", "reference/knowledge-base", "env", types=frozenset({str}),
        description="docname folder articles must live in ('' = anywhere)",
    )
    app.add_config_value(
        "kb_max_review_age", 365, "env", types=frozenset({int, type(None)}),
        description="days after which a reviewed date is stale (None or 0 = never)",
    )
    app.add_config_value(
        "kb_today", "", "env", types=frozenset({str, _dt.date}),
        description="today's date for review checks, YYYY-MM-DD ('' = SOURCE_DATE_EPOCH or clock)",
    )
    app.add_config_value(
        "kb_required_fields", list(FIELDS), "env", types=frozenset({list, tuple}),
        description="options every {kb-article} must have",
    )
    app.add_config_value(
        "kb_related_max", 5, "env", types=frozenset({int}),
        description="how many related articles each article lists (0 = none)",
    )
    app.add_config_value(
        "kb_product", "", "env", types=frozenset({str}),
        description="product name shown before the :applies-to: versions ('' = none)",
    )


def validate_config(app, config) -> None:
    """``config-inited``: replace bad values by the default, with a ``kb.config`` warning."""

    def bad(name, default, why):
        warn(KBWarning.config, "invalid %s %r: %s; using the default", name,
             getattr(config, name), why, once=True)
        setattr(config, name, default)

    topics = config.kb_topics
    if isinstance(topics, (list, tuple)):
        ok = all(isinstance(t, str) and t.strip() for t in topics)
    elif isinstance(topics, dict):
        ok = all(isinstance(k, str) and k.strip() and isinstance(v, str)
                 for k, v in topics.items())
    else:
        ok = False
    if not ok or not topics:
        bad("kb_topics", dict(DEFAULT_TOPICS), "give a non-empty list of names or dict name -> label")
    if not isinstance(config.kb_folder, str):
        bad("kb_folder", "reference/knowledge-base", "give a folder path as a string")
    age = config.kb_max_review_age
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or age < 0):
        bad("kb_max_review_age", 365, "give a number of days >= 0, or None")
    today = config.kb_today
    if not isinstance(today, _dt.date) and today not in ("", None):
        if not isinstance(today, str) or parse_date(today) is None:
            bad("kb_today", "", "give a date as YYYY-MM-DD, or ''")
    req = config.kb_required_fields
    if not isinstance(req, (list, tuple)) or any(f not in FIELDS for f in req):
        bad("kb_required_fields", list(FIELDS), "choose from " + ", ".join(FIELDS))
    rel = config.kb_related_max
    if isinstance(rel, bool) or not isinstance(rel, int) or rel < 0:
        bad("kb_related_max", 5, "give a number >= 0")
    if not isinstance(config.kb_product, str):
        bad("kb_product", "", "give the product name as a string, or ''")


def parse_date(text: str) -> _dt.date | None:
    text = (text or "").strip()
    if not _DATE.match(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def today(config) -> _dt.date:
    """``kb_today``, else ``SOURCE_DATE_EPOCH`` (UTC), else today's UTC date."""
    value = config.kb_today
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if value:
        parsed = parse_date(value)
        if parsed:
            return parsed
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            pass
    return _dt.datetime.now(_dt.timezone.utc).date()


@dataclass(frozen=True)
class KBSettings:
    """The validated configuration, as one object (handy in tests)."""

    topics: dict[str, str]
    folder: str
    max_review_age: int | None
    required_fields: tuple[str, ...]
    related_max: int

    @classmethod
    def from_config(cls, config) -> KBSettings:
        raw = config.kb_topics
        if isinstance(raw, dict):
            topics = {k.strip(): (v or k).strip() for k, v in raw.items()}
        else:
            topics = {t.strip(): t.strip().capitalize() for t in raw}
        return cls(
            topics=topics,
            folder=(config.kb_folder or "").strip("/"),
            max_review_age=config.kb_max_review_age or None,
            required_fields=tuple(config.kb_required_fields),
            related_max=config.kb_related_max,
        )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
