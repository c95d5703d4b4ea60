/* pascalrow._pascalrow — the CPython binding of libpascalrow.
 *
 * Paths, chosen in one place (pascal_row_impl / comb_impl):
 *   n ≤ PASCALROW_U64_MAX_N: a table built once at import from the
 *       fixed-width builder (pascalrow_row_u64): the rows as tuples of ints,
 *       handed out again (ints are immutable).
 *   larger n: the exact walk over the half k ≤ n/2 writing each value's
 *       digits straight into its int (pascalrow_walk_digits, _build.c), the
 *       same object put at k and n − k (C(n,k) = C(n,n−k)); from n = 2000
 *       on with the GIL released, and on several threads for big rows.
 * Whichever path runs, the values are C(n,k) exactly.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pascalrow.h"
#include "_build.h"
#include "_convert.h"
#include "_interruptible.h"
#include "mem.h"   /* pr_memory_available: the library's check before GMP calls */

#include <math.h>
#include <sys/resource.h>
#include <unistd.h>

#ifndef PASCALROW_PY_VERSION
#  error "PASCALROW_PY_VERSION must be defined by the build"
#endif

#define SMALL_MAX PASCALROW_U64_MAX_N

typedef struct {
    PyObject *small_rows[SMALL_MAX + 1];   /* row n as a tuple of ints, n ≤ 67 */
    PyObject *triangle_type;               /* pascal_triangle's iterator (_triangle.c) */
    PyObject *array_type;                  /* array.array, for dtype= (_rows.c) */
    unsigned threads;                      /* set_num_threads; 0 = automatic */
} module_state;

static inline module_state *get_state(PyObject *module)
{
    return (module_state *)PyModule_GetState(module);
}

/* ---------------------------------------------------------------- errors */

/* Map a library status to the Python exception it means. */
static PyObject *raise_status(int status)
{
    switch (status) {
    case PASCALROW_ENOMEM:    PyErr_SetString(PyExc_MemoryError, pascalrow_strerror(status)); break;
    case PASCALROW_EOVERFLOW:
    case PASCALROW_ERANGE:    PyErr_SetString(PyExc_OverflowError, pascalrow_strerror(status)); break;
    case PASCALROW_EINVAL:    PyErr_SetString(PyExc_ValueError, pascalrow_strerror(status)); break;
    default:                  PyErr_SetString(PyExc_SystemError, pascalrow_strerror(status)); break;
    }
    return NULL;
}

/* ------------------------------------------------------------- arguments */

/* 0, or -1 with ValueError when the exact int v is negative. */
static int require_nonneg(PyObject *v, const char *name)
{
    if (pr_long_sign(v) >= 0) return 0;
    PyErr_Format(PyExc_ValueError, "%s must be a non-negative integer", name);
    return -1;
}

/* obj as a non-negative integer, accepted as math.comb accepts it (anything
 * with __index__).  Returns a new reference to the exact int, or NULL with
 * TypeError (not an integer), ValueError (negative) or whatever __index__
 * raised. */
static PyObject *nonneg_index(PyObject *obj, const char *name)
{
    PyObject *v = PyNumber_Index(obj);
    if (v != NULL && require_nonneg(v, name) < 0) Py_CLEAR(v);
    return v;
}

/* Bytes of address space and of data this process maps now, from Linux's
 * /proc/self/statm (fields 1 and 6, in pages); 0 where it cannot be read. */
static void memory_in_use(double *address_space, double *data)
{
    unsigned long size = 0, field[5] = { 0 };
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%lu %lu %lu %lu %lu %lu", &size, &field[0], &field[1], &field[2],
                   &field[3], &field[4]) != 6)
            size = field[4] = 0;
        fclose(f);
    }
    double page = (double)sysconf(_SC_PAGESIZE);
    *address_space = (double)size * page;
    *data = (double)field[4] * page;
}

/* Memory this process may still use: physical memory, lowered to what
 * RLIMIT_AS / RLIMIT_DATA leave above what the process already maps (those
 * limits count everything, not just this request).  Linux overcommits, so a
 * request beyond physical memory would be killed later rather than fail. */
