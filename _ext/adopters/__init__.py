"""A logo wall of adopters, rendered from a YAML data file.

Usage (MyST)::

    ```{adopters} /_data/adopters.yaml
    :sort: name
    ```

The data file is a list of entries::

    - name: Example Corp            # required
      website: https://example.com  # required, http(s)
      icon: example                 # optional, a slug of the icon package
      logo: logos/example.svg       # optional, relative to the data file
      description: One line on how they use it.   # optional

Each entry becomes a tile that links to the organisation's website:

* with ``icon``, the brand icon inlined as SVG (no extra request, nothing
  downloaded at build time) from the icon package (``adopters_icon_source``,
  default ``simple_icons_pack``), above the name; the icon is decorative
  (``aria-hidden``) because the name is written out. Its colour is the brand
  colour in each colour scheme where that has ``adopters_min_contrast`` (3:1)
  against the tile background of the scheme (``adopters_backgrounds``),
  otherwise the text colour;
* with ``logo``, the image with the organisation's name as alternative text;
* otherwise the name as a wordmark.

The ``:compact:`` option shows only the entries with a logo, without names or
descriptions: the icon then carries the name (``role="img"`` and
``aria-label``). ``:limit: N`` keeps the first N tiles. The icon field's name
is ``adopters_icon_field``. Every problem in the data file is a warning located
at the data file and the entry's line, with type ``adopters``:

=================  ============================================================
subtype            meaning
=================  ============================================================
``file``           the file is missing, unreadable, not YAML or not a list
``entry``          an entry is not a mapping, or has a missing or empty field
``url``            ``website`` is not an absolute http(s) URL
``logo``           the logo file does not exist
``icon``           the icon slug is not text, unknown to the icon package, or
                   used by two entries
``icon_license``   the icon carries a licence not in ``adopters_icon_licenses``
``unknown_key``    an entry has a key the wall does not use
``duplicate``      two entries have the same name
``config``         a bad configuration value, or the icon package is missing
=================  ============================================================

The wall is a bullet list of standard docutils nodes plus one inline node for
the icon, which only HTML writes: for every other builder a post-transform
replaces it with the name (compact) or nothing, so text and LaTeX get a plain
list of linked names. The directive registers the data file and logo files as
dependencies, so editing them rebuilds the page; every setting is an ``env``
config value. Nothing is stored on the environment, so parallel reading is safe.
The stylesheet ships in ``static/`` and is added for HTML builders only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.fileutil import copy_asset_file

from .data import URL as _URL
from .data import load as _load
from .data import warn as _warn
from .icons import (
    adopters_icon,
    load_source,
    lookup,
    parse_hex,
    scheme_colours,
    valid_scheme,
    visit_icon_html,
)

__version__ = "2.0.0"

logger = logging.getLogger(__name__)

SORTS = ("name", "none")
STATIC = Path(__file__).resolve().parent / "static"
FIXED_FIELDS = ("name", "website", "logo", "description")

# Defaults. The backgrounds are Furo's tile background (--color-background-secondary)
# in its light and dark schemes; a site with other tile colours sets its own.
DEFAULTS: dict[str, Any] = {
    "adopters_sort": "name",
    "adopters_icon_field": "icon",
    "adopters_icon_source": "simple_icons_pack",
    "adopters_icon_licenses": ["CC0-1.0"],
    "adopters_min_contrast": 3.0,
    "adopters_backgrounds": {"light": "#f8f9fb", "dark": "#1a1c1e"},
}

# get_icon functions by module name, per process (never stored on the environment).
_SOURCES: dict[str, Any] = {}


def _icon_source(module: str):
    if module not in _SOURCES:
        _SOURCES[module] = load_source(module)
    return _SOURCES[module]


def _fields(config: Config) -> tuple[str, ...]:
    field = config.adopters_icon_field
    return ("name", "website", field, "logo", "description")
class AdoptersDirective(SphinxDirective):
    """Render the logo wall from a data file."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "sort": lambda arg: directives.choice(arg, SORTS),
        "class": directives.class_option,
        "compact": directives.flag,
        "limit": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        shown = os.path.relpath(path, self.env.srcdir)
        shown_path = str(Path(self.env.srcdir, shown))
        loaded = _load(Path(path), shown_path, self.get_location())
        if loaded is None:
            return []

        self.compact = "compact" in self.options
        tiles = []
        seen: dict[str, int] = {}
        self.seen_icons: dict[str, tuple[str, int]] = {}
        for line, entry in loaded:
            where = f"{shown_path}:{line}"
            tile = self._entry(entry, where, Path(path).parent, seen, line)
            if tile is not None and (tile[2] or not self.compact):
                tiles.append(tile[:2])

        sort = self.options.get("sort") or self.config.adopters_sort
        if sort == "name":
            tiles.sort(key=lambda t: t[0].casefold())
        if "limit" in self.options:
            tiles = tiles[:self.options["limit"]]

        classes = ["adopters-wall"] + (["adopters-compact"] if self.compact else [])
        wall = nodes.bullet_list(classes=[*classes, *self.options.get("class", [])])
        self.set_source_info(wall)
        for _, item in tiles:
            wall += item
        return [wall]

    def _entry(self, entry: Any, where: str, base: Path, seen: dict[str, int], line: int):
        if not isinstance(entry, dict):
            _warn("entry", "adopter entry must be a mapping with 'name' and 'website', "
                  "not %r", where, entry)
            return None
        fields = _fields(self.config)
        for key in entry:
            if key not in fields:
                _warn("unknown_key", "unknown key %r in adopter entry (known: %s)", where,
                      str(key), ", ".join(fields))
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
        icon = self._icon(entry.get(self.config.adopters_icon_field), name, where, line)
        if icon is not None and entry.get("logo") is not None:
            _warn("entry", "adopter %r has both %r and 'logo'; showing the icon", where,
                  name, self.config.adopters_icon_field)
        logo = entry.get("logo") if icon is None else None
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
        if icon is not None:
            # One accessible name per tile: the written name, or the icon's label
            # when the icon stands alone.
            colours = scheme_colours(icon.hex, dict(self.config.adopters_backgrounds),
                                     float(self.config.adopters_min_contrast))
            link += adopters_icon("", svg=icon.svg, label=name if self.compact else "",
                                  colours=tuple(colours.items()), icon_slug=icon.slug)
            if not self.compact:
                link += nodes.inline(name, name, classes=["adopters-name"])
            item["classes"].append("adopters-tile-icon")
        elif logo_path is not None:
            rel = os.path.relpath(logo_path, self.env.srcdir).replace(os.sep, "/")
            self.env.note_dependency(rel)
            link += nodes.image(uri="/" + rel, alt=name, classes=["adopters-logo"])
            item["classes"].append("adopters-tile-logo")
        else:
            link += nodes.inline(name, name, classes=["adopters-name", "adopters-wordmark"])
            item["classes"].append("adopters-tile-text")
        para = nodes.paragraph("", "", link)
        item += para
        description = entry.get("description")
        if self.compact:
            description = None
        if description is not None:
            if isinstance(description, (str, int, float)) and str(description).strip():
                text = str(description).strip()
                item += nodes.paragraph(text, text, classes=["adopters-description"])
            else:
                _warn("entry", "description of adopter %r must be text", where, name)
        return name, item, icon is not None or logo_path is not None

    def _icon(self, slug: Any, name: str, where: str, line: int):
        """The entry's icon, or ``None`` (after a warning when the slug is bad)."""
        if slug is None:
            return None
        field = self.config.adopters_icon_field
        if not isinstance(slug, str) or not slug.strip():
            _warn("icon", "%s of adopter %r must be an icon slug (text); showing the name",
                  where, field, name)
            return None
        slug = slug.strip()
        module = self.config.adopters_icon_source
        get_icon = _icon_source(module)
        if get_icon is None:  # reported once as a configuration problem
            return None
        icon = lookup(get_icon, slug)
        if icon is None:
            _warn("icon", "unknown icon %r for adopter %r (not in %s); showing the name",
                  where, slug, name, module)
            return None
        allowed = self.config.adopters_icon_licenses
        if icon.license is not None and icon.license not in allowed:
            _warn("icon_license", "icon %r of adopter %r is under %r, not an allowed "
                  "licence (%s); showing the name", where, slug, name, icon.license,
                  ", ".join(allowed))
            return None
        if slug in self.seen_icons:
            other, other_line = self.seen_icons[slug]
            _warn("icon", "icon %r of adopter %r is already used by %r (line %d)", where,
                  slug, name, other, other_line)
        else:
            self.seen_icons[slug] = (name, line)
        return icon


