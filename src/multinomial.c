/* Multinomial coefficients as a product of binomials.
 *
 * Identity: (k_0 + … + k_r)! / (k_0!·…·k_r!) = Π_{i≥1} C(s_i, k_i),
 * s_i = k_0 + … + k_i (choose the places of the k_i among the first s_i).
 * The largest k goes first as k_0: its own factor C(k_0, k_0) = 1 and every
 * other factor C(s_i, k_i) has k_i ≤ k_0 ≤ s_i − k_i, so each binomial is
 * computed with its smaller lower index.
 *
 * With a first term of any size (pascalrow_multinomial_mpz_big), the same
 * product: the running sum an mpz once it may pass 2^64, each binomial then
 * from pascalrow_comb_mpz_big.
 *
 * Every GMP call that allocates is checked first (mem.c), and the product is
 * built in a temporary swapped into out at the end: ENOMEM leaves out alone.
 */
#include "internal.h"
#include "mem.h"

/* out = Π C(s_i, ks[i]) over i < count but i = skip (SIZE_MAX: none),
 * s_i = first + the ks up to i.  While every s_i fits 64 bits (words: the
 * caller has checked that the sum does) they are words and the binomials
 * pr_bin_uiui's; otherwise s_i is an mpz, with room for every sum from the
 * start (they never exceed first + count·2^64), and the binomials are
 * pascalrow_comb_mpz_big's. */
static int product(const mpz_t first, int words, const uint64_t *ks, size_t count, size_t skip, mpz_t out)
{
    mpz_t acc, c, s;
    mpz_init(acc);                            /* GMP ≥ 6.2: no allocation yet */
    mpz_init(c);
    mpz_init(s);
    uint64_t w = words ? mpz_get_ui(first) : 0, sbits = 0;
    if (!words) {
        sbits = mpz_sizeinbase(first, 2);
        sbits = (sbits > 128 ? sbits : 128) + 1;   /* first + count·2^64 < 2^(sbits) */
    }
    int st = pascalrow_memory_available(pr_add_sat(pr_mpz_bytes(1), words ? 0 : pr_mpz_bytes(sbits)));
    if (st == PASCALROW_OK) {
        mpz_set_ui(acc, 1);                   /* the empty product */
        if (!words) {
            mpz_realloc2(s, sbits);
            mpz_set(s, first);
        }
    }
    for (size_t i = 0; i < count && st == PASCALROW_OK; i++) {
        if (i == skip || ks[i] == 0) continue;
        if (words) {
            w += ks[i];
            st = pr_bin_uiui(w, ks[i], c);    /* C(s_i, k_i) */
        } else {
            mpz_add_ui(s, s, ks[i]);
            st = pascalrow_comb_mpz_big(s, ks[i], c);
        }
        if (st == PASCALROW_OK)
            st = pascalrow_memory_available(pr_mul_bytes(mpz_sizeinbase(acc, 2), mpz_sizeinbase(c, 2)));
        if (st == PASCALROW_OK) mpz_mul(acc, acc, c);
    }
    if (st == PASCALROW_OK) mpz_swap(out, acc);
    mpz_clear(s);
    mpz_clear(c);
    mpz_clear(acc);
    return st;
}

/* Whether first + Σ ks fits 64 bits. */
static int sum_fits(const mpz_t first, const uint64_t *ks, size_t count)
{
    if (!mpz_fits_ulong_p(first)) return 0;
    uint64_t sum = mpz_get_ui(first);
    for (size_t i = 0; i < count; i++)
        if (__builtin_add_overflow(sum, ks[i], &sum)) return 0;
    return 1;
}

int pascalrow_multinomial_mpz(const uint64_t *ks, size_t count, mpz_t out)
{
    if (out == NULL || (ks == NULL && count > 0)) return PASCALROW_EINVAL;
    size_t top = 0;
    uint64_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        if (ks[i] > UINT64_MAX - sum) return PASCALROW_ERANGE;
        sum += ks[i];
        if (ks[i] > ks[top]) top = i;
    }
    /* the largest term as a read-only mpz over a word of the stack */
    mp_limb_t limb = count > 0 ? ks[top] : 0;
    mpz_t first;
    mpz_roinit_n(first, &limb, limb != 0);
    return product(first, 1, ks, count, top, out);
}

uint64_t pascalrow_multinomial_mpz_big_bits(uint64_t top_bits, const uint64_t *ks, size_t count)
{
    /* C(s_i, k_i) ≤ s_i^k_i, and s_i < 2^top_bits + count·2^64 has at most
     * top_bits + 65 bits while top_bits ≥ 64 + log2 count. */
    uint64_t bits = 0, per = pr_add_sat(top_bits, 65);
    for (size_t i = 0; ks != NULL && i < count; i++) bits = pr_add_sat(bits, pr_mul_sat(ks[i], per));
    return bits;
}

int pascalrow_multinomial_mpz_big(const mpz_t top, const uint64_t *ks, size_t count, mpz_t out)
{
    if (top == NULL || out == NULL || (ks == NULL && count > 0) || mpz_sgn(top) < 0) return PASCALROW_EINVAL;
    return product(top, sum_fits(top, ks, count), ks, count, SIZE_MAX, out);
}
