/* pascal_row(n, start=0, stop=None, *, mod=None, dtype=None).
 *
 * Arguments are parsed once, in pr_pascal_row, then one of:
 *   exact values as ints (exact_list): rows n ≤ 67 from the module's table,
 *       larger n through _build.c's digit walk over the slice's lower-half
 *       range — the whole row is the slice [0, n + 1);
 *   exact values in an array (exact_array): pascalrow_slice_u32 / _u64;
 *   values mod m (mod_list, mod_array): pascalrow_slice_mod_threads on
 *       get_num_threads() threads, the GIL released, Ctrl-C answered.
 */
#include "_args.h"
#include "_build.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_pascal_row_doc[] = PyDoc_STR(
"pascal_row($module, n, /, start=0, stop=None, *, mod=None, dtype=None)\n--\n\n"
"Row n of Pascal's triangle, or a slice of it, as exact ints.\n\n"
"pascal_row(n) returns [C(n, 0), C(n, 1), ..., C(n, n)] (n + 1 values),\n"
"equal to [math.comb(n, k) for k in range(n + 1)].\n\n"
"start, stop: return C(n, k) for k in range(start, stop) only, without\n"
"computing the rest of the row; the bounds behave like a slice of the full\n"
"row (stop > n + 1 is clipped, start >= stop gives []); negative bounds\n"
"raise ValueError.  pascal_row(10**7, 5_000_000, 5_000_010) is quick.\n\n"
"mod: an integer 1 <= mod < 2**63; the values are C(n, k) % mod, correct\n"
"for any modulus, prime or composite; n may be up to 2**64 - 2, e.g.\n"
"pascal_row(10**18, 0, 100, mod=10**9 + 7).\n\n"
"dtype: 'uint32' or 'uint64' returns an array.array of that width instead\n"
"of a list (it supports the buffer protocol: numpy.asarray takes it\n"
"without copying); OverflowError if a value does not fit.  NumPy's names\n"
"for the same widths are accepted too: numpy.uint32 and numpy.uint64 (the\n"
"scalar types) and numpy.dtype('uint32') or numpy.dtype('uint64') in\n"
"native byte order.  Any other str, numpy dtype or numpy scalar type is a\n"
"ValueError, any other object a TypeError.\n\n"
"n, start, stop and mod are accepted the way math.comb accepts integers\n"
"(any object with __index__).  Raises TypeError for a non-integer,\n"
"ValueError for a negative value or mod = 0, OverflowError for n or mod too\n"
"large or a modular slice out of reach (deep in a huge row modulo a large\n"
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
    unsigned threads = 1;
    if (n >= PR_RELEASE_GIL_N && pr_threads_resolve(st->threads, &threads) < 0) return NULL;
    if (a == 0 && b == n + 1
        ? pr_refuse_memory(pr_mem_row(n), 0, "pascal_row(%llu)", (unsigned long long)n) < 0
        : pr_refuse_memory(pr_mem_slice(n, a, b), 0, "pascal_row(%llu, %llu, %llu)",
                           (unsigned long long)n, (unsigned long long)a, (unsigned long long)b) < 0)
        return NULL;
    int status;
    PyObject *list = pr_slice_list(n, a, b, threads, &status);
    if (list == NULL && !PyErr_Occurred()) pr_raise_status(status);
    return list;
}

/* ---------------------------------------------------------------- arrays */

/* A zeroed array.array of len items of `bits` bits ('I' or 'Q'), with its
 * buffer exported writable into view (release it with PyBuffer_Release). */
static PyObject *new_array(pr_module_state *st, unsigned bits, Py_ssize_t len, Py_buffer *view)
{
    PyObject *one = PyObject_CallFunction(st->array_type, "s(i)", bits == 32 ? "I" : "Q", 0);
    if (one == NULL) return NULL;
    PyObject *arr = PySequence_Repeat(one, len);
    Py_DECREF(one);
    if (arr == NULL) return NULL;
    if (PyObject_GetBuffer(arr, view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) < 0) {
        Py_DECREF(arr);
        return NULL;
    }
    return arr;
}

static PyObject *empty_array(pr_module_state *st, unsigned bits)
{
    Py_buffer view;
    PyObject *arr = new_array(st, bits, 0, &view);
    if (arr != NULL) PyBuffer_Release(&view);
    return arr;
}

static PyObject *overflow_width(uint64_t n, unsigned bits)
{
    PyErr_Format(PyExc_OverflowError, "row %llu has values that do not fit uint%u",
                 (unsigned long long)n, bits);
    return NULL;
}

/* C(n,k) for k in [a, b) as an array of `bits`-bit integers. */
static PyObject *exact_array(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b, unsigned bits)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    if (pr_refuse_memory(pr_mem_array(b - a, bits, 0), 0, "pascal_row(..., dtype=...)") < 0) return NULL;
    Py_buffer view;
    PyObject *arr = new_array(st, bits, len, &view);
    if (arr == NULL) return NULL;
    int status = bits == 32 ? pascalrow_slice_u32(n, a, b, view.buf) : pascalrow_slice_u64(n, a, b, view.buf);
    PyBuffer_Release(&view);
    if (status == PASCALROW_OK) return arr;
    Py_DECREF(arr);
    return status == PASCALROW_EOVERFLOW ? overflow_width(n, bits) : pr_raise_status(status);
}

/* ------------------------------------------------------------------ mod m */

/* pascalrow_slice_mod_threads' poll, on the calling thread (GIL released
 * around the call): take the GIL back to check for Ctrl-C. */
struct mod_poll {
    PyThreadState *tstate;
};

