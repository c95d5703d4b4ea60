"""Odd and bad input to every public Python function, as one table each.

A row is Case(args, expect):
  - expect = ACCEPT: the call must succeed and return exactly the reference
    value for the same arguments (math.comb for comb, the list of math.comb
    for pascal_row), with plain ints in it.  These are the inputs math.comb
    accepts: bool, numpy integers, 0-d integer arrays, int subclasses, any
    object with __index__.
  - expect = an exception class: the call must raise exactly that type (not
    a subclass, not a parent).  With like_math=True (the default) math.comb
    must raise the same type for the same arguments: the same contract.

Adding a row is one line; adding a function is a table, a reference and an
entry in FUNCTIONS.
"""
import math
import operator
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

import numpy as np
import pytest

import pascalrow
from helpers import Idx
from legendre import valuation_reference

ACCEPT = "accept"


class Case(NamedTuple):
    args: tuple
    expect: object               # ACCEPT or an exception class
    like_math: bool = True       # math.comb raises the same type
    kwargs: dict = {}


class IndexBoom(Exception):
    """Raised by RaisingIndex.__index__: must reach the caller unchanged."""


class RaisingIndex:
    def __index__(self):
        raise IndexBoom("__index__ failed")

    def __repr__(self):
        return "RaisingIndex()"


class IntSub(int):
    def __repr__(self):
        return f"IntSub({int(self)})"


class Opaque:
    def __repr__(self):
        return "Opaque()"


# Not integers: TypeError from pascal_row, comb and math.comb alike.
NOT_INTEGERS = [1.0, 2.5, float("nan"), float("inf"), Decimal(5), Fraction(5, 1), "5", b"5",
                None, [3], 3 + 0j, Opaque(), Idx(1.5), np.float64(3.0), np.bool_(True),
                np.array([5]), np.array(5.0), np.str_("5")]

