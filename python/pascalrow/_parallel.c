/* pr_parallel_loop (see _parallel.h). */
#include "_parallel.h"

#include "pascalrow.h"

#include <pthread.h>

/* The most threads one call starts, whatever it is asked for. */
#define MAX_PARTS PASCALROW_MAX_THREADS

struct part {
    pr_serial_loop *loop;
    char *args[PR_PARALLEL_MAX_ARGS];
    intptr_t count;
    const intptr_t *steps;
    const void *data;
};

static void *run_part(void *arg)
{
    struct part *p = arg;
    p->loop(p->args, p->count, p->steps, p->data);
    return NULL;
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
    struct part part[MAX_PARTS];
    pthread_t tid[MAX_PARTS];
    int started[MAX_PARTS] = { 0 };
    /* part t: q or q + 1 elements, q = count / parts, the first r = count % parts
     * of them one longer */
    const intptr_t q = count / (intptr_t)parts, r = count % (intptr_t)parts;
    for (int64_t t = 0; t < parts; t++) {
        intptr_t lo = (intptr_t)t * q + ((intptr_t)t < r ? (intptr_t)t : r);
        part[t].loop = loop;
        part[t].count = q + ((intptr_t)t < r);
        part[t].steps = steps;
        part[t].data = data;
        for (int i = 0; i < nargs; i++) part[t].args[i] = args[i] + lo * steps[i];
    }
    /* parts 1.. on threads of their own; one that cannot start runs here */
    for (int64_t t = 1; t < parts; t++) {
        started[t] = pthread_create(&tid[t], NULL, run_part, &part[t]) == 0;
        if (!started[t]) run_part(&part[t]);
    }
    run_part(&part[0]);
    for (int64_t t = 1; t < parts; t++)
        if (started[t]) pthread_join(tid[t], NULL);
}
