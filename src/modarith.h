/* Arithmetic modulo m ≤ 2^63 − 1, for src/mod.c and src/factor.c: inline
 * functions only.
 *
 * Every product is exact: a·b < 2^126 is formed in 128 bits (pr_u128) and
 * reduced.
 */
#ifndef PASCALROW_MODARITH_H
#define PASCALROW_MODARITH_H

#include "internal.h"

/* a·b mod m. */
static inline uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    return (uint64_t)((pr_u128)a * b % m);
}

/* b^e mod m, square and multiply. */
static inline uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    for (b %= m; e; e >>= 1, b = mulmod(b, b, m))
        if (e & 1) r = mulmod(r, b, m);
    return r;
}

/* a^{-1} mod m for gcd(a, m) = 1 (extended Euclid).  The Bézout coefficient
 * t with t·a ≡ r (mod m) stays within (−m, m), so int64_t holds it. */
static inline uint64_t invmod(uint64_t a, uint64_t m)
{
    int64_t t = 0, nt = 1;
    uint64_t r = m, nr = a % m;
    while (nr != 0) {
        uint64_t q = r / nr, tr = r - q * nr;
        int64_t tt = t - (int64_t)q * nt;
        r = nr; nr = tr;
        t = nt; nt = tt;
    }
    return t < 0 ? (uint64_t)(t + (int64_t)m) : (uint64_t)t;
}

/* ------------------------------------------------------------ Montgomery */

/* a·b·R^{-1} mod q for odd q < 2^63, R = 2^64 (Montgomery): with t = a·b,
 * m = t·(−q^{-1}) mod R makes t + m·q divisible by R, and (t + m·q)/R < 2q
 * for t < q·R.  Two multiplications where mulmod needs a 128/64 division.
 * qneg_inv = −q^{-1} mod 2^64. */
static inline uint64_t mont_mul(uint64_t a, uint64_t b, uint64_t q, uint64_t qneg_inv)
{
    pr_u128 t = (pr_u128)a * b;
    uint64_t m = (uint64_t)t * qneg_inv;
    uint64_t u = (uint64_t)((t + (pr_u128)m * q) >> 64);
    return u >= q ? u - q : u;
}

#endif
