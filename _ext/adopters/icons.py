"""Brand icons for the logo wall: lookup, colour choice and inline SVG markup.

The icons come from a Python module with a ``get_icon(slug)`` function (by default
``simple_icons_pack``, a redistribution of the Simple Icons SVGs). An icon has ``svg``,
``title``, ``hex`` (the brand colour) and ``license`` (the icon's own licence, or ``None``
when the package's licence applies).

Colour: the brand colour is used in a colour scheme only where it has at least the
configured contrast (WCAG 1.4.11 non-text contrast, 3:1) against that scheme's tile
background; otherwise the icon takes the text colour (``currentColor``). Each usable
colour becomes a CSS custom property ``--logo-<scheme>`` on the ``<svg>``; the stylesheet
picks the property of the active scheme and falls back to ``currentColor``.
"""

from __future__ import annotations

import html
import importlib
import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SVG_OPEN = re.compile(r"^\s*<svg\b([^>]*)>", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.IGNORECASE | re.DOTALL)
# Attributes the wall sets itself on the root element.
_OWN_ATTRS = re.compile(
    r"\s(?:role|aria-[\w-]+|class|style|focusable|width|height)\s*=\s*(\"[^\"]*\"|'[^']*')",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-z][a-z0-9-]*$")


# -- colour ----------------------------------------------------------------------------------


def parse_hex(value: Any) -> tuple[int, int, int] | None:
    """``"1ED760"``, ``"#1ed760"`` or ``"#fff"`` -> RGB; anything else -> ``None``."""
    if not isinstance(value, str):
        return None
    match = _HEX.match(value.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours, 1.0 to 21.0."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def scheme_colours(brand: Any, backgrounds: dict[str, str], minimum: float) -> dict[str, str]:
    """``{scheme: "#RRGGBB"}`` for each scheme where the brand colour is readable enough.

    Schemes missing from the result fall back to the text colour.
    """
    rgb = parse_hex(brand)
    if rgb is None:
        return {}
    colour = "#" + "".join(f"{c:02X}" for c in rgb)
    result = {}
    for scheme, background in backgrounds.items():
        bg = parse_hex(background)
        if bg is not None and contrast(rgb, bg) >= minimum:
            result[scheme] = colour
    return result


def valid_scheme(name: Any) -> bool:
    return isinstance(name, str) and bool(_SCHEME.match(name))


# -- lookup ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Icon:
    slug: str
    svg: str
    title: str
    hex: str
    license: str | None


def load_source(module: str):
    """The ``get_icon`` function of ``module``, or ``None`` if it cannot be imported."""
    try:
        return getattr(importlib.import_module(module), "get_icon")
    except (ImportError, AttributeError, TypeError, ValueError):
        return None


def lookup(get_icon, slug: str) -> Icon | None:
    try:
        found = get_icon(slug)
    except Exception:  # a lookup that fails is an unknown slug, never a crashed build
        return None
    if found is None:
        return None
    svg = getattr(found, "svg", None)
    if not isinstance(svg, str) or not _SVG_OPEN.match(svg):
        return None
    return Icon(slug=slug, svg=svg, title=str(getattr(found, "title", "") or slug),
                hex=str(getattr(found, "hex", "") or ""),
                license=getattr(found, "license", None) or None)


# -- markup ----------------------------------------------------------------------------------


def svg_markup(svg: str, label: str, colours: dict[str, str]) -> str:
    """The icon as inline SVG with exactly one accessible name, or none.

    With ``label`` the SVG is an image named by it (``role="img"``, ``aria-label``);
    without, it is decorative (``aria-hidden``) because the name is written next to it.
    The icon's own ``<title>`` and ``role`` are removed so nothing is announced twice.
    """
    match = _SVG_OPEN.match(svg)
    assert match is not None
    attrs = _OWN_ATTRS.sub("", match.group(1)).rstrip()
    empty = attrs.endswith("/")
    attrs = attrs.rstrip("/").rstrip()
    own = ' class="adopters-icon" focusable="false"'
    if label:
        own += f' role="img" aria-label="{html.escape(label, quote=True)}"'
    else:
        own += ' aria-hidden="true"'
    if colours:
        style = ";".join(f"--logo-{scheme}:{colour}" for scheme, colour in colours.items())
        own += f' style="{html.escape(style, quote=True)}"'
    body = "</svg>" if empty else _TITLE.sub("", svg[match.end():])
    return f"<svg{attrs}{own}>{body}"


class adopters_icon(nodes.Inline, nodes.Element):
    """An inline brand icon. Attributes: ``svg`` (the package's markup), ``label`` (the
    accessible name when the icon stands alone, else ``""``), ``colours`` (pairs of scheme
    and colour) and ``icon_slug`` (not ``slug``: MyST turns a ``slug`` into an id).

    HTML writes the SVG; every other builder gets the label as text (or nothing) from
    :class:`DegradeIcons`, so no writer ever meets this node unknown.
    """


def visit_icon_html(self, node: adopters_icon) -> None:
    self.body.append(svg_markup(node["svg"], node["label"], dict(node["colours"])))
    raise nodes.SkipNode
