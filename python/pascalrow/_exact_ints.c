/* Exact values as Python ints, from the library's digit-writing walk
 * (pascalrow_walk_digits): each value's 30-bit digits are written straight
 * into the int that returns it, never through an mpz_t.
 *
 * A slice [a, b) of row n (the whole row is [0, n + 1)) needs C(n,k) only
 * for k in its lower-half range [lo, hi) (pascalrow_slice_hull): by
 * C(n,k) = C(n,n−k) one int serves k and n − k (pr_list_place).  Two ways to
 * build them (n ≥ 68):
 *
 *   slice_holding_gil   (a short slice: _interruptible.h, pr_row_steps)
 *       the walk runs with the GIL held; each int is allocated when its
 *       exact size is known, just before its digits are written (they are
 *       still in cache).  Ctrl-C is checked every SIGNAL_CHECK_DIGITS digits.
 *
 *   slice_without_gil   (a longer one) every int is allocated under the GIL
 *       with a proven upper bound on its digit count (pascalrow_digits_bounds, at
 *       most one digit over), and its digits are written with the GIL
 *       released.  With helper threads (pascalrow_walk_digits splits the k
 *       range), the helpers start at once while the caller allocates
 *       every int in increasing k and publishes them in batches (_ready.h:
 *       a helper that needs an int not yet there sleeps until it is), then
 *       lets go of the GIL and computes too.  Alone, the caller allocates a
 *       chunk (~256 KB) at a time just ahead of its writing, so the new ints
 *       are still in cache when their digits arrive.  Either way other
 *       Python threads run meanwhile; the caller takes the GIL back now and
 *       then to check for Ctrl-C, and on KeyboardInterrupt (or any failure)
 *       every thread stops at its next value.  Nothing is freed before
 *       pascalrow_walk_digits has joined every helper: then every int built
 *       so far is freed, on failure, or put in the list.
 *       The list is made only at the end, so no other thread (nor the
 *       garbage collector) ever sees a half-written int.
 */
#include "_exact_ints.h"
#include "_convert.h"
#include "_interruptible.h"
#include "_module.h"
#include "_ready.h"

#include "pascalrow.h"

#include <errno.h>
#include <stdlib.h>

/* Check for Ctrl-C after about this many digits written (~1 MB of output,
 * well under a millisecond of work): an interrupt is answered at once and the
 * check costs nothing measurable. */
#define SIGNAL_CHECK_DIGITS ((size_t)1 << 18)

/* ---------------------------------------------- slice, GIL held */

struct gil_ctx {
    PyObject *list;
    uint64_t n, a, b;          /* the slice [a, b) of row n */
    pr_long_builder pending;   /* the int whose digits are being written */
    uint64_t pending_k;
    size_t digits;             /* written since the last signal check */
};

