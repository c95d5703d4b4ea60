/* pr_parallel_loop (see _parallel.h). */
#include "_parallel.h"

#include "pascalrow.h"
#include "pool.h"

/* The most parts (threads) of one call, whatever it is asked for. */
#define MAX_PARTS PASCALROW_MAX_THREADS

struct split {
    pr_serial_loop *loop;
    char **args;
    int nargs;
    intptr_t count;
    const intptr_t *steps;
    const void *data;
    intptr_t parts;
};

/* Part t of the split: q or q + 1 elements, q = count / parts, the first
 * r = count % parts of them one longer. */
static void run_part(void *vsplit, unsigned t)
{
    const struct split *s = vsplit;
    const intptr_t q = s->count / s->parts, r = s->count % s->parts, i = (intptr_t)t;
    intptr_t lo = i * q + (i < r ? i : r);
    char *args[PR_PARALLEL_MAX_ARGS];
    for (int a = 0; a < s->nargs; a++) args[a] = s->args[a] + lo * s->steps[a];
    s->loop(args, q + (i < r), s->steps, s->data);
}

void pr_parallel_loop(pr_serial_loop *loop, char **args, intptr_t count, const intptr_t *steps,
                      const void *data, int nargs, int64_t threads)
{
    int64_t parts = count / PASCALROW_MIN_VALUES_PER_THREAD + 1;
    if (parts > threads) parts = threads;
    if (parts > MAX_PARTS) parts = MAX_PARTS;
    if (parts <= 1 || nargs > PR_PARALLEL_MAX_ARGS) {
        loop(args, count, steps, data);
        return;
    }
    /* part 0 here, the others on the library's worker pool (src/pool.h),
     * all done when it returns */
    struct split s = { loop, args, nargs, count, steps, data, (intptr_t)parts };
    pr_pool_run((unsigned)parts, run_part, &s);
}
