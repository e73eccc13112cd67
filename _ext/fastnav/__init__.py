"""Furo's full sidebar navigation, computed once per build instead of once per page.

Stock Furo renders the whole site's navigation tree for every page: Sphinx resolves the
global toctree for the page, renders it to HTML, and Furo re-parses that HTML with
BeautifulSoup to add the expand/collapse checkboxes. Each page costs time proportional to
the size of the site, so a build costs pages x pages.

Only three things in that HTML depend on the page:

1. the relative links (they depend on the folder of the page's output file; the link to
   the page itself is ``#``);
2. which entries carry the ``current`` class: the page's own entries and all their
   ancestors (``<a>``, ``<li>``, ``<ul>``), and so which checkboxes are ``checked``;
3. which ``<li>`` gets Furo's ``current-page`` class (the last current one).

This extension renders the tree once per build with placeholder links, through the very
code paths stock Sphinx and Furo use, in two variants: no entry current, and every entry
current. Each page's HTML is then assembled from those two variants by swapping in the
"current" tags of the page's own entries and their ancestors, and by filling in the
links (computed once per output folder). The result is byte for byte what stock Furo
produces, and the extension checks that on one page per build before it serves any.

Anything the fast path cannot reproduce exactly goes the stock way: builders other than
``html`` and ``dirhtml`` (``singlehtml``), themes other than Furo, ``toctree`` helpers
replaced by another extension (the 404 page), pages whose toctree ancestors have a
``tocdepth`` or ``only`` directive in their table of contents, link targets with
characters that need escaping, and builds whose toctrees produce warnings.

Configuration (``conf.py``):

``fastnav_enabled`` (default ``True``)
    ``False`` leaves every page to stock Furo.
``fastnav_verify`` (default ``True``)
    Compare the fast result with the stock one on one page per build (the page with the
    deepest navigation branch) and use the stock path for the whole build if they differ.

Parallel builds (``-j``): the template is built in the main process while it writes the
first page, before Sphinx forks its writer processes, which inherit it; each process keeps
its own small cache of links per output folder. Nothing is shared between processes, so
the extension is parallel read and write safe.

Incremental builds: when the navigation tree changes (a page added, removed, renamed or
retitled, a toctree edited), every page is written again so that every sidebar shows the
new tree. Stock Sphinx rewrites only the changed pages and their parents.
"""

from __future__ import annotations

import hashlib
import logging as _logging
import re
import sys
import weakref
from collections import OrderedDict
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

try:  # Furo is optional: without it the extension does nothing.
    import furo as _furo
    from furo.navigation import get_navigation_tree as _furo_get_navigation_tree
except ImportError:  # pragma: no cover
    _furo = None
    _furo_get_navigation_tree = None

__version__ = "1.0"

logger = logging.getLogger(__name__)

#: The arguments Furo passes to the ``toctree`` helper for the sidebar.
FURO_ARGS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: A docname no page can have: the tree resolved for it marks nothing as current.
NEUTRAL = "\x00fastnav-neutral"
TOKEN_RE = re.compile(r"fastnav-9f1c-(\d+)-")
# Link targets that Sphinx's and BeautifulSoup's attribute escaping leave unchanged.
SAFE_URI = re.compile(r"""[^&<>"'@\t\n\r\f\v]*\Z""")
PIECES_RE = re.compile(r"(<[^>]*>)")
TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
CLASS_ATTR_RE = re.compile(r'class="([^"]*)"')
VOID_TAGS = frozenset({"input", "br", "img", "hr", "meta", "link", "wbr", "source"})
FOLDER_CACHE_SIZE = 16


def _token(index: int) -> str:
    return f"fastnav-9f1c-{index}-"


class _TokenBuilder:
    """Stands in for the builder while the neutral tree is resolved.

    Every relative link becomes a placeholder token naming its target; everything else
    is the real builder's.
    """

    def __init__(self, real: Builder) -> None:
        self._real = real
        self.targets: list[str] = []
        self._index: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        index = self._index.get(to)
        if index is None:
            index = self._index[to] = len(self.targets)
            self.targets.append(to)
        return _token(index)


