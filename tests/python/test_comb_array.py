"""comb_array and valuation_array against math.comb and Legendre's formula:
values, the uint64 boundary, broadcasting, dtypes, out=, threads, and
`import pascalrow` without NumPy."""
import math
import subprocess
import sys
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pascalrow
from pascalrow import comb_array, valuation_array
from legendre import valuation_reference

U64 = 2**64

# MAX_N[j] = the largest n with C(n, j) < 2**64 (2 <= j <= 33), found here by
# bisection on math.comb: independent of the library's table.
def _max_n(j):
    lo, hi = 2 * j, 2**34
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if math.comb(mid, j) < U64 else (lo, mid)
    return lo


MAX_N = {j: _max_n(j) for j in range(2, 34)}


def reference(n, k, mod=None):
    a, b = np.broadcast_arrays(np.asarray(n, dtype=object), np.asarray(k, dtype=object))
    r = [math.comb(int(x), int(y)) for x, y in zip(a.ravel(), b.ravel())]
    if mod is not None:
        r = [v % mod for v in r]
    return r, a.shape


# ---------------------------------------------------------------- values

pairs = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 320)), min_size=1, max_size=60)


@given(pairs)
@settings(max_examples=200, deadline=None)
def test_object_matches_math_comb(ps):
    n, k = np.array([p[0] for p in ps]), np.array([p[1] for p in ps])
    got = comb_array(n, k, dtype=object)
    assert got.dtype == object and got.tolist() == [math.comb(a, b) for a, b in ps]
    assert all(type(v) is int for v in got.tolist())


@given(pairs)
@settings(max_examples=200, deadline=None)
def test_uint64_matches_or_names_the_first_overflow(ps):
    n, k = np.array([p[0] for p in ps]), np.array([p[1] for p in ps])
    want = [math.comb(a, b) for a, b in ps]
    big = [i for i, v in enumerate(want) if v >= U64]
    if not big:
        got = comb_array(n, k)
        assert got.dtype == np.uint64 and got.tolist() == want
        return
    with pytest.raises(OverflowError) as info:
        comb_array(n, k)
    i = big[0]
    assert f"C({ps[i][0]}, {ps[i][1]}) at index ({i},)" in str(info.value)


@given(st.lists(st.tuples(st.integers(0, U64 - 1), st.integers(0, 40), st.booleans()), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_n_small_lower_index(ts):
    """n anywhere below 2**64, k within 40 of either end of the row."""
    n = np.array([t[0] for t in ts], dtype=np.uint64)
    k = np.array([t[1] if t[2] else max(t[0] - t[1], 0) for t in ts], dtype=np.uint64)
    want = [math.comb(int(a), int(b)) for a, b in zip(n, k)]
    assert comb_array(n, k, dtype=object).tolist() == want
    fits = [v < U64 for v in want]
    if all(fits):
        assert comb_array(n, k).tolist() == want
    else:
        with pytest.raises(OverflowError):
            comb_array(n, k)
    assert comb_array(n, k, mod=10**9 + 7).tolist() == [v % (10**9 + 7) for v in want]


@pytest.mark.parametrize("j", range(2, 34))
def test_the_uint64_boundary(j):
    top = MAX_N[j]
    n = np.array([top, top, top - 1], dtype=np.uint64)
    got = comb_array(n, np.array([j, top - j, j], dtype=np.uint64))
    assert got.tolist() == [math.comb(top, j), math.comb(top, j), math.comb(top - 1, j)]
    for k in (j, top + 1 - j):
        with pytest.raises(OverflowError, match=rf"C\({top + 1}, {k}\)"):
            comb_array(top + 1, k)
        assert comb_array(top + 1, k, dtype=object) == math.comb(top + 1, k)


def test_rows_up_to_67_fit_and_68_does_not():
    n = np.arange(68)[:, None]
    k = np.arange(68)[None, :]
    got = comb_array(n, k)
    assert got.shape == (68, 68)
    assert got.tolist() == [[math.comb(a, b) for b in range(68)] for a in range(68)]
    first = min(k for k in range(69) if math.comb(68, k) >= U64)
    with pytest.raises(OverflowError, match=rf"C\(68, {first}\) at index \({first},\)"):
        comb_array(68, np.arange(69))


def test_top_of_uint64():
    top = U64 - 1
    assert comb_array(top, [0, 1, top - 1, top]).tolist() == [1, top, top, 1]
    assert comb_array(np.uint64(top), np.array([0, 1, top - 1, top], dtype=np.uint64)).tolist() == [1, top, top, 1]
    assert comb_array(np.uint64(5), np.uint64(top)) == 0


# ------------------------------------------- rows n < 68, k independent of n

# C(n, k) for n, k < 68 (0 for k > n) by math.comb: the reference the
# pairs below are looked up in.
SMALL = np.array([[math.comb(a, b) for b in range(68)] for a in range(68)], dtype=object)


def every_small_pair():
    """Every pair n, k < 68 (about half with k > n, k = n, k = 0 and n = 0
    among them), n-major."""
    n, k = np.divmod(np.arange(68 * 68), 68)
    return n, k


@pytest.mark.parametrize("order", ["rows", "reversed", "shuffled 1", "shuffled 2", "shuffled 3"])
def test_every_small_pair_in_any_order(order):
    n, k = every_small_pair()
    if order == "reversed":
        n, k = n[::-1], k[::-1]
    elif order.startswith("shuffled"):
        perm = np.random.default_rng(int(order[-1])).permutation(n.size)
        n, k = n[perm], k[perm]
    want = SMALL[n, k].tolist()
    assert comb_array(n, k).tolist() == want
    assert comb_array(n, k, dtype=object).tolist() == want
    assert comb_array(n, k, mod=1009).tolist() == [v % 1009 for v in want]
    assert comb_array(n.astype(np.uint64), k.astype(np.uint64)).tolist() == want


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
                                   np.uint64, object])
