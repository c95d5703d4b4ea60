"""pascal_row(n, start, stop, mod=, dtype=) and comb(n, k, mod=) against math.comb."""
import array
import math
import subprocess
import sys

import numpy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pascalrow

# Moduli that break implementations: composites, prime powers (27: C(28,3) % 27
# is 9, where Lucas' theorem misapplied gives 0), powers of two, primes near
# 2**31 / 2**32 / 2**63, the square of a prime near 2**31.5, a semiprime of a
# 31-bit and a 32-bit prime, 2*3*...*47, the largest modulus.
MODULI = [1, 2, 3, 4, 8, 12, 27, 30, 97, 360, 1024, 2**32, 2**31 - 1, 2**32 - 5,
          10**9 + 6, 10**9 + 7, 998244353, 1048573**3, 3037000493**2, 1009**6, (1009 * 1013)**3,
          (2**31 - 1) * (2**32 - 5), 614889782588491410, 2**62, 2**63 - 25, 2**63 - 1]

moduli = st.one_of(st.sampled_from(MODULI), st.integers(1, 2**63 - 1), st.integers(1, 5000))


def reference(n, start, stop, mod=None):
    """[math.comb(n, k) for k in range(n + 1)][start:stop], each % mod."""
    ks = range(*slice(start, stop).indices(n + 1))
    return [math.comb(n, k) if mod is None else math.comb(n, k) % mod for k in ks]


def rows_and_bounds(max_n):
    """(n, start, stop) with bounds anywhere from 0 to past the end of the row."""
    return st.integers(0, max_n).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, n + 3), st.integers(0, n + 3)))


# ------------------------------------------------------------------ slices

@given(rows_and_bounds(1500))
@example((0, 0, 1))
@example((10, 7, 100))
@example((68, 30, 40))
@example((999, 0, 3))
@example((999, 997, 1000))
@example((1000, 6, 2))
def test_slice_equals_math_comb(nab):
    n, a, b = nab
    assert pascalrow.pascal_row(n, a, b) == reference(n, a, b)


@given(st.integers(0, 3000), st.integers(0, 40))
def test_slices_at_both_ends(n, width):
    assert pascalrow.pascal_row(n, 0, width) == reference(n, 0, width)
    assert pascalrow.pascal_row(n, max(0, n + 1 - width)) == reference(n, max(0, n + 1 - width), None)
    assert pascalrow.pascal_row(n, stop=width) == reference(n, 0, width)


def test_slice_defaults_and_keywords():
    assert pascalrow.pascal_row(6, 2) == [15, 20, 15, 6, 1]
    assert pascalrow.pascal_row(6, stop=2) == [1, 6]
    assert pascalrow.pascal_row(6, start=5, stop=None) == [6, 1]
    assert pascalrow.pascal_row(6, None, None) == reference(6, 0, None)
    assert pascalrow.pascal_row(6, 0, 7) == pascalrow.pascal_row(6)
    assert pascalrow.pascal_row(6, 7) == [] and pascalrow.pascal_row(6, 4, 4) == []
    assert pascalrow.pascal_row(6, 2**70, 2**80) == []
    assert pascalrow.pascal_row(6, 5, 2**70) == [6, 1]