static double memory_limit_bytes(void)
{
    double limit = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    if (!(limit > 0)) limit = HUGE_VAL;
    struct rlimit as, data;
    int limit_as = getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY;
    int limit_data = getrlimit(RLIMIT_DATA, &data) == 0 && data.rlim_cur != RLIM_INFINITY;
    if (limit_as || limit_data) {
        double as_used, data_used;
        memory_in_use(&as_used, &data_used);
        if (limit_as) limit = fmin(limit, (double)as.rlim_cur - as_used);
        if (limit_data) limit = fmin(limit, (double)data.rlim_cur - data_used);
    }
    return limit;
}

/* Bytes of the Python objects for `values` distinct ints holding `bits` bits
 * in all, in a list of `slots` entries: per int a header and its digits. */
static double output_bytes(double values, double bits, double slots)
{
    return 8.0 * slots + 32.0 * values + bits / PyLong_SHIFT * sizeof(digit);
}

/* Requests below this are not checked against the memory limit: they cannot
 * exhaust the machine, a failing Python allocation raises MemoryError by
 * itself, GMP calls are checked by the library (pr_memory_available) in any
 * case, and the check costs three system calls, more than a small row. */
#define CHECK_ABOVE_BYTES (64.0 * 1024 * 1024)

/* MemoryError, naming the request, when `bytes` exceed the memory this
 * process may still use; with `gmp` (memory GMP will allocate, aborting the
 * process if it cannot) also when they cannot be allocated right now.
 * (PyErr_Format has no %g: the message is formatted here.) */
