"""Find every image a reader can meet in a doctree and judge its alt text.

Checked while reading (``doctree-read``, after every transform, so images that
other extensions add while reading are included), in the reader processes, for
every builder. Images that a post-transform adds later are checked by
:class:`LateImageCheck` when the page is written.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from nodewalk import find_blocks

from .rules import Settings, duplicate_key, judge
from .warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# Set on every node that has been judged, so a later pass skips it.
CHECKED = "alttext_checked"
_HTML_DECORATIVE_ROLES = {"presentation", "none"}


_settings_cache: list = [None, None]  # [config, settings]: one build per process at a time


def settings_for(env: BuildEnvironment) -> Settings:
    """The validated settings, computed once per process and configuration."""
    if _settings_cache[0] is not env.config:
        _settings_cache[:] = [env.config, Settings.from_config(env.config)[0]]
    return _settings_cache[1]


class _ImgParser(HTMLParser):
    """Collect the ``<img>`` tags of a raw HTML fragment with their line offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[int, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append((self.getpos()[0] - 1, dict(attrs)))


def _line_of(node: nodes.Node) -> int | None:
    """The node's line, or its nearest ancestor's (MyST inline images have none)."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def _source_of(node: nodes.Node) -> str | None:
    while node is not None:
        if getattr(node, "source", None):
            return node.source
        node = node.parent
    return None


class Checker:
    """Judge the images of one document and report each problem once."""

    def __init__(self, env: BuildEnvironment, docname: str, doctree: nodes.document) -> None:
        self.env = env
        self.docname = docname
        self.doctree = doctree
        self.settings = settings_for(env)
        self.checked = 0
        self.problems: list[tuple[int, str]] = []
        # alt key -> (identity of the image, line, description) of its first use
        self._seen_alt: dict[str, tuple[str, int | None, str]] = {}
        self._defaults: set[tuple[str, str]] | None = None

    @property
    def fallback_source(self) -> str | None:
        """The page's file, for problems on nodes that carry no source (computed on demand)."""
        return str(self.env.doc2path(self.docname)) if self.docname else self.doctree.get("source")

    @property
    def substitution_defaults(self) -> set[tuple[str, str]]:
        """Images whose alt text docutils filled in with the substitution name.

        Worked out on the first image checked: most pages have no substitution
        definitions, and the late check of most pages meets no image at all.
        (Substitution definitions are block-level: no need to look inside paragraphs.)
        """
        if self._defaults is None:
            self._defaults = {
                (image.get("uri"), image.get("alt"))
                for definition in find_blocks(self.doctree, nodes.substitution_definition)
                for image in definition.findall(nodes.image)
                if image.get("alt") in definition.get("names", [])
            }
        return self._defaults

    # -- walking ---------------------------------------------------------------

    def candidates(self, tree: nodes.Node) -> list[nodes.Element]:
        """Images, raw nodes and diagrams in *tree*, in document order, in one walk.

        Substitution definitions are skipped: the expanded copy in the text is checked
        instead. Whether a node class is wanted is worked out once per class and walk.
        """
        diagram_names = self.settings.diagram_nodes
        kinds: dict[type, bool] = {}
        found = []
        stack = [tree]
        pop, extend = stack.pop, stack.extend
        element, substitution = nodes.Element, nodes.substitution_definition
        while stack:
            node = pop()
            cls = node.__class__
            wanted = kinds.get(cls)
            if wanted is None:
                wanted = kinds[cls] = isinstance(node, (nodes.image, nodes.raw)) or (
                    isinstance(node, element) and node.tagname in diagram_names)
            if wanted:
                found.append(node)
            if isinstance(node, element) and node.children and not isinstance(node, substitution):
                extend(reversed(node.children))
        return found

    def check_tree(self, tree: nodes.Node, *, only_new: bool = False) -> None:
        for node in self.candidates(tree):
            if only_new and node.get(CHECKED):
                continue
            if isinstance(node, nodes.image):
                self.check_image(node)
            elif isinstance(node, nodes.raw):
                if "html" in node.get("format", "").split() and "<img" in node.astext().lower():
                    self.check_raw(node)
            elif node.tagname in self.settings.diagram_nodes:
                self.check_diagram(node)
            else:
                continue
            node[CHECKED] = True

    # -- reporting -------------------------------------------------------------

    def report(self, node: nodes.Node, line: int | None, subtype: Subtype, message: str) -> None:
        config = self.env.config
        if is_suppressed_warning(WARNING_TYPE, subtype.value, config.suppress_warnings):
            return
        self.problems.append((line or 0, subtype.value))
        source = _source_of(node) or self.fallback_source
        location = f"{source}:{line}" if line else source
        log = logger.error if self.settings.severity == "error" else logger.warning
        log("%s", message, location=location, type=WARNING_TYPE, subtype=subtype.value)

    def _quality(
        self, node: nodes.Node, line: int | None, subject: str, alt: str, uri: str, identity: str
    ) -> None:
        diagram = identity.startswith("diagram:")
        for subtype, reason in judge(alt, uri, self.settings, diagram=diagram):
            self.report(node, line, subtype, f"{subject}: {reason}")
        key = duplicate_key(alt)
        first = self._seen_alt.get(key)
        if first is None:
            self._seen_alt[key] = (identity, line, subject)
        elif first[0] != identity:
            where = f" on line {first[1]}" if first[1] else ""
            self.report(
                node, line, Subtype.DUPLICATE,
                f"{subject}: same alt text {alt!r} as {first[2]}{where}; give each image alt "
                "text that tells the reader what is different about it",
            )

    def _is_decorative(self, classes: set[str]) -> bool:
        return bool(classes & self.settings.decorative_classes)

    def _decorative_hint(self) -> str:
        names = sorted(self.settings.decorative_classes)
        return f"the {names[0]!r} class" if names else "a decorative class"

    # -- the three kinds of images ----------------------------------------------

    def check_image(self, node: nodes.image) -> None:
        self.checked += 1
        line = _line_of(node)
        uri = node.get("uri", "")
        classes = set(node.get("classes", []))
        card = any(c.startswith("sd-card-img") for c in classes)
        subject = f"card image {uri!r}" if card else f"image {uri!r}"
        how = " (the card's :img-alt: option)" if card else ""
        if isinstance(node.parent, nodes.figure):
            classes |= set(node.parent.get("classes", []))
        decorative = self._is_decorative(classes)
        alt = node.get("alt")
        note = ""
        if alt is not None and (uri, alt) in self.substitution_defaults:
            note = f" (reST used the substitution name {alt!r})"
            alt = None
        if alt is None:
            if decorative:
                node["alt"] = ""
                return
            self.report(
                node, line, Subtype.MISSING,
                f"{subject} has no alt text{note}; add alt text{how} that says what the image "
                f"shows, or mark a purely decorative image with {self._decorative_hint()}",
            )
            return
        if not alt.strip():
            if decorative:
                node["alt"] = ""
                return
            self.report(
                node, line, Subtype.EMPTY,
                f"{subject} has empty alt text; say what the image shows{how}, or mark a "
                f"purely decorative image with {self._decorative_hint()}",
            )
            return
        if decorative:
            self._report_decorative_with_alt(node, line, subject, alt)
            return
        self._quality(node, line, subject, alt, uri, f"image:{uri}")

    def _report_decorative_with_alt(self, node, line, subject: str, alt: str) -> None:
        self.report(
            node, line, Subtype.DECORATIVE,
            f"{subject} is marked decorative but has alt text {alt!r}; remove the alt text, "
            "or remove the class if the image carries meaning",
        )

    def check_raw(self, node: nodes.raw) -> None:
        parser = _ImgParser()
        try:
            parser.feed(node.astext())
            parser.close()
        except Exception:  # noqa: BLE001 - malformed HTML is not ours to judge
            return
        base = _line_of(node)
        for offset, attrs in parser.images:
            self.checked += 1
            line = base + offset if base else None
            src = attrs.get("src") or ""
            subject = f"HTML <img> {src!r}"
            classes = set((attrs.get("class") or "").split())
            hidden = (attrs.get("role") or "").strip() in _HTML_DECORATIVE_ROLES or (
                (attrs.get("aria-hidden") or "").strip() == "true"
            )
            decorative = self._is_decorative(classes) or hidden
            alt = attrs.get("alt")
            if alt is None and (attrs.get("aria-label") or "").strip():
                alt = attrs["aria-label"]
            if alt is None:
                self.report(
                    node, line, Subtype.RAW_HTML,
                    f'{subject} has no alt attribute; add alt="..." saying what the image shows, '
                    f'or alt="" with {self._decorative_hint()} for a purely decorative image',
                )
                continue
            if not alt.strip():
                if not decorative:
                    self.report(
                        node, line, Subtype.RAW_HTML,
                        f"{subject} has an empty alt attribute; say what the image shows, or "
                        f"mark a purely decorative image with {self._decorative_hint()}",
                    )
                continue
            if decorative:
                self._report_decorative_with_alt(node, line, subject, alt)
                continue
            self._quality(node, line, subject, alt, src, f"image:{src}")

    def check_diagram(self, node: nodes.Element) -> None:
        self.checked += 1
        line = _line_of(node)
        subject = f"{node.tagname} diagram"
        alt = (node.get("alt") or "").strip()
        caption = diagram_caption(node)
        if not alt:
            if not caption:
                self.report(
                    node, line, Subtype.DIAGRAM,
                    f"{subject} has no alt text or caption; add :alt: with one or two sentences "
                    "saying what the diagram shows",
                )
            return
        code = str(node.get("code", "")) or node.astext()
        identity = "diagram:" + hashlib.sha1(code.encode("utf-8")).hexdigest()
        self._quality(node, line, subject, alt, "", identity)


def diagram_caption(node: nodes.Element) -> str:
    """The text of the caption of the figure wrapping a diagram, if any."""
    parent = node.parent
    if isinstance(parent, nodes.figure):
        for child in parent.children:
            if isinstance(child, nodes.caption):
                return child.astext().strip()
    return ""


# -- the read-time pass and its storage -------------------------------------------


def check_read_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: judge every image of the page that was just read."""
    env = app.env
    docname = env.current_document.docname
    checker = Checker(env, docname, doctree)
    checker.check_tree(doctree)
    domain = env.domains[WARNING_TYPE]
    domain.note_page(docname, checker.checked, checker.problems)


class LateImageCheck(SphinxPostTransform):
    """Judge images that a post-transform added after reading (checked once, when written)."""

    default_priority = 990

    def run(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        checker = Checker(self.env, docname, self.document)
        checker.check_tree(self.document, only_new=True)
        if checker.checked:
            late = _late_counts(self.env)
            checked, problems = late.get(docname, (0, 0))
            late[docname] = (checked + checker.checked, problems + len(checker.problems))


def _late_counts(env: BuildEnvironment) -> dict[str, tuple[int, int]]:
    late = getattr(env, "_alttext_late", None)
    if late is None:
        late = env._alttext_late = {}
    return late


def reset_late(app: Sphinx) -> None:
    """``builder-inited``: late counts belong to one run (the write phase is not stored)."""
    app.env._alttext_late = {}


def summarise(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one summary line; in error mode, a failing exit status."""
    if exception is not None or app.env is None:
        return
    domain = app.env.domains[WARNING_TYPE]
    checked, problems, pages = domain.totals()
    for doc_checked, doc_problems in _late_counts(app.env).values():
        checked += doc_checked
        problems += doc_problems
    logger.info(
        "alt text: %d image%s checked on %d page%s, %d problem%s found",
        checked, "" if checked == 1 else "s",
        pages, "" if pages == 1 else "s",
        problems, "" if problems == 1 else "s",
    )
    if problems and settings_for(app.env).severity == "error":
        app.statuscode = 1
