/* pascal_row's options (start, stop, mod, dtype), comb(mod=) and the
 * decimal helper of the command line.
 *
 * Included by _pascalrow.c (one translation unit, as gmpy2 does), so it
 * shares that file's static helpers: module_state, raise_status,
 * nonneg_index, refuse_if_too_big, output_bytes, pascal_row, comb.
 *
 * Paths, chosen in pascal_row_entry:
 *   pascal_row(n) and pascal_row(n, 0, stop ≥ n + 1): the full exact row,
 *       pascal_row_impl, unchanged and as fast as before;
 *   a slice: the exact walk over the slice's lower-half hull
 *       (pascalrow_slice_hull), each value placed at k and n − k;
 *   mod=m: pascalrow_slice_mod into a uint64 buffer, the GIL released;
 *   dtype="uint32"/"uint64": an array.array filled in place (exact values by
 *       pascalrow_slice_u32/_u64, or the mod-m values).
 */

/* ------------------------------------------------------------- arguments */

/* Sort vectorcall arguments into slots: slot i takes the i-th positional
 * argument (i < npos) or the keyword names[i] (names[i] NULL: positional
 * only).  The first nreq slots are required.  Unset slots stay NULL; the
 * references are borrowed.  0, or -1 with TypeError, as CPython words it. */
static int unpack_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                       const char *const *names, int nslots, int npos, int nreq, PyObject **slots)
{
    for (int i = 0; i < nslots; i++) slots[i] = NULL;
    if (nargs > npos) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d positional arguments (%zd given)",
                     fname, npos, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) slots[i] = args[i];
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t j = 0; j < nkw; j++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, j);
        int i = 0;
        while (i < nslots && (names[i] == NULL || PyUnicode_CompareWithASCIIString(key, names[i]) != 0)) i++;
        if (i == nslots) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, key);
            return -1;
        }
        if (slots[i] != NULL) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname, names[i]);
            return -1;
        }
        slots[i] = args[nargs + j];
    }
    for (int i = 0; i < nreq; i++)
        if (slots[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument %d", fname, i + 1);
            return -1;
        }
    return 0;
}

/* A non-negative integer argument as uint64_t, saturated at UINT64_MAX
 * (slice bounds clip, so any bound ≥ 2^64 acts like 2^64 − 1; n that large
 * is refused by the caller).  0, or -1 with TypeError / ValueError. */
static int index_u64(PyObject *obj, const char *name, uint64_t *out)
{
    PyObject *v = nonneg_index(obj, name);
    if (v == NULL) return -1;
    unsigned long long x = PyLong_AsUnsignedLongLong(v);
    Py_DECREF(v);
    if (x == (unsigned long long)-1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
        PyErr_Clear();
        x = UINT64_MAX;
    }
    *out = x;
    return 0;
}

/* index_u64, or dflt when the argument is absent or None. */
static int u64_arg(PyObject *obj, const char *name, uint64_t dflt, uint64_t *out)
{
    if (obj == NULL || obj == Py_None) { *out = dflt; return 0; }
    return index_u64(obj, name, out);
}

/* mod: None (exact, *m = 0) or an integer 1 ≤ m ≤ 2^63 − 1. */
static int mod_arg(PyObject *obj, uint64_t *m)
{
    *m = 0;
    if (obj == NULL || obj == Py_None) return 0;
    PyObject *v = PyNumber_Index(obj);
    if (v == NULL) return -1;
    int sign = pr_long_sign(v);
    unsigned long long x = sign > 0 ? PyLong_AsUnsignedLongLong(v) : 0;
    Py_DECREF(v);
    if (sign <= 0) {
        PyErr_SetString(PyExc_ValueError, "mod must be a positive integer");
        return -1;
    }
    if ((x == (unsigned long long)-1 && PyErr_Occurred()) || x > PASCALROW_MOD_MAX) {
        PyErr_Clear();
        PyErr_SetString(PyExc_OverflowError, "mod must be less than 2**63");
        return -1;
    }
    *m = x;
    return 0;
}