def _neutral_tree(app: Sphinx) -> tuple[nodes.Element | None, list[str], bool]:
    """The global toctree as Furo asks for it, resolved for no page in particular.

    Returns the tree (links are tokens), the token targets, and whether Sphinx logged a
    warning while resolving it (then the stock path must run so the warnings repeat as
    they do without this extension).
    """
    builder = app.builder
    proxy = _TokenBuilder(builder)
    with logging.suppress_logging() as memory:
        tree = global_toctree_for_doc(
            app.env, NEUTRAL, proxy, tags=builder.tags, **FURO_ARGS  # type: ignore[arg-type]
        )
    warned = any(record.levelno >= _logging.WARNING for record in memory.buffer)
    return tree, proxy.targets, warned


def _sensitive_docs(env: BuildEnvironment) -> set[str]:
    """Documents whose place in the tree changes with the page being written.

    Sphinx copies the table of contents of a page's toctree ancestors in full, and
    the others through a filter that applies ``tocdepth`` and ``only`` tags. The two
    copies differ only for documents with a ``tocdepth`` or an ``only`` node.
    """
    from sphinx import addnodes

    sensitive = set()
    for docname, toc in env.tocs.items():
        if "tocdepth" in env.metadata.get(docname, {}):
            sensitive.add(docname)
        elif any(True for _ in toc.findall(addnodes.only)):
            sensitive.add(docname)
    return sensitive


