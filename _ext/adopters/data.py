"""The adopters data file: reading it, and the warnings about it (type ``adopters``).

The directive (``__init__.py``) turns the loaded entries into tiles; this module
only reads the YAML and keeps each entry's line, so every later warning can point
at the entry in the data file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from sphinx.util import logging

logger = logging.getLogger("adopters")


URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def warn(subtype: str, message: str, location: str, *args: Any) -> None:
    logger.warning(message, *args, location=location, type="adopters", subtype=subtype)


def load(path: Path, shown: str, directive: str) -> list[tuple[int, Any]] | None:
    """Read the data file; return ``(line, entry)`` pairs or ``None`` after warning.

    A file that cannot be read is reported at the directive (``directive`` is
    its ``path:line``); problems inside the file are reported in the file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        warn("file", "adopters data file %r not found", directive, shown)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        warn("file", "cannot read adopters data file %r: %s", directive, shown, exc)
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line = mark.line + 1
        else:  # a character YAML does not allow (yaml.reader.ReaderError)
            line = text.count("\n", 0, max(getattr(exc, "position", 0), 0)) + 1
        where = f"{shown}:{line}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        warn("file", "adopters data file is not valid YAML: %s", where, problem)
        return None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        warn("file", "adopters data file must be a list of entries, not %s", f"{shown}:1",
              type(data).__name__)
        return None
    return [(node.start_mark.line + 1, entry) for node, entry in zip(root.value, data)]
