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
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"pascalrow {release}"

# The Python reference (api/python.md) is read from the installed package.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# The build reads nothing from the network (no intersphinx): the types of the
# standard library, NumPy, hypothesis and dask that the signatures name are
# not documented on this site, so their references have no target.
nitpick_ignore = [
    ("py:class", "npt.ArrayLike"),
    ("py:class", "npt.DTypeLike"),
    ("py:class", "npt.NDArray"),
    ("py:class", "datetime.timedelta"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "dask.array.core.Array"),
]


def _as_written(app, what, name, obj, options, lines):
    """The docstrings are plain text, laid out for help(): the site shows
    them as written, in a literal block, so that reST does not reinterpret
    them (2**32 is not emphasis, an indented line is not a quotation)."""
    if lines:
        lines[:] = ["::", ""] + ["    " + line for line in lines] + [""]


def setup(app):
    app.connect("autodoc-process-docstring", _as_written)
