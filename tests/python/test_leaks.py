"""Reference counts and leaks: 10**5 calls of every path leave memory flat.

One child process runs every case of CASES 10**5 times (after a warm-up) and
reports, per case, the growth of its resident memory (which sees C-level
leaks: GMP integers, malloc'd buffers, as well as Python objects) and of the
reference counts of the objects the calls touch (which sees a leaked
reference even to an object that is never freed: a cached row value, an
argument).  One leaked object per call would be at least 10**5 x 32 bytes.

A new public function (or a new error path) adds its rows to CASES.
"""
import json
import subprocess
import sys
import textwrap

import pytest

CALLS = 100_000
RSS_SLACK = 1 << 20        # bytes: allocator noise, far below 10**5 leaked objects
THREAD_CALLS = 3_000       # for calls of ~2 ms on a thread of their own: their refcounts
SLOW_CALLS = 30_000        # for calls of ~10 µs (the array functions): 30000 leaked
                           # arrays, or 4 leaked ints a call, pass RSS_SLACK as well

# (call, exception it raises or None[, calls, if not CALLS]).  The names are defined in the child's
# namespace below: BIG_N, TABLE_VALUE etc. are also watched for refcounts.
CASES = [
    # pascal_row: the table rows, the GMP walk, every error path
    ("pascal_row(10)", None),
    ("pascal_row(67)", None),
    ("pascal_row(68)", None),
    ("pascal_row(100)", None),
    ("pascal_row(INDEX_100)", None),
    ("pascal_row(-1)", "ValueError"),
    ("pascal_row(NEG_BIG)", "ValueError"),
    ("pascal_row(FLOAT)", "TypeError"),
    ("pascal_row(TEXT)", "TypeError"),
    ("pascal_row(HUGE_N)", "OverflowError"),
    ("pascal_row(HUNDRED_MILLION)", "MemoryError"),
    ("pascal_row(RAISING)", "ZeroDivisionError"),
    ("pascal_row(BAD_INDEX)", "TypeError"),
    # comb: table, GMP, huge n, k > n, every error path
    ("comb(67, 33)", None),
    ("comb(1000, 500)", None),
    ("comb(BIG_N, 5)", None),
    ("comb(BIG_N, BIG_N_MINUS_3)", None),
    ("comb(5, 7)", None),
    ("comb(5, HUGE_N)", None),
    ("comb(INDEX_100, INDEX_100)", None),
    ("comb(-1, 2)", "ValueError"),
    ("comb(5, NEG_BIG)", "ValueError"),
    ("comb(FLOAT, 2)", "TypeError"),
    ("comb(5, TEXT)", "TypeError"),
    ("comb(BIG_N, HALF_BIG_N)", "OverflowError"),
    ("comb(HUGE_COMB_N, HUGE_COMB_K)", "MemoryError"),
    ("comb(RAISING, 1)", "ZeroDivisionError"),
    ("comb(1, RAISING)", "ZeroDivisionError"),
    ("comb(BIG_N, RAISING)", "ZeroDivisionError"),
    ("comb(5)", "TypeError"),
    ("comb(5, 2, 1)", "TypeError"),
    # pascal_row slices: fixed width, GMP walk, huge n; bad bounds
    ("pascal_row(100, 10, 20)", None),
    ("pascal_row(2000, 990, 1010)", None),
    ("pascal_row(BIG_ROW, 5, 10)", None),
    ("pascal_row(10, 7, 3)", None),
    ("pascal_row(10, -1, 5)", "ValueError"),
    ("pascal_row(10, 5, NEG_BIG)", "ValueError"),
    ("pascal_row(10, FLOAT)", "TypeError"),
    ("pascal_row(10, 0, RAISING)", "ZeroDivisionError"),
    ("pascal_row(HUGE_COMB_N, HUGE_COMB_K, HUGE_COMB_K_PLUS_3)", "MemoryError"),
    ("pascal_row(HUGE_N, 0, 2)", "OverflowError"),
    # pascal_row(mod=): whole rows, slices of huge rows; bad moduli, too much work
    ("pascal_row(100, mod=7)", None),
    ("pascal_row(TRILLION, 5, 10, mod=MOD_PP)", None),
    ("pascal_row(10, mod=0)", "ValueError"),
    ("pascal_row(10, mod=NEG_BIG)", "ValueError"),
    ("pascal_row(10, mod=MOD_TOO_BIG)", "OverflowError"),
    ("pascal_row(10, mod=FLOAT)", "TypeError"),
    ("pascal_row(10, mod=RAISING)", "ZeroDivisionError"),
    ("pascal_row(FAR_N, FAR_K, FAR_K_PLUS_3, mod=POW3_30)", "OverflowError"),
    # pascal_row(dtype=): arrays, values past the width, bad dtypes
    ("pascal_row(60, dtype='uint64')", None),
    ("pascal_row(30, 2, 9, dtype='uint32')", None),
    ("pascal_row(100, mod=7, dtype='uint32')", None),
    ("pascal_row(100, dtype='uint64')", "OverflowError"),
    ("pascal_row(10, dtype='int8')", "ValueError"),
    ("pascal_row(10, dtype=FLOAT)", "TypeError"),
    ("pascal_row(30, dtype=NP_UINT32)", None),               # numpy's forms, asked of numpy
    ("pascal_row(60, dtype=NP_DTYPE_U64)", None),
    ("pascal_row(10, dtype=NP_SWAPPED)", "ValueError"),
    ("pascal_row(10, dtype=NP_INT64)", "ValueError"),
    ("pascal_row(10, dtype=NOT_NUMPY_TYPE)", "TypeError"),
    # pascal_row(out=): mod m and exact values into the caller's buffer,
    # narrowed to 32 bits, and each refusal of out
    ("pascal_row(100, mod=7, out=OUT_ROW100)", None),
    ("pascal_row(30, out=OUT_ROW30_U32)", None),
    ("pascal_row(30, mod=7, out=OUT_ROW30_U32)", None),
    ("pascal_row(100, mod=TRILLION, out=OUT_ROW100_U32)", "OverflowError"),
    ("pascal_row(100, out=OUT_ROW100)", "OverflowError"),
    ("pascal_row(30, mod=7, out=OUT_U64)", "ValueError"),
    ("pascal_row(100, mod=7, out=OUT_ROW100_RO)", "ValueError"),
    ("pascal_row(3, mod=7, out=OUT_I64)", "TypeError"),
    ("pascal_row(3, mod=7, out=FLOAT)", "TypeError"),
    # comb(mod=)
    ("comb(1000, 500, mod=1009)", None),
    ("comb(BIG_N, 3, mod=7)", None),
    ("comb(TRILLION, 300, mod=MOD_PP)", None),
    ("comb(5, 2, mod=0)", "ValueError"),
    ("comb(5, 2, mod=MOD_TOO_BIG)", "OverflowError"),
    ("comb(5, 2, mod=FLOAT)", "TypeError"),
    ("comb(5, 2, mod=RAISING)", "ZeroDivisionError"),
    ("comb(FAR_N, FAR_K, mod=POW3_30)", "OverflowError"),
    # comb(mod=) and row_sum(mod=) past a million steps: on a thread of their
    # own (pr_call_u64), with their job block freed by the last of the two
    ("comb(TEN_BILLION, LONG_WALK_K, mod=P61)", None, THREAD_CALLS),
    ("row_sum(TEN_BILLION, 0, LONG_WALK_K, mod=P61)", None, THREAD_CALLS),
    # mod m past 2**64 (the base-p digits): comb, binomial, slices, sums;
    # out of reach; a long one on a thread of its own (pr_call_mpz)
    ("comb(BIG_N, HALF_BIG_N, mod=7)", None),
    ("binomial(NEG_BIG, 5, mod=MOD_PP)", None),
    ("pascal_row(BIG_N, HALF_BIG_N, HALF_BIG_N_PLUS_5, mod=720720)", None),
    ("pascal_row(BIG_N, 0, 5, mod=P61, dtype='uint64')", None),
    ("pascal_row(BIG_N, 0, 5, mod=TRILLION, dtype='uint32')", "OverflowError"),
    ("row_sum(BIG_N, 3, BIG_N_MINUS_3, mod=7)", None),
    ("row_sum(BIG_N, HALF_BIG_N, BIG_N, mod=7)", "OverflowError"),
    ("comb(FAR_BIG_N, FAR_BIG_K, mod=P61)", None, THREAD_CALLS),
    # pascal_triangle: the table rows, the promotion to GMP, a dropped
    # iterator holding a GMP row; bad n
    ("list(pascal_triangle(5))", None),
    ("list(pascal_triangle(69))", None),
    ("next(islice(pascal_triangle(80), 75, None))", None),
    ("pascal_triangle(-1)", "ValueError"),
    ("pascal_triangle(FLOAT)", "TypeError"),
    ("pascal_triangle(HUGE_N)", "OverflowError"),
    ("pascal_triangle(RAISING)", "ZeroDivisionError"),
    # multinomial: small, GMP, a huge value past 2**64; bad arguments, too big
    ("multinomial()", None),
    ("multinomial(3, 4, 5)", None),
    ("multinomial(500, 300, 200)", None),
    ("multinomial(HUGE_N, 1)", None),
    ("multinomial(-1)", "ValueError"),
    ("multinomial(1, FLOAT)", "TypeError"),
    ("multinomial(1, RAISING)", "ZeroDivisionError"),
    ("multinomial(HUGE_COMB_K, HUGE_COMB_K)", "MemoryError"),
    # valuation, binomial, row_sum: word arithmetic, GMP digit sums, errors
    ("valuation(1000, 500, 3)", None),
    ("valuation(BIG_N, HALF_BIG_N, 3)", None),
    ("valuation(10, 3, 4)", "ValueError"),
    ("binomial(-5, 3)", None),
    ("binomial(NEG_BIG, 5)", None),
    ("row_sum(100, 10, 50)", None),
    ("row_sum(TRILLION, 5, 10, mod=MOD_PP)", None, SLOW_CALLS),
    # comb_array / valuation_array: each loop, the object path past 2**64,
    # the flagged errors and the refused arguments
    ("comb_array(SMALL_N, SMALL_K)", None, SLOW_CALLS),
    ("comb_array(SMALL_N, SMALL_K, dtype=object)", None, SLOW_CALLS),
    ("comb_array(BIG_N_ARR, 2, dtype=object)", None, SLOW_CALLS),
    ("comb_array(SMALL_N, SMALL_K, mod=7)", None, SLOW_CALLS),
    ("comb_array(SMALL_N, SMALL_K, out=OUT_U64)", None, SLOW_CALLS),
    ("comb_array(SMALL_N, 34)", "OverflowError", SLOW_CALLS),
    ("comb_array(NEG_ARR, 1)", "ValueError", SLOW_CALLS),
    ("comb_array(SMALL_N, SMALL_K, dtype=FLOAT)", "TypeError", SLOW_CALLS),
    ("valuation_array(SMALL_N, SMALL_K, 3)", None, SLOW_CALLS),
    ("valuation_array(SMALL_N, SMALL_K, 4)", "ValueError", SLOW_CALLS),
    # WordArray (pascal_row's dtype= result): each method, the buffer, every error path
    ("pascal_row(200_000, mod=P61, dtype='uint64')", None, THREAD_CALLS),     # 1.6 MB, on the threads
    ("WordArray('Q', WORDS_LIST)", None),
    ("WordArray('I', WORDS_BYTES)", None),
    ("WordArray('Q', WORDS_BYTES, 'big')", None),
    ("WORDS[5:-5:2]", None),
    ("WORDS[-1]", None),
    ("WORDS.tolist()", None),
    ("WORDS.tobytes()", None),
    ("WORDS.buffer_info()", None),
    ("WORDS == WORDS_ARRAY", None),
    ("WORDS == WORDS_ARRAY_I", None),
    ("WORDS != WORDS_LIST", None),
    ("repr(WORDS)", None),
    ("list(WORDS)", None),
    ("pickle.loads(pickle.dumps(WORDS))", None),
    ("memoryview(WORDS).cast('B')[0]", None),
    ("numpy.asarray(WORDS)", None),
    ("WORDS.__setitem__(0, 1)", None),
    ("WORDS.__setitem__(0, BIG_N)", "OverflowError"),
    ("WORDS.__setitem__(0, FLOAT)", "TypeError"),
    ("WORDS.__setitem__(HUGE_N, 1)", "IndexError"),
    ("WORDS[HUGE_N]", "IndexError"),
    ("WordArray('Q', [1, BIG_N])", "OverflowError"),
    ("WordArray('Q', [1, RAISING])", "ZeroDivisionError"),
    ("WordArray('d', WORDS_LIST)", "ValueError"),
    ("WordArray('Q', TEXT_BYTES)", "ValueError"),
]

