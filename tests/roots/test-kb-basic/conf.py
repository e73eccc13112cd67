import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "kb"]
html_theme = "basic"
root_doc = "index"
nitpicky = True
show_warning_types = True
kb_topics = {"product": "Product", "database": "Database", "auth": "Auth"}
kb_folder = "kb"
kb_today = "2026-11-25"
kb_max_review_age = 365
kb_product = "Backstage"