PASCAL_ROW = [
    # accepted exactly as math.comb accepts n
    Case((True,), ACCEPT), Case((False,), ACCEPT), Case((Idx(4),), ACCEPT),
    Case((IntSub(6),), ACCEPT), Case((np.int8(5),), ACCEPT), Case((np.uint8(70),), ACCEPT),
    Case((np.int16(34),), ACCEPT), Case((np.int32(35),), ACCEPT), Case((np.int64(68),), ACCEPT),
    Case((np.uint64(67),), ACCEPT), Case((np.intp(200),), ACCEPT), Case((np.array(67),), ACCEPT),
    Case((Idx(np.int64(9)),), TypeError),    # __index__ must return an int
    # negative: ValueError
    Case((-1,), ValueError), Case((-(2**64),), ValueError), Case((-(10**100),), ValueError),
    Case((np.int64(-1),), ValueError), Case((Idx(-3),), ValueError), Case((IntSub(-2),), ValueError),
    # not an integer: TypeError
    *[Case((x,), TypeError) for x in NOT_INTEGERS],
    # __index__ raising: its own exception, unchanged
    Case((RaisingIndex(),), IndexBoom),
    # too long for a list (n + 1 entries): OverflowError
    Case((2**63 - 1,), OverflowError, like_math=False), Case((2**63,), OverflowError, like_math=False),
    Case((2**64,), OverflowError, like_math=False), Case((10**30,), OverflowError, like_math=False),
    Case((np.uint64(2**64 - 1),), OverflowError, like_math=False),
    # cannot fit in any machine's memory (row 10**8: ~450 TB): MemoryError
    # before any work (row 10**6, ~45 GB, under an address-space limit: test_oom)
    Case((10**8,), MemoryError, like_math=False), Case((2**40,), MemoryError, like_math=False),
    Case((2**63 - 2,), MemoryError, like_math=False), Case((np.int64(10**7),), MemoryError, like_math=False),
    # arity and keywords: TypeError
    Case((), TypeError), Case((), TypeError, kwargs={"n": 5}),
    Case((1, 2, 3, 4), TypeError, like_math=False), Case((5,), TypeError, like_math=False, kwargs={"bogus": 1}),
    # slices: start/stop like the indices of a slice of the full row
    Case((10, 2, 5), ACCEPT, like_math=False), Case((10, 8, 100), ACCEPT, like_math=False),
    Case((10, 7, 3), ACCEPT, like_math=False), Case((5, 2**64, 2**65), ACCEPT, like_math=False),
    Case((5, None, None), ACCEPT, like_math=False), Case((10, Idx(2), np.int64(4)), ACCEPT, like_math=False),
    Case((10**6, 0, 3), ACCEPT, like_math=False), Case((2**64 - 2, 0, 3), ACCEPT, like_math=False),
    Case((5, -1), ValueError, like_math=False), Case((5, 0, -1), ValueError, like_math=False),
    Case((5, 1.0), TypeError, like_math=False), Case((5, 0, "3"), TypeError, like_math=False),
    Case((5, RaisingIndex()), IndexBoom, like_math=False),
    Case((2**64, 0, 3), OverflowError, like_math=False),
    # mod: 1 <= mod < 2**63
    Case((10,), ACCEPT, like_math=False, kwargs={"mod": 7}), Case((10,), ACCEPT, like_math=False, kwargs={"mod": 1}),
    Case((10,), ACCEPT, like_math=False, kwargs={"mod": 2**63 - 1}),
    Case((10, 3, 6), ACCEPT, like_math=False, kwargs={"mod": np.int64(12)}),
    Case((5,), ValueError, like_math=False, kwargs={"mod": 0}), Case((5,), ValueError, like_math=False, kwargs={"mod": -3}),
    Case((5,), OverflowError, like_math=False, kwargs={"mod": 2**63}),
    Case((5,), TypeError, like_math=False, kwargs={"mod": 1.5}), Case((5,), TypeError, like_math=False, kwargs={"mod": "7"}),
    Case((5,), IndexBoom, like_math=False, kwargs={"mod": RaisingIndex()}),
    # dtype: None, "uint32" or "uint64"
    Case((5,), ValueError, like_math=False, kwargs={"dtype": "int8"}),
    Case((5,), TypeError, like_math=False, kwargs={"dtype": 5}),
    Case((35,), OverflowError, like_math=False, kwargs={"dtype": "uint32"}),
    Case((10**6,), OverflowError, like_math=False, kwargs={"dtype": "uint64"}),
]

