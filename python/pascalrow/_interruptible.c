/* Where the binding's computations run, and long ones that Ctrl-C can
 * interrupt: see _interruptible.h. */
#include "_interruptible.h"
#include "_convert.h"
#include "_module.h"

#include "pascalrow.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct task {
    void (*work)(void *);
    void (*release)(void *);
    void *arg;
    pthread_mutex_t lock;
    pthread_cond_t finished;   /* signalled when done is set */
    int done;                  /* work has returned (under lock) */
    int abandoned;             /* the caller left before (under lock) */
    atomic_int refs;           /* the caller and the thread: the last one frees */
};

static atomic_long abandoned_running;

long pr_abandoned_running(void) { return atomic_load(&abandoned_running); }

/* One of the two is done with the task: the last one releases everything. */
static void drop(struct task *t)
{
    if (atomic_fetch_sub(&t->refs, 1) != 1) return;
    t->release(t->arg);
    pthread_cond_destroy(&t->finished);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static void *run(void *vt)
{
    struct task *t = vt;
    t->work(t->arg);
    pthread_mutex_lock(&t->lock);
    t->done = 1;
    int abandoned = t->abandoned;
    pthread_cond_signal(&t->finished);
    pthread_mutex_unlock(&t->lock);
    if (abandoned) atomic_fetch_sub(&abandoned_running, 1);
    drop(t);
    return NULL;
}

/* A new task whose thread runs, or NULL (nothing started, nothing to free). */
static struct task *start(void (*work)(void *), void (*release)(void *), void *arg)
{
    struct task *t = malloc(sizeof *t);
    if (t == NULL) return NULL;
    *t = (struct task){ .work = work, .release = release, .arg = arg };
    atomic_init(&t->refs, 2);
    pthread_condattr_t ca;
    int ok = pthread_condattr_init(&ca) == 0;
    if (ok) {
        ok = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0
             && pthread_cond_init(&t->finished, &ca) == 0;
        pthread_condattr_destroy(&ca);
    }
    if (!ok) goto no_cond;
    if (pthread_mutex_init(&t->lock, NULL) != 0) goto no_lock;
    pthread_attr_t attr;
    pthread_t tid;
    ok = pthread_attr_init(&attr) == 0;
    if (ok) {
        ok = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0
             && pthread_create(&tid, &attr, run, t) == 0;
        pthread_attr_destroy(&attr);
    }
    if (ok) return t;
    pthread_mutex_destroy(&t->lock);
no_lock:
    pthread_cond_destroy(&t->finished);
no_cond:
    free(t);
    return NULL;
}

/* GIL released: wait until work is done or PR_INTERRUPT_POLL_MS pass.
 * 1 if done. */
static int wait_a_while(struct task *t)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += PR_INTERRUPT_POLL_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec += 1;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&t->lock);
    while (!t->done && pthread_cond_timedwait(&t->finished, &t->lock, &until) == 0)
        ;                                  /* woken: done, or spuriously */
    int done = t->done;
    pthread_mutex_unlock(&t->lock);
    return done;
}

/* Here: work with the GIL held or (release_gil) released. */
static PyObject *run_here(void (*work)(void *), PyObject *(*finish)(void *), void (*release)(void *), void *arg,
                          int release_gil)
{
    if (release_gil) {
        Py_BEGIN_ALLOW_THREADS
        work(arg);
        Py_END_ALLOW_THREADS
    } else {
        work(arg);
    }
    PyObject *r = finish(arg);
    release(arg);
    return r;
}

static PyObject *run_on_thread(void (*work)(void *), PyObject *(*finish)(void *), void (*release)(void *),
                               void *arg)
{
    struct task *t = start(work, release, arg);
    if (t == NULL) return run_here(work, finish, release, arg, 1);
    for (;;) {
        int done;
        Py_BEGIN_ALLOW_THREADS
        done = wait_a_while(t);
        Py_END_ALLOW_THREADS
        if (done) break;
        if (PyErr_CheckSignals() < 0) {
            pthread_mutex_lock(&t->lock);
            if (!t->done) {
                t->abandoned = 1;
                atomic_fetch_add(&abandoned_running, 1);
            }
            pthread_mutex_unlock(&t->lock);
            drop(t);
            return NULL;
        }
    }
    PyObject *r = finish(arg);
    drop(t);
    return r;
}

PyObject *pr_run(void (*work)(void *), PyObject *(*finish)(void *), void (*release)(void *), void *arg,
                 pr_where where)
{
    if (where == PR_ON_THREAD) return run_on_thread(work, finish, release, arg);
    return run_here(work, finish, release, arg, where == PR_HERE_WITHOUT_GIL);
}

/* ------------------------------------------------- one uint64_t answer */

struct u64_job {
    pr_u64_call *call;
    uint64_t args[4], value;
    int status;
};

static void u64_work(void *vjob)
{
    struct u64_job *job = vjob;
    job->status = job->call(job->args, &job->value);
}

static PyObject *u64_finish(void *vjob)
{
    struct u64_job *job = vjob;
    return job->status == PASCALROW_OK ? PyLong_FromUnsignedLongLong(job->value) : pr_raise_status(job->status);
}

static void u64_release(void *vjob) { free(vjob); }

PyObject *pr_call_u64(pr_u64_call *call, const uint64_t args[4], double cost)
{
    struct u64_job *job = malloc(sizeof *job);
    if (job == NULL) return PyErr_NoMemory();
    *job = (struct u64_job){ .call = call, .args = { args[0], args[1], args[2], args[3] } };
    return pr_run(u64_work, u64_finish, u64_release, job, pr_where_to_run(cost));
}

/* --------------------------------------- integers of any size, one answer */

struct mpz_job {
    pr_mpz_call *call;
    mpz_t z[3];
    mpz_srcptr zs[3];
    uint64_t m, value;
    int status;
};

static void mpz_work(void *vjob)
{
    struct mpz_job *job = vjob;
    job->status = job->call(job->zs, job->m, &job->value);
}

static PyObject *mpz_finish(void *vjob)
{
    struct mpz_job *job = vjob;
    return job->status == PASCALROW_OK ? PyLong_FromUnsignedLongLong(job->value) : pr_raise_status(job->status);
}

static void mpz_release(void *vjob)
{
    struct mpz_job *job = vjob;
    for (int i = 0; i < 3; i++) mpz_clear(job->z[i]);
    free(job);
}

PyObject *pr_call_mpz(pr_mpz_call *call, PyObject *const *objs, unsigned nobjs, uint64_t m, double cost)
{
    struct mpz_job *job = malloc(sizeof *job);
    if (job == NULL) return PyErr_NoMemory();
    job->call = call;
    job->m = m;
    job->value = 0;
    job->status = PASCALROW_OK;
    for (int i = 0; i < 3; i++) {
        mpz_init(job->z[i]);
        job->zs[i] = job->z[i];
    }
    for (unsigned i = 0; i < nobjs && i < 3; i++)
        if (pr_mpz_set_long(job->z[i], objs[i]) < 0) {
            mpz_release(job);
            return NULL;
        }
    return pr_run(mpz_work, mpz_finish, mpz_release, job, pr_where_to_run(cost));
}
