/* The worker pool (pool.h): threads started once and parked between calls,
 * so that splitting a computation costs a wake-up, not a thread creation.
 *
 * What a caller of pr_pool_run may rely on:
 *  - every part runs exactly once, part 0 on the calling thread before any
 *    other part there, the others claimed in increasing order;
 *  - when pr_pool_run returns, every part has returned and no worker holds
 *    or will touch anything of the call (its ctx, the call's own record on
 *    the caller's stack): the caller may free what the parts used;
 *  - it never deadlocks on other calls: a part nobody has claimed is run by
 *    the calling thread itself, so a call waits only for parts that some
 *    thread is running right now.  Several callers at once and calls from
 *    inside a part (nested) therefore need no free worker to finish, and a
 *    worker that cannot be created only means fewer threads.
 *
 * Why it is race-free.  One mutex (pool.lock) guards every shared field:
 * the queue of calls with unclaimed parts, each call's next part and count
 * of parts running on workers, the list of parked workers and their `go`
 * flags.  A part is claimed (next++) under the lock, so two threads never
 * claim the same one.  A worker that finishes a part decrements its call's
 * `running` under the lock and signals the caller's condition variable
 * before unlocking; it does not touch the call after that unlock, and the
 * caller, which checks `running` under the same lock, cannot return before
 * it.  The parts' own memory is ordered by the same lock: what a part
 * wrote happens before the unlock after it, which happens before the
 * caller's lock that sees it finished.
 *
 * Workers.  Started lazily, up to PASCALROW_MAX_THREADS − 1 (the caller is
 * the other one), when a call wants more helpers than are parked; each
 * parks on a condition variable of its own, so a call wakes exactly the
 * workers it wants (no spinning, no herd).  A worker serves the oldest
 * call with unclaimed parts, part after part, and parks when there is
 * none.  Parked workers stay for the life of the process.  Workers block
 * every signal, so a signal meant for the program (SIGINT for Python's
 * Ctrl-C) reaches one of its own threads.
 *
 * fork().  The child has only the thread that forked: pthread_atfork holds
 * the lock across fork (so no call is half-queued) and the child starts
 * from an empty pool, its workers created again on demand.  A fork from
 * inside a part is not supported (the child would wait for parts whose
 * threads it does not have).
 *
 * Exit and unload.  A destructor stops the pool: later calls run every part
 * on the calling thread (a call already queued keeps the parts its workers
 * claimed and runs the rest itself); parked workers are woken and joined
 * (so no thread or its memory is left behind: valgrind sees none); a worker
 * still inside a part, which only a caller on another thread still running
 * at exit can give it, is detached instead of joined, since that caller
 * may never get to run again (a Python daemon thread waiting for the GIL at
 * exit) and waiting for it could hang the exit.  The pool's state is
 * static, never freed, so such a worker and its caller still find it
 * intact.
 */
#define _POSIX_C_SOURCE 200809L       /* clock_gettime, pthread_condattr_setclock */

#include "pool.h"

#include "pascalrow.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>

#define MAX_WORKERS (PASCALROW_MAX_THREADS - 1)

/* One call of pr_pool_run, on the caller's stack. */
struct call {
    pr_pool_part_fn *fn;
    void *ctx;
    unsigned parts;
    unsigned next;                  /* first unclaimed part */
    unsigned running;               /* parts claimed by workers, not yet returned */
    int waiting;                    /* the caller waits on done */
    pthread_cond_t done;            /* signalled when running drops to 0 */
    struct call *later;             /* queue: the next call with unclaimed parts */
};

struct worker {
    pthread_t tid;
    pthread_cond_t wake;            /* waited on while parked */
    int go;                         /* set (with a signal) to unpark */
    struct worker *parked_next;     /* list of parked workers */
};

static struct {
    pthread_mutex_t lock;
    struct call *head, *tail;       /* calls with unclaimed parts, oldest first */
    struct worker *parked;          /* parked workers, most recently parked first */
    unsigned nworkers;              /* worker[0 .. nworkers) were started */
    int stopped;                    /* by the destructor: no more workers, no more parts taken */
    struct worker worker[MAX_WORKERS];
} pool = { .lock = PTHREAD_MUTEX_INITIALIZER };

static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* ------------------------------------------------------------ the queue */

static void enqueue(struct call *c)
{
    c->later = NULL;
    if (pool.tail) pool.tail->later = c; else pool.head = c;
    pool.tail = c;
}

static void dequeue(struct call *c)
{
    struct call **p = &pool.head, *prev = NULL;
    while (*p != c) { prev = *p; p = &(*p)->later; }
    *p = c->later;
    if (pool.tail == c) pool.tail = prev;
}

/* Claims c's next part (pool.lock held, c->next < c->parts); a call with no
 * unclaimed part left leaves the queue. */
static unsigned claim(struct call *c)
{
    unsigned part = c->next++;
    if (c->next == c->parts) dequeue(c);
    return part;
}

/* ------------------------------------------------------------ workers */

static void *work(void *vw)
{
    struct worker *w = vw;
    pthread_mutex_lock(&pool.lock);
    for (;;) {
        if (pool.stopped) break;
        struct call *c = pool.head;
        if (c != NULL) {
            unsigned part = claim(c);
            c->running++;
            pthread_mutex_unlock(&pool.lock);
            c->fn(c->ctx, part);
            pthread_mutex_lock(&pool.lock);
            /* the last touch of c: its caller returns only after this unlock */
            if (--c->running == 0 && c->waiting) pthread_cond_signal(&c->done);
            continue;
        }
        w->go = 0;
        w->parked_next = pool.parked;
        pool.parked = w;
        while (!w->go && !pool.stopped) pthread_cond_wait(&w->wake, &pool.lock);
    }
    pthread_mutex_unlock(&pool.lock);
    return NULL;
}

