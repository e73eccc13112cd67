"""Redirects from the addresses of the previous Backstage documentation.

Keys are old paths (without ``.html``) relative to the site root; values are
the new page addresses relative to the old page's location, as
sphinx-reredirects expects. Tests check that every target page exists.
"""

REDIRECTS: dict[str, str] = {}
