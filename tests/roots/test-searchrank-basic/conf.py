import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "docmeta", "autogloss", "kb", "searchrank"]
html_theme = "basic"
root_doc = "index"
nitpicky = True
show_warning_types = True
docmeta_roles = {"admin": "Administrator", "developer": "Developer", "all": "Everyone"}
docmeta_types = {"conceptual": "Conceptual", "task": "Task", "reference": "Reference"}
docmeta_require_next_steps = False
kb_topics = {"database": "Database"}
kb_folder = "kb"
kb_today = "2026-11-25"
searchrank_synonyms = "_data/synonyms.yaml"
suppress_warnings = ["docmeta.no_index_page", "docmeta.task_next_steps"]
