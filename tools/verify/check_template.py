"""kind ``template``: Software Templates (see check_catalog.py, which checks both)."""

from .check_catalog import check  # noqa: F401
