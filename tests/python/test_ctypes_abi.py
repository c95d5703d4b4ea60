"""The C ABI as an FFI caller meets it: libpascalrow loaded with ctypes only
(no compiler, no GMP on the caller's side), every status checked."""
import ctypes
import math
import pathlib
import re

import pytest

import pascalrow

HEADER = pathlib.Path(__file__).parent.parent.parent / "include" / "pascalrow.h"


def header_statuses() -> dict[str, int]:
    enum = re.search(r"typedef enum pascalrow_status \{(.*?)\} pascalrow_status;",
                     HEADER.read_text(), re.S).group(1)
    return {name: int(value) for name, value in re.findall(r"PASCALROW_(\w+) = (\d+)", enum)}


S = header_statuses()
OK, EINVAL, EOVERFLOW, ERANGE, ENOMEM, EINTR = (S[name] for name in
                                                ("OK", "EINVAL", "EOVERFLOW", "ERANGE", "ENOMEM", "EINTR"))
SIZE_MAX = 2**(8 * ctypes.sizeof(ctypes.c_size_t)) - 1

SINK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_uint64,
                        ctypes.POINTER(ctypes.c_uint64), ctypes.c_size_t)


@pytest.fixture(scope="module")
def lib():
    lib = ctypes.CDLL(pascalrow.library_path())
    u32p, u64p = ctypes.POINTER(ctypes.c_uint32), ctypes.POINTER(ctypes.c_uint64)
    signatures = {
        "pascalrow_version_number": (ctypes.c_uint, []),
        "pascalrow_strerror": (ctypes.c_char_p, [ctypes.c_int]),
        "pascalrow_row_u32": (ctypes.c_int, [ctypes.c_uint64, u32p]),
        "pascalrow_row_u64": (ctypes.c_int, [ctypes.c_uint64, u64p]),
        "pascalrow_step_u32": (ctypes.c_int, [ctypes.c_uint64, u32p]),
        "pascalrow_step_u64": (ctypes.c_int, [ctypes.c_uint64, u64p]),
        "pascalrow_digit_count": (ctypes.c_size_t, [u64p, ctypes.c_size_t, ctypes.c_uint]),
        "pascalrow_limbs_to_digits": (ctypes.c_int, [u64p, ctypes.c_size_t, ctypes.c_uint, u32p]),
        "pascalrow_memory_available": (ctypes.c_int, [ctypes.c_uint64]),
        "pascalrow_comb_bytes": (ctypes.c_int, [ctypes.c_uint64, ctypes.c_uint64, ctypes.c_char_p,
                                                ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]),
        "pascalrow_walk": (ctypes.c_int, [ctypes.c_uint64, ctypes.c_uint64, ctypes.c_uint64,
                                          SINK, ctypes.c_void_p]),
        "pascalrow_clip_range": (ctypes.c_int, [ctypes.c_uint64, u64p, u64p]),
        "pascalrow_slice_bits_bound": (ctypes.c_uint64, [ctypes.c_uint64] * 3),
        "pascalrow_row_sum_bits_bound": (ctypes.c_uint64, [ctypes.c_uint64] * 3),
    }
    for name, (restype, argtypes) in signatures.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


def comb_bytes(lib, n: int, k: int) -> int:
    """The ctypes snippet of docs/ffi.md: ask the size, allocate, write, decode."""
    size, written = ctypes.c_size_t(), ctypes.c_size_t()
    assert lib.pascalrow_comb_bytes(n, k, None, 0, ctypes.byref(size)) == OK
    buf = ctypes.create_string_buffer(size.value)
    assert lib.pascalrow_comb_bytes(n, k, buf, size, ctypes.byref(written)) == OK
    assert written.value <= size.value
    return int.from_bytes(buf.raw[:written.value], "little")


def test_library_path():
    path = pathlib.Path(pascalrow.library_path())
    assert path.is_file() and path.parent == pathlib.Path(pascalrow.__file__).parent
    assert "pascalrow" in path.name


def test_version_and_statuses(lib):
    major, minor, patch = map(int, pascalrow.__version__.split("."))
    assert lib.pascalrow_version_number() == major * 10000 + minor * 100 + patch
    assert set(S) == {"OK", "EINVAL", "EOVERFLOW", "ERANGE", "ENOMEM", "EINTR"}
    messages = {code: lib.pascalrow_strerror(code).decode() for code in S.values()}
    assert len(set(messages.values())) == len(S)
    assert "unknown" in lib.pascalrow_strerror(-1).decode()


def test_u64_rows_0_to_67(lib):
    row = (ctypes.c_uint64 * 68)()
    for n in range(68):
        assert lib.pascalrow_row_u64(n, row) == OK
        assert list(row[:n + 1]) == [math.comb(n, k) for k in range(n + 1)]
    assert lib.pascalrow_row_u64(68, (ctypes.c_uint64 * 69)()) == EOVERFLOW


def test_u32_rows_0_to_34_then_overflow(lib):
    row = (ctypes.c_uint32 * 36)()
    for n in range(35):
        assert lib.pascalrow_row_u32(n, row) == OK
        assert list(row[:n + 1]) == [math.comb(n, k) for k in range(n + 1)]
    row[0] = 12345
    assert lib.pascalrow_row_u32(35, row) == EOVERFLOW
    assert row[0] == 12345                        # a refused row is not written
    assert lib.pascalrow_row_u32(3, None) == EINVAL