def test_every_small_pair_in_every_dtype(dtype):
    n, k = every_small_pair()
    perm = np.random.default_rng(11).permutation(n.size)
    n, k = n[perm].astype(dtype), k[perm].astype(dtype)
    want = SMALL[n.astype(np.int64), k.astype(np.int64)].tolist()
    assert comb_array(n, k).tolist() == want
    assert comb_array(n, k, dtype=object).tolist() == want
    # n and k of different dtypes
    assert comb_array(n, k.astype(np.int64)).tolist() == want
    assert comb_array(n.astype(np.uint64), k).tolist() == want


def test_small_grids_broadcast_either_way():
    n, k = np.arange(68), np.arange(68)
    assert comb_array(n[:, None], k[None, :]).tolist() == SMALL.tolist()
    assert comb_array(n[None, :], k[:, None]).tolist() == SMALL.T.tolist()
    assert comb_array(np.asfortranarray(np.broadcast_to(n[:, None], (68, 68))), k).tolist() == SMALL.tolist()
    # k past the row by far: 0, whatever its size
    far = np.array([68, 100, 255, 256, 2**31, 2**32 + 3, 2**63 - 1], dtype=np.int64)
    assert comb_array(n[:, None], far).tolist() == [[0] * far.size] * 68
    top = np.array([2**63, 2**64 - 1], dtype=np.uint64)
    assert comb_array(n.astype(np.uint64)[:, None], top).tolist() == [[0, 0]] * 68
    assert comb_array(n, 40).tolist() == SMALL[:, 40].tolist()
    assert comb_array(40, np.arange(100)).tolist() == SMALL[40].tolist() + [0] * 32


@pytest.mark.parametrize("dtype", [np.int8, np.int64, object])
def test_small_pairs_with_a_negative_one(dtype):
    rng = np.random.default_rng(5)
    n, k = rng.integers(0, 68, 5000), rng.integers(0, 68, 5000)
    for where, which in ((0, "n"), (2500, "k"), (4999, "n")):
        a, b = n.astype(dtype), k.astype(dtype)
        (a if which == "n" else b)[where] = -3
        pair = (int(a[where]), int(b[where]))
        for kw in ({}, {"dtype": object}, {"mod": 7}):
            with pytest.raises(ValueError, match=rf"\({pair[0]}, {pair[1]}\) at index \({where},\)"):
                comb_array(a, b, **kw)