static int refuse_if_too_big(const char *what, double bytes, int gmp)
{
    char msg[256];
    if (bytes >= CHECK_ABOVE_BYTES) {
        double limit = memory_limit_bytes();
        if (bytes > limit) {
            snprintf(msg, sizeof msg, "%s needs about %.3g GB of memory, more than the %.3g GB available",
                     what, bytes / 1e9, fmax(limit, 0) / 1e9);
            PyErr_SetString(PyExc_MemoryError, msg);
            return -1;
        }
    }
    if (gmp && pr_memory_available(bytes < 0x1p64 ? (uint64_t)bytes : UINT64_MAX) != PASCALROW_OK) {
        snprintf(msg, sizeof msg, "%s needs about %.3g GB of memory, which cannot be allocated now",
                 what, bytes / 1e9);
        PyErr_SetString(PyExc_MemoryError, msg);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ pascal_row */

static PyObject *small_row_list(module_state *st, uint64_t n)
{
    PyObject *row = st->small_rows[n];
    Py_ssize_t len = PyTuple_GET_SIZE(row);
    PyObject *list = PyList_New(len);
    if (list == NULL) return NULL;
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *v = PyTuple_GET_ITEM(row, i);
        Py_INCREF(v);
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

static PyObject *pascal_row_impl(module_state *st, uint64_t n)
{
    if (n <= SMALL_MAX) return small_row_list(st, n);

    double bytes = output_bytes((double)(n / 2 + 1), (double)pascalrow_row_half_bits(n), (double)n + 1);
    if (bytes > CHECK_ABOVE_BYTES) {
        char what[64];
        snprintf(what, sizeof what, "pascal_row(%llu)", (unsigned long long)n);
        if (refuse_if_too_big(what, bytes, 0) < 0) return NULL;
    }
    unsigned threads = 1;
    if (n >= PR_RELEASE_GIL_N && pr_threads_resolve(st->threads, &threads) < 0) return NULL;
    int status;
    PyObject *list = pr_row_list(n, threads, &status);   /* _build.c */
    if (list == NULL && !PyErr_Occurred()) raise_status(status);
    return list;
}

PyDoc_STRVAR(pascal_row_doc,
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
"without copying); OverflowError if a value does not fit.\n\n"
"n, start, stop and mod are accepted the way math.comb accepts integers\n"
"(any object with __index__).  Raises TypeError for a non-integer,\n"
"ValueError for a negative value or mod = 0, OverflowError for n or mod too\n"
"large or a modular slice out of reach (deep in a huge row modulo a large\n"
"prime power: over 1e10 steps by every known way), and MemoryError, before\n"
"any work starts, if the result would not fit in this machine's memory\n"
"(row n holds about 0.72 * n**2 bits).");

static PyObject *pascal_row(PyObject *module, PyObject *arg)
{
    PyObject *nobj = nonneg_index(arg, "n");
    if (nobj == NULL) return NULL;
    unsigned long long n = PyLong_AsUnsignedLongLong(nobj);
    Py_DECREF(nobj);
    if (n == (unsigned long long)-1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return NULL;
        PyErr_Clear();
        n = (unsigned long long)PY_SSIZE_T_MAX;   /* fall into the error below */
    }
    if (n >= (unsigned long long)PY_SSIZE_T_MAX) {
        PyErr_Format(PyExc_OverflowError,
                     "pascal_row: n must be less than %zd (the row has n + 1 entries)",
                     PY_SSIZE_T_MAX);
        return NULL;
    }
    return pascal_row_impl(get_state(module), (uint64_t)n);
}

/* ------------------------------------------------------------------ comb */

/* C(n, k) for n < 2^64, k ≤ n/2 (already reduced by symmetry). */
static PyObject *comb_small_n(module_state *st, uint64_t n, uint64_t k)
{
    if (n <= SMALL_MAX) {
        PyObject *v = PyTuple_GET_ITEM(st->small_rows[n], (Py_ssize_t)k);
        Py_INCREF(v);
        return v;
    }
    /* C(n,k) < 2^n: only a big n can need the (costlier) bound and check */
    double bytes = output_bytes(1, (double)n, 0) * 3.0;      /* GMP's scratch too */
    if (bytes > CHECK_ABOVE_BYTES)
        bytes = output_bytes(1, (double)pascalrow_comb_bits_bound(n, k), 0) * 3.0;
    if (bytes > CHECK_ABOVE_BYTES) {
        char what[96];
        snprintf(what, sizeof what, "comb(%llu, %llu)", (unsigned long long)n, (unsigned long long)k);
        /* GMP's own memory is probed by the library (pascalrow_comb_digits) */
        if (refuse_if_too_big(what, bytes, 0) < 0) return NULL;
    }
    int status;
    PyObject *v = pr_comb_long(n, k, &status);           /* _build.c */
    if (v == NULL && !PyErr_Occurred()) raise_status(status);
    return v;
}

/* C(n, k) for n ≥ 2^64 and k = min(k, n − k) < 2^64: GMP's mpz_bin_ui takes
 * n as an mpz (C(n,k) = n(n−1)…(n−k+1)/k!). */
static PyObject *comb_big_n(PyObject *nobj, uint64_t k)
{
    if (k == 0) return PyLong_FromLong(1);
    size_t nbits = pr_long_bits(nobj);
    /* C(n,k) ≤ n^k: at most k·bitlen(n) bits.  GMP holds n (mpz_import),
     * the result and mpz_bin_ui's temporaries — measured under 7 times the
     * result (GMP 6.2) — at once: 12 results, 4 copies of n and 4 KiB bound it. */
    double bits = (double)k * (double)nbits;
    double gmp_bytes = 12.0 * (bits / 8 + 32) + 4.0 * ((double)nbits / 8 + 32) + 4096;
    char what[64];
    snprintf(what, sizeof what, "comb(n, %llu) with a %zu-bit n", (unsigned long long)k, nbits);
    if (refuse_if_too_big(what, gmp_bytes, 1) < 0) return NULL;
    return pr_comb_big_n_long(nobj, k);                 /* _build.c */
}

PyDoc_STRVAR(comb_doc,
"comb($module, n, k, /, *, mod=None)\n--\n\n"
"The binomial coefficient C(n, k) as an exact int, like math.comb.\n\n"
"Returns n! / (k! * (n - k)!) for k <= n and 0 for k > n. Both arguments\n"
"are accepted the way math.comb accepts them (any object with __index__).\n"
"With mod (an integer 1 <= mod < 2**63) returns C(n, k) % mod, for any\n"
"modulus, without the exact value when n < 2**64 (Lucas/Granville per prime\n"
"power of mod, or the recurrence, whichever is cheaper).\n"
"Raises TypeError for a non-integer, ValueError for a negative argument or\n"
"mod = 0, OverflowError if min(k, n - k) does not fit 64 bits, mod is too\n"
"large or C(n, k) % mod is out of reach (over 1e10 steps by every known\n"
"way), and MemoryError, before any work starts, if the result would not\n"
"fit in memory.");

static PyObject *comb(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "comb expected 2 arguments, got %zd", nargs);
        return NULL;
    }
    PyObject *result = NULL, *k_red = NULL, *diff = NULL;
    /* Both converted before either sign is checked, as math.comb does: the
     * same exception for the same bad arguments. */
    PyObject *nobj = PyNumber_Index(args[0]);
    if (nobj == NULL) return NULL;
    PyObject *kobj = PyNumber_Index(args[1]);
    if (kobj == NULL || require_nonneg(nobj, "n") < 0 || require_nonneg(kobj, "k") < 0) goto done;

    unsigned long long n = PyLong_AsUnsignedLongLong(nobj);
    if (!(n == (unsigned long long)-1 && PyErr_Occurred())) {
        unsigned long long k = PyLong_AsUnsignedLongLong(kobj);
        if (k == (unsigned long long)-1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) goto done;
            PyErr_Clear();
            result = PyLong_FromLong(0);        /* k ≥ 2^64 > n */
            goto done;
        }
        if (k > n) { result = PyLong_FromLong(0); goto done; }
        if (k > n - k) k = n - k;               /* C(n,k) = C(n,n−k) */
        result = comb_small_n(get_state(module), n, k);
        goto done;
    }
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) goto done;
    PyErr_Clear();

    /* n ≥ 2^64: reduce k = min(k, n − k) with Python ints. */
    diff = PyNumber_Subtract(nobj, kobj);
    if (diff == NULL) goto done;
    if (pr_long_sign(diff) < 0) { result = PyLong_FromLong(0); goto done; }   /* k > n */
    int cmp = PyObject_RichCompareBool(diff, kobj, Py_LT);
    if (cmp < 0) goto done;
    k_red = cmp ? diff : kobj;
    Py_INCREF(k_red);
    unsigned long long k = PyLong_AsUnsignedLongLong(k_red);
    if (k == (unsigned long long)-1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_OverflowError, "min(n - k, k) must not exceed %llu",
                         (unsigned long long)UINT64_MAX);
        }
        goto done;
    }
    result = comb_big_n(nobj, k);
