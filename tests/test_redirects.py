"""Redirects from the previous documentation's addresses land on real pages."""

from __future__ import annotations

import posixpath
import re
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "source" / "_data"))
import redirects  # noqa: E402

sys.path.pop(0)


def test_map_is_large_enough():
    assert len(redirects.MOVED) >= 40


def test_every_target_is_a_page_of_the_site(site):
    missing = {old: new for old, new in redirects.MOVED.items() if new not in site.env.found_docs}
    assert missing == {}, f"redirect targets that are not pages: {missing}"


def test_no_redirect_hides_a_real_page(site):
    clashes = sorted(set(redirects.MOVED) & set(site.env.found_docs))
    assert clashes == [], f"old addresses that are now real pages: {clashes}"


def test_redirect_pages_point_at_their_targets(site):
    for old, new in redirects.MOVED.items():
        page = site.outdir / f"{old}.html"
        assert page.is_file(), f"no redirect page for {old}"
        match = re.search(r'url=([^"\']+)', page.read_text(encoding="utf-8"))
        assert match, f"{old}.html has no refresh target"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(old), match.group(1)))
        assert target == f"{new}.html"
        assert (site.outdir / target).is_file()