COMB = [
    # accepted exactly as math.comb accepts them
    Case((True, False), ACCEPT), Case((False, False), ACCEPT), Case((True, True), ACCEPT),
    Case((False, True), ACCEPT), Case((Idx(10), Idx(3)), ACCEPT), Case((IntSub(10), 3), ACCEPT),
    Case((np.int64(1000), np.int32(500)), ACCEPT), Case((np.uint64(2**64 - 1), np.uint8(2)), ACCEPT),
    Case((np.array(60), np.array(30)), ACCEPT), Case((np.int8(5), True), ACCEPT),
    Case((0, 0), ACCEPT), Case((5, 7), ACCEPT), Case((5, 2**64), ACCEPT), Case((5, 10**100), ACCEPT),
    Case((2**64 - 1, 2**64 - 1), ACCEPT), Case((2**64 - 1, 2**64 - 3), ACCEPT),
    Case((2**64, 2**64 + 1), ACCEPT), Case((2**70, np.int64(3)), ACCEPT),
    Case((2**100, 2**100), ACCEPT), Case((2**100, 2**100 - 2), ACCEPT), Case((Idx(2**80), Idx(4)), ACCEPT),
    # negative: ValueError, either argument
    Case((-1, 0), ValueError), Case((5, -1), ValueError), Case((-5, -5), ValueError),
    Case((np.int64(-1), 2), ValueError), Case((Idx(-1), 0), ValueError), Case((2**70, -1), ValueError),
    Case((-(2**70), 2), ValueError), Case((3, np.int8(-1)), ValueError),
    # not an integer: TypeError, either argument
    *[Case((x, 2), TypeError) for x in NOT_INTEGERS],
    *[Case((5, x), TypeError) for x in NOT_INTEGERS],
    # both converted before either sign is checked, as math.comb does
    Case((-1, "x"), TypeError), Case(("x", -1), TypeError),
    Case((-1, RaisingIndex()), IndexBoom), Case((RaisingIndex(), -1), IndexBoom),
    # __index__ raising: its own exception, unchanged
    Case((RaisingIndex(), 1), IndexBoom), Case((1, RaisingIndex()), IndexBoom),
    Case((2**70, RaisingIndex()), IndexBoom),
    # min(k, n - k) beyond 64 bits: OverflowError (math.comb: beyond 63 bits)
    Case((2**70, 2**69), OverflowError), Case((2**200, 2**100), OverflowError),
    # results that cannot fit in memory: MemoryError before any work
    Case((2**62, 2**61), MemoryError, like_math=False),
    Case((2**64 - 1, 2**63), MemoryError, like_math=False),
    Case((2**70, 2**63), MemoryError, like_math=False),
    Case((2**70, 10**12), MemoryError, like_math=False),
    # arity and keywords: TypeError
    Case((), TypeError), Case((5,), TypeError), Case((5, 2, 1), TypeError),
    Case((), TypeError, kwargs={"n": 5, "k": 2}), Case((5,), TypeError, kwargs={"k": 2}),
    # mod: 1 <= mod < 2**63
    Case((10, 3), ACCEPT, like_math=False, kwargs={"mod": 7}), Case((28, 3), ACCEPT, like_math=False, kwargs={"mod": 27}),
    Case((10, 30), ACCEPT, like_math=False, kwargs={"mod": 7}),
    Case((5, 2), ValueError, like_math=False, kwargs={"mod": 0}),
    Case((5, 2), OverflowError, like_math=False, kwargs={"mod": 2**63}),
    Case((5, 2), TypeError, like_math=False, kwargs={"mod": 2.0}),
    Case((5, 2), TypeError, like_math=False, kwargs={"bogus": 1}),
]

ROW_SUM = [
    # n, start, stop accepted exactly as pascal_row accepts them
    Case((True,), ACCEPT), Case((False,), ACCEPT), Case((Idx(4),), ACCEPT), Case((IntSub(6),), ACCEPT),
    Case((np.int8(5),), ACCEPT), Case((np.uint64(67),), ACCEPT), Case((np.array(70),), ACCEPT),
    Case((200,), ACCEPT), Case((Idx(np.int64(9)),), TypeError),
    Case((-1,), ValueError), Case((-(10**100),), ValueError), Case((np.int64(-1),), ValueError),
    *[Case((x,), TypeError) for x in NOT_INTEGERS],
    Case((RaisingIndex(),), IndexBoom),
    Case((), TypeError), Case((), TypeError, kwargs={"n": 5}),
    Case((1, 2, 3, 4), TypeError, like_math=False), Case((5,), TypeError, like_math=False, kwargs={"bogus": 1}),
    Case((5,), TypeError, like_math=False, kwargs={"dtype": "uint64"}),
    # slices: start/stop like the indices of a slice of the full row
    Case((10, 2, 5), ACCEPT, like_math=False), Case((10, 8, 100), ACCEPT, like_math=False),
    Case((10, 7, 3), ACCEPT, like_math=False), Case((5, 2**64, 2**65), ACCEPT, like_math=False),
    Case((5, None, None), ACCEPT, like_math=False), Case((10, Idx(2), np.int64(4)), ACCEPT, like_math=False),
    Case((10**6, 0, 3), ACCEPT, like_math=False), Case((2**64 - 2, 0, 3), ACCEPT, like_math=False),
    Case((2**64 - 2, 2**64 - 4, 2**64), ACCEPT, like_math=False),
    Case((5, -1), ValueError, like_math=False), Case((5, 0, -1), ValueError, like_math=False),
    Case((5, 1.0), TypeError, like_math=False), Case((5, 0, "3"), TypeError, like_math=False),
    Case((5, RaisingIndex()), IndexBoom, like_math=False),
    Case((2**64 - 1, 0, 3), OverflowError, like_math=False), Case((2**64, 0, 3), OverflowError, like_math=False),
    # sums that cannot fit in memory (2**(2**40) has 2**40 bits): MemoryError before any work
    Case((2**40,), MemoryError, like_math=False), Case((2**62, 2**61, 2**61 + 1), MemoryError, like_math=False),
    # mod: 1 <= mod < 2**63
    Case((10,), ACCEPT, like_math=False, kwargs={"mod": 7}), Case((10,), ACCEPT, like_math=False, kwargs={"mod": 1}),
    Case((10,), ACCEPT, like_math=False, kwargs={"mod": 2**63 - 1}),
    Case((10, 3, 6), ACCEPT, like_math=False, kwargs={"mod": np.int64(12)}),
    Case((2**64 - 2, 0, 3), ACCEPT, like_math=False, kwargs={"mod": 10**9 + 7}),
    Case((5,), ValueError, like_math=False, kwargs={"mod": 0}), Case((5,), ValueError, like_math=False, kwargs={"mod": -3}),
    Case((5,), OverflowError, like_math=False, kwargs={"mod": 2**63}),
    Case((5,), TypeError, like_math=False, kwargs={"mod": 1.5}),
    Case((5,), IndexBoom, like_math=False, kwargs={"mod": RaisingIndex()}),
    # out of reach: deep in row 2**60 modulo 3**30
    Case((2**60, 2**58, 2**58 + 10), OverflowError, like_math=False, kwargs={"mod": 3**30}),
]

