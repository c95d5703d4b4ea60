"""comb(n, k) against math.comb, with math.comb's contract."""
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pascalrow
from helpers import Idx


@given(st.integers(0, 10**5), st.data())
@example(0, None)
def test_comb_equals_math_comb(n, data):
    # every k, including k > n
    k = data.draw(st.integers(0, n + 5)) if data is not None else 0
    assert pascalrow.comb(n, k) == math.comb(n, k)


@given(st.integers(0, 3000).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_comb_matches_row(nk):
    n, k = nk
    assert pascalrow.comb(n, k) == pascalrow.pascal_row(n)[k]


@pytest.mark.parametrize(
    "n,k",
    [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (34, 17), (35, 17), (67, 33), (68, 34),
     (100, 50), (10**4, 5000), (10**5, 50000), (2**32, 3), (2**64 - 1, 2), (2**64 - 1, 2**64 - 1)],
)
def test_exact_cases(n, k):
    assert pascalrow.comb(n, k) == math.comb(n, k)


@given(st.integers(2**64, 2**200), st.integers(0, 40))
def test_huge_n_small_k(n, k):
    assert pascalrow.comb(n, k) == math.comb(n, k)
    assert pascalrow.comb(n, n - k) == math.comb(n, n - k)


def test_k_beyond_n_is_zero():
    assert pascalrow.comb(5, 6) == 0
    assert pascalrow.comb(5, 2**64) == 0
    assert pascalrow.comb(2**64, 2**64 + 1) == 0
    assert pascalrow.comb(2**70, 2**71) == 0


def test_huge_min_k_overflows_like_math_comb():
    with pytest.raises(OverflowError, match=r"min\(n - k, k\) must not exceed"):
        pascalrow.comb(2**70, 2**69)


def test_too_big_result_is_memory_error():
    # C(2**62, 2**61) has about 2**62 bits: refused before any work.
    with pytest.raises(MemoryError, match="needs about"):
        pascalrow.comb(2**62, 2**61)


def test_accepts_what_math_comb_accepts():
    assert pascalrow.comb(True, False) == math.comb(True, False) == 1
    assert pascalrow.comb(Idx(10), Idx(3)) == 120


@pytest.mark.parametrize("args", [(-1, 0), (5, -1), (-5, -5)])
def test_negative_is_value_error(args):
    with pytest.raises(ValueError, match="must be a non-negative integer"):
        pascalrow.comb(*args)
    with pytest.raises(ValueError):
        math.comb(*args)


@pytest.mark.parametrize("args", [(5.0, 2), (5, 2.0), ("5", 2), (None, 1), (5, None)])
def test_non_integer_is_type_error(args):
    with pytest.raises(TypeError):
        pascalrow.comb(*args)


@pytest.mark.parametrize("args", [(), (5,), (5, 2, 1)])
def test_wrong_arity(args):
    with pytest.raises(TypeError):
        pascalrow.comb(*args)


def test_comb_results_are_plain_ints():
    for n, k in [(10, 3), (60, 30), (1000, 500), (2**65, 3)]:
        assert type(pascalrow.comb(n, k)) is int
