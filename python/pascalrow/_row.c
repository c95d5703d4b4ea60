/* pascal_row(n, start=0, stop=None, *, mod=None, dtype=None, out=None).
 *
 * Arguments are parsed once, in pr_pascal_row, then one of:
 *   exact values as ints (exact_list): rows n ≤ 67 from the module's table,
 *       larger n through _exact_ints.c's digit walk over the slice's
 *       lower-half range — the whole row is the slice [0, n + 1);
 *   exact values in an array (exact_array): pascalrow_slice_u32 / _u64;
 *       the array is a new pascalrow.WordArray, or the caller's buffer (out);
 *   values mod m (mod_list, mod_array): pascalrow_slice_mod_threads on
 *       get_num_threads() threads, the GIL released for a long slice
 *       (_interruptible.h), Ctrl-C answered; rows n ≥ 2^64 − 1 (mod_big)
 *       by pascalrow_slice_mod_mpz on one thread.
 */
#include "_args.h"
#include "_exact_ints.h"
#include "_convert.h"
#include "_interruptible.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_pascal_row_doc[] = PyDoc_STR(
"pascal_row($module, n, /, start=0, stop=None, *, mod=None, dtype=None, out=None)\n--\n\n"
"Row n of Pascal's triangle, or a slice of it, as exact ints.\n\n"
"pascal_row(n) returns [C(n, 0), C(n, 1), ..., C(n, n)] (n + 1 values),\n"
"equal to [math.comb(n, k) for k in range(n + 1)].\n\n"
"start, stop: return C(n, k) for k in range(start, stop) only, without\n"
"computing the rest of the row; the bounds behave like a slice of the full\n"
"row (stop > n + 1 is clipped, start >= stop gives []); negative bounds\n"
"raise ValueError.  pascal_row(10**7, 5_000_000, 5_000_010) is quick.\n\n"
"mod: an integer 1 <= mod < 2**63; the values are C(n, k) % mod, correct\n"
"for any modulus, prime or composite, and n, start, stop of any size, e.g.\n"
"pascal_row(10**18, 0, 100, mod=10**9 + 7) or\n"
"pascal_row(10**30, 10**29, 10**29 + 100, mod=720720).  Rows n >= 2**64 - 1\n"
"are computed on one thread from the base-p digits of n, start and n - start\n"
"per prime power of mod.\n\n"
"dtype: 'uint32' or 'uint64' returns a pascalrow.WordArray of that width\n"
"instead of a list: an array.array-like sequence ('I' or 'Q') whose memory\n"
"is written by the threads that compute it (numpy.asarray and memoryview\n"
"take it without copying; array.array(a.typecode, a.tobytes()) makes an\n"
"array.array); OverflowError if a value does not fit.  NumPy's names\n"
"for the same widths are accepted too: numpy.uint32 and numpy.uint64 (the\n"
"scalar types) and numpy.dtype('uint32') or numpy.dtype('uint64') in\n"
"native byte order.  Any other str, numpy dtype or numpy scalar type is a\n"
"ValueError, any other object a TypeError.\n\n"
"out: write the values into this buffer instead and return it: a writable,\n"
"one-dimensional, contiguous array of exactly len(slice) unsigned 32- or\n"
"64-bit integers, such as numpy.empty(n + 1, numpy.uint64) or an\n"
"array.array('Q'); its item width is the dtype (dtype, if given too, must\n"
"agree).  Rows mod m are then written by all the threads at once, each\n"
"into its own part, so fresh memory (numpy.empty) costs least.  On an\n"
"error, out's contents are unspecified.  TypeError if out has no buffer\n"
"or other items, ValueError if it is read-only, of another shape or\n"
"length.  Another thread must not use out while the call runs.\n\n"
"n, start, stop and mod are accepted the way math.comb accepts integers\n"
"(any object with __index__).  Raises TypeError for a non-integer,\n"
"ValueError for a negative value or mod = 0, OverflowError for n >= 2**64 - 1\n"
"without mod, mod too large or a modular slice out of reach (deep in a huge row modulo a large\n"
"prime power: over 1e10 steps by every known way), and MemoryError, before\n"
"any work starts, if the result would not fit in this machine's memory\n"
"(row n holds about 0.72 * n**2 bits).");

/* ------------------------------------------------------------ exact ints */