/* Up to `want` workers unparked or started for the queue (pool.lock held). */
static void summon(unsigned want)
{
    for (; want > 0 && pool.parked != NULL; want--) {
        struct worker *w = pool.parked;
        pool.parked = w->parked_next;
        w->go = 1;
        pthread_cond_signal(&w->wake);
    }
    if (want == 0 || pool.nworkers == MAX_WORKERS) return;
    /* a worker takes no signal (the mask is inherited): they go to the
     * program's own threads, as if the pool were not there */
    sigset_t all, old;
    sigfillset(&all);
    int masked = pthread_sigmask(SIG_SETMASK, &all, &old) == 0;
    for (; want > 0 && pool.nworkers < MAX_WORKERS; want--) {
        struct worker *w = &pool.worker[pool.nworkers];
        if (pthread_cond_init(&w->wake, NULL) != 0) break;
        w->go = 1;
        if (pthread_create(&w->tid, NULL, work, w) != 0) {   /* the caller runs its share */
            pthread_cond_destroy(&w->wake);
            break;
        }
        pool.nworkers++;
    }
    if (masked) pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* ------------------------------------------------------------ fork */

static void before_fork(void) { pthread_mutex_lock(&pool.lock); }
static void after_fork_parent(void) { pthread_mutex_unlock(&pool.lock); }

/* The child: no worker and no caller but this thread; the workers' slots
 * (their condition variables included) are made again when used. */
static void after_fork_child(void)
{
    pool.head = pool.tail = NULL;
    pool.parked = NULL;
    pool.nworkers = 0;
    pthread_mutex_unlock(&pool.lock);
}

static void register_atfork(void)
{
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}

/* ------------------------------------------------------------ exit */

__attribute__((destructor)) static void stop_pool(void)
{
    pthread_mutex_lock(&pool.lock);
    pool.stopped = 1;
    unsigned char parked[MAX_WORKERS] = { 0 };
    for (struct worker *w = pool.parked; w != NULL; w = w->parked_next) {
        parked[w - pool.worker] = 1;
        pthread_cond_signal(&w->wake);
    }
    pool.parked = NULL;
    unsigned nworkers = pool.nworkers;
    pthread_mutex_unlock(&pool.lock);
    for (unsigned i = 0; i < nworkers; i++) {
        if (parked[i]) pthread_join(pool.worker[i].tid, NULL);
        else pthread_detach(pool.worker[i].tid);
    }
}

/* ------------------------------------------------------------ calls */

/* Waits (pool.lock held) until no worker runs a part of c, calling
 * wait->fn every wait->ns without the lock. */
static void await_parts(struct call *c, const struct pr_pool_wait *wait)
{
    c->waiting = 1;
    while (c->running > 0) {
        if (wait == NULL) {
            pthread_cond_wait(&c->done, &pool.lock);
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += wait->ns % 1000000000L;
        until.tv_sec += wait->ns / 1000000000L + until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (pthread_cond_timedwait(&c->done, &pool.lock, &until) != 0 && c->running > 0) {
            pthread_mutex_unlock(&pool.lock);
            wait->fn(wait->ctx);
            pthread_mutex_lock(&pool.lock);
        }
    }
}

/* Every part on the calling thread, in order. */
static void run_here(unsigned parts, pr_pool_part_fn *fn, void *ctx)
{
    for (unsigned part = 0; part < parts; part++) fn(ctx, part);
}

/* done, a clock-monotonic condition variable (timed waits must not jump
 * with the wall clock); 0, or an error. */
static int init_done(pthread_cond_t *done)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) return -1;
    int st = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (st == 0) st = pthread_cond_init(done, &attr);
    pthread_condattr_destroy(&attr);
    return st;
}

void pr_pool_run_waiting(unsigned parts, pr_pool_part_fn *fn, void *ctx, const struct pr_pool_wait *wait)
{
    if (parts <= 1) {
        run_here(parts, fn, ctx);
        return;
    }
    struct call c = { .fn = fn, .ctx = ctx, .parts = parts, .next = 1 };
    if (pthread_once(&atfork_once, register_atfork) != 0 || init_done(&c.done) != 0) {
        run_here(parts, fn, ctx);
        return;
    }
    pthread_mutex_lock(&pool.lock);
    if (pool.stopped) {                 /* at exit: no workers */
        pthread_mutex_unlock(&pool.lock);
        pthread_cond_destroy(&c.done);
        run_here(parts, fn, ctx);
        return;
    }
    enqueue(&c);
    summon(parts - 1);
    pthread_mutex_unlock(&pool.lock);

    fn(ctx, 0);
    pthread_mutex_lock(&pool.lock);
    while (c.next < parts) {            /* what no worker has claimed */
        unsigned part = claim(&c);
        pthread_mutex_unlock(&pool.lock);
        fn(ctx, part);
        pthread_mutex_lock(&pool.lock);
    }
    await_parts(&c, wait);
    pthread_mutex_unlock(&pool.lock);
    pthread_cond_destroy(&c.done);
}

void pr_pool_run(unsigned parts, pr_pool_part_fn *fn, void *ctx)
{
    pr_pool_run_waiting(parts, fn, ctx, NULL);
}