/* Put the finished pending int in its places. */
static int flush_pending(struct gil_ctx *c)
{
    if (c->pending.handle == NULL) return 0;
    PyObject *v = pr_long_builder_finish(&c->pending);
    if (v == NULL) return -1;
    pr_list_place(c->list, c->n, c->a, c->b, c->pending_k, v);
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

static PyObject *slice_holding_gil(uint64_t n, uint64_t a, uint64_t b, uint64_t lo, uint64_t hi,
                                   int *status)
{
    struct gil_ctx c = { .list = PyList_New((Py_ssize_t)(b - a)), .n = n, .a = a, .b = b };
    if (c.list == NULL) return NULL;
    int st = pascalrow_walk_digits(n, lo, hi, PyLong_SHIFT, 1, gil_dest, NULL, &c);
    if (st == PASCALROW_OK && flush_pending(&c) == 0) return c.list;
    pr_long_builder_discard(&c.pending);
    Py_DECREF(c.list);                      /* slots not yet filled are NULL: fine */
    *status = st;
    return NULL;
}

/* ------------------------------------------- slice, GIL released */

/* Publish allocated ints to the helpers in batches of this many. */
#define PUBLISH_EVERY 64
/* A helper that has caught up with the allocation sleeps until about this
 * many more ints are there (one wake-up per int would cost more than the
 * work). */
#define WAKE_BATCH 512

/* Everything here lives on the caller's stack until pascalrow_walk_digits
 * has joined every helper; only then is any of it (or any int) freed. */
struct nogil_ctx {
    pr_long_builder *b;        /* b[i] builds C(n, lo + i), i < count */
    const size_t *cap;         /* their digit bounds */
    uint64_t lo;
    size_t count;
    pr_ready ready;            /* b[0..published) allocated: helpers may write them */
    unsigned long caller;      /* thread id of the caller (the one that may take the GIL) */
    int lazy;                  /* no helpers: allocate a chunk at a time, just ahead */
    size_t allocated;          /* the caller's alone: b[0..allocated) allocated */
    size_t digits;             /* the caller's alone: digits since its last signal check */
    PyThreadState *tstate;     /* the caller's, once it has released the GIL */
};

/* GIL held: the ints b[from..to), in increasing k (the order the helpers'
 * segments come in), published as they come, with a check for Ctrl-C every
 * few thousand and at the end.  0, or -1 with the exception set and the
 * helpers told to stop. */
static int allocate(struct nogil_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (pr_long_builder_start(&c->b[i], c->cap[i]) < 0
            || ((i % 4096 == 4095 || i + 1 == to) && PyErr_CheckSignals() < 0)) {
            c->allocated = i;
            pr_ready_fail(&c->ready);
            return -1;
        }
        if (i % PUBLISH_EVERY == PUBLISH_EVERY - 1) pr_ready_publish(&c->ready, i + 1);
    }
    c->allocated = to;
    pr_ready_publish(&c->ready, to);
    return 0;
}

/* On the calling thread, GIL held, while the helpers already compute: every
 * int, then let go of the GIL.  Alone (lazy), the caller allocates a chunk
 * at a time just ahead of its writing instead (nogil_dest): the new ints are
 * still in cache when their digits arrive. */
static int nogil_prepare(void *vctx)
{
    struct nogil_ctx *c = vctx;
    if (!c->lazy && allocate(c, 0, c->count) < 0) return -1;
    c->tstate = PyEval_SaveThread();
    return 0;
}

/* Digits in a chunk of lazily allocated ints (~256 KB: well inside L2). */
#define LAZY_CHUNK_DIGITS ((size_t)1 << 16)

/* Caller, GIL released: run `allocate` or a signal check with the GIL. */
static int with_gil_allocate(struct nogil_ctx *c, size_t from, size_t to)
{
    PyEval_RestoreThread(c->tstate);
    int r = allocate(c, from, to);
    c->tstate = PyEval_SaveThread();
    return r;
}

static int with_gil_check_signals(struct nogil_ctx *c)
{
    PyEval_RestoreThread(c->tstate);
    int r = PyErr_CheckSignals();
    c->tstate = PyEval_SaveThread();
    if (r < 0) pr_ready_fail(&c->ready);
    return r;
}

static uint32_t *nogil_dest(void *vctx, uint64_t k, size_t nd)
{
    struct nogil_ctx *c = vctx;
    size_t i = (size_t)(k - c->lo);
    if (PyThread_get_thread_ident() == c->caller) {
        if (i >= c->allocated) {
            /* lazy: the next chunk, Ctrl-C checked with it */
            size_t to = c->allocated, digits = 0;
            while (to < c->count && (to <= i || digits < LAZY_CHUNK_DIGITS)) digits += c->cap[to++];
            if (with_gil_allocate(c, c->allocated, to) < 0) return NULL;
        } else if ((c->digits += nd) >= SIGNAL_CHECK_DIGITS) {
            /* every int is there: take the GIL only to check for Ctrl-C */
            c->digits = 0;
            if (with_gil_check_signals(c) < 0) return NULL;
        }
    } else if (pr_ready_wait(&c->ready, i) < 0) {
        return NULL;                             /* the caller gave up */
    }
    return pr_long_builder_digits(&c->b[i], nd);   /* NULL only if the bound were wrong */
}