/* C(n,k) for k in [a, b), a < b ≤ n + 1, as a list of ints. */
static PyObject *exact_list(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b)
{
    if (n <= PR_SMALL_MAX) {                             /* from the table of rows */
        PyObject *row = st->small_rows[n], *list = PyList_New((Py_ssize_t)(b - a));
        if (list == NULL) return NULL;
        for (Py_ssize_t i = 0; i < (Py_ssize_t)(b - a); i++)
            PyList_SET_ITEM(list, i, Py_NewRef(PyTuple_GET_ITEM(row, (Py_ssize_t)a + i)));
        return list;
    }
    if (a == 0 && b == n + 1
        ? pr_refuse_memory(pr_mem_row(n), 0, "pascal_row(%llu)", (unsigned long long)n) < 0
        : pr_refuse_memory(pr_mem_slice(n, a, b), 0, "pascal_row(%llu, %llu, %llu)",
                           (unsigned long long)n, (unsigned long long)a, (unsigned long long)b) < 0)
        return NULL;
    int status;
    PyObject *list = pr_slice_list(n, a, b, st->threads, &status);
    if (list == NULL && !PyErr_Occurred()) pr_raise_status(status);
    return list;
}

/* ---------------------------------------------------------------- arrays */

/* Where an array result goes: view, writable and C-contiguous, of len items
 * of `bits` bits; result is what pascal_row returns (a new reference). */
struct array_dest {
    PyObject *result;
    Py_buffer view;
    unsigned bits;
};

static void dest_release(struct array_dest *d, int ok)
{
    PyBuffer_Release(&d->view);
    if (!ok) Py_CLEAR(d->result);
}

/* A new pascalrow.WordArray of len items of `bits` bits ('I' or 'Q'), its
 * memory unwritten (_word_array.c): the callers write every item or drop it
 * (dest_release), so it is first touched by the threads that compute it. */
static int new_array(pr_module_state *st, unsigned bits, Py_ssize_t len, struct array_dest *d)
{
    d->result = pr_word_array_new((PyTypeObject *)st->word_array_type, bits, len);
    if (d->result == NULL) return -1;
    if (PyObject_GetBuffer(d->result, &d->view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) < 0) {
        Py_CLEAR(d->result);
        return -1;
    }
    d->bits = bits;
    return 0;
}

/* The width of out's items: 32 or 64 when its buffer's format is one of
 * struct's unsigned integer codes I, L, Q in native order and size ('@' or
 * no prefix) and its items are 4 or 8 bytes, else 0. */
static unsigned out_width(const Py_buffer *v)
{
    const char *f = v->format == NULL ? "B" : v->format;
    if (f[0] == '@') f++;
    if (f[1] != '\0' || (f[0] != 'I' && f[0] != 'L' && f[0] != 'Q')) return 0;
    return v->itemsize == 4 ? 32 : v->itemsize == 8 ? 64 : 0;
}

/* pascal_row's out: a writable, 1-D, C-contiguous buffer of len unsigned
 * 32- or 64-bit integers (as wide as dtype when dtype is given, bits ≠ 0),
 * returned as the result.  0 with d filled, or -1 with the exception. */
static int out_array(PyObject *out, unsigned bits, Py_ssize_t len, struct array_dest *d)
{
    if (PyObject_GetBuffer(out, &d->view, PyBUF_FULL_RO) < 0) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_BufferError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "out must support the buffer protocol (an array.array, "
                         "numpy.ndarray, ...), not %.100s", Py_TYPE(out)->tp_name);
        }
        return -1;
    }
    const char *bad = NULL;
    PyObject *kind = PyExc_ValueError;
    d->bits = out_width(&d->view);
    if (d->bits == 0) {
        kind = PyExc_TypeError;
        bad = "out's items must be unsigned 32- or 64-bit integers in native order "
              "(array.array 'I', 'L' or 'Q'; numpy.uint32 or numpy.uint64)";
    } else if (bits != 0 && bits != d->bits)
        bad = "out's items and dtype differ in width";
    else if (d->view.readonly)
        bad = "out is read-only";
    else if (d->view.ndim != 1)
        bad = "out must be one-dimensional";
    else if (!PyBuffer_IsContiguous(&d->view, 'C'))
        bad = "out must be contiguous";
    else if (d->view.shape[0] != len) {
        PyErr_Format(PyExc_ValueError, "out has %zd items, the slice has %zd", d->view.shape[0], len);
        PyBuffer_Release(&d->view);
        return -1;
    }
    if (bad != NULL) {
        PyErr_SetString(kind, bad);
        PyBuffer_Release(&d->view);
        return -1;
    }
    d->result = Py_NewRef(out);
    return 0;
}

/* d for the slice of len items: out, or a new WordArray of `bits` bits
 * (64 when no dtype is given: bits = 0). */
