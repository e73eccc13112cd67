"""What the ranking needs beyond Sphinx's own index, added to ``searchindex.js``.

Sphinx writes the search index through ``builder.indexer_format`` (``js_index``: a
``Search.setIndex({...})`` call). :class:`RankedIndexFormat` wraps that format: when the index
is written it adds one key, ``searchrank``, built from the environment that is complete by
then (it runs in the main process after every page is written, so it sees every page of a
parallel build). Reading the index back (incremental builds) goes through the wrapped format
unchanged; Sphinx ignores keys it does not know.

The ``searchrank`` key (document numbers are positions in the index's ``docnames``):

``roles`` / ``types``  ``[[name, label], ...]`` in the configured order
``aud`` / ``typ``      per document, the indices of its roles / types (``[]`` if none)
``hubs``               documents that list other pages (role, type, glossary and
                       knowledge-base indexes, the metadata matrix, configured globs)
``kb``                 knowledge-base articles
``kw``                 stemmed word -> documents, from knowledge-base keywords and the
                       terms and aliases a page defines
``phrases``            stemmed phrase (words joined by a space) -> documents, same sources
``syn``                reader word or phrase -> page words (from the synonym file)
``lang``               word lists the query parser uses (``language.py``)
``captions``           the words before role and type badges ("Audience", "Page type")
``filters``            whether the results page offers the role and type filters

Sphinx's own ``indexentries`` table is emptied (see ``enrich``).
"""

from __future__ import annotations

from collections import defaultdict
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .language import LANGUAGE
from .warnings import Subtype, warn

KEY = "searchrank"
VERSION = 1


class RankedIndexFormat:
    """``js_index`` with the ranking data added on dump (``builder.indexer_format``)."""

    def __init__(self, base: Any, app: Any) -> None:
        self.base = base
        self.app = app
        self.PREFIX = getattr(base, "PREFIX", "")
        self.SUFFIX = getattr(base, "SUFFIX", "")

    def dumps(self, data: Any) -> str:
        return self.base.dumps(enrich(data, self.app))

    def dump(self, data: Any, f: Any) -> None:
        f.write(self.dumps(data))

    def loads(self, s: str) -> Any:
        return self.base.loads(s)

    def load(self, f: Any) -> Any:
        return self.base.load(f)


