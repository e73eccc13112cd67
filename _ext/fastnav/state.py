"""fastnav's Sphinx wiring: when the fast path applies, and serving each page.

Owns the per-application state (``FastNav``): whether the build qualifies (Furo, the html or
dirhtml builder, Sphinx's own ``toctree`` helper), the template built on the first page
written and checked against stock Furo on one page, the pages whose ancestors make them go
the stock way, the ``html-page-context`` handlers around Furo's own (the wrapper that
answers Furo's sidebar call), and the rewrite of every page when the navigation changed.
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import patch
from .template import Template
from .tree import FURO_ARGS, SAFE_URI, mark_all_current, neutral_tree, sensitive_docs

try:  # Furo is optional: without it the extension does nothing.
    import furo as _furo
    from furo.navigation import get_navigation_tree as _furo_get_navigation_tree
except ImportError:  # pragma: no cover
    _furo = None
    _furo_get_navigation_tree = None

logger = logging.getLogger("fastnav")


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


class FastNav:
    """Per-application state: whether the fast path applies, and the template."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.active = False
        self.template: Template | None = None
        self.failed = False  # the template could not be built or did not verify
        self.sensitive: set[str] = set()
        self.parent: dict[str, str] = {}
        #: Pages served by the fast path and by stock Furo in this process.
        self.served: list[str] = []
        self.stock: list[str] = []
        #: Documents read in this build (incremental builds).
        self.reread: set[str] = set()
        #: Pages whose navigation is swapped after writing, and the previous build's
        #: template (what their files hold now).
        self.pending: set[str] = set()
        self.old_template: Template | None = None
        #: Pages whose navigation was swapped in this build, and those written in full.
        self.swapped: list[str] = []
        self.written: set[str] = set()
        #: The template was built before writing (in ``env-get-updated``): keep it.
        self.prebuilt = False

    # -- lifecycle ---------------------------------------------------------------

    def builder_inited(self, app: Sphinx) -> None:
        self.active = _applies(app)
        self.prebuilt = False
        self.pending = set()
        self.old_template = None
        self.reset()
        if self.active:
            builder = app.builder
            original = builder.write_documents

            def write_documents(docnames: Any) -> None:
                original(docnames)
                self.written = set(docnames)
                self.swap()

            builder.write_documents = write_documents  # type: ignore[method-assign]

    def before_read(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.reread = set(docnames)

    def reset(self, *args: Any) -> None:
        self.served = []
        self.stock = []
        self.swapped = []
        self.written = set()
        if self.prebuilt:  # built for this build in env-get-updated
            self.prebuilt = False
            return
        self.template = None
        self.failed = False

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        if self.pending and exception is None:
            self.swap()  # nothing was written, so write_documents did not run
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
        tree, targets, _ = neutral_tree(app)
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
            plan = self._plan_swap(app, env)
            if plan is None:
                logger.info("fastnav: the navigation tree changed; writing every page")
                return sorted(env.found_docs)
            full, self.pending = plan
            logger.info("fastnav: the navigation tree changed; writing %d pages, "
                        "new navigation in %d others", len(full), len(self.pending))
            return sorted(full)
        return []

    def _plan_swap(
        self, app: Sphinx, env: BuildEnvironment
    ) -> tuple[set[str], set[str]] | None:
        """Which pages need a full write when only the navigation changed elsewhere.

        None when every page must be written: documents added or removed, the previous
        navigation unknown, or the fast path not available (see ``patch``).
        """
        old = patch.load(app)
        if old is None or set(old.get("docs", ())) != env.found_docs or not self.reread:
            return None
        builder = app.builder
        if not all(SAFE_URI.match(builder.get_target_uri(doc)) for doc in self.reread):
            return None
        try:
            old_template = Template(builder, env, old["plain"], old["current"], old["targets"])
        except (KeyError, TypeError, ValueError):
            return None
        # As Builder.write() does before writing, so the parents found are the same.
        env.toctree_includes = dict(sorted(env.toctree_includes.items()))
        self.template = None
        self.failed = False
        self._build()
        if self.template is None:
            return None
        self.prebuilt = True
        self.old_template = old_template
        return patch.plan(app, old, old_template, self.template, self._eligible, self.reread)

    def swap(self) -> None:
        """Put the new navigation into the pages that were not written in full."""
        pending, self.pending = self.pending, set()
        old_template, self.old_template = self.old_template, None
        todo = pending - self.written
        if todo:
            if old_template is None or self.template is None:  # pragma: no cover
                raise RuntimeError("fastnav: the navigation to swap in is gone")
            self.swapped = patch.swap(self.app, todo, old_template, self.template)
            logger.verbose("fastnav: new navigation swapped into %d pages", len(self.swapped))

    # -- building the template ---------------------------------------------------

    def _build(self) -> None:
        app = self.app
        builder = app.builder
        env = app.env
        tree, targets, warned = neutral_tree(app)
        if tree is None or warned:
            self.failed = True
            patch.forget(app)
            return
        verify = _flag(app.config, "fastnav_verify")
        key = _cache_key(app, tree, targets, verify)
        cached = patch.load(app)
        if cached is not None and cached.get("key") == key and cached.get("targets") == targets:
            # The same tree, rendered and checked by an earlier build with the same
            # versions and settings: reuse its two variants (a text edit, no change).
            plain, current, verified = cached["plain"], cached["current"], True
        else:
            current_tree = tree.deepcopy()
            plain = _furo_get_navigation_tree.__wrapped__(
                builder.render_partial(tree)["fragment"]
            )
            mark_all_current(current_tree)
            current = _furo_get_navigation_tree.__wrapped__(
                builder.render_partial(current_tree)["fragment"]
            )
            verified = False
        try:
            template = Template(builder, env, plain, current, targets)
        except ValueError as exc:
            logger.info("fastnav: using stock navigation (%s)", exc)
            self.failed = True
            patch.forget(app)
            return
        self.sensitive = sensitive_docs(env)
        self.parent = {}
        for parent, children in env.toctree_includes.items():
            self.parent |= dict.fromkeys(children, parent)
        self.template = template
        if verify and not verified and not self._verify():
            self.template = None
            self.failed = True
            patch.forget(app)
            return
        patch.save(app, plain, current, targets, key)

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


def _cache_key(app: Sphinx, tree: Any, targets: list[str], verify: bool) -> str:
    """What the rendered navigation depends on: the tree, the versions, the settings."""
    import docutils
    import sphinx

    from . import __version__

    build_info = getattr(app.builder, "build_info", None)
    digest = hashlib.sha256()
    for part in (
        __version__, sphinx.__version__, docutils.__version__,
        getattr(_furo, "__version__", ""), app.builder.name, str(verify),
        getattr(build_info, "config_hash", ""), getattr(build_info, "tags_hash", ""),
        repr(targets), tree.pformat(),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


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
