"""A running Backstage app of the pinned release, for end-to-end tests (see README.md)."""