class DegradeIcons(SphinxPostTransform):
    """Non-HTML builders: an icon becomes its label as text (compact) or nothing."""

    default_priority = 5

    def is_supported(self) -> bool:
        builder = getattr(self.env, "_builder_cls", None)
        if builder is None:  # Sphinx before 9
            builder = self.env.app.builder
        return builder.format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(adopters_icon)):
            if node["label"]:
                node.replace_self(nodes.inline(node["label"], node["label"],
                                               classes=["adopters-name"]))
            else:
                node.parent.remove(node)


def _config_warning(message: str, *args: Any) -> None:
    logger.warning(message, *args, type="adopters", subtype="config", once=True)


def _check_config(app: Sphinx, config: Config) -> None:
    """Bad values: one warning naming the option, then the default."""
    if config.adopters_sort not in SORTS:
        _config_warning("adopters_sort must be one of %s, not %r; using 'name'",
                        ", ".join(map(repr, SORTS)), config.adopters_sort)
        config.adopters_sort = DEFAULTS["adopters_sort"]
    field = config.adopters_icon_field
    if not isinstance(field, str) or not field.strip() or field in FIXED_FIELDS:
        _config_warning("adopters_icon_field must be a key name other than %s, not %r; "
                        "using 'icon'", ", ".join(FIXED_FIELDS), field)
        config.adopters_icon_field = DEFAULTS["adopters_icon_field"]
    licences = config.adopters_icon_licenses
    if (not isinstance(licences, (list, tuple))
            or not all(isinstance(v, str) for v in licences)):
        _config_warning("adopters_icon_licenses must be a list of licence names, not %r; "
                        "using %r", licences, DEFAULTS["adopters_icon_licenses"])
        config.adopters_icon_licenses = DEFAULTS["adopters_icon_licenses"]
    minimum = config.adopters_min_contrast
    if (isinstance(minimum, bool) or not isinstance(minimum, (int, float))
            or not 1 <= minimum <= 21):
        _config_warning("adopters_min_contrast must be a number from 1 to 21, not %r; "
                        "using 3.0", minimum)
        config.adopters_min_contrast = DEFAULTS["adopters_min_contrast"]
    backgrounds = config.adopters_backgrounds
    if (not isinstance(backgrounds, dict) or not backgrounds
            or not all(valid_scheme(k) and parse_hex(v) for k, v in backgrounds.items())):
        _config_warning("adopters_backgrounds must map colour scheme names (lower-case "
                        "letters, digits, '-') to '#RRGGBB' colours, not %r; using %r",
                        backgrounds, DEFAULTS["adopters_backgrounds"])
        config.adopters_backgrounds = DEFAULTS["adopters_backgrounds"]
    module = config.adopters_icon_source
    if not isinstance(module, str) or _icon_source(module) is None:
        _config_warning("adopters_icon_source %r cannot be imported or has no get_icon(); "
                        "icons are shown as names (install simple-icons-pack)", module)


