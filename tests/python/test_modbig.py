"""Binomials mod m for n and k of any size: comb, binomial, comb_array,
pascal_row and row_sum with mod= and n >= 2**64 - 1 (src/modbig.c).

Near the ends of a row the exact value is cheap (math.comb with a small k),
so those are checked against it; deep in a row, against the identities:
the symmetry, Pascal's rule between rows n and n + 1, Vandermonde's
C(a + b, k) = sum_j C(a, k - j) * C(b, j) with b small, and
sum_k C(n, k) = 2**n."""
import math
import threading

import numpy as np
import pascalrow
import pytest
from hypothesis import given
from hypothesis import strategies as st

# primes small and large, prime powers, composites
MODULI = [2, 3, 4, 7, 8, 9, 12, 97, 100, 128, 243, 720720, 1000003, 2**20, 10**9 + 7, 3**20, 2**61 - 1,
          2**62, 6469693230, (10**9 + 7) * 998244353]
# every prime power at most 2**20: any k of any row is in reach
CHEAP = [2, 3, 4, 7, 9, 12, 97, 100, 128, 243, 720720, 1000003, 2**20, 6469693230]

huge_n = st.integers(2**64 - 1, 2**200)
near_end = st.integers(0, 60)


@given(huge_n, near_end, st.sampled_from(MODULI), st.booleans())
def test_comb_near_the_ends_against_math_comb(n, j, m, from_top):
    k = n - j if from_top else j
    assert pascalrow.comb(n, k, mod=m) == math.comb(n, j) % m


@given(huge_n, st.sampled_from(MODULI))
def test_slices_at_both_ends_against_math_comb(n, m):
    want = [math.comb(n, k) % m for k in range(40)]
    assert pascalrow.pascal_row(n, 0, 40, mod=m) == want
    assert pascalrow.pascal_row(n, n - 39, None, mod=m) == want[::-1]
    assert list(pascalrow.pascal_row(n, n - 39, n + 100, mod=m, dtype="uint64")) == want[::-1]


@pytest.mark.parametrize("n", [2**64 - 1, 2**64, 2**64 + 1, 10**20, 3**41, 7**23 - 1])
def test_the_first_rows_past_two_to_the_64(n):
    for m in MODULI:
        want = [math.comb(n, k) % m for k in range(6)]
        assert pascalrow.pascal_row(n, 0, 6, mod=m) == want
        assert [pascalrow.comb(n, k, mod=m) for k in range(6)] == want
        assert pascalrow.row_sum(n, 0, 6, mod=m) == sum(want) % m


@given(st.integers(2**64, 2**300), st.integers(0, 2**300), st.sampled_from(CHEAP), st.integers(1, 12))
def test_deep_in_a_huge_row_by_the_identities(n, k, m, b):
    k = 30 + k % (n - 60)                                     # 30 <= k <= n - 30
    row = pascalrow.pascal_row(n, k - 20, k + 21, mod=m)      # C(n, k - 20 .. k + 20)
    # symmetry
    assert pascalrow.pascal_row(n, n - k - 20, n - k + 21, mod=m) == row[::-1]
    # Pascal: C(n + 1, k + i + 1) = C(n, k + i) + C(n, k + i + 1)
    assert pascalrow.pascal_row(n + 1, k - 19, k + 21, mod=m) == [(x + y) % m for x, y in zip(row, row[1:])]
    # Vandermonde with a small second row b
    want = sum(row[20 - j] * math.comb(b, j) for j in range(b + 1)) % m
    assert pascalrow.comb(n + b, k, mod=m) == want
    assert pascalrow.binomial(n + b, k, mod=m) == want
    # comb agrees with the slice, and the slice's sum with its values
    assert pascalrow.comb(n, k + 3, mod=m) == row[23]
    assert pascalrow.row_sum(n, k - 20, k + 21, mod=m) == sum(row) % m


@given(st.integers(2**64, 2**120), st.integers(1, 50), st.integers(1, 50), st.sampled_from(MODULI))
def test_row_sums_whole_and_by_the_rest(n, a, c, m):
    assert pascalrow.row_sum(n, mod=m) == pow(2, n, m)
    # the middle of the row: 2**n less its two ends
    ends = sum(math.comb(n, k) for k in range(a)) + sum(math.comb(n, k) for k in range(c))
    assert pascalrow.row_sum(n, a, n + 1 - c, mod=m) == (pow(2, n, m) - ends) % m
    assert pascalrow.row_sum(n, n + 5, None, mod=m) == 0


