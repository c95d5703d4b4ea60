/* A slice mod m walked in parts on threads (pr_walk_threads, mod.h): the
 * calling thread seeds and walks the first part and polls the caller's
 * pascalrow_poll; each other part (on the pool's workers, pool.h) finds
 * how the unit part changes over the part before its own, and walks its own
 * once the seed and those ratios are in. */
#include "mod.h"
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* Values a thread walks between two looks at the stop flag, and the calling
 * thread between two polls: about a millisecond of work. */
#define CHUNK ((uint64_t)1 << 16)
/* Fewest values of a part, and most parts (and threads): pascalrow.h's. */
#define PART_MIN ((uint64_t)PASCALROW_MIN_VALUES_PER_THREAD)
#define MAX_PARTS PASCALROW_MAX_THREADS
/* The calling thread, its part done, polls this often while it waits. */
#define WAIT_POLL_NS 2000000L
/* What moving the seed over a value (pr_walk_mod without out) costs, against
 * walking it with its value put in place: measured 0.25–0.5 (the
 * Montgomery passes forward only and no memory written, against both
 * passes and the writes); the parts are sized with this.  The SMALL way
 * without values visits only the exceptions of its tables: measured
 * 0.03–0.25. */
#define RATIO_COST 0.35
#define SMALL_RATIO_COST 0.1

/* A slice's lower-half range [cut[0], cut[nparts]) in nparts parts, one per
 * thread, part i from the true C(n, cut[i]).  The calling thread seeds part
 * 0 (pr_seed) and walks it.  Thread i ≥ 1 first moves a seed of unit part 1
 * over part i − 1 (the walk is linear in u; the exponents at any k are
 * known at once: Kummer), which gives ratio[i−1] = U(cut[i])/U(cut[i−1]);
 * once the seed and ratio[0..i) are there, U(cut[i]) = U(cut[0])·Π ratio[j]
 * and it walks part i.  Part i is shorter than part i − 1 by the ratio's
 * cost, so that all threads finish together. */
struct mod_job {
    const struct modulus *M;
    const struct walker *W;
    struct mod_out out;
    unsigned nparts;
    uint64_t cut[MAX_PARTS + 1];
    pascalrow_poll poll;
    void *ctx;
    atomic_int stop;
    pthread_t caller;                   /* the thread that polls */
    int synced;                         /* lock and more were made (else one part) */
    pthread_mutex_t lock;               /* guards the rest */
    pthread_cond_t more;                /* broadcast when any of it changes */
    struct mod_state first;             /* part 0's seed, once have_first */
    int have_first;
    uint64_t ratio[MAX_PARTS];
    unsigned char have[MAX_PARTS];
};

static void job_set_stop(struct mod_job *job)
{
    if (!job->synced) {                             /* one part, no one waits */
        atomic_store(&job->stop, 1);
        return;
    }
    pthread_mutex_lock(&job->lock);
    atomic_store(&job->stop, 1);
    pthread_cond_broadcast(&job->more);
    pthread_mutex_unlock(&job->lock);
}

/* Whether to stop: yes once stopped; else the calling thread (caller) polls
 * first. */
static int job_stopped(struct mod_job *job, int caller)
{
    if (atomic_load_explicit(&job->stop, memory_order_relaxed)) return 1;   /* once stopped, no more polls */
    if (caller && job->poll != NULL && job->poll(job->ctx) != 0) job_set_stop(job);
    return atomic_load_explicit(&job->stop, memory_order_relaxed);
}

/* The seed's question, asked on the calling thread. */
static int job_stop_poll(void *job) { return job_stopped(job, 1); }

/* The state at cut[i] with unit part 1: the true exponents (Kummer). */
static void unit_state(const struct walker *W, uint64_t k, struct mod_state *s)
{
    s->k = k;
    s->u = 1 % W->m;
    memset(s->e, 0, sizeof s->e);
    for (unsigned l = 0; l < W->ns; l++) s->e[l] = (unsigned char)pr_carries(W->n, k, W->f[l].p);
}

/* s over [s->k, end) in chunks, with or without values; 0, or -1 stopped. */
static int walk_chunks(struct mod_job *job, struct mod_state *s, uint64_t end, int values, int caller)
{
    while (s->k < end) {
        if (job_stopped(job, caller)) return -1;
        uint64_t len = end - s->k < CHUNK ? end - s->k : CHUNK;
        pr_walk_mod(job->W, s, len, values ? &job->out : NULL);
    }
    return 0;
}

/* Part 0, on the calling thread: its seed, handed to the later parts when
 * there are any, then its walk. */
