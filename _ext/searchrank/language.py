"""Word lists the query parser uses (English), shipped in the index under ``lang``.

They describe how readers phrase queries, not the pages of any one site:

``filler``   words that carry no topic ("how do I ...", "my", "vs"); they are dropped from
             the words a page must contain, but still tell what kind of answer is wanted
``question`` words that start a question: prefer pages titled as a question
``task``     cues for "show me how": prefer task pages
``concept``  cues for "explain it": prefer conceptual pages
``problem``  cues for "something is wrong": prefer knowledge-base articles

The query is lower-cased and apostrophes are dropped before it is split ("can't" -> "cant").
"""

from __future__ import annotations

LANGUAGE: dict[str, list[str]] = {
    "filler": sorted({
        "how", "what", "why", "which", "who", "where", "when", "whats", "can", "could",
        "should", "would", "do", "does", "did", "i", "im", "me", "my", "we", "our", "us",
        "you", "your", "get", "getting", "want", "way", "ways", "please", "help", "vs",
        "versus", "s", "t", "its", "an", "any", "some", "am", "has", "have", "so", "too",
        "there", "here", "from", "about", "up", "out", "using", "via",
    }),
    "question": sorted({
        "what", "whats", "why", "which", "who", "where", "when", "can", "could", "should",
        "does", "do", "did", "is", "are", "will", "how",
    }),
    "task": sorted({"how", "steps", "guide", "tutorial", "walkthrough", "set", "setup"}),
    "concept": sorted({
        "what", "whats", "overview", "introduction", "explain", "explained", "difference",
        "differences", "compare", "comparison", "vs", "versus", "concept", "concepts",
    }),
    "problem": sorted({
        "error", "errors", "fail", "fails", "failed", "failing", "failure", "broken",
        "breaks", "break", "crash", "crashes", "crashed", "cannot", "cant", "wont", "doesnt",
        "dont", "isnt", "arent", "didnt", "not", "no", "unable", "timeout", "refused", "denied",
        "missing", "blank", "wrong", "stuck", "exception", "unauthorized", "forbidden",
        "problem", "problems", "issue", "issues", "troubleshoot", "troubleshooting",
        "nothing", "empty", "invalid", "exceeded",
    }),
}
