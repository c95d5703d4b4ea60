"""Sphinx configuration of pascalrow's documentation site (make docs)."""
import pathlib

import pascalrow

ROOT = pathlib.Path(__file__).resolve().parent.parent

project = "pascalrow"
author = "pascalrow's authors"
copyright = "pascalrow's authors, MIT licence"
release = version = pascalrow.__version__

extensions = [
    "myst_parser",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"pascalrow {release}"
