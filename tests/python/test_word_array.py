"""pascalrow.WordArray, what pascal_row(..., dtype=...) returns: its values
against math.comb, array.array's behaviour it keeps (and the errors), the
buffer protocol through memoryview and NumPy, pickling, threads, and its
memory freed on Ctrl-C and on MemoryError.

Leaks and reference counts are in test_leaks.py (its WordArray cases).
"""
import array
import math
import pickle
import sys
import threading

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pascalrow
from pascalrow import WordArray
from sigint import parse, run_python

PRIMES = [2, 3, 7, 97, 65521, 998244353, 10**9 + 7, 2**31 - 1, 4294967291, 2**61 - 1]
MODULI = PRIMES + [1, 4, 720720, 10**9 + 6, 2**32, 2**62 + 1]
# A slice mod m is split in parts of at least this many values of its
# lower-half range (src/mod_threads.c), one part a thread.
PART = pascalrow._pascalrow.MIN_VALUES_PER_THREAD


def want(n, a, b, m):
    return [math.comb(n, k) % m for k in range(a, b)]


# ------------------------------------------------------------------ values

@given(st.integers(0, 3000), st.integers(0, 3100), st.integers(0, 3100), st.sampled_from(MODULI),
       st.sampled_from(["uint32", "uint64"]))
def test_values_are_math_comb_mod_m(n, a, b, m, dtype):
    b = min(b, n + 1)
    expect = want(n, a, b, m) if a < b else []
    if dtype == "uint32" and any(v >= 2**32 for v in expect):      # a value, not the modulus, decides
        with pytest.raises(OverflowError, match="do not fit uint32"):
            pascalrow.pascal_row(n, a, b, mod=m, dtype=dtype)
        return
    got = pascalrow.pascal_row(n, a, b, mod=m, dtype=dtype)
    assert type(got) is WordArray and got.typecode == ("I" if dtype == "uint32" else "Q")
    assert got.tolist() == expect and list(got) == expect and len(got) == len(expect)
    assert got == array.array(got.typecode, expect)


@pytest.mark.parametrize("n", [0, 1, 2, 34, 67])
def test_exact_small_rows(n):
    for dtype, code, limit in (("uint32", "I", 34), ("uint64", "Q", 67)):
        if n <= limit:
            got = pascalrow.pascal_row(n, dtype=dtype)
            assert got.typecode == code and got.tolist() == want(n, 0, n + 1, 2**64)


@pytest.mark.parametrize("threads", range(1, 9))
@pytest.mark.parametrize("n, a, b", [(16 * PART + 10, 0, None), (10**7, 4_000, 4_000 + 8 * PART + 5),
                                     (6 * PART, 7, 6 * PART - 3)])
def test_split_rows_equal_out_numpy(threads, n, a, b):
    # The threads each write their own part of the new array: the same values
    # as into numpy.empty on one thread, and math.comb at sampled k.
    m = 10**9 + 7
    end = n + 1 if b is None else b
    ref = numpy.empty(end - a, numpy.uint64)
    try:
        pascalrow.set_num_threads(1)
        pascalrow.pascal_row(n, a, b, mod=m, out=ref)
        pascalrow.set_num_threads(threads)
        got = pascalrow.pascal_row(n, a, b, mod=m, dtype="uint64")
        narrow = pascalrow.pascal_row(n, a, b, mod=m, dtype="uint32")
    finally:
        pascalrow.set_num_threads(None)
    assert got.tobytes() == ref.tobytes()
    assert numpy.array_equal(numpy.asarray(narrow), ref)
    assert got[0] == math.comb(n, a) % m and got[1] == math.comb(n, a + 1) % m   # a is small
    for i in (len(got) // 3, len(got) // 2, len(got) - 1):    # math.comb there takes seconds
        assert got[i] == pascalrow.comb(n, a + i, mod=m)


def test_several_python_threads_at_once():
    m, n, errors = 998244353, 6 * PART + 1000, []
    expect = numpy.empty(n + 1, numpy.uint64)
    pascalrow.pascal_row(n, mod=m, out=expect)

    def work():
        try:
            for dtype in ("uint64", "uint32") * 3:
                got = pascalrow.pascal_row(n, mod=m, dtype=dtype)
                assert numpy.array_equal(numpy.asarray(got), expect), dtype
        except BaseException as e:       # reported by the main thread
            errors.append(e)

    pascalrow.set_num_threads(3)
    try:
        ts = [threading.Thread(target=work) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    finally:
        pascalrow.set_num_threads(None)
    assert not errors, errors


def test_uint32_boundaries():
    assert pascalrow.pascal_row(100, mod=2**32 - 1, dtype="uint32").tolist() == want(100, 0, 101, 2**32 - 1)
    assert pascalrow.pascal_row(100, mod=2**32, dtype="uint32").tolist() == want(100, 0, 101, 2**32)
    with pytest.raises(OverflowError, match="do not fit uint32"):
        pascalrow.pascal_row(100, mod=2**40 + 15, dtype="uint32")     # values past 2**32
    with pytest.raises(OverflowError, match="do not fit uint32"):
        pascalrow.pascal_row(35, dtype="uint32")
    top = pascalrow.pascal_row(2**64 - 2, 1, 2, mod=2**63 - 1, dtype="uint64")
    assert top.tolist() == [(2**64 - 2) % (2**63 - 1)]


def test_empty_slices():
    for dtype, code in (("uint32", "I"), ("uint64", "Q")):
        e = pascalrow.pascal_row(10, 5, 5, mod=7, dtype=dtype)
        assert type(e) is WordArray and e.typecode == code and len(e) == 0 and e.tolist() == []
        assert e.tobytes() == b"" and list(e) == [] and e == array.array(code)
        assert repr(e) == f"pascalrow.WordArray('{code}', [])"
        assert numpy.asarray(e).shape == (0,) and memoryview(e).nbytes == 0


# ------------------------------------------------------- array.array's ways

def sample():
    return pascalrow.pascal_row(12, dtype="uint64")        # 1 12 66 220 495 792 924 ...


def test_attributes_len_and_indexing():
    a, ref = sample(), want(12, 0, 13, 2**64)
    assert a.typecode == "Q" and a.itemsize == 8 and len(a) == 13
    assert pascalrow.pascal_row(12, dtype="uint32").itemsize == 4
    for i in range(-13, 13):
        assert a[i] == ref[i]
    assert a[numpy.int64(-2)] == 12
    for bad in (13, -14, 2**70, -(2**70)):
        with pytest.raises(IndexError):
            a[bad]
    for bad in (1.0, "1", None):
        with pytest.raises(TypeError):
            a[bad]


@pytest.mark.parametrize("key", [slice(None), slice(2, 5), slice(-3, None), slice(None, None, -1),
                                 slice(1, 12, 3), slice(10, 2, -2), slice(5, 2), slice(-100, 100),
                                 slice(2**70, None)])
def test_slices_are_word_array_copies(key):
    a = sample()
    s = a[key]
    assert type(s) is WordArray and s.typecode == a.typecode and s.tolist() == a.tolist()[key]
    if len(s):
        s[0] = 7777                        # a copy: a is unchanged
        assert a.tolist() == want(12, 0, 13, 2**64)


def test_iteration_and_membership():
    a = sample()
    assert list(iter(a)) == a.tolist() and 924 in a and 925 not in a
    assert [v for v in a] == want(12, 0, 13, 2**64) and all(type(v) is int for v in a)


def test_tobytes_buffer_info_sizeof():
    a = pascalrow.pascal_row(30, dtype="uint32")
    assert a.tobytes() == array.array("I", a.tolist()).tobytes()
    address, length = a.buffer_info()
    assert length == 31 and address == numpy.asarray(a).ctypes.data
    assert sys.getsizeof(a) >= 31 * 4 and a.__sizeof__() - pascalrow.pascal_row(0, dtype="uint32").__sizeof__() == 30 * 4


def test_equality():
    a = sample()
    values = a.tolist()
    assert a == array.array("Q", values) and array.array("Q", values) == a
    assert a == array.array("I", values) and a == array.array("q", values) and a == array.array("d", values)
    assert a == pascalrow.pascal_row(12, dtype="uint32") and a == WordArray("Q", values)
    assert not (a != array.array("Q", values))
    other = array.array("Q", values)
    other[6] += 1
    assert a != other and a != array.array("Q", values[:-1]) and a != array.array("q", [-1] * 13)
    assert a != pascalrow.pascal_row(13, 0, 13, dtype="uint64")
    # as array.array against anything else: not equal (a list, a tuple, numpy)
    for x in (values, tuple(values), bytes(a), None, 5):
        assert (a == x) is False and (a != x) is True
        assert (array.array("Q", values) == x) is False
    for op in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(a, op)(a) is NotImplemented
    with pytest.raises(TypeError):
        a < a
    with pytest.raises(TypeError, match="unhashable"):
        hash(a)


def test_item_assignment():
    a, b = sample(), pascalrow.pascal_row(10, dtype="uint32")
    a[0], a[-1], b[3] = 2**64 - 1, numpy.uint64(5), 2**32 - 1
    assert a[0] == 2**64 - 1 and a[12] == 5 and b[3] == 2**32 - 1
    for arr, v, exc in ((a, 2**64, OverflowError), (a, -1, OverflowError), (b, 2**32, OverflowError),
                        (b, -(2**80), OverflowError), (a, 1.0, TypeError), (a, "1", TypeError),
                        (a, None, TypeError)):
        before = arr.tolist()
        with pytest.raises(exc):
            arr[1] = v
        assert arr.tolist() == before
    with pytest.raises(IndexError):
        a[13] = 1
    with pytest.raises(IndexError):
        a[-14] = 1
    with pytest.raises(TypeError, match="fixed length"):
        del a[0]
    with pytest.raises(TypeError, match="slice assignment"):
        a[0:2] = [1, 2]
    for name in ("append", "extend", "pop", "insert", "remove", "frombytes", "fromlist"):
        assert not hasattr(a, name)


def test_repr():
    assert repr(pascalrow.pascal_row(4, dtype="uint64")) == "pascalrow.WordArray('Q', [1, 4, 6, 4, 1])"
    small = pascalrow.pascal_row(30, dtype="uint32")
    assert eval(repr(small), {"pascalrow": pascalrow}) == small
    assert len(repr(pascalrow.pascal_row(998, mod=7, dtype="uint32"))) > 1000
    long = pascalrow.pascal_row(1000, mod=10**9 + 7, dtype="uint64")
    v = long.tolist()
    assert repr(long) == f"pascalrow.WordArray('Q', [{v[0]}, {v[1]}, {v[2]}, ..., {v[-3]}, {v[-2]}, {v[-1]}])"


def test_constructor():
    assert WordArray("Q").tolist() == [] and WordArray("I", range(4)).tolist() == [0, 1, 2, 3]
    raw = array.array("Q", [1, 2**64 - 1, 3])
    assert WordArray("Q", raw.tobytes()) == raw and WordArray("Q", bytearray(raw.tobytes())) == raw
    assert WordArray("Q", raw) == raw                       # an iterable of ints: its values
    assert WordArray("Q", array.array("I", [5, 6])).tolist() == [5, 6]
    swapped = array.array("Q", raw)
    swapped.byteswap()
    other = "big" if sys.byteorder == "little" else "little"
    assert WordArray("Q", swapped.tobytes(), other) == raw
    assert WordArray("Q", raw.tobytes(), sys.byteorder) == raw and WordArray("Q", raw.tobytes(), None) == raw
    narrow = array.array("I", [7, 2**32 - 1])
    narrow.byteswap()
    assert WordArray("I", narrow.tobytes(), other).tolist() == [7, 2**32 - 1]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("dtype", ["uint32", "uint64"])
def test_pickle_round_trip(protocol, dtype):
    a = pascalrow.pascal_row(1000, mod=65521, dtype=dtype)
    b = pickle.loads(pickle.dumps(a, protocol))
    assert type(b) is WordArray and b.typecode == a.typecode and b == a and b.tolist() == a.tolist()
    b[0] = 99
    assert a[0] == 1                                        # its own memory
    empty = pickle.loads(pickle.dumps(pascalrow.pascal_row(5, 2, 2, dtype=dtype), protocol))
    assert len(empty) == 0


# ---------------------------------------------------------------- buffers

def test_memoryview():
    a = sample()
    v = memoryview(a)
    assert v.format == "Q" and v.itemsize == 8 and v.shape == (13,) and v.strides == (8,)
    assert not v.readonly and v.ndim == 1 and v.c_contiguous and v.tolist() == a.tolist()
    v[2] = 12345                                            # shared, writable
    assert a[2] == 12345
    assert memoryview(pascalrow.pascal_row(5, dtype="uint32")).format == "I"
    assert bytes(memoryview(a).cast("B")) == a.tobytes()
    del a                                                   # the view keeps the memory alive
    assert v[2] == 12345 and v[12] == 1
    v.release()


def test_numpy_shares_the_memory():
    a = pascalrow.pascal_row(10**5, mod=10**9 + 7, dtype="uint64")
    x = numpy.asarray(a)
    assert x.dtype == numpy.uint64 and x.shape == (10**5 + 1,) and x.flags.writeable
    x[7] = 42
    assert a[7] == 42
    y = numpy.frombuffer(a, numpy.uint64)
    assert y[7] == 42 and numpy.shares_memory(x, y)
    n32 = numpy.asarray(pascalrow.pascal_row(30, dtype="uint32"))
    assert n32.dtype == numpy.uint32 and n32.tolist() == want(30, 0, 31, 2**64)
    del a
    assert x[7] == 42 and int(x[-1]) == 1


def test_array_array_copies():
    a = pascalrow.pascal_row(30, 3, 9, dtype="uint32")
    copy = array.array(a.typecode)
    copy.frombytes(memoryview(a).cast("B"))           # as from an array.array: bytes, not items
    assert copy == a and array.array(a.typecode, a.tobytes()) == a and array.array("I", a) == a
    assert type(copy) is array.array


@pytest.mark.parametrize("dtype", ["uint32", "uint64"])
def test_as_out(dtype):
    out = pascalrow.pascal_row(20, dtype=dtype)
    back = pascalrow.pascal_row(20, mod=7, out=out)
    assert back is out and out.tolist() == want(20, 0, 21, 7)
    with pytest.raises(ValueError, match="items"):
        pascalrow.pascal_row(19, mod=7, out=out)


# ------------------------------------------------------ freed on any error

TRACED_CHILD = r"""
import math, resource, sys, tracemalloc
import pascalrow
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
"""


@pytest.mark.serial
def test_ctrl_c_frees_the_array():
    # A slice deep in a row: its 32 MB array is made, then the seed walks
    # for seconds and polls; SIGINT 0.3 s into it.  Afterwards the traced
    # memory (PyMem_RawMalloc is traced) holds no more than the modules the
    # interrupting helper imported.
    code = TRACED_CHILD + r"""
from sigint import interrupt_call
deep = 4 * 10**9
result = interrupt_call(lambda: pascalrow.pascal_row(10**10, deep, deep + 4 * 10**6, mod=2**61 - 1,
                                                     dtype="uint64"), after=0.3)
print(result.line())
print(tracemalloc.get_traced_memory()[0] - base)
print(pascalrow.pascal_row(10, mod=7, dtype="uint64").tolist() == [1, 3, 3, 1, 0, 0, 0, 1, 3, 3, 1])
"""
    line, grew, works = run_python(code)
    result = parse(line)
    assert result.landed and result.calls == 0, result
    assert int(grew) < 8 << 20, f"{grew} bytes still held after KeyboardInterrupt"
    assert works == "True"


@pytest.mark.serial
def test_memory_error_frees_the_array():
    # Under an address-space limit 40 MB above what is mapped: requests under
    # 64 MB are not estimated up front (_memory.c), so the allocations fail
    # themselves.  uint64, 56 MB: the WordArray's own allocation fails;
    # uint32, 20 MB and a 40 MB uint64 staging buffer: the WordArray is made,
    # the staging fails and it is freed.  An estimated request (80 MB) is
    # refused up front.  Nothing stays allocated; small rows still work.
    code = TRACED_CHILD + r"""
def mapped():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (mapped() + 40 * 2**20, resource.RLIM_INFINITY))
for n, dtype in ((7 * 10**6 - 1, "uint64"), (5 * 10**6 - 1, "uint32"), (10**7, "uint64")):
    try:
        pascalrow.pascal_row(n, mod=10**9 + 7, dtype=dtype)
    except MemoryError as e:
        print("MemoryError", n, dtype, e)
    else:
        raise AssertionError(f"no MemoryError for {n} {dtype}")
print(tracemalloc.get_traced_memory()[0] - base)
print(pascalrow.pascal_row(1000, mod=7, dtype="uint32").tolist() == [math.comb(1000, k) % 7 for k in range(1001)])
"""
    *errors, grew, works = run_python(code)
    assert len(errors) == 3 and all(e.startswith("MemoryError") for e in errors), errors
    assert "needs about" in errors[2], errors[2]
    assert int(grew) < 1 << 20, f"{grew} bytes still held after MemoryError"
    assert works == "True"
