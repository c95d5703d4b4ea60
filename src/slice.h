/* Placing the values of a slice computed from its lower half, for the
 * library's slice functions (see pascalrow_slice_hull in pascalrow.h). */
#ifndef PASCALROW_SLICE_H
#define PASCALROW_SLICE_H

#include "pascalrow.h"

/* The slice [a, b) of row n (b clipped to n + 1) and where it goes. */
struct slice_places {
    uint64_t n, a, b;
    void *out;
};

/* C(n,k) = C(n,n−k): the value of k ≤ n/2 belongs at k − a and at n − k − a,
 * each when inside the slice, the second only when n − k ≠ k.  Writes the
 * positions to pos and returns how many (0, 1 or 2). */
static inline int slice_positions(const struct slice_places *sp, uint64_t k, uint64_t pos[2])
{
    int c = 0;
    if (k >= sp->a && k < sp->b) pos[c++] = k - sp->a;
    uint64_t j = sp->n - k;
    if (j != k && j >= sp->a && j < sp->b) pos[c++] = j - sp->a;
    return c;
}

static inline void slice_put_u64(const struct slice_places *sp, uint64_t k, uint64_t v)
{
    uint64_t pos[2];
    for (int i = slice_positions(sp, k, pos); i-- > 0;) ((uint64_t *)sp->out)[pos[i]] = v;
}

#endif
