"""The pascalrow.testing and ctypes examples (docs/testing.md, docs/ffi.md)
run as written, the sample report is what the command prints, and the
README's C call is the tested example's (tests/c/example_row.c)."""
import sys
import types

import pytest

import pascalrow
import wrong_impls
from pascalrow.testing import CheckFailure
from doc_pages import ROOT, block, blocks
from pascalrow.testing._cli import main


def test_pytest_example(monkeypatch):
    code = block("python", "check_row_function(mymodule.pascal_row)")
    # three lines, besides the import of the user's own module
    assert len([line for line in code.splitlines() if line.strip() and line != "import mymodule"]) == 3
    for pascal_row, passes in ((pascalrow.pascal_row, True), (wrong_impls.row_u64, False)):
        monkeypatch.setitem(sys.modules, "mymodule", types.SimpleNamespace(pascal_row=pascal_row))
        namespace = {}
        exec(code, namespace)
        if passes:
            namespace["test_pascal_row"]()
        else:
            with pytest.raises(CheckFailure, match="f\\(68\\)"):
                namespace["test_pascal_row"]()


def test_ctypes_snippet():
    exec(block("python", "ctypes.CDLL(pascalrow.library_path())"), {})


def _without_tried(report: str) -> list[str]:
    """The report's lines minus the 'tried' paragraph (its example counts
    depend on the hypothesis version)."""
    out, skipping = [], False
    for line in report.splitlines():
        if line.startswith("  ") and line[2] != " ":
            skipping = line.split()[0] == "tried"
        if not skipping:
            out.append(line)
    return out


def test_sample_report_is_the_real_output(monkeypatch, capsys):
    text = block("text", "$ python -m pascalrow check")
    command, _, shown = text.partition("\n")
    argv = command.split()[4:]
    assert argv[0] == "check"
    monkeypatch.chdir(ROOT)
    assert main(argv[1:]) == 1
    printed = capsys.readouterr().out
    assert _without_tried(printed) == _without_tried(shown)
    assert len(_without_tried(shown)) < len(shown.splitlines())   # a tried paragraph was there


def test_readme_c_call_is_the_example():
    (c_block,) = blocks(ROOT / "README.md", "c")
    example = [line.strip() for line in (ROOT / "tests" / "c" / "example_row.c").read_text().splitlines()]
    lines = [line.strip() for line in c_block.splitlines() if line.strip()]
    start = example.index(lines[0])
    assert example[start:start + len(lines)] == lines
