"""Hypothesis strategies biased toward the inputs where binomial code breaks."""
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

# Rows where implementations break: the first rows, the last row that fits
# u32 (34) and u64 (67) and the first that does not (35, 68), and row 999
# (the size benchmarks quote); boundary_rows() adds the powers of two and their neighbours.
_LIMIT_ROWS = (0, 1, 2, 3, 33, 34, 35, 36, 66, 67, 68, 69, 999, 1000)

# Moduli where modular code breaks.  Composites and prime powers catch Lucas'
# theorem used off its domain (C(28, 3) mod 27 = 9, not 0); the primes sit
# next to the word sizes where a product a*b of residues overflows.
_PRIME_POWERS = (4, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 125, 128, 243, 256, 343, 1024,
                 3**20, 2**32, 2**62, 3**39)
_COMPOSITES = (6, 10, 12, 15, 30, 60, 100, 210, 360, 1001, 2**32 - 1, 10**9, 2**63 - 1, 2**64 - 1)
_PRIMES = (2, 3, 5, 7, 11, 13, 101, 65537, 998244353, 10**9 + 7,
           2**31 - 19, 2**31 - 1, 2**31 + 11,           # around 2**31
           2**32 - 17, 2**32 - 5, 2**32 + 15,           # around 2**32
           2**61 - 1,
           2**63 - 165, 2**63 - 25, 2**63 + 29,         # around 2**63 - 1
           2**64 - 59, 2**64 + 13)
_MODULI = (1,) + _PRIMES + _PRIME_POWERS + _COMPOSITES


def boundary_rows(max_n: int, min_n: int = 0) -> list[int]:
    """The boundary rows in [min_n, max_n], ascending: the fixed-width limits
    on both sides, powers of two and their neighbours, 999, 1000, and max_n."""
    rows = set(_LIMIT_ROWS)
    p = 1
    while p <= max_n + 1:
        rows.update((p - 1, p, p + 1))
        p *= 2
    rows.add(max_n)
    return sorted(r for r in rows if min_n <= r <= max_n)


def row_indices(max_n: int = 1000, *, min_n: int = 0) -> st.SearchStrategy[int]:
    """Row indices n in [min_n, max_n], two in three drawn from the boundary
    rows (0, 1, 34, 35, 67, 68, 2**k - 1, 2**k, 2**k + 1, 999, 1000, ...).

    Shrinks toward min_n, so a failing n shrinks to the smallest failing row.
    """
    if min_n < 0 or max_n < min_n:
        raise ValueError(f"need 0 <= min_n <= max_n, got min_n={min_n}, max_n={max_n}")
    return _biased(boundary_rows(max_n, min_n), st.integers(min_n, max_n))


def _biased(listed: list[T], spread: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """Two draws in three from listed, one from spread.  (st.one_of alone
    leaves the listed values about a sixth of the draws.)"""
    listed_st = st.sampled_from(listed)
    return st.integers(0, 2).flatmap(lambda i: listed_st if i else spread)


# Past this n, k is drawn near 0 or near n only: C(n, k) stays small enough to
# compute (C(n, n/2) has about n bits), yet n reaches past 2**32 and 2**64.
_SMALL_K_FROM = 4096
_SMALL_K = 64


def boundary_ks(n: int) -> list[int]:
    """The k worth trying in row n, ascending: both ends, both sides of the
    middle (for n up to 4096 only), and k = n + 1 (C(n, k) = 0 for k > n)."""
    ks = {0, 1, 2, n - 1, n, n + 1}
    if n <= _SMALL_K_FROM:
        ks.update((n // 2, (n + 1) // 2))
    return sorted(k for k in ks if k >= 0)


def _ks(n: int) -> st.SearchStrategy[int]:
    if n <= _SMALL_K_FROM:
        spread = st.integers(0, n + 2)
    else:
        spread = st.one_of(st.integers(0, _SMALL_K), st.integers(n - _SMALL_K, n + 2))
    return _biased(boundary_ks(n), spread)


def coefficients(max_n: int = 1000, *, min_n: int = 0) -> st.SearchStrategy[tuple[int, int]]:
    """Pairs (n, k) with n from row_indices(max_n) and k in [0, n + 2], k > n
    included (where C(n, k) = 0), biased to k = 0, 1, n/2, n - 1, n, n + 1.

    For n > 4096, k stays within 64 of 0 or of n, so that C(n, k) is cheap
    while n itself may be huge (pass max_n=2**70 to test n past 2**64).
    """
    return row_indices(max_n, min_n=min_n).flatmap(lambda n: st.tuples(st.just(n), _ks(n)))


def moduli(max_value: int | None = None) -> st.SearchStrategy[int]:
    """Moduli m >= 1, two in three from a list where modular code breaks: 1, 2, small
    composites, prime powers (2**32, 3**39, 5**3 ...), 2**63 - 1, 2**64 - 1,
    and the primes nearest 2**31, 2**32, 2**63 - 1 and 2**64; the rest any
    integer in [1, max_value] (default 2**64 + 13, past the u64 range).
    """
    top = max(_MODULI) if max_value is None else max_value
    if top < 1:
        raise ValueError(f"max_value must be >= 1, got {max_value}")
    listed = sorted(m for m in set(_MODULI) if m <= top)
    return _biased(listed, st.integers(1, top))
