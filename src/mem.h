/* Memory bounds for the checks before GMP calls (see mem.c; the probe itself
 * is the public pascalrow_memory_available); library-internal, not
 * installed. */
#ifndef PASCALROW_MEM_H
#define PASCALROW_MEM_H

#include "internal.h"

/* Values up to this many bits are sized by pr_comb_bits_cheap alone: the
 * logarithms of pascalrow_comb_bits_bound cost more than computing such a
 * value (C(100, 50), say). */
#define PR_CHEAP_BITS_MAX ((uint64_t)1 << 16)

/* A bound on bitlen C(n,k), k ≤ n, with no logarithm, tight only for small
 * values: with k = min(k, n − k) (C(n,k) = C(n,n−k)), C(n,k) < 2^n and
 * C(n,k) ≤ n^k < 2^(64k). */
static inline uint64_t pr_comb_bits_cheap(uint64_t n, uint64_t k)
{
    if (k > n - k) k = n - k;
    return k < n / 64 ? 64 * k + 1 : n;
}

/* An upper bound on the bytes GMP holds at once during mpz_bin_uiui(n, k):
 * the result and every temporary, with allocator overhead.  k ≤ n. */
uint64_t pr_gmp_bin_uiui_bytes(uint64_t n, uint64_t k);

/* An upper bound on the bytes pr_bin_uiui(n, k, out) holds at once: that of
 * pr_binom (binom.c).  k ≤ n. */
uint64_t pr_bin_uiui_bytes(uint64_t n, uint64_t k);

/* An upper bound on the bytes GMP holds at once during mpz_bin_ui(rop, N, k)
 * for an N of nbits bits. */
uint64_t pr_bin_ui_bytes(uint64_t nbits, uint64_t k);

/* An upper bound on the bytes an mpz_t holding a value of `bits` bits
 * occupies (limbs rounded up, plus the allocator's header). */
uint64_t pr_mpz_bytes(uint64_t bits);

/* An upper bound on the bytes GMP allocates during mpz_mul(rop, a, b) for
 * operands of `abits` and `bbits` bits: the product and the multiplication's
 * scratch (rop may be a or b). */
uint64_t pr_mul_bytes(uint64_t abits, uint64_t bbits);

/* out = C(n, k), k ≤ n, on the calling thread (pr_binom, binom.c), or
 * PASCALROW_ENOMEM without calling GMP when the memory it could need is not
 * there (out is then unchanged).  Every exact C(n, k) of the library comes
 * from here. */
int pr_bin_uiui(uint64_t n, uint64_t k, mpz_t out);

#endif