def by_recurrence(n, start, stop):
    """C(n, k) for k in [start, min(stop, n + 1)): math.comb's first value,
    then C(n, k + 1) = C(n, k) * (n - k) // (k + 1) in Python ints."""
    stop = min(stop, n + 1)
    if start >= stop:
        return []
    out = [math.comb(n, start)]
    for k in range(start, stop - 1):
        out.append(out[-1] * (n - k) // (k + 1))
    return out


@pytest.fixture(scope="module")
def threads_setting():
    yield
    pascalrow.set_num_threads(None)


@settings(max_examples=30, deadline=None)
@given(st.integers(1990, 14000).flatmap(
           lambda n: st.tuples(st.just(n), st.integers(0, n + 3), st.integers(0, n + 3))),
       st.sampled_from([1, 2, 3, 8]))
@example((2000, 0, 2001), 3)
@example((2001, 1000, 1001), 8)
@example((12000, 2500, 9600), 8)        # split across threads, over the middle
@example((12001, 0, 6001), 4)           # the lower half, exactly
@example((12001, 6001, 12002), 4)       # the upper half: all mirrors
def test_slices_of_big_rows_on_threads(threads_setting, nab, threads):
    """Slices of rows past the GIL threshold (built with the GIL released, by
    the digit walk over the slice's lower-half range, on 1-8 threads)."""
    n, a, b = nab
    pascalrow.set_num_threads(threads)
    assert pascalrow.pascal_row(n, a, b) == by_recurrence(n, a, b)


def test_deep_slice_of_a_huge_row():
    # math.comb(10**7, 5*10**6) takes minutes here: the slice is checked by
    # GMP's C(n, a) for its first value and the exact recurrence between values.
    n, a = 10**7, 5_000_000
    row = pascalrow.pascal_row(n, a, a + 10)
    assert len(row) == 10
    assert row[0] == pascalrow.comb(n, a)
    for i in range(9):
        k = a + i
        assert row[i + 1] * (k + 1) == row[i] * (n - k)
    assert row[1] == pascalrow.comb(n, a - 1)           # C(n, k) = C(n, n - k)
    assert row[9] == pascalrow.comb(n, a + 9)
    assert pascalrow.pascal_row(n, n - 2) == [n * (n - 1) // 2, n, 1]


def test_slice_of_huge_n():
    n = 2**64 - 2
    assert pascalrow.pascal_row(n, 0, 4) == [math.comb(n, k) for k in range(4)]
    assert pascalrow.pascal_row(n, n - 2) == [math.comb(n, k) for k in range(n - 2, n + 1)]
    with pytest.raises(OverflowError, match="n must be less than"):
        pascalrow.pascal_row(2**64 - 1, 0, 3)
    with pytest.raises(OverflowError, match="n must be less than"):
        pascalrow.pascal_row(2**70, 0, 3)


def test_slice_too_big_is_memory_error():
    with pytest.raises(MemoryError, match="needs about"):
        pascalrow.pascal_row(10**9, 0, 10**9)


# ------------------------------------------------------------------- mod m

@given(rows_and_bounds(1500), moduli)
@example((28, 0, 29), 27)
@example((1000, 0, 1001), 12)
@example((1000, 490, 600), 2**32)
@example((1000, 0, 1001), 10**9 + 6)
@example((127, 0, 200), 360)
@example((128, 0, 200), 360)
def test_mod_slice_equals_math_comb(nab, m):
    n, a, b = nab
    assert pascalrow.pascal_row(n, a, b, mod=m) == reference(n, a, b, m)


@settings(max_examples=60)
@given(st.integers(2000, 20000), st.data(), moduli)
def test_mod_deep_slices(n, data, m):
    # slices deep in a row: the seed comes from the walk or from Granville/Lucas
    a = data.draw(st.integers(0, n))
    b = a + data.draw(st.integers(0, 30))
    want = [math.comb(n, k) % m for k in range(a, min(b, n + 1))]
    assert pascalrow.pascal_row(n, a, b, mod=m) == want


@pytest.mark.parametrize("m", MODULI)
def test_mod_full_rows(m):
    for n in (0, 1, 34, 35, 67, 68, 127, 128, 999):
        assert pascalrow.pascal_row(n, mod=m) == reference(n, 0, None, m), n


@pytest.mark.parametrize("m", [10**9 + 7, 12, 27, 2**32, 2**63 - 25, 1048573**3])
def test_mod_huge_rows_both_ends(m):
    n = 10**18
    assert pascalrow.pascal_row(n, 0, 100, mod=m) == [math.comb(n, k) % m for k in range(100)]
    assert pascalrow.pascal_row(n, n - 99, mod=m) == [math.comb(n, k) % m for k in range(n - 99, n + 1)]


def test_mod_deep_in_huge_row_agrees_with_comb():
    n, a = 10**18, 5 * 10**17
    for m in (12, 3**5 * 49, 1024):
        assert pascalrow.pascal_row(n, a - 3, a + 3, mod=m) == [pascalrow.comb(n, k, mod=m) for k in range(a - 3, a + 3)]


@given(st.integers(0, 20000).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n + 2))), moduli)
@example((28, 3), 27)
@example((0, 0), 1)
def test_comb_mod_equals_math_comb(nk, m):
    n, k = nk
    assert pascalrow.comb(n, k, mod=m) == math.comb(n, k) % m