static int array_dest(pr_module_state *st, PyObject *out, unsigned bits, Py_ssize_t len,
                      struct array_dest *d)
{
    return out != NULL && out != Py_None ? out_array(out, bits, len, d)
                                          : new_array(st, bits ? bits : 64, len, d);
}

static PyObject *overflow_width(uint64_t n, unsigned bits)
{
    PyErr_Format(PyExc_OverflowError, "row %llu has values that do not fit uint%u",
                 (unsigned long long)n, bits);
    return NULL;
}

/* C(n,k) for k in [a, b) as an array of fixed-width integers. */
static PyObject *exact_array(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b, unsigned bits,
                             PyObject *out)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    struct array_dest d;
    if (out == NULL && pr_refuse_memory(pr_mem_array(b - a, bits, 0), 0, "pascal_row(..., dtype=...)") < 0)
        return NULL;
    if (array_dest(st, out, bits, len, &d) < 0) return NULL;
    int status = len == 0 ? PASCALROW_OK
                 : d.bits == 32 ? pascalrow_slice_u32(n, a, b, d.view.buf)
                                : pascalrow_slice_u64(n, a, b, d.view.buf);
    dest_release(&d, status == PASCALROW_OK);
    if (status == PASCALROW_OK) return d.result;
    return status == PASCALROW_EOVERFLOW ? overflow_width(n, d.bits) : pr_raise_status(status);
}

/* ------------------------------------------------------------------ mod m */

/* pascalrow_slice_mod_threads' poll, on the calling thread: check for
 * Ctrl-C, taking the GIL back if the call let go of it. */
struct mod_poll {
    PyThreadState *tstate;     /* NULL: the GIL is held */
};

static int mod_poll(void *vctx)
{
    struct mod_poll *c = vctx;
    if (c->tstate == NULL) return PyErr_CheckSignals() < 0;
    PyEval_RestoreThread(c->tstate);
    int r = PyErr_CheckSignals();
    c->tstate = PyEval_SaveThread();
    return r < 0;
}

/* A slice of row n mod m: [a, a + len) with n < 2^64 − 1, or, when bn is
 * not NULL, of a row n ≥ 2^64 − 1 from the k ba on (the values of mpz_t
 * the caller owns). */
struct mod_slice {
    uint64_t n, a, len;
    mpz_srcptr bn, ba;
};

/* C(n,k) mod m for the slice's k into out, the GIL released meanwhile
 * unless the slice is short (_interruptible.h); Ctrl-C stops it
 * (KeyboardInterrupt) within about a millisecond of work.
 * n < 2^64 − 1: on get_num_threads() threads, every helper joined before
 * pascalrow_slice_mod_threads returns, so out is never written after;
 * larger n: pascalrow_slice_mod_mpz on the calling thread. */
static int slice_mod_nogil(pr_module_state *st, const struct mod_slice *s, uint64_t m, uint64_t *out)
{
    uint64_t cost = s->bn == NULL ? pascalrow_slice_mod_cost(s->n, s->a, s->a + s->len, m)
                                  : pascalrow_slice_mod_mpz_cost(s->bn, s->ba, s->len, m);
    if (pr_refuse_mod_cost("pascal_row(..., mod=...)", cost) < 0) return -1;
    unsigned threads;
    if (pr_threads_resolve(st->threads, &threads) < 0) return -1;
    /* it polls, and out is the caller's: never on a thread of its own */
    struct mod_poll c = { pr_release_gil((double)cost) ? PyEval_SaveThread() : NULL };
    int status;
    if (s->bn == NULL) status = pascalrow_slice_mod_threads(s->n, s->a, s->a + s->len, m, threads, mod_poll, &c, out);
    else status = pascalrow_slice_mod_mpz(s->bn, s->ba, s->len, m, mod_poll, &c, out);
    if (c.tstate != NULL) PyEval_RestoreThread(c.tstate);
    if (status == PASCALROW_EINTR && PyErr_Occurred()) return -1;   /* KeyboardInterrupt */
    if (status != PASCALROW_OK) pr_raise_status(status);
    return status == PASCALROW_OK ? 0 : -1;
}

/* As an array: computed in place for 64 bits (the threads write their own
 * parts, so fresh memory is first touched by all of them at once); for 32
 * bits through a 64-bit buffer and narrowed, OverflowError when a value
 * (m > 2^32) does not fit. */
