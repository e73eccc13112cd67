import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "docmeta"]
html_theme = "basic"
exclude_patterns = ["_build"]
show_warning_types = True

# Every value below is malformed on purpose.
docmeta_roles = {"admin": "Administrator"}
docmeta_type_caption = ""
docmeta_types = {"task": "Task", "admin": "Admin pages"}
docmeta_aliases = {"operator": "admin", "boss": "ceo"}
docmeta_task_min_steps = -1
docmeta_reference_min_ratio = 2
docmeta_exempt = "generated/*"
