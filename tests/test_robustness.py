"""Robustness of the project's extensions under bad input.

Property-based tests (Hypothesis) feed arbitrary text, option values and Unicode to every
directive of the project's extensions and to the adopters data file. Whatever the input:

* the build finishes: no exception, no traceback in the output;
* every problem is a located warning; the project's own warnings always carry the file,
  the line and ``[type.subtype]``. (Warnings of docutils, MyST and Sphinx core must have a
  location too; some of Sphinx's own carry no type, so the tag is not required of them.
  Warnings about ``conf.py`` name the option instead of a line.)

Each example is a fresh build (``freshenv``) of a tiny project with the ``basic`` theme in a
source folder reused across examples; Sphinx's and docutils' global state is cleaned up after
every application. Then: markup in writers' text and metadata is escaped in the HTML, and
malformed ``conf.py`` values get a clear message naming the option and what is allowed.

Content shown on other pages (definition bodies in the glossary index and hover text,
callouts in the audience lists, lead paragraphs in the indexes, article summaries) is drawn
from every kind a writer may use: images, figures, Mermaid, code, tables, admonitions,
footnotes, nested directives, cross-references, substitutions, raw HTML. Those projects are
built with ``sphinx-build`` in a child process, serially and with ``-j 2``, each build with
a time limit (``BUILD_TIMEOUT``), so that a hang fails the test instead of the suite.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

REPO = Path(__file__).resolve().parent.parent
PROJECT_TYPES = {"docmeta", "autogloss", "kb", "alttext", "adopters", "diagramtext", "fastnav"}

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

CONF = """\
import sys
sys.path.insert(0, {ext!r})
extensions = ["myst_parser", "sphinxcontrib.mermaid", {extensions}]
html_theme = "basic"
root_doc = "index"
show_warning_types = True
nitpicky = True
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
docmeta_roles = {{"admin": "Administrator", "developer": "Developer", "all": "Everyone"}}
docmeta_types = {{"task": "Task", "reference": "Reference", "conceptual": "Conceptual"}}
docmeta_aliases = {{"operator": "admin"}}
docmeta_require_next_steps = False
kb_topics = {{"product": "Product", "database": "Database"}}
kb_folder = "kb"
kb_today = "2026-11-25"
alttext_severity = "warning"
{extra}
"""

# -- building ------------------------------------------------------------------------------


class Result:
    def __init__(self, app: SphinxTestApp, warnings: str, status: str):
        self.app = app
        self.warnings = warnings
        self.status = status
        self.outdir = Path(app.outdir)

    def html(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")


def build(
    srcdir: Path,
    files: dict[str, str],
    extensions: tuple[str, ...],
    extra_conf: str = "",
    builder: str = "html",
    confoverrides: dict | None = None,
) -> Result:
    """A fresh build of ``files`` in ``srcdir`` (emptied first); the app is cleaned up."""
    shutil.rmtree(srcdir, ignore_errors=True)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        CONF.format(ext=str(REPO / "_ext"), extensions=", ".join(map(repr, extensions)),
                    extra=extra_conf),
        encoding="utf-8",
    )
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    status, warning = io.StringIO(), io.StringIO()
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True, status=status,
                        warning=warning, confoverrides=confoverrides or {})
    try:
        app.build()
    finally:
        app.cleanup()
    return Result(app, strip_escape_sequences(warning.getvalue()),
                  strip_escape_sequences(status.getvalue()))


# A warning record starts with "<location>: WARNING: " (or ERROR / CRITICAL) and may run
# over several lines; the "[type.subtype]" tag ends the record.
_RECORD_START = re.compile(r"^(?P<loc>.*?):? ?(?P<level>WARNING|ERROR|CRITICAL): ", re.M)
_TAG = re.compile(r"\[(?P<type>[\w-]+)(?:\.(?P<subtype>[\w-]+))?\]\s*$")
_SPHINX_CONFIG_TYPE = re.compile(r"WARNING: The config value `\w+' has type `\w+'")
_LOCATION = re.compile(r"^(?P<file>[^\n]+?)(?::(?P<line>\d+))?$")


def records(text: str) -> list[str]:
    starts = [m.start() for m in _RECORD_START.finditer(text)]
    return [text[a:b].rstrip("\n") for a, b in zip(starts, [*starts[1:], len(text)])]


def assert_robust(result: Result) -> None:
    """No traceback, and every warning is located and typed."""
    for stream in (result.warnings, result.status):
        assert "Traceback" not in stream, stream
        assert "Exception occurred" not in stream, stream
    for record in records(result.warnings):
        start = _RECORD_START.match(record)
        tag = _TAG.search(record)
        if _SPHINX_CONFIG_TYPE.search(record):
            continue  # Sphinx's own check of conf.py types: names the option and the type
        loc = _LOCATION.match(start["loc"]) if start["loc"] else None
        if tag and "config" in (tag["type"], tag["subtype"]):
            continue  # about conf.py as a whole: named by the option, not by a line
        assert loc, f"warning without a location:\n{record}"
        # Some of Sphinx's own warnings carry no type (toctree glob matched nothing...);
        # every warning of the project's extensions does.
        if tag and tag["type"] in PROJECT_TYPES:
            assert loc["line"], f"project warning without a line number:\n{record}"
            assert tag["subtype"], f"project warning without a subtype:\n{record}"
            # The file is inside the project (a page or a data file).
            assert Path(loc["file"].split(":")[0]).exists() or "<" in loc["file"], record


# -- strategies ----------------------------------------------------------------------------

# Arbitrary Unicode, weighted towards characters that mean something to Markdown, reST,
# YAML and HTML.
SPECIAL = st.sampled_from(list("`*_[]{}()<>&\"':;,#|\\/-=+!~.\n\t \u00a0\u200b\u202e"
                               "\ufeff\u0301éßあ😀"))
TEXT = st.text(alphabet=st.one_of(st.characters(exclude_categories=("Cs",)), SPECIAL),
               max_size=40)
LINE = TEXT.map(lambda s: s.replace("\n", " ").replace("\r", " "))


def fence(name: str, argument: str = "", options: dict[str, str] | None = None,
          body: str = "") -> str:
    opts = "".join(f":{k}: {v}\n" for k, v in (options or {}).items())
    return f"````{{{name}}} {argument}\n{opts}{body}\n````\n"


PAGE_HEAD = "# {title}\n\n```{{audience}} admin\n```\n\n```{{doc-type}} reference\n```\n\n"


def page(title: str, body: str) -> str:
    return PAGE_HEAD.format(title=title) + "First sentence of the page.\n\n" + body


INDEX = page("Home", "```{toctree}\n:glob:\n\n*\nkb/*\n```\n")


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("robust") / "src"


# -- property-based tests, one per directive ---------------------------------------------


@EXAMPLES
@given(term=LINE, aliases=LINE, see_also=LINE, body=TEXT, ref=LINE,
       level=st.one_of(st.none(), LINE))
def test_define_and_glossary_index_survive_any_input(srcdir, term, aliases, see_also, body,
                                                     ref, level):
    opts = {"aliases": aliases, "see-also": see_also}
    gloss_opts = {"heading-level": level} if level is not None else {}
    files = {
        "index.md": INDEX,
        "concepts.md": page("Concepts", fence("define", term, opts, body)
                            + f"\nUses {{term}}`{ref}` and {{term}}`x <{term}>`.\n"),
        "glossary.md": page("Glossary", fence("glossary-index", "", gloss_opts)),
    }
    assert_robust(build(srcdir, files, ("docmeta", "autogloss")))


@EXAMPLES
@given(audience=LINE, doc_type=LINE, callout=LINE, body=TEXT, under=LINE, types=LINE)
def test_docmeta_directives_survive_any_input(srcdir, audience, doc_type, callout, body,
                                              under, types):
    files = {
        "index.md": INDEX,
        "a.md": f"# A page\n\n```{{audience}} {audience}\n```\n\n"
                f"```{{doc-type}} {doc_type}\n```\n\nFirst sentence.\n\n"
                + fence("audience", callout, None, body or "Body."),
        "roles.md": "(audience-admin)=\n" + page("Admin pages", fence(
            "audience-index", audience or "admin", {"type": types, "under": under}))
        + fence("doc-type-index", doc_type or "task", {"audience": audience, "under": under})
        + fence("docmeta-matrix", "", {"under": under}),
    }
    assert_robust(build(srcdir, files, ("docmeta",)))


KB_OPTION = st.one_of(LINE, st.sampled_from(["product", "2026-02-30", "2026-01-01", "",
                                             "9999-12-31", "1.47+", "database, product"]))


@EXAMPLES
@given(topics=KB_OPTION, keywords=KB_OPTION, applies=KB_OPTION, reviewed=KB_OPTION,
       title=LINE, ref=LINE, drop=st.sets(st.sampled_from(
           ["topics", "keywords", "applies-to", "reviewed"])))
def test_kb_directives_survive_any_input(srcdir, topics, keywords, applies, reviewed, title,
                                         ref, drop):
    opts = {"topics": topics, "keywords": keywords, "applies-to": applies,
            "reviewed": reviewed}
    for name in drop:
        del opts[name]
    article = f"# {title or 'Question'}\n\n" + fence("kb-article", "", opts) + "\nAnswer.\n"
    files = {
        "index.md": page("Home", "```{toctree}\n:glob:\n\n*\nkb/index\n```\n"
                         f"\nSee {{kb:ref}}`{ref}` and {{kb:ref}}`kb/one`.\n"),
        "kb/index.md": "# Knowledge base\n\n```{kb-index}\n```\n\n"
                       "```{toctree}\n:glob:\n\n*\n```\n",
        "kb/one.md": article,
        "kb/two.md": "# Two\n\n" + fence("kb-article", "", {
            "topics": "product", "keywords": keywords, "applies-to": "1.47+",
            "reviewed": "2026-10-01"}) + "\nAnswer.\n",
        "other.md": page("Elsewhere", fence("kb-article", "", opts)),
    }
    assert_robust(build(srcdir, files, ("docmeta", "kb")))


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@EXAMPLES
@given(alt=st.one_of(st.none(), LINE), md_alt=LINE, classes=LINE, diagram=TEXT,
       diagram_alt=st.one_of(st.none(), LINE),
       # sphinxcontrib-mermaid 2.1.1 itself raises IndexError on an empty :caption:, so
       # captions here always start with a word.
       caption=st.one_of(st.none(), LINE.map(lambda s: "Caption " + s)),
       html_alt=LINE)
def test_images_and_diagrams_survive_any_alt_text(srcdir, alt, md_alt, classes, diagram,
                                                  diagram_alt, caption, html_alt):
    image_opts = {"class": classes}
    if alt is not None:
        image_opts["alt"] = alt
    mermaid_opts = {}
    if diagram_alt is not None:
        mermaid_opts["alt"] = diagram_alt
    if caption is not None:
        mermaid_opts["caption"] = caption
    body = (fence("image", "img/one.png", image_opts)
            + f"\n![{md_alt.replace(']', '')}](img/one.png)\n\n"
            + fence("figure", "img/one.png", {"alt": md_alt}, "A caption.")
            + fence("mermaid", "", mermaid_opts, diagram or "graph TD; A-->B")
            + f'\n<img src="img/one.png" alt="{html_alt.replace(chr(34), "")}">\n')
    files = {"index.md": INDEX, "pics.md": page("Pictures", body), "img/one.png": PNG}
    assert_robust(build(srcdir, files, ("docmeta", "alttext")))


@EXAMPLES
@given(diagram=TEXT, alt=st.one_of(st.none(), LINE), label=LINE)
def test_diagram_text_survives_any_description(srcdir, diagram, alt, label):
    opts = {"alt": alt} if alt is not None else {}
    files = {"index.md": "# Home\n\n" + fence("mermaid", "", opts, diagram or "graph TD; A")}
    result = build(srcdir, files, ("diagramtext",), builder="text", confoverrides={
        "diagramtext_formats": ["text"], "diagramtext_when": "always",
        "diagramtext_label": label})
    assert_robust(result)


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                   TEXT, st.dates())
YAML_VALUE = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                    st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8)
ENTRY = st.fixed_dictionaries(
    {},
    optional={"name": st.one_of(TEXT, SCALAR), "website": st.one_of(
        st.sampled_from(["https://a.example", "http://b.example/x", "ftp://c", ""]), TEXT),
        "logo": st.one_of(st.sampled_from(["logo.png", "../../etc/passwd", "/abs.png", ""]),
                          YAML_VALUE),
        "icon": st.one_of(st.sampled_from(["spotify", "netflix", "nixos", "no-such-brand",
                                           "", "../spotify"]), YAML_VALUE),
        "description": YAML_VALUE, "extra": YAML_VALUE},
)


@EXAMPLES
@given(data=st.one_of(
    st.lists(st.one_of(ENTRY, YAML_VALUE), max_size=5).map(
        lambda v: yaml.safe_dump(v, allow_unicode=True)),
    TEXT,
    st.binary(max_size=60),
), sort=st.one_of(st.none(), st.sampled_from(["name", "none"]), LINE), arg=LINE,
   compact=st.booleans(), limit=st.one_of(st.none(), st.integers(-2, 5).map(str), LINE))
def test_adopters_survive_any_data_file(srcdir, data, sort, arg, compact, limit):
    opts = {"sort": sort} if sort is not None else {}
    if compact:
        opts["compact"] = ""
    if limit is not None:
        opts["limit"] = limit
    files = {
        "index.md": "# Adopters\n\n" + fence("adopters", "adopters.yaml", opts)
                    + "\n" + fence("adopters", arg or "none.yaml"),
        "adopters.yaml": data,
        "logo.png": PNG,
    }
    assert_robust(build(srcdir, files, ("adopters",)))


# -- real content inside directive bodies, serial and parallel ---------------------------
#
# What a writer may put in the bodies that the extensions show on other pages (definitions
# in the glossary index and hover text, callouts in the audience lists, lead paragraphs in
# the role, type and knowledge-base indexes). Each fragment is valid MyST on its own.

FRAGMENTS = {
    "image": "```{image} img/one.png\n:alt: A small square\n```\n",
    "markdown image": "A square: ![A small square](img/one.png) inline.\n",
    "figure": "```{figure} img/one.png\n:alt: A small square\n\nA caption.\n```\n",
    "mermaid": "```{mermaid}\n:alt: Two boxes joined by an arrow\n\ngraph TD; A-->B\n```\n",
    "code": "```python\nprint('code first')\n```\n",
    "table": "| Name | Value |\n|---|---|\n| a | 1 |\n",
    "admonition": ":::{note}\nA note with an image:\n\n```{image} img/one.png\n"
                  ":alt: A small square\n```\n:::\n",
    "footnote": "Text with a footnote.[^fn1]\n\n[^fn1]: The footnote text.\n",
    "nested define": "```{define} Inner term\nThe inner term explained.\n```\n",
    "nested glossary index": "```{glossary-index}\n```\n",
    "nested callout": "```{audience} developer\nFor developers only.\n```\n",
    "nested role index": "```{audience-index} admin\n```\n",
    "nested kb index": "```{kb-index}\n```\n",
    "toctree": "```{toctree}\nother\n```\n",
    "cross-references": "See {doc}`other`, {ref}`the label <other-label>`, [the page](other.md), "
                        "[a heading](#a-heading) and {term}`Widget`.\n",
    "substitution": "Release {{ rel }} is described.\n",
    "raw html": '<div class="raw-box"><b>Raw</b> HTML block.</div>\n',
    "inline raw html": "Inline <b>raw</b> HTML.\n",
    "math": "```{math}\n:label: eq-one\na^2 + b^2\n```\n",
    "prose": "A plain sentence. Another sentence.\n",
}
BODY = st.lists(st.sampled_from(sorted(FRAGMENTS)), max_size=4, unique=True).map(
    lambda kinds: "\n".join(FRAGMENTS[k] for k in kinds))

NESTED_CONF = """\
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"rel": "1.55.0"}
"""
NESTED_EXTENSIONS = ("docmeta", "autogloss", "kb", "alttext")
# A build that takes longer than this has hung (a tiny project builds in seconds).
BUILD_TIMEOUT = 120
BUILD_EXAMPLES = settings(EXAMPLES, max_examples=6)


def nested_files(define: str, callout: str, lead: str, article: str) -> dict:
    """A small project with the bodies in every place whose content is shown elsewhere."""
    files = {
        "index.md": "(audience-admin)=\n" + page(
            "Home", "```{toctree}\n:glob:\n\n*\nkb/index\n```\n\n"
            "```{audience-index} admin\n```\n\n```{audience-index} developer\n```\n\n"
            "```{doc-type-index} reference\n```\n"),
        "concepts.md": page("Concepts", "## A heading\n\n" + fence("define", "Widget", {
            "aliases": "Gadget"}, define) + "\n" + fence("audience", "admin", None, callout)
            + "\nUses {term}`Widget`.\n"),
        "other.md": "(other-label)=\n# Other\n\n```{audience} admin\n```\n\n"
                    "```{doc-type} reference\n```\n\n" + (lead or "Lead.") + "\n\n"
                    "Links {term}`Widget` and {term}`Gadget`.\n",
        "glossary.md": page("Glossary", "```{glossary-index}\n```\n"),
        "kb/index.md": "# Knowledge base\n\n```{kb-index}\n```\n\n"
                       "```{toctree}\n:glob:\n\n*\n```\n",
        "kb/one.md": "# Question\n\n" + fence("kb-article", "", {
            "topics": "product", "keywords": "alpha", "reviewed": "2026-10-01"})
            + "\n" + (article or "Answer.") + "\n",
        "kb/two.md": "# Other question\n\n" + fence("kb-article", "", {
            "topics": "product", "keywords": "alpha", "reviewed": "2026-10-01"})
            + "\nAnother answer.\n",
        "img/one.png": PNG,
    }
    for i in range(4):  # enough pages for Sphinx to split them between processes
        files[f"filler{i}.md"] = page(f"Filler {i}", "Mentions {term}`Widget`.\n")
    return files


def build_cli(srcdir: Path, files: dict, extensions: tuple[str, ...], jobs: int,
              extra_conf: str = "") -> Result:
    """``sphinx-build -E -j jobs`` in a child process that must end within BUILD_TIMEOUT.

    A hang (a parallel build whose workers wait forever) fails the test instead of
    hanging the suite: the child and its workers are killed.
    """
    shutil.rmtree(srcdir, ignore_errors=True)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        CONF.format(ext=str(REPO / "_ext"), extensions=", ".join(map(repr, extensions)),
                    extra=extra_conf), encoding="utf-8")
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    outdir = srcdir.parent / f"out-j{jobs}"
    shutil.rmtree(outdir, ignore_errors=True)
    argv = [sys.executable, "-m", "sphinx", "-E", "-b", "html", "-j", str(jobs),
            str(srcdir), str(outdir), "-d", str(outdir / ".doctrees")]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        out, err = proc.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"sphinx-build -j {jobs} did not end within {BUILD_TIMEOUT} s")
    assert proc.returncode == 0, f"sphinx-build -j {jobs} failed:\n{err[-3000:]}"

    class _App:  # what Result reads from an application
        pass

    app = _App()
    app.outdir = outdir
    return Result(app, strip_escape_sequences(err), strip_escape_sequences(out))


@BUILD_EXAMPLES
@given(define=BODY, callout=BODY, lead=BODY, article=BODY)
def test_any_content_in_bodies_shown_elsewhere_builds_serial_and_parallel(
        srcdir, define, callout, lead, article):
    files = nested_files(define, callout, lead, article)
    for jobs in (1, 2):
        result = build_cli(srcdir, files, NESTED_EXTENSIONS, jobs, NESTED_CONF)
        assert_robust(result)
        # The copied definition is in the glossary index, whatever it holds.
        glossary = BeautifulSoup(result.html("glossary"), "html.parser")
        assert any(dt.get_text(" ", strip=True).startswith("Widget")
                   for dt in glossary.select("dl.autogloss-index-list > dt"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_kind_of_content_in_one_definition(tmp_path, jobs):
    """Every kind at once in one definition: what the glossary index keeps and leaves out."""
    define = "Widgets hold things.\n\n" + "\n".join(FRAGMENTS[k] for k in sorted(FRAGMENTS)
                                                    if k != "prose")
    callout = "\n".join(FRAGMENTS[k] for k in ("code", "raw html", "prose"))
    lead = FRAGMENTS["inline raw html"]
    files = nested_files(define, callout, lead, FRAGMENTS["footnote"])
    result = build_cli(tmp_path / "src", files, NESTED_EXTENSIONS, jobs, NESTED_CONF)
    assert_robust(result)
    soup = BeautifulSoup(result.html("glossary"), "html.parser")
    entry = next(dd for dt, dd in zip(soup.select("dl.autogloss-index-list > dt"),
                                      soup.select("dl.autogloss-index-list > dd"))
                 if dt.get_text(" ", strip=True).startswith("Widget"))
    # Kept, and valid on the glossary page: images point into _images, the diagram,
    # code, table, admonition, raw HTML, substitution and cross-references.
    srcs = {img["src"] for img in entry.find_all("img")}
    assert srcs == {"_images/one.png"}, srcs
    assert (result.outdir / "_images" / "one.png").exists()
    assert entry.find(class_="mermaid") is not None
    assert entry.find("table") is not None
    assert entry.find(class_="admonition") is not None
    assert entry.find("div", class_="raw-box") is not None
    assert "Release 1.55.0" in entry.get_text()
    hrefs = {a.get("href") for a in entry.find_all("a")}
    assert "other.html" in hrefs  # {doc} and the Markdown link
    assert "concepts.html#a-heading" in hrefs  # an anchor of the defining page
    # Left out on purpose: footnote markers and text, the nested definition (it has its own
    # entry), nested indexes and toctrees, anchors; the copy carries no ids at all.
    assert "The footnote text" not in entry.get_text()
    assert entry.find(class_="footnote-reference") is None
    assert "The inner term explained" not in entry.get_text()
    assert any(dt.get_text(" ", strip=True).startswith("Inner term")
               for dt in soup.select("dl.autogloss-index-list > dt"))
    assert entry.find(class_="autogloss-index") is None
    assert entry.find(class_="toctree-wrapper") is None
    # No anchors copied (only the hover texts of term links carry ids).
    assert all("autogloss-tip" in tag.get("class", []) for tag in entry.find_all(id=True))
    # Hover text and summaries are prose: no code, no raw HTML markup.
    other = BeautifulSoup(result.html("other"), "html.parser")
    tips = [t.get_text() for t in other.select(".autogloss-tip")]
    assert tips and all(t.startswith("Widgets hold things.") for t in tips), tips
    home = BeautifulSoup(result.html("index"), "html.parser").get_text()
    assert "Inline raw HTML." in home and "<b>" not in home
    assert "print(" not in home and "raw-box" not in home
    kb = BeautifulSoup(result.html("kb/index"), "html.parser").get_text()
    assert "Text with a footnote." in kb and "fn1" not in kb


def test_glossary_index_inside_a_definition_on_its_own_page(tmp_path):
    """The definition holding the index is copied into it, not moved (no cycle, no hang)."""
    files = nested_files("Widgets hold things.", "Callout.", "Lead.", "Answer.")
    files["glossary.md"] = page("Glossary", fence(
        "define", "Host term", None, "The host term.\n\n```{glossary-index}\n```\n"))
    for jobs in (1, 2):
        result = build_cli(tmp_path / "src", files, NESTED_EXTENSIONS, jobs, NESTED_CONF)
        assert_robust(result)
        text = BeautifulSoup(result.html("glossary"), "html.parser").get_text()
        assert "Widgets hold things." in text and "The host term." in text


# -- markup is escaped ---------------------------------------------------------------------

EVIL = "<script>alert(1)</script>"
EVIL_B = "<img src=x onerror=alert(2)>"  # no quotes: smart quotes would change them


def assert_inert(result: Result) -> None:
    """No writer-supplied markup became HTML: no script tag, no injected element.

    The markup goes into names, options, data and settings, and into code spans in the
    text. (Raw HTML written in a page's Markdown is MyST's own feature and passes through.)
    """
    for path in result.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert EVIL not in html, path
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert "alert(" not in (script.string or ""), path
        assert not soup.find("img", src="x"), path
        for tag in soup.find_all(True):
            assert not any(a.startswith("on") for a in tag.attrs), (path, tag)


def test_glossary_term_markup_is_escaped(tmp_path):
    files = {
        "index.md": INDEX,
        "concepts.md": page("Concepts", fence(
            "define", EVIL, {"aliases": EVIL_B},
            f"A term named `{EVIL}`. Its definition mentions `{EVIL_B}` too.")
            + f"\nLinks: {{term}}`{EVIL}` and {{term}}`the alias <{EVIL_B}>`.\n"),
        "glossary.md": page("Glossary", "```{glossary-index}\n```\n"),
    }
    result = build(tmp_path / "src", files, ("docmeta", "autogloss"))
    assert "autogloss" not in result.warnings, result.warnings
    assert_inert(result)
    soup = BeautifulSoup(result.html("glossary"), "html.parser")
    assert EVIL in soup.get_text()  # shown as text
    soup = BeautifulSoup(result.html("concepts"), "html.parser")
    assert EVIL in soup.get_text()
    # The hover text of the term link is the escaped first sentence.
    assert "A term named" in soup.get_text()


def test_kb_keyword_markup_is_escaped(tmp_path):
    files = {
        "index.md": page("Home", "```{toctree}\nkb/index\n```\n"),
        "kb/index.md": "# Knowledge base\n\n```{kb-index}\n```\n\n```{toctree}\n:glob:\n\n*\n```\n",
        "kb/a.md": "# Question\n\n" + fence("kb-article", "", {
            "topics": "product", "keywords": f"{EVIL}, {EVIL_B}", "applies-to": EVIL,
            "reviewed": "2026-10-01"}) + "\nAnswer.\n",
    }
    result = build(tmp_path / "src", files, ("docmeta", "kb"))
    assert_inert(result)
    for name in ("kb/a", "kb/index"):
        assert EVIL in BeautifulSoup(result.html(name), "html.parser").get_text(), name


def test_audience_callout_title_and_labels_are_escaped(tmp_path):
    files = {
        "index.md": "(audience-developer)=\n" + page(
            "Home", "```{toctree}\n:glob:\n\n*\n```\n\n"
            + fence("audience", "developer", None, f"Only for `{EVIL}`.")
            + fence("audience-index", "developer")),
    }
    roles = {"admin": "Administrator", "developer": EVIL, "all": EVIL_B}
    result = build(tmp_path / "src", files, ("docmeta",), confoverrides={
        "docmeta_roles": roles, "docmeta_audience_caption": EVIL_B,
        "suppress_warnings": ["docmeta.no_index_page"]})
    assert "Traceback" not in result.warnings
    assert_inert(result)
    text = BeautifulSoup(result.html(), "html.parser").get_text()
    assert f"{EVIL_B}: {EVIL}" in text  # the callout title, as text


def test_adopter_name_is_escaped(tmp_path):
    data = yaml.safe_dump([
        {"name": EVIL, "website": "https://a.example", "logo": "logo.png",
         "description": EVIL_B},
        {"name": EVIL_B, "website": 'https://b.example/"><script>alert(3)</script>'},
        {"name": EVIL + "2", "website": "https://c.example", "icon": "spotify",
         "description": EVIL_B},
    ])
    files = {"index.md": "# Adopters\n\n```{adopters} adopters.yaml\n```\n\n"
                         "```{adopters} adopters.yaml\n:compact:\n```\n",
             "adopters.yaml": data, "logo.png": PNG}
    result = build(tmp_path / "src", files, ("adopters",))
    assert_robust(result)
    assert_inert(result)
    soup = BeautifulSoup(result.html(), "html.parser")
    assert soup.find("img", alt=EVIL), "the logo's alt text is the name, as text"
    assert soup.find("svg", attrs={"aria-label": EVIL + "2"}), "the icon's label, as text"
    assert EVIL_B in soup.get_text()
    assert "alert(3)" not in str(soup.find("script")) if soup.find("script") else True


# -- malformed conf.py values --------------------------------------------------------------

# (extension, option, bad value, words the message must contain)
BAD_CONFIG = [
    ("docmeta", "docmeta_roles", ["admin"], ["docmeta_roles", "dict"]),
    ("docmeta", "docmeta_types", {"task": 3}, ["docmeta_types", "dict"]),
    ("docmeta", "docmeta_aliases", {"op": "nowhere"}, ["docmeta_aliases", "configured role",
                                                       "'op' -> 'nowhere'"]),
    ("docmeta", "docmeta_exempt", "generated/*", ["docmeta_exempt", "list of glob"]),
    ("docmeta", "docmeta_task_min_steps", -1, ["docmeta_task_min_steps", "integer >= 0"]),
    ("docmeta", "docmeta_reference_min_ratio", 2.5, ["docmeta_reference_min_ratio",
                                                     "from 0 to 1"]),
    ("docmeta", "docmeta_require_next_steps", "yes", ["docmeta_require_next_steps",
                                                      "True or False"]),
    ("docmeta", "docmeta_next_steps_headings", [], ["docmeta_next_steps_headings",
                                                    "non-empty list"]),
    ("autogloss", "autogloss_hover", "yes", ["autogloss_hover", "hover"]),
    ("autogloss", "autogloss_tip_max_length", 5, ["autogloss_tip_max_length", "at least 40"]),
    ("autogloss", "autogloss_index_aliases", 1, ["autogloss_index_aliases", "alias"]),
    ("kb", "kb_topics", [], ["kb_topics", "list of names or dict"]),
    ("kb", "kb_topics", 42, ["kb_topics", "list of names or dict"]),
    ("kb", "kb_folder", 3, ["kb_folder", "string"]),
    ("kb", "kb_max_review_age", -3, ["kb_max_review_age", ">= 0"]),
    ("kb", "kb_today", "25/11/2026", ["kb_today", "YYYY-MM-DD"]),
    ("kb", "kb_required_fields", ["title"], ["kb_required_fields", "topics"]),
    ("kb", "kb_related_max", "five", ["kb_related_max", ">= 0"]),
    ("alttext", "alttext_severity", "fatal", ["alttext_severity", "'warning' or 'error'"]),
    ("alttext", "alttext_max_length", 0, ["alttext_max_length", "positive integer"]),
    ("alttext", "alttext_diagram_max_length", "long", ["alttext_diagram_max_length",
                                                       "positive integer"]),
    ("alttext", "alttext_placeholders", "image", ["alttext_placeholders", "list of strings"]),
    ("alttext", "alttext_decorative_classes", [1], ["alttext_decorative_classes",
                                                    "list of strings"]),
    ("adopters", "adopters_sort", "date", ["adopters_sort", "'name', 'none'"]),
    ("adopters", "adopters_sort", 3, ["adopters_sort", "'name', 'none'"]),
    ("adopters", "adopters_icon_field", "logo", ["adopters_icon_field", "key name"]),
    ("adopters", "adopters_icon_field", 5, ["adopters_icon_field", "key name"]),
    ("adopters", "adopters_icon_source", "no.such.module", ["adopters_icon_source",
                                                            "get_icon"]),
    ("adopters", "adopters_icon_licenses", [None], ["adopters_icon_licenses", "list"]),
    ("adopters", "adopters_min_contrast", 0, ["adopters_min_contrast", "1 to 21"]),
    ("adopters", "adopters_min_contrast", "3", ["adopters_min_contrast", "1 to 21"]),
    ("adopters", "adopters_backgrounds", {"light": "red"}, ["adopters_backgrounds",
                                                            "#RRGGBB"]),
    ("adopters", "adopters_backgrounds", ["#fff"], ["adopters_backgrounds", "#RRGGBB"]),
    ("diagramtext", "diagramtext_when", "sometimes", ["diagramtext_when", "'no-renderer'"]),
    ("diagramtext", "diagramtext_formats", "latex", ["diagramtext_formats", "list"]),
    ("diagramtext", "diagramtext_label", 7, ["diagramtext_label", "text"]),
]


@pytest.mark.parametrize(("ext", "option", "value", "words"), BAD_CONFIG,
                         ids=[f"{c[1]}={c[2]!r}" for c in BAD_CONFIG])
def test_malformed_config_gets_a_clear_message(tmp_path, ext, option, value, words):
    files = {"index.md": "# Home\n\nText.\n"}
    # Written into conf.py as a writer would (overrides on the command line are strings).
    result = build(tmp_path / "src", files, (ext,), extra_conf=f"{option} = {value!r}")
    assert_robust(result)
    ours = [r for r in records(result.warnings) if f"[{ext}.config]" in r]
    assert ours, f"no [{ext}.config] warning for {option}={value!r}:\n{result.warnings}"
    message = "\n".join(ours)
    for word in words:
        assert word in message, f"{word!r} not in: {message}"
    if not isinstance(value, dict):
        assert repr(value) in message or str(value) in message, message


def test_malformed_config_falls_back_to_a_working_default(tmp_path):
    """Bad values of every extension at once: the build still renders the pages."""
    files = {
        "index.md": "# Home\n\n```{toctree}\n:glob:\n\n*\n```\n\n"
                    "```{adopters} adopters.yaml\n```\n",
        "adopters.yaml": "- name: Zeta\n  website: https://z.example\n"
                         "- name: Alpha\n  website: https://a.example\n",
    }
    conf = "\n".join(f"{option} = {value!r}" for _, option, value, _ in BAD_CONFIG)
    result = build(tmp_path / "src", files, ("docmeta", "autogloss", "kb", "alttext",
                                             "adopters", "diagramtext"), extra_conf=conf)
    assert_robust(result)
    # The adopters wall falls back to sorting by name.
    soup = BeautifulSoup(result.html(), "html.parser")
    names = [a.get_text() for a in soup.select("a.adopters-link")]
    assert names == ["Alpha", "Zeta"]


@pytest.mark.parametrize("value", ["no", 0, None])
def test_fastnav_flags_must_be_booleans(make_app, tmp_path, value):
    (tmp_path / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent / '_ext')!r})\n"
        "extensions = ['fastnav']\n"
        "html_theme = 'basic'\n"
        f"fastnav_enabled = {value!r}\n"
    )
    (tmp_path / "index.rst").write_text("Title\n=====\n\nText.\n")
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    warnings = app._warning.getvalue()
    assert f"fastnav_enabled must be True or False, not {value!r}; using True" in warnings
    assert "[fastnav.config]" in warnings
