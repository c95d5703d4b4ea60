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
 *   row_without_gil   (larger n) every int is allocated under the GIL with a
 *       proven upper bound on its digit count (pascalrow_digits_bounds, at
 *       most one digit over), and its digits are written with the GIL
 *       released.  With helper threads (pascalrow_walk_digits splits the k
 *       range), the helpers start at once while the caller allocates
 *       every int in increasing k (they wait, on a condition variable, for
 *       an int not yet there), then lets go of the GIL and computes too.
 *       Most of the allocation's time would be the kernel faulting in the
 *       fresh pages malloc writes each int's header to, on the one thread
 *       that holds the GIL; so the caller first allocates the row's worth
 *       of blocks, every thread faults them in, and the caller frees each
 *       block just before the ints need its room (_prefault.h): the
 *       helpers fault in half the pages and then compute.  Alone, the
 *       caller allocates a chunk (~256 KB) at a time just ahead of its
 *       writing, so the new ints are still in cache when their digits
 *       arrive.  Either way other Python
 *       threads run meanwhile; the caller takes the GIL back now and then to
 *       check for Ctrl-C, and on KeyboardInterrupt (or any failure) every
 *       thread stops at its next value and every int built so far is freed.
 *       The list is made only at the end, so no other thread (nor the
 *       garbage collector) ever sees a half-written int.
 */
#include "_build.h"
#include "_convert.h"
#include "_prefault.h"

#include "pascalrow.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

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
    int st = pascalrow_walk_digits(n, 0, n / 2 + 1, PyLong_SHIFT, 1, gil_dest, NULL, &c);
    if (st == PASCALROW_OK && flush_pending(&c) == 0) return c.list;
    pr_long_builder_discard(&c.pending);
    Py_DECREF(c.list);                      /* slots not yet filled are NULL: fine */
    *status = st;
    return NULL;
}

/* ---------------------------------------------- row, GIL released */

/* Publish allocated ints to the helpers in batches of this many. */
#define PUBLISH_EVERY 64

struct nogil_ctx {
    pr_long_builder *b;        /* b[k] for k ≤ n/2 */
    const size_t *cap;         /* their digit bounds */
    size_t half;
    atomic_size_t ready;       /* b[0..ready) allocated: helpers may write them */
    atomic_int failed;         /* allocation failed or Ctrl-C: everyone stops */
    atomic_int waiting;        /* helpers asleep on `more` */
    atomic_size_t wake_at;     /* ... until ready reaches this */
    pthread_mutex_t lock;
    pthread_cond_t more;       /* signalled when ready grows or failed is set */
    unsigned long caller;      /* thread id of the caller (the one that may take the GIL) */
    int lazy;                  /* no helpers: allocate a chunk at a time, just ahead */
    pr_prefault pf;            /* with helpers: the ints' pages faulted in by them */
    /* the caller's alone, written for every value: a cache line of their
     * own, away from what the helpers read for every value */
    _Alignas(64) size_t digits;   /* the caller's digits since its last signal check */
    PyThreadState *tstate;     /* the caller's, once it has released the GIL */
};

/* Make b[0..ready) visible to the helpers (or tell them to stop) and wake
 * those that wait, once there is a batch for them. */
static void publish(struct nogil_ctx *c, size_t ready, int failed)
{
    if (failed) atomic_store(&c->failed, 1);
    else atomic_store_explicit(&c->ready, ready, memory_order_release);
    if (atomic_load(&c->waiting) && (failed || ready >= atomic_load(&c->wake_at) || ready == c->half)) {
        pthread_mutex_lock(&c->lock);
        pthread_cond_broadcast(&c->more);
        pthread_mutex_unlock(&c->lock);
    }
}

/* A helper that has caught up with the allocation sleeps until WAKE_BATCH
 * more ints from k are there (a wake-up costs microseconds: one per int
 * would cost more than the work).  0, or -1 if the row was abandoned. */
#define WAKE_BATCH 512

static int wait_ready(struct nogil_ctx *c, uint64_t k)
{
    for (;;) {
        /* fault in the allocator's next pages while the ints are not there */
        while (atomic_load_explicit(&c->ready, memory_order_acquire) <= k && pr_prefault_help(&c->pf))
            ;
        if (atomic_load_explicit(&c->ready, memory_order_acquire) > k) return 0;
        size_t target = k + WAKE_BATCH < c->half ? (size_t)k + WAKE_BATCH : c->half;
        pthread_mutex_lock(&c->lock);
        /* wake_at before waiting: a publisher that sees this waiter sees its
         * target.  Several waiters keep the latest target; at worst an earlier
         * one sleeps a little longer (the last publish wakes everyone). */
        atomic_store(&c->wake_at, target);
        atomic_fetch_add(&c->waiting, 1);
        while (atomic_load_explicit(&c->ready, memory_order_acquire) <= k && !atomic_load(&c->failed)
               && !pr_prefault_pending(&c->pf))
            pthread_cond_wait(&c->more, &c->lock);
        atomic_fetch_sub(&c->waiting, 1);
        pthread_mutex_unlock(&c->lock);
        if (atomic_load(&c->failed)) return -1;
    }
}

/* GIL held: the ints b[from..to), in increasing k (the order the helpers'
 * segments come in), published as they come, with a check for Ctrl-C every
 * few thousand and at the end.  0, or -1 with the exception set and the
 * helpers told to stop. */
static int allocate(struct nogil_ctx *c, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        pr_prefault_reserve(&c->pf, pr_long_builder_bytes(c->cap[k]));
        if (pr_long_builder_start(&c->b[k], c->cap[k]) < 0
            || ((k % 4096 == 4095 || k + 1 == to) && PyErr_CheckSignals() < 0)) {
            publish(c, k, 1);
            return -1;
        }
        if (k % PUBLISH_EVERY == PUBLISH_EVERY - 1) publish(c, k + 1, 0);
    }
    publish(c, to, 0);
    return 0;
}