done:
    Py_XDECREF(k_red);
    Py_XDECREF(diff);
    Py_XDECREF(kobj);
    Py_DECREF(nobj);
    return result;
}

/* ----------------------------------------------------- the rest of the API */

/* Slices, rows mod m, dtype=, comb(mod=), the triangle, multinomial: in one
 * translation unit with this file (gmpy2's layout), sharing its helpers. */
#include "_rows.c"
#include "_triangle.c"
#include "_multinomial.c"

/* Types and objects the rest of the API keeps in the module state. */
static int api_exec(PyObject *module)
{
    module_state *st = get_state(module);
    st->triangle_type = PyType_FromModuleAndSpec(module, &triangle_iter_spec, NULL);
    if (st->triangle_type == NULL) return -1;
    PyObject *array_mod = PyImport_ImportModule("array");
    if (array_mod == NULL) return -1;
    st->array_type = PyObject_GetAttrString(array_mod, "array");
    Py_DECREF(array_mod);
    return st->array_type == NULL ? -1 : 0;
}

/* --------------------------------------------------------- threads knob */

PyDoc_STRVAR(set_num_threads_doc,
"set_num_threads($module, n, /)\n--\n\n"
"Use at most n threads for one big row (n >= 1; 1 = no extra threads).\n\n"
"None (or 0) goes back to the default: the PASCALROW_THREADS environment\n"
"variable if it is set, else the number of CPUs this process may use.\n"
"Rows from n = 2000 on release the GIL whatever the setting; only rows\n"
"with enough work (about n >= 6800) are split across threads.  Raises\n"
"TypeError for a non-integer and ValueError outside 0..256.");