PASCAL_TRIANGLE = [
    Case((0,), ACCEPT), Case((True,), ACCEPT), Case((Idx(5),), ACCEPT), Case((np.int64(70),), ACCEPT),
    Case((-1,), ValueError), Case((np.int8(-1),), ValueError),
    *[Case((x,), TypeError) for x in NOT_INTEGERS],
    Case((RaisingIndex(),), IndexBoom),
    Case((2**64,), OverflowError, like_math=False),
    Case((), TypeError), Case((1, 2), TypeError, like_math=False),
]

MULTINOMIAL = [
    Case((), ACCEPT, like_math=False), Case((5,), ACCEPT, like_math=False), Case((2, 3, 4), ACCEPT),
    Case((True, np.int8(3)), ACCEPT), Case((Idx(4), IntSub(2), 0), ACCEPT), Case((0, 0, 0), ACCEPT),
    Case((2**64, 2), ACCEPT), Case((100, 200, 300, 400), ACCEPT),
    Case((-1, 2), ValueError, like_math=False), Case((2, Idx(-1)), ValueError),
    *[Case((2, x), TypeError) for x in NOT_INTEGERS],
    Case((RaisingIndex(), 2), IndexBoom),
    Case((2**64, 2**64), OverflowError, like_math=False),
    Case((10**12, 10**12), MemoryError, like_math=False),
    Case((), TypeError, like_math=False, kwargs={"k": 3}),
]

# binomial: any integer n (GMP's convention), k < 0 gives 0; like_math only
# where math.comb shares the contract (n, k >= 0).
BINOMIAL = [
    Case((10, 3), ACCEPT), Case((-10, 3), ACCEPT, like_math=False), Case((-1, 7), ACCEPT, like_math=False),
    Case((5, -1), ACCEPT, like_math=False), Case((-5, -1), ACCEPT, like_math=False), Case((3, 5), ACCEPT),
    Case((True, np.int8(3)), ACCEPT), Case((Idx(-4), IntSub(2)), ACCEPT, like_math=False),
    Case((-2**70, 3), ACCEPT, like_math=False), Case((-3, 2**70), ACCEPT, like_math=False),
    *[Case((x, 2), TypeError) for x in NOT_INTEGERS], *[Case((-2, x), TypeError, like_math=False) for x in NOT_INTEGERS],
    Case((RaisingIndex(), 2), IndexBoom), Case((-2, RaisingIndex()), IndexBoom, like_math=False),
    Case((-2**70, 2**70), OverflowError, like_math=False),
    Case((-10**12, 10**12), MemoryError, like_math=False),
    Case((1,), TypeError), Case((1, 2, 3), TypeError), Case((1,), TypeError, like_math=False, kwargs={"k": 2}),
]