def test_step_overflow_restores_the_row(lib):
    row = (ctypes.c_uint32 * 36)()
    assert lib.pascalrow_row_u32(34, row) == OK
    before = list(row[:35])
    assert lib.pascalrow_step_u32(34, row) == EOVERFLOW
    assert list(row[:35]) == before
    assert lib.pascalrow_step_u64(SIZE_MAX, (ctypes.c_uint64 * 2)()) == ERANGE
    assert lib.pascalrow_step_u64(1, None) == EINVAL


def test_comb_bytes_1000_500(lib):
    assert comb_bytes(lib, 1000, 500) == math.comb(1000, 500)


@pytest.mark.parametrize("n,k", [(0, 0), (1, 0), (10, 5), (35, 17), (67, 33), (68, 34),
                                 (5000, 2500), (2**64 - 1, 3), (2**64 - 1, 2**64 - 1), (7, 8)])
def test_comb_bytes_values(lib, n, k):
    assert comb_bytes(lib, n, k) == math.comb(n, k)


def test_comb_bytes_statuses(lib):
    size, written = ctypes.c_size_t(), ctypes.c_size_t(77)
    assert lib.pascalrow_comb_bytes(1000, 500, None, 0, None) == EINVAL
    assert lib.pascalrow_comb_bytes(1000, 500, None, 0, ctypes.byref(size)) == OK
    small = ctypes.create_string_buffer(size.value - 1)
    assert lib.pascalrow_comb_bytes(1000, 500, small, size.value - 1, ctypes.byref(written)) == EOVERFLOW
    assert written.value == size.value            # the size to allocate, reported again
    assert small.raw == b"\0" * (size.value - 1)  # and nothing written
    assert lib.pascalrow_comb_bytes(5, 6, None, 0, ctypes.byref(written)) == OK and written.value == 0


def test_walk_with_a_python_callback(lib):
    got = []

    @SINK
    def sink(ctx, k, limbs, nlimbs):
        got.append(sum(limbs[i] << (64 * i) for i in range(nlimbs)))
        return 0

    assert lib.pascalrow_walk(300, 0, 301, sink, None) == OK
    assert got == [math.comb(300, k) for k in range(301)]

    @SINK
    def stop(ctx, k, limbs, nlimbs):
        return k == 3

    assert lib.pascalrow_walk(300, 0, 301, stop, None) == EINTR
    assert lib.pascalrow_walk(300, 0, 301, SINK(), None) == EINVAL   # a NULL callback
    # C(2**62, 2**61) needs about 2**59 bytes of scratch: refused, no crash
    assert lib.pascalrow_walk(2**62, 2**61, 2**61 + 1, sink, None) == ENOMEM
    assert lib.pascalrow_walk(2**64 - 1, 0, 1, sink, None) == ERANGE


@pytest.mark.parametrize("value", [1, 2**64 - 1, 2**64, 3**1000, 7**9000 + 2, 2**(64 * 40) - 1],
                         ids=lambda value: f"{value.bit_length()}-bits")
@pytest.mark.parametrize("bits", [30, 15, 32, 1])
def test_limbs_to_digits(lib, value, bits):
    nlimbs = (value.bit_length() + 63) // 64
    limbs = (ctypes.c_uint64 * nlimbs)(*((value >> (64 * i)) & (2**64 - 1) for i in range(nlimbs)))
    count = lib.pascalrow_digit_count(limbs, nlimbs, bits)
    assert count == (value.bit_length() + bits - 1) // bits
    digits = (ctypes.c_uint32 * count)()
    assert lib.pascalrow_limbs_to_digits(limbs, nlimbs, bits, digits) == OK
    assert sum(d << (bits * j) for j, d in enumerate(digits)) == value
    assert lib.pascalrow_limbs_to_digits(limbs, nlimbs, 33, digits) == EINVAL
    assert lib.pascalrow_limbs_to_digits(None, 1, bits, digits) == EINVAL


def test_memory_available(lib):
    assert lib.pascalrow_memory_available(0) == OK
    assert lib.pascalrow_memory_available(1 << 20) == OK
    assert lib.pascalrow_memory_available(2**64 - 1) == ENOMEM


def test_clip_range_and_bounds(lib):
    """The library's clip is Python's slice of range(n + 1); its bounds are
    never below the bit lengths of the slice's largest value and of its sum."""
    for n, start, stop in [(10, 2, 5), (10, 3, 99), (10, 12, 20), (10, 7, 3), (0, 0, 1), (2**64 - 2, 5, 2**64 - 1)]:
        a, b = ctypes.c_uint64(start), ctypes.c_uint64(stop)
        assert lib.pascalrow_clip_range(n, ctypes.byref(a), ctypes.byref(b)) == OK
        clipped = range(n + 1)[start:stop]               # len() would overflow past sys.maxsize
        assert (a.value, b.value - a.value) == (start, max(clipped.stop - clipped.start, 0))
    a, b = ctypes.c_uint64(0), ctypes.c_uint64(5)
    assert lib.pascalrow_clip_range(2**64 - 1, ctypes.byref(a), ctypes.byref(b)) == ERANGE and b.value == 5
    assert lib.pascalrow_clip_range(10, None, ctypes.byref(b)) == EINVAL
    n, start, stop = 1000, 100, 700
    largest = max(math.comb(n, k) for k in range(start, stop))
    total = sum(math.comb(n, k) for k in range(start, stop))
    assert largest.bit_length() <= lib.pascalrow_slice_bits_bound(n, start, stop) <= largest.bit_length() + 8
    assert total.bit_length() <= lib.pascalrow_row_sum_bits_bound(n, start, stop) <= n + 1
    assert lib.pascalrow_slice_bits_bound(n, 7, 3) == lib.pascalrow_row_sum_bits_bound(n, 7, 3) == 0
