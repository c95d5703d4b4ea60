/* A count of items that one thread makes and other threads wait for: see
 * _ready.h.
 *
 * No wake-up is lost.  Every access to `count`, `failed` and `sleeping` is
 * sequentially consistent, so they fall in one order all threads agree on.
 * A consumer increments `sleeping`, then reads `count` (and `failed`), all
 * under the lock; the producer stores `count` (or `failed`), then reads
 * `sleeping`.  If the consumer read the old count, its increment came before
 * the producer's store, which came before the producer's read: the producer
 * sees the sleeper and broadcasts under the lock — which it can only take
 * once the consumer is inside pthread_cond_wait.  (With release stores and
 * plain loads instead, both threads could read the other's old value: the
 * store-buffer pattern.) */
#include "_ready.h"

int pr_ready_init(pr_ready *r, size_t total, size_t batch)
{
    atomic_init(&r->count, 0);
    atomic_init(&r->failed, 0);
    atomic_init(&r->sleeping, 0);
    r->total = total;
    r->batch = batch ? batch : 1;
    r->woken_at = 0;
    int e = pthread_mutex_init(&r->lock, NULL);
    if (e != 0) return e;
    e = pthread_cond_init(&r->more, NULL);
    if (e != 0) pthread_mutex_destroy(&r->lock);
    return e;
}

void pr_ready_destroy(pr_ready *r)
{
    pthread_cond_destroy(&r->more);
    pthread_mutex_destroy(&r->lock);
}

static void wake_all(pr_ready *r)
{
    pthread_mutex_lock(&r->lock);
    pthread_cond_broadcast(&r->more);
    pthread_mutex_unlock(&r->lock);
}

void pr_ready_publish(pr_ready *r, size_t count)
{
    atomic_store(&r->count, count);
    if (atomic_load(&r->sleeping) && (count >= r->total || count - r->woken_at >= r->batch)) {
        r->woken_at = count;
        wake_all(r);
    }
}

void pr_ready_fail(pr_ready *r)
{
    atomic_store(&r->failed, 1);
    if (atomic_load(&r->sleeping)) wake_all(r);
}

int pr_ready_wait(pr_ready *r, size_t k)
{
    if (atomic_load(&r->count) > k) return 0;          /* the common case: no lock */
    pthread_mutex_lock(&r->lock);
    atomic_fetch_add(&r->sleeping, 1);
    while (atomic_load(&r->count) <= k && !atomic_load(&r->failed))
        pthread_cond_wait(&r->more, &r->lock);
    atomic_fetch_sub(&r->sleeping, 1);
    pthread_mutex_unlock(&r->lock);
    return atomic_load(&r->count) > k ? 0 : -1;
}