static PyObject *mod_array(pr_module_state *st, const struct mod_slice *s, uint64_t m, unsigned bits, PyObject *out)
{
    Py_ssize_t len = (Py_ssize_t)s->len;
    struct array_dest d;
    if (out == NULL) {
        if (pr_refuse_memory(pr_mem_array(s->len, bits, bits == 32), 0, "pascal_row(..., mod=..., dtype=...)") < 0)
            return NULL;
    }
    if (array_dest(st, out, bits, len, &d) < 0) return NULL;
    if (out != NULL && d.bits == 32
        && pr_refuse_memory(pr_mem_array(s->len, 64, 0), 0, "pascal_row(..., mod=..., out=...)") < 0) {
        dest_release(&d, 0);
        return NULL;
    }
    uint64_t *wide = d.bits == 64 ? d.view.buf : PyMem_Malloc((size_t)(len ? len : 1) * sizeof *wide);
    int ok = wide != NULL && (len == 0 || slice_mod_nogil(st, s, m, wide) == 0);
    if (wide == NULL) PyErr_NoMemory();
    if (ok && d.bits == 32) {
        uint32_t *narrow = d.view.buf;
        for (Py_ssize_t i = 0; i < len && ok; i++) {
            if (wide[i] > UINT32_MAX) {
                PyErr_Format(PyExc_OverflowError, "row mod %llu has values that do not fit uint32",
                             (unsigned long long)m);
                ok = 0;
            }
            narrow[i] = (uint32_t)wide[i];
        }
    }
    if (d.bits == 32) PyMem_Free(wide);
    dest_release(&d, ok);
    return d.result;
}

/* As a list of ints: C(n,k) ≡ C(n,n−k), so a value whose mirror lies in the
 * slice is made once, at the lower k, and put at both (pr_list_place). */
