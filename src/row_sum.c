/* Sums of a slice of a row, exactly: Σ_{start ≤ k < stop} C(n,k) as an mpz_t.
 *
 * Identities:
 *   Σ_{k=0}^{n} C(n,k) = 2^n                 (the whole row: no walk);
 *   C(n,k) = C(n,n−k)                        (each distinct value is walked
 *                                             once, over the lower half, and
 *                                             counts as often as it has places
 *                                             in the slice: pr_slice_weight);
 *   Σ_{slice} = 2^n − Σ_{rest of the row}    (the rest is walked instead when
 *                                             it is shorter: pr_slice_rest_end).
 * The values come from pascalrow_walk and are added into limb accumulators
 * as they pass: nothing of the slice is kept.  Values of weight 1 and 2 go
 * to two accumulators, joined at the end as once + 2·twice, so each value is
 * added once.
 */
#include "mem.h"
#include "slice.h"

#include <stdlib.h>
#include <string.h>

/* A sum in limbs: limbs[0..size) with zeros above, up to its capacity. */
struct acc {
    mp_limb_t *limbs;
    size_t size;
};

struct sum_ctx {
    struct pr_slice_places slice;  /* [a, b) of row n; out unused */
    int complement;                /* weights of the rest of the row */
    struct acc once, twice;
};

/* acc += value.  The capacity holds the final sum, which bounds every
 * partial sum and every value added. */
static void acc_add(struct acc *s, const uint64_t *limbs, size_t nlimbs)
{
    if (nlimbs > s->size) s->size = nlimbs;          /* the limbs above were zero */
    mp_limb_t carry = mpn_add(s->limbs, s->limbs, (mp_size_t)s->size, limbs, (mp_size_t)nlimbs);
    if (carry) s->limbs[s->size++] = carry;
}

static int sum_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct sum_ctx *c = vctx;
    int w = pr_slice_weight(&c->slice, k, c->complement);
    if (w == 1) acc_add(&c->once, limbs, nlimbs);
    else if (w == 2) acc_add(&c->twice, limbs, nlimbs);
    return 0;
}

/* A walk over [lo, hi) with the weights of the slice [a, b) or of its
 * complement: the sum in (*sum)[0..*size), a buffer of the caller's to free.
 * Its accumulators hold at most `bits` bits: the walk's count times its
 * largest value, 2^bits ≥ 2·(hi − lo)·max C(n,k); and never more than the
 * row's 2^n, cap limbs. */
static int walk_sum(uint64_t n, uint64_t a, uint64_t b, uint64_t lo, uint64_t hi, int complement,
                    size_t cap, mp_limb_t **sum, size_t *size)
{
    uint64_t bits = pr_add_sat(pr_range_bits_bound(n, lo, hi), 66);
    size_t alimbs = bits / GMP_NUMB_BITS + 2;
    if (alimbs > cap) alimbs = cap;
    struct sum_ctx c = { { n, a, b, NULL }, complement, { NULL, 0 }, { NULL, 0 } };
    c.once.limbs = calloc(2 * alimbs, sizeof(mp_limb_t));
    if (c.once.limbs == NULL) return PASCALROW_ENOMEM;
    c.twice.limbs = c.once.limbs + alimbs;
    int st = pascalrow_walk(n, lo, hi, sum_sink, &c);
    if (st != PASCALROW_OK) {
        free(c.once.limbs);
        return st;
    }
    /* once + 2·twice, into once (the total fits the accumulators, as above) */
    if (c.twice.size > 0) {
        mp_limb_t top = mpn_lshift(c.twice.limbs, c.twice.limbs, (mp_size_t)c.twice.size, 1);
        if (top) c.twice.limbs[c.twice.size++] = top;
        mpn_add(c.once.limbs, c.once.limbs, (mp_size_t)alimbs, c.twice.limbs, (mp_size_t)c.twice.size);
    }
    *sum = c.once.limbs;
    *size = alimbs;
    return PASCALROW_OK;
}

int pascalrow_row_sum_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, &start, &stop);
    if (st == PASCALROW_ERANGE) return st;
    if (st == PASCALROW_OK) {                        /* empty: 0, without allocating */
        if (mpz_sgn(out) != 0) mpz_set_ui(out, 0);
        return PASCALROW_OK;
    }
    /* Every sum of row n is at most 2^n: n + 1 bits, cap limbs. */
    const size_t cap = n / GMP_NUMB_BITS + 1;
    if (cap > SIZE_MAX / (2 * sizeof(mp_limb_t))) return PASCALROW_ERANGE;
    const size_t pow_limb = cap - 1;                 /* 2^n = r[pow_limb] << pow_bit */
    const unsigned pow_bit = n % GMP_NUMB_BITS;
    mp_limb_t *r = NULL;
    size_t size = 0;
    if (start == 0 && stop == n + 1) {               /* Σ_k C(n,k) = 2^n */
        r = calloc(cap, sizeof *r);
        if (r == NULL) return PASCALROW_ENOMEM;
        r[pow_limb] = (mp_limb_t)1 << pow_bit;
        size = cap;
    } else {
        uint64_t lo, hi, rest = pr_slice_rest_end(n, start, stop);
        pascalrow_slice_hull(n, start, stop, &lo, &hi);
        /* C(n,j) ≤ C(n,lo+j) while lo + j ≤ n/2 (the row rises to its
         * middle): a shorter walk from k = 0 is also the cheaper one, and
         * needs no C(n,lo) to start from. */
        if (rest >= hi - lo) {
            st = walk_sum(n, start, stop, lo, hi, 0, cap, &r, &size);
        } else {
            mp_limb_t *s = NULL;
            size_t ssize = 0;
            st = walk_sum(n, start, stop, 0, rest, 1, cap, &s, &ssize);
            if (st == PASCALROW_OK && (r = calloc(cap, sizeof *r)) == NULL) st = PASCALROW_ENOMEM;
            if (st == PASCALROW_OK) {
                /* 2^n − Σ_{rest} = (−Σ_{rest} + 2^n) mod 2^(64·cap), as 2^n < 2^(64·cap) */
                memcpy(r, s, ssize * sizeof *r);
                mpn_neg(r, r, (mp_size_t)cap);
                r[pow_limb] += (mp_limb_t)1 << pow_bit;
                size = cap;
            }
            free(s);
        }
        if (st != PASCALROW_OK) return st;
    }
    while (size > 0 && r[size - 1] == 0) size--;
    /* the caller's mpz_t grows inside GMP: checked first (mem.c) */
    st = pascalrow_memory_available(pr_mpz_bytes(size * GMP_NUMB_BITS));
    if (st == PASCALROW_OK) {
        mp_limb_t *d = mpz_limbs_write(out, (mp_size_t)size);   /* ≥ 1: C(n,k) ≥ 1 */
        memcpy(d, r, size * sizeof *d);
        mpz_limbs_finish(out, (mp_size_t)size);
    }
    free(r);
    return st;
}