def test_small_pairs_with_overflowing_ones():
    rng = np.random.default_rng(9)
    n, k = rng.integers(0, 68, 5000), rng.integers(0, 68, 5000)
    big = [(68, 34), (100, 50), (200, 40), (1000, 34), (10**6, 5)]      # C(n, k) >= 2**64
    assert all(math.comb(a, b) >= U64 for a, b in big)
    where = sorted(rng.choice(5000, len(big), replace=False).tolist())
    for i, (a, b) in zip(where, big):
        n[i], k[i] = a, b
    with pytest.raises(OverflowError, match=rf"C\({big[0][0]}, {big[0][1]}\) at index \({where[0]},\)"):
        comb_array(n, k)
    assert comb_array(n, k, dtype=object).tolist() == [math.comb(a, b) for a, b in zip(n.tolist(), k.tolist())]
    # beside them, n >= 68 with k > n fits (0)
    n[where], k[where] = 68 + k[where], 200
    assert comb_array(n, k).tolist() == [math.comb(a, b) for a, b in zip(n.tolist(), k.tolist())]


@pytest.mark.parametrize("threads", [1, 3, 4, 8])
def test_small_pairs_on_threads(threads):
    rng = np.random.default_rng(100 + threads)
    n, k = rng.integers(0, 68, 400_000), rng.integers(0, 68, 400_000)
    before = pascalrow.get_num_threads()
    pascalrow.set_num_threads(threads)
    try:
        got = comb_array(n, k)
        got_mod = comb_array(n, k, mod=10**9 + 7)
    finally:
        pascalrow.set_num_threads(before)
    want = SMALL[n, k]
    assert got.tolist() == want.tolist()
    assert got_mod.tolist() == [v % (10**9 + 7) for v in want.tolist()]


# ------------------------------------------------------- modular values

@given(pairs, st.sampled_from([1, 2, 3, 4, 27, 720720, 2**32, 10**9 + 6, 10**9 + 7, 2**61 - 1, 2**63 - 1]))
@settings(max_examples=150, deadline=None)
def test_mod_matches_math_comb(ps, m):
    n, k = np.array([p[0] for p in ps]), np.array([p[1] for p in ps])
    got = comb_array(n, k, mod=m)
    assert got.dtype == np.uint64 and got.tolist() == [math.comb(a, b) % m for a, b in ps]
    obj = comb_array(n, k, mod=m, dtype=object)
    assert obj.dtype == object and obj.tolist() == got.tolist()


def test_mod_of_huge_rows():
    p = 10**9 + 7
    n = np.array([10**12, 10**15, 2**63], dtype=np.uint64)
    k = np.array([10**6, 3 * 10**14, 2**40], dtype=np.uint64)
    assert comb_array(n, k, mod=p).tolist() == [pascalrow.comb(int(a), int(b), mod=p) for a, b in zip(n, k)]


def test_mod_out_of_reach_is_refused():
    # deep in a row near 2**60 modulo 3**30: > 1e10 steps by every way (as pascalrow.comb)
    n, k = 2**60 + 12345, 2**59
    with pytest.raises(OverflowError):
        pascalrow.comb(n, k, mod=3**30)
    with pytest.raises(OverflowError, match=r"at index \(1,\)"):
        comb_array([10, n], [3, k], mod=3**30)


# ------------------------------------------------ ufunc conventions, dtypes

@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
                                   np.uint64, np.bool_])
def test_integer_dtypes(dtype):
    n = np.array([0, 1, 5, 60, 100], dtype=np.int64).astype(dtype)
    k = np.array([0, 1, 2, 30, 3], dtype=np.int64).astype(dtype)
    want, _ = reference(n, k)
    assert comb_array(n, k).tolist() == want
    assert comb_array(n, k, dtype=object).tolist() == want


def test_broadcasting_and_scalars():
    n = np.arange(10).reshape(10, 1)
    k = np.arange(4)
    want, shape = reference(n, k)
    got = comb_array(n, k)
    assert got.shape == shape == (10, 4) and got.ravel().tolist() == want
    assert comb_array(10, 3) == 120 and isinstance(comb_array(10, 3), np.uint64)
    assert comb_array(10, 3, dtype=object) == 120 and type(comb_array(10, 3, dtype=object)) is int
    assert comb_array(np.array(10), np.array(3)) == 120
    assert comb_array([], []).shape == (0,)
    assert comb_array(np.zeros((0, 3), np.int64), 1).shape == (0, 3)