/* dtype: None (*bits = 0), "uint32" or "uint64". */
static int dtype_arg(PyObject *obj, unsigned *bits)
{
    *bits = 0;
    if (obj == NULL || obj == Py_None) return 0;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "dtype must be None, 'uint32' or 'uint64', not %.100s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (PyUnicode_CompareWithASCIIString(obj, "uint32") == 0) *bits = 32;
    else if (PyUnicode_CompareWithASCIIString(obj, "uint64") == 0) *bits = 64;
    else {
        PyErr_Format(PyExc_ValueError, "dtype must be 'uint32' or 'uint64', not %R", obj);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ exact slice */

/* Check for Ctrl-C (and other signals) after about this many limbs of work:
 * a few milliseconds, so an interrupt is answered quickly. */
#define SIGNAL_CHECK_LIMBS ((size_t)1 << 18)

struct slice_sink_ctx {
    PyObject *list;
    uint64_t n, a, b;      /* the slice [a, b) of row n, b clipped */
    size_t work;           /* limbs since the last signal check */
};

/* C(n,k) = C(n,n−k): the value of k goes at k − a and, the same object, at
 * n − k − a, each when inside the slice (pascalrow_slice_hull's rule). */
static int slice_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct slice_sink_ctx *c = vctx;
    PyObject *v = pr_long_from_limbs(limbs, nlimbs);
    if (v == NULL) return -1;
    uint64_t j = c->n - k;
    if (j != k && j >= c->a && j < c->b) {
        Py_INCREF(v);
        PyList_SET_ITEM(c->list, (Py_ssize_t)(j - c->a), v);
    }
    if (k >= c->a && k < c->b) PyList_SET_ITEM(c->list, (Py_ssize_t)(k - c->a), v);
    else Py_DECREF(v);
    if ((c->work += nlimbs) >= SIGNAL_CHECK_LIMBS) {
        c->work = 0;
        if (PyErr_CheckSignals() < 0) return -1;
    }
    return 0;
}

static PyObject *exact_slice(module_state *st, uint64_t n, uint64_t a, uint64_t b)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    if (n <= SMALL_MAX) {                                /* from the table of rows */
        PyObject *part = PyTuple_GetSlice(st->small_rows[n], (Py_ssize_t)a, (Py_ssize_t)b);
        if (part == NULL) return NULL;
        Py_SETREF(part, PySequence_List(part));
        return part;
    }
    uint64_t lo, hi;
    pascalrow_slice_hull(n, a, b, &lo, &hi);
    /* every distinct value is at most C(n, hi − 1), the one nearest n/2; the
     * walk's buffer and GMP's scratch for the seed hold a few more of it */
    double top = (double)pascalrow_comb_bits_bound(n, hi - 1);
    char what[96];
    snprintf(what, sizeof what, "pascal_row(%llu, %llu, %llu)",
             (unsigned long long)n, (unsigned long long)a, (unsigned long long)b);
    if (refuse_if_too_big(what, output_bytes((double)(hi - lo), (double)(hi - lo) * top, (double)len)
                                + 3.0 * top / 8, 0) < 0)
        return NULL;
    PyObject *list = PyList_New(len);
    if (list == NULL) return NULL;
    struct slice_sink_ctx c = { list, n, a, b, 0 };
    int status = pascalrow_walk(n, lo, hi, slice_sink, &c);
    if (status != PASCALROW_OK) {
        Py_DECREF(list);
        return PyErr_Occurred() ? NULL : raise_status(status);
    }
    return list;
}

/* ---------------------------------------------------------------- buffers */

/* A zeroed array.array of len items of `bits` bits ('I' or 'Q'), with its
 * buffer exported writable into view (release it with PyBuffer_Release). */
static PyObject *new_array(module_state *st, unsigned bits, Py_ssize_t len, Py_buffer *view)
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

static PyObject *overflow_width(uint64_t n, unsigned bits)
{
    PyErr_Format(PyExc_OverflowError, "row %llu has values that do not fit uint%u",
                 (unsigned long long)n, bits);
    return NULL;
}

/* C(n,k) for k in [a, b) as an array of `bits`-bit integers. */
static PyObject *exact_array(module_state *st, uint64_t n, uint64_t a, uint64_t b, unsigned bits)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    if (refuse_if_too_big("pascal_row(..., dtype=...)", (double)len * bits / 8, 0) < 0) return NULL;
    Py_buffer view;
    PyObject *arr = new_array(st, bits, len, &view);
    if (arr == NULL) return NULL;
    int status = bits == 32 ? pascalrow_slice_u32(n, a, b, view.buf) : pascalrow_slice_u64(n, a, b, view.buf);
    PyBuffer_Release(&view);
    if (status == PASCALROW_OK) return arr;
    Py_DECREF(arr);
    return status == PASCALROW_EOVERFLOW ? overflow_width(n, bits) : raise_status(status);
}

