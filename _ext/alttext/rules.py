"""Settings and the rules that judge one piece of alt text (no Sphinx objects here)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .warnings import Subtype

# Defaults of the conf.py settings (plain data, so the config pickles and caches).
DEFAULT_PLACEHOLDERS = [
    "image", "img", "picture", "pic", "photo", "photograph", "screenshot", "screen shot",
    "screen capture", "diagram", "chart", "graph", "figure", "fig", "logo", "icon", "graphic",
    "illustration", "banner", "alt", "alt text", "placeholder", "untitled", "todo", "tbd",
    "tbc", "xxx", "none", "null", "undefined",
]
DEFAULT_PREFIXES = [
    "image of", "picture of", "photo of", "photograph of", "screenshot of", "screen shot of",
    "graphic of", "illustration of", "diagram of", "icon of", "image showing",
    "picture showing", "screenshot showing",
]
DEFAULT_MAX_LENGTH = 150
# Diagrams get one or two sentences (authoring contract), so a longer limit.
DEFAULT_DIAGRAM_MAX_LENGTH = 300
DEFAULT_DECORATIVE_CLASSES = ["decorative"]
DEFAULT_DIAGRAM_NODES = ["mermaid", "graphviz", "plantuml"]
SEVERITIES = ("warning", "error")

_IMAGE_SUFFIX = re.compile(
    r"\.(png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|pdf|eps)$", re.IGNORECASE
)
_URLISH = re.compile(r"^([a-z][a-z0-9+.-]*:|//|www\.)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(an?|the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_TRAILING_NUMBER = re.compile(r"\s*(#?\d+)$")


@dataclass(frozen=True)
class Settings:
    """The validated ``alttext_*`` values of one build."""

    severity: str = "warning"
    placeholders: frozenset[str] = frozenset(DEFAULT_PLACEHOLDERS)
    prefixes: tuple[str, ...] = tuple(DEFAULT_PREFIXES)
    max_length: int = DEFAULT_MAX_LENGTH
    diagram_max_length: int = DEFAULT_DIAGRAM_MAX_LENGTH
    decorative_classes: frozenset[str] = frozenset(DEFAULT_DECORATIVE_CLASSES)
    diagram_nodes: frozenset[str] = frozenset(DEFAULT_DIAGRAM_NODES)

    @classmethod
    def from_config(cls, config) -> tuple[Settings, list[str]]:
        """Read the values from a Sphinx config; return settings and config problems."""
        problems: list[str] = []
        severity = config.alttext_severity
        if severity not in SEVERITIES:
            problems.append(
                f"alttext_severity must be 'warning' or 'error', not {severity!r}; "
                "using 'warning'"
            )
            severity = "warning"

        def length(name: str, default: int) -> int:
            value = getattr(config, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                problems.append(
                    f"{name} must be a positive integer, not {value!r}; using {default}"
                )
                return default
            return value

        max_length = length("alttext_max_length", DEFAULT_MAX_LENGTH)
        diagram_max_length = length("alttext_diagram_max_length", DEFAULT_DIAGRAM_MAX_LENGTH)

        def words(name: str, default: list[str]) -> list[str]:
            value = getattr(config, name)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                problems.append(f"{name} must be a list of strings, not {value!r}; using the default")
                return default
            return list(value)

        return (
            cls(
                severity=severity,
                placeholders=frozenset(
                    _normalise(w) for w in words("alttext_placeholders", DEFAULT_PLACEHOLDERS)
                ),
                prefixes=tuple(
                    _normalise(w) for w in words("alttext_redundant_prefixes", DEFAULT_PREFIXES)
                ),
                max_length=max_length,
                diagram_max_length=diagram_max_length,
                decorative_classes=frozenset(
                    words("alttext_decorative_classes", DEFAULT_DECORATIVE_CLASSES)
                ),
                diagram_nodes=frozenset(words("alttext_diagram_nodes", DEFAULT_DIAGRAM_NODES)),
            ),
            problems,
        )


def _normalise(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation."""
    return _SPACES.sub(" ", text).strip().strip(".,:;!?\"'()[]").strip().lower()


def duplicate_key(alt: str) -> str:
    return _normalise(alt)


def _is_file_name(alt: str, uri: str) -> bool:
    """True when the alt text is the image's address, file name, or bare file stem.

    The stem must match exactly (case included): ``backstage-logo`` for
    ``backstage-logo.png`` is a pasted file name, ``Spotify`` for ``spotify.svg`` is
    an organisation's name.
    """
    if not uri:
        return False
    path = unquote(urlsplit(uri).path) or uri
    base = posixpath.basename(path)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    if _normalise(alt) in {_normalise(uri), _normalise(path), _normalise(base)}:
        return True
    text = alt.strip()
    return bool(stem) and text in {stem, stem.replace("-", " "), stem.replace("_", " ")}


def judge(
    alt: str, uri: str, settings: Settings, *, diagram: bool = False
) -> list[tuple[Subtype, str]]:
    """Problems with a non-empty alt text, each as (subtype, reason and fix).

    Missing and empty alt text are judged by the caller, which knows whether the
    image is decorative and what kind of node it is.
    """
    problems: list[tuple[Subtype, str]] = []
    text = _normalise(alt)
    if not text:
        return problems
    bare = _TRAILING_NUMBER.sub("", _ARTICLE.sub("", text)).strip()
    if text in settings.placeholders or bare in settings.placeholders:
        problems.append((
            Subtype.PLACEHOLDER,
            f"placeholder alt text {alt!r}; say what it shows or what it is for",
        ))
    elif (
        _is_file_name(alt, uri)
        or _URLISH.match(text)
        or (" " not in text and _IMAGE_SUFFIX.search(text))
    ):
        problems.append((
            Subtype.FILENAME,
            f"alt text {alt!r} is a file name or URL; describe what it shows instead",
        ))
    else:
        stripped = _ARTICLE.sub("", text)
        for prefix in settings.prefixes:
            if stripped == prefix or stripped.startswith(prefix + " "):
                problems.append((
                    Subtype.REDUNDANT_PREFIX,
                    f"alt text {alt!r} starts with {prefix!r}; screen readers already announce "
                    "an image, so start with what it shows",
                ))
                break
    length = len(alt.strip())
    limit = settings.diagram_max_length if diagram else settings.max_length
    if length > limit:
        problems.append((
            Subtype.TOO_LONG,
            f"alt text is {length} characters long (maximum {limit}); keep the "
            "short description in the alt text and move the details into a caption or a "
            "long description next to the image",
        ))
    return problems
