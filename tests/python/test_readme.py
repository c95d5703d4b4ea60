"""The README's examples run as written: its ```python blocks as doctests,
its ```console blocks as commands whose output must match."""
import doctest
import pathlib
import re
import subprocess
import sys

import pytest

README = pathlib.Path(__file__).resolve().parent.parent.parent / "README.md"
TEXT = README.read_text()


def blocks(lang):
    return re.findall(rf"^```{lang}\n(.*?)^```", TEXT, flags=re.S | re.M)


# Python blocks that are programs rather than doctests, each run by its own
# test in tests/python/test_readme_check.py (found there by these same strings).
PROGRAM_BLOCKS = ("check_row_function(mymodule.pascal_row)", "ctypes.CDLL(pascalrow.library_path())")


def doctest_blocks():
    return [b for b in blocks("python") if not any(p in b for p in PROGRAM_BLOCKS)]


def test_readme_has_examples():
    assert len(doctest_blocks()) >= 6 and len(blocks("console")) >= 1
    assert len(blocks("python")) == len(doctest_blocks()) + len(PROGRAM_BLOCKS)


@pytest.mark.parametrize("i", range(len(doctest_blocks())))
def test_python_block(i):
    # one namespace per block, pascalrow and math imported as in the first block
    source = doctest_blocks()[i]
    test = doctest.DocTestParser().get_doctest(
        source, {"pascalrow": __import__("pascalrow"), "math": __import__("math")},
        f"README.md python block {i}", str(README), 0)
    assert test.examples, "a python block without examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"README python block {i} failed (see the output above)"


def console_commands():
    """(command, expected output) for each '$ ' line of the console blocks."""
    out = []
    for block in blocks("console"):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, expected = chunk.partition("\n")
            out.append((command, expected))
    return out


@pytest.mark.parametrize("command,expected", console_commands())
def test_console_block(command, expected):
    args = command.split()
    assert args[:3] == ["python", "-m", "pascalrow"]
    run = subprocess.run([sys.executable, *args[1:]], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected
