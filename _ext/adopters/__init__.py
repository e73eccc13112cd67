"""A logo wall of adopters, rendered from a YAML data file.

Usage (MyST)::

    ```{adopters} /_data/adopters.yaml
    :sort: name
    ```

The data file is a list of entries::

    - name: Example Corp            # required
      website: https://example.com  # required, http(s)
      logo: logos/example.svg       # optional, relative to the data file
      description: One line on how they use it.   # optional

Each entry becomes a tile that links to the organisation's website: its logo
(with the organisation's name as alternative text) or, without a logo file, a
text tile with the name. Every problem in the data file is a warning located
at the data file and the entry's line, with type ``adopters``:

=================  ============================================================
subtype            meaning
=================  ============================================================
``file``           the file is missing, unreadable, not YAML or not a list
``entry``          an entry is not a mapping, or has a missing or empty field
``url``            ``website`` is not an absolute http(s) URL
``logo``           the logo file does not exist
``unknown_key``    an entry has a key the wall does not use
``duplicate``      two entries have the same name
``config``         a bad value for ``adopters_sort``
=================  ============================================================

The wall uses only standard docutils nodes, so every builder renders it (text
and LaTeX get a plain list of linked names). The directive registers the data
file and logo files as dependencies, so editing them rebuilds the page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

FIELDS = ("name", "website", "logo", "description")
SORTS = ("name", "none")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _warn(subtype: str, message: str, location: str, *args: Any) -> None:
    logger.warning(message, *args, location=location, type="adopters", subtype=subtype)


def _load(path: Path, shown: str, directive: str) -> list[tuple[int, Any]] | None:
    """Read the data file; return ``(line, entry)`` pairs or ``None`` after warning.

    A file that cannot be read is reported at the directive (``directive`` is
    its ``path:line``); problems inside the file are reported in the file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        _warn("file", "adopters data file %r not found", directive, shown)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        _warn("file", "cannot read adopters data file %r: %s", directive, shown, exc)
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
        _warn("file", "adopters data file is not valid YAML: %s", where, problem)
        return None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        _warn("file", "adopters data file must be a list of entries, not %s", f"{shown}:1",
              type(data).__name__)
        return None
    return [(node.start_mark.line + 1, entry) for node, entry in zip(root.value, data)]


class AdoptersDirective(SphinxDirective):
    """Render the logo wall from a data file."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "sort": lambda arg: directives.choice(arg, SORTS),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        shown = os.path.relpath(path, self.env.srcdir)
        shown_path = str(Path(self.env.srcdir, shown))
        loaded = _load(Path(path), shown_path, self.get_location())
        if loaded is None:
            return []

        tiles = []
        seen: dict[str, int] = {}
        for line, entry in loaded:
            where = f"{shown_path}:{line}"
            tile = self._entry(entry, where, Path(path).parent, seen, line)
            if tile is not None:
                tiles.append(tile)

        sort = self.options.get("sort") or self.config.adopters_sort
        if sort == "name":
            tiles.sort(key=lambda t: t[0].casefold())

        wall = nodes.bullet_list(classes=["adopters-wall", *self.options.get("class", [])])
        self.set_source_info(wall)
        for _, item in tiles:
            wall += item
        return [wall]

    def _entry(self, entry: Any, where: str, base: Path, seen: dict[str, int], line: int):
        if not isinstance(entry, dict):
            _warn("entry", "adopter entry must be a mapping with 'name' and 'website', "
                  "not %r", where, entry)
            return None
        for key in entry:
            if key not in FIELDS:
                _warn("unknown_key", "unknown key %r in adopter entry (known: %s)", where,
                      str(key), ", ".join(FIELDS))
        values = {}
        for key in ("name", "website"):
            value = entry.get(key)
            if not isinstance(value, (str, int, float)) or not str(value).strip():
                _warn("entry", "adopter entry has no %r; every entry needs 'name' and "
                      "'website'", where, key)
                return None
            values[key] = str(value).strip()
        name, website = values["name"], values["website"]
        if not _URL.match(website):
            _warn("url", "website %r of adopter %r is not an absolute http(s) URL", where,
                  website, name)
            return None
        if name.casefold() in seen:
            _warn("duplicate", "adopter %r is listed twice (first at line %d)", where, name,
                  seen[name.casefold()])
            return None
        seen[name.casefold()] = line

        item = nodes.list_item(classes=["adopters-tile"])
        link = nodes.reference("", "", refuri=website, classes=["adopters-link"])
        logo = entry.get("logo")
        logo_path = None
        if logo is not None:
            if not isinstance(logo, str) or not logo.strip():
                _warn("logo", "logo of adopter %r must be a file path", where, name)
            else:
                candidate = (base / logo.strip()).resolve()
                if candidate.is_file():
                    logo_path = candidate
                else:
                    _warn("logo", "logo file %r of adopter %r not found; showing a text tile",
                          where, logo.strip(), name)
        if logo_path is not None:
            rel = os.path.relpath(logo_path, self.env.srcdir).replace(os.sep, "/")
            self.env.note_dependency(rel)
            link += nodes.image(uri="/" + rel, alt=name, classes=["adopters-logo"])
            item["classes"].append("adopters-tile-logo")
        else:
            link += nodes.inline(name, name, classes=["adopters-name"])
            item["classes"].append("adopters-tile-text")
        para = nodes.paragraph("", "", link)
        item += para
        description = entry.get("description")
        if description is not None:
            if isinstance(description, (str, int, float)) and str(description).strip():
                text = str(description).strip()
                item += nodes.paragraph(text, text, classes=["adopters-description"])
            else:
                _warn("entry", "description of adopter %r must be text", where, name)
        return name, item


def _check_config(app: Sphinx, config: Config) -> None:
    if config.adopters_sort not in SORTS:
        logger.warning("adopters_sort must be one of %s, not %r; using 'name'",
                       ", ".join(map(repr, SORTS)), config.adopters_sort,
                       type="adopters", subtype="config", once=True)
        config.adopters_sort = "name"


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("css/adopters.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("adopters_sort", "name", "env", types=frozenset({str}),
                         description="Order of the tiles: 'name' or 'none' (file order).")
    app.add_directive("adopters", AdoptersDirective)
    app.connect("config-inited", _check_config, priority=400)
    app.connect("builder-inited", _add_css)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
