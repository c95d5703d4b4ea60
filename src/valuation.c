/* The exponent of a prime in C(n, k): Kummer's theorem. */
#include "factor.h"
#include "internal.h"

/* v_p C(n, k), k ≤ n, p prime.  Kummer: the number of carries when k and
 * m = n − k are added in base p.  For p = 2 it is counted at once: by
 * Legendre, v_2(i!) = i − s_2(i), so v_2 C(n, k) = s_2(k) + s_2(n − k) − s_2(n).
 * Otherwise digit by digit: digit i carries out when k_i + m_i + c_i ≥ p,
 * written k_i ≥ p − m_i − c_i so that nothing wraps (p − m_i ≥ 1 ≥ c_i).
 * Once both are 0 no carry is left to start another: 0 + 0 + 1 < p. */
static uint64_t carries(uint64_t n, uint64_t k, uint64_t p)
{
    uint64_t m = n - k, v = 0;
    if (p == 2)
        return (uint64_t)(__builtin_popcountll(k) + __builtin_popcountll(m) - __builtin_popcountll(n));
    for (uint64_t c = 0; k != 0 || m != 0; k /= p, m /= p) {
        c = k % p >= p - m % p - c;
        v += c;
    }
    return v;
}

int pascalrow_valuation(uint64_t n, uint64_t k, uint64_t p, uint64_t *out)
{
    if (out == NULL || k > n || !pr_is_prime_u64(p)) return PASCALROW_EINVAL;
    *out = carries(n, k, p);
    return PASCALROW_OK;
}

int pascalrow_valuations(uint64_t p, size_t count, const uint64_t *n, const uint64_t *k,
                         uint64_t *out, size_t *first_bad)
{
    if (first_bad != NULL) *first_bad = count;
    if (count == 0) return pr_is_prime_u64(p) ? PASCALROW_OK : PASCALROW_EINVAL;
    if (n == NULL || k == NULL || out == NULL || !pr_is_prime_u64(p)) return PASCALROW_EINVAL;
    for (size_t i = 0; i < count; i++) {
        if (k[i] > n[i]) {
            if (first_bad != NULL) *first_bad = i;
            return PASCALROW_EINVAL;
        }
        out[i] = carries(n[i], k[i], p);
    }
    return PASCALROW_OK;
}
