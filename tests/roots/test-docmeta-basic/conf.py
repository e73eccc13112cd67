import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "docmeta"]
html_theme = "basic"
exclude_patterns = ["_build"]
show_warning_types = True
myst_enable_extensions = ["colon_fence", "deflist"]

docmeta_roles = {"admin": "Administrator", "developer": "Developer", "all": "Everyone"}
docmeta_types = {"conceptual": "Conceptual", "task": "Task", "reference": "Reference"}
docmeta_aliases = {"operator": "admin"}
