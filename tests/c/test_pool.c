/* The worker pool (src/pool.h): every part exactly once, part 0 on the
 * calling thread, parts that wait for earlier ones, nested calls, several
 * callers at once, the waiting caller's callback, and the pool in a forked
 * child.  A broken pool fails a CHECK or hangs (meson's timeout fails it).
 *
 * PASCALROW_TEST_QUICK (tests/c/check.h) shrinks the round counts. */
#define _POSIX_C_SOURCE 200809L

#include "check.h"
#include "pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif

#define MAX_PARTS 300          /* more than the pool's workers */

/* ------------------------------------------------ every part, once */

struct tally {
    unsigned parts;
    pthread_t caller;
    atomic_int runs[MAX_PARTS];
    int written[MAX_PARTS];    /* plain writes: the pool must order them */
    atomic_int first_elsewhere; /* part 0 seen off the calling thread */
    unsigned nest;             /* parts of a nested call each part makes (0: none) */
};

static void count_part(void *vt, unsigned part)
{
    struct tally *t = vt;
    if (part >= t->parts) return;       /* reported by the runs check */
    atomic_fetch_add(&t->runs[part], 1);
    t->written[part] = (int)part + 1;
    if (part == 0 && !pthread_equal(pthread_self(), t->caller)) atomic_store(&t->first_elsewhere, 1);
    if (t->nest > 0) {
        struct tally *inner = malloc(sizeof *inner);
        if (inner == NULL) return;
        memset(inner, 0, sizeof *inner);
        inner->parts = t->nest;
        inner->caller = pthread_self();
        pr_pool_run(inner->parts, count_part, inner);
        int ok = !atomic_load(&inner->first_elsewhere);
        for (unsigned i = 0; i < inner->parts; i++)
            ok &= atomic_load(&inner->runs[i]) == 1 && inner->written[i] == (int)i + 1;
        if (!ok) t->written[part] = -1;   /* reported by the caller */
        free(inner);
    }
}

/* One call of `parts` parts (each nesting a call of `nest` parts); 1 if
 * every part ran once, its write seen, part 0 on this thread. */
static int run_counted(unsigned parts, unsigned nest)
{
    struct tally *t = calloc(1, sizeof *t);
    if (t == NULL) return 0;
    t->parts = parts;
    t->caller = pthread_self();
    t->nest = nest;
    pr_pool_run(parts, count_part, t);
    int ok = !atomic_load(&t->first_elsewhere);
    for (unsigned i = 0; i < parts; i++)
        ok &= atomic_load(&t->runs[i]) == 1 && t->written[i] == (int)i + 1;
    free(t);
    return ok;
}

static void test_counts(void)
{
    for (unsigned parts = 0; parts <= MAX_PARTS; parts += parts < 20 ? 1 : 37)
        CHECK(run_counted(parts, 0), "parts %u", parts);
    for (unsigned parts = 0; parts <= 9; parts++)
        CHECK(run_counted(parts, parts / 2 + 1), "parts %u nested", parts);
}

/* ------------------------------------- a part waits for the one before */

struct chain {
    unsigned parts;
    atomic_int done[MAX_PARTS];
    atomic_int bad;
};

/* Part i waits until part i − 1 is done: only a pool that claims in
 * increasing order and runs unclaimed parts on the caller gets through. */
static void chain_part(void *vc, unsigned part)
{
    struct chain *c = vc;
    if (part > 0)
        while (!atomic_load(&c->done[part - 1])) sched_yield();
    if (atomic_load(&c->done[part])) atomic_store(&c->bad, 1);
    atomic_store(&c->done[part], 1);
}

static void test_chain(void)
{
    for (unsigned parts = 2; parts <= 16; parts++) {
        struct chain *c = calloc(1, sizeof *c);
        if (c == NULL) continue;
        c->parts = parts;
        pr_pool_run(parts, chain_part, c);
        int ok = !atomic_load(&c->bad);
        for (unsigned i = 0; i < parts; i++) ok &= atomic_load(&c->done[i]);
        CHECK(ok, "chain of %u parts", parts);
        free(c);
    }
}

/* ------------------------------------------------ several callers */

struct caller {
    pthread_t tid;
    uint64_t seed;
    int rounds;
    int bad;
};