/* ------------------------------------------------------------------ mod m */

/* Work refused up front, in the C library's cost steps (a few modular
 * products each): about a minute.  Out of reach are e.g. slices deep in a
 * row near 2^60 modulo a large prime power (3^30): no known cheap method. */
#define MOD_COST_LIMIT 1e10

static int refuse_mod_cost(const char *what, uint64_t cost)
{
    if ((double)cost <= MOD_COST_LIMIT) return 0;
    char msg[512];   /* PyErr_Format has no %g: formatted here */
    snprintf(msg, sizeof msg,
             "%s would take about %.3g steps of modular arithmetic (more than %.3g): the "
             "walk from the nearer end of the row and Granville/Lucas on the prime powers "
             "of mod are both out of reach", what, (double)cost, MOD_COST_LIMIT);
    PyErr_SetString(PyExc_OverflowError, msg);
    return -1;
}

/* C(n,k) mod m for k in [a, b) into out, the GIL released meanwhile. */
static int slice_mod_nogil(uint64_t n, uint64_t a, uint64_t b, uint64_t m, uint64_t *out)
{
    if (refuse_mod_cost("pascal_row(..., mod=...)", pascalrow_slice_mod_cost(n, a, b, m)) < 0) return -1;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = pascalrow_slice_mod(n, a, b, m, out);
    Py_END_ALLOW_THREADS
    if (status != PASCALROW_OK) raise_status(status);
    return status == PASCALROW_OK ? 0 : -1;
}

/* As an array: computed in place for uint64; for uint32 through uint64 and
 * narrowed, OverflowError when a value (m > 2^32) does not fit. */
static PyObject *mod_array(module_state *st, uint64_t n, uint64_t a, uint64_t b, uint64_t m, unsigned bits)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    double extra = bits == 32 ? 8.0 * (double)len : 0.0;
    if (refuse_if_too_big("pascal_row(..., mod=..., dtype=...)", (double)len * bits / 8 + extra, 0) < 0)
        return NULL;
    Py_buffer view;
    PyObject *arr = new_array(st, bits, len, &view);
    if (arr == NULL) return NULL;
    uint64_t *wide = bits == 64 ? view.buf : PyMem_Malloc((size_t)(len ? len : 1) * sizeof *wide);
    int ok = wide != NULL && slice_mod_nogil(n, a, b, m, wide) == 0;
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

/* As a list of ints: C(n,k) ≡ C(n,n−k), so a value equal to its mirror's
 * reuses its object (ints below 257 are shared by CPython anyway). */
static PyObject *mod_list(uint64_t n, uint64_t a, uint64_t b, uint64_t m)
{
    Py_ssize_t len = (Py_ssize_t)(b - a);
    char what[96];
    snprintf(what, sizeof what, "pascal_row(%llu, %llu, %llu, mod=...)",
             (unsigned long long)n, (unsigned long long)a, (unsigned long long)b);
    if (refuse_if_too_big(what, output_bytes((double)len, 64.0 * (double)len, (double)len) + 8.0 * (double)len, 0) < 0)
        return NULL;
    uint64_t *vals = PyMem_Malloc((size_t)(len ? len : 1) * sizeof *vals);
    if (vals == NULL) return PyErr_NoMemory();
    PyObject *list = NULL;
    if (slice_mod_nogil(n, a, b, m, vals) < 0) goto done;
    list = PyList_New(len);
    if (list == NULL) goto done;
    for (Py_ssize_t i = 0; i < len; i++) {
        uint64_t k = a + (uint64_t)i, j = n - k;
        PyObject *v;
        if (j < k && j >= a) v = Py_NewRef(PyList_GET_ITEM(list, (Py_ssize_t)(j - a)));
        else if ((v = PyLong_FromUnsignedLongLong(vals[i])) == NULL) { Py_CLEAR(list); goto done; }
        PyList_SET_ITEM(list, i, v);
    }
done:
    PyMem_Free(vals);
    return list;
}

/* ------------------------------------------------------------- pascal_row */

static const char *const pascal_row_kw[] = { NULL, "start", "stop", "mod", "dtype" };