# valuation: n >= k >= 0, p a prime below 2**64; like_math for the first
# two arguments' contract (math.comb(n, k) with the same n and k).
VALUATION = [
    Case((10, 3, 2), ACCEPT, like_math=False), Case((2**70, 2**69, 3), ACCEPT, like_math=False),
    Case((0, 0, 2), ACCEPT, like_math=False), Case((True, np.int8(1), Idx(5)), ACCEPT, like_math=False),
    Case((10, 3, 2**64 - 59), ACCEPT, like_math=False), Case((IntSub(100), 50, np.uint64(7)), ACCEPT, like_math=False),
    Case((3, 10, 2), ValueError, like_math=False), Case((2**64, 2**65, 2), ValueError, like_math=False),
    Case((-1, 0, 2), ValueError, like_math=False), Case((10, -1, 2), ValueError, like_math=False),
    Case((10, 3, -2), ValueError, like_math=False), Case((10, 3, 0), ValueError, like_math=False),
    Case((10, 3, 1), ValueError, like_math=False), Case((10, 3, 91), ValueError, like_math=False),
    Case((2**70, 3, 2**64 - 1), ValueError, like_math=False),
    Case((10, 3, 2**64 + 13), OverflowError, like_math=False), Case((10, 3, 2**89 - 1), OverflowError, like_math=False),
    *[Case((x, 2, 2), TypeError, like_math=False) for x in NOT_INTEGERS],
    *[Case((10, 2, x), TypeError, like_math=False) for x in NOT_INTEGERS],
    Case((10, 3, RaisingIndex()), IndexBoom, like_math=False),
    Case((10, 3), TypeError, like_math=False), Case((10, 3, 2, 5), TypeError, like_math=False),
    Case((10, 3), TypeError, like_math=False, kwargs={"p": 2}),
]


# comb_array / valuation_array: ufunc conventions, compared as lists of ints
# (ndarray.tolist); like_math is off (arrays are not math.comb's domain).
def _arr(*values):
    return np.array(values, dtype=object)