def _add_static(app: Sphinx) -> None:
    """HTML builders only: copy the stylesheet and link it."""
    if app.builder.format != "html":
        return
    dest = Path(app.builder.outdir) / "_static" / "adopters"
    dest.mkdir(parents=True, exist_ok=True)
    copy_asset_file(STATIC / "adopters.css", dest, force=True)
    app.add_css_file("adopters/adopters.css")


def setup(app: Sphinx) -> dict[str, Any]:
    descriptions = {
        "adopters_sort": "Order of the tiles: 'name' or 'none' (file order).",
        "adopters_icon_field": "Key of an entry's icon slug in the data file.",
        "adopters_icon_source": "Module with get_icon(slug) giving svg, title, hex, license.",
        "adopters_icon_licenses": "Licences accepted for icons that carry their own licence.",
        "adopters_min_contrast": "Contrast an icon's brand colour needs against the tile "
                                 "background to be used (WCAG 1.4.11: 3).",
        "adopters_backgrounds": "Tile background colour per colour scheme, "
                                "{'light': '#RRGGBB', 'dark': '#RRGGBB'}.",
    }
    types = {
        "adopters_sort": frozenset({str}),
        "adopters_icon_field": frozenset({str}),
        "adopters_icon_source": frozenset({str}),
        "adopters_icon_licenses": frozenset({list, tuple}),
        "adopters_min_contrast": frozenset({int, float}),
        "adopters_backgrounds": frozenset({dict}),
    }
    for name, default in DEFAULTS.items():
        app.add_config_value(name, default, "env", types=types[name],
                             description=descriptions[name])
    app.add_node(adopters_icon, html=(visit_icon_html, None))
    app.add_directive("adopters", AdoptersDirective)
    app.add_post_transform(DegradeIcons)
    app.connect("config-inited", _check_config, priority=400)
    app.connect("builder-inited", _add_static)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
