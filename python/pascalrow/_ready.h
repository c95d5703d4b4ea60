/* A count of items that one thread makes and other threads wait for.
 *
 * The producer makes items 0, 1, 2, ... in order and publishes how many
 * are there; a consumer that needs item k waits until the count passes k,
 * or until the producer gives up (pr_ready_fail).  Everything a producer
 * wrote to items [0, count) before publishing is visible to a consumer once
 * pr_ready_wait returns 0 for one of them.
 *
 * Consumers that catch up with the producer sleep on a condition variable.
 * Waking a thread costs microseconds, more than one item is worth, so the
 * producer wakes the sleepers once per `batch` items and at the end (a
 * sleeper whose item is not there yet goes back to sleep); the last item
 * and a failure always wake every sleeper.
 *
 * Plain C and POSIX threads, no Python: the Python binding builds rows with
 * it, and the C tests run it under ThreadSanitizer (tests/c/test_tsan.c). */
#ifndef PASCALROW_READY_H
#define PASCALROW_READY_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct {
    atomic_size_t count;       /* items [0, count) are there */
    atomic_int failed;         /* the producer gave up: no more items */
    atomic_int sleeping;       /* consumers asleep on `more` (or about to be) */
    pthread_mutex_t lock;
    pthread_cond_t more;
    size_t total;              /* the items there will be */
    size_t batch;              /* wake the sleepers once per this many items */
    size_t woken_at;           /* the producer's alone: count at its last wake-up */
} pr_ready;

/* Before any thread uses it: `total` items to come, sleepers woken every
 * `batch` ≥ 1 items.  0, or an errno value (the mutex or condition
 * variable could not be made; nothing to destroy then). */
int pr_ready_init(pr_ready *r, size_t total, size_t batch);

/* After every thread is done with it (joined). */
void pr_ready_destroy(pr_ready *r);

/* Producer: items [0, count) are there (count never decreases). */
void pr_ready_publish(pr_ready *r, size_t count);

/* Producer: no more items will come; every consumer stops waiting. */
void pr_ready_fail(pr_ready *r);

/* Consumer: 0 once item k < total is there, -1 if the producer gave up
 * before. */
int pr_ready_wait(pr_ready *r, size_t k);

#endif