COMB_ARRAY = [
    Case(([10, 20, 30], 3), ACCEPT, False), Case((np.arange(6), np.arange(6)[:, None]), ACCEPT, False),
    Case((np.int8(5), np.uint16(2)), ACCEPT, False), Case((True, [0, 1, 2]), ACCEPT, False),
    Case((np.array([67, 68, 6074001000], np.uint64), [33, 30, 2]), ACCEPT, False),
    Case((2**64 - 1, [0, 1, 2**64 - 1]), ACCEPT, False), Case(([5], [7]), ACCEPT, False),
    Case(([], []), ACCEPT, False), Case((_arr(Idx(10), IntSub(12)), 4), ACCEPT, False),
    Case(([1000, 68], [500, 34]), ACCEPT, False, {"dtype": object}),
    Case((_arr(2**70, 5), 3), ACCEPT, False, {"dtype": object}),
    Case(([1000, 10**6], [500, 3]), ACCEPT, False, {"mod": 10**9 + 7}),
    Case(([1000, 40], [500, 20]), ACCEPT, False, {"mod": 2**63 - 1, "dtype": object}),
    Case((_arr(2**70), 2), ACCEPT, False, {"mod": 1000}), Case(([7], [3]), ACCEPT, False, {"mod": 1}),
    Case(([7], [3]), ACCEPT, False, {"dtype": "uint64"}), Case(([7], [3]), ACCEPT, False, {"dtype": np.uint64}),
    Case(([68], [34]), OverflowError, False), Case(([10, 2**64 - 1], [3, 2]), OverflowError, False),
    Case((_arr(2**64), 1), OverflowError, False),
    Case(([-1], [2]), ValueError, False), Case(([5], [-2]), ValueError, False),
    Case((_arr(-2**70), 2), ValueError, False, {"dtype": object}),
    Case((np.array([-3, 5]), 2), ValueError, False, {"dtype": object}),
    Case((np.array([5, 6], np.int32), np.array([1, -2], np.int8)), ValueError, False, {"dtype": object}),
    Case((np.array([-3, 5]), 2), ValueError, False, {"mod": 7}),
    Case((np.array([-3, 5], np.int16), 2), ValueError, False, {"mod": 7}),
    Case((np.array([3, 5], np.uint64), np.array([-1, 2])), ValueError, False),
    Case(([1, 2, 3], [1, 2]), ValueError, False),
    Case(([1.5], [1]), TypeError, False), Case((["a"], [1]), TypeError, False), Case((None, 1), TypeError, False),
    Case(([1 + 2j], 1), TypeError, False), Case((_arr(1.0), 1), TypeError, False),
    Case(([RaisingIndex()], 1), IndexBoom, False),
    Case(([7], [3]), ValueError, False, {"mod": 0}), Case(([7], [3]), ValueError, False, {"mod": -5}),
    Case(([7], [3]), OverflowError, False, {"mod": 2**63}), Case(([7], [3]), TypeError, False, {"mod": 2.0}),
    Case(([7], [3]), TypeError, False, {"dtype": "int64"}), Case(([7], [3]), TypeError, False, {"dtype": float}),
    Case(([7], [3]), TypeError, False, {"dtype": "no-such-type"}),
    Case(([7], [3]), TypeError, False, {"out": np.zeros(1, np.int64)}),
    Case(([7], [3]), TypeError, False, {"out": [0]}),
    Case(([7, 8], [3]), ValueError, False, {"out": np.zeros(3, np.uint64)}),
    Case(([7],), TypeError, False), Case(([7], [3], 2), TypeError, False),
]

VALUATION_ARRAY = [
    Case(([10, 100, 1000], 5, 2), ACCEPT, False), Case((np.arange(3, 20), 3, [[2], [3], [5]]), ACCEPT, False),
    Case((2**64 - 1, [2**63, 5], 2**64 - 59), ACCEPT, False), Case((_arr(2**70), 2**69, 3), ACCEPT, False),
    Case(([], [], 2), ACCEPT, False), Case((np.uint64(9), np.int8(4), np.uint64(3)), ACCEPT, False),
    Case(([3, 10], [1, 11], 2), ValueError, False), Case(([3], [-1], 2), ValueError, False),
    Case(([10], [3], 91), ValueError, False), Case(([10], [3], [2, 4]), ValueError, False),
    Case(([10], [3], 1), ValueError, False), Case(([10], [3], 0), ValueError, False),
    Case(([10], [3], 2**64 + 13), OverflowError, False), Case(([1.5], 1, 2), TypeError, False),
    Case(([10], [3], 2.0), TypeError, False), Case(([10], [3], 2), TypeError, False, {"out": np.zeros(1, np.int64)}),
    Case(([10], [3]), TypeError, False),
]


def array_call(func):
    """An array function's result as nested lists of ints (or one int)."""
    def call(*args, **kwargs):
        r = func(*args, **kwargs)
        return np.asarray(r).tolist() if isinstance(r, (np.ndarray, np.generic)) else r
    return call


def comb_array_reference(n, k, *, mod=None, dtype=None):
    a, b = np.broadcast_arrays(np.asarray(n, dtype=object), np.asarray(k, dtype=object))
    r = np.frompyfunc(lambda x, y: comb_reference(operator.index(x), operator.index(y), mod=mod), 2, 1)(a, b)
    return np.asarray(r, dtype=object).tolist()


