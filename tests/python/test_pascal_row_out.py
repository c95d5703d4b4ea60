"""pascal_row(..., out=buffer): the values written into the caller's array.

Checked against math.comb and against pascal_row's own list and dtype=
results: mod m and exact values, 32- and 64-bit items, NumPy arrays and
array.array, slices, empty slices, rows split over 1-8 threads (fresh
numpy.empty memory, first touched by those threads), several Python threads
each writing its own out, and every refusal of out.
"""
import array
import math
import threading

import numpy
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pascalrow

MODULI = [1, 2, 7, 12, 27, 720720, 2**31 - 1, 2**32, 10**9 + 6, 10**9 + 7, 998244353,
          2**61 - 1, 2**63 - 25, 2**63 - 1]
moduli = st.one_of(st.sampled_from(MODULI), st.integers(1, 2**63 - 1))


@pytest.fixture
def threads_setting():
    """Restore the default thread count after a test changes it."""
    yield
    pascalrow.set_num_threads(None)


def reference(n, start, stop, mod=None):
    ks = range(*slice(start, stop).indices(n + 1))
    return [math.comb(n, k) if mod is None else math.comb(n, k) % mod for k in ks]


def slice_len(n, start, stop):
    return len(range(*slice(start, stop).indices(n + 1)))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 1500).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, n + 3), st.integers(0, n + 3))), moduli,
    st.sampled_from([numpy.uint64, numpy.uint32]))
@example((0, 0, 1), 7, numpy.uint64)
@example((130, 0, 131), 2**63 - 1, numpy.uint64)
def test_mod_into_numpy_equals_math_comb(nab, m, dtype):
    """Values mod m into a numpy array of either width: what is written is
    math.comb(n, k) % m, and the array itself is returned; into uint32,
    OverflowError exactly when a value is 2**32 or more."""
    n, a, b = nab
    want = reference(n, a, b, m)
    out = numpy.full(slice_len(n, a, b), 12345, dtype)
    if dtype is numpy.uint32 and any(v > 2**32 - 1 for v in want):
        with pytest.raises(OverflowError):
            pascalrow.pascal_row(n, a, b, mod=m, out=out)
        return
    assert pascalrow.pascal_row(n, a, b, mod=m, out=out) is out
    assert out.tolist() == want


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 80).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, n + 3), st.integers(0, n + 3))),
    st.sampled_from(["Q", "L", "I"]))
def test_exact_into_array_array(nab, code):
    """Exact values (no mod) into an array.array of each accepted code: equal
    to math.comb where every value fits, OverflowError where one does not."""
    n, a, b = nab
    want = reference(n, a, b)
    out = array.array(code, [7]) * slice_len(n, a, b)
    if any(v >= 2**(8 * out.itemsize) for v in want):
        with pytest.raises(OverflowError):
            pascalrow.pascal_row(n, a, b, out=out)
        return
    assert pascalrow.pascal_row(n, a, b, out=out) is out
    assert out.tolist() == want


@pytest.mark.parametrize("n", [0, 1, 33, 34, 67, 68])
def test_exact_width_limits(n):
    """The rows around the u32 and u64 limits: out behaves as dtype= does."""
    for dtype, name in [(numpy.uint32, "uint32"), (numpy.uint64, "uint64")]:
        out = numpy.zeros(n + 1, dtype)
        try:
            want = pascalrow.pascal_row(n, dtype=name)
        except OverflowError:
            with pytest.raises(OverflowError):
                pascalrow.pascal_row(n, out=out)
            continue
        assert pascalrow.pascal_row(n, out=out).tolist() == list(want)


