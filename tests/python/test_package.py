"""The package as a user meets it: version, docs, stubs."""
import inspect
import pathlib
import re

import pascalrow
from pascalrow import _pascalrow

HEADER = pathlib.Path(__file__).resolve().parents[2] / "include" / "pascalrow.h"


def test_version_matches_c_header():
    major, minor, patch = (int(x) for x in pascalrow.__version__.split("."))
    assert _pascalrow.C_VERSION_NUMBER == major * 10000 + minor * 100 + patch
    header = HEADER.read_text()
    for part, value in zip(("MAJOR", "MINOR", "PATCH"), (major, minor, patch)):
        assert re.search(rf"#define PASCALROW_VERSION_{part} {value}\b", header)


def test_limits_exported():
    assert (_pascalrow.U32_MAX_N, _pascalrow.U64_MAX_N) == (34, 67)
    header = HEADER.read_text()
    for name, value in [("MAX_THREADS", "256"), ("MIN_VALUES_PER_THREAD", "65536"),
                        ("MOD_MAX", "((uint64_t)INT64_MAX)"), ("MOD_COST_LIMIT", "((uint64_t)10000000000)")]:
        assert re.search(rf"#define PASCALROW_{name} {re.escape(value)}\n", header)
    assert (_pascalrow.MAX_THREADS, _pascalrow.MIN_VALUES_PER_THREAD) == (256, 65536)
    assert (_pascalrow.MOD_MAX, _pascalrow.MOD_COST_LIMIT) == (2**63 - 1, 10**10)


def test_docstrings_and_signatures():
    for f in (pascalrow.pascal_row, pascalrow.comb, pascalrow.pascal_triangle, pascalrow.multinomial):
        assert f.__doc__ and len(f.__doc__) > 100
    assert str(inspect.signature(pascalrow.pascal_row)) == "(n, /, start=0, stop=None, *, mod=None, dtype=None, out=None)"
    assert str(inspect.signature(pascalrow.comb)) == "(n, k, /, *, mod=None)"
    assert str(inspect.signature(pascalrow.pascal_triangle)) == "(n, /)"
    assert str(inspect.signature(pascalrow.multinomial)) == "(*ks)"


def test_typed_package_ships_stubs():
    pkg = pathlib.Path(pascalrow.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_pascalrow.pyi").exists()
    stub = (pkg / "__init__.pyi").read_text()
    for name in pascalrow.__all__:
        assert name in stub
