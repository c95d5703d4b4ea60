/* The seed (mod.h): C(n,k) mod m in walk form, by the cheaper of walking
 * from k = 0 and Granville's theorem per prime power of m (joined by the
 * Chinese remainder theorem), both costs counted exactly before choosing.
 * Its long loops ask a struct pr_stop whether to stop: whoever calls it
 * (a thread's poll, or no one) stays the caller's business. */
#include "mod.h"

#include <string.h>

uint64_t pr_granville_cost(const struct modulus *M, uint64_t n, uint64_t k, int skip_zero)
{
    uint64_t cost = 0;
    for (unsigned i = 0; i < M->count; i++) {
        if (skip_zero && pr_carries(n, k, M->f[i].p) >= M->f[i].a) continue;
        cost = pr_add_sat(cost, pr_granville(n, k, &M->f[i], NULL, NULL));
    }
    return cost;
}

/* s = C(n,k) in walk form from Granville per prime power: the p_i-free part
 * mod q_i divided by the other primes' powers is U mod q_i; CRT gives U. */
static void seed_granville(const struct modulus *M, const struct walker *W, uint64_t n, uint64_t k,
                           struct mod_state *s, const struct pr_stop *stop)
{
    unsigned v[PR_MAX_PRIMES];
    for (unsigned i = 0; i < M->count; i++) v[i] = (unsigned)pr_carries(n, k, M->f[i].p);
    uint64_t x = 0, mod = 1;
    for (unsigned i = 0; i < M->count; i++) {
        const uint64_t q = M->f[i].q;
        uint64_t u;
        pr_granville(n, k, &M->f[i], &u, stop);
        for (unsigned l = 0; l < M->count; l++)
            if (l != i && v[l] != 0)
                u = pr_mulmod(u, pr_invmod(pr_powmod(M->f[l].p, v[l], q), q), q);
        pr_crt_join(&x, &mod, u, q);
    }
    s->k = k;
    s->u = x;
    memset(s->e, 0, sizeof s->e);
    for (unsigned i = 0; i < W->ns; i++) s->e[i] = (unsigned char)v[i];
}

int pr_seed(const struct modulus *M, const struct walker *W, uint64_t k, struct mod_state *s,
            const struct pr_stop *stop)
{
    s->k = 0;
    s->u = 1 % M->m;
    memset(s->e, 0, sizeof s->e);
    if (k == 0) return 0;
    if (pr_granville_cost(M, W->n, k, 0) < k) {
        seed_granville(M, W, W->n, k, s, stop);
    } else {
        for (uint64_t left = k; left > 0;) {
            uint64_t len = stop == NULL || left < PR_POLL_FACTORS ? left : PR_POLL_FACTORS;
            pr_walk_mod(W, s, len, NULL);
            left -= len;
            if (left > 0 && pr_stopped(stop)) return -1;
        }
    }
    return pr_stopped(stop) ? -1 : 0;
}

uint64_t pr_seed_cost(const struct modulus *M, uint64_t n, uint64_t k)
{
    if (k == 0) return 0;
    uint64_t g = pr_granville_cost(M, n, k, 0);
    return g < k ? g : k;
}
