import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "autogloss"]
html_theme = "basic"
nitpicky = True
show_warning_types = True
exclude_patterns = ["_build"]