static void *caller_main(void *vc)
{
    struct caller *c = vc;
    for (int r = 0; r < c->rounds; r++) {
        unsigned parts = (unsigned)(test_rand64(&c->seed) % 20);
        unsigned nest = test_rand64(&c->seed) % 8 == 0 ? (unsigned)(test_rand64(&c->seed) % 5) : 0;
        if (!run_counted(parts, nest)) c->bad++;
    }
    return NULL;
}

static void test_callers(void)
{
    enum { CALLERS = 8 };
    struct caller c[CALLERS];
    int rounds = test_quick() ? 50 : 2000;
    int started[CALLERS];
    for (int i = 0; i < CALLERS; i++) {
        c[i] = (struct caller){ .seed = 0x9e3779b97f4a7c15u * (uint64_t)(i + 1), .rounds = rounds };
        started[i] = pthread_create(&c[i].tid, NULL, caller_main, &c[i]) == 0;
        if (!started[i]) caller_main(&c[i]);
    }
    for (int i = 0; i < CALLERS; i++) {
        if (started[i]) pthread_join(c[i].tid, NULL);
        CHECK(c[i].bad == 0, "caller %d: %d bad rounds of %d", i, c[i].bad, rounds);
    }
}

/* ------------------------------------------------ the waiting caller */

struct waited {
    pthread_t caller;
    atomic_int returned;       /* pr_pool_run_waiting has returned */
    atomic_int calls, elsewhere, late;
};

static void slow_part(void *vw, unsigned part)
{
    (void)vw;
    struct timespec pause = { 0, part == 0 ? 2000000L : 20000000L };
    nanosleep(&pause, NULL);
}

static void on_wait(void *vw)
{
    struct waited *w = vw;
    atomic_fetch_add(&w->calls, 1);
    if (!pthread_equal(pthread_self(), w->caller)) atomic_store(&w->elsewhere, 1);
    if (atomic_load(&w->returned)) atomic_store(&w->late, 1);
}

static void test_wait(void)
{
    struct waited w = { .caller = pthread_self() };
    const struct pr_pool_wait wait = { on_wait, &w, 1000000L };
    for (int r = 0; r < 5; r++) {
        pr_pool_run_waiting(4, slow_part, NULL, &wait);
        atomic_store(&w.returned, 1);
        CHECK(!atomic_load(&w.elsewhere), "the wait callback ran off the calling thread");
        CHECK(!atomic_load(&w.late), "the wait callback ran after the call returned");
        atomic_store(&w.returned, 0);
    }
    /* the parts that sleep 20 ms are on workers, unless none could be had */
    printf("wait callback: %d calls\n", atomic_load(&w.calls));
}

/* ------------------------------------------------ fork */

/* The pool used (workers started) here, then in a forked child: the child
 * must get its own workers or run the parts itself, not wait for the
 * parent's. */
static void test_fork(void)
{
#ifdef UNDER_TSAN
    printf("fork: skipped under ThreadSanitizer (a child of a threaded parent may not start threads)\n");
#else
    CHECK(run_counted(8, 0), "before fork");
    /* the child's verdict comes through a pipe, apart from its exit status
     * (which a tool running it, valgrind, may set); the child ends with
     * exit(), so the pool's destructor joins the workers it started */
    int fd[2];
    if (pipe(fd) != 0) { CHECK(0, "pipe failed"); return; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int ok = 1;
        for (int r = 0; r < 20; r++) ok &= run_counted(8, (unsigned)(r % 3));
        char verdict = ok ? 'y' : 'n';
        ssize_t w = write(fd[1], &verdict, 1);
        exit(w == 1 && ok ? 0 : 1);
    }
    close(fd[1]);
    CHECK(pid > 0, "fork failed");
    if (pid > 0) {
        char verdict = 0;
        ssize_t got = read(fd[0], &verdict, 1);
        int status = 0;
        CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && got == 1 && verdict == 'y',
              "the pool in a forked child (status %d, verdict %c)", status, verdict ? verdict : '-');
    }
    close(fd[0]);
    CHECK(run_counted(8, 2), "after fork");
#endif
}

int main(void)
{
    test_counts();
    test_chain();
    test_callers();
    test_wait();
    test_fork();
    return check_report();
}