@given(st.integers(2**40, 2**64 - 1), st.integers(0, 300), moduli)
def test_comb_mod_huge_n(n, k, m):
    assert pascalrow.comb(n, k, mod=m) == math.comb(n, k) % m
    assert pascalrow.comb(n, n - k, mod=m) == math.comb(n, k) % m


def lucas(n, k, p):
    """C(n, k) mod the prime p by Lucas' theorem, in plain Python: the
    product of C(n_i, k_i) over the base-p digits (math.comb on digits)."""
    r = 1
    while n or k:
        r = r * math.comb(n % p, k % p) % p
        n, k = n // p, k // p
    return r


@settings(max_examples=100)
@given(st.integers(0, 2**64 - 2), st.sampled_from([2, 3, 5, 7, 97, 101, 1009, 7919]), st.data())
@example(10**18, 101, None)
def test_mod_prime_deep_anywhere_against_lucas(n, p, data):
    # anywhere in any row below 2**64 - 1, checked against an independent formula
    k = data.draw(st.integers(0, n)) if data is not None else 5 * 10**17
    stop = k + 5
    assert pascalrow.comb(n, k, mod=p) == lucas(n, k, p)
    assert pascalrow.pascal_row(n, k, stop, mod=p) == [lucas(n, j, p) for j in range(k, min(stop, n + 1))]


def test_comb_mod_beyond_64_bits():
    for n, k in [(2**64, 5), (2**100 + 7, 30), (10**30, 2)]:
        for m in (12, 10**9 + 7, 2**63 - 1):
            assert pascalrow.comb(n, k, mod=m) == math.comb(n, k) % m
    assert pascalrow.comb(5, 2**70, mod=7) == 0
    # deep in a row past 2**64: Lucas' theorem over the base-7 digits
    n, k, lucas = 2**70, 2**69, 1
    while n:
        (n, a), (k, b) = divmod(n, 7), divmod(k, 7)
        lucas = lucas * math.comb(a, b) % 7
    assert pascalrow.comb(2**70, 2**69, mod=7) == lucas
    with pytest.raises(OverflowError, match=r"min\(n - k, k\)"):
        pascalrow.comb(2**70, 2**69)


def test_comb_mod_lucas_and_kummer():
    p = 10**9 + 7
    # Lucas: C(3p + 5, p + 2) = C(3, 1) * C(5, 2) (mod p)
    assert pascalrow.comb(3 * p + 5, p + 2, mod=p) == 30
    # Kummer: 2**62 divides C(2**62, 2**61 - 1); found without computing it
    assert pascalrow.comb(2**62, 2**61 - 1, mod=2**40) == 0
    assert pascalrow.comb(10**18, 5 * 10**17, mod=3) == pascalrow.pascal_row(10**18, 5 * 10**17, 5 * 10**17 + 1, mod=3)[0]


def test_out_of_reach_is_refused_at_once():
    # deep in a row near 10**18 modulo 3**30: ~3**30 steps by every known way
    n, k = 10**18, 5 * 10**17 + 7
    with pytest.raises(OverflowError, match=r"about [0-9.e+]+ steps of modular arithmetic \(more than 1e\+10\)"):
        pascalrow.comb(n, k, mod=3**30)
    with pytest.raises(OverflowError, match=r"about [0-9.e+]+ steps of modular arithmetic \(more than 1e\+10\)"):
        pascalrow.pascal_row(n, k, k + 3, mod=3**30)
    with pytest.raises(OverflowError, match=r"about [0-9.e+]+ steps of modular arithmetic \(more than 1e\+10\)"):
        pascalrow.pascal_row(n, k, k + 3, mod=3**30, dtype="uint64")
    # the same row is fine where a cheap way exists
    assert len(pascalrow.pascal_row(n, 0, 3, mod=3**30)) == 3
    assert pascalrow.comb(n, k, mod=3**5) == pascalrow.pascal_row(n, k, k + 1, mod=3**5)[0]


