/* Multinomial coefficients as a product of binomials.
 *
 * Identity: (k_0 + … + k_r)! / (k_0!·…·k_r!) = Π_{i≥1} C(s_i, k_i),
 * s_i = k_0 + … + k_i (choose the places of the k_i among the first s_i).
 * The largest k goes first as k_0: its own factor C(k_0, k_0) = 1 and every
 * other factor C(s_i, k_i) has k_i ≤ k_0 ≤ s_i − k_i, so mpz_bin_uiui runs
 * with the smaller lower index.
 */
#include "internal.h"

int pascalrow_multinomial_mpz(mpz_t rop, const uint64_t *ks, size_t count)
{
    if (rop == NULL || (ks == NULL && count > 0)) return PASCALROW_EINVAL;
    size_t top = 0;
    uint64_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        if (ks[i] > UINT64_MAX - sum) return PASCALROW_ERANGE;
        sum += ks[i];
        if (ks[i] > ks[top]) top = i;
    }
    mpz_set_ui(rop, 1);
    if (count == 0) return PASCALROW_OK;
    mpz_t c;
    mpz_init(c);
    uint64_t s = ks[top];
    for (size_t i = 0; i < count; i++) {
        if (i == top || ks[i] == 0) continue;
        s += ks[i];
        mpz_bin_uiui(c, s, ks[i]);            /* C(s_i, k_i) */
        mpz_mul(rop, rop, c);
    }
    mpz_clear(c);
    return PASCALROW_OK;
}