static int mod_poll(void *vctx)
{
    struct mod_poll *c = vctx;
    PyEval_RestoreThread(c->tstate);
    int r = PyErr_CheckSignals();
    c->tstate = PyEval_SaveThread();
    return r < 0;
}

/* C(n,k) mod m for k in [a, b) into out, on get_num_threads() threads with
 * the GIL released meanwhile; Ctrl-C stops them (KeyboardInterrupt) within
 * about a millisecond of work.  Every helper thread is joined before
 * pascalrow_slice_mod_threads returns, so out is never written after. */
static int slice_mod_nogil(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b, uint64_t m, uint64_t *out)
{
    if (pr_refuse_mod_cost("pascal_row(..., mod=...)", pascalrow_slice_mod_cost(n, a, b, m)) < 0) return -1;
    unsigned threads;
    if (pr_threads_resolve(st->threads, &threads) < 0) return -1;
    struct mod_poll c;
    c.tstate = PyEval_SaveThread();
    int status = pascalrow_slice_mod_threads(n, a, b, m, threads, mod_poll, &c, out);
    PyEval_RestoreThread(c.tstate);
    if (status == PASCALROW_EINTR && PyErr_Occurred()) return -1;   /* KeyboardInterrupt */
    if (status != PASCALROW_OK) pr_raise_status(status);
    return status == PASCALROW_OK ? 0 : -1;
}

/* As an array: computed in place for uint64; for uint32 through uint64 and
 * narrowed, OverflowError when a value (m > 2^32) does not fit. */
static PyObject *mod_array(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b, uint64_t m, unsigned bits)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    if (pr_refuse_memory(pr_mem_array(b - a, bits, bits == 32), 0, "pascal_row(..., mod=..., dtype=...)") < 0)
        return NULL;
    Py_buffer view;
    PyObject *arr = new_array(st, bits, len, &view);
    if (arr == NULL) return NULL;
    uint64_t *wide = bits == 64 ? view.buf : PyMem_Malloc((size_t)(len ? len : 1) * sizeof *wide);
    int ok = wide != NULL && slice_mod_nogil(st, n, a, b, m, wide) == 0;
    if (wide == NULL) PyErr_NoMemory();
    if (ok && bits == 32) {
        uint32_t *narrow = view.buf;
        for (Py_ssize_t i = 0; i < len && ok; i++) {
            if (wide[i] > UINT32_MAX) { overflow_width(n, 32); ok = 0; }
            narrow[i] = (uint32_t)wide[i];
        }
    }
    if (bits == 32) PyMem_Free(wide);
    PyBuffer_Release(&view);
    if (ok) return arr;
    Py_DECREF(arr);
    return NULL;
}

/* As a list of ints: C(n,k) ≡ C(n,n−k), so a value whose mirror lies in the
 * slice is made once, at the lower k, and put at both (pr_list_place). */
static PyObject *mod_list(pr_module_state *st, uint64_t n, uint64_t a, uint64_t b, uint64_t m)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    if (pr_refuse_memory(pr_mem_mod_list(b - a), 0, "pascal_row(%llu, %llu, %llu, mod=...)",
                         (unsigned long long)n, (unsigned long long)a, (unsigned long long)b) < 0)
        return NULL;
    uint64_t *vals = PyMem_Malloc((size_t)(len ? len : 1) * sizeof *vals);
    if (vals == NULL) return PyErr_NoMemory();
    PyObject *list = NULL;
    if (slice_mod_nogil(st, n, a, b, m, vals) < 0) goto done;
    list = PyList_New(len);
    if (list == NULL) goto done;
    for (Py_ssize_t i = 0; i < len; i++) {
        uint64_t k = a + (uint64_t)i, j = n - k;
        if (j < k && j >= a) continue;                   /* placed with its mirror j */
        PyObject *v = PyLong_FromUnsignedLongLong(vals[i]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        pr_list_place(list, n, a, b, k, v);
    }
done:
    PyMem_Free(vals);
    return list;
}

/* ------------------------------------------------------------ the entry */

static const char *const pascal_row_kw[] = { NULL, "start", "stop", "mod", "dtype" };

PyObject *pr_pascal_row(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *arg[5];
    uint64_t n, start, stop, m;
    unsigned bits;
    if (pr_unpack_args("pascal_row", args, nargs, kwnames, pascal_row_kw, 5, 3, 1, arg) < 0
        || pr_u64_arg(arg[0], "n", 0, 0, &n) < 0 || pr_u64_arg(arg[1], "start", 1, 0, &start) < 0
        || pr_u64_arg(arg[2], "stop", 1, UINT64_MAX, &stop) < 0 || pr_mod_arg(arg[3], &m) < 0
        || pr_dtype_arg(arg[4], &bits) < 0)
        return NULL;
    pr_module_state *st = pr_state(module);
    int whole = m == 0 && bits == 0 && start == 0 && (arg[2] == NULL || arg[2] == Py_None || stop > n);
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
        PyErr_SetString(PyExc_OverflowError, "pascal_row: n must be less than 2**64 - 1");
        return NULL;
    }
    if (stop > n + 1) stop = n + 1;
    if (start >= stop) return bits ? empty_array(st, bits) : PyList_New(0);   /* like a slice */
    if (stop - start > (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "pascal_row: the slice is longer than a list can be");
        return NULL;
    }
    if (m != 0) return bits ? mod_array(st, n, start, stop, m, bits) : mod_list(st, n, start, stop, m);
    return bits ? exact_array(st, n, start, stop, bits) : exact_list(st, n, start, stop);
}