CHILD = textwrap.dedent("""
    import array, gc, json, pickle, resource, sys
    from itertools import islice
    import numpy
    from pascalrow import binomial, comb, comb_array, multinomial, pascal_row, pascal_triangle
    from pascalrow import row_sum, valuation, valuation_array, WordArray

    class Index:
        def __init__(self, v): self.v = v
        def __index__(self): return self.v

    class Raising:
        def __index__(self): raise ZeroDivisionError("from __index__")

    class BadIndex:
        def __index__(self): return 1.5

    BIG_N = 2**70
    BIG_N_MINUS_3 = BIG_N - 3
    HALF_BIG_N = 2**69
    NEG_BIG = -(2**70)
    HUGE_N = 2**64
    HUNDRED_MILLION = 10**8                 # row ~450 TB: refused on any machine
    HUGE_COMB_N, HUGE_COMB_K = 2**62, 2**61
    HUGE_COMB_K_PLUS_3 = HUGE_COMB_K + 3
    BIG_ROW, TRILLION, MOD_PP, MOD_TOO_BIG = 2**40, 10**12, 1009**3, 2**63
    FAR_N, FAR_K, FAR_K_PLUS_3, POW3_30 = 2**60, 2**59, 2**59 + 3, 3**30
    FLOAT, TEXT = 1.5, "5"
    INDEX_100, RAISING, BAD_INDEX = Index(100), Raising(), BadIndex()
    TABLE_VALUE = pascal_row(67)[33]          # shared with the module's table
    NP_UINT32, NP_INT64, NOT_NUMPY_TYPE = numpy.uint32, numpy.int64, int
    NP_DTYPE_U64, NP_SWAPPED = numpy.dtype("uint64"), numpy.dtype("uint32").newbyteorder()
    NP_DTYPE_U32 = numpy.dtype("uint32")    # what numpy.dtype(NP_UINT32) returns
    SMALL_N, SMALL_K = numpy.array([10, 67, 68, 1000]), numpy.array([3, 33, 30, 2])
    BIG_N_ARR, NEG_ARR = numpy.array([BIG_N, 5], dtype=object), numpy.array([3, -4])
    OUT_U64 = numpy.zeros(4, numpy.uint64)
    TEN_BILLION, LONG_WALK_K, P61 = 10**10, 1_100_000, 2**61 - 1      # 1.1e6 steps > 1e6
    OUT_ROW100, OUT_ROW30_U32 = numpy.zeros(101, numpy.uint64), numpy.zeros(31, numpy.uint32)
    OUT_ROW100_RO, OUT_I64 = numpy.zeros(101, numpy.uint64), numpy.zeros(4, numpy.int64)
    OUT_ROW100_U32 = numpy.zeros(101, numpy.uint32)
    OUT_ROW100_RO.flags.writeable = False
    HALF_BIG_N_PLUS_5 = HALF_BIG_N + 5
    WORDS = pascal_row(100, mod=P61, dtype="uint64")
    WORDS_LIST, WORDS_BYTES, TEXT_BYTES = WORDS.tolist(), WORDS.tobytes(), b"abc"
    WORDS_ARRAY, WORDS_ARRAY_I = array.array("Q", WORDS_LIST), array.array("I", [v % 7 for v in WORDS_LIST])
    # base 2**61 - 1 digits (512 + 1.2e6, 512) and (256 + 6e5, 256): no carry, 1.2e6 products
    FAR_BIG_N, FAR_BIG_K = 2**70 + 1_200_000, 2**69 + 600_000
    WATCHED = [HALF_BIG_N_PLUS_5, FAR_BIG_N, FAR_BIG_K, BIG_N, BIG_N_MINUS_3, HALF_BIG_N, NEG_BIG, HUGE_N, HUNDRED_MILLION, HUGE_COMB_N,
               HUGE_COMB_K, FLOAT, TEXT, INDEX_100, RAISING, BAD_INDEX, TABLE_VALUE,
               HUGE_COMB_K_PLUS_3, BIG_ROW, TRILLION, MOD_PP, MOD_TOO_BIG, FAR_N, FAR_K,
               FAR_K_PLUS_3, POW3_30, NP_UINT32, NP_INT64, NOT_NUMPY_TYPE, NP_DTYPE_U64, NP_SWAPPED,
               NP_DTYPE_U32, SMALL_N, SMALL_K, BIG_N_ARR, NEG_ARR, OUT_U64, OUT_ROW100, OUT_ROW30_U32,
               OUT_ROW100_RO, OUT_I64, OUT_ROW100_U32, TEN_BILLION, LONG_WALK_K, P61,
               WORDS, WORDS_LIST, WORDS_BYTES, TEXT_BYTES, WORDS_ARRAY, WORDS_ARRAY_I]

    def refcounts():
        return [sys.getrefcount(o) for o in WATCHED]

    def resident():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()

    def repeat(call, exc, times):
        if exc is None:
            for _ in range(times):
                call()
            return
        for _ in range(times):
            try:
                call()
            except exc:
                pass
            else:
                raise AssertionError("no exception")

    calls, cases = int(sys.argv[1]), json.loads(sys.argv[2])
    report = {}
    for expr, exc_name, *times in cases:
        call = eval("lambda: " + expr)
        exc = None if exc_name is None else getattr(__builtins__, exc_name)
        repeat(call, exc, 2000)                       # warm-up: caches, free lists
        gc.collect()
        refs, rss = refcounts(), resident()
        repeat(call, exc, times[0] if times else calls)
        gc.collect()
        report[expr] = [resident() - rss, [a - b for a, b in zip(refcounts(), refs)]]
    print(json.dumps(report))
""")


@pytest.fixture(scope="module")
def growth():
    proc = subprocess.run([sys.executable, "-c", CHILD, str(CALLS), json.dumps(CASES)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_flat_after_many_calls(growth, case):
    expr, times = case[0], case[2] if len(case) > 2 else CALLS
    rss, refs = growth[expr]
    assert rss < RSS_SLACK, f"{expr}: resident memory grew by {rss} bytes over {times} calls"
    assert not any(refs), f"{expr}: reference counts of watched objects changed by {refs}"
