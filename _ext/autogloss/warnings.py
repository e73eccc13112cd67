"""The warnings autogloss emits: one subtype per problem, all of type ``autogloss``.

Silence one with ``suppress_warnings = ["autogloss.<subtype>"]`` in ``conf.py``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("autogloss")


class AutoglossWarning(Enum):
    """Warning subtypes, with the one-line description shown in the docs."""

    duplicate = "the same term or alias is defined more than once (case-insensitive)"
    undefined_see_also = "a :see-also: name is not a defined term or alias"
    empty = "a {define} block has no definition text"
    bad_option = "a directive option has an unusable value"
    config = "an autogloss_* setting in conf.py has an invalid value"


def warn(subtype: AutoglossWarning, msg: str, *args: Any, location: Any = None, **kwargs: Any) -> None:
    """Emit a located, typed warning: ``path:line: WARNING: msg [autogloss.subtype]``."""
    logger.warning(msg, *args, location=location, type="autogloss", subtype=subtype.name, **kwargs)