def test_mod_results_are_ints_in_range():
    row = pascalrow.pascal_row(300, mod=1000)
    assert all(type(v) is int and 0 <= v < 1000 for v in row)


# ------------------------------------------------------------------- dtype

@pytest.mark.parametrize("n", [0, 1, 33, 34, 35, 66, 67])
def test_dtype_full_rows(n):
    for dtype, code, limit in (("uint32", "I", 34), ("uint64", "Q", 67)):
        if n <= limit:
            arr = pascalrow.pascal_row(n, dtype=dtype)
            assert isinstance(arr, pascalrow.WordArray) and arr.typecode == code
            assert arr.tolist() == reference(n, 0, None)
        else:
            with pytest.raises(OverflowError, match=f"do not fit {dtype}"):
                pascalrow.pascal_row(n, dtype=dtype)


def test_dtype_overflow_limits():
    with pytest.raises(OverflowError):
        pascalrow.pascal_row(35, dtype="uint32")
    with pytest.raises(OverflowError):
        pascalrow.pascal_row(68, dtype="uint64")
    with pytest.raises(OverflowError):
        pascalrow.pascal_row(10**6, 0, 5, dtype="uint64")   # C(10**6, 4) > 2**64
    assert pascalrow.pascal_row(10**6, 0, 4, dtype="uint64").tolist() == reference(10**6, 0, 4)
    assert pascalrow.pascal_row(10**6, 10**6 - 1, dtype="uint32").tolist() == [10**6, 1]


@given(rows_and_bounds(200))
def test_dtype_slices(nab):
    n, a, b = nab
    want = reference(n, a, b)
    for dtype, bits in (("uint32", 32), ("uint64", 64)):
        if all(v < 2**bits for v in want):
            assert pascalrow.pascal_row(n, a, b, dtype=dtype).tolist() == want
        else:
            with pytest.raises(OverflowError):
                pascalrow.pascal_row(n, a, b, dtype=dtype)


@given(rows_and_bounds(1000), moduli)
def test_dtype_mod(nab, m):
    n, a, b = nab
    want = reference(n, a, b, m)
    assert pascalrow.pascal_row(n, a, b, mod=m, dtype="uint64").tolist() == want
    if m <= 2**32 or all(v < 2**32 for v in want):
        assert pascalrow.pascal_row(n, a, b, mod=m, dtype="uint32").tolist() == want
    else:
        with pytest.raises(OverflowError):
            pascalrow.pascal_row(n, a, b, mod=m, dtype="uint32")


def test_numpy_takes_the_buffer_without_copying():
    arr = pascalrow.pascal_row(60, dtype="uint64")
    view = numpy.asarray(arr)
    assert view.dtype == numpy.uint64 and view.shape == (61,)
    assert view.tolist() == reference(60, 0, None)
    arr[0] = 12345                       # the same memory
    assert view[0] == 12345
    m = numpy.asarray(pascalrow.pascal_row(10**6, mod=10**9 + 7, dtype="uint32"))
    assert m.dtype == numpy.uint32 and m.shape == (10**6 + 1,)
    assert int(m[500_000]) == pascalrow.comb(10**6, 500_000, mod=10**9 + 7)


# numpy's names for the two widths: the scalar types and native-order dtypes
# ("=" and the machine's own "<" or ">" are the same dtype to numpy).
NATIVE = "<" if sys.byteorder == "little" else ">"
SWAPPED = ">" if sys.byteorder == "little" else "<"
DTYPE_FORMS = {
    "uint32": [numpy.uint32, numpy.dtype("uint32"), numpy.dtype("=u4"), numpy.dtype(NATIVE + "u4")],
    "uint64": [numpy.uint64, numpy.dtype("uint64"), numpy.dtype("=u8"), numpy.dtype(NATIVE + "u8")],
}


