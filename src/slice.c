/* Slices of a row: the lower-half range that covers them, and fixed-width
 * (uint32_t / uint64_t) slices of any row.
 *
 * Identity: C(n,k) = C(n,n−k), so a slice [a, b) needs only the values of
 * its k ≤ n/2 and the mirrors n − k of its k > n/2; computed once each. */
#include "internal.h"
#include "slice.h"

int pascalrow_slice_hull(uint64_t n, uint64_t start, uint64_t stop, uint64_t *lo, uint64_t *hi)
{
    if (lo == NULL || hi == NULL) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, &start, &stop);
    if (st == PASCALROW_ERANGE) return st;
    *lo = *hi = 0;
    if (st != PR_RANGE_NONEMPTY) return st;
    const uint64_t h = n / 2 + 1;              /* the lower half is k < h */
    /* the lower part [start, min(stop, h)) and the mirror of the upper part
     * [max(start, h), stop), which is [n − stop + 1, n − max(start, h) + 1).
     * When both are non-empty the lower part is [start, h) and the mirror
     * ends at ⌈n/2⌉ ≥ start: their union has no gap. */
    uint64_t l0 = start, l1 = stop < h ? stop : h;
    uint64_t u0 = start > h ? start : h;
    int has_low = l0 < l1, has_up = u0 < stop;
    uint64_t m0 = n - stop + 1, m1 = n - u0 + 1;
    if (has_low && has_up) { *lo = l0 < m0 ? l0 : m0; *hi = l1 > m1 ? l1 : m1; }
    else if (has_low)      { *lo = l0; *hi = l1; }
    else                   { *lo = m0; *hi = m1; }
    return PASCALROW_OK;
}

struct fixed_ctx {
    struct pr_slice_places places;
    uint64_t max;          /* UINT32_MAX or UINT64_MAX */
    int wide;              /* out holds uint64_t (else uint32_t) */
};

/* Store C(n,k) in its places, or stop the walk when it does not fit. */
static int fixed_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct fixed_ctx *c = vctx;
    if (nlimbs > 1 || limbs[0] > c->max) return 1;
    uint64_t pos[2];
    for (int i = pr_slice_positions(&c->places, k, pos); i-- > 0;) {
        if (c->wide) ((uint64_t *)c->places.out)[pos[i]] = limbs[0];
        else ((uint32_t *)c->places.out)[pos[i]] = (uint32_t)limbs[0];
    }
    return 0;
}

/* The bits bound of the slice's largest value is at most 4 bits + 1e-6
 * above the true bit length (tests/c/test_core.c), so a bound above 80 proves
 * the value wider than 64 bits: refused without computing it. */
static int slice_fixed(uint64_t n, uint64_t start, uint64_t stop, void *out, int wide)
{
    if (out == NULL) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (pr_range_bits_bound(n, start, stop) > 80) return PASCALROW_EOVERFLOW;
    struct fixed_ctx c = { { n, start, stop, out }, wide ? UINT64_MAX : UINT32_MAX, wide };
    uint64_t lo, hi;
    pascalrow_slice_hull(n, start, stop, &lo, &hi);
    st = pascalrow_walk(n, lo, hi, fixed_sink, &c);
    return st == PASCALROW_EINTR ? PASCALROW_EOVERFLOW : st;
}

int pascalrow_slice_u64(uint64_t n, uint64_t start, uint64_t stop, uint64_t *out)
{
    return slice_fixed(n, start, stop, out, 1);
}

int pascalrow_slice_u32(uint64_t n, uint64_t start, uint64_t stop, uint32_t *out)
{
    return slice_fixed(n, start, stop, out, 0);
}