def test_strided_and_fortran_inputs():
    base = np.arange(200).reshape(20, 10)
    n, k = (base % 60 + 5)[::2, ::3], (base.T % 5)[::3, ::2].T
    assert not n.flags.c_contiguous
    want, shape = reference(n, k)
    assert comb_array(n, k).ravel().tolist() == want
    f = np.asfortranarray(n)
    assert comb_array(f, k).ravel().tolist() == want


def test_out():
    n, k = np.arange(40, 50), 7
    out = np.zeros(10, np.uint64)
    r = comb_array(n, k, out=out)
    assert r is out and out.tolist() == [math.comb(v, 7) for v in range(40, 50)]
    oo = np.empty(10, dtype=object)
    assert comb_array(n, 20, out=oo) is oo and oo.tolist() == [math.comb(v, 20) for v in range(40, 50)]
    om = np.zeros((3, 10), np.uint64)
    assert comb_array(n, k, mod=1000, out=om) is om and om.tolist() == [[math.comb(v, 7) % 1000 for v in range(40, 50)]] * 3
    oo2 = np.empty(10, dtype=object)
    assert comb_array(n, k, mod=1000, out=oo2) is oo2 and oo2.tolist() == [math.comb(v, 7) % 1000 for v in range(40, 50)]
    with pytest.raises(TypeError):
        comb_array(n, k, out=np.zeros(10, np.uint64), dtype=object)
    with pytest.raises(TypeError):
        comb_array(n, k, out=np.zeros(10, np.float64))


def test_python_ints_of_any_size():
    n = [2**70, 10, 2**64 + 5]
    k = [2, 3, 2**64 + 4]
    assert comb_array(n, k, dtype=object).tolist() == [math.comb(a, b) for a, b in zip(n, k)]
    assert comb_array([2**64 + 5], [2**64 + 5]).tolist() == [1]
    with pytest.raises(OverflowError, match=r"C\(18446744073709551621, 18446744073709551620\) at index \(0,\)"):
        comb_array([2**64 + 5, 3], [2**64 + 4, 1])
    assert comb_array([2**70], [3], mod=97).tolist() == [math.comb(2**70, 3) % 97]
    # a list mixing 0 and 2**64 - 1 is taken as ints, not NumPy's float64
    assert comb_array([U64 - 1, 0], [1, 0]).tolist() == [U64 - 1, 1]


@pytest.mark.parametrize("kw", [{}, {"dtype": object}, {"mod": 7}, {"mod": 7, "dtype": object}])
@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64, object])
def test_negative_names_first_pair_in_c_order(kw, dtype):
    n = np.array([[5, 6], [7, -8]], dtype=dtype)
    k = np.array([[1, -2], [3, 4]], dtype=dtype)
    with pytest.raises(ValueError, match=r"\(6, -2\) at index \(0, 1\)"):
        comb_array(n, k, **kw)
    # n unsigned, k signed: the uint64 loop, checked before the cast
    with pytest.raises(ValueError, match=r"\(6, -2\) at index \(0, 1\)"):
        comb_array(np.abs(n.astype(np.int64)).astype(np.uint64), k, **kw)


def test_big_exact_values():
    n = np.array([1000, 5000, 10**5])
    k = np.array([500, 1234, 4 * 10**4])
    got = comb_array(n, k, dtype=object)
    assert got.tolist() == [math.comb(a, b) for a, b in zip(n.tolist(), k.tolist())]


# ---------------------------------------------------------------- threads