static void walk_first(struct mod_job *job)
{
    const struct pr_stop stop = { job_stop_poll, job };
    struct mod_state s;
    if (pr_seed(job->M, job->W, job->cut[0], &s, &stop) < 0) return;   /* stopped: the helpers see it */
    if (job->nparts > 1) {
        pthread_mutex_lock(&job->lock);
        job->first = s;
        job->have_first = 1;
        pthread_cond_broadcast(&job->more);
        pthread_mutex_unlock(&job->lock);
    }
    walk_chunks(job, &s, job->cut[1], 1, 1);
}

/* Part i ≥ 1 (see struct mod_job). */
static void walk_later(struct mod_job *job, unsigned i, int caller)
{
    const struct walker *W = job->W;
    struct mod_state s;
    unit_state(W, job->cut[i - 1], &s);
    if (walk_chunks(job, &s, job->cut[i], 0, caller) < 0) return;
    pthread_mutex_lock(&job->lock);
    job->ratio[i - 1] = s.u;
    job->have[i - 1] = 1;
    pthread_cond_broadcast(&job->more);
    unsigned j = 0;
    for (;;) {
        while (j < i && job->have[j]) j++;
        if (atomic_load(&job->stop) || (j == i && job->have_first)) break;
        pthread_cond_wait(&job->more, &job->lock);
    }
    uint64_t u = job->first.u;
    pthread_mutex_unlock(&job->lock);
    if (j < i) return;                              /* stopped */
    for (j = 0; j < i; j++) u = pr_mod_mul(&W->R, job->ratio[j], u);
    unit_state(W, job->cut[i], &s);
    s.u = u;
    walk_chunks(job, &s, job->cut[i + 1], 1, caller);
}

/* Part `part` of the job: part 0 on the calling thread (the pool runs it
 * there), the others wherever the pool runs them; the calling thread polls. */
static void run_part(void *vjob, unsigned part)
{
    struct mod_job *job = vjob;
    if (part == 0) walk_first(job);
    else walk_later(job, part, pthread_equal(pthread_self(), job->caller));
}

/* The calling thread, its parts done, while it waits for the others. */
static void wait_poll(void *job) { job_stopped(job, 1); }

/* Part i's start: part sizes s_0 = t, s_i = t − r·s_{i−1} with r the
 * ratio's cost (RATIO_COST, SMALL_RATIO_COST), so that each thread's walk
 * plus its ratio takes t, scaled to the range. */
static void cut_parts(struct mod_job *job, uint64_t lo, uint64_t hi)
{
    const double r = job->W->way == SMALL ? SMALL_RATIO_COST : RATIO_COST;
    double size[MAX_PARTS], total = 0;
    for (unsigned i = 0; i < job->nparts; i++) {
        size[i] = i == 0 ? 1.0 : 1.0 - r * size[i - 1];
        total += size[i];
    }
    double at = 0;
    job->cut[0] = lo;
    for (unsigned i = 1; i < job->nparts; i++) {
        at += size[i - 1] / total;
        uint64_t c = lo + (uint64_t)(at * (double)(hi - lo));
        job->cut[i] = c < job->cut[i - 1] ? job->cut[i - 1] : c > hi ? hi : c;
    }
    job->cut[job->nparts] = hi;
}

int pr_walk_threads(const struct modulus *M, const struct walker *W, const struct mod_out *out, uint64_t lo,
                    uint64_t hi, unsigned nthreads, pascalrow_poll poll, void *ctx)
{
    uint64_t parts = (hi - lo) / PART_MIN;
    if (nthreads < parts) parts = nthreads;
    if (parts > MAX_PARTS) parts = MAX_PARTS;
    if (parts < 1) parts = 1;
    struct mod_job job = { .M = M, .W = W, .out = *out, .nparts = (unsigned)parts, .poll = poll, .ctx = ctx };
    atomic_init(&job.stop, 0);
    job.caller = pthread_self();
    job.synced = 0;
    if (job.nparts > 1 && pthread_mutex_init(&job.lock, NULL) == 0) {
        if (pthread_cond_init(&job.more, NULL) == 0) job.synced = 1;
        else pthread_mutex_destroy(&job.lock);
    }
    if (!job.synced) job.nparts = 1;                /* one part: no lock needed, none made */
    cut_parts(&job, lo, hi);
    if (job.nparts == 1) walk_first(&job);
    else {
        /* parts 1 .. nparts − 1 taken in order (pool.h): a part waits only
         * for earlier ones, which are running; the caller polls as it waits */
        const struct pr_pool_wait wait = { wait_poll, &job, WAIT_POLL_NS };
        pr_pool_run_waiting(job.nparts, run_part, &job, &wait);
    }
    if (job.synced) {
        pthread_cond_destroy(&job.more);
        pthread_mutex_destroy(&job.lock);
    }
    return atomic_load(&job.stop) ? PASCALROW_EINTR : PASCALROW_OK;
}