static PyObject *slice_without_gil(uint64_t n, uint64_t a, uint64_t b, uint64_t lo, uint64_t hi,
                                   unsigned threads, int *status)
{
    size_t count = (size_t)(hi - lo);
    PyObject *list = NULL;
    struct nogil_ctx c = { .lo = lo, .count = count, .caller = PyThread_get_thread_ident(),
                           .lazy = threads <= 1 };
    int st = pr_ready_init(&c.ready, count, WAKE_BATCH);
    if (st != 0) {
        errno = st;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    c.b = PyMem_Calloc(count, sizeof *c.b);
    size_t *cap = PyMem_Malloc(count * sizeof *cap);
    c.cap = cap;
    if (cap == NULL || c.b == NULL) { PyErr_NoMemory(); goto done; }
    st = pascalrow_digits_bounds(n, lo, hi, PyLong_SHIFT, cap);
    if (st != PASCALROW_OK) { *status = st; goto done; }

    /* returns only after every helper has been joined */
    st = pascalrow_walk_digits(n, lo, hi, PyLong_SHIFT, threads, nogil_dest, nogil_prepare, &c);
    if (c.tstate != NULL) PyEval_RestoreThread(c.tstate);   /* prepare released the GIL */
    if (st != PASCALROW_OK) {
        if (!PyErr_Occurred()) {   /* not MemoryError or KeyboardInterrupt from us */
            if (st == PASCALROW_EINTR)
                PyErr_SetString(PyExc_SystemError, "pascal_row: a digit bound was too small");
            else
                *status = st;
        }
        goto done;
    }
    list = PyList_New((Py_ssize_t)(b - a));
    if (list == NULL) goto done;
    for (size_t i = 0; i < count; i++) {
        PyObject *v = pr_long_builder_finish(&c.b[i]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        pr_list_place(list, n, a, b, lo + i, v);
    }
done:
    if (c.b != NULL)
        for (size_t i = 0; i < count; i++) pr_long_builder_discard(&c.b[i]);
    pr_ready_destroy(&c.ready);
    PyMem_Free(c.b);
    PyMem_Free(cap);
    return list;
}

PyObject *pr_slice_list(uint64_t n, uint64_t a, uint64_t b, unsigned threads_setting, int *status)
{
    *status = PASCALROW_OK;
    uint64_t lo, hi;
    pascalrow_slice_hull(n, a, b, &lo, &hi);        /* cannot fail: n < b ≤ n + 1 */
    /* the walk polls for Ctrl-C: a long one stays here too, without the GIL */
    if (!pr_release_gil(pr_row_steps(n, hi - lo))) return slice_holding_gil(n, a, b, lo, hi, status);
    unsigned threads;
    if (pr_threads_resolve(threads_setting, &threads) < 0) return NULL;
    return slice_without_gil(n, a, b, lo, hi, threads, status);
}

/* ------------------------------------------------------------- comb */

struct comb_ctx {
    pr_long_builder b;
    PyThreadState *tstate;     /* non-NULL while the GIL is released */
};

/* GMP has the value: take the GIL back (if it was let go) for the int. */
static uint32_t *comb_dest(void *vctx, uint64_t k, size_t nd)
{
    (void)k;
    struct comb_ctx *c = vctx;
    if (c->tstate != NULL) {
        PyEval_RestoreThread(c->tstate);
        c->tstate = NULL;
    }
    if (pr_long_builder_start(&c->b, nd) < 0) return NULL;
    return pr_long_builder_digits(&c->b, nd);
}

/* C(n, k) as a job for pr_run (_interruptible.h), here or on a thread of
 * its own: the value, made an int with the GIL held, by the library (ENOMEM
 * rather than GMP's abort): pascalrow_comb_mpz_threads on `threads` threads
 * for n < 2^64, pascalrow_comb_mpz_big for a bigger n. */
struct comb_job {
    mpz_t value;
    mpz_t big_n;               /* n ≥ 2^64; 0 when n is in `n` */
    uint64_t n, k;
    unsigned threads;
    int status;                /* the library's */
    int *status_out;           /* the caller's (or NULL), written only by finish */
};

static struct comb_job *comb_job_new(uint64_t n, uint64_t k, unsigned threads, int *status_out)
{
    struct comb_job *job = malloc(sizeof *job);
    if (job == NULL) return NULL;
    mpz_init(job->value);
    mpz_init(job->big_n);
    job->n = n;
    job->k = k;
    job->threads = threads;
    job->status = PASCALROW_OK;
    job->status_out = status_out;
    return job;
}

static void comb_job_work(void *vjob)
{
    struct comb_job *job = vjob;
    if (mpz_sgn(job->big_n) != 0)
        job->status = pascalrow_comb_mpz_big(job->big_n, job->k, job->value);
    else
        job->status = pascalrow_comb_mpz_threads(job->n, job->k, job->threads, job->value);
}

static PyObject *comb_job_finish(void *vjob)
{
    struct comb_job *job = vjob;
    if (job->status_out != NULL) *job->status_out = job->status;
    if (job->status == PASCALROW_OK) return pr_long_from_mpz(job->value);
    return job->status_out == NULL ? pr_raise_status(job->status) : NULL;
}

static void comb_job_release(void *vjob)
{
    struct comb_job *job = vjob;
    mpz_clear(job->big_n);
    mpz_clear(job->value);
    free(job);
}

PyObject *pr_comb_long(uint64_t n, uint64_t k, unsigned threads, int *status)
{
    *status = PASCALROW_OK;
    if (k > n) return PyLong_FromLong(0);
    /* C(n, k) < 2^n: when n bits are cheap, the closer bound is not needed */
    pr_where where = pr_where_to_run(pr_comb_steps((double)n));
    if (where != PR_HERE_WITH_GIL) where = pr_where_to_run(pr_comb_steps((double)pascalrow_comb_bits_bound(n, k)));
    if (where == PR_ON_THREAD) {
        struct comb_job *job = comb_job_new(n, k, threads, status);
        return job != NULL ? pr_run(comb_job_work, comb_job_finish, comb_job_release, job, where) : PyErr_NoMemory();
    }
    /* here: the digits written straight into the int */
    struct comb_ctx c = { { NULL, NULL, 0 }, NULL };
    if (where == PR_HERE_WITHOUT_GIL) c.tstate = PyEval_SaveThread();
    int st = pascalrow_comb_digits(n, k, PyLong_SHIFT, comb_dest, &c);
    if (c.tstate != NULL) PyEval_RestoreThread(c.tstate);
    if (st != PASCALROW_OK) {
        pr_long_builder_discard(&c.b);
        *status = st;
        return NULL;
    }
    return pr_long_builder_finish(&c.b);
}

PyObject *pr_comb_big_n_long(PyObject *nobj, uint64_t k)
{
    struct comb_job *job = comb_job_new(0, k, 1, NULL);
    if (job == NULL) return PyErr_NoMemory();
    if (pr_mpz_set_long(job->big_n, nobj) < 0) {
        comb_job_release(job);
        return NULL;
    }
    /* C(n,k) ≤ n^k: at most k·bitlen(n) bits */
    double bits = (double)k * (double)mpz_sizeinbase(job->big_n, 2);
    return pr_run(comb_job_work, comb_job_finish, comb_job_release, job, pr_where_to_run(pr_comb_steps(bits)));
}