static PyObject *set_num_threads(PyObject *module, PyObject *arg)
{
    long n = 0;
    if (arg != Py_None) {
        PyObject *v = PyNumber_Index(arg);
        if (v == NULL) return NULL;
        n = PyLong_AsLong(v);
        Py_DECREF(v);
        if (n == -1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return NULL;
            PyErr_Clear();
            n = -1;
        }
        if (n < 0 || n > PR_MAX_THREADS) {
            PyErr_Format(PyExc_ValueError, "set_num_threads: n must be from 0 to %d", PR_MAX_THREADS);
            return NULL;
        }
    }
    get_state(module)->threads = (unsigned)n;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(get_num_threads_doc,
"get_num_threads($module, /)\n--\n\n"
"The number of threads a big row would use now (see set_num_threads).");

static PyObject *get_num_threads(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    unsigned threads;
    if (pr_threads_resolve(get_state(module)->threads, &threads) < 0) return NULL;
    return PyLong_FromUnsignedLong(threads);
}

/* ------------------------------------------------------ for the tests */

PyDoc_STRVAR(abandoned_running_doc,
"_abandoned_running($module, /)\n--\n\n"
"How many computations abandoned on Ctrl-C are still running (they free\n"
"their memory when they end).");

static PyObject *abandoned_running(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    (void)module;
    return PyLong_FromLong(pr_abandoned_running());
}

/* ---------------------------------------------------------------- module */

static PyMethodDef methods[] = {
    {"pascal_row", (PyCFunction)(void (*)(void))pascal_row_entry, METH_FASTCALL | METH_KEYWORDS, pascal_row_doc},
    {"comb", (PyCFunction)(void (*)(void))comb_entry, METH_FASTCALL | METH_KEYWORDS, comb_doc},
    {"pascal_triangle", (PyCFunction)pascal_triangle, METH_O, pascal_triangle_doc},
    {"multinomial", (PyCFunction)(void (*)(void))multinomial, METH_FASTCALL, multinomial_doc},
    {"_decimal", (PyCFunction)decimal, METH_O, decimal_doc},
    {"set_num_threads", (PyCFunction)set_num_threads, METH_O, set_num_threads_doc},
    {"get_num_threads", (PyCFunction)get_num_threads, METH_NOARGS, get_num_threads_doc},
    {"_abandoned_running", (PyCFunction)abandoned_running, METH_NOARGS, abandoned_running_doc},
    {NULL, NULL, 0, NULL},
};

/* Rows 0..67 from the fixed-width builder, once, as tuples of ints. */
static int build_small_rows(module_state *st)
{
    uint64_t row[SMALL_MAX + 1];
    for (uint64_t n = 0; n <= SMALL_MAX; n++) {
        int status = pascalrow_row_u64(n, row);
        if (status != PASCALROW_OK) { raise_status(status); return -1; }
        PyObject *t = PyTuple_New((Py_ssize_t)n + 1);
        if (t == NULL) return -1;
        st->small_rows[n] = t;
        for (uint64_t k = 0; k <= n; k++) {
            /* C(n,k) = C(n,n−k): share the object of the first half */
            PyObject *v = k <= n / 2 ? PyLong_FromUnsignedLongLong(row[k])
                                     : Py_NewRef(PyTuple_GET_ITEM(t, (Py_ssize_t)(n - k)));
            if (v == NULL) return -1;
            PyTuple_SET_ITEM(t, (Py_ssize_t)k, v);
        }
    }
    return 0;
}

static int module_exec(PyObject *module)
{
    if (build_small_rows(get_state(module)) < 0) return -1;
    if (api_exec(module) < 0) return -1;
    if (PyModule_AddStringConstant(module, "__version__", PASCALROW_PY_VERSION) < 0) return -1;
    if (PyModule_AddIntConstant(module, "C_VERSION_NUMBER", (long)pascalrow_version_number()) < 0) return -1;
    if (PyModule_AddIntConstant(module, "U32_MAX_N", PASCALROW_U32_MAX_N) < 0) return -1;
    if (PyModule_AddIntConstant(module, "U64_MAX_N", PASCALROW_U64_MAX_N) < 0) return -1;
    return 0;
}

static int module_traverse(PyObject *module, visitproc visit, void *arg)
{
    module_state *st = get_state(module);
    for (int n = 0; n <= SMALL_MAX; n++) Py_VISIT(st->small_rows[n]);
    Py_VISIT(st->triangle_type);
    Py_VISIT(st->array_type);
    return 0;
}

static int module_clear(PyObject *module)
{
    module_state *st = get_state(module);
    for (int n = 0; n <= SMALL_MAX; n++) Py_CLEAR(st->small_rows[n]);
    Py_CLEAR(st->triangle_type);
    Py_CLEAR(st->array_type);
    return 0;
}

static void module_free(void *module) { module_clear((PyObject *)module); }

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pascalrow._pascalrow",
    .m_doc = "C implementation of pascalrow (see the pascalrow package).",
    .m_size = sizeof(module_state),
    .m_methods = methods,
    .m_slots = slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__pascalrow(void) { return PyModuleDef_Init(&moduledef); }