class _Template:
    """The navigation of one build, ready to be specialised for each page."""

    def __init__(
        self,
        builder: StandaloneHTMLBuilder,
        env: BuildEnvironment,
        plain: str,
        current: str,
        targets: list[str],
    ) -> None:
        self.builder = builder
        self.targets = targets
        self.plain = PIECES_RE.split(plain)
        current_pieces = PIECES_RE.split(current)
        if len(current_pieces) != len(self.plain):
            raise ValueError("the two variants of the navigation differ in structure")
        # Tag pieces that change when their entry is current.
        self.current: dict[int, str] = {}
        last_current_page = None
        for index, (a, b) in enumerate(zip(self.plain, current_pieces)):
            if a == b:
                continue
            if index % 2 == 0:  # text between tags never changes
                raise ValueError("the two variants of the navigation differ in text")
            classes = CLASS_ATTR_RE.search(b)
            if classes and "current-page" in classes.group(1).split():
                last_current_page = index
            self.current[index] = b
        if last_current_page is not None:
            # Furo marks only the last current <li> as the current page.
            tag = self.current[last_current_page]
            self.current[last_current_page] = tag.replace(" current-page", "", 1)
        # Token templates: pieces holding links, split at the tokens.
        self.linked: dict[int, list[str]] = {}
        self.linked_current: dict[int, list[str]] = {}
        self.pieces_of_target: dict[int, list[int]] = {}
        for index in range(1, len(self.plain), 2):
            for source, store in ((self.plain, self.linked), (self.current, self.linked_current)):
                text = source.get(index) if isinstance(source, dict) else source[index]
                if text is None or "fastnav-9f1c-" not in text:
                    continue
                parts = TOKEN_RE.split(text)
                store[index] = parts
                for target in parts[1::2]:
                    pieces = self.pieces_of_target.setdefault(int(target), [])
                    if index not in pieces:
                        pieces.append(index)
        # Where each page's own entries are, and the tags to swap when they are current.
        self.marks: dict[str, tuple[list[int], int | None]] = {}
        self._index_marks()
        # URIs of the targets; links to a page's own URI are filled in per page.
        self.uris = [builder.get_target_uri(target) for target in targets]
        self.safe = all(SAFE_URI.match(uri) for uri in self.uris)
        self.uri_owners: dict[str, list[int]] = {}
        for index, uri in enumerate(self.uris):
            self.uri_owners.setdefault(uri, []).append(index)
        self.folders: OrderedDict[str, tuple[list[str], dict[int, str], list[str]]] = (
            OrderedDict()
        )

    def _index_marks(self) -> None:
        """Find, for every target, the tags on the branch of each of its entries."""
        stack: list[tuple[str, int]] = []  # open elements: (tag name, piece index)
        li_inputs: dict[int, int] = {}  # <li> piece -> its own checkbox <input> piece
        branches: dict[int, list[int]] = {}  # target -> tags to swap
        last_li: dict[int, int] = {}
        for index in range(1, len(self.plain), 2):
            tag = self.plain[index]
            match = TAG_NAME_RE.match(tag)
            if not match:
                continue
            closing, name = match.group(1), match.group(2).lower()
            if closing:
                while stack:
                    open_name, _ = stack.pop()
                    if open_name == name:
                        break
                continue
            if name == "input" and stack and stack[-1][0] == "li":
                li_inputs[stack[-1][1]] = index
            if name == "a" and index in self.linked:
                parts = self.linked[index]
                # An entry of a page: a single token with no anchor after it.
                if len(parts) == 3 and parts[2].startswith('"') and parts[1].isdigit():
                    target = int(parts[1])
                    branch = branches.setdefault(target, [])
                    branch.append(index)
                    for open_name, open_index in stack:
                        branch.append(open_index)
                        if open_name == "li":
                            last_li[target] = max(last_li.get(target, -1), open_index)
            if name not in VOID_TAGS and not tag.endswith("/>"):
                stack.append((name, index))
        for target, branch in branches.items():
            swap = set()
            for index in branch:
                if index in self.current:
                    swap.add(index)
                if index in li_inputs and li_inputs[index] in self.current:
                    swap.add(li_inputs[index])
            self.marks[self.targets[target]] = (sorted(swap), last_li.get(target))

    def _folder(self, key: str) -> tuple[list[str], dict[int, str], list[str]]:
        """Pieces with the links of pages in one output folder filled in."""
        cached = self.folders.get(key)
        if cached is not None:
            self.folders.move_to_end(key)
            return cached
        base = f"{key}/\x00" if key else "\x00"
        rels = [relative_uri(base, uri) for uri in self.uris]
        pieces = list(self.plain)
        for index, parts in self.linked.items():
            pieces[index] = _fill(parts, rels)
        current = dict(self.current)
        for index, parts in self.linked_current.items():
            current[index] = _fill(parts, rels)
        cached = (pieces, current, rels)
        self.folders[key] = cached
        if len(self.folders) > FOLDER_CACHE_SIZE:
            self.folders.popitem(last=False)
        return cached

    def render(self, pagename: str) -> str | None:
        """The navigation HTML of one page, or None to let the stock path do it."""
        if not self.safe:
            return None
        uri = self.builder.get_target_uri(pagename)
        key = uri.rsplit("/", 1)[0] if "/" in uri else ""
        pieces, current, folder_rels = self._folder(key)
        out = list(pieces)
        swap, last_li = self.marks.get(pagename, ((), None))
        for index in swap:
            out[index] = current[index]
        if last_li is not None:
            out[last_li] = CLASS_ATTR_RE.sub(
                lambda m: f'class="{m.group(1)} current-page"', out[last_li], count=1
            )
        # Links to the page's own URI: relative_uri() gives '' there (rendered as '#').
        owners = self.uri_owners.get(uri, ())
        if owners:
            rels = {target: self.builder.get_relative_uri(pagename, self.targets[target])
                    for target in owners}
            for target in owners:
                for index in self.pieces_of_target.get(target, ()):
                    source = self.linked_current if index in swap else self.linked
                    parts = source.get(index) or self.linked[index]
                    text = _fill(parts, folder_rels, rels)
                    if index == last_li:
                        text = CLASS_ATTR_RE.sub(
                            lambda m: f'class="{m.group(1)} current-page"', text, count=1
                        )
                    out[index] = text
        return "".join(out)


def _fill(parts: list[str], rels: list[str], override: dict[int, str] | None = None) -> str:
    """Put relative links in place of the tokens of one tag."""
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        target = int(parts[i])
        if override is not None and target in override:
            rel = override[target]
        else:
            rel = rels[target]
        rest = parts[i + 1]
        if not rel and rest.startswith('"'):
            rel = "#"  # Sphinx writes href="#" for an empty link
        out.append(rel)
        out.append(rest)
    return "".join(out)


