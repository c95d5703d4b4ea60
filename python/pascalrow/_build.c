/* Whole exact rows and single coefficients as Python ints, from the library's
 * digit-writing walk (pascalrow_walk_digits): each value's 30-bit digits are
 * written straight into the int that returns it, never through an mpz_t.
 *
 * Two ways to build row n (n ≥ 68; C(n,k) = C(n,n−k), so one int serves k
 * and n − k):
 *
 *   row_holding_gil   (n < PR_RELEASE_GIL_N) the walk runs with the GIL held;
 *       each int is allocated when its exact size is known, just before its
 *       digits are written (they are still in cache).  Ctrl-C is checked
 *       every SIGNAL_CHECK_DIGITS digits.
 *
 *   row_without_gil   (larger n) every int is allocated first, under the GIL,
 *       with a proven upper bound on its digit count (pascalrow_digits_bounds,
 *       at most one digit over); then the GIL is released and up to
 *       `threads` threads fill the digits — the arithmetic, the repack and
 *       the first touch of the new memory run in parallel, and other Python
 *       threads run meanwhile.  The calling thread takes the GIL back now and
 *       then to check for Ctrl-C; on KeyboardInterrupt (or any failure) every
 *       thread stops at its next value and every int built so far is freed.
 *       The list is made only at the end, so no other thread (nor the garbage
 *       collector) ever sees a half-written int.
 */
#include "_build.h"
#include "_convert.h"

#include "pascalrow.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#if defined(__linux__)
#  include <sched.h>
#endif

/* From this n on, rows are built with the GIL released (row 2000 takes
 * ~0.3 ms; below that the release costs more than it gives). */
#define PR_RELEASE_GIL_N 2000

/* Check for Ctrl-C after about this many digits written (~1 MB of output,
 * well under a millisecond of work): an interrupt is answered at once and the
 * check costs nothing measurable. */
#define SIGNAL_CHECK_DIGITS ((size_t)1 << 18)

/* ------------------------------------------------------------ threads */

/* CPUs this process may run on. */
static unsigned online_cpus(void)
{
#if defined(__linux__) && defined(CPU_COUNT)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

int pr_threads_resolve(unsigned setting, unsigned *out)
{
    if (setting > 0) { *out = setting; return 0; }
    const char *env = getenv("PASCALROW_THREADS");
    if (env != NULL && *env != '\0') {
        char *end;
        errno = 0;
        unsigned long v = strtoul(env, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 1 && v <= PR_MAX_THREADS && env[0] != '-') {
            *out = (unsigned)v;
            return 0;
        }
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1,
                             "PASCALROW_THREADS=%.40s is not an integer from 1 to %d; "
                             "using the number of CPUs", env, PR_MAX_THREADS) < 0)
            return -1;
    }
    unsigned cpus = online_cpus();
    *out = cpus < PR_MAX_THREADS ? cpus : PR_MAX_THREADS;
    return 0;
}

/* ------------------------------------------------- row, GIL held */

struct gil_ctx {
    PyObject *list;
    uint64_t n;
    pr_long_builder pending;   /* the int whose digits are being written */
    uint64_t pending_k;
    size_t digits;             /* written since the last signal check */
};

/* Put the finished pending int at k and n − k. */
static int flush_pending(struct gil_ctx *c)
{
    if (c->pending.handle == NULL) return 0;
    PyObject *v = pr_long_builder_finish(&c->pending);
    if (v == NULL) return -1;
    uint64_t k = c->pending_k;
    PyList_SET_ITEM(c->list, (Py_ssize_t)k, v);
    if (c->n - k != k) PyList_SET_ITEM(c->list, (Py_ssize_t)(c->n - k), Py_NewRef(v));
    return 0;
}

static uint32_t *gil_dest(void *vctx, uint64_t k, size_t nd)
{
    struct gil_ctx *c = vctx;
    if (flush_pending(c) < 0) return NULL;
    if ((c->digits += nd) >= SIGNAL_CHECK_DIGITS) {
        c->digits = 0;
        if (PyErr_CheckSignals() < 0) return NULL;
    }
    if (pr_long_builder_start(&c->pending, nd) < 0) return NULL;
    c->pending_k = k;
    return pr_long_builder_digits(&c->pending, nd);
}