def _stemmer(app):
    indexer = getattr(app.builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    if lang is None:  # pragma: no cover - only without an HTML indexer
        return (lambda text: text.split()), (lambda word: word.lower()), set()
    return lang.split, (lambda word: lang.stem(word).lower()), set(lang.stopwords)


def _stems(text: str, split, stem, stopwords) -> list[str]:
    """Stemmed words of *text*; numbers stay as they are, and only from three digits."""
    words = [w.lower() for w in split(text)]
    return [
        w if w.isdigit() else stem(w)
        for w in words
        if w and w not in stopwords and not (w.isdigit() and len(w) < 3)
    ]


def load_synonyms(app) -> dict[str, list[str]]:
    """The synonym file as ``{reader phrase: [page words, ...]}``, lower-cased."""
    name = app.config.searchrank_synonyms
    if not name:
        return {}
    import yaml

    path = Path(app.srcdir) / name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        warn(Subtype.SYNONYMS, "cannot read the synonym file %s: %s; set searchrank_synonyms "
             "to a file in the source folder", path, exc.strerror, once=True)
        return {}
    except yaml.YAMLError as exc:
        warn(Subtype.SYNONYMS, "the synonym file is not valid YAML: %s", exc,
             location=str(path), once=True)
        return {}
    if not isinstance(raw, dict):
        warn(Subtype.SYNONYMS, "the synonym file must map reader words to lists of page "
             "words", location=str(path), once=True)
        return {}
    result: dict[str, list[str]] = {}
    for reader, page_words in raw.items():
        if isinstance(page_words, str):
            page_words = [page_words]
        if not isinstance(reader, str) or not isinstance(page_words, list) or not all(
            isinstance(w, str) and w.strip() for w in page_words
        ) or not page_words:
            warn(Subtype.SYNONYMS, "synonym entry %r: %r is not a word or a list of words",
                 reader, page_words, location=str(path))
            continue
        result[" ".join(reader.lower().split())] = [" ".join(w.lower().split())
                                                     for w in page_words]
    return result


def _domain(env, name: str):
    """The domain *name*, or None when its extension is not loaded."""
    return env.domains[name] if name in env.domains else None


def _hubs(env, config, docnames: list[str]) -> set[str]:
    hubs: set[str] = set()
    for domain_name in ("docmeta", "autogloss", "kb"):
        domain = _domain(env, domain_name)
        if domain is not None:
            hubs.update(domain.data.get("hosts", {}))
    for pattern in config.searchrank_hub_pages:
        hubs.update(d for d in docnames if fnmatchcase(d, pattern))
    return hubs


def _keyword_sources(env) -> dict[str, set[str]]:
    """Phrase -> documents: knowledge-base keywords and defined terms with their aliases."""
    phrases: dict[str, set[str]] = defaultdict(set)
    kb = _domain(env, "kb")
    if kb is not None:
        for doc, article in kb.data.get("articles", {}).items():
            for keyword in article.get("keywords", ()):
                phrases[keyword].add(doc)
    gloss = _domain(env, "autogloss")
    if gloss is not None:
        for doc, entries in gloss.data.get("entries", {}).items():
            for entry in entries:
                for name in (entry["term"], *entry.get("aliases", ())):
                    phrases[name].add(doc)
    return phrases


def enrich(data: dict[str, Any], app) -> dict[str, Any]:
    """Return *data* (Sphinx's frozen index) with the ``searchrank`` key added."""
    env, config = app.env, app.config
    docnames = list(data["docnames"])
    number = {doc: i for i, doc in enumerate(docnames)}
    split, stem, stopwords = _stemmer(app)

    roles = list(getattr(config, "docmeta_roles", {}) or {})
    types = list(getattr(config, "docmeta_types", {}) or {})
    role_labels = getattr(config, "docmeta_roles", {}) or {}
    type_labels = getattr(config, "docmeta_types", {}) or {}
    docmeta = _domain(env, "docmeta")
    pages = docmeta.data.get("pages", {}) if docmeta is not None else {}
    aud, typ = [], []
    for doc in docnames:
        page = pages.get(doc, {})
        aud.append([roles.index(r) for r in page.get("roles", ()) if r in roles])
        typ.append([types.index(t) for t in page.get("types", ()) if t in types])

    kb = _domain(env, "kb")
    articles = kb.data.get("articles", {}) if kb is not None else {}

    kw: dict[str, set[int]] = defaultdict(set)
    phrases: dict[str, set[int]] = defaultdict(set)
    for phrase, docs in _keyword_sources(env).items():
        found = [number[d] for d in docs if d in number]
        stems = _stems(phrase, split, stem, stopwords)
        if not found or not stems:
            continue
        phrases[" ".join(stems)].update(found)
        for word in stems:
            kw[word].update(found)

    data = dict(data)
    # Sphinx's table of index entries makes every glossary term and keyword a hit of its
    # own; the ranking uses them per page (``kw``, ``phrases``), so the table is left out.
    data["indexentries"] = {}
    data[KEY] = {
        "v": VERSION,
        "roles": [[r, role_labels[r]] for r in roles],
        "types": [[t, type_labels[t]] for t in types],
        "aud": aud,
        "typ": typ,
        "hubs": sorted(number[d] for d in _hubs(env, config, docnames) if d in number),
        "kb": sorted(number[d] for d in articles if d in number),
        "kw": {w: sorted(d) for w, d in sorted(kw.items())},
        "phrases": {p: sorted(d) for p, d in sorted(phrases.items())},
        "syn": load_synonyms(app),
        "lang": LANGUAGE,
        "captions": [
            getattr(config, "docmeta_audience_caption", "Audience"),
            getattr(config, "docmeta_type_caption", "Page type"),
        ],
        "filters": bool(config.searchrank_filters),
    }
    return data