@pytest.mark.parametrize("name,form", [(name, form) for name, forms in DTYPE_FORMS.items() for form in forms])
@pytest.mark.parametrize("args,kwargs", [((30,), {}), ((1000, 0, 3), {}), ((10**6, 5, 40), dict(mod=10**9 + 7)),
                                         ((5, 3, 3), {})])
def test_dtype_numpy_forms_equal_the_str(name, form, args, kwargs):
    want = pascalrow.pascal_row(*args, dtype=name, **kwargs)
    got = pascalrow.pascal_row(*args, dtype=form, **kwargs)
    assert type(got) is pascalrow.WordArray and got.typecode == want.typecode and got == want


@pytest.mark.parametrize("dtype", [
    numpy.dtype(SWAPPED + "u4"), numpy.dtype(SWAPPED + "u8"), numpy.dtype("uint32").newbyteorder(),
    numpy.int64, numpy.uint8, numpy.float64, numpy.dtype("int32"), numpy.dtype("uint16"),
    numpy.dtype("float64"), numpy.dtype([("a", "u4")]), "uint32 ", "UINT32", "u4", "numpy.uint32",
])
def test_dtype_other_numpy_dtypes_and_names_are_value_errors(dtype):
    with pytest.raises(ValueError, match=r"dtype must be 'uint32' or 'uint64' \(or numpy.uint32, "
                                         r"numpy.uint64 or a native-order numpy.dtype of either\)"):
        pascalrow.pascal_row(10, dtype=dtype)


@pytest.mark.parametrize("dtype", [64, 32.0, b"uint32", int, array.array, object(), ["uint32"],
                                   numpy.dtypes.UInt32DType, numpy.uint32(5)])
def test_dtype_other_objects_are_type_errors(dtype):
    with pytest.raises(TypeError, match="dtype must be None, 'uint32', 'uint64', numpy.uint32"):
        pascalrow.pascal_row(10, dtype=dtype)


def test_dtype_does_not_import_numpy():
    # numpy is asked only when it is imported already: a str or another
    # object leaves it unimported.
    code = """if True:
        import sys, pascalrow
        assert pascalrow.pascal_row(5, dtype="uint64").tolist() == [1, 5, 10, 10, 5, 1]
        for bad, exc in (("int8", ValueError), (64, TypeError), (int, TypeError)):
            try:
                pascalrow.pascal_row(5, dtype=bad)
            except exc:
                pass
            else:
                raise AssertionError(bad)
        assert "numpy" not in sys.modules
    """
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_empty_results():
    assert pascalrow.pascal_row(5, 9, 10, mod=7) == []
    empty = pascalrow.pascal_row(5, 3, 3, dtype="uint64")
    assert isinstance(empty, pascalrow.WordArray) and len(empty) == 0


# ------------------------------------------------------------- bad input

def test_index_objects_everywhere():
    # anything with __index__, as math.comb takes it (NumPy integers here)
    i = numpy.int64
    assert pascalrow.pascal_row(i(10), i(2), numpy.uint8(4), mod=i(7)) == [45 % 7, 120 % 7]
    assert pascalrow.comb(i(28), i(3), mod=numpy.int16(27)) == 9
    assert pascalrow.pascal_row(5, True, mod=True) == [0] * 5


@pytest.mark.parametrize("kwargs,exc", [
    (dict(start=-1), ValueError), (dict(stop=-1), ValueError), (dict(start=-(2**70)), ValueError),
    (dict(start=1.0), TypeError), (dict(stop="3"), TypeError), (dict(start=[]), TypeError),
    (dict(mod=0), ValueError), (dict(mod=-5), ValueError), (dict(mod=2**63), OverflowError),
    (dict(mod=2**100), OverflowError), (dict(mod=7.0), TypeError), (dict(mod="7"), TypeError),
    (dict(dtype="int64"), ValueError), (dict(dtype="float"), ValueError), (dict(dtype=""), ValueError),
    (dict(dtype=numpy.int64), ValueError), (dict(dtype=64), TypeError),
    (dict(colour=3), TypeError),
])
def test_bad_arguments(kwargs, exc):
    with pytest.raises(exc):
        pascalrow.pascal_row(10, **kwargs)


