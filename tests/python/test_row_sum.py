"""row_sum(n, start, stop, mod=) against independent references: a slow sum
of math.comb, 2**n for whole rows, and the exact sum % mod."""
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

import pascalrow
from pascalrow import row_sum

from test_slice_mod import moduli, rows_and_bounds


def reference(n, start=0, stop=None):
    """sum(math.comb(n, k)) over the slice [start:stop] of the full row."""
    ks = range(*slice(start, stop).indices(n + 1))
    return sum(math.comb(n, k) for k in ks)


@given(rows_and_bounds(1500))
@example((0, 0, 1))
@example((68, 0, 69))
@example((1000, 1, 1000))          # 2**n minus the two ends
@example((1001, 500, 502))         # the two middle values of an odd row
@settings(max_examples=300, deadline=None)
def test_sum_matches_math_comb(case):
    n, start, stop = case
    got = row_sum(n, start, stop)
    assert type(got) is int
    assert got == reference(n, start, stop)


@given(st.integers(0, 5000))
@settings(max_examples=100, deadline=None)
def test_whole_row_is_a_power_of_two(n):
    assert row_sum(n) == 2**n
    assert row_sum(n, 0, None) == row_sum(n, 0, 2**70) == 2**n


@given(st.integers(0, 3000), st.data())
@settings(max_examples=100, deadline=None)
def test_complement(n, data):
    """A slice and the rest of its row add up to 2**n."""
    a = data.draw(st.integers(0, n + 1))
    b = data.draw(st.integers(a, n + 1))
    assert row_sum(n, 0, a) + row_sum(n, a, b) + row_sum(n, b) == 2**n


@given(rows_and_bounds(1500), moduli)
@example((1000, 1, 1000), 27)
@example((200, 0, 201), 2**63 - 1)
@settings(max_examples=300, deadline=None)
def test_mod_is_the_exact_sum_reduced(case, mod):
    n, start, stop = case
    got = row_sum(n, start, stop, mod=mod)
    assert type(got) is int
    assert got == row_sum(n, start, stop) % mod == reference(n, start, stop) % mod


@given(st.integers(2**40, 2**64 - 2), st.integers(0, 40), moduli)
@settings(max_examples=100, deadline=None)
def test_mod_huge_rows(n, width, mod):
    """Far beyond exact sums: the ends of the row against math.comb % mod,
    and the whole row against pow(2, n, mod)."""
    assert row_sum(n, 0, width, mod=mod) == sum(math.comb(n, k) for k in range(width)) % mod
    assert row_sum(n, n - width + 1, n + 1, mod=mod) == row_sum(n, 0, width, mod=mod)
    assert row_sum(n, mod=mod) == pow(2, n, mod)
    # all but the ends: 2**n minus them
    assert row_sum(n, width, n + 1 - width, mod=mod) == (pow(2, n, mod) - 2 * row_sum(n, 0, width, mod=mod)) % mod


def test_big_slices_agree_with_pascal_row():
    for n, a, b in [(10**4, 0, 5001), (10**5, 20000, 40000), (10**5, 10, 99990), (2001, 0, 2002)]:
        assert row_sum(n, a, b) == sum(pascalrow.pascal_row(n, a, b))


def test_index_objects_and_keywords():
    import numpy
    assert row_sum(numpy.int64(10), start=numpy.uint8(2), stop=True + 4) == reference(10, 2, 5)
    assert row_sum(10, mod=7, stop=5) == reference(10, 0, 5) % 7