@pytest.mark.parametrize("threads", [1, 2, 3, 4, 8])
def test_threads_give_the_same_values(threads):
    rng = np.random.default_rng(threads)
    size = 300_000
    n = rng.integers(0, 1900, size)             # C(1913, 7) < 2**64: every value fits
    k = rng.integers(0, 8, size)
    p = 10**9 + 7
    before = pascalrow.get_num_threads()
    pascalrow.set_num_threads(threads)
    try:
        got = comb_array(n, k)
        got_mod = comb_array(n, k, mod=p)
        got_val = valuation_array(n + k, k, 3)
    finally:
        pascalrow.set_num_threads(before)
    pascalrow.set_num_threads(1)
    try:
        one, one_mod, one_val = comb_array(n, k), comb_array(n, k, mod=p), valuation_array(n + k, k, 3)
    finally:
        pascalrow.set_num_threads(before)
    assert np.array_equal(got, one) and np.array_equal(got_mod, one_mod) and np.array_equal(got_val, one_val)
    sample = rng.integers(0, size, 300)
    for i in sample:
        a, b = int(n[i]), int(k[i])
        assert int(one[i]) == math.comb(a, b) and int(one_mod[i]) == math.comb(a, b) % p
        assert int(one_val[i]) == valuation_reference(a + b, b, 3)


def test_several_python_threads_at_once():
    rng = np.random.default_rng(7)
    n = rng.integers(0, 68, 200_000)
    k = rng.integers(0, 68, 200_000)
    want = comb_array(n, k, dtype=object)
    errors = []

    def work():
        try:
            for _ in range(5):
                assert comb_array(n, k).tolist() == want.tolist()
                assert comb_array(n, k, mod=1009).tolist() == [v % 1009 for v in want.tolist()]
        except Exception as e:          # reported below
            errors.append(e)

    ts = [threading.Thread(target=work) for _ in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors


# ------------------------------------------------------------ valuations

@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=40),
       st.sampled_from([2, 3, 5, 7, 97, 65521, 2**61 - 1]))
@settings(max_examples=150, deadline=None)
def test_valuation_array_matches_valuation_reference(ps, p):
    ps = [(max(a, b), min(a, b)) for a, b in ps]
    n, k = np.array([q[0] for q in ps]), np.array([q[1] for q in ps])
    got = valuation_array(n, k, p)
    assert got.dtype == np.uint64 and got.tolist() == [valuation_reference(a, b, p) for a, b in ps]


def test_valuation_array_against_math_comb():
    n = np.arange(0, 120)[:, None]
    k = np.arange(0, 120)[None, :]
    n, k = np.broadcast_arrays(n, k)
    ok = k <= n
    for p in (2, 3, 5, 7, 11):
        got = valuation_array(n[ok], k[ok], p).tolist()
        want = []
        for a, b in zip(n[ok].tolist(), k[ok].tolist()):
            c, v = math.comb(a, b), 0
            while c % p == 0:
                c //= p
                v += 1
            want.append(v)
        assert got == want


def test_valuation_array_broadcast_primes_and_big_n():
    got = valuation_array(10**18, [10**9, 12345], [[2], [3], [2**64 - 59]])
    assert got.shape == (3, 2)
    assert got.tolist() == [[pascalrow.valuation(10**18, b, p) for b in (10**9, 12345)] for p in (2, 3, 2**64 - 59)]
    assert valuation_array([2**70], [2**69], 3).tolist() == [pascalrow.valuation(2**70, 2**69, 3)]
    out = np.zeros(2, np.uint64)
    assert valuation_array([10, 100], 5, 5, out=out) is out and out.tolist() == [valuation_reference(10, 5, 5), valuation_reference(100, 5, 5)]


def test_valuation_array_errors_name_the_first_pair():
    with pytest.raises(ValueError, match=r"at index \(1,\): comb\(3, 5\)"):
        valuation_array([10, 3, 2], [1, 5, 7], 2)
    with pytest.raises(ValueError, match="p must be a prime; got 91"):
        valuation_array([10], [3], [2, 91])


# --------------------------------------------------------- without NumPy

def test_import_without_numpy():
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import pascalrow\n"
        "assert pascalrow.comb(10, 3) == 120 and pascalrow.pascal_row(4) == [1, 4, 6, 4, 1]\n"
        "try:\n"
        "    pascalrow.comb_array([10], [3])\n"
        "except ImportError as e:\n"
        "    assert 'NumPy' in str(e), e\n"
        "    print('refused')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "refused"
