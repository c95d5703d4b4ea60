/* The exponent of a prime in C(n, k): Kummer's theorem. */
#include "factor.h"
#include "internal.h"

int pascalrow_valuation(uint64_t n, uint64_t k, uint64_t p, uint64_t *out)
{
    if (out == NULL || k > n || !pr_is_prime_u64(p)) return PASCALROW_EINVAL;
    /* Kummer: v_p C(n, k) is the number of carries when k and m = n − k are
     * added in base p.  Digit i carries out when k_i + m_i + c_i ≥ p, written
     * k_i ≥ p − m_i − c_i so that nothing wraps (p − m_i ≥ 1 ≥ c_i).  Once
     * both are 0 no carry is left to start another: 0 + 0 + 1 < p. */
    uint64_t m = n - k, v = 0;
    for (uint64_t c = 0; k != 0 || m != 0; k /= p, m /= p) {
        c = k % p >= p - m % p - c;
        v += c;
    }
    *out = v;
    return PASCALROW_OK;
}