def valuation_array_reference(n, k, p):
    a, b, c = np.broadcast_arrays(*(np.asarray(x, dtype=object) for x in (n, k, p)))
    return np.asarray(np.frompyfunc(valuation_reference, 3, 1)(a, b, c), dtype=object).tolist()

def binomial_reference(n, k):
    n, k = operator.index(n), operator.index(k)
    if k < 0:
        return 0
    # the falling factorial n(n-1)...(n-k+1) / k!, for k small enough to take
    if k > 100:
        return math.comb(k - n - 1, k) * (-1) ** k
    product = 1
    for i in range(k):
        product *= n - i
    return product // math.factorial(k)




# set_num_threads changes a setting: ACCEPT rows compare its return (None)
# and the table's last row puts the default back.
SET_NUM_THREADS = [
    Case((1,), ACCEPT, like_math=False), Case((True,), ACCEPT, like_math=False),
    Case((np.int64(2),), ACCEPT, like_math=False), Case((Idx(3),), ACCEPT, like_math=False),
    Case((-1,), ValueError, like_math=False), Case((257,), ValueError, like_math=False),
    Case((2**70,), ValueError, like_math=False),
    *[Case((x,), TypeError, like_math=False) for x in NOT_INTEGERS if x is not None],
    Case((RaisingIndex(),), IndexBoom, like_math=False),
    Case((), TypeError, like_math=False), Case((1, 2), TypeError, like_math=False),
    Case((None,), ACCEPT, like_math=False),
]

GET_NUM_THREADS = [
    Case((1,), TypeError, like_math=False), Case((), TypeError, like_math=False, kwargs={"n": 1}),
]

LIBRARY_PATH = [
    Case((1,), TypeError, like_math=False), Case((), TypeError, like_math=False, kwargs={"x": 1}),
]

WORD_ARRAY = [
    Case(("Q", [1, 2]), ACCEPT, like_math=False), Case(("I", [0, 2**32 - 1]), ACCEPT, like_math=False),
    Case(("Q", [0, 2**64 - 1]), ACCEPT, like_math=False), Case(("Q",), ACCEPT, like_math=False),
    Case(("Q", (True, np.uint64(5), Idx(3), IntSub(7))), ACCEPT, like_math=False),
    Case(("I", range(5)), ACCEPT, like_math=False),
    Case(("I", [2**32]), OverflowError, like_math=False), Case(("Q", [2**64]), OverflowError, like_math=False),
    Case(("Q", [-1]), OverflowError, like_math=False), Case(("I", [-2**70]), OverflowError, like_math=False),
    *[Case(("Q", [x]), TypeError, like_math=False) for x in NOT_INTEGERS],
    Case(("Q", [RaisingIndex()]), IndexBoom, like_math=False),
    Case(("Q", 5), TypeError, like_math=False), Case(("Q", None), TypeError, like_math=False),
    Case((b"Q", [1]), TypeError, like_math=False), Case((Opaque(), [1]), TypeError, like_math=False),
    Case(("q", [1]), ValueError, like_math=False), Case(("L", [1]), ValueError, like_math=False),
    Case(("QQ", [1]), ValueError, like_math=False), Case(("", [1]), ValueError, like_math=False),
    Case(("Q", b"abc"), ValueError, like_math=False), Case(("Q", b"", "middle"), ValueError, like_math=False),
    Case(("Q", b"", 1), ValueError, like_math=False), Case(("Q", [1], "little"), TypeError, like_math=False),
    Case((), TypeError, like_math=False), Case(("Q", [1], "little", 4), TypeError, like_math=False),
    Case(("Q",), TypeError, like_math=False, kwargs={"initializer": [1]}),
]


def row_reference(n, start=0, stop=None, *, mod=None, dtype=None):
    n = operator.index(n)
    start = 0 if start is None else operator.index(start)
    stop = n + 1 if stop is None else min(operator.index(stop), n + 1)
    row = [math.comb(n, k) for k in range(start, stop)]
    return row if mod is None else [v % operator.index(mod) for v in row]


