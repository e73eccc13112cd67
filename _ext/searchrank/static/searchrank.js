/*
 * searchrank: page-level ranking, role and type filters, and clean summaries for Sphinx's
 * built-in search page. The rules are described in _ext/searchrank/README.md.
 *
 * Loaded with `defer` on search.html only: it runs after searchtools.js, language_data.js and
 * searchindex.js, and before Sphinx's Search.init (DOMContentLoaded). It replaces
 * Search.query; without the "searchrank" data in the index it leaves Sphinx's own query in
 * place and only makes the summaries safe.
 */
"use strict";

(() => {
  if (typeof Search === "undefined") return;

  // -- weights (see README.md, "Ranking rules") ---------------------------------------------
  const W = {
    title: 10, // a query word is in the page title
    heading: 6, // ... in a section heading
    keyword: 6, // ... in the page's knowledge-base keywords or the terms it defines
    body: 2, // ... anywhere in the text
    synonym: 0.8, // a reader word matched through the synonym list
    prefix: 0.5, // a word matched as the start of a longer indexed word
    titleFit: 6, // how much of the title the query covers, and of the query the title covers
    headingFit: 3, // the same for the best section heading
    phrase: 4, // a multi-word keyword or defined term is in the query
    hub: 0.5, // pages that list other pages (role, type, glossary and knowledge-base indexes)
    marketing: 0.75, // marketing pages, unless the query is about them
    question: 1.25, // a question prefers pages titled as a question
    task: 1.2, // "how do I" prefers task pages
    concept: 1.2, // "what is", "difference" prefers conceptual pages
    problem: 1.3, // "error", "fails", ... prefers knowledge-base articles
  };

  const _originalQuery = Search.query;
  const _originalHtmlToText = Search.htmlToText;
  let prepared = null;

  // -- text helpers ---------------------------------------------------------------------------
  const normalise = (text) => text.toLowerCase().replace(/['\u2019]/g, "");
  const splitWords = (text) => splitQuery(normalise(text)).filter((w) => w);
  const isNumber = (word) => /^\d+$/.test(word);
  // numbers count only as keywords, and only from three digits (ports, status codes)
  const usefulNumber = (word) => word.length >= 3;
  const listOf = (value) =>
    value === undefined ? [] : typeof value === "number" ? [value] : value;
  const own = (map, key) => Object.prototype.hasOwnProperty.call(map, key);
  // documents of an index entry; never a property of Object.prototype ("constructor")
  const docsOf = (map, key) => (own(map, key) ? listOf(map[key]) : []);

  // -- the index, prepared once ---------------------------------------------------------------
  const prepare = (index) => {
    if (prepared && prepared.index === index) return prepared;
    const data = index.searchrank;
    const stemmer = new Stemmer();
    const lang = Object.fromEntries(
      Object.entries(data.lang).map(([k, v]) => [k, new Set(v)]),
    );
    const stemCache = new Map();
    const stem = (word) => {
      if (isNumber(word)) return word;
      if (!stemCache.has(word)) stemCache.set(word, stemmer.stemWord(word));
      return stemCache.get(word);
    };
    const content = (word) => !stopwords.has(word) && !lang.filler.has(word);
    const stemsOf = (text) => splitWords(text).filter(content).map(stem);
    const N = index.docnames.length;

    const titleStems = index.titles.map((t) => new Set(stemsOf(t)));
    // section headings per document; their stems are worked out when first needed
    const headingTexts = index.docnames.map(() => []);
    for (const [text, places] of Object.entries(index.alltitles)) {
      for (const [doc, id] of places) {
        if (id !== null && text !== index.titles[doc]) headingTexts[doc].push({ text, id });
      }
    }
    const headingCache = new Map();
    const headings = (doc) => {
      if (!headingCache.has(doc)) {
        for (const h of headingTexts[doc]) h.stems = new Set(stemsOf(h.text));
        headingCache.set(doc, headingTexts[doc]);
      }
      return headingCache.get(doc);
    };
    const docFreq = new Map();
    const df = (s) => {
      if (!docFreq.has(s)) {
        const docs = new Set([
          ...docsOf(index.terms, s),
          ...docsOf(index.titleterms, s),
          ...docsOf(data.kw, s),
        ]);
        docFreq.set(s, docs.size);
      }
      return docFreq.get(s);
    };
    const idf = (s) => Math.log(1 + N / (df(s) + 0.5));

    // synonyms: reader phrase (words) -> alternatives (arrays of stems)
    const synonyms = new Map();
    for (const [reader, targets] of Object.entries(data.syn || {})) {
      const key = splitWords(reader).join(" ");
      if (!key) continue;
      const alts = targets.map(stemsOf).filter((a) => a.length);
      if (alts.length) synonyms.set(key, alts);
    }
    const longestSynonym = Math.max(1, ...[...synonyms.keys()].map((k) => k.split(" ").length));

    prepared = {
      index,
      data,
      lang,
      stem,
      content,
      stemsOf,
      N,
      titleStems,
      headings,
      idf,
      synonyms,
      longestSynonym,
      hubs: new Set(data.hubs),
      kb: new Set(data.kb),
      termKeys: null,
      questionTitle: index.titles.map((t) => /\?\s*$/.test(t)),
      typeName: (doc) => (data.typ[doc] || []).map((i) => data.types[i][0]),
      roleName: (doc) => (data.aud[doc] || []).map((i) => data.roles[i][0]),
    };
    return prepared;
  };

  // -- the query: slots of alternatives, and what kind of answer is wanted --------------------
  const parse = (query, p) => {
    const words = splitWords(query);
    const intent = {
      question: words.length > 1 && p.lang.question.has(words[0]),
      task: words.some((w) => p.lang.task.has(w)) && !/^(what|why|which|who)\b/.test(words[0] || ""),
      concept: words.some((w) => p.lang.concept.has(w)),
      problem:
        words.some((w) => p.lang.problem.has(w))
        || /[A-Z]{5,}|[a-z][A-Z][a-z]+[A-Z]|\d{3}|:/.test(query),
    };
    if (words[0] === "how") intent.concept = false;
    if (words[0] === "why" && !intent.problem) intent.concept = true;

    const slots = [];
    for (let i = 0; i < words.length; ) {
      // the longest reader phrase of the synonym list that starts here
      let matched = 0;
      for (let n = Math.min(p.longestSynonym, words.length - i); n >= 1 && !matched; n--) {
        const phrase = words.slice(i, i + n).join(" ");
        if (p.synonyms.has(phrase)) {
          const typed = words.slice(i, i + n).filter(p.content).map(p.stem);
          const alts = typed.length ? [{ stems: typed, weight: 1 }] : [];
          for (const alt of p.synonyms.get(phrase)) alts.push({ stems: alt, weight: W.synonym });
          slots.push({ text: phrase, alts });
          matched = n;
        }
      }
      if (matched) {
        i += matched;
        continue;
      }
      const word = words[i++];
      if (!p.content(word)) continue;
      if (isNumber(word) && !(usefulNumber(word) && own(p.data.kw, word))) continue;
      slots.push({ text: word, alts: [{ stems: [p.stem(word)], weight: 1 }] });
    }
    return { words, slots, intent };
  };

  // -- matching -------------------------------------------------------------------------------
  // For one stem: the documents that have it in headings, keywords and text, and how it
  // matched (exactly, or as the start of longer indexed words).
  const lookup = (s, p) => {
    const { index, data } = p;
    const exact = own(index.terms, s) || own(index.titleterms, s) || own(data.kw, s);
    let keys = [s];
    let weight = 1;
    if (!exact) {
      if (s.length < 3 || isNumber(s)) return null;
      p.termKeys ||= [
        ...new Set([
          ...Object.keys(index.terms),
          ...Object.keys(index.titleterms),
          ...Object.keys(data.kw),
        ]),
      ];
      keys = p.termKeys.filter((k) => k.startsWith(s));
      if (!keys.length) return null;
      weight = W.prefix;
    }
    const head = new Set();
    const kw = new Set();
    const body = new Set();
    for (const k of keys) {
      for (const d of docsOf(index.titleterms, k)) head.add(d), body.add(d);
      for (const d of docsOf(index.terms, k)) body.add(d);
      for (const d of docsOf(data.kw, k)) kw.add(d), body.add(d);
    }
    const inTitle = exact
      ? (doc) => p.titleStems[doc].has(s)
      : (doc) => [...p.titleStems[doc]].some((t) => t.startsWith(s));
    return { head, kw, body, inTitle, weight, stems: keys };
  };

  // The best field weight of one alternative (all its stems needed) in one document.
  const altScore = (found, doc) => {
    let best = Infinity;
    let titled = true;
    for (const f of found) {
      let w = 0;
      if (f.inTitle(doc)) w = W.title;
      else if (f.head.has(doc) || f.kw.has(doc)) w = Math.max(f.head.has(doc) ? W.heading : 0, f.kw.has(doc) ? W.keyword : 0);
      else if (f.body.has(doc)) w = W.body;
      else return { score: 0, titled: false };
      if (w !== W.title) titled = false;
      best = Math.min(best, w * f.weight);
    }
    return { score: best, titled };
  };

  const rank = (query, p) => {
    const { slots, intent, words } = parse(query, p);
    if (!slots.length) return null;

    // per slot: lookups per alternative, idf weight, and the stems it stands for
    const info = slots.map((slot) => {
      const alts = [];
      const docs = new Set();
      for (const alt of slot.alts) {
        const found = alt.stems.map((s) => lookup(s, p));
        if (found.some((f) => f === null)) continue;
        alts.push({ found, weight: alt.weight, stems: alt.stems });
        for (const f of found) for (const d of f.body) docs.add(d);
      }
      const idf = alts.length ? Math.log(1 + p.N / (docs.size + 0.5)) : 0;
      const stems = new Set(alts.flatMap((a) => a.found.flatMap((f) => f.stems)));
      return { slot, alts, docs, idf, stems };
    });
    const live = info.filter((s) => s.alts.length);
    if (!live.length) return [];
    const total = info.reduce((sum, s) => sum + Math.max(s.idf, 0.05), 0);
    for (const s of info) s.w = Math.max(s.idf, 0.05) / total;

    // candidate documents: any slot matches
    const candidates = new Set();
    for (const s of live) for (const d of s.docs) candidates.add(d);

    // multi-word keywords and defined terms present in the query
    const pool = new Set(live.flatMap((s) => s.alts.flatMap((a) => a.stems)));
    const phraseBonus = new Map();
    for (const [phrase, docs] of Object.entries(p.data.phrases)) {
      const stems = phrase.split(" ");
      if (stems.length < 2 || !stems.every((s) => pool.has(s))) continue;
      const share = Math.min(1, stems.length / live.length);
      for (const d of docs) phraseBonus.set(d, Math.max(phraseBonus.get(d) || 0, share));
    }

    // how much of a title's meaning the query covers, weighting words by rarity
    const fit = (stems, matchedBy) => {
      let all = 0;
      let hit = 0;
      for (const t of stems) {
        const weight = p.idf(t);
        all += weight;
        if (matchedBy(t)) hit += weight;
      }
      return all ? hit / all : 0;
    };
    const matchesTitleWord = (t) =>
      live.some((s) => [...s.stems].some((q) => t === q || t.startsWith(q)));

    const results = [];
    for (const doc of candidates) {
      let base = 0;
      let coverage = 0;
      let titleShare = 0;
      for (const s of live) {
        let best = 0;
        let titled = false;
        for (const alt of s.alts) {
          const r = altScore(alt.found, doc);
          const score = r.score * alt.weight;
          if (score > best) best = score;
          if (r.titled && r.score > 0) titled = true;
        }
        base += s.w * best;
        if (best > 0) coverage += s.w;
        if (titled) titleShare += s.w;
      }
      if (coverage === 0) continue;
      const titleFit = titleShare * Math.sqrt(fit(p.titleStems[doc], matchesTitleWord));

      let headingFit = 0;
      let heading = null;
      for (const h of p.headings(doc)) {
        let share = 0;
        for (const s of live) if ([...s.stems].some((q) => h.stems.has(q))) share += s.w;
        const value = share * Math.sqrt(fit(h.stems, matchesTitleWord));
        if (value > headingFit) {
          headingFit = value;
          heading = h;
        }
      }

      let score =
        base * coverage * coverage
        + W.titleFit * titleFit
        + W.headingFit * headingFit
        + W.phrase * (phraseBonus.get(doc) || 0);

      const types = p.typeName(doc);
      if (p.hubs.has(doc)) score *= W.hub;
      if (types.includes("marketing") && titleFit < 0.5) score *= W.marketing;
      if (intent.question && p.questionTitle[doc]) score *= W.question;
      if (intent.task && types.includes("task")) score *= W.task;
      if (intent.concept && types.includes("conceptual")) score *= W.concept;
      if (intent.problem && p.kb.has(doc)) score *= W.problem;

      // link to the section when a heading answers the query better than the page title
      const anchor = heading && headingFit > titleFit + 0.25 && headingFit >= 0.5 ? heading : null;
      results.push({ doc, score, anchor });
    }
    const titles = p.index.titles;
    results.sort((a, b) => b.score - a.score || (titles[a.doc] < titles[b.doc] ? -1 : 1));
    return results;
  };

  // -- summaries: the page's own text, without badges and navigation ---------------------------
  // Not the page's own prose: the title (shown as the link), metadata lines (badges,
  // knowledge-base facts), hover text of term links, diagram sources, hidden parts.
  const REMOVE = [
    ".headerlink", "script", "style", "template", "h1", ".no-search", ".docmeta-badges",
    ".kb-info", '[role="tooltip"]', "[hidden]", "pre.mermaid",
  ].join(", ");

  const cleanText = (htmlString, anchor) => {
    const html = new DOMParser().parseFromString(htmlString, "text/html");
    const main = html.querySelector('[role="main"]');
    if (!main) return "";
    main.querySelectorAll(REMOVE).forEach((el) => el.remove());
    const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
    if (anchor) {
      const target = main.querySelector(`[id="${anchor.replace(/^#/, "").replace(/"/g, '\\"')}"]`);
      if (target) {
        const section = target.closest("section") || target;
        const heading = section.querySelector(":scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
        if (heading) heading.remove();
        const own = text(section);
        if (own) return own;
      }
    }
    return text(main);
  };

  const summaryOf = (text, words, stems) => {
    if (!text) return null;
    const lower = text.toLowerCase();
    const positions = [...words, ...stems]
      .filter((w) => w.length > 1)
      .map((w) => lower.search(new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)))
      .filter((i) => i > -1);
    let start = positions.length ? Math.min(...positions) : 0;
    start = start > 100 ? lower.indexOf(" ", start - 90) + 1 : 0;
    let end = Math.min(text.length, start + 240);
    if (end < text.length) end = Math.max(start + 160, text.lastIndexOf(" ", end));
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent =
      (start > 0 ? "… " : "") + text.slice(start, end).trim() + (end < text.length ? " …" : "");
    return summary;
  };

  // Sphinx's own summary path (used only without the ranking data): same cleaning, and an
  // empty summary gives an empty paragraph instead of null (appendChild(null) throws).
  Search.htmlToText = (htmlString, anchor) => {
    const text = cleanText(htmlString, anchor);
    return text || _originalHtmlToText(htmlString, "");
  };
  const _originalSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const summary = _originalSummary(htmlText, keywords, anchor);
    if (summary) return summary;
    const empty = document.createElement("p");
    empty.classList.add("context");
    return empty;
  };

  // -- links (html and dirhtml, as in searchtools.js) ---------------------------------------------
  const urls = (docName) => {
    const contentRoot = document.documentElement.dataset.content_root;
    if (DOCUMENTATION_OPTIONS.BUILDER === "dirhtml") {
      let dirname = docName + "/";
      if (dirname.match(/\/index\/$/)) dirname = dirname.substring(0, dirname.length - 6);
      else if (dirname === "index/") dirname = "";
      return { request: contentRoot + dirname, link: contentRoot + dirname };
    }
    return {
      request: contentRoot + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX,
      link: docName + DOCUMENTATION_OPTIONS.LINK_SUFFIX,
    };
  };

  // -- filters ------------------------------------------------------------------------------------
  const FACETS = [
    { param: "audience", index: 0, names: (p) => p.data.roles, of: (p, doc) => p.roleName(doc) },
    { param: "type", index: 1, names: (p) => p.data.types, of: (p, doc) => p.typeName(doc) },
  ];

  const selected = () => {
    const params = new URLSearchParams(window.location.search);
    return Object.fromEntries(FACETS.map((f) => [f.param, new Set(params.getAll(f.param))]));
  };

  // A page for everyone ("all") counts for every audience.
  const passes = (p, doc, chosen, skip) =>
    FACETS.every((f) => {
      if (f.param === skip || !chosen[f.param].size) return true;
      const values = f.of(p, doc);
      return values.some((v) => chosen[f.param].has(v))
        || (f.param === "audience" && values.includes("all"));
    });

  const state = { results: [], items: [], p: null, words: [], stems: [], observer: null };

  const updateUrl = (chosen) => {
    const params = new URLSearchParams(window.location.search);
    for (const f of FACETS) {
      params.delete(f.param);
      for (const v of chosen[f.param]) params.append(f.param, v);
    }
    window.history.replaceState(null, "", `${window.location.pathname}?${params}`);
    keepInSearchForms(chosen);
  };

  // A new search from the search box on this page keeps the chosen filters.
  const keepInSearchForms = (chosen) => {
    for (const form of document.querySelectorAll("form")) {
      if (!form.querySelector('input[name="q"]')) continue;
      form.querySelectorAll("input.searchrank-keep").forEach((el) => el.remove());
      for (const f of FACETS) {
        for (const value of chosen[f.param]) {
          const input = form.appendChild(document.createElement("input"));
          Object.assign(input, { type: "hidden", name: f.param, value, className: "searchrank-keep" });
        }
      }
    }
  };

  const labelOf = (p, facet, name) => {
    const found = facet.names(p).find(([n]) => n === name);
    return found ? found[1] : name;
  };

  const applyFilters = () => {
    const { p, results, items } = state;
    const chosen = selected();
    keepInSearchForms(chosen);
    let shown = 0;
    results.forEach((r, i) => {
      const visible = passes(p, r.doc, chosen, null);
      items[i].hidden = !visible;
      if (visible) shown++;
    });
    // counts: each option, with the other facet's choice applied
    for (const f of FACETS) {
      for (const input of document.querySelectorAll(`input[name="searchrank-${f.param}"]`)) {
        const count = results.filter(
          (r) => passes(p, r.doc, chosen, f.param)
            && (f.of(p, r.doc).includes(input.value)
              || (f.param === "audience" && f.of(p, r.doc).includes("all"))),
        ).length;
        input.checked = chosen[f.param].has(input.value);
        input.parentElement.querySelector(".searchrank-count").textContent = `(${count})`;
      }
    }
    const active = FACETS.flatMap((f) => [...chosen[f.param]].map((v) => labelOf(p, f, v)));
    const clear = document.querySelector(".searchrank-clear");
    if (clear) clear.hidden = !active.length;
    let status;
    if (!results.length) {
      status = Documentation.gettext(
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.",
      );
    } else {
      status = Documentation.ngettext(
        "Search finished, found one page matching the search query.",
        "Search finished, found ${resultCount} pages matching the search query.",
        results.length,
      ).replace("${resultCount}", results.length);
      if (active.length) status += ` Showing ${shown} for: ${active.join(", ")}.`;
    }
    Search.status.innerText = status;
    observe();
  };

  const buildFilters = (p) => {
    const box = document.createElement("div");
    box.className = "searchrank-filters";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Narrow the results");
    const inResults = (f, name) =>
      state.results.some((r) => f.of(p, r.doc).includes(name));
    const chosen = selected();
    for (const f of FACETS) {
      const names = f.names(p).filter(([name]) => inResults(f, name) || chosen[f.param].has(name));
      if (!names.length) continue;
      const set = box.appendChild(document.createElement("fieldset"));
      set.className = `searchrank-facet searchrank-facet-${f.param}`;
      set.appendChild(document.createElement("legend")).textContent = p.data.captions[f.index];
      for (const [name, label] of names) {
        const option = set.appendChild(document.createElement("label"));
        const input = option.appendChild(document.createElement("input"));
        input.type = "checkbox";
        input.name = `searchrank-${f.param}`;
        input.value = name;
        option.appendChild(document.createTextNode(` ${label} `));
        option.appendChild(document.createElement("span")).className = "searchrank-count";
        input.addEventListener("change", () => {
          const now = selected();
          if (input.checked) now[f.param].add(name);
          else now[f.param].delete(name);
          updateUrl(now);
          applyFilters();
        });
      }
    }
    const clear = box.appendChild(document.createElement("button"));
    clear.type = "button";
    clear.className = "searchrank-clear";
    clear.textContent = "Clear filters";
    clear.addEventListener("click", () => {
      updateUrl(Object.fromEntries(FACETS.map((f) => [f.param, new Set()])));
      applyFilters();
      const first = box.querySelector("input");
      if (first) first.focus();
    });
    return box;
  };

  // -- results ----------------------------------------------------------------------------------
  const badges = (p, doc) => {
    const line = document.createElement("p");
    line.className = "searchrank-badges";
    FACETS.forEach((f) => {
      const names = f.of(p, doc);
      if (!names.length) return;
      const group = line.appendChild(document.createElement("span"));
      group.className = f.param === "type" ? "docmeta-badges-doc-type" : "docmeta-badges-audience";
      const caption = group.appendChild(document.createElement("span"));
      caption.className = "searchrank-sr";
      caption.textContent = `${p.data.captions[f.index]}: `;
      names.forEach((name, i) => {
        if (i) group.appendChild(document.createElement("span")).className = "searchrank-sr";
        if (i) group.lastChild.textContent = ", ";
        const badge = group.appendChild(document.createElement("span"));
        badge.className = `docmeta-badge docmeta-${f.param === "type" ? "type" : "audience"}-${name}`;
        badge.textContent = labelOf(p, f, name);
      });
      group.appendChild(document.createTextNode(" "));
    });
    return line;
  };

  const loadSummary = (item) => {
    if (item.dataset.summary) return;
    item.dataset.summary = "loading";
    fetch(item.dataset.request)
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => {
        const summary = summaryOf(cleanText(html, item.dataset.anchor), state.words, state.stems);
        if (!summary) return;
        item.appendChild(summary);
        if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
          state.words.forEach((w) => _highlightText(summary, w, "highlighted"));
      })
      .catch(() => {})
      .finally(() => (item.dataset.summary = "done"));
  };

  const observe = () => {
    if (!DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) return;
    if (!("IntersectionObserver" in window)) {
      state.items.filter((i) => !i.hidden).forEach(loadSummary);
      return;
    }
    state.observer ||= new IntersectionObserver(
      (entries) => entries.forEach((e) => e.isIntersecting && loadSummary(e.target)),
      { rootMargin: "400px 0px" },
    );
    state.items.forEach((i) => state.observer.observe(i));
  };

  const display = (p, results) => {
    state.items = results.map(({ doc, anchor }) => {
      const { request, link } = urls(p.index.docnames[doc]);
      const item = document.createElement("li");
      item.classList.add(anchor ? "kind-title" : "kind-text");
      item.dataset.request = request;
      if (anchor) item.dataset.anchor = anchor.id;
      const a = item.appendChild(document.createElement("a"));
      a.href = link + (anchor ? `#${anchor.id}` : "");
      a.textContent = p.index.titles[doc] + (anchor ? ` › ${anchor.text}` : "");
      item.appendChild(badges(p, doc));
      return item;
    });
    Search.output.replaceChildren(...state.items);
  };

  // -- Search.query, replaced -------------------------------------------------------------------
  Search.query = (query) => {
    const index = Search._index;
    if (!index || !index.searchrank) return _originalQuery(query);
    const started = performance.now();
    const p = prepare(index);
    const ready = performance.now();
    const [, searchTerms, , highlightTerms] = Search._parseQuery(query); // also stores highlight terms
    const results = rank(query, p);
    if (results === null) return _originalQuery(query);
    const ranked = performance.now();

    Search.stopPulse();
    _removeChildren(document.getElementById("search-progress"));
    Search.title.innerText = _("Search Results");
    // Furo's search page has no level-one heading of its own: the results heading is it.
    if (Search.title.tagName === "H2" && !document.querySelector("h1")) {
      const h1 = document.createElement("h1");
      h1.append(...Search.title.childNodes);
      Search.title.replaceWith(h1);
      Search.title = h1;
    }
    Search.status.setAttribute("role", "status");
    Object.assign(state, {
      p,
      results,
      words: [...highlightTerms],
      stems: [...searchTerms],
    });
    display(p, results);
    const shown = performance.now();
    if (p.data.filters && results.length) {
      Search.output.parentNode.insertBefore(buildFilters(p), Search.output);
    }
    applyFilters();
    Search.searchrank = {
      prepareMs: ready - started,
      rankMs: ranked - ready,
      displayMs: shown - ranked,
      totalMs: performance.now() - started,
      results,
    };
  };
})();
