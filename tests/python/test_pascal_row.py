"""pascal_row(n) against math.comb: hypothesis plus the exact boundaries."""
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pascalrow
from helpers import Idx

# The rows where implementations break: the empty-ish rows, the u32 and u64
# limits on both sides, and row 999 (the size benchmarks quote).
BOUNDARY_ROWS = [0, 1, 2, 34, 35, 67, 68, 999]


def reference_row(n):
    return [math.comb(n, k) for k in range(n + 1)]


@given(st.integers(min_value=0, max_value=3000))
@example(0)
@example(1)
@example(34)
@example(35)
@example(67)
@example(68)
@example(999)
def test_row_equals_math_comb(n):
    assert pascalrow.pascal_row(n) == reference_row(n)


@pytest.mark.parametrize("n", BOUNDARY_ROWS)
def test_boundary_rows(n):
    row = pascalrow.pascal_row(n)
    assert len(row) == n + 1
    assert row == reference_row(n)
    assert all(type(v) is int for v in row)


def test_every_small_row():
    # The table path (n <= 67) and the first GMP rows, every one of them.
    for n in range(0, 200):
        assert pascalrow.pascal_row(n) == reference_row(n), n


def test_first_rows_literal():
    assert pascalrow.pascal_row(0) == [1]
    assert pascalrow.pascal_row(1) == [1, 1]
    assert pascalrow.pascal_row(5) == [1, 5, 10, 10, 5, 1]


def test_fixed_width_limits():
    # Row 34 is the last whose values all fit 32 bits, row 67 the last for 64.
    assert max(pascalrow.pascal_row(34)) < 2**32 <= max(pascalrow.pascal_row(35))
    assert max(pascalrow.pascal_row(67)) < 2**64 <= max(pascalrow.pascal_row(68))
    assert pascalrow.pascal_row(35)[17] == 4537567650
    assert pascalrow.pascal_row(68)[34] == 28453041475240576740


@given(st.integers(min_value=0, max_value=3000))
def test_row_sum_is_power_of_two(n):
    assert sum(pascalrow.pascal_row(n)) == 2**n


@given(st.integers(min_value=0, max_value=3000))
def test_symmetry_and_recurrence(n):
    row = pascalrow.pascal_row(n)
    assert row == row[::-1]
    if n > 0:
        prev = pascalrow.pascal_row(n - 1)
        assert row[1:-1] == [a + b for a, b in zip(prev, prev[1:])]


def test_large_row_spot_checks():
    n = 10000
    row = pascalrow.pascal_row(n)
    assert len(row) == n + 1
    for k in (0, 1, 2, 17, 4999, 5000, 5001, 9999, 10000):
        assert row[k] == math.comb(n, k)
    assert sum(row) == 2**n


def test_returned_lists_are_independent():
    a = pascalrow.pascal_row(10)
    a[3] = -1
    assert pascalrow.pascal_row(10)[3] == 120
    b = pascalrow.pascal_row(100)
    b.clear()
    assert pascalrow.pascal_row(100)[50] == math.comb(100, 50)


def test_accepts_index_objects_like_math_comb():
    assert pascalrow.pascal_row(True) == [1, 1]
    assert pascalrow.pascal_row(Idx(4)) == [1, 4, 6, 4, 1]


@pytest.mark.parametrize("bad", [-1, -(2**70)])
def test_negative_is_value_error(bad):
    with pytest.raises(ValueError, match="n must be a non-negative integer"):
        pascalrow.pascal_row(bad)


@pytest.mark.parametrize("bad", [1.0, 2.5, "5", None, [3], 3 + 0j])
def test_non_integer_is_type_error(bad):
    with pytest.raises(TypeError):
        pascalrow.pascal_row(bad)


@pytest.mark.parametrize("huge", [2**63 - 1, 2**63, 2**64, 10**30])
def test_huge_n_overflow(huge):
    with pytest.raises(OverflowError, match="n must be less than"):
        pascalrow.pascal_row(huge)


@pytest.mark.parametrize("n", [10**7, 10**8, 2**40])
def test_too_big_for_memory_fails_before_work(n):
    # Row 10**7 is about 4.5 TB, more than any machine: refused at once,
    # naming the size.  (Row 10**6, ~45 GB, is refused under an address-space
    # limit in test_oom.py: without one, a big host would compute it.)
    with pytest.raises(MemoryError, match=rf"pascal_row\({n}\) needs about .* GB"):
        pascalrow.pascal_row(n)


def test_wrong_arity():
    with pytest.raises(TypeError):
        pascalrow.pascal_row()
    with pytest.raises(TypeError):
        pascalrow.pascal_row(1, 2, 3, 4)