class _Wrapper:
    """The page's ``toctree`` helper, answering Furo's sidebar call with ``""``.

    Furo turns ``""`` into an empty navigation at no cost; the handler that runs after
    Furo's puts the page's real navigation in its place. Any other call goes to the
    stock helper.
    """

    def __init__(self, original: Any, html: str) -> None:
        self.original = original
        self.html = html
        self.used = False

    def __call__(self, **kwargs: Any) -> Any:
        if (
            not self.used
            and kwargs == FURO_ARGS
            and sys._getframe(1).f_code is _FURO_COMPUTE_CODE
        ):
            self.used = True
            return ""
        return self.original(**kwargs)


_FURO_COMPUTE_CODE = getattr(getattr(_furo, "_compute_navigation_tree", None), "__code__", None)


#: The state of each Sphinx application that loaded the extension (for tests).
STATES: weakref.WeakKeyDictionary[Sphinx, FastNav] = weakref.WeakKeyDictionary()


class FastNav:
    """Per-application state: whether the fast path applies, and the template."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.active = False
        self.template: _Template | None = None
        self.failed = False  # the template could not be built or did not verify
        self.sensitive: set[str] = set()
        self.parent: dict[str, str] = {}
        #: Pages served by the fast path and by stock Furo in this process.
        self.served: list[str] = []
        self.stock: list[str] = []

    # -- lifecycle ---------------------------------------------------------------

    def builder_inited(self, app: Sphinx) -> None:
        self.active = _applies(app)
        self.reset()

    def reset(self, *args: Any) -> None:
        self.template = None
        self.failed = False
        self.served = []
        self.stock = []

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        if self.active:
            logger.verbose(
                "fastnav: %d pages with the fast navigation, %d with stock Furo "
                "(in the main process)",
                len(self.served),
                len(self.stock),
            )

    def env_get_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Rewrite every page when the navigation tree changed since the last build."""
        if not self.active:
            return []
        tree, targets, _ = _neutral_tree(app)
        digest = hashlib.sha256()
        digest.update(repr(targets).encode())
        digest.update((tree.pformat() if tree is not None else "").encode())
        signatures = getattr(env, "fastnav_signatures", None)
        if not isinstance(signatures, dict):
            signatures = env.fastnav_signatures = {}  # type: ignore[attr-defined]
        key = app.builder.name
        previous = signatures.get(key)
        signatures[key] = digest.hexdigest()
        if previous is not None and previous != signatures[key]:
            logger.info("fastnav: the navigation tree changed; writing every page")
            return sorted(env.found_docs)
        return []

    # -- building the template ---------------------------------------------------

    def _build(self) -> None:
        app = self.app
        builder = app.builder
        env = app.env
        tree, targets, warned = _neutral_tree(app)
        if tree is None or warned:
            self.failed = True
            return
        current_tree = tree.deepcopy()
        plain = _furo_get_navigation_tree.__wrapped__(builder.render_partial(tree)["fragment"])
        _mark_all_current(current_tree)
        current = _furo_get_navigation_tree.__wrapped__(
            builder.render_partial(current_tree)["fragment"]
        )
        try:
            template = _Template(builder, env, plain, current, targets)
        except ValueError as exc:
            logger.info("fastnav: using stock navigation (%s)", exc)
            self.failed = True
            return
        self.sensitive = _sensitive_docs(env)
        self.parent = {}
        for parent, children in env.toctree_includes.items():
            self.parent |= dict.fromkeys(children, parent)
        self.template = template
        if _flag(app.config, "fastnav_verify") and not self._verify():
            self.template = None
            self.failed = True

    def _verify(self) -> bool:
        """Compare with stock Furo on the page with the deepest branch."""
        template = self.template
        assert template is not None
        candidates = [
            (len(swap), name)
            for name, (swap, _) in template.marks.items()
            if name in self.app.env.found_docs and self._eligible(name)
        ]
        if not candidates:
            return True
        pagename = max(candidates, key=lambda item: (item[0], item[1]))[1]
        fast = template.render(pagename)
        if fast is None:
            return True
        with logging.suppress_logging():
            stock = _furo_get_navigation_tree.__wrapped__(
                self.app.builder._get_local_toctree(pagename, **FURO_ARGS)
            )
        if fast != stock:
            logger.info(
                "fastnav: the fast navigation of %s differs from stock Furo; "
                "using stock navigation for this build",
                pagename,
            )
            return False
        return True

    def _eligible(self, pagename: str) -> bool:
        """False when the page's toctree ancestors make its tree differ from the template."""
        if not self.sensitive:
            return True
        seen = []
        doc = pagename
        while True:
            if doc in self.sensitive:
                return False
            seen.append(doc)
            doc = self.parent.get(doc)  # type: ignore[assignment]
            if doc is None or doc in seen:
                return True

    def navigation(self, pagename: str) -> str | None:
        if not self.active or self.failed:
            return None
        if self.template is None:
            self._build()
            if self.template is None:
                return None
        if not self._eligible(pagename):
            return None
        return self.template.render(pagename)

    # -- html-page-context -------------------------------------------------------

    def before_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
    ) -> None:
        if not self.active:
            return
        helper = context.get("toctree")
        if not _is_stock_helper(helper, app.builder, pagename):
            self.stock.append(pagename)
            return
        html = self.navigation(pagename)
        if html is None:
            self.stock.append(pagename)
        else:
            self.served.append(pagename)
            context["toctree"] = _Wrapper(helper, html)

    def after_furo(
        self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
    ) -> None:
        helper = context.get("toctree")
        if not isinstance(helper, _Wrapper):
            return
        context["toctree"] = helper.original
        if helper.used and context.get("furo_navigation_tree") == "":
            context["furo_navigation_tree"] = helper.html


