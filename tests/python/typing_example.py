"""A user's script: every public name of pascalrow and pascalrow.testing,
called the way a user would call it.

tests/python/test_typing.py type-checks it with mypy --strict (assert_type pins
each result's static type; each `type: ignore` marks a call the stubs must
reject, and --strict's warn_unused_ignores fails if they stop rejecting it)
and runs it, so the types it claims are the values the run time returns.
"""
import array
import ctypes
from collections.abc import Iterator
from typing import assert_type

import numpy

import pascalrow
from pascalrow import *  # noqa: F403 - the star import a user may write
from pascalrow.testing import (CheckFailure, boundary_rows, check_comb_function,
                               check_row_function, coefficients, moduli, row_indices)

names: list[str] = pascalrow.__all__
assert sorted(names) == sorted(["__version__", "comb", "pascal_row", "library_path", "multinomial",
                                "pascal_triangle", "get_num_threads", "set_num_threads",
                                "binomial", "valuation", "row_sum", "comb_array", "valuation_array",
                                "WordArray"])
assert_type(pascalrow.__version__, str)

# comb_array / valuation_array: NumPy arrays (ufunc conventions)
counts = pascalrow.comb_array(numpy.arange(10, 15), 3)
assert isinstance(counts, numpy.ndarray) and counts.dtype == numpy.uint64
assert counts.tolist() == [120, 165, 220, 286, 364]
exact = comb_array([1000], [500], dtype=object)
assert type(exact[0]) is int and exact[0] == pascalrow.comb(1000, 500)
assert comb_array([10], [3], mod=7, out=numpy.zeros(1, numpy.uint64)).tolist() == [1]
assert valuation_array([100], [50], 3).tolist() == [4]

# row_sum: an int, exact or mod m
assert_type(row_sum(10), int)
assert pascalrow.row_sum(10, 3, 6) == 120 + 210 + 252
assert pascalrow.row_sum(10**6, 5, 8, mod=10**9 + 7) == sum(pascal_row(10**6, 5, 8)) % (10**9 + 7)

# pascal_row: a list of ints, or a pascalrow.WordArray with dtype=
row = pascal_row(10)
assert_type(row, list[int])
assert row == [1, 10, 45, 120, 210, 252, 210, 120, 45, 10, 1]
assert_type(pascalrow.pascal_row(10**6, 5, 8, mod=10**9 + 7), list[int])
assert_type(pascalrow.pascal_row(10, dtype=None), list[int])

width = "uint64"                       # a plain str, known only at run time
for arr in (pascalrow.pascal_row(10, dtype="uint32"),
            pascalrow.pascal_row(10, dtype=width),
            pascalrow.pascal_row(10, dtype=numpy.uint32),
            pascalrow.pascal_row(10, dtype=numpy.dtype("uint64")),
            pascalrow.pascal_row(1000, 0, 4, mod=97, dtype=numpy.dtype(numpy.uint32))):
    assert_type(arr, pascalrow.WordArray)
    assert isinstance(arr, pascalrow.WordArray) and arr[0] == 1 and arr[-1] == arr[len(arr) - 1]
    assert_type(arr[1:3], pascalrow.WordArray)
    assert_type(arr.tolist(), list[int])
    assert array.array(arr.typecode, arr) == arr
words = pascalrow.pascal_row(4, dtype="uint64")
assert bytes(memoryview(words)) == words.tobytes()        # a Buffer to type checkers too
as_numpy = numpy.asarray(pascalrow.pascal_row(60, dtype=numpy.uint64))
assert as_numpy.dtype == numpy.uint64

# out=: the values written into the caller's buffer, which is returned as it is
buf = array.array("Q", [0]) * 11
assert_type(pascalrow.pascal_row(10, mod=7, out=buf), "array.array[int]")
assert buf.tolist() == [1, 3, 3, 1, 0, 0, 0, 1, 3, 3, 1]
fresh = numpy.empty(11, numpy.uint64)
assert pascalrow.pascal_row(10, out=fresh) is fresh and int(fresh[5]) == 252

maybe_width: str | None = None
either = pascalrow.pascal_row(10, dtype=maybe_width)
assert_type(either, "list[int] | pascalrow.WordArray")

# comb, with and without mod; multinomial
c: int = comb(100, 50)
assert c == 100891344545564193334812497256
assert_type(pascalrow.comb(10**6, 500_000, mod=10**9 + 7), int)
assert pascalrow.comb(numpy.int64(10), 3) == 120          # anything with __index__
assert_type(multinomial(2, 3, 4), int)
assert pascalrow.multinomial() == 1 and pascalrow.multinomial(2, 3, 4) == 1260

# binomial of any integer n; the exponent of a prime in comb(n, k)
assert_type(binomial(-5, 3), int)
assert pascalrow.binomial(-5, 3) == -35 and pascalrow.binomial(5, -1) == 0
assert_type(valuation(10, 3, 2), int)
assert pascalrow.valuation(10, 3, 2) == 3 and pascalrow.valuation(2**70, 2**69, 2) == 1

# pascal_triangle iterates over rows
rows = pascal_triangle(5)
assert_type(rows, Iterator[list[int]])
for i, r in enumerate(rows):
    assert r == pascal_row(i)
assert [len(r) for r in pascalrow.pascal_triangle(3)] == [1, 2, 3, 4]

# threads
before = get_num_threads()
assert_type(before, int)
set_num_threads(1)
assert pascalrow.get_num_threads() == 1
set_num_threads(None)

# the C library for ctypes
path = library_path()
assert_type(path, str)
lib = ctypes.CDLL(path)


# pascalrow.testing: check someone's functions, here pascalrow's own
def seed_row(n: int) -> list[int]:
    """Row n - 1: the n values C(n - 1, 0..n - 1)."""
    return pascal_row(n - 1)


report = check_row_function(seed_row, convention="seed", max_n=100, max_examples=20)
assert_type(report, str)
assert check_row_function(pascal_row, convention="row", max_n=50, max_examples=10)
assert check_comb_function(comb, max_n=50, max_examples=10, deadline=None)
try:
    check_row_function(lambda n: [1] * (n + 1), max_n=10, max_examples=5)
except CheckFailure as failure:
    assert_type(failure.report, str)
    assert failure.diagnosis
else:
    raise AssertionError("a row of ones passed the check")
assert 34 in boundary_rows(100)
strategies = (row_indices(100), coefficients(100), moduli())


def rejected_by_the_stubs() -> None:
    """Never called: each line is a call mypy must refuse."""
    pascal_row(10, dtype=64)                          # type: ignore[call-overload]
    pascal_row(10.0)                                  # type: ignore[call-overload]
    comb(5, 2, 7)                                     # type: ignore[call-arg]
    comb(5, "2")                                      # type: ignore[arg-type]
    multinomial(1.5)                                  # type: ignore[arg-type]
    binomial(5, k=2)                                  # type: ignore[call-arg]
    valuation(10, 3)                                  # type: ignore[call-arg]
    comb_array([10], [3], mod="7")                    # type: ignore[arg-type]
    valuation_array([10], [3])                        # type: ignore[call-arg]
    pascalrow.set_num_threads()                       # type: ignore[call-arg]
    check_row_function(seed_row, convention="rows")  # type: ignore[arg-type]
