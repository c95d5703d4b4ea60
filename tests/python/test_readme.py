"""The examples of the README and of the documentation site's pages run as
written: their ```python blocks as doctests, their ```console blocks as
commands whose output must match."""
import doctest
import re
import subprocess
import sys

import pytest

from doc_pages import PAGES, ROOT, SITE, blocks, name

# Python blocks that are programs rather than doctests, each run by its own
# test in tests/python/test_readme_check.py (found there by these same strings).
PROGRAM_BLOCKS = ("check_row_function(mymodule.pascal_row)", "ctypes.CDLL(pascalrow.library_path())")


def doctest_blocks(page):
    return [b for b in blocks(page, "python") if not any(p in b for p in PROGRAM_BLOCKS)]


DOCTESTS = [(page, i) for page in PAGES for i in range(len(doctest_blocks(page)))]


def test_pages_have_examples():
    assert PAGES[0] == ROOT / "README.md" and len(doctest_blocks(PAGES[0])) >= 4
    assert sum(len(doctest_blocks(p)) for p in SITE) >= 12
    assert sum(len(blocks(p, "console")) for p in SITE) >= 1
    programs = [b for p in SITE for b in blocks(p, "python") if any(s in b for s in PROGRAM_BLOCKS)]
    assert len(programs) == len(PROGRAM_BLOCKS)


@pytest.mark.parametrize("page,i", DOCTESTS, ids=[f"{name(p)}:{i}" for p, i in DOCTESTS])
def test_python_block(page, i):
    # one namespace per block, pascalrow and math imported as in the first block
    source = doctest_blocks(page)[i]
    test = doctest.DocTestParser().get_doctest(
        source, {"pascalrow": __import__("pascalrow"), "math": __import__("math")},
        f"{name(page)} python block {i}", str(page), 0)
    assert test.examples, "a python block without examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{name(page)} python block {i} failed (see the output above)"


def console_commands():
    """(page, command, expected output) for each '$ ' line of the console blocks."""
    out = []
    for page in PAGES:
        for block in blocks(page, "console"):
            for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
                command, _, expected = chunk.partition("\n")
                out.append((page, command, expected))
    return out


@pytest.mark.parametrize("page,command,expected", console_commands(),
                         ids=[f"{name(p)}:{c}" for p, c, _ in console_commands()])
def test_console_block(page, command, expected):
    args = command.split()
    assert args[:3] == ["python", "-m", "pascalrow"]
    run = subprocess.run([sys.executable, *args[1:]], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == expected