/* pascal_row(n) goes straight to the METH_O entry, untouched. */
static PyObject *pascal_row_entry(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames)
{
    if (nargs == 1 && kwnames == NULL) return pascal_row(module, args[0]);
    PyObject *a[5];
    if (unpack_args("pascal_row", args, nargs, kwnames, pascal_row_kw, 5, 3, 1, a) < 0) return NULL;
    uint64_t n, start, stop, m;
    unsigned bits;
    if (index_u64(a[0], "n", &n) < 0 || u64_arg(a[1], "start", 0, &start) < 0
        || u64_arg(a[2], "stop", UINT64_MAX, &stop) < 0 || mod_arg(a[3], &m) < 0 || dtype_arg(a[4], &bits) < 0)
        return NULL;
    if (m == 0 && bits == 0 && start == 0 && stop > n)
        return pascal_row(module, a[0]);                 /* the whole exact row */
    if (n == UINT64_MAX) {                               /* 2**64 - 1 or more (saturated) */
        PyErr_SetString(PyExc_OverflowError, "pascal_row: n must be less than 2**64 - 1");
        return NULL;
    }
    if (stop > n + 1) stop = n + 1;
    if (start >= stop) {                                 /* empty, like a slice */
        if (bits == 0) return PyList_New(0);
        Py_buffer view;
        PyObject *arr = new_array(get_state(module), bits, 0, &view);
        if (arr != NULL) PyBuffer_Release(&view);
        return arr;
    }
    if (stop - start > (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "pascal_row: the slice is longer than a list can be");
        return NULL;
    }
    module_state *st = get_state(module);
    if (m != 0) return bits ? mod_array(st, n, start, stop, m, bits) : mod_list(n, start, stop, m);
    return bits ? exact_array(st, n, start, stop, bits) : exact_slice(st, n, start, stop);
}

/* ------------------------------------------------------------ comb(mod=) */

static const char *const comb_kw[] = { NULL, NULL, "mod" };

static PyObject *comb_entry(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    if (kwnames == NULL) return comb(module, args, nargs);
    PyObject *a[3];
    uint64_t m;
    if (unpack_args("comb", args, nargs, kwnames, comb_kw, 3, 2, 2, a) < 0 || mod_arg(a[2], &m) < 0)
        return NULL;
    if (m == 0) return comb(module, a, 2);
    PyObject *nobj = nonneg_index(a[0], "n"), *kobj = NULL, *result = NULL;
    if (nobj == NULL || (kobj = nonneg_index(a[1], "k")) == NULL) goto done;
    unsigned long long n = PyLong_AsUnsignedLongLong(nobj), k;
    if (n == (unsigned long long)-1 && PyErr_Occurred()) {
        /* n ≥ 2^64: the exact value (math.comb's limits), reduced */
        PyErr_Clear();
        PyObject *exact = comb(module, a, 2), *mobj;
        if (exact != NULL && (mobj = PyLong_FromUnsignedLongLong(m)) != NULL) {
            result = PyNumber_Remainder(exact, mobj);
            Py_DECREF(mobj);
        }
        Py_XDECREF(exact);
        goto done;
    }
    k = PyLong_AsUnsignedLongLong(kobj);
    if (k == (unsigned long long)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        k = UINT64_MAX;                                   /* > n: C(n,k) = 0 */
    }
    uint64_t r;
    if (refuse_mod_cost("comb(n, k, mod=...)", pascalrow_comb_mod_cost(n, k, m)) < 0) goto done;
    Py_BEGIN_ALLOW_THREADS
    pascalrow_comb_mod(n, k, m, &r);                      /* cannot fail: m checked */
    Py_END_ALLOW_THREADS
    result = PyLong_FromUnsignedLongLong(r);
done:
    Py_XDECREF(kobj);
    Py_XDECREF(nobj);
    return result;
}

/* --------------------------------------------------------------- _decimal */

PyDoc_STRVAR(decimal_doc,
"_decimal($module, x, /)\n--\n\n"
"str(x) for an int of any size, by GMP (subquadratic, and free of\n"
"sys.get_int_max_str_digits()); used by the command line.");

static PyObject *decimal(PyObject *module, PyObject *arg)
{
    (void)module;
    if (!PyLong_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "_decimal() needs an int, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    mpz_t z;
    mpz_init(z);
    PyObject *s = NULL;
    if (pr_mpz_set_long(z, arg) == 0) {
        size_t size = mpz_sizeinbase(z, 10) + 2;          /* sign and NUL */
        char *buf = PyMem_Malloc(size);
        if (buf == NULL) PyErr_NoMemory();
        else {
            mpz_get_str(buf, 10, z);
            s = PyUnicode_FromString(buf);
            PyMem_Free(buf);
        }
    }
    mpz_clear(z);
    return s;
}
