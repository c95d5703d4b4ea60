/* Memory checks before GMP calls: how an allocation failure inside GMP
 * becomes PASCALROW_ENOMEM instead of an abort.
 *
 * GMP aborts the process when an allocation fails ("GNU MP: Cannot allocate
 * memory").  Its allocation functions can be replaced, but only for the
 * whole process (mp_set_memory_functions): that would change every other GMP
 * user in the process too (the caller's own code, gmpy2 in the same Python)
 * — global state this library must not have — and a failing allocation
 * would still have no way back but a longjmp through GMP's internals,
 * leaking its temporaries.  So pascalrow checks before it calls GMP instead:
 *
 *   1. bound: the most GMP can hold at once during the call, from the
 *      call's arguments (pr_bin_uiui_bytes; for outputs, pr_mpz_bytes);
 *   2. probe: one malloc of that many bytes, freed at once
 *      (pascalrow_memory_available, public for callers who call GMP
 *      themselves); if it fails the call is not made and the function
 *      returns PASCALROW_ENOMEM.
 *
 * Why the probe is sufficient, and what it cannot see, is said once, in
 * pascalrow.h at pascalrow_memory_available.  Of those, Linux overcommit is
 * a failure malloc never reports; the Python binding refuses such requests
 * from an estimate of the output against the machine's memory before any
 * work.
 */
#include "mem.h"
#include "binom.h"

#include <stddef.h>
#include <stdlib.h>

int pascalrow_memory_available(uint64_t bytes)
{
    if (bytes == 0) return PASCALROW_OK;
    if (bytes > PTRDIFF_MAX) return PASCALROW_ENOMEM;   /* no object is that big */
    /* Called through a volatile pointer: a compiler may otherwise delete a
     * malloc whose block is never used and fold the test to "succeeded". */
    void *(*volatile alloc)(size_t) = malloc;
    void *p = alloc((size_t)bytes);
    if (p == NULL) return PASCALROW_ENOMEM;
    free(p);
    return PASCALROW_OK;
}

/* ceil(bits / 64) limbs, plus 32 bytes for the allocator's header and
 * alignment. */
uint64_t pr_mpz_bytes(uint64_t bits)
{
    return pr_add_sat(pr_mul_sat(bits / 64 + 1, sizeof(mp_limb_t)), 32);
}

/* GMP 6.2's mpz_bin_uiui (mpz/bin_uiui.c) picks, for k = min(k, n − k):
 *   k < 2 or a small n:        one limb;
 *   k up to a few dozen:       the result only (its buffer is sized from
 *                              bitlen(n)·k, at most a few limbs above R);
 *   k ≤ n/16 or k < 1000:      Hensel division: a buffer of ≤ k + 1 limbs,
 *                              one of 21 limbs, and the result R;
 *   k > n/16 (Goetgheluck):    a prime sieve of n/192 limbs (< k/12 limbs as
 *                              n < 16k), a factor list, and a product tree
 *                              whose multiplications need a few times R.
 * Temporaries under 64 KiB live on the stack (alloca).  Measured with
 * counting memory functions over every branch for n up to 3·10^8, the most
 * GMP held at once was R + 8k + 192 bytes (Hensel) and 12.2·R (Goetgheluck,
 * where 8k ≥ 11.8·R: with x = k/n > 1/16, R ≈ n·H(x)/8 bytes and
 * 8k/R ≈ 64x/H(x) ≥ 4/H(1/16)), so
 *   bytes ≤ 12·R + 8·(k + 1) + 4 KiB,  R = pr_mpz_bytes(bound on bitlen)
 * holds with room in every branch; tests/c/test_mem.c re-measures it against
 * the GMP the library is linked with. */
uint64_t pr_gmp_bin_uiui_bytes(uint64_t n, uint64_t k)
{
    if (k > n - k) k = n - k;                      /* C(n,k) = C(n,n−k) */
    uint64_t cheap = pr_comb_bits_cheap(n, k);
    uint64_t r = pr_mpz_bytes(cheap <= PR_CHEAP_BITS_MAX ? cheap : pascalrow_comb_bits_bound(n, k));
    uint64_t temp = pr_mul_sat(pr_add_sat(k, 1), sizeof(mp_limb_t));
    return pr_add_sat(pr_add_sat(pr_mul_sat(12, r), temp), 4096);
}

/* C(N,k) ≤ N^k has at most k·nbits bits.  GMP holds N, the result R and
 * mpz_bin_ui's temporaries (measured under 7·R with GMP 6.2) at once:
 *   bytes ≤ 12·R + 4 copies of N + 4 KiB. */
uint64_t pr_bin_ui_bytes(uint64_t nbits, uint64_t k)
{
    uint64_t r = pr_mpz_bytes(pr_mul_sat(k, nbits));
    return pr_add_sat(pr_add_sat(pr_mul_sat(12, r), pr_mul_sat(4, pr_mpz_bytes(nbits))), 4096);
}

/* GMP 6.2's mpz_mul (mpz/mul.c) writes the product P into fresh limbs when
 * rop is an operand, and mpn_mul's scratch (Toom, then the FFT) is a few
 * times P, on the stack under 64 KiB.  Measured with counting memory
 * functions for operands from 64 bits to 2^27 bits, balanced and 1:7 and
 * 1:100, the most held at once was 4.9·P (FFT sizes: 4.1–4.4·P), so
 *   bytes ≤ 6·P + 4 KiB,  P = pr_mpz_bytes(abits + bbits);
 * tests/c/test_mem.c re-measures it. */
uint64_t pr_mul_bytes(uint64_t abits, uint64_t bbits)
{
    uint64_t p = pr_mpz_bytes(pr_add_sat(abits, bbits));   /* bitlen(ab) ≤ bitlen a + bitlen b */
    return pr_add_sat(pr_mul_sat(6, p), 4096);
}

uint64_t pr_bin_uiui_bytes(uint64_t n, uint64_t k)
{
    return pr_binom_bytes(n, k);
}

/* pr_binom checks pr_binom_bytes itself before any GMP call. */
int pr_bin_uiui(uint64_t n, uint64_t k, mpz_t out)
{
    return pr_binom(n, k, 1, out);
}
