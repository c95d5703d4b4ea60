/* Placing the values of a slice computed from its lower half, for the
 * library's slice functions (see pascalrow_slice_hull in pascalrow.h). */
#ifndef PASCALROW_SLICE_H
#define PASCALROW_SLICE_H

#include "pascalrow.h"

/* The slice [a, b) of row n (b clipped to n + 1) and where it goes. */
struct pr_slice_places {
    uint64_t n, a, b;
    void *out;
};

/* C(n,k) = C(n,n−k): the value of k ≤ n/2 belongs at k − a and at n − k − a,
 * each when inside the slice, the second only when n − k ≠ k.  Writes the
 * positions to pos and returns how many (0, 1 or 2). */
static inline int pr_slice_positions(const struct pr_slice_places *sp, uint64_t k, uint64_t pos[2])
{
    int c = 0;
    if (k >= sp->a && k < sp->b) pos[c++] = k - sp->a;
    uint64_t j = sp->n - k;
    if (j != k && j >= sp->a && j < sp->b) pos[c++] = j - sp->a;
    return c;
}

/* How many times C(n,k), k ≤ n/2, counts in a sum over the slice (its
 * places, 0 to 2), or, with complement, in a sum over the rest of the row:
 * C(n,k) appears once in the row when n − k = k, twice otherwise
 * (C(n,k) = C(n,n−k)), and each appearance belongs to the slice or to the
 * rest. */
static inline int pr_slice_weight(const struct pr_slice_places *sp, uint64_t k, int complement)
{
    uint64_t pos[2];
    int in = pr_slice_positions(sp, k, pos);
    return complement ? 1 + (sp->n - k != k) - in : in;
}

/* The rest of row n outside the slice [a, b) (clipped, not the whole row),
 * folded onto the lower half: every k ≤ n/2 of weight pr_slice_weight(…, 1)
 * > 0 lies in [0, L), L = min(n/2 + 1, max(a, n + 1 − b)) ≥ 1 — the rest is
 * [0, a) and [b, n], the mirror of the latter [0, n + 1 − b); and when the
 * slice lies within one half the rest takes in the whole of the other,
 * where the max already reaches n/2 + 1.  A sum over the slice is 2^n minus
 * the sum over [0, L) with those weights (Σ_k C(n,k) = 2^n). */
static inline uint64_t pr_slice_rest_end(uint64_t n, uint64_t a, uint64_t b)
{
    uint64_t h = n / 2 + 1, r = n + 1 - b, l = a > r ? a : r;
    return l < h ? l : h;
}

static inline void pr_slice_put_u64(const struct pr_slice_places *sp, uint64_t k, uint64_t v)
{
    uint64_t pos[2];
    for (int i = pr_slice_positions(sp, k, pos); i-- > 0;) ((uint64_t *)sp->out)[pos[i]] = v;
}

/* The places of the k in [k0, k0 + cnt), all ≤ n/2, as two ranges of k:
 * [r[0], r[1]) those at k − a (a ≤ k < b), and [r[2], r[3]) those at
 * n − k − a (n − b < k ≤ n − a; the one k with n − k = k, if there, has
 * only its first place).  Empty ranges have r[2i] ≥ r[2i+1]. */
static inline void pr_slice_run_places(const struct pr_slice_places *sp, uint64_t k0, uint64_t cnt,
                                       uint64_t r[4])
{
    uint64_t end = k0 + cnt, mlo = sp->n - sp->b + 1, mhi = sp->n - sp->a + 1;   /* b ≤ n + 1 */
    r[0] = k0 > sp->a ? k0 : sp->a;
    r[1] = end < sp->b ? end : sp->b;
    r[2] = k0 > mlo ? k0 : mlo;
    r[3] = end < mhi ? end : mhi;
}

/* pr_slice_put_u64 for the k = k0 + i ≤ n/2, i < cnt, of the values
 * v[i·stride], placed per range (pr_slice_run_places) instead of per value. */
static inline void pr_slice_put_run_u64(const struct pr_slice_places *sp, uint64_t k0, uint64_t cnt,
                                        const uint64_t *v, size_t stride)
{
    uint64_t *o = sp->out, n = sp->n, r[4];
    pr_slice_run_places(sp, k0, cnt, r);
    for (uint64_t k = r[0]; k < r[1]; k++) o[k - sp->a] = v[(k - k0) * stride];
    for (uint64_t k = r[2]; k < r[3]; k++)
        if (n - k != k) o[n - k - sp->a] = v[(k - k0) * stride];
}

#endif
