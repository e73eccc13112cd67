import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

extensions = ["myst_parser", "refgen"]
html_theme = "basic"
root_doc = "index"
nitpicky = True
show_warning_types = True