static PyObject *row_holding_gil(uint64_t n, int *status)
{
    struct gil_ctx c = { .list = PyList_New((Py_ssize_t)n + 1), .n = n };
    if (c.list == NULL) return NULL;
    int st = pascalrow_walk_digits(n, 0, n / 2 + 1, PyLong_SHIFT, 1, gil_dest, &c);
    if (st == PASCALROW_OK && flush_pending(&c) == 0) return c.list;
    pr_long_builder_discard(&c.pending);
    Py_DECREF(c.list);                      /* slots not yet filled are NULL: fine */
    *status = st;
    return NULL;
}

/* ---------------------------------------------- row, GIL released */

struct nogil_ctx {
    pr_long_builder *b;        /* b[k] for k ≤ n/2, allocated up front */
    unsigned long caller;      /* thread id of the caller (the one that may take the GIL) */
    PyThreadState *tstate;     /* the caller's, while the GIL is released */
    size_t digits;             /* the caller's digits since its last signal check */
    int interrupted;           /* the caller's signal check raised */
};

static uint32_t *nogil_dest(void *vctx, uint64_t k, size_t nd)
{
    struct nogil_ctx *c = vctx;
    if (PyThread_get_thread_ident() == c->caller && (c->digits += nd) >= SIGNAL_CHECK_DIGITS) {
        c->digits = 0;
        PyEval_RestoreThread(c->tstate);
        int r = PyErr_CheckSignals();
        c->tstate = PyEval_SaveThread();
        if (r < 0) { c->interrupted = 1; return NULL; }
    }
    return pr_long_builder_digits(&c->b[k], nd);   /* NULL only if the bound were wrong */
}

static PyObject *row_without_gil(uint64_t n, unsigned threads, int *status)
{
    size_t half = (size_t)(n / 2 + 1);
    PyObject *list = NULL;
    size_t *cap = PyMem_Malloc(half * sizeof *cap);
    struct nogil_ctx c = { .b = PyMem_Calloc(half, sizeof *c.b), .caller = PyThread_get_thread_ident() };
    if (cap == NULL || c.b == NULL) { PyErr_NoMemory(); goto done; }
    int st = pascalrow_digits_bounds(n, 0, half, PyLong_SHIFT, cap);
    if (st != PASCALROW_OK) { *status = st; goto done; }
    for (size_t k = 0; k < half; k++)
        if (pr_long_builder_start(&c.b[k], cap[k]) < 0) goto done;

    c.tstate = PyEval_SaveThread();
    st = pascalrow_walk_digits(n, 0, half, PyLong_SHIFT, threads, nogil_dest, &c);
    PyEval_RestoreThread(c.tstate);
    if (st != PASCALROW_OK) {
        if (!c.interrupted) {
            if (st == PASCALROW_EINTR)    /* a bound below a real size: cannot happen */
                PyErr_SetString(PyExc_SystemError, "pascal_row: a digit bound was too small");
            else
                *status = st;
        }
        goto done;
    }
    list = PyList_New((Py_ssize_t)n + 1);
    if (list == NULL) goto done;
    for (size_t k = 0; k < half; k++) {
        PyObject *v = pr_long_builder_finish(&c.b[k]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        PyList_SET_ITEM(list, (Py_ssize_t)k, v);
        if (n - k != k) PyList_SET_ITEM(list, (Py_ssize_t)(n - k), Py_NewRef(v));
    }
done:
    if (c.b != NULL)
        for (size_t k = 0; k < half; k++) pr_long_builder_discard(&c.b[k]);
    PyMem_Free(c.b);
    PyMem_Free(cap);
    return list;
}

PyObject *pr_row_list(uint64_t n, unsigned threads, int *status)
{
    *status = PASCALROW_OK;
    if (n < PR_RELEASE_GIL_N) return row_holding_gil(n, status);
    return row_without_gil(n, threads, status);
}

/* ------------------------------------------------------------- comb */

static uint32_t *comb_dest(void *vctx, uint64_t k, size_t nd)
{
    (void)k;
    pr_long_builder *b = vctx;
    if (pr_long_builder_start(b, nd) < 0) return NULL;
    return pr_long_builder_digits(b, nd);
}

PyObject *pr_comb_long(uint64_t n, uint64_t k, int *status)
{
    *status = PASCALROW_OK;
    if (k > n) return PyLong_FromLong(0);
    pr_long_builder b = { NULL, NULL, 0 };
    int st = pascalrow_comb_digits(n, k, PyLong_SHIFT, comb_dest, &b);
    if (st != PASCALROW_OK) {
        pr_long_builder_discard(&b);
        *status = st;
        return NULL;
    }
    return pr_long_builder_finish(&b);
}
