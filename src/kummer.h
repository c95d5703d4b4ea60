/* The exponent of a prime in C(n, k) (Kummer's theorem), for n < 2^64:
 * src/valuation.c, src/binom.c and the mod m code (src/mod*.c);
 * library-internal, not installed. */
#ifndef PASCALROW_KUMMER_H
#define PASCALROW_KUMMER_H

#include <stdint.h>

/* v_p C(n, k), k ≤ n, p prime.  Kummer: the number of carries when k and
 * m = n − k are added in base p.  For p = 2 it is counted at once: by
 * Legendre, v_2(i!) = i − s_2(i), so v_2 C(n, k) = s_2(k) + s_2(n − k) − s_2(n).
 * Otherwise digit by digit: digit i carries out when k_i + m_i + c_i ≥ p,
 * written k_i ≥ p − m_i − c_i so that nothing wraps (p − m_i ≥ 1 ≥ c_i).
 * Once both are 0 no carry is left to start another: 0 + 0 + 1 < p. */
static inline uint64_t pr_carries(uint64_t n, uint64_t k, uint64_t p)
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

#endif