def _mark_all_current(tree: nodes.Element) -> None:
    """Give every internal entry and all its ancestors the ``current`` class.

    This is what Sphinx does for the entries of the page being written; doing it for
    all entries at once gives the "current" variant of every tag.
    """
    for reference in list(tree.findall(nodes.reference)):
        if reference.get("anchorname") or not TOKEN_RE.fullmatch(
            reference.get("refuri", "")
        ):
            continue
        node: nodes.Element | None = reference
        while node is not None:
            if "current" not in node["classes"]:
                node["classes"].append("current")
            node = node.parent  # type: ignore[assignment]


def _is_stock_helper(helper: Any, builder: Builder, pagename: str) -> bool:
    """True when ``helper`` is the ``toctree`` lambda Sphinx put in the page context."""
    code = getattr(helper, "__code__", None)
    if code is None or code.co_name != "<lambda>" or code.co_names != ("_get_local_toctree",):
        return False
    try:
        cells = {
            name: cell.cell_contents
            for name, cell in zip(code.co_freevars, helper.__closure__ or ())
        }
    except ValueError:
        return False
    return cells.get("self") is builder and cells.get("pagename") == pagename


def _flag(config: Any, name: str) -> bool:
    """A boolean setting; anything that is not a bool counts as the default, True."""
    value = getattr(config, name, True)
    return value if isinstance(value, bool) else True


def _check_config(app: Sphinx, config: Any) -> None:
    for name in ("fastnav_enabled", "fastnav_verify"):
        value = getattr(config, name, True)
        if not isinstance(value, bool):
            logger.warning("%s must be True or False, not %r; using True", name, value,
                           type="fastnav", subtype="config", once=True)


def _applies(app: Sphinx) -> bool:
    """The fast path serves html and dirhtml builds with the Furo theme."""
    if not _flag(app.config, "fastnav_enabled") or _furo is None or _FURO_COMPUTE_CODE is None:
        return False
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return False
    cls = type(builder)
    if (
        cls.get_relative_uri is not Builder.get_relative_uri
        or cls._get_local_toctree is not StandaloneHTMLBuilder._get_local_toctree
    ):
        return False  # singlehtml and builders with their own link logic
    listeners = app.events.listeners.get("html-page-context", [])
    return any(listener.handler is _furo._html_page_context for listener in listeners)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("fastnav_enabled", True, "", types=frozenset({bool}))
    app.add_config_value("fastnav_verify", True, "", types=frozenset({bool}))
    app.connect("config-inited", _check_config, priority=400)
    state = STATES[app] = FastNav(app)
    app.connect("builder-inited", state.builder_inited)
    app.connect("env-get-updated", state.env_get_updated)
    app.connect("write-started", state.reset)
    app.connect("build-finished", state.build_finished)
    # Furo's own handler runs at the default priority, 500.
    app.connect("html-page-context", state.before_furo, priority=499)
    app.connect("html-page-context", state.after_furo, priority=501)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