def test_bad_argument_messages():
    with pytest.raises(ValueError, match="start must be a non-negative integer"):
        pascalrow.pascal_row(10, -1)
    with pytest.raises(ValueError, match="mod must be a positive integer"):
        pascalrow.pascal_row(10, mod=0)
    with pytest.raises(OverflowError, match=r"mod must be less than 2\*\*63"):
        pascalrow.pascal_row(10, mod=2**63)
    with pytest.raises(ValueError, match="dtype must be 'uint32' or 'uint64'"):
        pascalrow.pascal_row(10, dtype="int8")
    with pytest.raises(ValueError, match="n must be a non-negative integer"):
        pascalrow.pascal_row(-3, 0, 2, mod=5)
    with pytest.raises(TypeError):
        pascalrow.pascal_row(None, 0, 2)
    with pytest.raises(TypeError):
        pascalrow.pascal_row(None, mod=5)


def test_bad_call_shapes():
    with pytest.raises(TypeError, match="positional"):
        pascalrow.pascal_row(10, 0, 5, 7)
    with pytest.raises(TypeError, match="multiple values"):
        pascalrow.pascal_row(10, 0, start=1)
    with pytest.raises(TypeError, match="unexpected keyword"):
        pascalrow.pascal_row(n=10)
    with pytest.raises(TypeError):
        pascalrow.pascal_row(start=1)
    with pytest.raises(TypeError):
        pascalrow.pascal_row(10, 0, 5, mod=None, dtype=None, extra=1)


@pytest.mark.parametrize("args,kwargs,exc", [
    ((5, 2), dict(mod=0), ValueError), ((5, 2), dict(mod=2**63), OverflowError),
    ((5, 2), dict(mod=1.5), TypeError), ((-5, 2), dict(mod=7), ValueError),
    ((5, -2), dict(mod=7), ValueError), ((5.0, 2), dict(mod=7), TypeError),
    ((5, None), dict(mod=7), TypeError), ((5,), dict(mod=7), TypeError),
    ((5, 2), dict(modulus=7), TypeError), ((5, 2, 7), {}, TypeError),
])
def test_comb_mod_bad_arguments(args, kwargs, exc):
    with pytest.raises(exc):
        pascalrow.comb(*args, **kwargs)


def test_comb_mod_none_is_exact():
    assert pascalrow.comb(100, 50, mod=None) == math.comb(100, 50)


# ---------------------------------------------------- rows mod m on threads

@pytest.mark.parametrize("threads", [1, 2, 3, 4, 8])
@settings(max_examples=6, deadline=None)
@given(st.integers(2**18, 2**18 + 5000), st.data(), moduli)
@example(2**18 + 1, None, 10**9 + 7)
@example(2**18 + 7, None, 2**32)
@example(2**18 + 2, None, 720720)
def test_mod_rows_split_over_threads(threads_setting, threads, n, data, m):
    """Rows long enough to be split over threads (parts of at least 2^16
    values): a slice on `threads` threads, as an array and as a list, equals
    the same slice of the row on one thread, and the row equals math.comb(n, k)
    % m at sampled k (the ends, the middle, the parts' starts and random)."""
    pascalrow.set_num_threads(1)
    one = pascalrow.pascal_row(n, mod=m, dtype="uint64")
    pascalrow.set_num_threads(threads)
    if data is None:
        a, b, ks = 0, n + 1, [n // 2, n // 4 + 1, 3 * n // 8]
    else:
        a = data.draw(st.integers(0, n // 2))
        b = data.draw(st.integers(a, n + 2))
        ks = data.draw(st.lists(st.integers(0, n), min_size=1, max_size=3))
    assert pascalrow.pascal_row(n, a, b, mod=m, dtype="uint64") == one[a:b]
    assert pascalrow.pascal_row(n, a, b, mod=m) == list(one[a:b])
    if m < 2**32:
        assert list(pascalrow.pascal_row(n, a, b, mod=m, dtype="uint32")) == list(one[a:b])
    for k in [0, 1, n, *ks]:
        assert one[k] == math.comb(n, k) % m, (n, k, m)
