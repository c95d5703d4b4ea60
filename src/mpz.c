/* GMP front ends: whole rows, slices and single coefficients as mpz_t, the
 * latter for negative n too. */
#include "binom.h"
#include "internal.h"
#include "mem.h"
#include "slice.h"

#include <string.h>

/* Copy the walk's limbs into an mpz_t without a temporary. */
static void set_limbs(mpz_t z, const uint64_t *limbs, size_t nlimbs)
{
    mp_limb_t *d = mpz_limbs_write(z, (mp_size_t)nlimbs);
    memcpy(d, limbs, nlimbs * sizeof *d);
    mpz_limbs_finish(z, (mp_size_t)nlimbs);
}

/* The caller's mpz_t grow inside GMP (mpz_limbs_write, mpz_set reallocate
 * them), so the whole output, `values` values of at most `bits` bits each
 * (or `total_bits` in all when known), plus the walk's scratch of one such
 * value, is checked for room before the walk starts (mem.c). */
static int output_fits(uint64_t values, uint64_t bits, uint64_t total_bits)
{
    uint64_t each = pr_mpz_bytes(bits);
    uint64_t out = total_bits ? pr_add_sat(total_bits / 8, pr_mul_sat(values, pr_mpz_bytes(0)))
                              : pr_mul_sat(values, each);
    return pascalrow_memory_available(pr_add_sat(out, each));
}

/* C(n,k) = C(n,n−k): the value of k ≤ n/2 fills its places in the slice
 * (slice.h), the second one a copy of the first. */
static int places_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    const struct pr_slice_places *sp = vctx;
    mpz_t *out = sp->out;
    uint64_t pos[2];
    int count = pr_slice_positions(sp, k, pos);
    set_limbs(out[pos[0]], limbs, nlimbs);   /* count ≥ 1: the hull's promise */
    if (count == 2) mpz_set(out[pos[1]], out[pos[0]]);
    return 0;
}

/* The slice [start, stop) (clipped, non-empty), each distinct value walked
 * once over the slice's lower-half range (pascalrow_slice_hull). */
static int walk_places(uint64_t n, uint64_t start, uint64_t stop, mpz_t *out)
{
    uint64_t lo, hi;
    pascalrow_slice_hull(n, start, stop, &lo, &hi);
    struct pr_slice_places sp = { n, start, stop, out };
    return pascalrow_walk(n, lo, hi, places_sink, &sp);
}

int pascalrow_row_mpz(uint64_t n, mpz_t *out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    if (n >= SIZE_MAX) return PASCALROW_ERANGE;
    /* both halves are stored: about twice the half row's bits */
    int st = output_fits(n + 1, pascalrow_comb_bits_bound(n, n / 2),
                         pr_mul_sat(2, pascalrow_row_half_bits(n)));
    if (st != PASCALROW_OK) return st;
    return walk_places(n, 0, n + 1, out);
}

int pascalrow_slice_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t *out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    st = output_fits(stop - start, pr_range_bits_bound(n, start, stop), 0);
    if (st != PASCALROW_OK) return st;
    return walk_places(n, start, stop, out);
}

int pascalrow_comb_mpz_threads(uint64_t n, uint64_t k, unsigned nthreads, mpz_t out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    if (k > n) {                            /* C(n,k) = 0 for k > n */
        /* no allocation: a zero out is already right, a non-zero one has a limb */
        if (mpz_sgn(out) != 0) mpz_set_ui(out, 0);
        return PASCALROW_OK;
    }
    return pr_binom(n, k, nthreads, out);   /* it takes min(k, n−k) itself */
}

/* One thread: pr_binom(n, k, 1, ·) is pr_bin_uiui (mem.c). */
int pascalrow_comb_mpz(uint64_t n, uint64_t k, mpz_t out)
{
    return pascalrow_comb_mpz_threads(n, k, 1, out);
}

int pascalrow_binomial_mpz(int64_t n, uint64_t k, mpz_t out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    if (n >= 0) return pascalrow_comb_mpz((uint64_t)n, k, out);
    /* C(n, k) = n(n−1)…(n−k+1)/k!; for n < 0 each of the k factors is minus
     * one of (a + k)(a + k − 1)…(a + 1), a = −n − 1 ≥ 0, so
     * C(n, k) = (−1)^k·C(a + k, k) = (−1)^k·C(a + k, a)  (C(N,k) = C(N,N−k)). */
    uint64_t a = (uint64_t)(-(n + 1)), top;
    int st;
    if (!__builtin_add_overflow(a, k, &top)) {
        st = pr_bin_uiui(top, k, out);          /* it takes min(k, a) itself */
    } else {
        /* a + k ≥ 2^64 (65 bits): as a < 2^63 < k, it takes the lower index a */
        st = pascalrow_memory_available(pr_mpz_bytes(65));
        if (st == PASCALROW_OK) {
            mpz_t top_z;
            mpz_init_set_ui(top_z, a);
            mpz_add_ui(top_z, top_z, k);
            st = pascalrow_comb_mpz_big(top_z, k, out);
            mpz_clear(top_z);
        }
    }
    if (st == PASCALROW_OK && k % 2 == 1) mpz_neg(out, out);
    return st;
}