@pytest.mark.parametrize("threads", [1, 2, 3, 8])
@pytest.mark.parametrize("m", [10**9 + 7, 2**61 - 1, 10**9 + 6, 720720])
def test_fresh_memory_split_over_threads(threads_setting, threads, m):
    """A row long enough to be split over threads, into numpy.empty (memory
    no one has touched: the threads fault in their own parts), equals the
    row on one thread as a list, and math.comb at sampled k."""
    n = 2**18 + 11
    pascalrow.set_num_threads(1)
    one = pascalrow.pascal_row(n, mod=m)
    pascalrow.set_num_threads(threads)
    out = pascalrow.pascal_row(n, mod=m, out=numpy.empty(n + 1, numpy.uint64))
    assert out.tolist() == one
    for k in [0, 1, n // 3, n // 2, n]:
        assert int(out[k]) == math.comb(n, k) % m
    lo, hi = n // 5, n // 5 + 3 * 2**16
    part = pascalrow.pascal_row(n, lo, hi, mod=m, out=numpy.empty(hi - lo, numpy.uint64))
    assert part.tolist() == one[lo:hi]


def test_python_threads_each_with_its_own_out(threads_setting):
    """Six Python threads, each on 3 library threads, write rows into their
    own arrays at once: every array holds its own row."""
    pascalrow.set_num_threads(3)
    n, moduli = 2**18 + 3, [10**9 + 7, 2**61 - 1, 2**32, 720720, 998244353, 10**9 + 6]
    want = {m: pascalrow.pascal_row(n, mod=m) for m in moduli}
    got, errors = {}, []

    def work(m):
        try:
            for _ in range(3):
                out = numpy.empty(n + 1, numpy.uint64)
                pascalrow.pascal_row(n, mod=m, out=out)
                assert out.tolist() == want[m]
            got[m] = True
        except BaseException as e:      # noqa: BLE001 - reported below
            errors.append(e)

    ts = [threading.Thread(target=work, args=(m,)) for m in moduli]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors
    assert sorted(got) == sorted(moduli)


def test_out_with_dtype_and_buffers_of_all_kinds():
    """dtype agreeing with out is accepted; a memoryview of a writable array
    is accepted; the values equal pascal_row(..., dtype=...)."""
    want = list(pascalrow.pascal_row(50, 3, 40, mod=97, dtype="uint32"))
    out = numpy.zeros(37, numpy.uint32)
    assert pascalrow.pascal_row(50, 3, 40, mod=97, dtype="uint32", out=out) is out
    assert out.tolist() == want
    out = numpy.zeros(37, numpy.uint64)
    assert pascalrow.pascal_row(50, 3, 40, mod=97, dtype=numpy.uint64, out=out).tolist() == want
    arr = array.array("Q", [0]) * 37
    view = memoryview(arr)
    assert pascalrow.pascal_row(50, 3, 40, mod=97, out=view) is view
    assert arr.tolist() == want
    out = pascalrow.pascal_row(50, 3, 40, mod=97, out=None)
    assert out == want                                   # out=None: the list, as without it


def test_empty_slices():
    """An empty slice takes an empty out and returns it untouched."""
    for args in [(10, 20, 30), (10, 5, 3), (10, 11, None)]:
        out = numpy.zeros(0, numpy.uint64)
        assert pascalrow.pascal_row(*args, mod=7, out=out) is out
        assert pascalrow.pascal_row(*args, out=out) is out
    with pytest.raises(ValueError, match="out has 1 items, the slice has 0"):
        pascalrow.pascal_row(10, 20, 30, mod=7, out=numpy.zeros(1, numpy.uint64))


BAD_OUTS = [
    (lambda: bytearray(88), TypeError, "unsigned 32- or 64-bit"),
    (lambda: numpy.zeros(11, numpy.int64), TypeError, "unsigned 32- or 64-bit"),
    (lambda: numpy.zeros(11, numpy.float64), TypeError, "unsigned 32- or 64-bit"),
    (lambda: numpy.zeros(11, numpy.uint16), TypeError, "unsigned 32- or 64-bit"),
    (lambda: numpy.zeros(11, numpy.dtype("uint64").newbyteorder()), TypeError, "native order"),
    (lambda: 3.5, TypeError, "buffer protocol"),
    (lambda: [0] * 11, TypeError, "buffer protocol"),
    (lambda: numpy.zeros((11, 1), numpy.uint64), ValueError, "one-dimensional"),
    (lambda: numpy.zeros(22, numpy.uint64)[::2], ValueError, "contiguous"),
    (lambda: numpy.zeros(12, numpy.uint64), ValueError, "out has 12 items, the slice has 11"),
    (lambda: numpy.zeros(10, numpy.uint64), ValueError, "out has 10 items, the slice has 11"),
    (lambda: memoryview(bytes(88)).cast("Q"), ValueError, "read-only"),
]


@pytest.mark.parametrize("make, exc, message", BAD_OUTS)
@pytest.mark.parametrize("mod", [None, 7])
def test_bad_out(make, exc, message, mod):
    """Each wrong out is refused with a clear exception before any work."""
    with pytest.raises(exc, match=message):
        pascalrow.pascal_row(10, mod=mod, out=make())


def test_read_only_numpy_and_width_mismatch():
    ro = numpy.zeros(11, numpy.uint64)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        pascalrow.pascal_row(10, mod=7, out=ro)
    assert ro.tolist() == [0] * 11
    with pytest.raises(ValueError, match="differ in width"):
        pascalrow.pascal_row(10, mod=7, dtype="uint32", out=numpy.zeros(11, numpy.uint64))
    with pytest.raises(ValueError):                      # dtype is checked first, as before
        pascalrow.pascal_row(10, mod=7, dtype="int8", out=numpy.zeros(11, numpy.uint64))


def test_out_keeps_the_other_refusals():
    """out does not bypass pascal_row's other checks: bad mod, n too large,
    a modular slice out of reach."""
    out = numpy.zeros(3, numpy.uint64)
    with pytest.raises(ValueError):
        pascalrow.pascal_row(10, 0, 3, mod=0, out=out)
    with pytest.raises(OverflowError):
        pascalrow.pascal_row(2**64, 0, 3, out=out)
    with pytest.raises(OverflowError):
        pascalrow.pascal_row(2**60, 2**59, 2**59 + 3, mod=3**30, out=out)
