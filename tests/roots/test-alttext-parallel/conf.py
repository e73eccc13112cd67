import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "alttext parallel"
extensions = ["myst_parser", "alttext"]
html_theme = "basic"
myst_enable_extensions = ["attrs_inline", "html_image"]
