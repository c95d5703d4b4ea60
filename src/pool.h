/* The library's worker threads (pool.c): one persistent pool that every
 * threaded computation runs its parts on; library-internal, not installed. */
#ifndef PASCALROW_POOL_H
#define PASCALROW_POOL_H

/* One part of a call: fn(ctx, part), part in [0, parts). */
typedef void pr_pool_part_fn(void *ctx, unsigned part);

/* What the calling thread does while it waits for parts other threads run:
 * fn(ctx) every `ns` nanoseconds (for example a poll for Ctrl-C that only
 * the calling thread may make). */
struct pr_pool_wait {
    void (*fn)(void *ctx);
    void *ctx;
    long ns;
};

/* Runs fn(ctx, part) exactly once for every part in [0, parts) and returns
 * once every one of them has returned.  Part 0 runs on the calling thread,
 * first; parts 1 .. parts − 1 are taken in increasing order by pool workers
 * and, as soon as it is done with the one before, by the calling thread
 * itself (so a part may wait for an earlier part of the same call, never
 * for a later one).  With parts ≤ 1, or no worker to be had, every part
 * runs on the calling thread.  May be called from any thread, several at
 * once, and from inside a part (nested calls). */
void pr_pool_run(unsigned parts, pr_pool_part_fn *fn, void *ctx);

/* pr_pool_run, the calling thread calling wait->fn(wait->ctx) every
 * wait->ns while it waits for parts other threads run (wait may be NULL). */
void pr_pool_run_waiting(unsigned parts, pr_pool_part_fn *fn, void *ctx, const struct pr_pool_wait *wait);

#endif
