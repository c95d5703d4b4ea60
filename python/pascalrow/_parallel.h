/* One ufunc inner loop call split over threads: the index range [0, count)
 * cut into contiguous parts, each run by the same serial loop with its
 * arguments advanced by NumPy's strides.  No Python: NumPy calls these loops
 * with the GIL released. */
#ifndef PASCALROW_PARALLEL_H
#define PASCALROW_PARALLEL_H

#include <stdint.h>

/* A serial inner loop: `count` elements, nargs arguments at args[i] with
 * byte strides steps[i]; data is the ufunc loop's data. */
typedef void pr_serial_loop(char **args, intptr_t count, const intptr_t *steps, const void *data);

/* The most arguments (inputs and outputs) a loop has here. */
#define PR_PARALLEL_MAX_ARGS 8
/* Runs loop over [0, count) on up to `threads` threads (the caller's among
 * them, PASCALROW_MAX_THREADS at most; the library's worker pool,
 * src/pool.h), all done before it returns; one thread when count is below
 * PASCALROW_MIN_VALUES_PER_THREAD, threads ≤ 1 or no worker can be had. */
void pr_parallel_loop(pr_serial_loop *loop, char **args, intptr_t count, const intptr_t *steps,
                      const void *data, int nargs, int64_t threads);

#endif
