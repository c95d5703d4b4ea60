"""Sphinx configuration of pascalrow's documentation site (make docs)."""
import pathlib
import re
import sysconfig

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
    "hawkmoth",
    "hawkmoth.ext.javadoc",
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
# ... nor are the C standard library's and GMP's types of the C signatures.
nitpick_ignore += [("c:identifier", t) for t in (
    "size_t", "int64_t", "uint8_t", "uint32_t", "uint64_t", "mpz_t", "mp_limb_t")]


def _as_written(app, what, name, obj, options, lines):
    """The docstrings are plain text, laid out for help(): the site shows
    their first paragraph (the summary autosummary's tables quote) as text,
    reST's markup characters escaped, and the rest as written, in a text
    block, so that reST does not reinterpret it (2**32 is not emphasis, an
    indented line is not a quotation)."""
    if not lines:
        return
    blank = lines.index("") if "" in lines else len(lines)
    summary = [re.sub(r"([\\*`|_])", r"\\\1", line.strip()) for line in lines[:blank]]
    rest = lines[blank + 1:]
    while rest and not rest[-1].strip():
        rest.pop()
    lines[:] = summary + [""]
    if rest:
        lines += [".. code-block:: text", ""] + ["   " + line for line in rest] + [""]


# The C reference (api/c.md) is read from include/pascalrow.h by hawkmoth,
# which parses the header with libclang (the libclang wheel from PyPI, so
# nothing outside the docs extra) and turns its comments into Sphinx's C
# domain directly, with no XML step between them as doxygen + breathe have.
# Hawkmoth reads /** comments placed before a declaration; the header's are
# doxygen's /*! (and /*!< after a member), so it reads a copy of the header
# with those rewritten (_hawkmoth_header), and _doxygen_commands turns the
# commands its javadoc transform leaves alone (@name groups, ::symbol
# references) into reST.
HAWKMOTH_DIR = ROOT / "docs" / "_build" / "hawkmoth"


def _hawkmoth_header():
    text = (ROOT / "include" / "pascalrow.h").read_text()
    # "code /*!< doc */" (doc of that member or macro) -> "/** doc */" above it
    def before(m):
        indent, code, doc = m.group(1), m.group(2), " ".join(m.group(3).split())
        return f"{indent}/** {doc} */\n{indent}{code}"
    text = re.sub(r"^([ \t]*)(\S[^\n]*?)[ \t]*/\*!<(.*?)\*/", before, text, flags=re.S | re.M)
    # a group's closing comment documents nothing
    text = re.sub(r"^/\*! @\} \*/\n", "\n", text, flags=re.M)
    # the file's, a group's and a name's comments stand alone: "/**/" after
    # them is hawkmoth's way to keep them from the declaration that follows
    text = re.sub(r"(/\*!(?:(?!\*/).)*?@(?:file|defgroup|name)\b.*?\*/\n)", r"\1/**/\n", text, flags=re.S)
    text = text.replace("/*!", "/**")
    HAWKMOTH_DIR.mkdir(parents=True, exist_ok=True)
    (HAWKMOTH_DIR / "pascalrow.h").write_text(text)


_hawkmoth_header()
hawkmoth_root = str(HAWKMOTH_DIR)
hawkmoth_transform_default = "javadoc"
# The standard headers (stddef.h, stdint.h) where cc, the C compiler the
# package is built with, finds them: clang need not be installed.
hawkmoth_compiler = "cc"
# GMP's header: PyPI's (cmeel-gmp, a build dependency of the package) when
# the venv has it, else the system's.
_CMEEL_GMP = pathlib.Path(sysconfig.get_paths()["purelib"]) / "cmeel.prefix" / "include"
hawkmoth_clang = [f"-I{ROOT / 'include'}"] + ([f"-I{_CMEEL_GMP}"] if _CMEEL_GMP.is_dir() else [])
# `int` in the header's comments is code, as in Markdown.
default_role = "literal"


def _doxygen_commands(app, lines, transform, options):
    """Before the javadoc transform: the " *  " that continues a comment
    whose text starts on its first line goes; @name becomes a rubric, @{, @},
    @file and @defgroup go; ::symbol becomes a reference (nitpicky mode then
    checks that its target exists).  The comments are plain text: a * is
    not emphasis, the lines of a @brief are one paragraph, and a "- " list
    (moved to the margin) or a paragraph after an @param or @return gets the
    blank lines around it that reST asks for."""
    out, command, item_indent, shift = [], None, None, 0
    for line in lines:
        line = re.sub(r"^\s*\*(?:  ?|$)", "", line)
        group = re.match(r"\s*@(name|file|defgroup|\{|\})(.*)", line)
        if group and group.group(1) == "name":
            out += [f".. rubric:: {group.group(2).strip()}", ""]
            continue
        if group:
            continue
        indent = len(line) - len(line.lstrip())
        starts = re.match(r"\s*@(\w+)", line)
        item = re.match(r"\s*- ", line)
        if not line.strip():
            command, item_indent = None, None
        elif starts:
            command = starts.group(1)
        elif command == "brief":
            line = line.lstrip()
        elif command and out and indent < len(out[-1]) - len(out[-1].lstrip()):
            out.append("")
            command = None
        if line.strip() and not starts and command is None:
            if item and item_indent is None:
                if out and out[-1].strip():
                    out.append("")
                item_indent, shift = indent + 2, indent
            elif item_indent is not None and not item and indent < item_indent:
                out.append("")
                item_indent = None
            if item_indent is not None and line[:shift].isspace():
                line = line[shift:]
        line = line.replace("*", "\\*")
        line = re.sub(r"::(\w+)(\(?)", lambda m: f":any:`{m.group(1)}`" + ("\\ (" if m.group(2) else ""), line)
        out.append(line)
    lines[:] = out


def setup(app):
    app.connect("autodoc-process-docstring", _as_written)
    app.connect("hawkmoth-process-docstring", _doxygen_commands, priority=400)