def row_sum_reference(n, start=0, stop=None, *, mod=None):
    total = sum(row_reference(n, start, stop))
    return total if mod is None else total % operator.index(mod)


def triangle_reference(n):
    return [row_reference(i) for i in range(operator.index(n) + 1)]


def multinomial_reference(*ks):
    ks = [operator.index(k) for k in ks]
    # Π C(k1 + … + ki, ki)
    result, total = 1, 0
    for k in ks:
        total += k
        result *= math.comb(total, k)
    return result


def comb_reference(n, k, *, mod=None):
    return math.comb(n, k) if mod is None else math.comb(n, k) % operator.index(mod)


# name: (function, table, reference for ACCEPT, math.comb applied the same way)
FUNCTIONS = {
    "pascal_row": (pascalrow.pascal_row, PASCAL_ROW, row_reference,
                   lambda *a, **kw: math.comb(*a, 0, **kw)),
    "comb": (pascalrow.comb, COMB, comb_reference, math.comb),
    "row_sum": (pascalrow.row_sum, ROW_SUM, row_sum_reference,
                lambda *a, **kw: math.comb(*a, 0, **kw)),
    "pascal_triangle": (lambda *a, **kw: list(pascalrow.pascal_triangle(*a, **kw)), PASCAL_TRIANGLE,
                        triangle_reference, lambda *a, **kw: math.comb(*a, 0, **kw)),
    # math.comb(Σk, k) for the last k has multinomial's argument contract
    "multinomial": (pascalrow.multinomial, MULTINOMIAL, multinomial_reference,
                    lambda *a, **kw: math.comb(sum(operator.index(x) for x in a), a[-1], **kw)),
    "binomial": (pascalrow.binomial, BINOMIAL, binomial_reference, math.comb),
    "valuation": (pascalrow.valuation, VALUATION, valuation_reference, None),
    "comb_array": (array_call(pascalrow.comb_array), COMB_ARRAY, comb_array_reference, None),
    "valuation_array": (array_call(pascalrow.valuation_array), VALUATION_ARRAY, valuation_array_reference, None),
    "WordArray": (lambda *a, **kw: pascalrow.WordArray(*a, **kw).tolist(), WORD_ARRAY,
                  lambda code, init=(): [operator.index(v) for v in init], None),
    "library_path": (pascalrow.library_path, LIBRARY_PATH, None, None),
    "set_num_threads": (pascalrow.set_num_threads, SET_NUM_THREADS, lambda *a: None, None),
    "get_num_threads": (pascalrow.get_num_threads, GET_NUM_THREADS, None, None),
}

PARAMS = [pytest.param(name, case, id=f"{name}{case.args!r}{case.kwargs or ''}"[:90])
          for name, (_, table, _, _) in FUNCTIONS.items() for case in table]


def ints_in(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [v for item in value for v in ints_in(item)]
    return [value]


@pytest.mark.parametrize("name,case", PARAMS)
def test_input(name, case):
    func, _, reference, like_math = FUNCTIONS[name]
    if case.expect is ACCEPT:
        got = func(*case.args, **case.kwargs)
        assert got == reference(*case.args, **case.kwargs)
        assert all(type(v) is int for v in ints_in(got))
        return
    with pytest.raises(Exception) as info:
        func(*case.args, **case.kwargs)
    assert type(info.value) is case.expect, f"raised {type(info.value).__name__}: {info.value}"
    if case.like_math:
        with pytest.raises(Exception) as info:
            like_math(*case.args, **case.kwargs)
        assert type(info.value) is case.expect, f"math.comb raised {type(info.value).__name__}"


def test_every_public_function_has_a_table():
    public = {name for name in pascalrow.__all__ if callable(getattr(pascalrow, name))}
    assert public <= set(FUNCTIONS), f"no bad-input table for {public - set(FUNCTIONS)}"
