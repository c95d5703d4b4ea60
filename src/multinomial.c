/* Multinomial coefficients as a product of binomials.
 *
 * Identity: (k_0 + … + k_r)! / (k_0!·…·k_r!) = Π_{i≥1} C(s_i, k_i),
 * s_i = k_0 + … + k_i (choose the places of the k_i among the first s_i).
 * The largest k goes first as k_0: its own factor C(k_0, k_0) = 1 and every
 * other factor C(s_i, k_i) has k_i ≤ k_0 ≤ s_i − k_i, so each binomial is
 * computed with its smaller lower index.
 *
 * Every GMP call that allocates is checked first (mem.c), and the product is
 * built in a temporary swapped into out at the end: ENOMEM leaves out alone.
 */
#include "internal.h"
#include "mem.h"

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
    mpz_t acc, c;
    mpz_init(acc);                            /* GMP ≥ 6.2: no allocation yet */
    mpz_init(c);
    int st = pascalrow_memory_available(pr_mpz_bytes(1));
    if (st == PASCALROW_OK) mpz_set_ui(acc, 1);           /* the empty product */
    uint64_t s = count > 0 ? ks[top] : 0;
    for (size_t i = 0; i < count && st == PASCALROW_OK; i++) {
        if (i == top || ks[i] == 0) continue;
        s += ks[i];
        st = pr_bin_uiui(s, ks[i], c);        /* C(s_i, k_i) */
        if (st == PASCALROW_OK)
            st = pascalrow_memory_available(pr_mul_bytes(mpz_sizeinbase(acc, 2), mpz_sizeinbase(c, 2)));
        if (st == PASCALROW_OK) mpz_mul(acc, acc, c);
    }
    if (st == PASCALROW_OK) mpz_swap(out, acc);
    mpz_clear(c);
    mpz_clear(acc);
    return st;
}
