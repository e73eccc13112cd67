import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))

project = "alttext problems"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid", "alttext"]
html_theme = "basic"
myst_enable_extensions = ["attrs_inline", "colon_fence", "html_image"]