static PyObject *mod_list(pr_module_state *st, const struct mod_slice *s, uint64_t m)
{
    Py_ssize_t len = (Py_ssize_t)s->len;
    if (pr_refuse_memory(pr_mem_mod_list(s->len), 0, "pascal_row(n, %llu, %llu, mod=...)",
                         (unsigned long long)s->a, (unsigned long long)(s->a + s->len)) < 0)
        return NULL;
    uint64_t *vals = PyMem_Malloc((size_t)(len ? len : 1) * sizeof *vals);
    if (vals == NULL) return PyErr_NoMemory();
    PyObject *list = NULL;
    if (slice_mod_nogil(st, s, m, vals) < 0) goto done;
    list = PyList_New(len);
    if (list == NULL) goto done;
    for (Py_ssize_t i = 0; i < len; i++) {
        uint64_t k = s->a + (uint64_t)i, j = s->n - k;
        if (s->bn == NULL && j < k && j >= s->a) continue;   /* placed with its mirror j */
        PyObject *v = PyLong_FromUnsignedLongLong(vals[i]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        if (s->bn == NULL) pr_list_place(list, s->n, s->a, s->a + s->len, k, v);
        else PyList_SET_ITEM(list, i, v);
    }
done:
    PyMem_Free(vals);
    return list;
}

/* A row n ≥ 2^64 − 1 mod m: start and stop (None: n + 1) as ints, the
 * slice clipped to the row, then as above by the digits of n. */
static PyObject *mod_big(pr_module_state *st, PyObject *const *arg, uint64_t m, unsigned bits, PyObject *out)
{
    PyObject *result = NULL, *n = PyNumber_Index(arg[0]), *one = PyLong_FromLong(1), *end = NULL, *start = NULL,
             *stop = NULL, *len = NULL;
    if (n == NULL || one == NULL || (end = PyNumber_Add(n, one)) == NULL) goto done;
    start = arg[1] == NULL ? PyLong_FromLong(0) : PyNumber_Index(arg[1]);
    stop = arg[2] == NULL || arg[2] == Py_None ? Py_NewRef(end) : PyNumber_Index(arg[2]);
    if (start == NULL || stop == NULL) goto done;
    if (PyObject_RichCompareBool(stop, end, Py_GT) == 1) Py_SETREF(stop, Py_NewRef(end));   /* clipped */
    if ((len = PyNumber_Subtract(stop, start)) == NULL) goto done;
    uint64_t count = pr_long_sign(len) <= 0 ? 0 : pr_u64_saturated(len);
    if (count > (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "pascal_row: the slice is longer than a list can be");
        goto done;
    }
    size_t nbits = pr_long_bits(n);
    if (count > 0 && pr_refuse_memory(pr_mem_mod_big(nbits), 1, "pascal_row(n, ..., mod=...) with a %zu-bit n",
                                      nbits) < 0)
        goto done;
    mpz_t bn, ba;
    mpz_inits(bn, ba, NULL);
    if (pr_mpz_set_long(bn, n) == 0 && pr_mpz_set_long(ba, start) == 0) {
        const struct mod_slice s = { UINT64_MAX, 0, count, bn, ba };
        int array = bits != 0 || out != NULL;
        result = array ? mod_array(st, &s, m, bits, out) : mod_list(st, &s, m);
    }
    mpz_clears(bn, ba, NULL);
done:
    Py_XDECREF(len);
    Py_XDECREF(stop);
    Py_XDECREF(start);
    Py_XDECREF(end);
    Py_XDECREF(one);
    Py_XDECREF(n);
    return result;
}

/* ------------------------------------------------------------ the entry */

const char pr_slice_end_doc[] = PyDoc_STR(
"_slice_end($module, n, start, stop, /)\n--\n\n"
"One past the last k of pascal_row(n, start, stop): stop (None: n + 1)\n"
"clipped to the row as the library clips it (pascalrow_clip_range), start\n"
"when the slice is empty.  Arguments and errors as pascal_row's; n must be\n"
"less than 2**64 - 1.");

static const char *const slice_end_kw[] = { NULL, NULL, NULL };

PyObject *pr_slice_end(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    PyObject *arg[3];
    uint64_t n, start, stop;
    if (pr_unpack_args("_slice_end", args, nargs, NULL, slice_end_kw, 3, 3, 3, arg) < 0
        || pr_u64_arg(arg[0], "n", 0, 0, &n) < 0 || pr_u64_arg(arg[1], "start", 0, 0, &start) < 0
        || pr_u64_arg(arg[2], "stop", 1, UINT64_MAX, &stop) < 0)
        return NULL;
    if (pascalrow_clip_range(n, &start, &stop) != PASCALROW_OK) {   /* n ≥ 2^64 − 1 (saturated) */
        PyErr_SetString(PyExc_OverflowError, "n must be less than 2**64 - 1");
        return NULL;
    }
    /* empty: the caller's start itself (a start ≥ 2^64 is saturated here) */
    return start == stop ? PyNumber_Index(arg[1]) : PyLong_FromUnsignedLongLong(stop);
}

static const char *const pascal_row_kw[] = { NULL, "start", "stop", "mod", "dtype", "out" };

PyObject *pr_pascal_row(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *arg[6];
    uint64_t n, start, stop, m;
    unsigned bits;
    if (pr_unpack_args("pascal_row", args, nargs, kwnames, pascal_row_kw, 6, 3, 1, arg) < 0
        || pr_u64_arg(arg[0], "n", 0, 0, &n) < 0 || pr_u64_arg(arg[1], "start", 1, 0, &start) < 0
        || pr_u64_arg(arg[2], "stop", 1, UINT64_MAX, &stop) < 0 || pr_mod_arg(arg[3], &m) < 0
        || pr_dtype_arg(arg[4], &bits) < 0)
        return NULL;
    pr_module_state *st = pr_state(module);
    PyObject *out = arg[5] == Py_None ? NULL : arg[5];
    int array = bits != 0 || out != NULL;
    int whole = m == 0 && !array && start == 0 && (arg[2] == NULL || arg[2] == Py_None || stop > n);
    if (whole) {
        /* n ≥ 2^64 saturates to UINT64_MAX and falls in here too */
        if (n >= (uint64_t)PY_SSIZE_T_MAX) {
            PyErr_Format(PyExc_OverflowError,
                         "pascal_row: n must be less than %zd (the row has n + 1 entries)", PY_SSIZE_T_MAX);
            return NULL;
        }
        return exact_list(st, n, 0, n + 1);
    }
    if (n == UINT64_MAX) {                               /* 2**64 - 1 or more (saturated) */
        if (m != 0) return mod_big(st, arg, m, bits, out);
        PyErr_SetString(PyExc_OverflowError, "pascal_row: n must be less than 2**64 - 1 (without mod)");
        return NULL;
    }
    pascalrow_clip_range(n, &start, &stop);              /* cannot fail: n < 2^64 − 1 */
    if (start == stop && !array) return PyList_New(0);   /* empty, like a slice */
    if (stop - start > (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "pascal_row: the slice is longer than a list can be");
        return NULL;
    }
    if (m != 0) {
        const struct mod_slice s = { n, start, stop - start, NULL, NULL };
        return array ? mod_array(st, &s, m, bits, out) : mod_list(st, &s, m);
    }
    return array ? exact_array(st, n, start, stop, bits, out) : exact_list(st, n, start, stop);
}