def test_lucas_by_hand():
    # C(10**20, k) mod 7 is the product of C(n_i, k_i) over the base-7 digits
    def digits(x):
        out = []
        while x:
            x, d = divmod(x, 7)
            out.append(d)
        return out

    n = 10**20
    half = sum(d // 2 * 7**i for i, d in enumerate(digits(n)))   # no carry: not 0 mod 7
    for k in [10**19 + 3, 2 * 7**22 + 5, 12345678901234567, half]:
        nd, kd = digits(n), digits(k) + [0] * 30
        want = math.prod(math.comb(a, b) for a, b in zip(nd, kd)) % 7
        assert pascalrow.comb(n, k, mod=7) == want
    assert pascalrow.comb(n, half, mod=7) != 0


def test_binomial_of_negative_huge_n():
    for n in [-(2**64), -(2**100) - 3, -(10**30)]:
        for k in [0, 1, 2, 5, 17]:
            for m in [7, 720720, 10**9 + 7, 2**61 - 1]:
                assert pascalrow.binomial(n, k, mod=m) == pascalrow.binomial(n, k) % m
    assert pascalrow.binomial(5, -1, mod=7) == 0
    assert pascalrow.binomial(-5, 3, mod=1) == 0
    with pytest.raises(ValueError, match="mod"):
        pascalrow.binomial(5, 2, mod=0)


def test_comb_array_of_objects():
    n = np.array([10**20, 2**70, 2**64 - 1, 5], dtype=object)
    k = np.array([3, 2**70 - 4, 2**63, 7], dtype=object)
    got = pascalrow.comb_array(n, k, mod=10**9 + 7)
    want = [pascalrow.comb(int(a), int(b), mod=10**9 + 7) for a, b in zip(n, k)]
    assert list(got) == want
    assert want[0] == math.comb(10**20, 3) % (10**9 + 7) and want[1] == math.comb(2**70, 4) % (10**9 + 7)


def test_out_of_reach_is_refused_with_the_cost():
    p = 2**61 - 1
    n = 10**30
    hi, lo = divmod(n, p)
    k = (hi // 3) * p + lo // 3                                 # no carry: C(n, k) is not 0 mod p
    with pytest.raises(OverflowError, match=r"would take about [0-9.e+]+ steps"):
        pascalrow.comb(n, k, mod=p)
    with pytest.raises(OverflowError, match=r"would take about"):
        pascalrow.pascal_row(n, k, k + 3, mod=p)
    with pytest.raises(OverflowError, match="fewer than 2\\*\\*64 values"):
        pascalrow.row_sum(n, n // 3, n // 2, mod=7)
    with pytest.raises(OverflowError, match="without mod"):
        pascalrow.pascal_row(2**64, 0, 3)
    with pytest.raises(OverflowError, match="longer than a list"):
        pascalrow.pascal_row(2**80, 0, 2**70, mod=7)


def test_empty_and_clipped_slices():
    n = 2**70
    assert pascalrow.pascal_row(n, n + 1, n + 5, mod=7) == []
    assert pascalrow.pascal_row(n, 5, 3, mod=7) == []
    assert len(pascalrow.pascal_row(n, 5, 3, mod=7, dtype="uint32")) == 0
    assert pascalrow.pascal_row(n, n, 2**80, mod=97) == [1]
    assert pascalrow.row_sum(n, 7, 3, mod=7) == 0


def test_uint32_arrays_refuse_values_that_do_not_fit():
    n = 2**64 + 2**40                       # C(n, 1) mod 2**61 - 1 = 8 + 2**40
    assert list(pascalrow.pascal_row(n, 0, 4, mod=97, dtype="uint32")) == [math.comb(n, k) % 97 for k in range(4)]
    with pytest.raises(OverflowError, match="do not fit uint32"):
        pascalrow.pascal_row(n, 0, 4, mod=2**61 - 1, dtype="uint32")


def test_several_python_threads_at_once():
    n = 10**25 + 7
    want = pascalrow.pascal_row(n, 10**24, 10**24 + 3000, mod=720720)
    results, errors = [], []

    def work():
        try:
            for _ in range(3):
                results.append(pascalrow.pascal_row(n, 10**24, 10**24 + 3000, mod=720720))
        except Exception as e:    # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 12 and all(r == want for r in results)


@pytest.mark.parametrize("m", [2**61 - 1, 720720, 10**9 + 7])
def test_a_long_slice_across_blocks_against_exact_values(m):
    # the walk inverts per block of 512 values: 2000 values cross 3 boundaries
    n = 2**64 + 99
    row, c = pascalrow.pascal_row(n, 0, 2000, mod=m), 1
    for k in range(2000):
        assert row[k] == c % m, k
        c = c * (n - k) // (k + 1)
    deep = pascalrow.pascal_row(n, n - 1999, None, mod=m)    # the same values from the far end
    assert deep == row[::-1]
