"""pascal_triangle(n) and multinomial(*ks) against math.comb / math.factorial."""
import itertools
import math

import numpy
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pascalrow


# --------------------------------------------------------------- triangle

def test_triangle_rows_equal_math_comb():
    # rows 0..300 cross both widenings: u32 -> u64 after row 34, u64 -> GMP after 67
    rows = list(pascalrow.pascal_triangle(300))
    assert len(rows) == 301
    for n, row in enumerate(rows):
        assert row == [math.comb(n, k) for k in range(n + 1)], n
        assert all(type(v) is int for v in row)


@given(st.integers(0, 120))
def test_triangle_matches_pascal_row(n):
    assert list(pascalrow.pascal_triangle(n)) == [pascalrow.pascal_row(i) for i in range(n + 1)]


@pytest.mark.parametrize("n", [0, 1, 34, 35, 67, 68])
def test_triangle_boundaries(n):
    rows = list(pascalrow.pascal_triangle(n))
    assert len(rows) == n + 1 and rows[-1] == [math.comb(n, k) for k in range(n + 1)]


def test_triangle_is_a_lazy_iterator():
    it = pascalrow.pascal_triangle(10**9)        # never materialised
    assert iter(it) is it
    assert next(it) == [1] and next(it) == [1, 1] and next(it) == [1, 2, 1]
    assert it.__length_hint__() == 10**9 - 2
    first = list(itertools.islice(it, 100))
    assert first[-1] == [math.comb(102, k) for k in range(103)]
    done = pascalrow.pascal_triangle(1)
    assert list(done) == [[1], [1, 1]]
    assert list(done) == [] and done.__length_hint__() == 0
    with pytest.raises(StopIteration):
        next(done)


def test_triangle_rows_are_independent_lists():
    it = pascalrow.pascal_triangle(80)
    rows = list(it)
    rows[70][3] = -1
    assert rows[71][3] == math.comb(71, 3)


def test_triangle_iterator_type_cannot_be_built_directly():
    with pytest.raises(TypeError):
        type(pascalrow.pascal_triangle(3))()


@pytest.mark.parametrize("bad,exc", [(-1, ValueError), (1.5, TypeError), ("3", TypeError),
                                     (None, TypeError), (2**63, OverflowError), (2**100, OverflowError)])
def test_triangle_bad_input(bad, exc):
    with pytest.raises(exc):
        pascalrow.pascal_triangle(bad)


def test_triangle_arity():
    with pytest.raises(TypeError):
        pascalrow.pascal_triangle()
    with pytest.raises(TypeError):
        pascalrow.pascal_triangle(3, 4)


# ------------------------------------------------------------ multinomial

def reference_multinomial(ks):
    r = math.factorial(sum(ks))
    for k in ks:
        r //= math.factorial(k)
    return r


@given(st.lists(st.integers(0, 300), max_size=8))
@example([])
@example([0])
@example([5, 0, 0])
@example([1] * 10)
def test_multinomial_equals_factorials(ks):
    assert pascalrow.multinomial(*ks) == reference_multinomial(ks)


@given(st.integers(0, 2000), st.data())
def test_two_parts_is_comb(n, data):
    k = data.draw(st.integers(0, n))
    assert pascalrow.multinomial(n - k, k) == math.comb(n, k)


def test_multinomial_big_arguments():
    big = 2**70
    assert pascalrow.multinomial(big, 1) == big + 1
    assert pascalrow.multinomial(3, big, 2) == math.comb(big + 3, 3) * math.comb(big + 5, 2)
    assert pascalrow.multinomial(2**64 - 1, 1) == 2**64              # the sum needs 65 bits
    with pytest.raises(OverflowError, match="only the largest"):
        pascalrow.multinomial(2**64, 2**64)


def test_multinomial_too_big_is_memory_error():
    with pytest.raises(MemoryError, match="needs about"):
        pascalrow.multinomial(2**62, 2**62)
    with pytest.raises(MemoryError, match="needs about"):
        pascalrow.multinomial(2**70, 2**60)


def test_multinomial_accepts_index_objects():
    assert pascalrow.multinomial(numpy.int64(2), True, numpy.uint16(3)) == reference_multinomial([2, 1, 3])
    assert list(pascalrow.pascal_triangle(numpy.int32(2))) == [[1], [1, 1], [1, 2, 1]]


@pytest.mark.parametrize("args,exc", [((-1,), ValueError), ((3, -2), ValueError), ((1.0,), TypeError),
                                      (("2",), TypeError), ((None, 2), TypeError), ((3, [1]), TypeError)])
def test_multinomial_bad_input(args, exc):
    with pytest.raises(exc):
        pascalrow.multinomial(*args)


def test_multinomial_rejects_keywords():
    with pytest.raises(TypeError):
        pascalrow.multinomial(ks=3)
