import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_ext"))
extensions = ["myst_parser", "sphinxcontrib.mermaid", "diagramtext"]
html_theme = "basic"
# No renderer on purpose, so the fallback is exercised on every machine.
mermaid_cmd = "mmdc-not-installed"
latex_documents = [("index", "diagrams.tex", "Diagrams", "Docs", "manual")]
