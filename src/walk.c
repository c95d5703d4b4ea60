/* The exact engine: walk C(n,k) for k in [start, stop) with one limb buffer.
 *
 * Identity: C(n, k+1) = C(n, k) · (n − k) / (k + 1), the division exact
 * (C(n,k)·(n−k) = C(n,k+1)·(k+1)).  Each step is one mpn_mul_1 and one
 * mpn_divexact_1 over the current value: two linear passes, so a walk costs
 * O(Σ size) word operations — linear in its output — where the additive
 * triangle would cost O(n) times more.
 */
#include "internal.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* Seed the buffer with C(n, start).  C(n,0) = 1 needs no GMP call. */
static int seed(uint64_t n, uint64_t start, mp_limb_t *p, size_t *size)
{
    if (start == 0) {
        p[0] = 1;
        *size = 1;
        return PASCALROW_OK;
    }
    mpz_t c;
    mpz_init(c);
    int st = pr_bin_uiui(c, n, start);   /* ENOMEM, not GMP's abort (mem.c) */
    if (st != PASCALROW_OK) { mpz_clear(c); return st; }
    *size = mpz_size(c);
    memcpy(p, mpz_limbs_read(c), *size * sizeof(mp_limb_t));
    mpz_clear(c);
    return PASCALROW_OK;
}

int pascalrow_walk(uint64_t n, uint64_t start, uint64_t stop,
                   pascalrow_sink sink, void *ctx)
{
    if (sink == NULL) return PASCALROW_EINVAL;
    if (n == UINT64_MAX) return PASCALROW_ERANGE;   /* n + 1 must be representable */
    if (stop > n + 1) stop = n + 1;
    if (start >= stop) return PASCALROW_OK;

    /* Room for the largest value met: C(n,k) grows while k < n/2, so the
     * largest on [start, stop) is at the k nearest n/2.  One more limb holds
     * the product C(n,k)·(n−k) before the division, one more is slack. */
    uint64_t kmax = n / 2;
    if (kmax < start) kmax = start;
    if (kmax > stop - 1) kmax = stop - 1;
    uint64_t bits = pascalrow_comb_bits_bound(n, kmax);
    size_t cap = (size_t)(bits / GMP_NUMB_BITS) + 3;
    if (cap > SIZE_MAX / sizeof(mp_limb_t)) return PASCALROW_ERANGE;
    mp_limb_t *p = malloc(cap * sizeof *p);
    if (p == NULL) return PASCALROW_ENOMEM;

    size_t s;
    int st = seed(n, start, p, &s);
    for (uint64_t k = start; st == PASCALROW_OK; k++) {
        if (sink(ctx, k, p, s) != 0) { st = PASCALROW_EINTR; break; }
        if (k + 1 == stop) break;
        /* The bound above makes this branch dead; it keeps the loop correct
         * even if the bound were wrong. */
        if (s + 1 > cap) {
            mp_limb_t *q = realloc(p, (cap = 2 * cap) * sizeof *p);
            if (q == NULL) { st = PASCALROW_ENOMEM; break; }
            p = q;
        }
        /* C(n,k)·(n−k) ... */
        mp_limb_t carry = mpn_mul_1(p, p, (mp_size_t)s, n - k);
        if (carry) p[s++] = carry;
        /* ... / (k+1), exact */
        mpn_divexact_1(p, p, (mp_size_t)s, k + 1);
        while (p[s - 1] == 0) s--;   /* C(n,k+1) ≥ 1, so s stays ≥ 1 */
    }
    free(p);
    return st;
}