/* On the calling thread, GIL held, while the helpers already compute: every
 * int, then let go of the GIL.  Alone (lazy), the caller allocates a chunk
 * at a time just ahead of its writing instead (nogil_dest): the new ints are
 * still in cache when their digits arrive. */
static int nogil_prepare(void *vctx)
{
    struct nogil_ctx *c = vctx;
    int r = c->lazy ? 0 : allocate(c, 0, c->half);
    pr_prefault_finish(&c->pf);
    if (r < 0) return -1;
    c->tstate = PyEval_SaveThread();
    return 0;
}

/* Digits in a chunk of lazily allocated ints (~256 KB: well inside L2). */
#define LAZY_CHUNK_DIGITS ((size_t)1 << 16)

static uint32_t *nogil_dest(void *vctx, uint64_t k, size_t nd)
{
    struct nogil_ctx *c = vctx;
    if (PyThread_get_thread_ident() == c->caller) {
        size_t ready = atomic_load_explicit(&c->ready, memory_order_relaxed);   /* ours to write */
        if (k >= ready) {
            /* lazy: the next chunk, Ctrl-C checked with it */
            size_t to = ready, digits = 0;
            while (to < c->half && (to <= k || digits < LAZY_CHUNK_DIGITS)) digits += c->cap[to++];
            PyEval_RestoreThread(c->tstate);
            int r = allocate(c, ready, to);
            c->tstate = PyEval_SaveThread();
            if (r < 0) return NULL;
        } else if ((c->digits += nd) >= SIGNAL_CHECK_DIGITS) {
            /* every int is there: take the GIL only to check for Ctrl-C */
            c->digits = 0;
            PyEval_RestoreThread(c->tstate);
            int r = PyErr_CheckSignals();
            c->tstate = PyEval_SaveThread();
            if (r < 0) { publish(c, 0, 1); return NULL; }
        }
    } else {
        pr_prefault_help(&c->pf);   /* the allocator's next pages first: it is the bottleneck */
        if (wait_ready(c, k) < 0) return NULL;
    }
    return pr_long_builder_digits(&c->b[k], nd);   /* NULL only if the bound were wrong */
}

static PyObject *row_without_gil(uint64_t n, unsigned threads, int *status)
{
    size_t half = (size_t)(n / 2 + 1);
    PyObject *list = NULL;
    size_t *cap = PyMem_Malloc(half * sizeof *cap);
    struct nogil_ctx c = { .b = PyMem_Calloc(half, sizeof *c.b), .cap = cap, .half = half,
                           .caller = PyThread_get_thread_ident(), .lazy = threads <= 1 };
    atomic_init(&c.ready, 0);
    atomic_init(&c.failed, 0);
    atomic_init(&c.waiting, 0);
    atomic_init(&c.wake_at, 0);
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.more, NULL);
    pr_prefault_init(&c.pf, 0, 0);
    if (cap == NULL || c.b == NULL) { PyErr_NoMemory(); goto done; }
    int st = pascalrow_digits_bounds(n, 0, half, PyLong_SHIFT, cap);
    if (st != PASCALROW_OK) { *status = st; goto done; }
    size_t pf_total = 0;
    if (!c.lazy)
        for (size_t k = 0; k < half; k++) {
            size_t bytes = pr_long_builder_bytes(cap[k]);
            if (bytes > PR_PREFAULT_MIN_BYTES) pf_total += bytes;
        }
    pr_prefault_init(&c.pf, pf_total, threads);

    st = pascalrow_walk_digits(n, 0, half, PyLong_SHIFT, threads, nogil_dest, nogil_prepare, &c);
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
    list = PyList_New((Py_ssize_t)n + 1);
    if (list == NULL) goto done;
    for (size_t k = 0; k < half; k++) {
        PyObject *v = pr_long_builder_finish(&c.b[k]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        PyList_SET_ITEM(list, (Py_ssize_t)k, v);
        if (n - k != k) PyList_SET_ITEM(list, (Py_ssize_t)(n - k), Py_NewRef(v));
    }
done:
    pr_prefault_finish(&c.pf);   /* if the walk failed before prepare */
    if (c.b != NULL)
        for (size_t k = 0; k < half; k++) pr_long_builder_discard(&c.b[k]);
    PyMem_Free(c.b);
    PyMem_Free(cap);
    pthread_cond_destroy(&c.more);
    pthread_mutex_destroy(&c.lock);
    return list;
}

PyObject *pr_row_list(uint64_t n, unsigned threads, int *status)
{
    *status = PASCALROW_OK;
    if (n < PR_RELEASE_GIL_N) return row_holding_gil(n, status);
    return row_without_gil(n, threads, status);
}

/* ------------------------------------------------------------- comb */

/* From this n on, comb releases the GIL while GMP computes (C(50000, 25000)
 * takes ~0.2 ms). */
#define COMB_RELEASE_GIL_N 50000

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

PyObject *pr_comb_long(uint64_t n, uint64_t k, int *status)
{
    *status = PASCALROW_OK;
    if (k > n) return PyLong_FromLong(0);
    struct comb_ctx c = { { NULL, NULL, 0 }, NULL };
    if (n >= COMB_RELEASE_GIL_N) c.tstate = PyEval_SaveThread();
    int st = pascalrow_comb_digits(n, k, PyLong_SHIFT, comb_dest, &c);
    if (c.tstate != NULL) PyEval_RestoreThread(c.tstate);
    if (st != PASCALROW_OK) {
        pr_long_builder_discard(&c.b);
        *status = st;
        return NULL;
    }
    return pr_long_builder_finish(&c.b);
}
